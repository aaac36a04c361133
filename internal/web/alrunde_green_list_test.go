package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// alRundeThreeVoters gives the AL-Runde rules that let only the Bund,
// Bavaria and Berlin vote, by simple majority, quorate with two: Hessen,
// a voter of the council, is none of the AL-Runde's.
func alRundeThreeVoters(t *testing.T, st *store.Store) model.Body {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	prep, err := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	prep.Rules = model.DecisionRules{Decision: model.SimpleMajorityRule, Recommendation: model.SimpleMajorityRule, Voters: []string{"Bund", "BY", "BE"}}
	prep.QuorumMin = 2
	if err := st.UpdateBody(ctx, prep); err != nil {
		t.Fatal(err)
	}
	return prep
}

// alRundeItemOnItsGreenList is the vote world with the AL-Runde's own
// rules (alRundeThreeVoters), its vote cancelled and the AL-Runde's item
// ticked for the AL-Runde's own Grüne Liste.
func alRundeItemOnItsGreenList(t *testing.T) alRundeVoteWorld {
	t.Helper()
	w := newALRundeVoteWorld(t)
	ctx := store.WithActor(context.Background(), "test")
	alRundeThreeVoters(t, w.st)
	if err := w.st.CancelVote(ctx, w.voteID); err != nil {
		t.Fatal(err)
	}
	it, err := w.st.Item(ctx, w.item)
	if err != nil {
		t.Fatal(err)
	}
	it.Consent = true
	if err := w.st.UpdateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	return w
}

// TestALRundeGreenListIsRouted: the live page of a session of the
// AL-Runde with an item on the AL-Runde's own Grüne Liste showed the
// en-bloc box, but its two forms posted to
// /gremien/al-runde/sitzungen/40/gruene-liste and …/gruene-liste/eroeffnen,
// which were routed only under /sitzungen/{nr}: "Diese Seite gibt es
// nicht." Both are routed for the preparatory body now, and the list is
// voted on by the AL-Runde's voters: a hand for Hessen, which the
// AL-Runde does not let vote, is refused naming it.
func TestALRundeGreenListIsRouted(t *testing.T) {
	w := alRundeItemOnItsGreenList(t)
	ctx := context.Background()
	gs := client(t, w.ts, "geschaeftsstelle")
	base := w.ts.URL + w.al.Path()

	_, page := do(t, gs, "GET", base+"/live", nil)
	box := between(page, `class="consent-vote"`, "</section>")
	if !strings.Contains(box, `action="`+w.al.Path()+`/gruene-liste"`) || !strings.Contains(box, `action="`+w.al.Path()+`/gruene-liste/eroeffnen"`) {
		t.Fatalf("the AL-Runde's en-bloc box: %s", box)
	}
	if !strings.Contains(box, `name="stimme_BY"`) || strings.Contains(box, `name="stimme_HE"`) {
		t.Errorf("the en-bloc grid lists other voters than the AL-Runde's: %s", box)
	}

	// Opening the vote on the list.
	if code, page := do(t, gs, "POST", base+"/gruene-liste/eroeffnen", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("opening the vote on the AL-Runde's Grüne Liste: %d %s", code, between(page, "<main", "</main>"))
	}
	votes, err := w.st.SessionVotes(ctx, w.al.ID)
	if err != nil {
		t.Fatal(err)
	}
	var open model.SessionVote
	for _, v := range votes {
		if v.Status == model.VoteOpen {
			open = v
		}
	}
	if open.ID == 0 || !open.Consent() {
		t.Fatalf("no open vote on the Grüne Liste after opening it: %+v", votes)
	}
	if err := w.st.CancelVote(store.WithActor(ctx, "test"), open.ID); err != nil {
		t.Fatal(err)
	}

	// The show of hands in one step: the AL-Runde's voters only.
	d, err := w.st.Decision(ctx, w.draft)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"fassungen": {fmt.Sprintf("%d:%d", d.ID, d.Version)}, "stimme_Bund": {"ja"}, "stimme_BY": {"ja"}, "stimme_BE": {"ja"}, "stimme_HE": {"ja"}}
	code, page := do(t, gs, "POST", base+"/gruene-liste", form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Für Hessen ist ein Handzeichen eingetragen, doch Hessen ist im Gremium AL-Runde nicht stimmberechtigt") {
		t.Errorf("a hand for Hessen on the AL-Runde's Grüne Liste: %d %s", code, between(page, "Nicht gespeichert", "</div>"))
	}
	if got, _ := w.st.Decision(ctx, d.ID); got.Status != model.DecisionDraft {
		t.Fatalf("after the refused hands the proposal is %q", got.Status)
	}
	form.Del("stimme_HE")
	if code, page := do(t, gs, "POST", base+"/gruene-liste", form); code != http.StatusSeeOther {
		t.Fatalf("the AL-Runde's hands on its Grüne Liste: %d %s", code, between(page, "Nicht gespeichert", "</div>"))
	}
	if got, _ := w.st.Decision(ctx, d.ID); got.Status != model.DecisionAdopted {
		t.Errorf("adopted en bloc by the AL-Runde's three voters, the proposal is %q (%s)", got.Status, got.Result)
	}
}

