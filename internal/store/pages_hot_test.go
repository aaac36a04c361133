package store

import (
	"bytes"
	"context"
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
