package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/minutes/minutestest"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// BenchmarkImportMinutes measures `gremium import minutes` end to end — the
// built program, a fresh database with the demo data, one file of minutes
// of GREMIUM_BENCH_IMPORT_ITEMS items (default 900, about 2 MB; item
// numbers above 999 are not in the published layout): open, parse, store
// (one transaction with its audit entries), linking, follow-up proposals;
// the new session's search documents and OParl objects are left to
// gremium serve, as the command does by default. The sub-benchmarks
// "…-index" run it with --index, which writes them in the import's run
// too. It reports MB/s of the file, and MB per second of the command's
// processor time (user + system), which other load of the machine
// changes less. Sub-benchmark sqlite uses a data directory; postgres
// (when GREMIUM_TEST_POSTGRES names a server) a fresh database per
// import.
//
//	go test ./bench -run '^$' -bench ImportMinutes -benchtime 3x
func BenchmarkImportMinutes(b *testing.B) {
	dir := b.TempDir()
	bin := buildGremium(b, dir)
	var text bytes.Buffer
	if err := minutes.Export(&text, minutestest.Synthetic(60, envInt("GREMIUM_BENCH_IMPORT_ITEMS", 900), 2030)); err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(dir, "protokoll.txt")
	if err := os.WriteFile(file, text.Bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	engines := []string{"sqlite"}
	if os.Getenv(storetest.EnvPostgres) != "" {
		engines = append(engines, "postgres")
	}
	var runs []string
	for _, engine := range engines {
		runs = append(runs, engine, engine+"-index")
	}
	for _, name := range runs {
		engine, index := strings.CutSuffix(name, "-index")
		b.Run(name, func(b *testing.B) {
			var total, cpu time.Duration
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				where := []string{"--data", filepath.Join(dir, fmt.Sprintf("%s-%d", engine, i))}
				if engine == "postgres" {
					where = append(where, "--database", storetest.NewPostgresDB(b))
				}
				if out, err := exec.Command(bin, append([]string{"demo"}, where...)...).CombinedOutput(); err != nil {
					b.Fatalf("demo data: %v\n%s", err, out)
				}
				b.StartTimer()
				t0 := time.Now()
				args := append([]string{"import", "minutes", file}, where...)
				if index {
					args = append(args, "--index")
				}
				cmd := exec.Command(bin, args...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					b.Fatalf("import: %v\n%s\n%s", err, out, stderr.String())
				}
				total += time.Since(t0)
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
				if i == 0 {
					fmt.Printf("%s: import of %d bytes: %s\n  stderr:\n%s\n", name, text.Len(), lastLines(string(out), 1), stderr.String())
				}
			}
			mbps := float64(text.Len()) * float64(b.N) / total.Seconds() / 1e6
			// The processor time of the command (user + system, all its
			// threads; on PostgreSQL without the server's).
			perCPU := float64(text.Len()) * float64(b.N) / cpu.Seconds() / 1e6
			fmt.Printf("%s: gremium import minutes end to end: %.1f MB/s (%d bytes, %s per import; %.1f MB per processor second, %s processor time per import)\n",
				name, mbps, text.Len(), (total / time.Duration(b.N)).Round(time.Millisecond), perCPU, (cpu / time.Duration(b.N)).Round(time.Millisecond))
			b.SetBytes(int64(text.Len()))
			b.ReportMetric(mbps, "MB/s-end-to-end")
			b.ReportMetric(perCPU, "MB/cpu-s")
		})
	}
}

