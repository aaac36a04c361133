// Package demotest gives tests a store in a temporary directory with the
// demo data loaded and indexed for search.
package demotest

import (
	"context"
	"os"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/search"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// Store opens a new store in a temporary directory of t, loads the demo data
// and builds the search index; the store is closed when the test ends.
// With GREMIUM_TEST_ENGINE=postgres (and GREMIUM_TEST_POSTGRES) the store
// is a new PostgreSQL database instead, so that the tests of the packages
// above the store can be run on PostgreSQL too (docs/postgres.md).
func Store(t testing.TB) *store.Store {
	t.Helper()
	ctx := context.Background()
	database := ""
	if os.Getenv("GREMIUM_TEST_ENGINE") == string(store.Postgres) {
		database = storetest.NewPostgresDB(t)
	}
	st, err := store.OpenDatabase(ctx, database, t.TempDir())
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
