package bench

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http/httptest"
	neturl "net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the raw statements

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/minutes/minutestest"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
	"gremium/internal/web"
)

// The engines side by side (docs/performance.md, "PostgreSQL"): the same
// corpus, the same requests, in one run, on SQLite and on PostgreSQL.
//
//	GREMIUM_BENCH_DATABASE  a postgres:// URL of a database for the corpus
//	                        (created with LC_COLLATE=C): filled from the
//	                        SQLite corpus (store.CopyAll, as gremium
//	                        migrate-data) when it is empty, kept for later
//	                        runs

// engineStore is one engine's store of the corpus.
type engineStore struct {
	name string
	st   *store.Store
	raw  *sql.DB // the same database past the store, for raw statements
	url  string  // the PostgreSQL database; "" for SQLite
}

// server gives the processor time of the engine's server processes
// (postgresCPU), nil for SQLite (it runs in gremium's process).
func (e engineStore) server() func() time.Duration {
	if e.url == "" {
		return nil
	}
	return postgresCPU(e.raw)
}

// engines opens the corpus on SQLite and, with GREMIUM_BENCH_DATABASE, on
// PostgreSQL (copying it there first if that database is empty).
func engines(b *testing.B, c Corpus) []engineStore {
	b.Helper()
	ctx := context.Background()
	lite, err := store.Open(ctx, c.Dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { lite.Close() })
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(c.Dir, store.DBFileName)+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { raw.Close() })
	out := []engineStore{{"sqlite", lite, raw, ""}}
	url := os.Getenv("GREMIUM_BENCH_DATABASE")
	if url == "" {
		b.Log("PostgreSQL not measured: GREMIUM_BENCH_DATABASE is not set")
		return out
	}
	pg, err := store.OpenDatabase(ctx, url, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { pg.Close() })
	if n, err := pg.SearchCount(ctx); err != nil {
		b.Fatal(err)
	} else if n == 0 {
		start := time.Now()
		rep, err := store.CopyAll(ctx, pg, lite)
		if err != nil {
			b.Fatal(err)
		}
		var rows int64
		for _, t := range rep.Tables {
			rows += t.Rows
		}
		d := time.Since(start)
		fmt.Printf("copied the corpus into PostgreSQL (store.CopyAll, as gremium migrate-data): %d rows in %s, %.0f rows/s, checked\n"+
			"  rows written in %s (%.0f rows/s), VACUUM ANALYZE %s, both sides checked in %s\n",
			rows, d.Round(time.Second), float64(rows)/d.Seconds(), rep.Copy.Round(time.Second), float64(rows)/rep.Copy.Seconds(),
			rep.Analyze.Round(time.Second), rep.Check.Round(time.Second))
	}
	pgRaw, err := sql.Open("pgx", withoutPoolSize(url))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { pgRaw.Close() })
	return append(out, engineStore{"postgres", pg, pgRaw, url})
}

// serveStore starts gremium on st with the response cache off; its errors
// (a stored page that cannot be read makes every request render) go to
// the benchmark's output.
func serveStore(b *testing.B, st *store.Store) *httptest.Server {
	b.Helper()
	srv, err := web.New(st, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})), demo.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	srv.SetResponseCache(-1)
	ts := httptest.NewServer(srv.Handler())
	b.Cleanup(ts.Close)
	return ts
}

