package web

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/search"
)

// TestSearchWhileTheIndexIsRebuilt: `gremium serve` rebuilds a marked
// index next to serving, so a search can meet a partial index. The page
// says so, and its answer is kept by no cache: the same search asked
// after the rebuild must not be served the answer with the notice (the
// response cache keeps public searches per data version).
func TestSearchWhileTheIndexIsRebuilt(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	const notice = "Suchindex wird gerade neu aufgebaut"
	if _, page := get(t, ts, "/suche?q=Beschluss"); strings.Contains(page, notice) {
		t.Fatal("a whole index: the search page says it is being rebuilt")
	}
	if err := st.MarkSearchNeedsRebuild(ctx); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		res, page := get(t, ts, "/suche?q=Beschluss")
		if !strings.Contains(page, notice) {
			t.Fatalf("a marked index: the search page does not say that hits may be missing:\n%.600s", page)
		}
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("a search during the rebuild has Cache-Control %q, want no-store", cc)
		}
	}
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	if err := search.Rebuild(ctx, st, council.ID); err != nil {
		t.Fatal(err)
	}
	if _, page := get(t, ts, "/suche?q=Beschluss"); strings.Contains(page, notice) {
		t.Error("after the rebuild the search page still says the index is being rebuilt")
	}
}
