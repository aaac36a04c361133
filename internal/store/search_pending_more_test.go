package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"gremium/internal/model"
)

// pendingScope gives the search documents of a marked session as
// search.IndexPending writes them (two documents; the words say which
// round built them).
func pendingScope(id int64, word string) SearchScope {
	scope := "session:" + itoa(id)
	return SearchScope{Scope: scope, Docs: []SearchDoc{
		{Scope: scope, Kind: "top", URL: "/sitzungen/" + itoa(id) + "#top-1", Title: "TOP 1", Text: word, Date: "2030-03-01", Terms: word},
		{Scope: scope, Kind: "protokoll", URL: "/sitzungen/" + itoa(id) + "/protokoll#top-1", Title: "TOP 1", Text: word, Date: "2030-03-01", Terms: word},
	}}
}

// scopeDocs counts the documents of scope in the search index.
func scopeDocs(t *testing.T, s *Store, scope string) int {
	t.Helper()
	var n int
	check(t, s.db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM search_index WHERE scope = ?`, scope).Scan(&n))
	return n
}

// TestWritePendingSearchOnTwoStoresAtOnce: two instances on one database
// (two Stores on one SQLite file, or on one PostgreSQL database) write the
// documents of the same marked sessions at the same moment, both from the
// same page generation, as two `gremium serve` that saw the same import
// do. Each time exactly one write is taken and the other is refused with
// ErrConflict (the writes are serialised by the engine's write lock, and
// the first moves the generation the second was built at); the index
// holds each session's documents once, and no mark is left. Rounds after
// the marks are gone still replace, never add.
func TestWritePendingSearchOnTwoStoresAtOnce(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, _ := fixture(t, s)
	other := must[*Store](t)(s.OpenAgain(ctx))
	t.Cleanup(func() { other.Close() })
	var ids []int64
	for n := range 3 {
		se := model.Session{Number: 60 + n, Date: model.NewDate(2030, 3, 1+n), Place: "Berlin", Chair: "Bund"}
		ids = append(ids, must[int64](t)(s.SaveMinutes(ctx, bodyID, se, []MinutesItem{importItem(1, 10+n)}, nil, ImportSource{}, OParlAfterCommit, SearchAfterCommit)))
	}
	if got := must[[]int64](t)(other.SearchPending(ctx, 10)); !slices.Equal(got, ids) {
		t.Fatalf("the other instance sees the marks %v, want %v", got, ids)
	}
	for round := range 12 {
		gen := must[int64](t)(s.PageGeneration(ctx))
		if g := must[int64](t)(other.PageGeneration(ctx)); g != gen {
			t.Fatalf("round %d: the instances read the generations %d and %d", round, gen, g)
		}
		var scopes []SearchScope
		for _, id := range ids {
			scopes = append(scopes, pendingScope(id, fmt.Sprintf("runde%d", round)))
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		start := make(chan struct{})
		for i, st := range []*Store{s, other} {
			wg.Go(func() {
				<-start
				errs[i] = st.WritePendingSearch(ctx, gen, scopes, ids)
			})
		}
		close(start)
		wg.Wait()
		taken, refused := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				taken++
			case errors.Is(err, ErrConflict):
				refused++
			default:
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if taken != 1 || refused != 1 {
			t.Fatalf("round %d: %d writes taken, %d refused (%v), want one each", round, taken, refused, errs)
		}
		for _, id := range ids {
			if n := scopeDocs(t, s, "session:"+itoa(id)); n != 2 {
				t.Fatalf("round %d: session %d has %d documents, want 2", round, id, n)
			}
		}
		var stale int
		check(t, s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM search_index WHERE text <> ?`, fmt.Sprintf("runde%d", round)).Scan(&stale))
		if stale != 0 {
			t.Fatalf("round %d: %d documents of an earlier round left", round, stale)
		}
		for _, st := range []*Store{s, other} {
			if _, pending, err := st.DerivedWaiting(ctx); err != nil || pending {
				t.Fatalf("round %d: search waiting %v, %v", round, pending, err)
			}
		}
	}
}

// TestWritePendingSearchRefusesAChangeOfTheOtherInstance: documents built
// by one instance are refused when the other committed a change after
// their generation was read — a change of the very session (one of its
// minutes rows withdrawn from the public) as much as one of anything
// else — and the marks stay, on both engines.
func TestWritePendingSearchRefusesAChangeOfTheOtherInstance(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, _ := fixture(t, s)
	other := must[*Store](t)(s.OpenAgain(ctx))
	t.Cleanup(func() { other.Close() })
	se := model.Session{Number: 60, Date: model.NewDate(2030, 3, 1), Place: "Berlin", Chair: "Bund"}
	id := must[int64](t)(s.SaveMinutes(ctx, bodyID, se, []MinutesItem{importItem(1, 1)}, nil, ImportSource{}, OParlAfterCommit, SearchAfterCommit))
	items := must[[]model.AgendaItem](t)(s.Items(ctx, id))
	gen := must[int64](t)(s.PageGeneration(ctx))
	c := must[[]model.Contribution](t)(other.Contributions(ctx, items[0].ID))[0]
	c.Confidential = true
	check(t, other.UpdateContribution(ctx, c))
	if err := s.WritePendingSearch(ctx, gen, []SearchScope{pendingScope(id, "berichtet")}, []int64{id}); !errors.Is(err, ErrConflict) {
		t.Fatalf("documents built before the other instance withdrew a row: %v, want ErrConflict", err)
	}
	if n := scopeDocs(t, s, "session:"+itoa(id)); n != 0 {
		t.Errorf("a refused write left %d documents", n)
	}
	if got := must[[]int64](t)(other.SearchPending(ctx, 10)); !slices.Equal(got, []int64{id}) {
		t.Errorf("marks after a refused write: %v", got)
	}
}

