package web

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLinkLinesAtAPhone: the lines of links beside each other ("Sitzungs-
// kalender · Sitzungstermine … abonnieren", "← 2025 · Alle Sitzungen ·
// …", "CSV · PDF · Alle Sitzungstermine") had links 19 px high at 320 px,
// their 24 px circles overlapping (WCAG 2.2, 2.5.8). Each is a target of
// 24 px now.
func TestLinkLinesAtAPhone(t *testing.T) {
	browserTest(t)
	ts, _ := cycleServer(t)
	b := newBrowser(t, ts.URL)
	b.run("phone viewport", chromedp.EmulateViewport(320, 900))
	for _, path := range []string{"/sitzungen", "/sitzungen/kalender", "/fachmk", "/fachmk/termine", "/fachmk/FMK"} {
		b.page(path)
		var low string
		b.run("link heights "+path, chromedp.Evaluate(`Array.from(document.querySelectorAll("main p.actions a")).filter(a => a.getBoundingClientRect().height < 24).map(a => a.textContent.trim() + ": " + Math.round(a.getBoundingClientRect().height) + " px").join("; ")`, &low))
		if low != "" {
			t.Errorf("%s: links of a link line lower than 24 px at 320 px: %s", path, low)
		}
	}
}
