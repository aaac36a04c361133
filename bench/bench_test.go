package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
	"gremium/internal/web"
)

// The benchmarks run once each (-benchtime 1x) and report their own
// figures; see docs/performance.md for the command. Environment:
//
//	GREMIUM_BENCH_DECISIONS  corpus size (default 1000000; sessions = /10)
//	GREMIUM_BENCH_DIR        where the corpus is kept between runs
//	GREMIUM_BENCH_SECONDS    length of each load run (default 10)
//	GREMIUM_BENCH_WORKERS    concurrent clients (default 8)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func benchCorpus(b *testing.B) Corpus {
	b.Helper()
	return corpusOf(b, envInt("GREMIUM_BENCH_DECISIONS", 1_000_000))
}

func corpusOf(b *testing.B, n int) Corpus {
	b.Helper()
	dir := os.Getenv("GREMIUM_BENCH_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), fmt.Sprintf("gremium-bench-%d", n))
	}
	start := time.Now()
	c, err := Open(context.Background(), dir, n, max(1, n/10), func(s string) { b.Logf("%s: %s", time.Since(start).Round(time.Second), s) })
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("corpus of %d decisions / %d sessions in %s (ready after %s)", c.Decisions, c.Sessions, c.Dir, time.Since(start).Round(time.Second))
	return c
}

// serve starts gremium on the corpus; cache false turns the public
// response cache off.
func serve(b *testing.B, c Corpus, cache bool) (*httptest.Server, *store.Store) {
	b.Helper()
	return serveWith(b, c, cache, true)
}

// serveWith is serve; stored false also turns off the pages rendered once
// per change (every request renders).
func serveWith(b *testing.B, c Corpus, cache, stored bool) (*httptest.Server, *store.Store) {
	b.Helper()
	st, err := store.Open(context.Background(), c.Dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	srv, err := web.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	if !cache {
		srv.SetResponseCache(-1)
	}
	srv.SetStoredPages(stored)
	ts := httptest.NewServer(srv.Handler())
	b.Cleanup(ts.Close)
	return ts, st
}

// compare loads gremium and the bare handler with the same paths, one
// after the other, and reports both and their ratio.
func compare(b *testing.B, name string, ts *httptest.Server, paths []string) {
	b.Helper()
	compareWith(b, name, ts, paths, nil)
}

// compareWith is compare; server, if not nil, gives the processor time the
// database server's processes have used so far (postgresCPU), so that the
// processor time per request counts the work gremium asks of PostgreSQL
// too, and the statements and prepares sent to PostgreSQL per request are
// reported.
func compareWith(b *testing.B, name string, ts *httptest.Server, paths []string, server func() time.Duration) {
	b.Helper()
	bare, err := Record(ts.URL, paths)
	if err != nil {
		b.Fatal(err)
	}
	baseline := httptest.NewServer(bare)
	defer baseline.Close()
	d := time.Duration(envInt("GREMIUM_BENCH_SECONDS", 10)) * time.Second
	workers := envInt("GREMIUM_BENCH_WORKERS", 8)
	ctx := context.Background()
	Load(ctx, ts.URL, paths, workers, d/5) // warm up caches and connections
	var s0 time.Duration
	if server != nil {
		s0 = server()
	}
	p0, q0 := store.PGCallCount(), store.QueryCount()
	stop := profileLoad(b, name)
	c0 := CPUTime()
	g := Load(ctx, ts.URL, paths, workers, d)
	c1 := CPUTime()
	stop()
	pg, reads := store.PGCallCount().Sub(p0), store.QueryCount()-q0
	var sd time.Duration
	if server != nil {
		sd = server() - s0
	}
	rss, peak := Memory()
	base := Load(ctx, baseline.URL, paths, workers, d)
	c2 := CPUTime()
	if g.Errors > 0 || base.Errors > 0 {
		b.Errorf("%s: %d errors from gremium, %d from the bare handler", name, g.Errors, base.Errors)
	}
	ratio := g.PerSecond() / base.PerSecond()
	fmt.Printf("%s (%d paths, %d bytes each on average, %d workers, GOMAXPROCS %d)\n  gremium %s\n  bare    %s\n  ratio   %.2f of the bare handler's requests/s; RSS %d MB (peak %d MB)\n",
		name, len(paths), bare.Bytes(), workers, runtime.GOMAXPROCS(0), g, base, ratio, rss>>20, peak>>20)
	// Processor time per request (server and clients, this process):
	// their ratio is what the requests/s ratio would be with the two cores
	// to ourselves.
	if g.Requests > 0 && base.Requests > 0 {
		gc, bc := (c1-c0)/time.Duration(g.Requests), (c2-c1)/time.Duration(base.Requests)
		fmt.Printf("  CPU per request: gremium %s, bare %s; ratio %.2f\n", gc, bc, float64(bc)/float64(gc))
		b.ReportMetric(float64(bc)/float64(gc), "cpu-ratio")
		if server != nil {
			sc := sd / time.Duration(g.Requests)
			fmt.Printf("  with the database server: gremium %s + server %s = %s per request; ratio %.2f\n",
				gc, sc, gc+sc, float64(bc)/float64(gc+sc))
			fmt.Printf("  per request: %.2f statements, %.2f prepares sent to PostgreSQL (%.2f store reads)\n",
				float64(pg.Statements)/float64(g.Requests), float64(pg.Prepares)/float64(g.Requests), float64(reads)/float64(g.Requests))
			b.ReportMetric(float64(bc)/float64(gc+sc), "cpu-ratio-with-server")
			b.ReportMetric(float64(pg.RoundTrips())/float64(g.Requests), "round-trips/req")
		}
	}
	b.ReportMetric(g.PerSecond(), "req/s")
	b.ReportMetric(base.PerSecond(), "bare-req/s")
	b.ReportMetric(ratio, "ratio")
	b.ReportMetric(ms(g.P99), "p99-ms")
	b.ReportMetric(float64(rss>>20), "RSS-MB")
}

// profileLoad starts a CPU profile of this process for the measured load
// of gremium alone (not the recording of the bare handler's bytes, not the
// warm-up, not the bare handler's run) when GREMIUM_BENCH_CPUPROFILE names
// a directory: one file per run, named after it. It gives the function
// that stops the profile.
func profileLoad(b *testing.B, name string) func() {
	dir := os.Getenv("GREMIUM_BENCH_CPUPROFILE")
	if dir == "" {
		return func() {}
	}
	file := filepath.Join(dir, strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, name)+".prof")
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			b.Error(err)
		}
		fmt.Printf("  CPU profile of the measured load: %s\n", file)
	}
}

