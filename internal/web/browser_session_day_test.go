package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// clickTo follows a link by clicking it and waits for the next page.
func (b *browserRun) clickTo(what, sel string) {
	b.t.Helper()
	b.run(what, chromedp.Evaluate(`window.__gremiumOldPage = true`, nil), chromedp.Click(sel, chromedp.ByQuery))
	b.waitNewPage(what)
	b.check(what)
}

// TestSessionDayInTheBrowser is issue 13's browser test of the
// secretariat's day: plan the session from the session list (a time span
// the wrong way round is refused), move it, publish the agenda, run it with
// the speakers' list — a member asks for the floor from its own browser,
// the projector view in another browser follows over the live stream —,
// vote, approve the previous minutes, end; then correct a row of the
// approved minutes and see the diff. Every page is checked with axe.
func TestSessionDayInTheBrowser(t *testing.T) {
	browserTest(t)
	ctx := context.Background()
	ts, st, srv := demoAccountsServer(t) // closed after the browsers: their live connections end with them
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)

	// 1. Plan: "Sitzung planen" from the list; 13:00 – 09:00 is refused.
	gs := newBrowser(t, ts.URL)
	gs.login("geschaeftsstelle")
	gs.page("/sitzungen")
	gs.clickTo("Sitzung planen", `a[href="/sitzungen/neu"]`)
	gs.run("fill the session", chromedp.SetValue("#datum", "2026-03-12", chromedp.ByID), chromedp.SetValue("#beginn", "13:00", chromedp.ByID),
		chromedp.SetValue("#ende", "09:00", chromedp.ByID), chromedp.SetValue("#ort", "Berlin", chromedp.ByID))
	gs.submit("plan with 13:00 – 09:00", `form[action="/sitzungen"]`)
	if msg := gs.text(".error-box"); !strings.Contains(msg, "muss nach dem Beginn liegen") {
		t.Fatalf("13:00 – 09:00: %q", msg)
	}
	gs.run("fix the times", chromedp.SetValue("#beginn", "09:00", chromedp.ByID), chromedp.SetValue("#ende", "13:00", chromedp.ByID))
	gs.submit("plan session 48", `form[action="/sitzungen"]`)
	s48, err := st.SessionByNumber(ctx, council.ID, 48)
	if err != nil || s48.StartTime != "09:00" {
		t.Fatalf("session 48: %+v %v", s48, err)
	}

	// 2. Edit: moved by a week, to Schwerin, with the reason.
	gs.page("/sitzungen/48/bearbeiten")
	gs.run("move", chromedp.SetValue("#datum", "2026-03-19", chromedp.ByID), chromedp.SetValue("#ort", "Schwerin", chromedp.ByID),
		chromedp.SendKeys("#grund", "Terminkollision mit der MPK", chromedp.ByID))
	gs.submit("save the move", `form[action="/sitzungen/48/bearbeiten"]`)
	gs.page("/sitzungen/48")
	if box := gs.text(".schedule-box"); !strings.Contains(box, "vom 12.03.2026 auf den 19.03.2026") {
		t.Errorf("the move is not shown: %q", box)
	}
	gs.shot("sitzung-verlegt")
	noSidewaysScroll(t, gs, "sitzung-verlegt")
	gs.page("/sitzungen/48/bearbeiten")
	noSidewaysScroll(t, gs, "sitzung-bearbeiten")
	gs.page("/sitzungen/kalender?jahr=2026")
	noSidewaysScroll(t, gs, "sitzungskalender")

	// An item with a proposal (the registration is tested elsewhere).
	s48, _ = st.SessionByNumber(ctx, council.ID, 48)
	itemID, err := st.CreateItem(ctx, model.AgendaItem{SessionID: s48.ID, Number: "5", Title: "Deutsche Verwaltungscloud", Position: 3, Status: model.ItemAccepted,
		Goal: model.GoalDecision, Reporters: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	dID, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: s48.ID, ItemID: itemID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Deutsche Verwaltungscloud", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Verwaltungscloud-Strategie."}},
		Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}

	// 3. Publish, convene, open; attendance.
	gs.page("/sitzungen/48/verwaltung")
	gs.submit("number the agenda", `form#nummerieren`)
	gs.submit("publish", `form[action="/sitzungen/48/veroeffentlichen"]`)
	gs.submit("convene 48", `form[action="/sitzungen/48/status"]`)
	gs.submit("open 48", `form[action="/sitzungen/48/status"]`)
	gs.attend(48, nil)

	// 4. The projector in a second browser, Hessen in a third.
	beamer := gs.another()
	beamer.login("bund")
	beamer.page("/sitzungen/48/beamer")
	for deadline := time.Now().Add(20 * time.Second); srv.events.Viewers(s48.ID) < 1 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond) // the projector's stream is connected
	}
	he := gs.another()
	he.login("hessen")

	// 5. The item is called; the projector follows without reload.
	gs.page(fmt.Sprintf("/sitzungen/48/live?top=%d", itemID))
	gs.submit("call the item", fmt.Sprintf(`form[action="/tops/%d/aufrufen"]`, itemID))
	// The heading breaks the title at its joints (soft hyphens, hyphenate).
	beamer.run("projector shows the item", chromedp.WaitVisible("//div[@id=\"beamer\"]//h2[contains(translate(., \"\u00ad\", \"\"), \"Deutsche Verwaltungscloud\")]", chromedp.BySearch))

	// 6. Hessen asks for the floor from its own browser; the secretariat's
	// list and the projector follow.
	he.page("/sitzungen/48")
	he.submit("Hessen asks for the floor", `form[action="/sitzungen/48/wortmeldungen"]`)
	if !strings.Contains(he.text("#live-stand"), "Platz 1") {
		t.Errorf("Hessen does not see its place: %q", he.text("#live-stand"))
	}
	gs.run("the list shows Hessen", chromedp.WaitVisible(`//section[@id="redeliste"]//li[contains(., "Hessen")]`, chromedp.BySearch))
	// Three pages follow the session's stream now (the live page, the
	// projector, Hessen's page): wait until all are connected, or a signal
	// may reach a page that connects late on a loaded machine.
	for deadline := time.Now().Add(20 * time.Second); srv.events.Viewers(s48.ID) < 3 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	gs.submit("give the floor", `form[action="/sitzungen/48/redeliste/weiter"]`)
	beamer.run("projector shows the speaker", chromedp.WaitVisible(`//p[@class="beamer-name"][contains(., "Hessen")]`, chromedp.BySearch))
	if _, metrics := get(t, ts, "/metrics"); strings.Contains(metrics, `route="GET /sitzungen/{nr}/beamer/stand"`) || strings.Contains(metrics, `route="GET /sitzungen/{nr}/redeliste"`) {
		t.Error("the projector or the live page fetched its box although the event carried it")
	}
	delete(beamer.visited, "/sitzungen/48/beamer") // axe again, on the state with a speaker
	beamer.check("projector with speaker")
	beamer.shot("beamer-ansicht")
	noSidewaysScroll(t, beamer, "beamer-ansicht")
	he.run("Hessen is told", chromedp.WaitVisible(`//div[@id="live-stand"]//strong[contains(., "Sie haben das Wort")]`, chromedp.BySearch))

	// 7. The turn ends: Hessen's ON row is there, ready for the points.
	gs.submit("end the turn", `form[action="/sitzungen/48/redeliste/weiter"]`)
	cs, _ := st.Contributions(ctx, itemID)
	if len(cs) != 1 || cs[0].Speaker != "HE" {
		t.Fatalf("ON row of the turn: %+v", cs)
	}
	gs.run("type the points", chromedp.SendKeys(fmt.Sprintf("#pk-%d", cs[0].ID), "Hessen unterstützt die Strategie.", chromedp.ByID))
	gs.run("saved", chromedp.WaitVisible(fmt.Sprintf(`//form[@action="/beitraege/%d"]//span[contains(@class, "ok")]`, cs[0].ID), chromedp.BySearch))
	if c, _ := st.Contribution(ctx, cs[0].ID); len(c.Points) != 1 {
		t.Errorf("points not saved: %+v", c)
	}
	// A pause, then more words: the second autosave saves as well (the
	// first swapped its version into the form; before, the second was
	// refused as someone else's change).
	gs.run("type more", chromedp.SendKeys(fmt.Sprintf("#pk-%d", cs[0].ID), " Sie bittet um einen Bericht.", chromedp.ByID))
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		c, _ := st.Contribution(ctx, cs[0].ID)
		if len(c.Points) == 1 && strings.HasSuffix(c.Points[0], "um einen Bericht.") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the second autosave did not save: %+v; save slot %q", c.Points, gs.text(fmt.Sprintf(`form[action="/beitraege/%d"] .save-slot`, cs[0].ID)))
		}
	}
	gs.shot("redeliste-live")
	// The live page as a whole is issue 13's item 9 (another helper): here
	// the speakers' list itself must fit at 320 px.
	var fits bool
	gs.run("speakers' list at 320 px", chromedp.EmulateViewport(320, 800),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#redeliste, #redeliste *")).every(e => e.getBoundingClientRect().right <= window.innerWidth + 1)`, &fits),
		chromedp.EmulateViewport(1280, 1000))
	if !fits {
		t.Error("the speakers' list does not fit at 320 px")
	}

	// 8. Vote by show of hands; the projector shows the result.
	gs.page(fmt.Sprintf("/sitzungen/48/live?top=%d", itemID))
	gs.run("open the show of hands", chromedp.Click(fmt.Sprintf(`//form[@action="/entwuerfe/%d/abstimmung"]/ancestor::details/summary`, dID), chromedp.BySearch))
	gs.run("hands", gridVotes(fmt.Sprintf("v%d", dID), nil)...)
	gs.submit("vote", fmt.Sprintf(`form[action="/entwuerfe/%d/abstimmung"]`, dID))
	beamer.run("projector shows the result", chromedp.WaitVisible(`//div[@class="beamer-result"]//p[contains(., "einstimmig")]`, chromedp.BySearch))
	if kicker := beamer.text(".beamer-kicker"); kicker != "Beschlossen" {
		t.Errorf("projector result: %q", kicker)
	}
	delete(beamer.visited, "/sitzungen/48/beamer")
	beamer.check("projector with result")

	// 9. Approve the minutes of the 47th session — while another tab has
	// its live page open; 10. end the session.
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	items47, _ := st.Items(ctx, s47.ID)
	var row47 model.Contribution
	for _, it := range items47 {
		if cs, _ := st.Contributions(ctx, it.ID); len(cs) > 0 && row47.ID == 0 {
			row47 = cs[0]
		}
	}
	old := gs.another()
	old.login("geschaeftsstelle")
	old.page(fmt.Sprintf("/sitzungen/47/live?top=%d", row47.ItemID))
	gs.page("/sitzungen/48/verwaltung")
	gs.submit("approve 47", `form[action="/sitzungen/48/genehmigen"]`)
	// The old tab's autosave: a short message in the save slot, never a
	// page pasted into the form.
	old.run("type into approved minutes", chromedp.SendKeys(fmt.Sprintf("#pk-%d", row47.ID), " ergänzt", chromedp.ByID))
	slot := fmt.Sprintf(`//form[@action="/beitraege/%d"]//span[contains(@class, "conflict")]`, row47.ID)
	old.run("refusal shown", chromedp.WaitVisible(slot, chromedp.BySearch))
	var inForm string
	old.run("read the form", chromedp.InnerHTML(fmt.Sprintf(`form[action="/beitraege/%d"]`, row47.ID), &inForm, chromedp.ByQuery))
	if !strings.Contains(inForm, "genehmigt") || strings.Contains(inForm, "<h1") || strings.Contains(inForm, "<main") || strings.Contains(inForm, "<html") {
		t.Errorf("autosave on approved minutes put into the form: %s", inForm)
	}
	gs.endSession(48)
	if se, _ := st.SessionByNumber(ctx, council.ID, 48); se.Status != model.StatusEnded {
		t.Fatalf("48: %s", se.Status)
	}

	// 11. Correct a row of the approved minutes of the 47th session.
	gs.page("/sitzungen/47/live")
	if banner := gs.text(".frozen-banner"); !strings.Contains(banner, "wurde in der 48. Sitzung am") {
		t.Fatalf("banner: %q", banner)
	}
	if !gs.absentNode("textarea") {
		t.Error("the approved minutes still have an edit field")
	}
	noSidewaysScroll(t, gs, "protokoll-genehmigt")
	gs.clickTo("pick a row", `.row-action a`)
	noSidewaysScroll(t, gs, "berichtigung")
	gs.run("correct the text", chromedp.SetValue("#ber-text", "Der Bund berichtet ausführlich über den Stand.", chromedp.ByID),
		chromedp.SendKeys("#ber-grund", "Der Beitrag war verkürzt wiedergegeben.", chromedp.ByID))
	gs.submit("propose the correction", `form[action="/sitzungen/47/berichtigungen"]`)
	gs.run("diff", chromedp.WaitVisible(`#berichtigungen ins`, chromedp.ByQuery))
	if hist := gs.text("#berichtigungen"); !strings.Contains(hist, "verkürzt wiedergegeben") || !strings.Contains(hist, "ausführlich") {
		t.Errorf("history: %q", hist)
	}
	gs.shot("berichtigung-diff")
	noSidewaysScroll(t, gs, "berichtigung-diff")
}
