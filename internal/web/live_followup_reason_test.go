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
	"gremium/internal/store"
)

// TestLiveFollowUpResponsibleAtItsField: a follow-up on the live page
// without "Verantwortlich" (and without its text) is refused with each
// reason at its field, neu-verantw and neu-auftrag, the text typed kept.
// Before, one reason stood above the form only and no field was marked.
func TestLiveFollowUpResponsibleAtItsField(t *testing.T) {
	ts, st, _ := lawServer(t)
	_, item, _ := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/auftraege", ts.URL, item),
		url.Values{"text": {"Bericht zur Rahmenarchitektur"}, "verantwortlich": {" "}})
	field := between(page, `id="neu-verantw"`, "</div>")
	if !strings.Contains(field, `aria-invalid="true" aria-describedby="neu-verantw-fehler"`) || !strings.Contains(field, "verantwortliche Stelle") {
		t.Errorf("the reason is not at neu-verantw:\n%s", field)
	}
	if !strings.Contains(page, `value="Bericht zur Rahmenarchitektur"`) {
		t.Error("the text typed is lost")
	}
	_, page = do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/auftraege", ts.URL, item), url.Values{"text": {""}, "verantwortlich": {""}})
	for _, id := range []string{"neu-auftrag", "neu-verantw"} {
		if !strings.Contains(between(page, `id="`+id+`"`, "</div>"), `aria-describedby="`+id+`-fehler"`) {
			t.Errorf("%s not marked", id)
		}
	}
}

// TestLiveFollowUpNotFromARejectedProposal: on the demo's live page the
// secretariat's "Aus Beschluss" offered the proposal just rejected, as
// "Beschlussvorschlag" like the one not yet voted on, and the follow-up was
// stored as ordered by it. The rejected proposal is no longer offered, the
// proposals left are told apart ("… (noch nicht abgestimmt)"), and a form
// that still names the rejected one (a tab opened before the vote) is
// refused with the reason, nothing stored.
func TestLiveFollowUpNotFromARejectedProposal(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, item, rejected := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	// A second proposal on the item, not voted on.
	se, _ := st.Session(ctx, sid)
	open := must(st.CreateDecision(ctx, model.Decision{BodyID: se.BodyID, SessionID: sid, ItemID: item, Kind: model.KindRecommendation, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Begleitende Empfehlung", Points: []model.Point{{Label: "1.", Text: "Er empfiehlt den Ländern die Rahmenarchitektur."}}, Applicants: []string{"Bund"}}))
	votes := everyoneBut("ja", "Bund")
	votes.Set("stimme_Bund", "nein")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung", ts.URL, rejected), seenVersion(t, st, rejected, votes)); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d", code)
	}
	if d, _ := st.Decision(ctx, rejected); d.Status != model.DecisionRejected {
		t.Fatalf("the proposal is %s, want rejected", d.Status)
	}
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item), nil)
	sel := between(page, `id="neu-abeschluss"`, "</select>")
	if strings.Contains(sel, fmt.Sprintf(`value="%d"`, rejected)) {
		t.Errorf("the rejected proposal is offered for a follow-up:\n%s", sel)
	}
	if !strings.Contains(sel, fmt.Sprintf(`<option value="%d">Empfehlungsvorschlag – Begleitende Empfehlung (noch nicht abgestimmt)</option>`, open)) &&
		!strings.Contains(sel, fmt.Sprintf(`<option value="%d">Beschlussvorschlag – Begleitende Empfehlung (noch nicht abgestimmt)</option>`, open)) {
		t.Errorf("the open proposal is not named:\n%s", sel)
	}
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/auftraege", ts.URL, item),
		url.Values{"text": {"Rahmenarchitektur umsetzen"}, "verantwortlich": {"FITKO"}, "beschluss": {fmt.Sprint(rejected)}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(page), "ist abgelehnt und ordnet nichts an") {
		t.Errorf("a follow-up of the rejected proposal: %d\n%s", code, between(page, `id="form-auftrag"`, "</form>"))
	}
	if !strings.Contains(page, `value="Rahmenarchitektur umsetzen"`) {
		t.Error("the text typed is lost")
	}
	if fs, _ := st.FollowUps(ctx, store.FollowUpFilter{DecisionID: rejected}); len(fs) != 0 {
		t.Errorf("stored for the rejected proposal: %+v", fs)
	}
}

