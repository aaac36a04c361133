package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestGreenListPulledAtTheBundsRequest: when the Bund takes an item off
// the Grüne Liste, every sentence that says so names it in the genitive,
// "auf Wunsch des Bundes": the notice after the pull, the AL-Runde's page
// of recommendations, the session page's recommendation and the audit
// log. They said "auf Wunsch von Bund", which is no German.
func TestGreenListPulledAtTheBundsRequest(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	w.adopt(t)
	ctx := store.WithActor(context.Background(), "test")
	rec, err := w.st.Recommendation(ctx, w.rec)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.st.ConfirmGreenList(ctx, rec.ID, rec.Version); err != nil {
		t.Fatal(err)
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	res, err := gs.PostForm(fmt.Sprintf("%s/empfehlungen/%d/herausnehmen", w.ts.URL, w.rec), url.Values{"mitglied": {"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the secretariat's pull for the Bund: %d", res.StatusCode)
	}
	_, page := do(t, gs, "GET", w.ts.URL+res.Header.Get("Location"), nil)
	if !strings.Contains(page, "Der TOP ist auf Wunsch des Bundes von der Grünen Liste genommen und wird einzeln behandelt.") {
		t.Errorf("the notice after the pull: %s", between(page, "<main", "<table"))
	}
	table := between(page, "<caption>Beschlussempfehlungen zu den Tagesordnungspunkten</caption>", "</table>")
	if !strings.Contains(table, "(auf Wunsch des Bundes)") {
		t.Errorf("the page of recommendations does not say at whose request: %s", table)
	}
	if strings.Contains(page, "von Bund") {
		t.Errorf("the page of recommendations says „von Bund“: %s", table)
	}
	_, page = do(t, gs, "GET", w.ts.URL+w.s48.Path(), nil)
	if !strings.Contains(page, "von der Grünen Liste genommen (auf Wunsch des Bundes)") || strings.Contains(page, "von Bund") {
		t.Errorf("the session page's recommendation: %s", between(page, `<p class="recommendation">`, "</p>"))
	}
}

// TestTickedItemPulledAtTheBundsRequest: an item the secretariat ticked
// for the Grüne Liste and the Bund wants treated singly: the notice on the
// session page and the audit log say "auf Wunsch des Bundes" (they said
// "auf Wunsch von Bund").
func TestTickedItemPulledAtTheBundsRequest(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, it := planSession48(t, ts, st)
	if _, err := st.CreateDecision(ctx, model.Decision{BodyID: s48.BodyID, SessionID: s48.ID, ItemID: it.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: it.Title, Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat nimmt den Bericht an."}}, Applicants: []string{"Bund"}}); err != nil {
		t.Fatal(err)
	}
	cur, err := st.Item(ctx, it.ID)
	if err != nil {
		t.Fatal(err)
	}
	cur.Status, cur.Consent = model.ItemAccepted, true
	if err := st.UpdateItem(ctx, cur); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	res, err := gs.PostForm(fmt.Sprintf("%s/tops/%d/gruene-liste/herausnehmen", ts.URL, it.ID), url.Values{"mitglied": {"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the secretariat's pull for the Bund: %d", res.StatusCode)
	}
	_, page := do(t, gs, "GET", ts.URL+res.Header.Get("Location"), nil)
	if want := "ist auf Wunsch des Bundes von der Grünen Liste genommen und wird einzeln behandelt."; !strings.Contains(page, want) {
		t.Errorf("the notice after the pull does not say %q: %s", want, between(page, "<main", "</h1>"))
	}
	log, err := st.AuditLog(ctx, "agenda_item", it.ID)
	if err != nil {
		t.Fatal(err)
	}
	var detail string
	for _, e := range log {
		if e.Action == "pull" {
			detail = e.Detail
		}
	}
	if detail != "auf Wunsch des Bundes" {
		t.Errorf("audit of the pull: %q", detail)
	}
}
