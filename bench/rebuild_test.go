package bench

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/search"
	"gremium/internal/store"
)

// BenchmarkSearchRebuild measures, per engine, the rebuild of the search
// index that a migration changing the terms asks for (search.RebuildMarked
// as `gremium serve` runs it: the council's sessions in batches of
// search.RebuildBatch, the written procedures, then on SQLite the stepwise
// merge of the FTS5 segments, store.OptimizeSearch), one session indexed
// again as every change of a session does (search.IndexSession, sessions
// spread over the corpus), and the search one query at a time before and
// after the rebuild (searchEngine). It writes: it works on a copy of the
// SQLite corpus in a directory of its own (under TMPDIR), never on the
// corpus itself; the PostgreSQL database of GREMIUM_BENCH_DATABASE is
// written to as well and must be a copy made for it
// (createdb -T gremium_bench_100k …), or empty (then the copy of the
// corpus is copied into it first). The processor time is this process's:
// on PostgreSQL the server's own is not in it.
//
//	TMPDIR=/tmp/leftovers2 GREMIUM_BENCH_DIR=/tmp/perf/corpus-100k GREMIUM_BENCH_DECISIONS=100000 \
//	  GREMIUM_BENCH_DATABASE='postgres://postgres@127.0.0.1:5432/leftovers2_bench?sslmode=disable' \
//	  go test ./bench -run '^$' -bench 'SearchRebuild$' -benchtime 1x -timeout 60m
func BenchmarkSearchRebuild(b *testing.B) {
	c := copyCorpus(b, benchCorpus(b))
	for _, e := range engines(b, c) {
		b.Run(e.name, func(b *testing.B) {
			fmt.Printf("%s: before the rebuild — ", e.name)
			searchEngine(b, c, e)
			for i := 0; i < b.N; i++ {
				rebuildIndex(b, e)
			}
			reindexSessions(b, e, envInt("GREMIUM_BENCH_REINDEX_SESSIONS", 100))
			fmt.Printf("%s: after the rebuild — ", e.name)
			searchEngine(b, c, e)
		})
	}
}

// copyCorpus gives a copy of the corpus c in a directory of its own, for a
// benchmark that writes: the database as one consistent snapshot (SQLite's
// VACUUM INTO, read past the store so that nothing is written to c, not
// even a migration) and the corpus's marker.
func copyCorpus(b *testing.B, c Corpus) Corpus {
	b.Helper()
	ctx := context.Background()
	dir := b.TempDir()
	src, err := sql.Open("sqlite", "file:"+filepath.Join(c.Dir, store.DBFileName)+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	t0 := time.Now()
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, filepath.Join(dir, store.DBFileName)); err != nil {
		b.Fatalf("copy of the corpus: %v", err)
	}
	m, err := os.ReadFile(filepath.Join(c.Dir, marker))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, marker), m, 0o640); err != nil {
		b.Fatal(err)
	}
	cp, err := Open(ctx, dir, c.Decisions, c.Sessions, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("corpus copied to %s in %s", dir, time.Since(t0).Round(time.Millisecond))
	return cp
}

// rebuildIndex marks the engine's index "needs rebuild" and rebuilds it as
// `gremium serve` does, and reports the documents written per second, the
// whole time and the time after the last batch of sessions (the written
// procedures and, on SQLite, the merge of the segments).
func rebuildIndex(b *testing.B, e engineStore) {
	ctx := context.Background()
	if err := e.st.MarkSearchNeedsRebuild(ctx); err != nil {
		b.Fatal(err)
	}
	var sessions int
	var sessionsDone time.Duration
	cpu, t0 := CPUTime(), time.Now()
	rebuilt, err := search.RebuildMarkedIndex(ctx, e.st, func(n int) {
		sessions, sessionsDone = n, time.Since(t0)
	})
	total, cpu := time.Since(t0), CPUTime()-cpu
	if err != nil {
		b.Fatal(err)
	}
	if !rebuilt {
		b.Fatal("the marked index was not rebuilt")
	}
	docs, err := e.st.SearchCount(ctx)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Printf("%s: search index rebuilt: %d sessions, %d documents in %s, %.0f documents/s\n"+
		"  sessions indexed after %s; the written procedures and the merge of the segments after them %s\n"+
		"  processor time of this process %s (%.2f of the wall time)\n",
		e.name, sessions, docs, total.Round(time.Millisecond), float64(docs)/total.Seconds(),
		sessionsDone.Round(time.Millisecond), (total - sessionsDone).Round(time.Millisecond),
		cpu.Round(time.Millisecond), cpu.Seconds()/total.Seconds())
	b.ReportMetric(float64(docs)/total.Seconds(), "docs/s")
	b.ReportMetric(total.Seconds(), "rebuild-s")
	b.ReportMetric(cpu.Seconds(), "rebuild-cpu-s")
}

