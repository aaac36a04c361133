package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestMemberPagesPassAxeOnAPhone: the phone check of the public pages
// (TestPublicPagesPassAxeOnAPhone) does not reach what a member office
// sees. Once a member has registered its delegation, the session page
// lists the attendance with the persons registered; at 320 px that table
// scrolled in its own box, which the keyboard could not reach (axe:
// scrollable-region-focusable, WCAG 2.1.1). A member office's pages are
// checked with axe at 320 px.
func TestMemberPagesPassAxeOnAPhone(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 1, 0)))
	if err := st.SaveDelegation(context.Background(), model.Delegation{SessionID: se.ID, Member: "HE",
		Delegates: []model.Delegate{{Name: "Patrick Burghardt", Function: "Staatssekretär und Bevollmächtigter für E-Government"}}}, false); err != nil {
		t.Fatal(err)
	}
	// A written procedure and a follow-up of Hessen's, as a month brings
	// them: their pages are the office's too.
	ctx := context.Background()
	council := mustBody(t, st)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Förderung openCode " + model.Redact("mit 3 Mio. Euro"), Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat fördert openCode."}},
		Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	items, _ := st.Items(ctx, se.ID)
	fid, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items[0].ID, Text: "Bericht zur Anbindung der Landesportale an das Nutzerkonto vorlegen",
		Responsible: "HE, BY", DueDate: model.BerlinDate(se.Date.Time().AddDate(0, 0, 10)), Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts.URL)
	b.run("phone viewport", chromedp.EmulateViewport(320, 900))
	b.login("hessen")
	for _, p := range []string{"/mein-bereich", "/sitzungen/48", "/sitzungen/48/teilnahme", "/sitzungen/48/anmeldung", "/sitzungen/47",
		"/umlaufverfahren", fmt.Sprintf("/umlaufverfahren/%d", pid), "/sitzungen/48/abstimmung", fmt.Sprintf("/auftraege/%d", fid),
		"/mitglieder/HE/auftraege", "/konto", "/mein-kalender", "/benachrichtigungen"} {
		b.page(p)
		var fits bool
		b.run("scroll width of "+p, chromedp.Evaluate(`document.documentElement.scrollWidth <= window.innerWidth`, &fits))
		if !fits {
			t.Errorf("%s scrolls sideways at 320 px", p)
		}
		if p == "/umlaufverfahren" {
			// The list of written procedures scrolled sideways in its
			// own box; each procedure is a card of labelled cells now,
			// as the register's decisions.
			var wide string
			var label bool
			b.run("table widths of "+p, chromedp.Evaluate(`Array.from(document.querySelectorAll("main table")).filter(t => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > window.innerWidth).map(t => t.caption ? t.caption.textContent : "?").join("; ")`, &wide),
				chromedp.Evaluate(`Array.from(document.querySelectorAll("main table .cell-label")).some(l => l.offsetParent !== null && l.textContent.includes("Frist"))`, &label))
			if wide != "" || !label {
				t.Errorf("%s: the table %q is wider than the phone, or has no visible cell label Frist (%v)", p, wide, label)
			}
		}
		b.shot("member-phone" + strings.ReplaceAll(p, "/", "-"))
	}
}
