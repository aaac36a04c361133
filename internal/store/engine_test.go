package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also the "pgx" driver for the admin connection
)

// The store's test suite runs on SQLite and, when GREMIUM_TEST_POSTGRES
// names a PostgreSQL server (a URL of a database to connect to, such as
// postgres://postgres@127.0.0.1:5432/test), once more on PostgreSQL: TestMain
// runs the test binary again with GREMIUM_TEST_ENGINE=postgres, in which
// every store a test opens is a database of its own, made from a migrated
// template and dropped when the test ends. Tests open stores only through
// newStore and testOpen, so every test runs on both engines.

// envTestPostgres names the server; envTestEngine selects the engine of a run.
const (
	envTestPostgres = "GREMIUM_TEST_POSTGRES"
	envTestEngine   = "GREMIUM_TEST_ENGINE"
)

// testPG is the PostgreSQL side of a run on PostgreSQL.
var testPG struct {
	on     bool
	admin  *sql.DB // on the database the URL names
	base   *url.URL
	tmpl   string // the migrated template database
	mu     sync.Mutex
	byDir  map[string]string // test directory → database URL
	prefix string
}

func TestMain(m *testing.M) {
	if os.Getenv(envTestEngine) == string(Postgres) {
		os.Exit(runOnPostgres(m))
	}
	code := m.Run()
	if pgURL := os.Getenv(envTestPostgres); pgURL != "" {
		if err := pingPostgres(pgURL); err != nil {
			if os.Getenv("CI") == "true" {
				fmt.Fprintf(os.Stderr, "FAIL: %s is set but PostgreSQL is unreachable: %v\n", envTestPostgres, err)
				os.Exit(1)
			}
			fmt.Fprintf(os.Stderr, "store tests on PostgreSQL skipped: %s is set but unreachable: %v\n", envTestPostgres, err)
			os.Exit(code)
		}
		fmt.Println("=== the store tests again, on PostgreSQL (" + envTestPostgres + ")")
		exe, err := os.Executable()
		if err != nil {
			fmt.Fprintln(os.Stderr, "store tests on PostgreSQL:", err)
			os.Exit(1)
		}
		var args []string
		for _, a := range os.Args[1:] {
			// The go command's test log belongs to this process.
			if !strings.HasPrefix(a, "-test.testlogfile") {
				args = append(args, a)
			}
		}
		cmd := exec.Command(exe, args...)
		cmd.Env = append(os.Environ(), envTestEngine+"="+string(Postgres))
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil && code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

func pingPostgres(u string) error {
	db, err := sql.Open("pgx", u)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Ping()
}

// runOnPostgres runs the suite with every store on PostgreSQL.
func runOnPostgres(m *testing.M) int {
	ctx := context.Background()
	u, err := url.Parse(os.Getenv(envTestPostgres))
	if err != nil {
		fmt.Fprintln(os.Stderr, "store tests on PostgreSQL:", err)
		return 1
	}
	testPG.on, testPG.base, testPG.byDir = true, u, map[string]string{}
	if testPG.admin, err = sql.Open("pgx", u.String()); err != nil {
		fmt.Fprintln(os.Stderr, "store tests on PostgreSQL:", err)
		return 1
	}
	defer testPG.admin.Close()
	var b [6]byte
	rand.Read(b[:])
	testPG.prefix = "gremium_test_" + hex.EncodeToString(b[:])
	testPG.tmpl = testPG.prefix + "_tmpl"
	if err := createTestDB(ctx, testPG.tmpl, "template0"); err != nil {
		fmt.Fprintln(os.Stderr, "store tests on PostgreSQL:", err)
		return 1
	}
	defer dropTestDB(testPG.tmpl)
	s, err := openPostgres(ctx, testPGURL(testPG.tmpl))
	if err != nil {
		fmt.Fprintln(os.Stderr, "store tests on PostgreSQL: migrate the template:", err)
		return 1
	}
	s.Close()
	return m.Run()
}

// createTestDB creates a database with byte-wise collation (as SQLite
// compares text) from a template.
func createTestDB(ctx context.Context, name, template string) error {
	_, err := testPG.admin.ExecContext(ctx, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`, name, template))
	return err
}

func dropTestDB(name string) {
	testPG.admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
}

func testPGURL(db string) string {
	u := *testPG.base
	u.Path = "/" + db
	return u.String()
}

// testOpen opens the store of a test directory: the SQLite file in dir, or
// on PostgreSQL the database that belongs to dir (made on first use from
// the migrated template, dropped when the test ends).
func testOpen(t testing.TB, ctx context.Context, dir string) (*Store, error) {
	t.Helper()
	if !testPG.on {
		return Open(ctx, dir)
	}
	testPG.mu.Lock()
	u, ok := testPG.byDir[dir]
	if !ok {
		var b [6]byte
		rand.Read(b[:])
		name := testPG.prefix + "_" + hex.EncodeToString(b[:])
		if err := createTestDB(ctx, name, testPG.tmpl); err != nil {
			testPG.mu.Unlock()
			return nil, err
		}
		u = testPGURL(name)
		testPG.byDir[dir] = u
		t.Cleanup(func() { dropTestDB(name) })
	}
	testPG.mu.Unlock()
	return openPostgres(ctx, u)
}

// onlySQLite skips a test that checks SQLite's own machinery.
func onlySQLite(t testing.TB, why string) {
	t.Helper()
	if testPG.on {
		t.Skip("SQLite only: " + why)
	}
}

// rawDB opens a second connection pool on the database of a test's store,
// past the store, as someone with access to the database would: the
// SQLite file in dir, or the store's PostgreSQL database (with the store's
// ? placeholders).
func rawDB(t testing.TB, s *Store, dir string) *sql.DB {
	t.Helper()
	var db *sql.DB
	if s.isPG() {
		cfg, err := pgx.ParseConfig(s.pgURL)
		if err != nil {
			t.Fatal(err)
		}
		db = sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)})
	} else {
		var err error
		if db, err = sql.Open("sqlite", "file:"+filepath.Join(dir, DBFileName)+"?_pragma=busy_timeout(5000)"); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// concatRows gives the aggregate that joins expr over the rows into one
// text: SQLite's group_concat, PostgreSQL's string_agg.
func concatRows(s *Store, expr string) string {
	if s.isPG() {
		return "string_agg(" + expr + ", ',' ORDER BY id)"
	}
	return "group_concat(" + expr + ")"
}

// TestEngineSetting reads GREMIUM_TEST_POSTGRES inside a test, so that the
// go command's test cache keys this package's result on it (TestMain reads
// it outside the tests, where the cache does not see it).
func TestEngineSetting(t *testing.T) {
	if os.Getenv(envTestPostgres) == "" {
		t.Logf("%s not set: the store tests run on SQLite only", envTestPostgres)
	}
}

// reapplyMigration takes the migration of version back and applies it
// again on s, as a database written before it is migrated; s is best
// opened without the audit guard (testOpen), since migrations rewrite
// rows as they do.
func reapplyMigration(t *testing.T, s *Store, version int64) {
	t.Helper()
	p, err := s.provider()
	check(t, err)
	for _, up := range []bool{false, true} {
		if _, err := p.ApplyVersion(context.Background(), version, up); err != nil {
			t.Fatalf("migration %d (up %v): %v", version, up, err)
		}
	}
}