// reindexSessions indexes n of the council's sessions, spread over the
// corpus, again one at a time (search.IndexSession, what every change of
// a session does) and reports the time per session.
func reindexSessions(b *testing.B, e engineStore, n int) {
	ctx := context.Background()
	council, err := e.st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if err != nil {
		b.Fatal(err)
	}
	ids, err := storeInts(ctx, e.st, `SELECT MIN(id) FROM (SELECT id, ntile(?) OVER (ORDER BY id) AS part FROM sessions WHERE body_id = ?) x
		GROUP BY part ORDER BY part`, n, council.ID)
	if err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, len(ids))
	// On PostgreSQL the processor time of the database's backends too.
	server, srv := e.server(), time.Duration(0)
	if server != nil {
		srv = server()
	}
	cpu := CPUTime()
	for _, id := range ids {
		t0 := time.Now()
		if err := search.IndexSession(ctx, e.st, id); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	cpu = CPUTime() - cpu
	serverNote := ""
	if server != nil {
		serverNote = fmt.Sprintf(", the server's %.2f ms", ms(server()-srv)/float64(len(ids)))
	}
	p50, _, p99 := Percentiles(lat)
	fmt.Printf("%s: one session indexed again (%d sessions spread over the corpus)  p50 %6.2f ms  p99 %6.2f ms  processor %.2f ms a session%s\n",
		e.name, len(ids), ms(p50), ms(p99), ms(cpu)/float64(len(ids)), serverNote)
	b.ReportMetric(ms(p50), "reindex-p50-ms")
	b.ReportMetric(ms(p99), "reindex-p99-ms")
}

// TestSearchEngineRebuildsAMarkedIndex: the search measurement of
// BenchmarkEngines rebuilds an index carrying the mark "needs rebuild"
// before it measures, not only an empty one — a marked index holds terms
// of an earlier version, and the queries would miss hits.
func TestSearchEngineRebuildsAMarkedIndex(t *testing.T) {
	ctx := context.Background()
	t.Setenv("GREMIUM_BENCH_SEARCH_ROUNDS", "1")
	c, err := Open(ctx, t.TempDir(), 200, 20, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, c.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(c.Dir, store.DBFileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	docs := func() int {
		t.Helper()
		var n int
		if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM search_index_scopes WHERE scope = 'session:1'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if docs() == 0 {
		t.Fatal("session 1 has no documents in the corpus's index")
	}
	// The session's documents missing, as from an index of older terms.
	if err := st.ReplaceSearchDocs(store.WithActor(ctx, "test"), "session:1", nil); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkSearchNeedsRebuild(ctx); err != nil {
		t.Fatal(err)
	}
	testing.Benchmark(func(b *testing.B) { searchEngine(b, c, engineStore{"sqlite", st, raw, ""}) })
	if need, err := st.SearchNeedsRebuild(ctx); err != nil || need {
		t.Errorf("after the search measurement the index is still marked (%v)", err)
	}
	if docs() == 0 {
		t.Error("after the search measurement session 1 is still missing from the index")
	}
}

// BenchmarkSearchReindex is the part of BenchmarkSearchRebuild that
// indexes sessions again one at a time (search.IndexSession, what every
// change of a session does), without the rebuild, on a copy of the corpus
// and, with GREMIUM_BENCH_DATABASE, on PostgreSQL. Each round indexes the
// same sessions; the first replaces the generator's documents, a later
// round documents equal to the ones it replaces.
//
//	GREMIUM_BENCH_DECISIONS=100000 GREMIUM_BENCH_DATABASE=postgres://… \
//	  go test ./bench -run '^$' -bench 'SearchReindex$' -benchtime 3x
func BenchmarkSearchReindex(b *testing.B) {
	c := copyCorpus(b, benchCorpus(b))
	for _, e := range engines(b, c) {
		b.Run(e.name, func(b *testing.B) {
			for b.Loop() {
				reindexSessions(b, e, envInt("GREMIUM_BENCH_REINDEX_SESSIONS", 100))
			}
		})
	}
}
