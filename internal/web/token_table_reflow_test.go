package web

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"gremium/internal/auth"
)

// TestTokenTableReflowsAt320 (WCAG 1.4.10): the table of API tokens on
// /konto was cut off at 320 px — "Gültig bis" and the button "Widerrufen"
// off screen, with no sign that the table scrolls. Each token is a card
// of labelled cells now (the house's stacked table), the revoke button in
// sight.
func TestTokenTableReflowsAt320(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	ctx := context.Background()
	he, _, err := st.UserLogin(ctx, "hessen")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := auth.NewAPIToken(ctx, st, he.ID, "Landesportal Hessen – Anbindung des Dokumentenmanagements"); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ts.URL)
	b.login("hessen")
	b.page("/konto")
	b.shot("konto-tokens-1280")
	var wide string
	var label, button bool
	b.run("/konto at 320 px", chromedp.EmulateViewport(320, 800),
		tablesTooWide(&wide),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("main table .cell-label")).some(l => l.offsetParent !== null && l.textContent.includes("Gültig bis"))`, &label),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("main table button")).every(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth; })`, &button))
	if wide != "" || !label || !button {
		t.Errorf("/konto at 320 px: tables too wide %q, visible label „Gültig bis“ %v, revoke button in sight %v", wide, label, button)
	}
	noSidewaysScroll(t, b, "konto-tokens")
}