// TestRejectedProposalDropsItsFollowUp: a follow-up recorded on the live
// page as ordered by a proposal, before its vote, stayed open when the
// proposal was rejected — listed, reminded of, overdue for FITKO. It is
// entfallen with the count, and the notice says so.
func TestRejectedProposalDropsItsFollowUp(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	_, item, proposal := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/auftraege", ts.URL, item),
		url.Values{"text": {"Rahmenarchitektur umsetzen"}, "verantwortlich": {"FITKO"}, "beschluss": {fmt.Sprint(proposal)}}); code != http.StatusSeeOther {
		t.Fatalf("follow-up of the proposal: %d\n%s", code, between(page, `id="form-auftrag"`, "</form>"))
	}
	votes := everyoneBut("ja", "Bund")
	votes.Set("stimme_Bund", "nein")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung", ts.URL, proposal), seenVersion(t, st, proposal, votes)); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d", code)
	}
	fs, err := st.FollowUps(ctx, store.FollowUpFilter{DecisionID: proposal})
	if err != nil || len(fs) != 1 || fs[0].Status != model.FollowUpDropped {
		t.Fatalf("the follow-up of the rejected proposal: %+v %v, want entfallen", fs, err)
	}
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item), nil)
	if !strings.Contains(html.UnescapeString(page), "Der Auftrag „Rahmenarchitektur umsetzen“ (FITKO) aus dem abgelehnten Vorschlag ist damit entfallen.") {
		t.Errorf("the notice does not tell the follow-up is entfallen:\n%s", between(page, `class="notice-box"`, "</div>"))
	}
}

// TestUndecidedProposalDropsItsFollowUp: the session ends with the
// proposal undecided (the secretariat confirms it); the follow-up
// recorded on the live page as ordered by it is entfallen with the end,
// and the notice after the end names it. Before, it stayed offen — listed,
// reminded of and overdue for the FITKO.
func TestUndecidedProposalDropsItsFollowUp(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, item, proposal := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/auftraege", ts.URL, item),
		url.Values{"text": {"Rahmenarchitektur umsetzen"}, "verantwortlich": {"FITKO"}, "beschluss": {fmt.Sprint(proposal)}}); code != http.StatusSeeOther {
		t.Fatalf("follow-up of the proposal: %d\n%s", code, between(page, `id="form-auftrag"`, "</form>"))
	}
	se, _ := st.Session(ctx, sid)
	end := endForm(se)
	end.Set("offene_vorschlaege", "ja")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", end); code != http.StatusSeeOther {
		t.Fatalf("ending with the confirmation: %d %s", code, between(body, "<main", "</main>"))
	}
	fs, err := st.FollowUps(ctx, store.FollowUpFilter{DecisionID: proposal})
	if err != nil || len(fs) != 1 || fs[0].Status != model.FollowUpDropped || !strings.Contains(fs[0].DropReason(), "blieb in der 48. Sitzung unentschieden") {
		t.Fatalf("the follow-up of the undecided proposal: %+v %v, want entfallen", fs, err)
	}
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if !strings.Contains(html.UnescapeString(page), "Status der 48. Sitzung: beendet. Der Auftrag „Rahmenarchitektur umsetzen“ (FITKO) aus dem unentschiedenen Vorschlag ist damit entfallen.") {
		t.Errorf("the notice does not tell the follow-up is entfallen:\n%s", between(page, `class="notice-box"`, "</div>"))
	}
}
