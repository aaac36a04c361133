// Package demotest gives tests a store in a temporary directory with the
// demo data loaded and indexed for search.
//
// Loading the demo data and indexing it costs a few tenths of a second,
// and the web tests ask for well over a hundred such stores. So the demo
// store is built once per test binary, as a template, and each test gets
// its own copy: on SQLite the database file (the only state a store keeps
// outside the memory of its process), on PostgreSQL a database made with
// CREATE DATABASE … TEMPLATE. The template is built in the same run, so
// whatever the demo computes from the clock is as fresh as before.
package demotest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/search"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// Store opens a new store in a temporary directory of t with the demo data
// loaded and the search index built; the store is closed when the test
// ends. With GREMIUM_TEST_ENGINE=postgres (and GREMIUM_TEST_POSTGRES) the
// store is a new PostgreSQL database instead, so that the tests of the
// packages above the store can be run on PostgreSQL too (docs/postgres.md).
func Store(t testing.TB) *store.Store {
	t.Helper()
	return open(t, &plain)
}

// StoreWithAccounts is Store with the demo accounts loaded too
// (demo.LoadAccounts: one per role and every Land, password
// demo.AccountPassword).
func StoreWithAccounts(t testing.TB) *store.Store {
	t.Helper()
	return open(t, &withAccounts)
}

// build makes a demo store from scratch in the data directory dir (SQLite,
// database "") or the PostgreSQL database URL database, as Store did for
// every test before the template: the migrations, demo.Load and the search
// index; with accounts, demo.LoadAccounts too.
func build(ctx context.Context, database, dir string, accounts bool) (*store.Store, error) {
	st, err := store.OpenDatabase(ctx, database, dir)
	if err != nil {
		return nil, err
	}
	if err := load(ctx, st, accounts); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func load(ctx context.Context, st *store.Store, accounts bool) error {
	if err := demo.Load(ctx, st); err != nil {
		return err
	}
	if accounts {
		if _, err := demo.LoadAccounts(ctx, st); err != nil {
			return err
		}
	}
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		return err
	}
	if err := search.Rebuild(ctx, st, council.ID); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// template is one kind of demo store, built on first use.
type template struct {
	accounts bool
	mu       sync.Mutex
	built    bool
	err      error
	sqlite   []byte // the SQLite database file
	pgName   string // the PostgreSQL template database (Run drops it)
}

var (
	plain        = template{}
	withAccounts = template{accounts: true}
)

// mainRuns tells whether the test binary runs under Run, which drops the
// PostgreSQL templates at its end; without it, each test on PostgreSQL
// builds its store from scratch (nothing would drop a template).
var mainRuns bool

// Run runs the tests of a package and drops the PostgreSQL template
// databases afterwards; it gives the tests' exit code. Call it from
// TestMain: os.Exit(demotest.Run(m)).
func Run(m *testing.M) int {
	mainRuns = true
	code := m.Run()
	for _, tm := range []*template{&plain, &withAccounts} {
		if tm.pgName != "" {
			if err := storetest.DropPostgresDB(tm.pgName); err != nil {
				fmt.Fprintf(os.Stderr, "demotest: drop template %s: %v\n", tm.pgName, err)
			}
		}
	}
	return code
}

func open(t testing.TB, tm *template) *store.Store {
	t.Helper()
	ctx := context.Background()
	database, dir := "", t.TempDir()
	if os.Getenv("GREMIUM_TEST_ENGINE") == string(store.Postgres) {
		if !mainRuns {
			st, err := build(ctx, storetest.NewPostgresDB(t), dir, tm.accounts)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		}
		database = tm.copyPostgres(t)
	} else {
		db, err := tm.buildSQLite(ctx)
		if err != nil {
			t.Fatalf("demo template: %v", err)
		}
		if err := os.WriteFile(filepath.Join(dir, store.DBFileName), db, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	st, err := store.OpenDatabase(ctx, database, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// buildSQLite builds the template (once) and gives its database file.
func (tm *template) buildSQLite(ctx context.Context) ([]byte, error) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	if tm.built {
		return tm.sqlite, tm.err
	}
	tm.built = true
	tm.sqlite, tm.err = sqliteFile(ctx, tm.accounts)
	return tm.sqlite, tm.err
}

// sqliteFile builds a demo store in a directory of its own, closes it and
// gives its database file, which then holds everything: closing the last
// connection checkpoints the write-ahead log into the file and removes it.
func sqliteFile(ctx context.Context, accounts bool) ([]byte, error) {
	dir, err := os.MkdirTemp("", "gremium-demotest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	st, err := build(ctx, "", dir, accounts)
	if err != nil {
		return nil, err
	}
	if err := st.Close(); err != nil {
		return nil, err
	}
	files, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.Name() != store.DBFileName {
			return nil, fmt.Errorf("the closed store left %s beside its database file", f.Name())
		}
	}
	return os.ReadFile(filepath.Join(dir, store.DBFileName))
}

// copyPostgres gives a new database of t, a copy of the template.
func (tm *template) copyPostgres(t testing.TB) string {
	t.Helper()
	// Copies are made one at a time: CREATE DATABASE refuses a template
	// that another copy has open.
	tm.mu.Lock()
	defer tm.mu.Unlock()
	if err := tm.buildPostgres(context.Background()); err != nil {
		t.Fatalf("demo template: %v", err)
	}
	return storetest.NewPostgresDBFrom(t, tm.pgName)
}

// buildPostgres builds the template database (once); tm.mu is held.
func (tm *template) buildPostgres(ctx context.Context) error {
	if tm.built {
		return tm.err
	}
	tm.built = true
	name := storetest.NewPostgresName()
	u, err := storetest.CreatePostgresDB(ctx, name, "")
	if err != nil {
		tm.err = err
		return err
	}
	tm.pgName = name
	st, err := build(ctx, u, "", tm.accounts)
	if err != nil {
		tm.err = err
		return err
	}
	tm.err = st.Close()
	return tm.err
}
