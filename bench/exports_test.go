package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/web"
)

// BenchmarkExportEngines measures, per engine, the public answers that
// are not pages but whole files, on the corpus of BenchmarkEngines with
// the response cache off:
//
//   - calendar: the public iCalendar feeds (/sitzungen.ics, the council's
//     web.CalendarSessions newest sessions; /fachmk/termine.ics and each
//     FachMK's /fachmk/{abbrev}/termine.ics), each event stamped from the
//     audit log (store.EventChangeTimes), against the bare handler;
//   - calendar-audited: /sitzungen.ics again, after the benchmark has
//     given each of its sessions a history in the audit log
//     (GREMIUM_BENCH_SESSION_AUDIT entries a session, default 30: the
//     generated corpus writes its sessions past the store, without one),
//     taken out again afterwards;
//   - register-pdf: /beschluesse.pdf (the newest web.RegisterInPDF
//     decisions) and the same for a year deep in the corpus, against the
//     bare handler;
//   - register-csv: /beschluesse.csv, the whole register streamed by
//     keyset: in this process (MB/s, processor time a MB;
//     GREMIUM_BENCH_CPUPROFILE profiles it), then from `gremium serve` in
//     a process of its own, plain, compressed and two downloads at once,
//     with that process's resident memory sampled during each, and the
//     plain bytes from the bare handler. GREMIUM_BENCH_CSV_RUNS chooses
//     among "in-process", "gzip" and "two" (default all; the plain
//     download always runs): at 1M each takes minutes.
//
// Run like BenchmarkEngines (docs/performance.md):
//
//	go test -c -o /tmp/bench.test ./bench && cd bench &&
//	GREMIUM_BENCH_DIR=… GREMIUM_BENCH_SECONDS=6 /tmp/bench.test -test.run '^$' \
//	  -test.bench 'BenchmarkExportEngines/sqlite/' -test.benchtime 1x
func BenchmarkExportEngines(b *testing.B) {
	c := benchCorpus(b)
	for _, e := range engines(b, c) {
		ts := serveStore(b, e.st)
		b.Run(e.name+"/calendar", func(b *testing.B) {
			compareWith(b, e.name+": /sitzungen.ics, cache miss", ts, []string{"/sitzungen.ics"}, e.server())
			compareWith(b, e.name+": FachMK calendars (all and each), cache miss", ts, conferenceCalendars(b, e), e.server())
		})
		b.Run(e.name+"/calendar-audited", func(b *testing.B) {
			n := envInt("GREMIUM_BENCH_SESSION_AUDIT", 30)
			undo := auditSessions(b, e, n)
			defer undo()
			compareWith(b, fmt.Sprintf("%s: /sitzungen.ics, %d audit entries a session, cache miss", e.name, n), ts, []string{"/sitzungen.ics"}, e.server())
		})
		b.Run(e.name+"/register-pdf", func(b *testing.B) {
			compareWith(b, e.name+": /beschluesse.pdf (the newest 1,000), cache miss", ts, []string{"/beschluesse.pdf"}, e.server())
			deep := fmt.Sprintf("/beschluesse.pdf?jahr=%d", FirstYear+years/4)
			compareWith(b, e.name+": "+deep+" (its newest 1,000), cache miss", ts, []string{deep}, e.server())
		})
		b.Run(e.name+"/register-csv", func(b *testing.B) {
			args := []string{"--data", c.Dir}
			if e.name == "postgres" {
				args = []string{"--database", e.url, "--data", b.TempDir()}
			}
			registerCSV(b, c, e, ts, args...)
		})
	}
}

// conferenceCalendars gives the addresses of the FachMK calendars: all
// conferences' and each one's.
func conferenceCalendars(b *testing.B, e engineStore) []string {
	b.Helper()
	bodies, err := e.st.Bodies(context.Background(), model.BodyFachMK)
	if err != nil {
		b.Fatal(err)
	}
	paths := []string{"/fachmk/termine.ics"}
	for _, body := range bodies {
		paths = append(paths, "/fachmk/"+url.PathEscape(body.Abbrev)+"/termine.ics")
	}
	return paths
}

// auditActor marks the audit entries auditSessions writes.
const auditActor = "bench-calendar"

