package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
)

// another gives a second browser window with its own cookies (a new
// browser context of the same chromium): another person at another device.
func (b *browserRun) another() *browserRun {
	b.t.Helper()
	return &browserRun{t: b.t, ctx: newWindow(b.t, b.ctx), base: b.base, axe: b.axe, shots: b.shots, visited: map[string]bool{}}
}

// absentNode reports whether no element matches sel on the current page.
func (b *browserRun) absentNode(sel string) bool {
	b.t.Helper()
	var none bool
	b.run("look for "+sel, chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q) === null`, sel), &none))
	return none
}

// TestMembersVoteInTheBrowser is issue 11's browser test: the secretariat
// enters the attendance (Saarland absent, Hessen represented), opens a
// vote, three members vote from their own logged-in browsers, the
// secretariat enters the others' show of hands and closes; the result and
// the attendance appear in the internal and the public minutes; the
// absent member cannot be given a vote.
func TestMembersVoteInTheBrowser(t *testing.T) {
	browserTest(t)
	ctx := context.Background()
	ts, st, srv := demoAccountsServer(t) // the demo accounts include the offices of Bayern and the Saarland

	// The 48th session runs; its TOP 5 carries a proposal for a Beschluss.
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sections, _ := st.Sections(ctx, council.ID)
	sid, err := st.PlanSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.NewDate(2026, 3, 12), Place: "Berlin", Status: model.StatusPlanned},
		itplr.StandardItems(48, sections))
	if err != nil {
		t.Fatal(err)
	}
	publishAgendaForTest(t, st, sid)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(ctx, sid)
		if err := st.SetSessionStatus(ctx, sid, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	itemID, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "5", Title: "Föderale Rahmenarchitektur", Position: 3, Status: model.ItemAccepted, Goal: model.GoalDecision})
	if err != nil {
		t.Fatal(err)
	}
	dID, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: sid, ItemID: itemID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Föderale Rahmenarchitektur", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die föderale Rahmenarchitektur."}},
		Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}

	gs := newBrowser(t, ts.URL)
	gs.login("geschaeftsstelle")
	// 1. Attendance: Saarland absent, Hessen represented.
	gs.page("/sitzungen/48/anwesenheit")
	var set []chromedp.Action
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && m.Abbrev != "SL" {
			set = append(set, chromedp.SetValue("#anw-"+m.Abbrev, "anwesend", chromedp.ByID))
		}
	}
	set = append(set, chromedp.SetValue("#anw-HE", "vertreten", chromedp.ByID), chromedp.SendKeys("#per-HE", "Dr. Vertretung Hessen", chromedp.ByID))
	gs.run("attendance", set...)
	gs.submit("save attendance", `form[action="/sitzungen/48/anwesenheit"]`)
	if notice := gs.text(".notice-box"); !strings.Contains(notice, "beschlussfähig: 16 von 17") {
		t.Fatalf("attendance: %q", notice)
	}
	// 2. The live page: the absent member has no choice in the grid; the
	// grid starts at "keine Stimme"; the secretariat opens the vote.
	gs.page(fmt.Sprintf("/sitzungen/48/live?top=%d", itemID))
	if !gs.absentNode(fmt.Sprintf("#v%d-SL-ja", dID)) || gs.absentNode(fmt.Sprintf("#v%d-BY-keine:checked", dID)) || !gs.absentNode(fmt.Sprintf("#v%d-BY-ja:checked", dID)) {
		t.Error("the show-of-hands grid offers Saarland a vote or does not start empty")
	}
	gs.submit("open the vote", fmt.Sprintf(`form[action="/entwuerfe/%d/abstimmung/eroeffnen"]`, dID))
	vote, open, err := st.OpenSessionVote(ctx, sid)
	if err != nil || !open {
		t.Fatalf("no open vote: %v", err)
	}

	// 3. Berlin watches its vote page; three members vote from their own
	// browsers. Berlin's page follows with the box in the event, without
	// fetching it.
	berlin := gs.another()
	berlin.login("berlin")
	berlin.page("/sitzungen/48/abstimmung")
	for deadline := time.Now().Add(20 * time.Second); srv.events.Viewers(sid) < 2 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond) // the live page's and Berlin's streams are connected
	}
	for _, m := range []struct{ user, choice string }{{"bund", "ja"}, {"hessen", "ja"}, {"bayern", "enthaltung"}} {
		mb := gs.another()
		mb.login(m.user)
		mb.page("/sitzungen/48/abstimmung")
		mb.run(m.user+" chooses", chromedp.Click("#mein-"+m.choice, chromedp.ByID))
		mb.submit(m.user+" votes", fmt.Sprintf(`form[action="/abstimmungen/%d/stimme"]`, vote.ID))
		if notice := mb.text(".notice-box"); !strings.Contains(notice, "Ihre Stimme ist gespeichert") {
			t.Errorf("%s: %q", m.user, notice)
		}
		if m.user == "bayern" {
			mb.shot("abstimmung-mitglied")
		}
	}
	berlin.run("Berlin's page follows", chromedp.WaitVisible(`//section[@id="abstimmung-stand"]//p[contains(., "Abgestimmt haben 3 von")]`, chromedp.BySearch))
	if !berlin.absentNode("#mein-ja:checked") || !strings.Contains(berlin.text("#abstimmung-stand"), "Stimme für Berlin") {
		t.Errorf("Berlin's pushed ballot: %q", berlin.text("#abstimmung-stand"))
	}
	if _, metrics := get(t, ts, "/metrics"); strings.Contains(metrics, `route="GET /sitzungen/{nr}/abstimmung/stand"`) {
		t.Error("a vote page fetched its box although the event carried it")
	}
	// Saarland, absent, is told it cannot vote; a forged entry for it is
	// refused by the server.
	sl := gs.another()
	sl.login("saarland")
	sl.page("/sitzungen/48/abstimmung")
	if !strings.Contains(sl.text("#abstimmung-stand"), "weder anwesend noch vertreten") || !sl.absentNode("#mein-ja") {
		t.Error("Saarland, absent, is offered a ballot")
	}
	forged := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, forged, "POST", fmt.Sprintf("%s/abstimmungen/%d/handzeichen", ts.URL, vote.ID), url.Values{"stimme_SL": {"ja"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("a vote entered for absent Saarland: %d", code)
	}
	if code, _ := do(t, client(t, ts, "saarland"), "POST", fmt.Sprintf("%s/abstimmungen/%d/stimme", ts.URL, vote.ID), url.Values{"stimme": {"ja"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("absent Saarland voted: %d", code)
	}

	// 4. The secretariat sees who has voted, not how; enters the show of
	// hands of the others and closes.
	gs.page(fmt.Sprintf("/sitzungen/48/live?top=%d", itemID))
	panel := gs.text("#abstimmung")
	if !strings.Contains(panel, "Abgestimmt haben 3 von 16") || strings.Contains(panel, "enthaltung") {
		t.Errorf("vote panel: %q", panel)
	}
	gs.shot("abstimmung-live")
	var hands []chromedp.Action
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && m.Abbrev != "SL" && m.Abbrev != "Bund" && m.Abbrev != "HE" && m.Abbrev != "BY" {
			hands = append(hands, chromedp.Click(fmt.Sprintf("#hz-%s-ja", m.Abbrev), chromedp.ByID))
		}
	}
	gs.run("show of hands", hands...)
	gs.submit("enter show of hands", fmt.Sprintf(`form[action="/abstimmungen/%d/handzeichen"]`, vote.ID))
	gs.submit("close the vote", fmt.Sprintf(`form[action="/abstimmungen/%d/schliessen"]`, vote.ID))
	if notice := gs.text(".notice-box"); !strings.Contains(notice, "Beschluss B-2026/01-IT: einstimmig, bei Enthaltung von BY") {
		t.Fatalf("close: %q", notice)
	}
	d, _ := st.Decision(ctx, dID)
	for _, v := range d.Votes {
		if v.Member == "SL" {
			t.Errorf("a vote is recorded for absent Saarland: %+v", v)
		}
	}
	// The show of hands is one entry (one operation) that names each of
	// the 13 members as entered by the secretariat.
	log, _ := st.AuditLog(ctx, "vote", vote.ID)
	shown := 0
	for _, e := range log {
		if e.Action == "vote_show_of_hands" && e.Actor == "geschaeftsstelle" {
			shown += strings.Count(e.Detail, "Handzeichen, erfasst von der Geschäftsstelle")
		}
	}
	if shown != 13 {
		t.Errorf("%d votes marked as show of hands in the audit log, want 13", shown)
	}

	// 5. The secretariat ends the session and releases the draft minutes;
	// the internal and the public minutes show the result and the
	// attendance, the public version names no persons.
	gs.page("/sitzungen/48/verwaltung")
	gs.endSession(48)
	gs.submit("draft minutes", `form[action="/sitzungen/48/status"]`)
	gs.page("/sitzungen/48/protokoll")
	internal := gs.text("main")
	for _, want := range []string{"Anwesenheit", "vertreten durch Dr. Vertretung Hessen", "Saarland", "abwesend", "einstimmig, bei Enthaltung von BY",
		"Königsteiner Schlüssel 2016", "B-2026/01-IT"} {
		if !strings.Contains(internal, want) {
			t.Errorf("the internal minutes lack %q", want)
		}
	}
	public := gs.another()
	public.page("/sitzungen/48/protokoll")
	pub := public.text("main")
	// The public minutes name no voter (TestPublicNamesNoVoterOfACountedVote).
	for _, want := range []string{"Öffentliche Fassung", "Anwesenheit", "vertreten", "Saarland", "abwesend", "einstimmig, bei Enthaltung von [geschwärzt]", "B-2026/01-IT"} {
		if !strings.Contains(pub, want) {
			t.Errorf("the public minutes lack %q", want)
		}
	}
	if strings.Contains(pub, "von BY") {
		t.Error("the public minutes name the abstaining member")
	}
	if strings.Contains(pub, "Dr. Vertretung Hessen") {
		t.Error("the public minutes name the representative")
	}
	public.shot("protokoll-anwesenheit")

}