// decisionModes are the ways the decision page and its JSON form are
// measured: as served (the requested decisions fit the response cache in
// memory); a miss of that cache served from the pages stored once per
// change (the recording of the bare handler's bytes renders and stores
// each page first); and rendered on every request (stored pages off too:
// the cost of the first request after a change).
var decisionModes = []struct {
	name          string
	cache, stored bool
}{
	{"served", true, true},
	{"miss-stored", false, true},
	{"miss-rendered", false, false},
}

func BenchmarkDecisionPage(b *testing.B) {
	c := benchCorpus(b)
	var paths []string
	for _, l := range c.Labels {
		paths = append(paths, "/beschluesse/"+l)
	}
	for _, m := range decisionModes {
		b.Run(m.name, func(b *testing.B) {
			ts, _ := serveWith(b, c, m.cache, m.stored)
			for i := 0; i < b.N; i++ {
				compare(b, "public decision page, "+m.name, ts, paths)
			}
		})
	}
}

func BenchmarkDecisionJSON(b *testing.B) {
	c := benchCorpus(b)
	var paths []string
	for _, l := range c.Labels {
		n, _ := model.ParseDecisionRef(l)
		paths = append(paths, fmt.Sprintf("/api/v1/beschluesse/%d/%d", n.Year, n.Seq))
	}
	for _, m := range decisionModes {
		b.Run(m.name, func(b *testing.B) {
			ts, _ := serveWith(b, c, m.cache, m.stored)
			for i := 0; i < b.N; i++ {
				compare(b, "JSON API decision, "+m.name, ts, paths)
			}
		})
	}
}

// searchQueries gives queries over frequent and rare words, two-word
// queries and a phrase.
func searchQueries(c Corpus) []string {
	var qs []string
	for i, w := range c.Words {
		qs = append(qs, strings.ToLower(w))
		if i+1 < len(c.Words) {
			qs = append(qs, c.Words[i]+" "+c.Words[i+1])
		}
	}
	return append(qs, `"Der IT-Planungsrat nimmt"`, "Pruefung", "Registermodernisierungen")
}

