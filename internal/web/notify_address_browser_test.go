package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestAccountEmailInBrowser: the secretariat sets the Saarland office's
// address on /konten, then sends a malformed one (the browser's own check
// taken off, as an old browser would send it): the German reason stands
// at the field with the address as typed; both pages pass axe and fit
// 320 px. The office's notification page shows the address with the
// defaults. Screenshots: konten-adresse(-320), konten-adresse-fehler(-320),
// benachrichtigungen-adresse(-320).
func TestAccountEmailInBrowser(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	sl, _, err := st.UserLogin(context.Background(), "saarland")
	if err != nil {
		t.Fatal(err)
	}
	input := fmt.Sprintf("#konto-%d-email", sl.ID)
	form := fmt.Sprintf(`form[action="/konten/%d/e-mail"]`, sl.ID)
	b := newBrowser(t, ts.URL)
	b.login("geschaeftsstelle")
	b.page("/konten")
	b.run("type the address", chromedp.SendKeys(input, "buero@saarland.example", chromedp.ByQuery))
	b.submit("set the address", form)
	if got := b.text("main"); !strings.Contains(got, "ist jetzt buero@saarland.example") {
		t.Error("no notice after setting the address")
	}
	b.shot("konten-adresse")
	noSidewaysScroll(t, b, "konten-adresse")
	b.run("a malformed address", chromedp.SetAttributeValue(input, "type", "text", chromedp.ByQuery),
		chromedp.SetValue(input, "buero saarland", chromedp.ByQuery))
	b.submit("send the malformed address", form)
	if got := b.text(fmt.Sprintf("#konto-%d-email-fehler", sl.ID)); !strings.Contains(got, "keine gültige E-Mail-Adresse") {
		t.Errorf("the reason at the field: %q", got)
	}
	var typed string
	b.run("typed kept", chromedp.Value(input, &typed, chromedp.ByQuery))
	if typed != "buero saarland" {
		t.Errorf("the field shows %q, want the address as typed", typed)
	}
	b.shot("konten-adresse-fehler")
	noSidewaysScroll(t, b, "konten-adresse-fehler")
	b.logout()
	b.login("saarland")
	b.page("/benachrichtigungen")
	if got := b.text("#bn-voreinstellung"); !strings.Contains(got, "buero@saarland.example") {
		t.Errorf("the notification page says %q", got)
	}
	b.shot("benachrichtigungen-adresse")
	noSidewaysScroll(t, b, "benachrichtigungen-adresse")
}
