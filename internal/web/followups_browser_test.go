package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestFollowUpsInBrowser: with the clock past their deadlines the demo's
// follow-ups show as overdue on the follow-up page; the Bund's office
// marks its follow-up done with evidence. Every page is axe-clean and does
// not scroll sideways at 320 px.
func TestFollowUpsInBrowser(t *testing.T) {
	browserTest(t)
	hs, st := followUpServer(t, time.Date(2026, 4, 1, 12, 0, 0, 0, model.Berlin))
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	b := newBrowser(t, hs.ts.URL)
	b.login("bund")

	b.page("/auftraege")
	if s := b.text(`p[role="status"]`); !strings.Contains(s, "3 überfällig") {
		t.Errorf("follow-up page status: %q", s)
	}
	if s := b.text("ul.followup-list > li:first-child"); !strings.Contains(s, "überfällig") {
		t.Errorf("first follow-up is not the overdue one: %q", s)
	}
	noSidewaysScroll(t, b, "auftraege")

	b.page("/mitglieder/Bund/auftraege")
	noSidewaysScroll(t, b, "auftraege-bund")

	path := fmt.Sprintf("/auftraege/%d", f.ID)
	b.page(path)
	b.run("report done with evidence",
		chromedp.Click("#st-erledigt", chromedp.ByID),
		chromedp.SetValue("#erledigt-am", "2026-03-30", chromedp.ByID),
		chromedp.SendKeys("#nachweis", "Keine Projekte wurden unterbrochen; Mitteilung an BW vom 30.03.2026.", chromedp.ByID),
		chromedp.SendKeys("#stand-kommentar", "Abgestimmt mit dem BMDS.", chromedp.ByID))
	b.submit("report", fmt.Sprintf(`form[action="%s/stand"]`, path))
	if s := b.text("#stand"); s != "erledigt" {
		t.Errorf("state after the report: %q", s)
	}
	if s := b.text("#h-nachweis + dl"); !strings.Contains(s, "30.03.2026") || !strings.Contains(s, "Mitteilung an BW") {
		t.Errorf("evidence shown: %q", s)
	}
	noSidewaysScroll(t, b, "auftrag-erledigt")

	got, err := st.FollowUp(context.Background(), f.ID)
	if err != nil || got.Status != model.FollowUpDone || got.DoneOn != model.NewDate(2026, 3, 30) || !strings.Contains(got.EvidenceText, "Mitteilung an BW") {
		t.Errorf("stored: %+v, %v", got, err)
	}
	cs, _ := st.FollowUpComments(context.Background(), f.ID)
	if len(cs) != 1 || cs[0].Member != "Bund" {
		t.Errorf("comments: %+v", cs)
	}

	// The login expires while a comment is typed: the login page keeps
	// it, and after logging in it is sent on confirmation.
	b.page(path)
	b.run("type a comment", chromedp.SendKeys("#kommentar", "Nachweis liegt dem Referat vor.", chromedp.ByID),
		network.DeleteCookies(auth.CookieName).WithURL(hs.ts.URL))
	b.submit("comment after the login expired", fmt.Sprintf(`form[action="%s/kommentare"]`, path))
	if s := b.text(".error-box"); !strings.Contains(s, "Ihre Anmeldung ist abgelaufen") {
		t.Fatalf("after the login expired: %q", s)
	}
	noSidewaysScroll(t, b, "anmeldung-abgelaufen")
	b.run("log in again", chromedp.SendKeys("#benutzer", "bund", chromedp.ByID), chromedp.SendKeys("#passwort", demo.AccountPassword, chromedp.ByID))
	b.submit("log in again", `form[action="/anmelden"]`)
	noSidewaysScroll(t, b, "eingaben-absenden")
	b.shot("eingaben-absenden")
	b.submit("send the kept comment", fmt.Sprintf(`form[action="%s/kommentare"]`, path))
	if cs, _ := st.FollowUpComments(context.Background(), f.ID); len(cs) != 2 || !strings.Contains(cs[1].Text, "Nachweis liegt dem Referat vor.") {
		t.Errorf("comments after the login expired: %+v", cs)
	}

	// The personal calendar page, then the secretariat's pages: a
	// follow-up with the edit form, the proposals of the 47th session.
	b.page("/mein-kalender")
	b.submit("new calendar address", `form[action="/mein-kalender"]`)
	var addr string
	b.run("read the address", chromedp.Value("#kal-url", &addr, chromedp.ByID))
	if !strings.Contains(addr, "/kalender/kal_") || !strings.HasSuffix(addr, ".ics") {
		t.Errorf("calendar address %q", addr)
	}
	noSidewaysScroll(t, b, "mein-kalender")
	b.logout()
	b.login("geschaeftsstelle")
	audit := demoFollowUp(t, st, "Unternehmenskontos")
	b.page(fmt.Sprintf("/auftraege/%d", audit.ID))
	noSidewaysScroll(t, b, "auftrag-geschaeftsstelle")
	b.page("/sitzungen/47/auftragsvorschlaege")
	noSidewaysScroll(t, b, "auftragsvorschlaege")
	before, _ := st.FollowUps(context.Background(), store.FollowUpFilter{})
	b.submit("confirm the first proposal", `ul.followup-list > li:first-child form`)
	if after, _ := st.FollowUps(context.Background(), store.FollowUpFilter{}); len(after) != len(before)+1 || after[len(after)-1].ProposalKey == "" {
		t.Errorf("confirming a proposal: %d follow-ups before, %d after", len(before), len(after))
	}
}