// BenchmarkEngines measures, per engine, every figure of issue 18's "Done
// means" that depends on the engine, each against the bare handler with
// the same bytes and with the response cache off (every request a cache
// miss, served from the pages stored once per change): decision pages and
// JSON decisions spread over the corpus, the register's first page and
// deep pages (keyset), the start page, OParl first list pages, deep list
// pages and objects and the first OParl request after a write, the search
// one query at a time against the raw statements it runs on that engine,
// and the resident memory of `gremium serve` in a process of its own under
// 8 clients. The OParl objects are built first where they are missing
// (store.SyncOParl, as gremium serve does; the time is reported).
func BenchmarkEngines(b *testing.B) {
	c := benchCorpus(b)
	var pages, jsons []string
	for _, l := range c.Labels {
		pages = append(pages, "/beschluesse/"+l)
		n, _ := model.ParseDecisionRef(l)
		jsons = append(jsons, fmt.Sprintf("/api/v1/beschluesse/%d/%d", n.Year, n.Seq))
	}
	deep := registerDeepPaths(c, 200)
	for _, e := range engines(b, c) {
		ts := serveStore(b, e.st)
		b.Run(e.name+"/decision-page", func(b *testing.B) {
			compareWith(b, e.name+": decision page, cache miss", ts, pages, e.server())
		})
		b.Run(e.name+"/decision-json", func(b *testing.B) {
			compareWith(b, e.name+": JSON decision, cache miss", ts, jsons, e.server())
		})
		b.Run(e.name+"/register-first", func(b *testing.B) {
			compareWith(b, e.name+": /beschluesse page 1, cache miss", ts, []string{"/beschluesse"}, e.server())
		})
		b.Run(e.name+"/register-deep", func(b *testing.B) {
			compareWith(b, e.name+": /beschluesse deep pages (keyset), cache miss", ts, deep, e.server())
		})
		b.Run(e.name+"/start", func(b *testing.B) {
			compareWith(b, e.name+": start page /, cache miss", ts, []string{"/"}, e.server())
		})
		b.Run(e.name+"/oparl", func(b *testing.B) {
			oparlEngine(b, e, ts)
		})
		b.Run(e.name+"/search", func(b *testing.B) {
			searchEngine(b, c, e)
		})
		b.Run(e.name+"/server-memory", func(b *testing.B) {
			args := []string{"--data", c.Dir}
			if e.name == "postgres" {
				args = []string{"--database", e.url, "--data", b.TempDir()}
			}
			serverMemory(b, c, e.name, args...)
		})
	}
}

// oparlEngine builds the engine's OParl objects where they are missing and
// measures OParl first list pages, deep list pages (keyset, spread over
// papers and agenda items) and objects spread over the corpus, and the
// first request after a write.
func oparlEngine(b *testing.B, e engineStore, ts *httptest.Server) {
	ctx := context.Background()
	t0 := time.Now()
	rows := 0
	if err := e.st.SyncOParl(ctx, func(done, left int) {
		rows = done + left
		if done%100_000 < 2000 {
			b.Logf("%s: OParl build: %d rows done, %d left", e.name, done, left)
		}
	}); err != nil {
		b.Fatal(err)
	}
	if rows > 0 {
		fmt.Printf("%s: OParl objects built for %d changed rows in %s (once per database)\n", e.name, rows, time.Since(t0).Round(time.Second))
	}
	body, err := e.st.OParlBodyID(ctx)
	if err != nil {
		b.Fatal(err)
	}
	list := func(name string) string { return fmt.Sprintf("/oparl/v1/body/%d/%s", body, name) }
	first := []string{list("paper"), list("agendaItem"), list("consultation"), list("meeting"), list("person"), list("organization"),
		list("paper") + "?limit=20", list("agendaItem") + "?omit_internal=true"}
	// Ids spread evenly over the ids of each kind.
	spread := func(kind string, n int) []int64 {
		ids, err := storeInts(ctx, e.st, `SELECT MIN(id) FROM (SELECT id, ntile(?) OVER (ORDER BY id) AS part FROM oparl_objects WHERE kind = ? AND deleted = 0) x
			GROUP BY part ORDER BY part`, n, kind)
		if err != nil {
			b.Fatal(err)
		}
		return ids
	}
	var deep, objects []string
	for _, id := range spread("paper", 100) {
		deep = append(deep, list("paper")+"?after="+strconv.FormatInt(id, 10))
		objects = append(objects, fmt.Sprintf("/oparl/v1/paper/%d", id))
	}
	for _, id := range spread("agendaitem", 100) {
		deep = append(deep, list("agendaItem")+"?after="+strconv.FormatInt(id, 10))
		objects = append(objects, fmt.Sprintf("/oparl/v1/agendaitem/%d", id))
	}
	for _, kind := range []string{"meeting", "consultation"} {
		for _, id := range spread(kind, 50) {
			objects = append(objects, fmt.Sprintf("/oparl/v1/%s/%d", kind, id))
		}
	}
	compareWith(b, e.name+": OParl first list pages, cache miss", ts, first, e.server())
	compareWith(b, e.name+": OParl deep list pages (keyset), cache miss", ts, deep, e.server())
	compareWith(b, e.name+": OParl objects spread over the corpus, cache miss", ts, objects, e.server())
	fmt.Printf("%s: ", e.name)
	afterWrite(b, ts, e.st, append([]string{list("paper"), list("person")}, objects[:20]...))
}

// storeInts reads a column of integers past the store (? placeholders on
// both engines).
func storeInts(ctx context.Context, st *store.Store, query string, args ...any) ([]int64, error) {
	return dbInts(ctx, st.DBForTests(), query, args...)
}

