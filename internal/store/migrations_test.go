package store

import (
	"io/fs"
	"regexp"
	"testing"
)

// TestEveryMigrationHasAPostgresCounterpart: each engine has its own
// migration folder, and every number in the SQLite folder must have a file
// in the PostgreSQL folder (and back), so that a migration added for one
// engine alone fails CI instead of a PostgreSQL installation.
func TestEveryMigrationHasAPostgresCounterpart(t *testing.T) {
	numbers := func(fsys fs.FS, dir string) map[string]string {
		t.Helper()
		name := regexp.MustCompile(`^(\d+)_.*\.sql$`)
		out := map[string]string{}
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			m := name.FindStringSubmatch(e.Name())
			if m == nil {
				t.Errorf("%s/%s is not a numbered migration", dir, e.Name())
				continue
			}
			out[m[1]] = e.Name()
		}
		return out
	}
	lite := numbers(sqliteMigrations, "migrations/sqlite")
	pg := numbers(postgresMigrations, "migrations/postgres")
	for n, f := range lite {
		if _, ok := pg[n]; !ok {
			t.Errorf("SQLite migration %s has no PostgreSQL counterpart in migrations/postgres/%s_….sql", f, n)
		}
	}
	for n, f := range pg {
		if _, ok := lite[n]; !ok {
			t.Errorf("PostgreSQL migration %s has no SQLite counterpart", f)
		}
	}
	if len(lite) == 0 {
		t.Fatal("no migrations found")
	}
}
