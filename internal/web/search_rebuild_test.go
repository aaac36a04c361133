package web

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
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

// TestSearchWhileImportedMinutesWait: a session `gremium import minutes`
// left to the server (store.SearchAfterCommit) is not found until the
// server wrote its documents (search.IndexPending, within about a
// second). Until then the search page says that hits of newly imported
// minutes may be missing, and its answer is kept by no cache; afterwards
// the session's decision is found and the notice is gone.
func TestSearchWhileImportedMinutesWait(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := store.WithActor(context.Background(), "import")
	const notice = "eingelesene Protokolle werden gerade in die Suche aufgenommen"
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	se := model.Session{Number: 70, Date: model.NewDate(2031, 3, 4), Place: "Berlin", Chair: "Bund"}
	item := store.MinutesItem{
		Item: model.AgendaItem{Number: "1", Title: "Quantenfestigkeit der Verwaltungsnetze", Position: 1, Status: model.ItemAccepted},
		Decisions: []model.Decision{{Position: 1, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig",
			Number: model.DecisionNumber{Year: 2031, Seq: 7}, Points: []model.Point{{Text: "Der IT-Planungsrat beschließt die Quantenfestigkeit."}}}},
	}
	if _, err := st.SaveMinutes(ctx, council.ID, se, []store.MinutesItem{item}, nil, store.ImportSource{}, store.OParlAfterCommit, store.SearchAfterCommit); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		res, page := get(t, ts, "/suche?q=Quantenfestigkeit")
		if !strings.Contains(page, notice) || strings.Contains(page, "B-2031/07") {
			t.Fatalf("a session waiting for its documents: the search page\n%.1500s", page)
		}
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("a search while documents wait has Cache-Control %q, want no-store", cc)
		}
	}
	if n, err := search.IndexPending(ctx, st); err != nil || n != 1 {
		t.Fatalf("IndexPending: %d sessions, %v", n, err)
	}
	if _, page := get(t, ts, "/suche?q=Quantenfestigkeit"); strings.Contains(page, notice) || !strings.Contains(page, "B-2031/07") {
		t.Errorf("after the server wrote the documents: %.1500s", page)
	}
}
