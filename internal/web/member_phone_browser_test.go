package web

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
)

// TestMemberPagesPassAxeOnAPhone: the phone check of the public pages
// (TestPublicPagesPassAxeOnAPhone) does not reach what a member office
// sees. Once a member has registered its delegation, the session page
// lists the attendance with the persons registered; at 320 px that table
// scrolled in its own box, which the keyboard could not reach (axe:
// scrollable-region-focusable, WCAG 2.1.1). A member office's pages are
// checked with axe at 320 px.
func TestMemberPagesPassAxeOnAPhone(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ts, st := cycleServer(t)
	se := planSessionOn(t, st, 48, model.DateOf(time.Now().AddDate(0, 1, 0)))
	if err := st.SaveDelegation(context.Background(), model.Delegation{SessionID: se.ID, Member: "HE",
		Delegates: []model.Delegate{{Name: "Patrick Burghardt", Function: "Staatssekretär und Bevollmächtigter für E-Government"}}}, false); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts.URL)
	b.run("phone viewport", chromedp.EmulateViewport(320, 900))
	b.login("hessen")
	for _, p := range []string{"/mein-bereich", "/sitzungen/48", "/sitzungen/48/teilnahme", "/sitzungen/48/anmeldung", "/sitzungen/47",
		"/umlaufverfahren", "/mitglieder/HE/auftraege", "/konto", "/mein-kalender", "/benachrichtigungen"} {
		b.page(p)
	}
}