// BenchmarkSearch measures the search one query at a time: gremium's
// search (count, page, snippets), the raw FTS5 query it is built on, and
// the whole search page over HTTP.
func BenchmarkSearch(b *testing.B) {
	c := benchCorpus(b)
	ts, st := serve(b, c, false)
	ctx := context.Background()
	queries := searchQueries(c)
	db, err := sql.Open("sqlite", "file:"+filepath.Join(c.Dir, store.DBFileName)+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	// rawSearch runs the statements gremium's search runs, straight on
	// the database: the capped count and the page query.
	rawSearch := func(match, order string) error {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?)`,
			match, store.SearchCap+1).Scan(&n); err != nil {
			return err
		}
		if order == "" {
			order = "bm25(search_index)"
			if n > store.SearchCap {
				order = "rowid DESC"
			}
		}
		rows, err := db.QueryContext(ctx, `SELECT url, title, text FROM search_index WHERE search_index MATCH ? ORDER BY `+order+` LIMIT ?`, match, web.PerPage)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u, t, x string
			if err := rows.Scan(&u, &t, &x); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	rounds := envInt("GREMIUM_BENCH_SEARCH_ROUNDS", 20)
	for i := 0; i < b.N; i++ {
		var ours, raw, full, page []time.Duration
		perQuery := make([][]time.Duration, len(queries))
		hits := make([]string, len(queries))
		for r := 0; r < rounds; r++ {
			for k, text := range queries {
				q, ok := search.Parse(text)
				if !ok {
					b.Fatalf("query %q", text)
				}
				t0 := time.Now()
				res, err := search.Run(ctx, st, q, 1, web.PerPage)
				if err != nil {
					b.Fatal(err)
				}
				ours = append(ours, time.Since(t0))
				perQuery[k] = append(perQuery[k], time.Since(t0))
				hits[k] = strconv.Itoa(res.Total)
				if res.Capped {
					hits[k] = "> " + hits[k]
				}
				t0 = time.Now()
				if err := rawSearch(q.Match, ""); err != nil {
					b.Fatal(err)
				}
				raw = append(raw, time.Since(t0))
				if r == 0 {
					t0 = time.Now()
					if err := rawSearch(q.Match, "bm25(search_index)"); err != nil {
						b.Fatal(err)
					}
					full = append(full, time.Since(t0))
				}
				t0 = time.Now()
				resp, err := ts.Client().Get(ts.URL + "/suche?q=" + url.QueryEscape(text))
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				page = append(page, time.Since(t0))
			}
		}
		for k, text := range queries {
			p50, _, _ := Percentiles(perQuery[k])
			fmt.Printf("  %-45q %8s hits  p50 %6.2f ms\n", text, hits[k], ms(p50))
		}
		o50, o95, o99 := Percentiles(ours)
		r50, r95, r99 := Percentiles(raw)
		f50, f95, f99 := Percentiles(full)
		p50, p95, p99 := Percentiles(page)
		fmt.Printf("search (%d queries × %d rounds, one at a time)\n  gremium search  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms\n  raw SQL, same statements  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms\n  raw SQL, BM25 over all matches (once per query)  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms\n  /suche page     p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms\n  ratio (p95 gremium / raw) %.2f\n",
			len(queries), rounds, ms(o50), ms(o95), ms(o99), ms(r50), ms(r95), ms(r99), ms(f50), ms(f95), ms(f99), ms(p50), ms(p95), ms(p99), float64(o95)/float64(r95))
		b.ReportMetric(ms(o95), "p95-ms")
		b.ReportMetric(ms(r95), "raw-p95-ms")
		b.ReportMetric(ms(f95), "full-bm25-p95-ms")
		b.ReportMetric(ms(p95), "page-p95-ms")
		b.ReportMetric(float64(o95)/float64(r95), "ratio")
	}
}

// BenchmarkOParl measures OParl served from SQL on its own corpus
// (GREMIUM_BENCH_OPARL_DECISIONS, default 100000): first list pages, deep
// pages (keyset, spread over the whole list), single objects spread over
// the corpus — each against a bare handler with the same bytes, with the
// response cache as the server runs it by default and with it off
// (GREMIUM_BENCH_OPARL_CACHE=on or off runs only one) — and the first
// request after a write against one without. The OParl objects of a
// generated corpus are built once when it is first opened
// (store.SyncOParl); that time is reported too.
func BenchmarkOParl(b *testing.B) {
	c := corpusOf(b, envInt("GREMIUM_BENCH_OPARL_DECISIONS", 100_000))
	ctx := context.Background()
	st, err := store.Open(ctx, c.Dir)
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	rows := 0
	if err := st.SyncOParl(ctx, func(done, left int) {
		rows = done + left
		if done%100_000 < 2000 {
			b.Logf("OParl build: %d rows done, %d left", done, left)
		}
	}); err != nil {
		b.Fatal(err)
	}
	if rows > 0 {
		fmt.Printf("OParl objects built for %d changed rows in %s (once per generated corpus)\n", rows, time.Since(t0).Round(time.Second))
	}
	st.Close()
	sample := func(db *sql.DB, kind string, n int) []int64 {
		var total int64
		if err := db.QueryRowContext(ctx, `SELECT MAX(id) FROM oparl_objects WHERE kind = ?`, kind).Scan(&total); err != nil {
			b.Fatal(err)
		}
		var ids []int64
		for k := 1; k <= n; k++ {
			var id int64
			err := db.QueryRowContext(ctx, `SELECT id FROM oparl_objects WHERE kind = ? AND deleted = 0 AND id >= ? ORDER BY id LIMIT 1`, kind, total*int64(k)/int64(n+1)).Scan(&id)
			if err == nil {
				ids = append(ids, id)
			}
		}
		return ids
	}
	modes := []struct {
		name  string
		cache bool
	}{{"response cache on (default)", true}, {"response cache off", false}}
	for i := 0; i < b.N; i++ {
		for _, m := range modes {
			if v := os.Getenv("GREMIUM_BENCH_OPARL_CACHE"); v != "" && (v == "on") != m.cache {
				continue
			}
			oparlRun(b, c, m.name, m.cache, sample)
		}
	}
}

// oparlRun is one run of BenchmarkOParl with the response cache on or off.
func oparlRun(b *testing.B, c Corpus, mode string, cache bool, sample func(*sql.DB, string, int) []int64) {
	ctx := context.Background()
	ts, st := serve(b, c, cache)
	db, err := sql.Open("sqlite", "file:"+filepath.Join(c.Dir, store.DBFileName)+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	body, err := st.OParlBodyID(ctx)
	if err != nil {
		b.Fatal(err)
	}
	list := func(name string) string { return fmt.Sprintf("/oparl/v1/body/%d/%s", body, name) }
	first := []string{list("paper"), list("agendaItem"), list("consultation"), list("meeting"), list("person"), list("organization"),
		list("paper") + "?limit=20", list("agendaItem") + "?omit_internal=true"}
	var deep, objects []string
	for _, id := range sample(db, "paper", 100) {
		deep = append(deep, list("paper")+"?after="+strconv.FormatInt(id, 10))
		objects = append(objects, fmt.Sprintf("/oparl/v1/paper/%d", id))
	}
	for _, id := range sample(db, "agendaitem", 100) {
		deep = append(deep, list("agendaItem")+"?after="+strconv.FormatInt(id, 10))
		objects = append(objects, fmt.Sprintf("/oparl/v1/agendaitem/%d", id))
	}
	for _, id := range sample(db, "meeting", 50) {
		objects = append(objects, fmt.Sprintf("/oparl/v1/meeting/%d", id))
	}
	for _, id := range sample(db, "consultation", 50) {
		objects = append(objects, fmt.Sprintf("/oparl/v1/consultation/%d", id))
	}
	db.Close()
	fmt.Printf("OParl on %d decisions / %d sessions\n", c.Decisions, c.Sessions)
	compare(b, "OParl first list pages, "+mode, ts, first)
	compare(b, "OParl deep list pages (keyset), "+mode, ts, deep)
	compare(b, "OParl objects spread over the corpus, "+mode, ts, objects)
	afterWrite(b, ts, st, append([]string{list("paper"), list("person")}, objects[:20]...))
}

// afterWrite times the first request after a write (a change of a
// person, which also changes the Person list) against the same request
// without a write before it, one at a time.
func afterWrite(b *testing.B, ts *httptest.Server, st *store.Store, paths []string) {
	b.Helper()
	ctx := store.WithActor(context.Background(), "bench")
	get := func(p string) time.Duration {
		t0 := time.Now()
		res, err := ts.Client().Get(ts.URL + p)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return time.Since(t0)
	}
	id, err := st.CreatePerson(ctx, model.Person{Name: "Bench Person", MemberAbbrev: "HB"})
	if err != nil {
		b.Fatal(err)
	}
	var after, calm []time.Duration
	for r := 0; r < 20; r++ {
		for _, p := range paths {
			calm = append(calm, get(p))
			if err := st.UpdatePerson(ctx, model.Person{ID: id, Name: fmt.Sprintf("Bench Person %d", r), MemberAbbrev: "HB"}); err != nil {
				b.Fatal(err)
			}
			after = append(after, get(p))
		}
	}
	a50, a95, a99 := Percentiles(after)
	c50, c95, c99 := Percentiles(calm)
	fmt.Printf("OParl first request after a write (%d requests, one at a time)\n  after a write  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms\n  no write before p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms\n",
		len(after), ms(a50), ms(a95), ms(a99), ms(c50), ms(c95), ms(c99))
	b.ReportMetric(ms(a99), "after-write-p99-ms")
}