// buildGremium builds the program into dir and gives its path.
func buildGremium(b *testing.B, dir string) string {
	b.Helper()
	bin := filepath.Join(dir, "gremium")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/gremium").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// lastLines gives the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// BenchmarkImportInProcess is BenchmarkImportMinutes without the process:
// the same steps in this process, as the command takes them by default
// (parse, store with the new session's search documents and OParl
// objects left to the server, the follow-up proposals from the parsed
// minutes, linking recommendations), one after the other, for profiling
// (-cpuprofile).
func BenchmarkImportInProcess(b *testing.B) {
	var text bytes.Buffer
	if err := minutes.Export(&text, minutestest.Synthetic(60, envInt("GREMIUM_BENCH_IMPORT_ITEMS", 900), 2030)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(text.Len()))
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		ctx := store.WithActor(context.Background(), "import")
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), "data"))
		if err != nil {
			b.Fatal(err)
		}
		if err := demo.Load(ctx, st); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		council, err := itplr.Setup(ctx, st)
		if err != nil {
			b.Fatal(err)
		}
		opts, err := minutes.StoredOptions(ctx, st, council.ID)
		if err != nil {
			b.Fatal(err)
		}
		doc, _, err := minutes.Parse(bytes.NewReader(text.Bytes()), opts)
		if err != nil {
			b.Fatal(err)
		}
		members, err := st.Members(ctx)
		if err != nil {
			b.Fatal(err)
		}
		minutes.ParsedProposals(members, council, doc)
		id, _, err := minutes.Save(ctx, st, council.ID, doc, store.OParlAfterCommit, store.SearchAfterCommit)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := minutes.LinkRecommendations(ctx, st, id, doc); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}

// BenchmarkImportArchive measures the import of an archive of minutes as
// the secretariat brings in a body's past sessions: GREMIUM_BENCH_ARCHIVE
// files (default 48) of GREMIUM_BENCH_ARCHIVE_ITEMS items each (default
// 10, about the size of a real session's minutes), the built program on a
// fresh database with the demo data, once with one `gremium import
// minutes` per file (sub-benchmark one-by-one) and once with all files in
// one command (at-once). It reports MB/s of the files, end to end.
//
//	go test ./bench -run '^$' -bench ImportArchive -benchtime 3x
func BenchmarkImportArchive(b *testing.B) {
	dir := b.TempDir()
	bin := buildGremium(b, dir)
	var files []string
	var size int64
	for i := range envInt("GREMIUM_BENCH_ARCHIVE", 48) {
		var text bytes.Buffer
		// A year of its own per session: the synthetic decisions are
		// numbered from 01 in each.
		if err := minutes.Export(&text, minutestest.Synthetic(100+i, envInt("GREMIUM_BENCH_ARCHIVE_ITEMS", 10), 2100+i)); err != nil {
			b.Fatal(err)
		}
		file := filepath.Join(dir, fmt.Sprintf("protokoll-%d.txt", 100+i))
		if err := os.WriteFile(file, text.Bytes(), 0o600); err != nil {
			b.Fatal(err)
		}
		files = append(files, file)
		size += int64(text.Len())
	}
	for _, mode := range []string{"one-by-one", "at-once"} {
		b.Run(mode, func(b *testing.B) {
			var total time.Duration
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				data := filepath.Join(dir, fmt.Sprintf("%s-%d", mode, i))
				if out, err := exec.Command(bin, "demo", "--data", data).CombinedOutput(); err != nil {
					b.Fatalf("demo data: %v\n%s", err, out)
				}
				b.StartTimer()
				t0 := time.Now()
				runs := [][]string{files}
				if mode == "one-by-one" {
					runs = nil
					for _, f := range files {
						runs = append(runs, []string{f})
					}
				}
				for _, run := range runs {
					cmd := exec.Command(bin, append([]string{"import", "minutes", "--data", data}, run...)...)
					if out, err := cmd.CombinedOutput(); err != nil {
						b.Fatalf("import: %v\n%s", err, lastLines(string(out), 5))
					}
				}
				total += time.Since(t0)
			}
			mbps := float64(size) * float64(b.N) / total.Seconds() / 1e6
			fmt.Printf("%s: %d files, %d bytes: %.1f MB/s end to end (%s per archive)\n", mode, len(files), size, mbps, (total / time.Duration(b.N)).Round(time.Millisecond))
			b.SetBytes(size)
			b.ReportMetric(mbps, "MB/s-end-to-end")
		})
	}
}
