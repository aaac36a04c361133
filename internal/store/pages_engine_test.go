package store

import (
	"context"
	"testing"
)

// TestStoredPageRoundTrip: a page given to StorePage is there after
// FlushPages for its generation, and a change of content retires it — on
// both engines (on PostgreSQL every write of pages failed while the
// writer's pruning named SQLite's rowid).
func TestStoredPageRoundTrip(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	gen := must[int64](t)(s.PageGeneration(ctx))
	s.StorePage(RenderedPage{Key: "h||/beschluesse", Gen: gen, Epoch: "e1", Day: "2026-11-30", Headers: "Content-Type: text/html", ETag: `"x"`, Body: []byte("<p>Seite</p>")})
	check(t, s.FlushPages(ctx))
	p, _, ok, err := s.StoredPage(ctx, "h||/beschluesse", "e1", "2026-11-30")
	if err != nil || !ok || string(p.Body) != "<p>Seite</p>" {
		t.Fatalf("stored page: %+v %v %v", p, ok, err)
	}
	fixture(t, s) // changes of content
	if _, _, ok, err := s.StoredPage(ctx, "h||/beschluesse", "e1", "2026-11-30"); err != nil || ok {
		t.Errorf("the page outlived a change of content: %v %v", ok, err)
	}
}
