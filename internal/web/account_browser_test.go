package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAccountPagesInBrowser walks the account pages with axe: the own
// account with a new API token, the password page, the secretariat's
// account list with a reset password. Screenshots: konto, konten.
func TestAccountPagesInBrowser(t *testing.T) {
	browserTest(t)
	ts, _ := cycleServer(t)
	b := newBrowser(t, ts.URL)
	b.login("hessen")
	b.page("/konto")
	b.run("new token", chromedp.SendKeys("#token-bezeichnung", "Landesportal Hessen", chromedp.ByID))
	b.submit("create token", `form[action="/konto/tokens"]`)
	if tok := b.text("#neues-token"); !strings.HasPrefix(tok, "grm_") {
		t.Errorf("token shown: %q", tok)
	}
	b.shot("konto")
	// Revoking asks first on a page of its own (axe-checked); "Abbrechen"
	// is a link back, the second submit revokes.
	b.submit("ask to revoke the token", `form[action^="/konto/tokens/"]`)
	if h := b.text("main h1"); h != "API-Token widerrufen" {
		t.Errorf("confirmation page: %q", h)
	}
	b.submit("revoke the token", `form[action^="/konto/tokens/"]`)
	if got := b.text("main"); !strings.Contains(got, "Das Token ist widerrufen") {
		t.Error("the token was not revoked after the confirmation")
	}
	b.submit("ask to log out everywhere", `form[action="/konto/abmelden-ueberall"]`)
	if h := b.text("main h1"); h != "Überall abmelden" {
		t.Errorf("confirmation page: %q", h)
	}
	b.page("/konto/passwort")
	b.logout()

	b.login("geschaeftsstelle")
	b.page("/konten")
	b.submit("reset a password", `form[action$="/passwort"]`)
	if pw := b.text("#neues-passwort"); len(pw) < 12 {
		t.Errorf("new password shown: %q", pw)
	}
	b.shot("konten")
	b.logout()
	b.page("/anmelden")
}
