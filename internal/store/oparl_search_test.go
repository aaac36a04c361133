package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	err := one.SyncOParlAndSearch(ctx, func() (SearchScope, bool, error) {
		called = true
		return docs(idB), false, failed
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
	check(t, one.SyncOParlAndSearch(ctx, func() (SearchScope, bool, error) { return docs(idB), true, nil }))
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
	// ok false writes no documents, and the backlog of another write is
	// still worked off.
	_, err = one.CreateMember(ctx, model.Member{Abbrev: "BE", Name: "Berlin", Kind: model.MemberLand, Position: 9})
	check(t, err)
	check(t, one.SyncOParlAndSearch(ctx, func() (SearchScope, bool, error) { return SearchScope{Scope: "session:999"}, false, nil }))
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
