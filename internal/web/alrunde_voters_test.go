package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestALRundeLiveFollowsItsOwnVoters: the live page of a session of the
// AL-Runde counted and listed the council's 17 voters, under the
// council's rules and quorum, whatever the AL-Runde's own rules: with the
// AL-Runde letting only the Bund, Bavaria and Berlin vote by simple
// majority, its box read "17 von 17 stimmberechtigten Mitgliedern", the
// one-step grids offered Hessen a hand (which the store then refused as
// „Hessen ist nicht stimmberechtigt.“) and the proposal's rule line gave
// the council's qualified majority. Now the page, its grids and the
// handlers that read them follow the session's body, as the store
// counts; a hand posted for a member the body does not let vote is
// refused naming it, nothing recorded, in the open vote's grid too
// (where it was dropped unseen).
func TestALRundeLiveFollowsItsOwnVoters(t *testing.T) {
	w := newALRundeVoteWorld(t)
	ctx := store.WithActor(context.Background(), "test")
	prep, err := w.st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	prep.Rules = model.DecisionRules{Decision: model.SimpleMajorityRule, Recommendation: model.SimpleMajorityRule, Voters: []string{"Bund", "BY", "BE"}}
	prep.QuorumMin = 2
	if err := w.st.UpdateBody(ctx, prep); err != nil {
		t.Fatal(err)
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	live := w.ts.URL + w.al.Path() + "/live"

	// The open vote: its box and grid were the AL-Runde's already; the
	// quorum box beside it was the council's.
	_, page := do(t, gs, "GET", live, nil)
	if quorum := between(page, `id="h-quorum"`, "</section>"); !strings.Contains(quorum, ": 3 von 3 stimmberechtigten Mitgliedern.") ||
		!strings.Contains(quorum, "Festgestellt: beschlussfähig") {
		t.Errorf("quorum box: %s", quorum)
	}
	box := between(page, `id="abstimmung"`, "</section>")
	if !strings.Contains(box, "Abgestimmt haben 0 von 3.") || !strings.Contains(box, `name="stimme_BY"`) || strings.Contains(box, `name="stimme_HE"`) {
		t.Errorf("open vote's box: %s", box)
	}
	hands := fmt.Sprintf("%s/abstimmungen/%d/handzeichen", w.ts.URL, w.voteID)
	code, page := do(t, gs, "POST", hands, url.Values{"stimme_BY": {"ja"}, "stimme_HE": {"nein"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Für Hessen ist ein Handzeichen eingetragen, doch Hessen ist im Gremium AL-Runde nicht stimmberechtigt; nichts ist gespeichert.") {
		t.Errorf("a hand for Hessen in the open vote: %d %s", code, between(page, `id="handzeichen-abgelehnt"`, "</div>"))
	}
	if v, _ := w.st.SessionVote(ctx, w.voteID); len(v.Votes) != 0 {
		t.Errorf("recorded after the refused hands: %+v", v.Votes)
	}
	if err := w.st.CancelVote(ctx, w.voteID); err != nil {
		t.Fatal(err)
	}

	// The proposal's one-step show of hands and its rule line.
	d, err := w.st.Decision(ctx, w.draft)
	if err != nil {
		t.Fatal(err)
	}
	_, page = do(t, gs, "GET", fmt.Sprintf("%s?top=%d", live, w.item), nil)
	grid := between(page, fmt.Sprintf(`action="/entwuerfe/%d/abstimmung"`, d.ID), "</form>")
	if !strings.Contains(grid, `name="stimme_BY"`) || strings.Contains(grid, `name="stimme_HE"`) {
		t.Errorf("one-step grid: %s", grid)
	}
	if line := between(page, fmt.Sprintf(`id="regel-entwurf-%d"`, d.ID), "</span>"); !strings.Contains(line, model.SimpleMajorityRule.Label()) {
		t.Errorf("rule line: %s", line)
	}
	if !strings.Contains(page, "Abgestimmt wird nach den Regeln "+prep.Of()+",") {
		t.Errorf("the rules named: %s", between(page, "Abgestimmt wird nach den Regeln", "</p>"))
	}
	post := fmt.Sprintf("%s/entwuerfe/%d/abstimmung", w.ts.URL, d.ID)
	form := url.Values{"version": {fmt.Sprint(d.Version)}, "stimme_Bund": {"ja"}, "stimme_BY": {"ja"}, "stimme_BE": {"nein"}, "stimme_HE": {"ja"}}
	code, page = do(t, gs, "POST", post, form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Für Hessen ist ein Handzeichen eingetragen, doch Hessen ist im Gremium AL-Runde nicht stimmberechtigt") {
		t.Errorf("a hand for Hessen in one step: %d %s", code, between(page, "Nicht gespeichert", "</div>"))
	}
	if got, _ := w.st.Decision(ctx, d.ID); got.Status != model.DecisionDraft {
		t.Fatalf("after the refused hands the proposal is %q", got.Status)
	}
	form.Del("stimme_HE")
	if code, page := do(t, gs, "POST", post, form); code != http.StatusSeeOther {
		t.Fatalf("the AL-Runde's hands: %d %s", code, between(page, "Nicht gespeichert", "</div>"))
	}
	if got, _ := w.st.Decision(ctx, d.ID); got.Status != model.DecisionAdopted {
		t.Errorf("by 2 to 1 of the AL-Runde's voters the proposal is %q (%s)", got.Status, got.Result)
	}
}
