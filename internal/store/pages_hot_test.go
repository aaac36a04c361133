package store

import (
	"bytes"
	"context"
	"hash/fnv"
	"strings"
	"testing"
)

// TestHotPagesFollowGeneration: a large stored page is answered from memory
// while the generation stays, and not once the content changed — also by a
// second store on the same database (another process) — nor for another
// build or day; small pages are always read from the database.
func TestHotPagesFollowGeneration(t *testing.T) {
	s, dir := newStore(t)
	ctx := context.Background()
	gen := must[int64](t)(s.PageGeneration(ctx))
	large := bytes.Repeat([]byte("x"), hotPageMin+1)
	for _, p := range []RenderedPage{
		{Key: "h||/oparl/v1/body/1/meeting", Body: large},
		{Key: "h||/klein", Body: []byte("<p>klein</p>")},
	} {
		p.Gen, p.Epoch, p.Day, p.Headers, p.ETag = gen, "e1", "2026-11-30", "Content-Type: application/json", `"x"`
		s.StorePage(p)
	}
	check(t, s.FlushPages(ctx))
	read := func(key, epoch, day string) (string, bool) {
		t.Helper()
		p, _, ok, err := s.StoredPage(ctx, key, epoch, day)
		if err != nil {
			t.Fatal(err)
		}
		return string(p.Body), ok
	}
	if b, ok := read("h||/oparl/v1/body/1/meeting", "e1", "2026-11-30"); !ok || b != string(large) {
		t.Fatalf("large page not stored: %v", ok)
	}
	read("h||/klein", "e1", "2026-11-30")
	// Change the stored bytes behind the store's back (same generation):
	// the large page comes from memory, the small one from the table.
	for key, body := range map[string][]byte{"h||/oparl/v1/body/1/meeting": bytes.Repeat([]byte("y"), hotPageMin+1), "h||/klein": []byte("anders")} {
		if _, err := s.db.ExecContext(ctx, `UPDATE rendered_pages SET body = ? WHERE key = ?`, body, key); err != nil {
			t.Fatal(err)
		}
	}
	if b, ok := read("h||/oparl/v1/body/1/meeting", "e1", "2026-11-30"); !ok || b != string(large) {
		t.Errorf("large page not kept in memory: %v %.20q", ok, b)
	}
	if b, _ := read("h||/klein", "e1", "2026-11-30"); b != "anders" {
		t.Errorf("small page kept in memory: %q", b)
	}
	if _, ok := read("h||/oparl/v1/body/1/meeting", "e2", "2026-11-30"); ok {
		t.Error("page of another build served")
	}
	if _, ok := read("h||/oparl/v1/body/1/meeting", "e1", "2026-12-01"); ok {
		t.Error("page of another day served")
	}
	other, err := testOpen(t, ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	fixture(t, other) // a change of content by another process
	if _, ok := read("h||/oparl/v1/body/1/meeting", "e1", "2026-11-30"); ok {
		t.Error("page kept in memory outlived a change of content by another store")
	}
}

// TestLargeStoredPageOneStatement: a large stored page that memory does
// not hold (a store just opened, as after a restart or when the page was
// dropped to make room) comes with its bytes in the one statement of
// StoredPage, and once held, without them. Before, its bytes were read by
// a second statement — on PostgreSQL a second round trip (PGCallCount),
// for every OParl list page that did not fit the memory.
func TestLargeStoredPageOneStatement(t *testing.T) {
	s, dir := newStore(t)
	ctx := context.Background()
	gen := must[int64](t)(s.PageGeneration(ctx))
	large := bytes.Repeat([]byte("z"), hotPageMin+10)
	s.StorePage(RenderedPage{Key: "h||/oparl/v1/body/1/paper?after=9", Gen: gen, Epoch: "e1", Day: "2026-11-30",
		Headers: "Content-Type: application/json", ETag: `"z"`, Body: large})
	check(t, s.FlushPages(ctx))
	other, err := testOpen(t, ctx, dir) // memory holds nothing yet
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for i, want := range []string{"not held", "held"} {
		c0 := PGCallCount()
		p, g, ok, err := other.StoredPage(ctx, "h||/oparl/v1/body/1/paper?after=9", "e1", "2026-11-30")
		calls := PGCallCount().Sub(c0)
		if err != nil || !ok || g != gen || !bytes.Equal(p.Body, large) || p.ETag != `"z"` {
			t.Fatalf("%s: page %v gen %d (want %d) %v, %d bytes", want, ok, g, gen, err, len(p.Body))
		}
		if other.Dialect() == Postgres && (calls.Statements != 1 || calls.Prepares > 1) {
			t.Errorf("%s (read %d): %d statements, %d prepares, want 1 statement", want, i, calls.Statements, calls.Prepares)
		}
	}
}

// TestPageIDIsFNV1a: the number of a stored page is FNV-1a of its key, the
// same in every process (instances share the store) and on both engines.
func TestPageIDIsFNV1a(t *testing.T) {
	for _, key := range []string{"", "127.0.0.1:8080||GET|/beschluesse/B-2025/27-IT", "ä|gzip"} {
		h := fnv.New64a()
		h.Write([]byte(key))
		if got, want := pageID(key), int64(h.Sum64()); got != want {
			t.Errorf("pageID(%q) = %d, want %d", key, got, want)
		}
	}
}

// TestPagesWithOneNumber: two keys whose numbers are the same (pageID) take
// each other's place and are never served for each other: the key is
// compared on every lookup.
func TestPagesWithOneNumber(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	gen := must[int64](t)(s.PageGeneration(ctx))
	const a, b = "h||/beschluesse/B-2025/1-IT", "h||/beschluesse/B-2025/2-IT"
	// The row of b under a's number, as if the two numbers were the same.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO rendered_pages (id, key, gen, epoch, day, headers, etag, body)
		VALUES (?, ?, ?, 'e1', '2026-12-01', '', '"b"', ?)`, pageID(a), b, gen, []byte("Seite b")); err != nil {
		t.Fatal(err)
	}
	if p, _, ok, err := s.StoredPage(ctx, a, "e1", "2026-12-01"); err != nil || ok {
		t.Fatalf("a served from the row of b: %q %v %v", p.Body, ok, err)
	}
	if p, _, ok, err := s.StoredPageOr(ctx, "h||/x", a, "e1", "2026-12-01"); err != nil || ok {
		t.Fatalf("a served from the row of b (StoredPageOr): %q %v %v", p.Body, ok, err)
	}
	s.StorePage(RenderedPage{Key: a, Gen: gen, Epoch: "e1", Day: "2026-12-01", ETag: `"a"`, Body: []byte("Seite a")})
	check(t, s.FlushPages(ctx))
	if p, _, ok, err := s.StoredPage(ctx, a, "e1", "2026-12-01"); err != nil || !ok || string(p.Body) != "Seite a" {
		t.Fatalf("a after storing it: %q %v %v", p.Body, ok, err)
	}
	var n int
	check(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM rendered_pages`).Scan(&n))
	if n != 1 {
		t.Errorf("%d rows, want 1 (a in the place of b)", n)
	}
}

