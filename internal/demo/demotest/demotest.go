// Package demotest gives tests a store in a temporary directory with the
// demo data loaded and indexed for search.
package demotest

import (
	"context"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/search"
	"gremium/internal/store"
)

// Store opens a new store in a temporary directory of t, loads the demo data
// and builds the search index; the store is closed when the test ends.
func Store(t testing.TB) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	if err := search.Rebuild(ctx, st, council.ID); err != nil {
		t.Fatalf("search index: %v", err)
	}
	return st
}
