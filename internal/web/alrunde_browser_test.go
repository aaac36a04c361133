package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestTwoStageCycleInTheBrowser is issue 17's browser test: the
// secretariat plans the 48th session and the 40th AL-Runde together; an
// item registered for the IT-PLR is recommended for the Grüne Liste by the
// AL-Runde, the members voting from their own browsers; it appears on the
// IT-PLR's Grüne Liste with its recommendation; a member pulls another
// item from the list; the IT-PLR adopts the list en bloc, the pulled item
// stays open. The public sees nothing of the AL-Runde.
func TestTwoStageCycleInTheBrowser(t *testing.T) {
	browserTest(t)
	ctx := context.Background()
	ts, st, _ := demoAccountsServer(t) // the demo accounts include the office of Bayern
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	prep, _ := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)

	gs := newBrowser(t, ts.URL)
	gs.login("geschaeftsstelle")
	// 1. Both series planned together: the AL-Runde's date follows from
	// the lead time (three weeks), the deadlines from the AL-Runde.
	gs.page("/gremien/al-runde")
	gs.run("plan", chromedp.SetValue("#p-nummer", "48", chromedp.ByID), chromedp.SendKeys("#p-datum", "12.03.2026", chromedp.ByID),
		chromedp.SendKeys("#p-ort", "Berlin", chromedp.ByID), chromedp.SetValue("#p-nv", "40", chromedp.ByID))
	gs.submit("plan both", `form[action="/gremien/al-runde/planung"]`)
	if notice := gs.text(".notice-box"); !strings.Contains(notice, "40. AL-Runde am 19.02.2026; Anmeldeschluss 05.02.2026, Unterlagen bis 12.02.2026") {
		t.Fatalf("planning: %q", notice)
	}
	noSidewaysScroll(t, gs, "alrunde-planung")
	main, err := st.SessionByNumber(ctx, council.ID, 48)
	if err != nil || main.RegistrationDeadline != model.NewDate(2026, 2, 5) {
		t.Fatalf("48th session: %+v, %v", main, err)
	}
	al, err := st.SessionByNumber(ctx, prep.ID, 40)
	if err != nil {
		t.Fatal(err)
	}

	// Two registrations for the 48th session, accepted, with proposals.
	register := func(title, member string) (int64, int64) {
		id, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: main.ID, Title: title, Goal: model.GoalDecision, Status: model.ItemRegistered, RegisteredBy: member,
			Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll, Title: title,
			Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt: " + title + "."}}, Applicants: []string{"Bund"}})
		if err != nil {
			t.Fatal(err)
		}
		it, _ := st.Item(ctx, id)
		it.Status = model.ItemAccepted
		if err := st.UpdateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
		ds, _ := st.ItemDecisions(ctx, id)
		return id, ds[0].ID
	}
	itemA, proposalA := register("Föderales Datenportal", "HE")
	itemB, proposalB := register("Registermodernisierung", "Bund")
	// Hessen sees its item await the AL-Runde — on a day before the
	// sessions of 2026 (a registration whose session's day has passed
	// waits for nothing any more, store.PreparedRegistration.Awaits).
	st.SetClock(func() time.Time { return time.Date(2026, 2, 10, 10, 0, 0, 0, model.Berlin) })
	he := gs.another()
	he.login("hessen")
	he.page("/mein-bereich")
	if txt := he.text("main"); !strings.Contains(txt, "Föderales Datenportal") || !strings.Contains(txt, "wartet auf die Beschlussempfehlung der 40. AL-Runde am 19.02.2026") {
		t.Errorf("Hessen's page: %q", txt)
	}
	st.SetClock(time.Now)

	// 2. The 40th AL-Runde runs: attendance, a recommendation for the
	// Grüne Liste on item A, the members vote.
	publishAgendaForTest(t, st, al.ID)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(ctx, al.ID)
		if err := st.SetSessionStatus(ctx, al.ID, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	gs.page("/gremien/al-runde/sitzungen/40/anwesenheit")
	var set []chromedp.Action
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			set = append(set, chromedp.SetValue("#anw-"+m.Abbrev, "anwesend", chromedp.ByID))
		}
	}
	gs.run("attendance", set...)
	gs.submit("save attendance", `form[action="/gremien/al-runde/sitzungen/40/anwesenheit"]`)
	if notice := gs.text(".notice-box"); !strings.Contains(notice, "beschlussfähig: 17 von 17") {
		t.Fatalf("attendance: %q", notice)
	}
	gs.page("/gremien/al-runde/sitzungen/40/empfehlungen")
	noSidewaysScroll(t, gs, "alrunde-empfehlungen")
	form := fmt.Sprintf(`section[aria-labelledby="e-%d"] form`, itemA)
	gs.run("green list", chromedp.Click(fmt.Sprintf("#g-%d", itemA), chromedp.ByID))
	gs.submit("propose", form)
	gs.check("live page of the AL-Runde")
	recs, _ := st.Recommendations(ctx, store.RecommendationFilter{SessionID: al.ID})
	if len(recs) != 1 {
		t.Fatalf("recommendations: %+v", recs)
	}
	draftA := recs[0].DecisionID
	gs.submit("open the vote", fmt.Sprintf(`form[action="/entwuerfe/%d/abstimmung/eroeffnen"]`, draftA))
	vote, open, err := st.OpenSessionVote(ctx, al.ID)
	if err != nil || !open {
		t.Fatalf("no open vote: %v", err)
	}
	for _, m := range []struct {
		b    *browserRun
		user string
	}{{he, "hessen"}, {gs.another(), "bund"}, {gs.another(), "bayern"}} {
		if m.user != "hessen" {
			m.b.login(m.user)
		}
		m.b.page("/gremien/al-runde/sitzungen/40/abstimmung")
		m.b.run(m.user+" chooses", chromedp.Click("#mein-ja", chromedp.ByID))
		m.b.submit(m.user+" votes", fmt.Sprintf(`form[action="/abstimmungen/%d/stimme"]`, vote.ID))
		if notice := m.b.text(".notice-box"); !strings.Contains(notice, "Ihre Stimme ist gespeichert") {
			t.Errorf("%s: %q", m.user, notice)
		}
	}
	gs.page(fmt.Sprintf("/gremien/al-runde/sitzungen/40/live?top=%d", recs[0].ItemID))
	var hands []chromedp.Action
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && m.Abbrev != "Bund" && m.Abbrev != "HE" && m.Abbrev != "BY" {
			hands = append(hands, chromedp.Click(fmt.Sprintf("#hz-%s-ja", m.Abbrev), chromedp.ByID))
		}
	}
	gs.run("show of hands", hands...)
	gs.submit("enter show of hands", fmt.Sprintf(`form[action="/abstimmungen/%d/handzeichen"]`, vote.ID))
	gs.submit("close the vote", fmt.Sprintf(`form[action="/abstimmungen/%d/schliessen"]`, vote.ID))
	if notice := gs.text(".notice-box"); !strings.Contains(notice, "BE-2026/01-AL: einstimmig") {
		t.Fatalf("close: %q", notice)
	}
	gs.shot("alrunde-abstimmung")
	// Item B is recommended for the Grüne Liste as well (recorded in the
	// store, by the same count).
	_, draftB, err := st.ProposeRecommendation(ctx, model.Recommendation{SessionID: al.ID, TargetItemID: itemB, Kind: model.RecommendAdopt, GreenList: true})
	if err != nil {
		t.Fatal(err)
	}
	if out := runPrepVote(t, st, al.ID, draftB); !out.Tally.Adopted {
		t.Fatal("B not recommended")
	}

	// 3. The IT-PLR's page of recommendations: the secretariat confirms
	// both for the Grüne Liste.
	gs.page("/sitzungen/48/empfehlungen")
	for _, rec := range mustRecs(t, st, main.ID) {
		gs.submit("confirm", fmt.Sprintf(`form[action="/empfehlungen/%d/bestaetigen"]`, rec.ID))
	}
	page := gs.text("main table")
	if !strings.Contains(page, "Beschlussempfehlung der 40. AL-Runde vom 19.02.2026: Annahme wie vorgeschlagen, ohne Aussprache (Grüne Liste)") ||
		strings.Count(page, "auf der Grünen Liste") != 2 {
		t.Errorf("recommendations of the 48th session: %q", page)
	}
	gs.shot("alrunde-empfehlungen-itplr")
	// The agenda shows the item on the Grüne Liste with its recommendation.
	gs.page("/sitzungen/48")
	if txt := gs.text(fmt.Sprintf(`[id="%s"]`, anchorFor(t, st, itemA))); !strings.Contains(txt, "Beschlussempfehlung der 40. AL-Runde vom 19.02.2026") {
		t.Errorf("item A on the agenda: %q", txt)
	}
	// 4. Hessen pulls item B from the list before the session.
	// (Found by its item: the recommendations come in agenda order, and
	// confirming gathers the Grüne Liste into one block.)
	var recB model.Recommendation
	for _, r := range mustRecs(t, st, main.ID) {
		if r.TargetItemID == itemB {
			recB = r
		}
	}
	he.page("/sitzungen/48/empfehlungen")
	he.submit("pull", fmt.Sprintf(`form[action="/empfehlungen/%d/herausnehmen"]`, recB.ID))
	if notice := he.text(".notice-box"); !strings.Contains(notice, "auf Wunsch von HE von der Grünen Liste genommen") {
		t.Errorf("pull: %q", notice)
	}
	noSidewaysScroll(t, he, "alrunde-gruene-liste")

	// 5. The 48th session: the Grüne Liste is adopted en bloc; item B is
	// still open, to be treated singly.
	publishAgendaForTest(t, st, main.ID)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(ctx, main.ID)
		if err := st.SetSessionStatus(ctx, main.ID, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	gs.attend(48, nil)
	gs.page("/sitzungen/48/live")
	gs.submit("open the Grüne Liste", `form[action="/sitzungen/48/gruene-liste/eroeffnen"]`)
	consent, open, err := st.OpenSessionVote(ctx, main.ID)
	if err != nil || !open {
		t.Fatalf("no consent vote: %v", err)
	}
	hands = nil
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			hands = append(hands, chromedp.Click(fmt.Sprintf("#hz-%s-ja", m.Abbrev), chromedp.ByID))
		}
	}
	gs.run("show of hands on the Grüne Liste", hands...)
	gs.submit("enter show of hands", fmt.Sprintf(`form[action="/abstimmungen/%d/handzeichen"]`, consent.ID))
	gs.submit("close the Grüne Liste", fmt.Sprintf(`form[action="/abstimmungen/%d/schliessen"]`, consent.ID))
	if a, _ := st.Decision(ctx, proposalA); a.Status != model.DecisionAdopted || a.Label != "B-2026/01-IT" {
		t.Errorf("item A after the Grüne Liste: %s %s", a.Status, a.Label)
	}
	if b, _ := st.Decision(ctx, proposalB); b.Status != model.DecisionDraft {
		t.Errorf("pulled item B was decided en bloc: %s", b.Status)
	}

	// The public sees nothing of the AL-Runde.
	public := gs.another()
	public.page("/sitzungen/48")
	if txt := public.text("main"); strings.Contains(txt, "Beschlussempfehlung der") || strings.Contains(txt, "AL-Runde") {
		t.Errorf("the public agenda shows the AL-Runde: %q", txt)
	}
	public.run("AL-Runde as the public", chromedp.Navigate(ts.URL+"/gremien/al-runde/sitzungen/40"), chromedp.WaitVisible("main h1", chromedp.ByQuery))
	if txt := public.text("main h1"); !strings.Contains(txt, "Anmelden") {
		t.Errorf("the public reached the AL-Runde's session: %q", txt)
	}
}

// mustRecs gives the recommendations given for a session's items in agenda
// order.
func mustRecs(t *testing.T, st *store.Store, sessionID int64) []model.Recommendation {
	t.Helper()
	recs, err := st.Recommendations(context.Background(), store.RecommendationFilter{TargetSessionID: sessionID})
	if err != nil {
		t.Fatal(err)
	}
	var out []model.Recommendation
	for _, r := range recs {
		if r.Given() {
			out = append(out, r)
		}
	}
	return out
}
