package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gremium/internal/backup"
	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// TestMigrateDataRoundTrip moves the demo installation with a document
// from SQLite to PostgreSQL and back with "gremium migrate-data": "gremium
// audit verify" passes on each, the tables come back with the same rows
// (counts and checksums) and the document with its content.
func TestMigrateDataRoundTrip(t *testing.T) {
	pg := storetest.NewPostgresDB(t)
	dir1, dir2, dir3 := t.TempDir(), t.TempDir(), t.TempDir()
	if code, _, errs := runCmd("demo", "--data", dir1); code != exitOK {
		t.Fatalf("demo: %d %s", code, errs)
	}
	doc := []byte("%PDF-1.4 Beschlussvorlage")
	sum := sha256.Sum256(doc)
	name := hex.EncodeToString(sum[:])
	if err := os.MkdirAll(filepath.Join(dir1, backup.DocumentDir), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir1, backup.DocumentDir, name), doc, 0o640); err != nil {
		t.Fatal(err)
	}

	code, out, errs := runCmd("migrate-data", "--from", "sqlite:"+filepath.Join(dir1, store.DBFileName), "--to", pg, "--to-data", dir2)
	if code != exitOK || !strings.Contains(out, "audit chain intact") || !strings.Contains(out, "copied 1 documents") {
		t.Fatalf("to PostgreSQL: %d\n%s%s", code, out, errs)
	}
	if code, out, errs := runCmd("audit", "verify", "--database", pg, "--data", dir2); code != exitOK {
		t.Fatalf("audit verify on PostgreSQL: %d %s %s", code, out, errs)
	}
	if code, _, errs := runCmd("migrate-data", "--from", "sqlite:"+filepath.Join(dir1, store.DBFileName), "--to", pg, "--to-data", dir2); code != exitFail || !strings.Contains(errs, "not empty") {
		t.Errorf("copied into a database that is not empty: %d %s", code, errs)
	}

	code, out, errs = runCmd("migrate-data", "--from", pg, "--from-data", dir2, "--to", "sqlite:"+filepath.Join(dir3, store.DBFileName))
	if code != exitOK {
		t.Fatalf("back to SQLite: %d\n%s%s", code, out, errs)
	}
	if code, out, errs := runCmd("audit", "verify", "--data", dir3); code != exitOK {
		t.Fatalf("audit verify on SQLite: %d %s %s", code, out, errs)
	}
	if got, err := os.ReadFile(filepath.Join(dir3, backup.DocumentDir, name)); err != nil || string(got) != string(doc) {
		t.Errorf("document after the round trip: %q %v", got, err)
	}
	checks := func(dir string) []store.TableCheck {
		st, err := store.Open(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		c, err := st.Checks(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if a, b := checks(dir1), checks(dir3); !slices.Equal(a, b) {
		t.Errorf("the round trip changed the data:\n%v\n%v", a, b)
	}
}
