package demotest

import (
	"context"
	"os"
	"testing"

	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(Run(m)) }

// fresh builds a demo store from scratch for t, as Store did before the
// template.
func fresh(t testing.TB, accounts bool) *store.Store {
	t.Helper()
	database := ""
	if os.Getenv("GREMIUM_TEST_ENGINE") == string(store.Postgres) {
		database = storetest.NewPostgresDB(t)
	}
	st, err := build(context.Background(), database, t.TempDir(), accounts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestCopiesAreTheDemo checks that a store copied from the template holds
// what a store built from scratch holds (the same rows in every table,
// the search index, the accounts), that two copies hold the same data,
// and that each copy is a store of its own. (The users table is among the
// tables: with accounts, the copies have the demo accounts.)
func TestCopiesAreTheDemo(t *testing.T) {
	ctx := context.Background()
	for _, accounts := range []bool{false, true} {
		get := Store
		if accounts {
			get = StoreWithAccounts
		}
		a, b, f := get(t), get(t), fresh(t, accounts)
		checksA, checksB, checksF := tableChecks(t, a), tableChecks(t, b), tableChecks(t, f)
		if len(checksA) != len(checksF) || len(checksB) != len(checksF) {
			t.Fatalf("accounts %v: %d, %d tables in the copies, %d in a fresh store", accounts, len(checksA), len(checksB), len(checksF))
		}
		for i, c := range checksF {
			if checksA[i] != checksB[i] {
				t.Errorf("accounts %v: the copies differ in %s: %+v, %+v", accounts, c.Table, checksA[i], checksB[i])
			}
			// Timestamps and password salts differ between builds; the
			// rows do not.
			if checksA[i].Table != c.Table || checksA[i].Rows != c.Rows {
				t.Errorf("accounts %v: copy %s %d rows, fresh %s %d rows", accounts, checksA[i].Table, checksA[i].Rows, c.Table, c.Rows)
			}
		}
		q, _ := search.Parse("Registermodernisierung")
		res, err := search.Run(ctx, a, q, 1, 10)
		if err != nil || res.Total == 0 {
			t.Errorf("accounts %v: search on a copy: %+v %v", accounts, res, err)
		}
		if accounts {
			if _, _, err := a.UserLogin(ctx, "geschaeftsstelle"); err != nil {
				t.Errorf("the secretariat's demo account in a copy: %v", err)
			}
		}

		// A change in one copy is not in the other.
		hash := "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"
		if _, err := a.CreateUser(store.WithActor(ctx, "test"), model.User{Username: "nur-in-a", Name: "Nur in A", Role: model.RoleSecretariat}, hash); err != nil {
			t.Fatal(err)
		}
		if _, _, err := b.UserLogin(ctx, "nur-in-a"); err == nil {
			t.Errorf("accounts %v: a user created in one copy is in another", accounts)
		}
	}
}

// tableChecks gives the row count and checksum of every table of st.
func tableChecks(t *testing.T, st *store.Store) []store.TableCheck {
	t.Helper()
	checks, err := st.Checks(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return checks
}

// BenchmarkStore is the cost of a demo store for a test: a copy of the
// template (built before the timer starts).
func BenchmarkStore(b *testing.B) {
	Store(b)
	b.ResetTimer()
	for b.Loop() {
		Store(b)
	}
}

// BenchmarkBuild is what each test paid before the template: the
// migrations, the demo data and the search index.
func BenchmarkBuild(b *testing.B) {
	for b.Loop() {
		fresh(b, false)
	}
}