// TestStoredPageFoundByRowID: the lookup of a stored page descends the
// table's b-tree by row id alone, not an index of the keys first (one page
// read less per cache miss of a public page; before, the plan was "SEARCH p
// USING INDEX sqlite_autoindex_rendered_pages_1 (key=?)").
func TestStoredPageFoundByRowID(t *testing.T) {
	onlySQLite(t, "SQLite's query plans")
	s, _ := newStore(t)
	for _, c := range []struct {
		query string
		args  []any
		want  []string
	}{
		{storedPageQuery, []any{hotPageMin, 0, pageID("a"), "a", "e", "d"}, []string{"SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"}},
		{storedPageOrQuery, []any{hotPageMin, 0, hotPageMin, 0, pageID("a"), "a", "e", "d", pageID("b"), "b", "e", "d"},
			[]string{"SEARCH p USING INTEGER PRIMARY KEY (rowid=?)", "SEARCH q USING INTEGER PRIMARY KEY (rowid=?)"}},
	} {
		plan := planOf(t, s, c.query, c.args...)
		for _, w := range c.want {
			if !strings.Contains(plan, w) {
				t.Errorf("plan without %q:\n%s", w, plan)
			}
		}
		if strings.Contains(plan, "INDEX") {
			t.Errorf("plan uses an index:\n%s", plan)
		}
	}
}
