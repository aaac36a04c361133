package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"gremium/internal/model"
)

// TestSearchAfterCommitMarksNewSessionsOnly: minutes saved with
// SearchAfterCommit mark a new session as waiting for its search
// documents in the import's own transaction, and DerivedWaiting sees the
// mark; a session stored already is not marked (its documents must be
// written with the change, so that the index keeps nothing the change
// withdrew). WritePendingSearch writes the documents and removes the
// marks together — unless the data changed since the documents were
// built: then it writes nothing, keeps the marks and gives ErrConflict.
func TestSearchAfterCommitMarksNewSessionsOnly(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, _ := fixture(t, s)
	if _, pending, err := s.DerivedWaiting(ctx); err != nil || pending {
		t.Fatalf("before any import: pending %v, %v", pending, err)
	}
	se := model.Session{Number: 60, Date: model.NewDate(2030, 3, 1), Place: "Berlin", Chair: "Bund"}
	id, err := s.SaveMinutes(ctx, bodyID, se, []MinutesItem{importItem(1, 1)}, nil, ImportSource{}, OParlAfterCommit, SearchAfterCommit)
	check(t, err)
	if got := must[[]int64](t)(s.SearchPending(ctx, 10)); !slices.Equal(got, []int64{id}) {
		t.Fatalf("pending after the import of a new session: %v, want [%d]", got, id)
	}
	oparl, pending, err := s.DerivedWaiting(ctx)
	if err != nil || !pending || !oparl {
		t.Errorf("DerivedWaiting after an import with both options: oparl %v, search %v, %v", oparl, pending, err)
	}
	// The same session again (an update): no new mark, and the mark of
	// the new session is left as it is.
	_, err = s.SaveMinutes(ctx, bodyID, se, []MinutesItem{importItem(1, 1), importItem(2, 2)}, nil, ImportSource{}, OParlAfterCommit, SearchAfterCommit)
	check(t, err)
	other := model.Session{Number: 61, Date: model.NewDate(2030, 6, 1), Place: "Berlin", Chair: "Bund"}
	plain, err := s.SaveMinutes(ctx, bodyID, other, []MinutesItem{importItem(1, 3)}, nil, ImportSource{})
	check(t, err)
	if got := must[[]int64](t)(s.SearchPending(ctx, 10)); !slices.Equal(got, []int64{id}) {
		t.Fatalf("pending after an update and an import without the option (session %d): %v, want [%d]", plain, got, id)
	}

	scope := SearchScope{Scope: "session:" + itoa(id), Docs: []SearchDoc{{Kind: "top", URL: "/sitzungen/60#top-1", Title: "TOP 1", Text: "Registermodernisierung", Date: "2030-03-01", Terms: "registermodernisier"}}}
	gen := must[int64](t)(s.PageGeneration(ctx))
	// A change committed after the documents were built.
	_, err = s.SaveMinutes(ctx, bodyID, other, []MinutesItem{importItem(1, 3), importItem(2, 4)}, nil, ImportSource{})
	check(t, err)
	if err := s.WritePendingSearch(ctx, gen, []SearchScope{scope}, []int64{id}); !errors.Is(err, ErrConflict) {
		t.Fatalf("documents built before a change: %v, want ErrConflict", err)
	}
	if n := must[int](t)(s.SearchCount(ctx)); n != 0 {
		t.Errorf("%d documents written by a refused write", n)
	}
	if got := must[[]int64](t)(s.SearchPending(ctx, 10)); len(got) != 1 {
		t.Errorf("marks after a refused write: %v", got)
	}
	gen = must[int64](t)(s.PageGeneration(ctx))
	v := s.Version()
	check(t, s.WritePendingSearch(ctx, gen, []SearchScope{scope}, []int64{id}))
	if n := must[int](t)(s.SearchCount(ctx)); n != 1 {
		t.Errorf("%d documents after the write, want 1", n)
	}
	if got := must[[]int64](t)(s.SearchPending(ctx, 10)); len(got) != 0 {
		t.Errorf("marks after the write: %v", got)
	}
	if s.Version() == v {
		t.Error("the write of the documents left the data version: a kept search would miss them")
	}
	if _, pending, err := s.DerivedWaiting(ctx); err != nil || pending {
		t.Errorf("DerivedWaiting after the write: search %v, %v", pending, err)
	}
}
