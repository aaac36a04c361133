package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// BenchmarkOParlFirstBuild measures the first build of all OParl objects
// of a corpus (store.SyncOParl, as `gremium serve` runs it on a database
// whose rows were written outside the store: the generated corpus, a copy
// by migrate-data), in rows per second of oparl_dirty, on SQLite (a copy
// of the corpus's file) and, when GREMIUM_TEST_POSTGRES names a server, on
// PostgreSQL (a fresh database filled by store.CopyAll). It reports the
// round trips to PostgreSQL per row (store.PGCallCount).
// GREMIUM_BENCH_OPARL_DB names a PostgreSQL database filled with the
// corpus and not yet built instead (gremium migrate-data, then
// createdb -T for each run), to look at the server's side.
//
//	GREMIUM_BENCH_DECISIONS=10000 GREMIUM_TEST_POSTGRES=postgres://… \
//	  go test ./bench -run '^$' -bench OParlFirstBuild -benchtime 1x
func BenchmarkOParlFirstBuild(b *testing.B) {
	ctx := context.Background()
	c := corpusOf(b, envInt("GREMIUM_BENCH_DECISIONS", 10_000))
	engines := []string{"sqlite"}
	filled := os.Getenv("GREMIUM_BENCH_OPARL_DB")
	if os.Getenv(storetest.EnvPostgres) != "" || filled != "" {
		engines = append(engines, "postgres")
	}
	for _, engine := range engines {
		b.Run(engine, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				dir := b.TempDir()
				if err := copyFile(filepath.Join(c.Dir, store.DBFileName), filepath.Join(dir, store.DBFileName)); err != nil {
					b.Fatal(err)
				}
				st, err := store.Open(ctx, dir)
				if err != nil {
					b.Fatal(err)
				}
				if engine == "postgres" && filled != "" {
					st.Close()
					if st, err = store.OpenDatabase(ctx, filled, b.TempDir()); err != nil {
						b.Fatal(err)
					}
				} else if engine == "postgres" {
					pg, err := store.OpenDatabase(ctx, storetest.NewPostgresDB(b), b.TempDir())
					if err != nil {
						b.Fatal(err)
					}
					if _, err := store.CopyAll(ctx, pg, st); err != nil {
						b.Fatal(err)
					}
					st.Close()
					st = pg
				}
				rows := 0
				calls := store.PGCallCount()
				b.StartTimer()
				t0 := time.Now()
				if err := st.SyncOParl(ctx, func(done, left int) { rows = max(rows, done+left) }); err != nil {
					b.Fatal(err)
				}
				d := time.Since(t0)
				b.StopTimer()
				trips := store.PGCallCount().Sub(calls).RoundTrips()
				fmt.Printf("%s: OParl objects built for %d changed rows in %s: %.0f rows/s, %.2f round trips per row\n",
					engine, rows, d.Round(time.Millisecond), float64(rows)/d.Seconds(), float64(trips)/float64(max(rows, 1)))
				b.ReportMetric(float64(rows)/d.Seconds(), "rows/s")
				st.Close()
				b.StartTimer()
			}
		})
	}
}

// copyFile copies the file from to the file to.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
