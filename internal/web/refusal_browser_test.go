package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestRefusalFocusInBrowser: after a refused form the page came again
// with the focus at its top and the same title. refusal.js now moves the
// focus to the box of reasons and the title begins "Fehler: "; the
// refused registration and the refused FachMK contact form, with their
// marks of the required fields, stay clean under axe.
func TestRefusalFocusInBrowser(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	planSession48(t, ts, st)
	b := newBrowser(t, ts.URL)
	for _, tc := range []struct{ user, path, form, box string }{
		{"hessen", "/sitzungen/48/anmeldung", `form[action="/sitzungen/48/anmeldung"]`, "anmeldung-fehler"},
		{"sprecher-hb", "/fachmk/FMK", `form[action="/fachmk/FMK/gespraeche"]`, "gespraech-neu-fehler"},
	} {
		b.login(tc.user)
		b.page(tc.path)
		// Past the browser's own check of required fields, to the server's.
		b.run("open and send the form empty", chromedp.Evaluate(`document.querySelectorAll("details").forEach(d => d.open = true);
			document.querySelector('`+tc.form+`').noValidate = true`, nil))
		b.submit("refused "+tc.path, tc.form)
		var focused, title string
		b.run("focus", chromedp.Evaluate(`document.activeElement.id`, &focused), chromedp.Title(&title))
		if focused != tc.box {
			t.Errorf("%s: the focus is on %q, want the box of reasons %q", tc.path, focused, tc.box)
		}
		if !strings.HasPrefix(title, "Fehler: ") {
			t.Errorf("%s: the title %q", tc.path, title)
		}
		b.logout()
	}
}
