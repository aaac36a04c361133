package web

import "testing"

// TestGivenRecommendationLinksItsItem: the council's page of the
// recommendations given for a session linked each item to the session
// page's "#top-{row id}"; the session page's anchors are the TOP numbers
// now (model.ItemAnchors), so the link lands where the item stands.
func TestGivenRecommendationLinksItsItem(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	w.adopt(t)
	gs := client(t, w.ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", w.ts.URL+w.s48.Path()+"/empfehlungen", nil)
	_, session := do(t, gs, "GET", w.ts.URL+w.s48.Path(), nil)
	ids := pageIDs(session)
	links := linksTo(page, w.s48.Path())
	if len(links) == 0 {
		t.Fatalf("the recommendations page links no item of the session:\n%s", between(page, "<main", "</main>"))
	}
	for _, f := range links {
		if !ids[f] {
			t.Errorf("the link #%s lands nowhere on the session page", f)
		}
	}
}