// dbInts reads a column of integers from db.
func dbInts(ctx context.Context, db *sql.DB, query string, args ...any) ([]int64, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// searchEngine runs the corpus queries one at a time through search.Run
// and as the raw statements the store runs for them on this engine.
func searchEngine(b *testing.B, c Corpus, e engineStore) {
	ctx := context.Background()
	pg := e.name == "postgres"
	// A corpus made before a migration that changes the search terms has
	// its index marked "needs rebuild" (store.SearchNeedsRebuild; migration
	// 250 also emptied it): measured as it is, queries would miss hits or
	// find nothing. It is rebuilt first, as gremium serve would.
	began := time.Now()
	if rebuilt, err := search.RebuildMarkedIndex(ctx, e.st, nil); err != nil {
		b.Fatal(err)
	} else if rebuilt {
		fmt.Printf("%s: marked search index rebuilt in %s\n", e.name, time.Since(began).Round(time.Second))
	}
	rawSearch := func(q search.Query) error {
		match, count, page := q.Match, `SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?)`,
			`SELECT url, title, text FROM search_index WHERE search_index MATCH ? ORDER BY bm25(search_index) LIMIT ?`
		capped := `SELECT url, title, text FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?`
		if pg {
			match = tsquery(q)
			page = `SELECT url, title, text, count(*) OVER () FROM search_index, CAST($1 AS tsquery) q WHERE tsv @@ q
				ORDER BY ts_rank_cd(tsv, q) DESC, id DESC LIMIT $2`
			capped = `SELECT url, title, text FROM search_index WHERE tsv @@ $1::tsquery ORDER BY id DESC LIMIT $2`
		}
		n := -1 // matches, -1 until counted (PostgreSQL: or counted while ranked)
		if pg {
			var err error
			if n, count, err = pgLexemes(ctx, e.raw, q); err != nil {
				return err
			}
		}
		if count != "" {
			if err := e.raw.QueryRowContext(ctx, count, match, store.SearchCap+1).Scan(&n); err != nil {
				return err
			}
		}
		if n == 0 {
			return nil
		}
		if n > store.SearchCap {
			page = capped
		}
		rows, err := e.raw.QueryContext(ctx, page, match, web.PerPage)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		vals := make([]any, len(cols))
		for i := range vals {
			vals[i] = new(any)
		}
		for rows.Next() {
			if err := rows.Scan(vals...); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	rounds := envInt("GREMIUM_BENCH_SEARCH_ROUNDS", 20)
	var ours, raw []time.Duration
	for r := 0; r < rounds; r++ {
		for _, text := range searchQueries(c) {
			q, ok := search.Parse(text)
			if !ok {
				b.Fatalf("query %q", text)
			}
			// Whichever runs second finds the pages the first read in the
			// database's buffers: the order alternates by round, so that
			// neither side is always the warm one (gremium always ran
			// first, and PostgreSQL's p95 ratio read 1.9–2.2 at 1M for
			// the same statements; docs/performance.md).
			ourRun := func() {
				t0 := time.Now()
				if _, err := search.Run(ctx, e.st, q, 1, web.PerPage); err != nil {
					b.Fatal(err)
				}
				ours = append(ours, time.Since(t0))
			}
			rawRun := func() {
				t0 := time.Now()
				if err := rawSearch(q); err != nil {
					b.Fatal(err)
				}
				raw = append(raw, time.Since(t0))
			}
			if r%2 == 0 {
				ourRun()
				rawRun()
			} else {
				rawRun()
				ourRun()
			}
		}
	}
	o50, o95, o99 := Percentiles(ours)
	r50, r95, r99 := Percentiles(raw)
	fmt.Printf("%s: search (%d queries × %d rounds)\n  gremium search  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms\n  raw SQL         p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms\n  ratio (p95) %.2f\n",
		e.name, len(searchQueries(c)), rounds, ms(o50), ms(o95), ms(o99), ms(r50), ms(r95), ms(r99), float64(o95)/float64(r95))
	b.ReportMetric(ms(o95), "p95-ms")
	b.ReportMetric(ms(r95), "raw-p95-ms")
	b.ReportMetric(float64(o95)/float64(r95), "ratio")
}

// pgLexemes runs the store's first statement of a search on PostgreSQL,
// the documents of each lexeme of the query, and decides as
// store.pgSearchPlan does: the number of matches (0, or a single word's
// documents), or the statement that counts them, or neither (-1 and "":
// at most store.SearchCap matches, counted while ranked).
func pgLexemes(ctx context.Context, db *sql.DB, q search.Query) (n int, count string, err error) {
	var words []string
	for _, p := range q.Parts {
		words = append(words, p...)
	}
	rows, err := db.QueryContext(ctx, `SELECT coalesce(x.docs, 0), (SELECT reltuples FROM pg_class WHERE oid = 'search_index'::regclass)
		FROM (SELECT DISTINCT unnest($1::text[]) AS l) w LEFT JOIN search_index_lexemes x ON x.lexeme = w.l`, words)
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	var docs []float64
	all := 0.0
	for rows.Next() {
		var d, a float64
		if err := rows.Scan(&d, &a); err != nil {
			return 0, "", err
		}
		docs, all = append(docs, d), max(all, a, d)
	}
	if err := rows.Err(); err != nil || len(docs) == 0 || slices.Min(docs) == 0 {
		return 0, "", err
	}
	least := slices.Min(docs)
	indexed := `SELECT count(*) FROM (SELECT FROM search_index WHERE tsv @@ $1::tsquery LIMIT $2) x`
	switch {
	case len(q.Parts) == 1 && len(q.Parts[0]) == 1 && len(docs) == 1:
		return int(least), "", nil
	case least <= store.SearchCap:
		return -1, "", nil
	}
	expected := all
	for _, d := range docs {
		expected *= d / all
	}
	if (store.SearchCap+1)*all/expected < least {
		return -1, `SELECT count(*) FROM (SELECT FROM search_index WHERE ts_match_vq(tsv, $1::tsquery) ORDER BY id DESC LIMIT $2) x`, nil
	}
	return -1, indexed, nil
}

// tsquery writes a parsed query as the store does for PostgreSQL: the
// stemmed terms as quoted lexemes (store.matchExpr, migration 201).
func tsquery(q search.Query) string {
	var s string
	for i, part := range q.Parts {
		if i > 0 {
			s += " & "
		}
		if len(part) == 1 {
			s += "'" + part[0] + "'"
			continue
		}
		s += "("
		for j, w := range part {
			if j > 0 {
				s += " <-> "
			}
			s += "'" + w + "'"
		}
		s += ")"
	}
	return s
}

// BenchmarkImportEngines imports about 10 MB of minutes (synthetic
// sessions of 200 items in the published layout) end to end — parse, save
// in one transaction per session, index for search — into an empty
// database of each engine, as "gremium import minutes" does, and reports
// MB/s.
func BenchmarkImportEngines(b *testing.B) {
	ctx := store.WithActor(context.Background(), "import")
	var files [][]byte
	total := 0
	seq := 0
	for i := 0; total < 10<<20; i++ {
		var text bytes.Buffer
		doc := minutestest.Synthetic(100+i, 200, 2030)
		// Decision numbers go on from session to session: each session
		// of minutestest.Synthetic starts at B-2030/01-IT.
		for _, sec := range doc.Sections {
			for _, it := range sec.Items {
				for _, r := range it.Rows {
					if r.Decision != nil && !r.Decision.Number.IsZero() {
						seq++
						r.Decision.Number.Seq = seq
						r.Decision.Label = fmt.Sprintf("B-2030/%02d-IT", seq)
					}
				}
			}
		}
		if err := minutes.Export(&text, doc); err != nil {
			b.Fatal(err)
		}
		files = append(files, text.Bytes())
		total += text.Len()
	}
	type eng struct{ name, db string }
	list := []eng{{"sqlite", ""}}
	if os.Getenv(storetest.EnvPostgres) != "" {
		list = append(list, eng{"postgres", ""})
	}
	for _, e := range list {
		b.Run(e.name, func(b *testing.B) {
			db := e.db
			if e.name == "postgres" {
				db = storetest.NewPostgresDB(b)
			}
			st, err := store.OpenDatabase(ctx, db, b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			council, err := itplr.Setup(ctx, st)
			if err != nil {
				b.Fatal(err)
			}
			opts, err := minutes.StoredOptions(ctx, st, council.ID)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(total))
			start := time.Now()
			for _, f := range files {
				doc, _, err := minutes.Parse(bufio.NewReader(bytes.NewReader(f)), opts)
				if err != nil {
					b.Fatal(err)
				}
				id, _, err := minutes.Save(ctx, st, council.ID, doc)
				if err != nil {
					b.Fatal(err)
				}
				if err := search.IndexSession(ctx, st, id); err != nil {
					b.Fatal(err)
				}
			}
			d := time.Since(start)
			fmt.Printf("%s: import of %d sessions, %.1f MB end to end in %s: %.2f MB/s\n", e.name, len(files), float64(total)/(1<<20), d.Round(time.Millisecond), float64(total)/(1<<20)/d.Seconds())
			b.ReportMetric(float64(total)/(1<<20)/d.Seconds(), "MB/s")
		})
	}
}

// postgresCPU gives the processor time the server processes of the
// database behind raw have used so far (the backends connected to it when
// called, from /proc: the benchmark runs on the database's machine), or 0
// where /proc cannot tell.
func postgresCPU(raw *sql.DB) func() time.Duration {
	return func() time.Duration {
		pids, err := dbInts(context.Background(), raw,
			`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
		if err != nil {
			return 0
		}
		var total time.Duration
		for _, pid := range pids {
			total += procCPU(pid)
		}
		return total
	}
}

// procCPU gives the user and system time of process pid from
// /proc/<pid>/stat (clock ticks of 1/100 s, Linux's USER_HZ), 0 if it
// cannot be read.
func procCPU(pid int64) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command name (in parentheses, may hold spaces):
	// state is field 3, utime 14, stime 15.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond
}

// BenchmarkStoredPageEngines measures the store's side of a cache miss
// alone, per engine: store.StoredPage of the pages stored for the current
// data (run BenchmarkEngines first, it stores them), from 8 goroutines,
// with the processor time per lookup of gremium's process and (on
// PostgreSQL) of the server's backends, and the statements sent per
// lookup.
func BenchmarkStoredPageEngines(b *testing.B) {
	c := benchCorpus(b)
	for _, e := range engines(b, c) {
		b.Run(e.name, func(b *testing.B) {
			storedPageLoad(b, e)
		})
	}
}

// storedPageLoad looks up the engine's stored pages for
// GREMIUM_BENCH_SECONDS from 8 goroutines.
func storedPageLoad(b *testing.B, e engineStore) {
	ctx := context.Background()
	type key struct{ key, epoch, day string }
	var keys []key
	rows, err := e.st.DBForTests().QueryContext(ctx, `SELECT key, epoch, day FROM rendered_pages
		WHERE gen = (SELECT gen FROM page_generation WHERE id = 1) ORDER BY key LIMIT 20000`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.key, &k.epoch, &k.day); err != nil {
			b.Fatal(err)
		}
		keys = append(keys, k)
	}
	rows.Close()
	if len(keys) == 0 {
		b.Skip("no pages stored for the current data: run BenchmarkEngines first")
	}
	server := e.server()
	d := time.Duration(envInt("GREMIUM_BENCH_SECONDS", 10)) * time.Second
	var s0 time.Duration
	if server != nil {
		s0 = server()
	}
	p0, c0, t0 := store.PGCallCount(), CPUTime(), time.Now()
	var n atomic.Int64
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; time.Since(t0) < d; i += 8 {
				k := keys[i%len(keys)]
				if _, _, ok, err := e.st.StoredPage(ctx, k.key, k.epoch, k.day); err != nil || !ok {
					b.Errorf("stored page %s: %v %v", k.key, ok, err)
					return
				}
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	wall, cpu, pg := time.Since(t0), CPUTime()-c0, store.PGCallCount().Sub(p0)
	var sd time.Duration
	if server != nil {
		sd = server() - s0
	}
	ops := n.Load()
	fmt.Printf("%s: StoredPage of %d pages, 8 goroutines: %.0f lookups/s, gremium %s + server %s per lookup, %.2f statements, %.2f prepares\n",
		e.name, len(keys), float64(ops)/wall.Seconds(), cpu/time.Duration(ops), sd/time.Duration(ops),
		float64(pg.Statements)/float64(ops), float64(pg.Prepares)/float64(ops))
	b.ReportMetric(float64(ops)/wall.Seconds(), "lookups/s")
	b.ReportMetric(float64(cpu/time.Duration(ops))/1e3, "cpu-µs/lookup")
	b.ReportMetric(float64(sd/time.Duration(ops))/1e3, "server-cpu-µs/lookup")
}

// withoutPoolSize gives a PostgreSQL URL without the store's parameter
// pool_max_conns, for connections past the store.
func withoutPoolSize(raw string) string {
	u, err := neturl.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	q.Del("pool_max_conns")
	u.RawQuery = q.Encode()
	return u.String()
}
