package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"gremium/internal/model"
)

// TestSyncOParlAndSearch writes what an import leaves after its commit
// (OParlAfterCommit) with SyncOParlAndSearch: the same OParl objects
// (content, ids, times) and search documents as SyncOParl followed by
// ReplaceSearchDocs. When the documents fail, nothing is written: the
// marks stay for the next sync, and neither the session's objects nor its
// documents are there.
func TestSyncOParlAndSearch(t *testing.T) {
	ctx := WithActor(context.Background(), "import")
	items, se, open := importSetup(t, 30)
	imported := func() (*Store, int64) {
		s, bodyID := open()
		id, err := s.SaveMinutes(ctx, bodyID, se, items, nil, ImportSource{}, OParlAfterCommit)
		check(t, err)
		return s, id
	}
	docs := func(sessionID int64) SearchScope {
		sc := SearchScope{Scope: fmt.Sprintf("session:%d", sessionID)}
		for i := range 250 {
			sc.Docs = append(sc.Docs, SearchDoc{Kind: "top", URL: fmt.Sprintf("/sitzungen/50#top-%d", i), Title: fmt.Sprintf("TOP %d", i),
				Text: "Der IT-Planungsrat beschließt.", Date: "2030-03-01", Terms: fmt.Sprintf("top %d it planungsrat beschliesst", i)})
		}
		return sc
	}
	apart, idA := imported()
	check(t, apart.SyncOParl(ctx, nil))
	check(t, apart.ReplaceSearchDocs(ctx, docs(idA).Scope, docs(idA).Docs))

	one, idB := imported()
	if idA != idB {
		t.Fatalf("session ids %d and %d", idA, idB)
	}
	marked := count(t, one, "oparl_dirty")
	if marked == 0 {
		t.Fatal("the import left no rows marked")
	}
	failed := errors.New("documents failed")
	called := false
	err := one.SyncOParlAndSearch(ctx, func() ([]SearchScope, error) {
		called = true
		return []SearchScope{docs(idB)}, failed
	})
	if !errors.Is(err, failed) || !called {
		t.Fatalf("SyncOParlAndSearch with failing documents: %v (documents asked: %v)", err, called)
	}
	if n := count(t, one, "oparl_dirty"); n != marked {
		t.Errorf("%d rows marked after the failed write, want the import's %d", n, marked)
	}
	if n := meetingObjects(t, one, idB); n != 0 {
		t.Errorf("%d meeting objects of the session after the failed write", n)
	}
	if n := len(searchRows(t, one)); n != 0 {
		t.Errorf("%d search documents after the failed write", n)
	}
	check(t, one.SyncOParlAndSearch(ctx, func() ([]SearchScope, error) { return []SearchScope{docs(idB)}, nil }))
	if n := count(t, one, "oparl_dirty"); n != 0 {
		t.Errorf("%d rows still marked", n)
	}
	if n := meetingObjects(t, one, idB); n != 1 {
		t.Fatalf("%d meeting objects of the session, want 1", n)
	}
	for _, c := range []struct {
		what string
		a, b []string
	}{{"OParl objects", oparlRows(t, apart), oparlRows(t, one)}, {"search documents", searchRows(t, apart), searchRows(t, one)}} {
		if len(c.a) == 0 || !slices.Equal(c.a, c.b) {
			for i := range max(len(c.a), len(c.b), 1) {
				if i >= len(c.a) || i >= len(c.b) || c.a[i] != c.b[i] {
					t.Fatalf("%s differ (%d written apart, %d in one transaction); first difference at %d:\n%.400s\n%.400s",
						c.what, len(c.a), len(c.b), i, at2(c.a, i), at2(c.b, i))
				}
			}
		}
	}
	// No scopes write no documents, and the backlog of another write is
	// still worked off.
	_, err = one.CreateMember(ctx, model.Member{Abbrev: "BE", Name: "Berlin", Kind: model.MemberLand, Position: 9})
	check(t, err)
	check(t, one.SyncOParlAndSearch(ctx, func() ([]SearchScope, error) { return nil, nil }))
	if n := len(searchRows(t, one)); n != len(docs(idB).Docs) {
		t.Errorf("%d search documents after a write without documents, want %d", n, len(docs(idB).Docs))
	}
}

