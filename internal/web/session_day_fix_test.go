package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// dayOf48 runs the 48th session with HE's registered item accepted on
// its agenda and a draft proposal on it; it gives the session, the item
// and the proposal.
func dayOf48(t *testing.T, ts *httptest.Server, st *store.Store) (model.Session, model.AgendaItem, model.Decision) {
	t.Helper()
	ctx := context.Background()
	_, reg := planSession48(t, ts, st)
	it, err := st.DecideRegistration(ctx, reg.ID, reg.Version, true, "")
	if err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	publishAgendaForTest(t, st, it.SessionID)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(ctx, it.SessionID)
		if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", url.Values{"version": {strconv.Itoa(se.Version)}, "naechster": {string(next)}}); code != http.StatusSeeOther {
			t.Fatalf("48 → %s: %d %.300s", next, code, body)
		}
	}
	se, _ := st.Session(ctx, it.SessionID)
	id, err := st.CreateDecision(ctx, model.Decision{BodyID: se.BodyID, SessionID: se.ID, ItemID: it.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Hessischer Bericht", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat nimmt den Bericht zur Kenntnis."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.Decision(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	it, _ = st.Item(ctx, it.ID)
	se, _ = st.Session(ctx, se.ID)
	return se, it, d
}

// postFrom posts form to u as sent from the page from (its Referer).
func postFrom(t *testing.T, c *http.Client, u, from string, form url.Values) (int, string) {
	t.Helper()
	return postWithHeader(t, c, u, form, "Referer", from)
}

// TestSessionEndsOnlyAfterTheVote: the reviewer ended the session while a
// vote was open; the vote stayed open, took votes and could not be closed.
// Ending is refused with the reason at the status form and the way to the
// vote.
func TestSessionEndsOnlyAfterTheVote(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se, _, d := dayOf48(t, ts, st)
	presentExcept(t, st, se.ID)
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d.ID), url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("open the vote: %d %.300s", code, body)
	}
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); !strings.Contains(page, `id="abstimmung-offen"`) || !strings.Contains(page, `href="/sitzungen/48/live#abstimmung"`) {
		t.Error("the management page does not say that a vote runs")
	}
	se, _ = st.Session(ctx, se.ID)
	end := endForm(se)
	end.Set("offene_vorschlaege", "ja")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", end)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "eine Abstimmung läuft noch") || !strings.Contains(page, `href="/sitzungen/48/live#abstimmung"`) {
		t.Errorf("ending with an open vote: %d %.300s", code, page)
	}
	if got, _ := st.Session(ctx, se.ID); got.Status != model.StatusRunning {
		t.Errorf("the session is %q", got.Status)
	}
}

// TestApprovalOfMinutesNeedsTheQuorum: the minutes of the 47th session
// were approved in a session with no attendance recorded.
func TestApprovalOfMinutesNeedsTheQuorum(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := runSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", approvalForm(t, gs, ts.URL+"/sitzungen/48/verwaltung", 47))
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `id="genehmigen-47-fehler"`) || !strings.Contains(page, "Beschlussfähigkeit ist nicht festgestellt") ||
		!strings.Contains(page, `aria-describedby="genehmigen-47-fehler genehmigen-47-kommentare"`) {
		t.Errorf("approval without a quorum: %d %.300s", code, page)
	}
	s47, _ := st.SessionByNumber(ctx, se.BodyID, 47)
	if s47.Status != model.StatusMinutesDraft {
		t.Fatalf("the 47th's minutes are %q", s47.Status)
	}
	presentExcept(t, st, se.ID)
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/genehmigen", approvalForm(t, gs, ts.URL+"/sitzungen/48/verwaltung", 47)); code != http.StatusSeeOther {
		t.Errorf("approval with the quorum: %d %.300s", code, body)
	}
}

// TestLiveQuorumBoxTellsTheCalledItem: the box said "Festgestellt:
// beschlussfähig." while at the item called only seven were present.
func TestLiveQuorumBoxTellsTheCalledItem(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se, it, _ := dayOf48(t, ts, st)
	items, _ := st.Items(ctx, se.ID)
	first := items[0].ID
	var list []model.Attendance
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && len(list) < 9 {
			list = append(list, model.Attendance{Member: m.Abbrev, Presence: model.Present})
		}
	}
	list[7].UntilItemID, list[8].UntilItemID = first, first
	if ok, reason, err := st.SaveAttendance(ctx, se.ID, list); err != nil || !ok {
		t.Fatalf("nine at the first item: %v %v %s", ok, err, reason)
	}
	gs := client(t, ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/live", nil); !strings.Contains(page, "Festgestellt: beschlussfähig") {
		t.Errorf("nine at the item called: %.300s", page)
	}
	if err := st.SetCurrentItem(ctx, se.ID, it.ID); err != nil {
		t.Fatal(err)
	}
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/live", nil)
	if strings.Contains(page, "Festgestellt: beschlussfähig") || !strings.Contains(page, "Nicht beschlussfähig: nur 7 von 17") {
		t.Errorf("seven at the item called, the box says: %.600s", page[strings.Index(page, `id="h-quorum"`):])
	}
}

