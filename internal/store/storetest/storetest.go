// Package storetest gives tests outside the store package databases on
// both engines: an SQLite directory always and, when GREMIUM_TEST_POSTGRES
// names a PostgreSQL server, a fresh PostgreSQL database per test, dropped
// when the test ends. A test that needs PostgreSQL skips with a clear
// message when the variable is unset, and fails when the server is
// unreachable with CI=true.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the admin connection
)

// EnvPostgres names the variable holding the URL of a database on the
// PostgreSQL server for tests (postgres://postgres@127.0.0.1:5432/test).
const EnvPostgres = "GREMIUM_TEST_POSTGRES"

// Engine is one database a test runs on: Database is "" for SQLite in a
// data directory, or a postgres:// URL (see store.OpenDatabase).
type Engine struct {
	Name     string // "sqlite" or "postgres"
	Database string
}

// Engines gives SQLite and, when EnvPostgres is set, a fresh PostgreSQL
// database; run the test's body once for each.
func Engines(t testing.TB) []Engine {
	t.Helper()
	out := []Engine{{Name: "sqlite"}}
	if os.Getenv(EnvPostgres) == "" {
		t.Logf("PostgreSQL not tested: %s is not set", EnvPostgres)
		return out
	}
	return append(out, Engine{Name: "postgres", Database: NewPostgresDB(t)})
}

// NewPostgresDB creates an empty database on the server EnvPostgres names
// and gives its URL; the database is dropped when the test ends. It skips
// the test when EnvPostgres is unset, and fails it when the server does
// not answer while CI=true (skips otherwise).
func NewPostgresDB(t testing.TB) string {
	t.Helper()
	return NewPostgresDBFrom(t, "")
}

// NewPostgresDBFrom is NewPostgresDB with a copy of the database named
// template (made by CreatePostgresDB, no connection open to it) instead
// of an empty database; "" is the empty one.
func NewPostgresDBFrom(t testing.TB, template string) string {
	t.Helper()
	server := os.Getenv(EnvPostgres)
	if server == "" {
		t.Skipf("needs PostgreSQL: set %s to a database URL", EnvPostgres)
	}
	if _, err := url.Parse(server); err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	if err := pingPostgres(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is set but PostgreSQL is unreachable: %v", EnvPostgres, err)
		}
		t.Skipf("PostgreSQL unreachable (%s): %v", EnvPostgres, err)
	}
	name := NewPostgresName()
	u, err := CreatePostgresDB(context.Background(), name, template)
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() { DropPostgresDB(name) })
	return u
}

// NewPostgresName gives a new name for a test database.
func NewPostgresName() string {
	var b [8]byte
	rand.Read(b[:])
	return "gremium_test_" + hex.EncodeToString(b[:])
}

// CreatePostgresDB creates the database name on the server EnvPostgres
// names, as a copy of the database template ("" for an empty one), and
// gives its URL. Text compares byte-wise, as SQLite compares it.
func CreatePostgresDB(ctx context.Context, name, template string) (string, error) {
	server := os.Getenv(EnvPostgres)
	u, err := url.Parse(server)
	if err != nil {
		return "", fmt.Errorf("%s: %w", EnvPostgres, err)
	}
	if template == "" {
		template = "template0"
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return "", fmt.Errorf("%s: %w", EnvPostgres, err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name+` TEMPLATE `+template+` ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`); err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

// DropPostgresDB drops the database name (made by CreatePostgresDB) on the
// server EnvPostgres names, closing the connections still open to it.
func DropPostgresDB(name string) error {
	admin, err := sql.Open("pgx", os.Getenv(EnvPostgres))
	if err != nil {
		return err
	}
	defer admin.Close()
	_, err = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
	return err
}

// pingPostgres tells whether the server EnvPostgres names answers.
func pingPostgres() error {
	admin, err := sql.Open("pgx", os.Getenv(EnvPostgres))
	if err != nil {
		return err
	}
	defer admin.Close()
	return admin.Ping()
}