// TestSearchPendingGoesWithItsSession: the mark of a session is removed
// with the session (ON DELETE CASCADE, both engines: SQLite's connections
// enforce foreign keys), and WritePendingSearch of marks gone meanwhile
// (a session deleted after the batch was read) removes nothing else and
// fails not.
func TestSearchPendingGoesWithItsSession(t *testing.T) {
	ctx := WithActor(context.Background(), "test")
	// Without the audit guard: the session is deleted past the store (a
	// session with minutes cannot be deleted through it).
	s, err := testOpen(t, ctx, t.TempDir())
	check(t, err)
	t.Cleanup(func() { s.Close() })
	bodyID, _ := fixture(t, s)
	// A planned session (empty: it can be deleted) and an imported one,
	// both marked.
	planned := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 59, Date: model.NewDate(2030, 1, 10), Place: "Berlin", Chair: "Bund", Status: model.StatusPlanned}))
	se := model.Session{Number: 60, Date: model.NewDate(2030, 3, 1), Place: "Berlin", Chair: "Bund"}
	imported := must[int64](t)(s.SaveMinutes(ctx, bodyID, se, []MinutesItem{importItem(1, 10)}, nil, ImportSource{}, OParlAfterCommit, SearchAfterCommit))
	check(t, s.inTx(ctx, func(tx *sql.Tx) error { return markSearchPending(ctx, tx, planned) }))
	ids := []int64{planned, imported}
	if got := must[[]int64](t)(s.SearchPending(ctx, 10)); !slices.Equal(got, ids) {
		t.Fatalf("marks: %v, want %v", got, ids)
	}
	gen := must[int64](t)(s.PageGeneration(ctx))
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{`DELETE FROM agenda_items WHERE session_id = ?`, `DELETE FROM sessions WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, q, planned); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	}))
	if got := must[[]int64](t)(s.SearchPending(ctx, 10)); !slices.Equal(got, ids[1:]) {
		t.Fatalf("marks after the session %d was deleted: %v, want %v", ids[0], got, ids[1:])
	}
	// A batch read before the delete: refused (the delete moved the
	// generation); read again, it has the other session only.
	if err := s.WritePendingSearch(ctx, gen, []SearchScope{pendingScope(ids[0], "alt"), pendingScope(ids[1], "alt")}, ids); !errors.Is(err, ErrConflict) {
		t.Fatalf("a batch read before the delete: %v, want ErrConflict", err)
	}
	gen = must[int64](t)(s.PageGeneration(ctx))
	check(t, s.WritePendingSearch(ctx, gen, []SearchScope{pendingScope(ids[1], "neu")}, ids))
	if got := must[[]int64](t)(s.SearchPending(ctx, 10)); len(got) != 0 {
		t.Errorf("marks after the write: %v", got)
	}
	if n := scopeDocs(t, s, "session:"+itoa(ids[0])); n != 0 {
		t.Errorf("the deleted session has %d documents", n)
	}
}

// TestCopyAllKeepsSearchPending: `gremium migrate-data` (CopyAll) of an
// installation whose import left sessions to the server copies their
// marks, so that the destination's server writes their documents; the
// checks of search_pending pass on both sides (the table is one of those
// copied and checked), and the destination's marks are those of the
// source.
func TestCopyAllKeepsSearchPending(t *testing.T) {
	src, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, _ := fixture(t, src)
	var ids []int64
	for n := range 3 {
		se := model.Session{Number: 60 + n, Date: model.NewDate(2030, 3, 1+n), Place: "Berlin", Chair: "Bund"}
		ids = append(ids, must[int64](t)(src.SaveMinutes(ctx, bodyID, se, []MinutesItem{importItem(1, 10+n)}, nil, ImportSource{}, OParlAfterCommit, SearchAfterCommit)))
	}
	// One written already: its mark is gone, its documents are there.
	gen := must[int64](t)(src.PageGeneration(ctx))
	check(t, src.WritePendingSearch(ctx, gen, []SearchScope{pendingScope(ids[0], "geschrieben")}, ids[:1]))
	// Into the same engine, and on a run on PostgreSQL into SQLite too
	// (the destinations without the audit guard: its table is no table of
	// an installation).
	dsts := []func() (*Store, error){func() (*Store, error) { return testOpen(t, ctx, t.TempDir()) }}
	if src.isPG() {
		dsts = append(dsts, func() (*Store, error) { return Open(ctx, t.TempDir()) })
	}
	for _, open := range dsts {
		dst, err := open()
		check(t, err)
		defer dst.Close()
		rep, err := CopyAll(ctx, dst, src)
		check(t, err)
		i := slices.IndexFunc(rep.Tables, func(c TableCheck) bool { return c.Table == "search_pending" })
		if i < 0 {
			t.Fatalf("search_pending is not among the copied tables: %v", rep.Tables)
		}
		if rep.Tables[i].Rows != 2 {
			t.Errorf("search_pending copied with %d rows, want 2", rep.Tables[i].Rows)
		}
		if got := must[[]int64](t)(dst.SearchPending(ctx, 10)); !slices.Equal(got, ids[1:]) {
			t.Errorf("the copy's marks: %v, want %v", got, ids[1:])
		}
		if _, pending, err := dst.DerivedWaiting(ctx); err != nil || !pending {
			t.Errorf("the copy's server finds nothing waiting: %v, %v", pending, err)
		}
		if n := scopeDocs(t, dst, "session:"+itoa(ids[0])); n != 2 {
			t.Errorf("the copy has %d documents of the session written before, want 2", n)
		}
	}
}
