package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// tickGreenList ticks "Grüne Liste" in item's row on the management page
// and gives where the answer leads and the notice shown there.
func tickGreenList(t *testing.T, w alRundeVoteWorld, gs *http.Client, item int64) (string, string) {
	t.Helper()
	it, err := w.st.Item(context.Background(), item)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gs.PostForm(fmt.Sprintf("%s/tops/%d", w.ts.URL, item), url.Values{"version": {fmt.Sprint(it.Version)}, "nummer": {it.Number},
		"titel": {it.Title}, "abschnitt": {fmt.Sprint(it.SectionID)}, "gruene_liste": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("ticking %q for the Grüne Liste: %d", it.Title, res.StatusCode)
	}
	_, page := do(t, gs, "GET", w.ts.URL+res.Header.Get("Location"), nil)
	return res.Header.Get("Location"), between(page, `<div class="notice-box"`, "</div>")
}

// secondItem registers and accepts a second item with a proposal
// ("Cloud-Strategie") on the 48th session of w, without a recommendation.
func secondItem(t *testing.T, w alRundeVoteWorld) int64 {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	council, _ := w.st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	item, err := w.st.RegisterItem(ctx, model.AgendaItem{SessionID: w.s48.ID, Title: "Cloud-Strategie", Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll,
		Title: "Cloud-Strategie", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Cloud-Strategie."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	accept(t, w.st, item)
	return item
}

// TestGreenListSaysItemsWithoutRecommendation: the secretariat ticked
// items of the 48th session for the Grüne Liste — adopted en bloc,
// without discussion — for which the AL-Runde had recommended nothing,
// or a debate, and nothing said so: the page said "Gespeichert.", the
// page of recommendations listed only the recommended items. Now the tick
// is saved with a warning naming what the AL-Runde gave, and the page of
// recommendations names every such item with its reason and the way to
// the fix (the written procedure's form). An item the AL-Runde
// recommended for the list is not named.
func TestGreenListSaysItemsWithoutRecommendation(t *testing.T) {
	w := newALRundeVoteWorldFor(t, false)
	gs := client(t, w.ts, "geschaeftsstelle")
	// Ticked while the AL-Runde still votes on its recommendation.
	to, notice := tickGreenList(t, w, gs, w.target)
	if to != "/sitzungen/48/verwaltung" || !strings.Contains(notice, "<strong>Achtung, der TOP steht ohne Empfehlung auf der Grünen Liste:</strong>") ||
		!strings.Contains(notice, "„Föderales Datenportal“: die Beschlussempfehlung der AL-Runde ist noch nicht beschlossen.") {
		t.Errorf("the tick during the AL-Runde's vote (to %s): %q", to, notice)
	}
	// Recommended for adoption with debate, not for the list.
	w.adopt(t)
	cloud := secondItem(t, w)
	to, notice = tickGreenList(t, w, gs, cloud)
	if to != "/sitzungen/48/verwaltung" || !strings.Contains(notice, "„Cloud-Strategie“: keine Beschlussempfehlung der AL-Runde.") {
		t.Errorf("the tick without a recommendation (to %s): %q", to, notice)
	}
	_, page := do(t, gs, "GET", w.ts.URL+"/sitzungen/48/empfehlungen", nil)
	box := between(page, `id="gruene-liste-ohne-empfehlung"`, "</div>")
	for _, want := range []string{
		"Föderales Datenportal</a>: empfohlen ist „Annahme wie vorgeschlagen“, nicht ohne Aussprache (Beschlussempfehlung der 40. AL-Runde vom " + w.al.Date.German() + ")",
		fmt.Sprintf(`<a href="/sitzungen/48/verwaltung#top-%d">Cloud-Strategie</a>: keine Beschlussempfehlung der AL-Runde – <a href="/sitzungen/48/empfehlungen#umlauf-%d">Empfehlung im Umlaufverfahren einholen</a>`, cloud, cloud),
	} {
		if !strings.Contains(box, want) {
			t.Errorf("the page of recommendations lacks %q: %q", want, box)
		}
	}
	if !strings.Contains(page, fmt.Sprintf(`id="umlauf-%d"`, cloud)) {
		t.Errorf("the written procedure's form the warning links is not on the page")
	}
	// A member's office reads the warning without the secretariat's links.
	_, page = do(t, client(t, w.ts, "hessen"), "GET", w.ts.URL+"/sitzungen/48/empfehlungen", nil)
	if box := between(page, `id="gruene-liste-ohne-empfehlung"`, "</div>"); !strings.Contains(box, "Cloud-Strategie</a>: keine Beschlussempfehlung der AL-Runde") ||
		strings.Contains(box, "/verwaltung") || strings.Contains(box, "umlauf-") {
		t.Errorf("a member's office reads: %q", box)
	}
}

// TestGreenListRecommendedItemIsNotWarnedOf: an item the AL-Runde
// recommended for the Grüne Liste and the secretariat confirmed stands on
// the list without a warning, on the page of recommendations and in the
// notice of a tick.
func TestGreenListRecommendedItemIsNotWarnedOf(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	w.adopt(t)
	rec, err := w.st.Recommendation(context.Background(), w.rec)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.st.ConfirmGreenList(store.WithActor(context.Background(), "test"), rec.ID, rec.Version); err != nil {
		t.Fatal(err)
	}
	if it, _ := w.st.Item(context.Background(), w.target); !it.Consent {
		t.Fatal("the confirmed item is not on the Grüne Liste")
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", w.ts.URL+"/sitzungen/48/empfehlungen", nil); strings.Contains(page, `id="gruene-liste-ohne-empfehlung"`) {
		t.Errorf("a recommended item is warned of: %s", between(page, `id="gruene-liste-ohne-empfehlung"`, "</div>"))
	}
}

// TestManagePageNamesGreenListItemsWithoutRecommendation: the management
// page, where the secretariat publishes the agenda, names each item on
// the Grüne Liste without the AL-Runde's recommendation for it, with the
// reason, linked to its row, and the written procedure where one can be
// started.
func TestManagePageNamesGreenListItemsWithoutRecommendation(t *testing.T) {
	w := newALRundeVoteWorldFor(t, false)
	w.adopt(t)
	cloud := secondItem(t, w)
	gs := client(t, w.ts, "geschaeftsstelle")
	tickGreenList(t, w, gs, w.target)
	tickGreenList(t, w, gs, cloud)
	_, page := do(t, gs, "GET", w.ts.URL+"/sitzungen/48/verwaltung", nil)
	box := between(page, `id="gruene-liste-ohne-empfehlung"`, "</div>")
	for _, want := range []string{
		fmt.Sprintf(`<a href="#top-%d">Föderales Datenportal</a>: empfohlen ist „Annahme wie vorgeschlagen“, nicht ohne Aussprache`, w.target),
		fmt.Sprintf(`<a href="#top-%d">Cloud-Strategie</a>: keine Beschlussempfehlung der AL-Runde – <a href="/sitzungen/48/empfehlungen#umlauf-%d">Empfehlung im Umlaufverfahren einholen</a>`, cloud, cloud),
	} {
		if !strings.Contains(box, want) {
			t.Errorf("the management page lacks %q: %q", want, box)
		}
	}
}