// TestLiveRefusalsStayOnTheLivePage: opening a vote without the quorum
// led to a page "Nicht möglich" with only "Zur Startseite".
func TestLiveRefusalsStayOnTheLivePage(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	_, it, d := dayOf48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d.ID), url.Values{})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Live-Protokoll") || !strings.Contains(page, fmt.Sprintf(`id="eroeffnen-%d-fehler"`, d.ID)) ||
		!strings.Contains(page, "Die Abstimmung ist nicht eröffnet: Die Beschlussfähigkeit ist nicht festgestellt") {
		t.Errorf("open a vote without a quorum: %d %.300s", code, page)
	}
	// The box above leads to the vote's button, which takes no input.
	if box := between(page, `id="eintrag-abgelehnt"`, "</div>"); !strings.Contains(box, fmt.Sprintf(`<a href="#eroeffnen-%d">Zur Abstimmung</a>`, d.ID)) || strings.Contains(box, "Ihrer Eingabe") {
		t.Errorf("the refusal's box: %s", box)
	}
	it.Consent = true
	if err := st.UpdateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	code, page = do(t, gs, "POST", ts.URL+"/sitzungen/48/gruene-liste/eroeffnen", url.Values{})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `id="gl-eroeffnen-fehler"`) || !strings.Contains(page, "Beschlussfähigkeit ist nicht festgestellt") {
		t.Errorf("open the Grüne Liste's vote without a quorum: %d %.300s", code, page)
	}
	// An edit conflict on an ON row: the error page leads back.
	c, err := st.CreateContribution(ctx, model.Contribution{ItemID: it.ID, Speaker: "HE", Points: []string{"Bericht"}})
	if err != nil {
		t.Fatal(err)
	}
	from := fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, it.ID)
	code, page = postFrom(t, gs, fmt.Sprintf("%s/beitraege/%d", ts.URL, c), from, url.Values{"version": {"0"}, "sprecher": {"HE"}, "punkte": {"Bericht ergänzt"}})
	if code != http.StatusConflict || !strings.Contains(page, fmt.Sprintf(`<a href="/sitzungen/48/live?top=%d">Zurück zur vorigen Seite</a>`, it.ID)) {
		t.Errorf("edit conflict: %d %.600s", code, page)
	}
	// A page of another site is no way back.
	if _, page = postFrom(t, gs, fmt.Sprintf("%s/beitraege/%d", ts.URL, c), "https://evil.example/x", url.Values{"version": {"0"}, "punkte": {"x"}}); strings.Contains(page, "Zurück zur vorigen Seite") {
		t.Error("the error page links to another site")
	}
}

// TestHeldSessionKeepsItsAgenda: after the 48th session ended, its items
// could still be renamed and reordered, changing the public minutes.
func TestHeldSessionKeepsItsAgenda(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se, it, _ := dayOf48(t, ts, st)
	if err := st.SetSessionStatus(ctx, se.ID, se.Version, model.StatusEnded); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if strings.Contains(page, fmt.Sprintf(`action="/tops/%d/verschieben"`, it.ID)) || strings.Contains(page, fmt.Sprintf(`action="/tops/%d"`, it.ID)) {
		t.Error("the management page of a held session offers to move or rename its items")
	}
	if _, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, it.ID), nil); strings.Contains(page, "TOP vorziehen") {
		t.Error("the live page of a held session offers to move an item")
	}
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/verschieben", ts.URL, it.ID), url.Values{"richtung": {"hoch"}, "version": {strconv.Itoa(it.Version)}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "hat stattgefunden") {
		t.Errorf("moving an item of a held session: %d %.300s", code, page)
	}
	code, page = do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, it.ID), url.Values{"version": {strconv.Itoa(it.Version)}, "nummer": {it.Number}, "titel": {"Umbenannt"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "hat stattgefunden") {
		t.Errorf("renaming an item of a held session: %d %.300s", code, page)
	}
	if got, _ := st.Item(ctx, it.ID); got.Title != it.Title || got.Position != it.Position {
		t.Errorf("the item changed: %q at %d", got.Title, got.Position)
	}
}

// TestProposalKindIsOneOfTheTwo: the live form took an unknown "art" for
// a Beschluss; so did the written procedure's form.
func TestProposalKindIsOneOfTheTwo(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	_, it, _ := dayOf48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	before, _ := st.ItemDecisions(ctx, it.ID)
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/beschluesse", ts.URL, it.ID), url.Values{"art": {"beschlus"}, "antrag": {"Bund"}, "punkte": {"Der IT-Planungsrat beschließt."}})
	if code != http.StatusBadRequest || !strings.Contains(page, `id="neu-art-fehler"`) || !strings.Contains(page, "Die Art „beschlus“ gibt es nicht") ||
		!strings.Contains(page, "Der IT-Planungsrat beschließt.") {
		t.Errorf("unknown kind on the live page: %d %.300s", code, page)
	}
	if after, _ := st.ItemDecisions(ctx, it.ID); len(after) != len(before) {
		t.Error("a proposal of an unknown kind was stored")
	}
	code, page = do(t, gs, "POST", ts.URL+"/umlaufverfahren", url.Values{"art": {"bogus"}, "titel": {"Test"}, "punkte": {"Punkt"}, "antrag": {"Bund"}})
	if code == http.StatusSeeOther || !strings.Contains(page, `id="art-fehler"`) {
		t.Errorf("unknown kind of a written procedure: %d %.300s", code, page)
	}
}
