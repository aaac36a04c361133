package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
)

// TestTablesReflowAt320 (WCAG 1.4.10): at 320 px the tables of the
// minutes in the official layout, the FachMK spokesperson overview and
// the attendance of a session fit the width: no table is wider than the
// window or scrolls inside its own box. Before, each scrolled sideways
// (the minutes' fixed columns pushed the prose off the screen).
func TestTablesReflowAt320(t *testing.T) {
	browserTest(t)
	ts, st, _ := lawServer(t)
	runningSession(t, st, model.KindDecision)
	b := newBrowser(t, ts.URL)
	b.login("geschaeftsstelle")
	for _, path := range []string{"/sitzungen/47/protokoll", "/fachmk", "/sitzungen/48"} {
		b.page(path)
		name := strings.ReplaceAll(strings.Trim(path, "/"), "/", "-")
		b.shot(name + "-1280")
		var wide string
		b.run(path+" at 320 px", chromedp.EmulateViewport(320, 800),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("main table")).filter(t => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > window.innerWidth + 1).map(t => (t.className || t.querySelector("caption")?.textContent || "table") + " " + t.scrollWidth + "/" + t.clientWidth).join("; ")`, &wide))
		if wide != "" {
			t.Errorf("%s at 320 px: tables too wide: %s", path, wide)
		}
		noSidewaysScroll(t, b, name)
	}
}