// auditSessions gives each session of the council's calendar feed n
// entries in the audit log, as a session's life writes them (its
// creation with all columns, then changes of its status, its time and
// place, its deadlines), spread over the weeks before its date, and
// gives the function that takes them out again. The entries are not
// chained (no benchmark verifies the chain while they are there).
func auditSessions(b *testing.B, e engineStore, n int) func() {
	b.Helper()
	ctx := context.Background()
	db := e.st.DBForTests()
	council, err := e.st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	ids, err := storeInts(ctx, e.st, `SELECT id FROM sessions WHERE body_id = ? AND date <> '' ORDER BY date DESC, number DESC LIMIT ?`,
		council.ID, web.CalendarSessions)
	if err != nil {
		b.Fatal(err)
	}
	next, err := storeInts(ctx, e.st, `SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log`)
	if err != nil {
		b.Fatal(err)
	}
	id := next[0]
	changes := []string{
		`{"status":"geplant"}`, `{"status":"eingeladen"}`, `{"place":"Berlin, Bundesministerium des Innern","change_note":"Raum geändert","sequence":1}`,
		`{"registration_deadline":"2026-03-01"}`, `{"start_time":"09:30","end_time":"13:00","sequence":2}`, `{"status":"laufend","started_at":"2026-03-19T09:31:00Z"}`,
		`{"status":"beendet","ended_at":"2026-03-19T12:58:00Z"}`, `{"minutes_stand":"2026-03-26"}`, `{"status":"Protokoll genehmigt","approved_in":1001}`,
		`{"documents_deadline":"2026-03-05","deadline_sequence":1}`,
	}
	t0 := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail, old_values, new_values, prev_hash, hash)
		VALUES (?, ?, ?, ?, 'session', ?, '', '', ?, '', '')`)
	if err != nil {
		tx.Rollback()
		b.Fatal(err)
	}
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for k, sid := range ids {
		for j := 0; j < n; j++ {
			action, values := "update", changes[j%len(changes)]
			if j == 0 {
				action = "create"
				values = fmt.Sprintf(`{"body_id":%d,"number":%d,"date":"2026-03-19","start_time":"10:00","end_time":"13:00","place":"Berlin","chair":"Bund","status":"geplant","sequence":0}`, council.ID, 1000+k)
			}
			at := start.Add(time.Duration(k)*time.Hour + time.Duration(j)*37*time.Minute).Format("2006-01-02T15:04:05.000000000Z")
			if _, err := stmt.ExecContext(ctx, id, at, auditActor, action, sid, values); err != nil {
				tx.Rollback()
				b.Fatal(err)
			}
			id++
		}
	}
	stmt.Close()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	fmt.Printf("%s: %d audit entries for the %d sessions of /sitzungen.ics written in %s\n", e.name, n*len(ids), len(ids), time.Since(t0).Round(time.Millisecond))
	return func() {
		if _, err := db.ExecContext(ctx, `DELETE FROM audit_log WHERE actor = ? AND id >= ?`, auditActor, next[0]); err != nil {
			b.Error(err)
		}
	}
}

// download is one full GET of a streamed export.
type download struct {
	bytes, lines int64
	took         time.Duration
	encoding     string
	body         []byte // kept when asked for, for the bare handler
}

// MBps gives the download's throughput in MB (10^6 bytes) a second.
func (d download) MBps() float64 { return float64(d.bytes) / 1e6 / d.took.Seconds() }

// fetchAll downloads base+path once, asking for gzip if gz, and counts
// the bytes and lines received (compressed bytes are counted as sent).
func fetchAll(client *http.Client, base, path string, gz, keep bool) (download, error) {
	req, _ := http.NewRequest(http.MethodGet, base+path, nil)
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	t0 := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return download{}, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return download{}, fmt.Errorf("bench: %s: status %d", path, res.StatusCode)
	}
	d := download{encoding: res.Header.Get("Content-Encoding")}
	var kept bytes.Buffer
	buf := make([]byte, 64<<10)
	for {
		n, err := res.Body.Read(buf)
		d.bytes += int64(n)
		d.lines += int64(bytes.Count(buf[:n], []byte{'\n'}))
		if keep {
			kept.Write(buf[:n])
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return d, err
		}
	}
	d.took = time.Since(t0)
	d.body = kept.Bytes()
	return d, nil
}

// registerCSV measures the streamed CSV of the whole register: in this
// process on ts (throughput and processor time a MB), then from `gremium
// serve` with args in a process of its own (its memory), and the bare
// handler with the same bytes.
func registerCSV(b *testing.B, c Corpus, e engineStore, ts *httptest.Server, args ...string) {
	b.Helper()
	const path = "/beschluesse.csv"
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	runs := strings.Split(os.Getenv("GREMIUM_BENCH_CSV_RUNS"), ",")
	if runs[0] == "" {
		runs = []string{"in-process", "plain", "gzip", "two"}
	}
	if slices.Contains(runs, "in-process") {
		// In this process.
		stop := profileLoad(b, e.name+": register CSV")
		c0 := CPUTime()
		in, err := fetchAll(client, ts.URL, path, false, false)
		c1 := CPUTime()
		stop()
		if err != nil {
			b.Fatal(err)
		}
		fmt.Printf("%s: %s, whole register, in this process: %d bytes, %d lines in %s, %.1f MB/s; processor time %s (%.0f ms a MB, server and client)\n",
			e.name, path, in.bytes, in.lines, in.took.Round(time.Millisecond), in.MBps(), (c1 - c0).Round(time.Millisecond), float64((c1-c0).Milliseconds())/(float64(in.bytes)/1e6))
		if in.lines < int64(c.Decisions) {
			b.Errorf("%s: %d lines, want at least %d decisions", path, in.lines, c.Decisions)
		}
		b.ReportMetric(in.MBps(), "in-process-MB/s")
		b.ReportMetric(float64((c1-c0).Milliseconds())/(float64(in.bytes)/1e6), "cpu-ms/MB")
	}

	// In a process of its own.
	base, pid, quit := startServe(b, args...)
	defer quit()
	if _, err := fetchAll(client, base, "/beschluesse", false, false); err != nil {
		b.Fatal(err)
	}
	idle, _ := processMemory(pid)
	fmt.Printf("%s: gremium serve on %d decisions, RSS before the downloads %d MB\n", e.name, c.Decisions, idle>>20)
	var plain download
	for _, run := range []struct {
		name    string
		gz      bool
		clients int
	}{{"plain", false, 1}, {"gzip", true, 1}, {"two", false, 2}} {
		if !slices.Contains(runs, run.name) && run.name != "plain" {
			continue
		}
		var got []download
		var mu sync.Mutex
		var wg sync.WaitGroup
		var errs []error
		highest := sampleRSS(pid, func() {
			for k := 0; k < run.clients; k++ {
				wg.Add(1)
				go func(keep bool) {
					defer wg.Done()
					d, err := fetchAll(client, base, path, run.gz, keep)
					mu.Lock()
					defer mu.Unlock()
					if err != nil {
						errs = append(errs, err)
						return
					}
					got = append(got, d)
				}(run.name == "plain")
			}
			wg.Wait()
		})
		if len(errs) > 0 {
			b.Fatal(errs[0])
		}
		for _, d := range got {
			fmt.Printf("  %-20s %d bytes (%s), %d lines in %s: %.1f MB/s\n", run.name, d.bytes, orIdentity(d.encoding), d.lines, d.took.Round(time.Millisecond), d.MBps())
		}
		fmt.Printf("  %-20s server RSS: highest sample %d MB (%+d MB over the idle server)\n", run.name, highest>>20, (highest-idle)>>20)
		switch run.name {
		case "plain":
			plain = got[0]
			b.ReportMetric(plain.MBps(), "MB/s")
			b.ReportMetric(float64(plain.bytes)/1e6, "MB")
			b.ReportMetric(float64(highest>>20), "server-RSS-MB")
		case "gzip":
			b.ReportMetric(float64(got[0].bytes)/1e6, "gzip-MB")
			b.ReportMetric(got[0].took.Seconds(), "gzip-s")
		default:
			b.ReportMetric(float64(highest>>20), "server-RSS-2-MB")
		}
	}
	_, peak := processMemory(pid)
	fmt.Printf("  server VmHWM after all downloads %d MB\n", peak>>20)

	// The bare handler with the same bytes.
	bare := httptest.NewServer(Bare{path: recorded{contentType: "text/csv; charset=utf-8", body: plain.body}})
	defer bare.Close()
	bd, err := fetchAll(client, bare.URL, path, false, false)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Printf("  bare handler, same bytes: %s, %.1f MB/s; ratio %.3f\n", bd.took.Round(time.Millisecond), bd.MBps(), plain.MBps()/bd.MBps())
	b.ReportMetric(plain.MBps()/bd.MBps(), "ratio")
	b.ReportMetric(plain.took.Seconds(), "s")
}

