package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"gremium/internal/store"
	"gremium/internal/store/storetest"
)

// The derived data an import leaves to the server (store.SearchAfterCommit,
// search.IndexPending, buildDerived) where it is hardest: a copy of the
// installation while it waits, an import of a session stored already,
// two servers on one database.

// openData opens the store of an installation: the SQLite file in dir,
// or the PostgreSQL database.
func openData(t *testing.T, database, dir string) *store.Store {
	t.Helper()
	st, err := store.OpenDatabase(context.Background(), database, dir)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// pendingOf gives the sessions whose search documents wait for the
// server, and whether DerivedWaiting says so.
func pendingOf(t *testing.T, database, dir string) ([]int64, bool) {
	t.Helper()
	ctx := context.Background()
	st := openData(t, database, dir)
	defer st.Close()
	ids, err := st.SearchPending(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	_, waiting, err := st.DerivedWaiting(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return ids, waiting
}

// indexTexts gives the texts of the search documents that contain word,
// and fails if a document (scope, kind, URL) is in the index twice.
func indexTexts(t *testing.T, database, dir, word string) []string {
	t.Helper()
	ctx := context.Background()
	st := openData(t, database, dir)
	defer st.Close()
	rows, err := st.DBForTests().QueryContext(ctx, `SELECT scope, kind, url, text FROM search_index ORDER BY scope, kind, url`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	var out []string
	for rows.Next() {
		var scope, kind, url, text string
		if err := rows.Scan(&scope, &kind, &url, &text); err != nil {
			t.Fatal(err)
		}
		key := scope + " " + kind + " " + url
		if seen[key] {
			t.Errorf("document %s is in the index twice", key)
		}
		seen[key] = true
		if strings.Contains(text, word) {
			out = append(out, text)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCopiesKeepWhatWaitsForTheServer: an installation whose import left
// the new session's search documents to the server is backed up and
// restored (`gremium backup`, `gremium restore`) and copied (`gremium
// migrate-data`, into SQLite and, when GREMIUM_TEST_POSTGRES is set, into
// PostgreSQL): every copy keeps the mark, its checks pass, and the copy's
// server (buildDerived) writes the documents — the search of the copy
// finds the minutes, where a copy without the mark would never have them.
func TestCopiesKeepWhatWaitsForTheServer(t *testing.T) {
	seed := seedMinutes(t)
	dir := t.TempDir()
	if code, out, errs := runCmd("import", "minutes", seed, "--data", dir); code != exitOK {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	marks, waiting := pendingOf(t, "", dir)
	if len(marks) != 1 || !waiting {
		t.Fatalf("after the import: marks %v, waiting %v", marks, waiting)
	}
	if got := indexTexts(t, "", dir, "Unternehmenskonto"); len(got) > 0 {
		t.Fatalf("the import wrote the new session's documents: %q", got)
	}

	type copyOf struct {
		name, database, dir string
	}
	var copies []copyOf
	file := filepath.Join(t.TempDir(), "sicherung.tar.gz")
	if code, out, errs := runCmd("backup", file, "--data", dir); code != exitOK {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	restored := filepath.Join(t.TempDir(), "wiederhergestellt")
	if code, out, errs := runCmd("restore", file, "--data", restored); code != exitOK {
		t.Fatalf("restore: %d %s %s", code, out, errs)
	}
	copies = append(copies, copyOf{"backup and restore", "", restored})
	lite := t.TempDir()
	if code, out, errs := runCmd("migrate-data", "--from", "sqlite:"+filepath.Join(dir, store.DBFileName), "--to", "sqlite:"+filepath.Join(lite, store.DBFileName), "--to-data", lite); code != exitOK {
		t.Fatalf("migrate-data into SQLite: %d\n%s%s", code, out, errs)
	}
	copies = append(copies, copyOf{"migrate-data into SQLite", "", lite})
	if os.Getenv(storetest.EnvPostgres) != "" {
		pg, pgDir := storetest.NewPostgresDB(t), t.TempDir()
		if code, out, errs := runCmd("migrate-data", "--from", "sqlite:"+filepath.Join(dir, store.DBFileName), "--to", pg, "--to-data", pgDir); code != exitOK {
			t.Fatalf("migrate-data into PostgreSQL: %d\n%s%s", code, out, errs)
		}
		copies = append(copies, copyOf{"migrate-data into PostgreSQL", pg, pgDir})
	} else {
		t.Logf("migrate-data into PostgreSQL not tested: %s is not set", storetest.EnvPostgres)
	}
	for _, c := range copies {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			if got, waiting := pendingOf(t, c.database, c.dir); !slices.Equal(got, marks) || !waiting {
				t.Fatalf("the copy's marks %v (waiting %v), the source's %v", got, waiting, marks)
			}
			st := openData(t, c.database, c.dir)
			defer st.Close()
			if !buildDerived(ctx, st, slog.New(slog.DiscardHandler)) {
				t.Fatal("buildDerived failed on the copy")
			}
			if oparl, search, err := st.DerivedWaiting(ctx); err != nil || oparl || search {
				t.Errorf("after buildDerived: OParl waiting %v, search waiting %v, %v", oparl, search, err)
			}
			if got := indexTexts(t, c.database, c.dir, "Unternehmenskonto"); len(got) == 0 {
				t.Error("the copy's server wrote no document of the imported minutes")
			}
		})
	}
}

// TestImportOfAStoredSessionWritesItsDocuments: an import of a session
// that is stored already (outcome updated) writes its search documents in
// the import, not left to the server — the index must not keep for a
// second what the change withdrew —, whether the server wrote the
// session's documents already or the session still waits for them (its
// mark then stays, and the server's write gives the same documents).
func TestImportOfAStoredSessionWritesItsDocuments(t *testing.T) {
	seed := seedMinutes(t)
	text, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	dir, files := t.TempDir(), t.TempDir()
	if code, out, errs := runCmd("import", "minutes", seed, "--data", dir); code != exitOK {
		t.Fatalf("import: %d %s %s", code, out, errs)
	}
	marks, _ := pendingOf(t, "", dir)
	// Corrected before the server ran: the import writes the documents,
	// the mark stays.
	changed := func(name, word string) string {
		f := filepath.Join(files, name)
		if err := os.WriteFile(f, []byte(strings.ReplaceAll(string(text), "Unternehmenskonto", word)), 0o600); err != nil {
			t.Fatal(err)
		}
		return f
	}
	code, out, errs := runCmd("import", "minutes", changed("a.txt", "Firmenkonto"), "--data", dir)
	if code != exitOK || !strings.Contains(out, "updated") {
		t.Fatalf("import of the corrected minutes: %d %s %s", code, out, errs)
	}
	if got := indexTexts(t, "", dir, "Firmenkonto"); len(got) == 0 {
		t.Error("the import of a stored session left its documents to the server")
	}
	if got := indexTexts(t, "", dir, "Unternehmenskonto"); len(got) > 0 {
		t.Errorf("the words the correction replaced are in the index: %q", got)
	}
	if got, _ := pendingOf(t, "", dir); !slices.Equal(got, marks) {
		t.Errorf("marks after the import of the stored session: %v, want %v", got, marks)
	}
	deriveNow(t, dir)
	firmen := indexTexts(t, "", dir, "Firmenkonto")
	if len(firmen) == 0 || len(indexTexts(t, "", dir, "Unternehmenskonto")) > 0 {
		t.Errorf("after the server's write: %d documents of the correction, the replaced words in %d", len(firmen), len(indexTexts(t, "", dir, "Unternehmenskonto")))
	}
	// Corrected after the server wrote them: written by the import again,
	// no mark.
	if code, out, errs := runCmd("import", "minutes", changed("b.txt", "Betriebskonto"), "--data", dir); code != exitOK || !strings.Contains(out, "updated") {
		t.Fatalf("second correction: %d %s %s", code, out, errs)
	}
	if got := indexTexts(t, "", dir, "Betriebskonto"); len(got) != len(firmen) {
		t.Errorf("after the second correction %d documents name it, want %d", len(got), len(firmen))
	}
	if got := indexTexts(t, "", dir, "Firmenkonto"); len(got) > 0 {
		t.Errorf("the words of the first correction are in the index: %q", got)
	}
	if got, waiting := pendingOf(t, "", dir); len(got) > 0 || waiting {
		t.Errorf("marks after the correction of a written session: %v (waiting %v)", got, waiting)
	}
}

// TestTwoServersBuildWhatAnImportLeft: two servers on one database (two
// stores on one SQLite file, or on one PostgreSQL database) run
// buildDerived at the same time on what imports left them, again until
// nothing waits (as serveDerived looks again at every change): no look
// fails, nothing is left waiting, and the search index holds each
// document once.
func TestTwoServersBuildWhatAnImportLeft(t *testing.T) {
	demoDir := t.TempDir()
	if code, _, errs := runCmd("demo", "--data", demoDir); code != exitOK {
		t.Fatal(errs)
	}
	var files []string
	for _, n := range []string{"45", "46", "47"} {
		f := filepath.Join(demoDir, n+".txt")
		if code, _, errs := runCmd("export", "minutes", "--internal", "--data", demoDir, n, "--out", f); code != exitOK {
			t.Fatalf("export %s: %s", n, errs)
		}
		files = append(files, f)
	}
	for _, eng := range storetest.Engines(t) {
		t.Run(eng.Name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			args := append([]string{"import", "minutes", "--data", dir}, files...)
			if eng.Database != "" {
				args = append(args, "--database", eng.Database)
			}
			if code, out, errs := runCmd(args...); code != exitOK {
				t.Fatalf("import: %d %s %s", code, out, errs)
			}
			if got, waiting := pendingOf(t, eng.Database, dir); len(got) != 3 || !waiting {
				t.Fatalf("after the import: marks %v, waiting %v", got, waiting)
			}
			var wg sync.WaitGroup
			errs := make([]error, 2)
			start := make(chan struct{})
			for i := range 2 {
				st := openData(t, eng.Database, dir)
				defer st.Close()
				wg.Go(func() {
					<-start
					for look := 0; ; look++ {
						if !buildDerived(ctx, st, slog.New(slog.DiscardHandler)) {
							errs[i] = fmt.Errorf("look %d failed", look)
							return
						}
						oparl, search, err := st.DerivedWaiting(ctx)
						if err != nil || !oparl && !search {
							errs[i] = err
							return
						}
						if look == 20 {
							errs[i] = fmt.Errorf("still waiting after %d looks: OParl %v, search %v", look, oparl, search)
							return
						}
					}
				})
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("server %d: %v", i, err)
				}
			}
			if got, waiting := pendingOf(t, eng.Database, dir); len(got) > 0 || waiting {
				t.Errorf("left waiting: %v (%v)", got, waiting)
			}
			if got := indexTexts(t, eng.Database, dir, ""); len(got) == 0 {
				t.Error("no documents written")
			}
		})
	}
}
