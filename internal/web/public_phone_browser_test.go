package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPublicPagesPassAxeOnAPhone: the screenshot walk checks its pages
// with axe-core at 1366 px only; at 320 px the tables scroll inside their
// own box, and those without a link inside (the minutes' TOP tables, a
// FachMK's spokesperson history) could not be reached with the keyboard
// (axe: scrollable-region-focusable, WCAG 2.1.1). The public pages are
// checked with axe at 320 px.
func TestPublicPagesPassAxeOnAPhone(t *testing.T) {
	browserTest(t)
	ts := demoServer(t)
	b := newBrowser(t, ts.URL)
	b.run("phone viewport", chromedp.EmulateViewport(320, 900))
	for _, p := range []string{"/", "/sitzungen", "/sitzungen/47", "/sitzungen/47/protokoll", "/sitzungen/46/protokoll",
		"/beschluesse", "/beschluesse/B-2025/26-IT", "/suche?q=Kooperation", "/sitzungen/kalender?jahr=2025",
		"/fachmk", "/fachmk/FMK", "/fachmk/JuMiKo", "/fachmk/EnMK", "/auftraege"} {
		b.page(p)
		// Nothing wider than the phone: a long word of a conference's
		// key words made /fachmk/JuMiKo 329 px wide.
		var fits bool
		b.run("scroll width of "+p, chromedp.Evaluate(`document.documentElement.scrollWidth <= window.innerWidth`, &fits))
		if !fits {
			t.Errorf("%s is wider than 320 px", p)
		}
	}
}