func orIdentity(enc string) string {
	if enc == "" {
		return "identity"
	}
	return enc
}

// sampleRSS runs fn and gives the highest resident memory of the process
// pid sampled every 20 ms meanwhile.
func sampleRSS(pid int, fn func()) int64 {
	done := make(chan struct{})
	go func() { fn(); close(done) }()
	var max int64
	for {
		if rss, _ := processMemory(pid); rss > max {
			max = rss
		}
		select {
		case <-done:
			return max
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// startServe starts `gremium serve` with args in a process of its own
// (built from this tree, as serverMemory does) and gives its address, its
// process id and the function that stops it.
func startServe(b *testing.B, args ...string) (base string, pid int, quit func()) {
	b.Helper()
	bin := buildGremium(b, b.TempDir())
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", addr}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	go func() {
		// The server's errors, not its request log.
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if line := sc.Text(); strings.Contains(line, "level=ERROR") || strings.Contains(line, "level=WARN") {
				fmt.Fprintln(os.Stderr, line)
			}
		}
	}()
	quit = func() { cmd.Process.Kill(); cmd.Wait() }
	base = "http://" + addr
	// The server builds missing OParl objects before it listens: minutes
	// on a corpus whose objects BenchmarkEngines has not built yet.
	t0 := time.Now()
	for ; ; time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			break
		}
		if time.Since(t0) > 60*time.Minute {
			quit()
			b.Fatal("server did not start")
		}
	}
	fmt.Printf("gremium serve answered after %s\n", time.Since(t0).Round(time.Second))
	return base, cmd.Process.Pid, quit
}
