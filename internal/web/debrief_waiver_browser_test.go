package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestDebriefWaiverInBrowser (WCAG 2.1 AA, axe): the form "Nachbesprechung
// entfällt" on the debrief page, refused for a reason of blanks only (the
// browser's "required" lets spaces through; the server refuses them),
// focuses the error box whose link leads to the reason's field, and the
// noted page with its withdrawal and the page a spokesperson reads pass
// axe.
func TestDebriefWaiverInBrowser(t *testing.T) {
	browserTest(t)
	ts, st := debriefServer(t)
	assessFMKAndWMK(t, ts, st, client(t, ts, "geschaeftsstelle"))
	const path = "/sitzungen/47/nachbesprechung"
	const form = `form[action="/sitzungen/47/nachbesprechung/entfaellt"]`
	b := newBrowser(t, ts.URL)
	b.login("geschaeftsstelle")
	b.page(path)
	b.run("blank reason", chromedp.SendKeys("#nb-grund", "   ", chromedp.ByID))
	b.submit("note without a reason", form)
	var focused, link, described string
	b.run("refused",
		chromedp.Evaluate(`document.activeElement ? document.activeElement.id : ""`, &focused),
		chromedp.Evaluate(`(document.querySelector("#nb-entfaellt-fehler a") || {}).hash || ""`, &link),
		chromedp.Evaluate(`document.getElementById("nb-grund").getAttribute("aria-describedby")`, &described))
	if focused != "nb-entfaellt-fehler" || link != "#nb-grund" || described != "nb-grund-hinweis nb-grund-fehler" {
		t.Errorf("the refused note: focus on %q, the box links %q, the field is described by %q", focused, link, described)
	}
	b.run("a reason", chromedp.SendKeys("#nb-grund", "In der FMK bereits besprochen.", chromedp.ByID))
	b.submit("note with a reason", form)
	delete(b.visited, path) // the same address, now noted: axe again
	b.check("noted")
	if state := b.text("#nb-entfaellt-stand"); !strings.Contains(state, "Grund: In der FMK bereits besprochen.") {
		t.Errorf("the noted page says %q", state)
	}
	b.logout()
	b.login("sprecher-hb")
	b.page(path)
	if got := b.text("#nb-entfaellt"); got != "Für diese Sitzung findet keine Nachbesprechung statt." {
		t.Errorf("the spokesperson reads %q", got)
	}
}
