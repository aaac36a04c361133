package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestApprovalResultAndPresenterDebriefInTheBrowser: in a real browser,
// at 1280 and 320 px, with axe-core on every page: the secretariat
// approves the 47th session's minutes at TOP 00 of the live page with a
// member abstaining and the minutes of the 48th say so; Hessen's office
// reads the debrief of the decision it presents.
func TestApprovalResultAndPresenterDebriefInTheBrowser(t *testing.T) {
	browserTest(t)
	ts, st, se, _ := approvalScene(t)
	top := approvingItem(t, st, se.ID, 47)
	b := newBrowser(t, ts.URL)
	b.login("geschaeftsstelle")
	live := fmt.Sprintf("/sitzungen/48/live?top=%d", top.ID)
	for _, width := range []int64{320, 1280} {
		b.run(fmt.Sprintf("%d px", width), chromedp.EmulateViewport(width, 1000))
		b.page(live)
		b.shot(fmt.Sprintf("approval-live-%d", width))
	}
	b.run("result", chromedp.SendKeys("#genehmigen-47-enthaltung", "HE", chromedp.ByID), chromedp.Click("#genehmigen-47-geaendert", chromedp.ByID))
	b.submit("approve", "#genehmigen-47")
	if got := b.text(".live-item"); !strings.Contains(got, "Einstimmige Bestätigung des Protokolls der 47. Sitzung, bei Enthaltung") {
		t.Errorf("the live page's TOP 00 after the approval: %s", got)
	}
	b.shot("approval-live-done-1280")
	b.page("/sitzungen/48/protokoll")
	b.shot("approval-minutes-1280")
	b.run("320 px", chromedp.EmulateViewport(320, 1000))
	b.page("/sitzungen/48/protokoll?x=1")
	b.shot("approval-minutes-320")
	if got := b.text("main"); !strings.Contains(got, "Einstimmige Bestätigung des Protokolls der 47. Sitzung") {
		t.Errorf("the minutes of the 48th session lack the approval's result")
	}

	ts2, st2 := debriefServer(t)
	gs := client(t, ts2, "geschaeftsstelle")
	assessFMKAndWMK(t, ts2, st2, gs)
	sentDebriefOf47(t, st2)
	h := newBrowser(t, ts2.URL)
	h.login("hessen")
	for _, width := range []int64{320, 1280} {
		h.run(fmt.Sprintf("%d px", width), chromedp.EmulateViewport(width, 1000))
		h.page("/sitzungen/47/nachbesprechung")
		h.shot(fmt.Sprintf("debrief-presenter-%d", width))
		if got := h.text("main"); !strings.Contains(got, "B-2025/27-IT") {
			t.Errorf("Hessen's debrief at %d px: %s", width, got)
		}
	}
}