// searchRows gives every document of the search index as one line,
// ordered.
func searchRows(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `SELECT scope, kind, url, title, text, date, terms FROM search_index ORDER BY scope, url`)
	check(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v [7]string
		check(t, rows.Scan(&v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6]))
		out = append(out, fmt.Sprint(v))
	}
	check(t, rows.Err())
	return out
}

// SyncOParlAndSearch counts the OParl backlog once. Before, a backlog of
// more than one transaction's marks was counted by it and again by the
// SyncOParl it calls, and once more when SyncOParl's count was used up:
// three counts of oparl_dirty, where one decides (issue 18's leftovers).
// The statements are seen by PostgreSQL's tracer.
func TestSyncOParlAndSearchCountsBacklogOnce(t *testing.T) {
	if !testPG.on {
		t.Skip("the statements are seen by the PostgreSQL connections' tracer")
	}
	ctx := context.Background()
	s, _ := newStore(t)
	// Marks of more rows than one transaction works off.
	plantOParlMarks(t, s, oparlSyncBatch+1)
	var mu sync.Mutex
	counts := 0
	seen := func(q string) {
		if strings.Contains(q, "COUNT(*) FROM oparl_dirty") {
			mu.Lock()
			counts++
			mu.Unlock()
		}
	}
	pgStatementSeen.Store(&seen)
	defer pgStatementSeen.Store(nil)
	check(t, s.SyncOParlAndSearch(ctx, func() ([]SearchScope, error) { return nil, nil }))
	pgStatementSeen.Store(nil)
	if counts != 1 {
		t.Errorf("the backlog was counted %d times, want 1", counts)
	}
	if n := count(t, s, "oparl_dirty"); n != 0 {
		t.Errorf("%d marks left", n)
	}
}

// On PostgreSQL a build of more than one batch of marks (a first build)
// analyses oparl_objects as it grows: planned by what PostgreSQL knew of
// the table when it was nearly empty, every batch read all objects of a
// kind, and the first build at 100k took 24 min 14 s (SQLite 47 s;
// docs/performance.md, "PostgreSQL leftovers"). Before, it was never
// analysed by the build.
func TestSyncOParlAnalyzesTheObjectsAsTheyGrow(t *testing.T) {
	if !testPG.on {
		t.Skip("ANALYZE is PostgreSQL's")
	}
	ctx := context.Background()
	s, _ := newStore(t)
	plantOParlMarks(t, s, 2*oparlSyncBatch+1)
	check(t, s.SyncOParl(ctx, nil))
	var analysed bool
	check(t, s.db.QueryRowContext(ctx, `SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'oparl_objects'`).Scan(&analysed))
	if !analysed {
		t.Error("a build of three batches left oparl_objects unanalysed")
	}
}

// plantOParlMarks writes n marks of oparl_dirty on PostgreSQL, as rows
// written outside the store leave them: of bodies that do not exist, for
// which nothing is built.
func plantOParlMarks(t *testing.T, s *Store, n int) {
	t.Helper()
	if _, err := s.db.ExecContext(context.Background(), `INSERT INTO oparl_dirty (seq, entity, id)
		SELECT g, 'body', 100000 + g FROM generate_series(1, ?::int) g`, n); err != nil {
		t.Fatal(err)
	}
}

// TestOParlMarksDedupedToTheFirst: the marks' clean-up before a sync keeps
// each row's first mark and removes its later ones, and leaves the marks
// of rows marked once (oparlDedupeMarks, numbered per row since the
// NOT IN form took hours on PostgreSQL at 1M).
func TestOParlMarksDedupedToTheFirst(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, `DELETE FROM oparl_dirty`); err != nil {
		t.Fatal(err)
	}
	marks := [][2]any{{"paper", 1}, {"paper", 2}, {"paper", 1}, {"agendaitem", 1}, {"paper", 1}, {"agendaitem", 1}, {"meeting", 7}}
	for _, m := range marks {
		if _, err := s.db.ExecContext(ctx, fmt.Sprintf(`INSERT INTO oparl_dirty (entity, id) VALUES ('%s', %d)`, m[0], m[1])); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.db.ExecContext(ctx, oparlDedupeMarks); err != nil {
		t.Fatal(err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT entity, id FROM oparl_dirty ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var entity string
		var id int64
		if err := rows.Scan(&entity, &id); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %d", entity, id))
	}
	if want := []string{"paper 1", "paper 2", "agendaitem 1", "meeting 7"}; !slices.Equal(got, want) {
		t.Errorf("marks after the clean-up: %v, want %v", got, want)
	}
}
