package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestEarlierDecisionSlipIsShownAndRemoved: an earlier decision recorded
// by a slip far ahead (B-<year>/400-IT) in a year in which gremium has
// numbered no decision itself moved the year's numbering past it — the
// next adopted decision would be B-<year>/401-IT — and nothing said so;
// nor could the slip be taken back. Now the saving says the next number,
// the form and the page of the earlier decisions say it as well, and the
// page removes an earlier decision nothing cites (after a confirmation):
// the numbering goes back. A cited one is kept, with what cites it.
func TestEarlierDecisionSlipIsShownAndRemoved(t *testing.T) {
	ts, st, council := earlierDecisionServer(t)
	ctx := context.Background()
	today := model.BerlinDate(st.Now())
	year := today.Year
	before, err := st.DecisionNumbering(ctx, council.ID, year)
	if err != nil || before.FirstOwn != "" {
		t.Fatalf("set-up: the demo has numbered decisions of %d itself (%+v, %v)", year, before, err)
	}
	label := func(seq int) string {
		return model.FormatDecisionNumber(council.DecisionPattern, model.DecisionNumber{Year: year, Seq: seq})
	}
	slip := label(400)
	nextSentence := "Der nächste Beschluss erhält die Nummer " + label(401) + "."
	gs := client(t, ts, "geschaeftsstelle")
	code, _ := do(t, gs, "POST", ts.URL+"/fachmk/fruehere-beschluesse", url.Values{"fachmk": {"FMK"}, "nummer": {slip}, "datum": {today.German()}})
	if code != http.StatusSeeOther {
		t.Fatalf("recording %s: %d", slip, code)
	}
	// The notice after saving, and the form on the conference's page.
	_, page := do(t, gs, "GET", ts.URL+"/fachmk/FMK", nil)
	if notice := between(page, `class="notice`, "</div>"); !strings.Contains(notice, "Der frühere Beschluss "+slip+" ist erfasst") || !strings.Contains(notice, nextSentence) {
		t.Errorf("the notice after saving does not say the next number: %q", notice)
	}
	if hint := between(page, `id="fb-nummerierung"`, "</p>"); !strings.Contains(hint, nextSentence) || !strings.Contains(hint, `href="/fachmk/fruehere-beschluesse"`) {
		t.Errorf("the form does not say the next number: %q", hint)
	}
	// The page of the earlier decisions: the numbering, the slip with its
	// removal, the demo's B-2022/43-IT cited by spokesperson assignments.
	code, list := do(t, gs, "GET", ts.URL+"/fachmk/fruehere-beschluesse", nil)
	if code != http.StatusOK {
		t.Fatalf("the page of the earlier decisions: %d", code)
	}
	if box := between(list, `id="nummerierung"`, "</div>"); !strings.Contains(box, nextSentence) {
		t.Errorf("the page does not say the next number: %q", box)
	}
	es, err := st.EarlierDecisions(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	var slipID, citedID int64
	for _, e := range es {
		switch {
		case e.Label == slip:
			slipID = e.ID
		case len(e.CitedBy) > 0:
			citedID = e.ID
		}
	}
	if slipID == 0 || citedID == 0 {
		t.Fatalf("set-up: the slip %d, a cited earlier decision %d: %+v", slipID, citedID, es)
	}
	remove := func(id int64) string { return fmt.Sprintf("/fruehere-beschluesse/%d/entfernen", id) }
	if !strings.Contains(list, `action="`+remove(slipID)+`"`) {
		t.Error("the slip has no removal on the page")
	}
	if strings.Contains(list, `action="`+remove(citedID)+`"`) || !strings.Contains(html.UnescapeString(list), "Sprecherfunktion") {
		t.Error("a cited earlier decision is offered for removal, or what cites it is not named")
	}
	// One click asks; the confirmed form removes.
	if code, ask := do(t, gs, "POST", ts.URL+remove(slipID), nil); code != http.StatusOK || !strings.Contains(ask, "Wollen Sie den früheren Beschluss "+slip) {
		t.Fatalf("the removal does not ask first: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+remove(slipID), url.Values{"bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("removing the slip: %d", code)
	}
	_, list = do(t, gs, "GET", ts.URL+"/fachmk/fruehere-beschluesse", nil)
	if notice := between(list, `class="notice`, "</div>"); !strings.Contains(notice, slip+" ist entfernt") || !strings.Contains(notice, before.NextSentence()) {
		t.Errorf("the notice after the removal: %q, want the number before the slip (%s)", notice, before.Next)
	}
	if after, _ := st.DecisionNumbering(ctx, council.ID, year); after.Next != before.Next {
		t.Errorf("after the removal the next number is %s, want %s", after.Next, before.Next)
	}
	// A cited one is refused, and stays.
	if code, _ := do(t, gs, "POST", ts.URL+remove(citedID), url.Values{"bestaetigt": {"ja"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("removing a cited earlier decision: %d, want 422", code)
	}
	if after, _ := st.EarlierDecisions(ctx, council.ID); len(after) != len(es)-1 {
		t.Errorf("%d earlier decisions after the removals, want %d", len(after), len(es)-1)
	}
	// The page's own form refuses at its fields and keeps the input.
	code, refused := do(t, gs, "POST", ts.URL+"/fachmk/fruehere-beschluesse", url.Values{"nummer": {"2022-43"}, "datum": {today.German()}, "titel": {"Getippt"}})
	if code != http.StatusBadRequest {
		t.Fatalf("the list's form refused: %d", code)
	}
	reasonsAtFields(t, refused, `id="fruehere-fehler" tabindex="-1"><p>Der frühere Beschluss ist nicht erfasst:`, map[string]string{"fb-nummer": "Bitte die Nummer des Beschlusses angeben"})
	if !strings.Contains(between(refused, `<input id="fb-titel"`, ">"), `value="Getippt"`) {
		t.Error("the refused form lost the typed title")
	}
	// Only the secretariat reads the page.
	if code, _ := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/fachmk/fruehere-beschluesse", nil); code != http.StatusForbidden {
		t.Errorf("a member office reads the earlier decisions: %d", code)
	}
}