// TestALRundeGreenListPullFollowsItsOwnVoters: the session page of a
// session of the AL-Runde offered the secretariat the council's voters
// for "auf Wunsch von" when an item is taken off the AL-Runde's Grüne
// Liste, and the store took such a pull at the request of any member of
// a voting kind — Hessen too, which the AL-Runde does not let vote; a
// member's office that does not vote in the AL-Runde was offered the
// button. Now the select lists the AL-Runde's voters, the button is its
// voters' offices', and the store refuses a pull at the request of a
// member that does not vote in the session's body, naming it.
func TestALRundeGreenListPullFollowsItsOwnVoters(t *testing.T) {
	w := alRundeItemOnItsGreenList(t)
	ctx := context.Background()
	gs := client(t, w.ts, "geschaeftsstelle")
	pull := fmt.Sprintf(`action="/tops/%d/gruene-liste/herausnehmen"`, w.item)

	_, page := do(t, gs, "GET", w.ts.URL+w.al.Path(), nil)
	sel := between(page, fmt.Sprintf(`<select id="gl-%d"`, w.item), "</select>")
	if !strings.Contains(sel, `value="BY"`) || strings.Contains(sel, `value="HE"`) {
		t.Errorf("'auf Wunsch von' of the AL-Runde's Grüne Liste: %s", sel)
	}
	if _, page := do(t, client(t, w.ts, "hessen"), "GET", w.ts.URL+w.al.Path(), nil); strings.Contains(page, pull) {
		t.Error("Hessen, no voter of the AL-Runde, is offered to take the item off its Grüne Liste")
	}
	if _, page := do(t, client(t, w.ts, "bund"), "GET", w.ts.URL+w.al.Path(), nil); !strings.Contains(page, pull) {
		t.Error("the Bund, a voter of the AL-Runde, is not offered to take the item off its Grüne Liste")
	}

	post := fmt.Sprintf("%s/tops/%d/gruene-liste/herausnehmen", w.ts.URL, w.item)
	code, page := do(t, gs, "POST", post, url.Values{"mitglied": {"HE"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Hessen ist im Gremium AL-Runde nicht stimmberechtigt") {
		t.Errorf("a pull at the request of Hessen: %d %s", code, between(page, `class="error-box"`, "</div>"))
	}
	if it, _ := w.st.Item(ctx, w.item); !it.Consent {
		t.Fatal("the item left the AL-Runde's Grüne Liste at the request of Hessen")
	}
	if code, page := do(t, client(t, w.ts, "hessen"), "POST", post, url.Values{}); code == http.StatusSeeOther {
		t.Errorf("Hessen's own pull was taken: %d %s", code, between(page, `class="error-box"`, "</div>"))
	}
	if code, page := do(t, gs, "POST", post, url.Values{"mitglied": {"BY"}}); code != http.StatusSeeOther {
		t.Fatalf("a pull at the request of Bavaria: %d %s", code, between(page, `class="error-box"`, "</div>"))
	}
	if it, _ := w.st.Item(ctx, w.item); it.Consent {
		t.Error("the item is still on the AL-Runde's Grüne Liste after Bavaria's pull")
	}
}

// TestALRundeEditPageListsItsOwnVoters: the page editing a session of the
// AL-Runde (/gremien/al-runde/sitzungen/40/bearbeiten) offered the
// council's voters for its chair; it offers the AL-Runde's now.
func TestALRundeEditPageListsItsOwnVoters(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	day := model.BerlinDate(time.Now().AddDate(0, 2, 0))
	if code, page := do(t, gs, "POST", ts.URL+"/gremien/al-runde/planung", url.Values{"nummer": {"48"}, "datum": {day.German()}, "ort": {"Berlin"},
		"nummer_vorbereitung": {"40"}}); code != http.StatusSeeOther {
		t.Fatalf("planning: %d %s", code, page)
	}
	alRundeThreeVoters(t, st)
	_, page := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/40/bearbeiten", nil)
	chair := between(page, `<select id="vorsitz"`, "</select>")
	if !strings.Contains(chair, `value="BY"`) || strings.Contains(chair, `value="HE"`) {
		t.Errorf("the AL-Runde's chair is chosen from: %s", chair)
	}
	// The council's own page keeps the council's voters.
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/bearbeiten", nil)
	if chair := between(page, `<select id="vorsitz"`, "</select>"); !strings.Contains(chair, `value="HE"`) {
		t.Errorf("the council's chair is chosen from: %s", chair)
	}
}
