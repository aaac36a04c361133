package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestVisitorRefusedCalendarYearAtPhoneWidth: the calendar's note on a
// year it could not read (it answered with a bare error page before) and
// the session page without published agenda pass axe and fit a phone
// (320 px).
func TestVisitorRefusedCalendarYearAtPhoneWidth(t *testing.T) {
	browserTest(t)
	ts, st, _ := lawServer(t)
	planUnpublishedSession48(t, st)
	b := newBrowser(t, ts.URL)
	b.run("phone viewport", chromedp.EmulateViewport(320, 900))
	for _, p := range []string{"/sitzungen/kalender?jahr=abc", "/sitzungen/48"} {
		b.page(p)
		var fits bool
		b.run("scroll width of "+p, chromedp.Evaluate(`document.documentElement.scrollWidth <= window.innerWidth`, &fits))
		if !fits {
			t.Errorf("%s is wider than 320 px", p)
		}
	}
	var note string
	b.page("/sitzungen/kalender?jahr=abc")
	b.run("the calendar's note", chromedp.Text(`main .error-box`, &note, chromedp.ByQuery))
	if note == "" {
		t.Errorf("the calendar shows no note on the year it could not read")
	}
	var agenda string
	b.page("/sitzungen/48")
	b.run("the session's agenda note", chromedp.Text(`main`, &agenda, chromedp.ByQuery))
	if !strings.Contains(agenda, "Die Tagesordnung ist noch nicht veröffentlicht.") {
		t.Errorf("the planned session does not say that its agenda is not published yet")
	}
}
