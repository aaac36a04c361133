package web

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestGreenListInTheBrowser: the AL-Runde's own Grüne Liste as the
// secretariat works it in a session — the live page's en-bloc box and the
// session page's form taking an item off the list — passes axe and fits
// a 320 px screen without scrolling sideways, as the council's page of
// recommendations with its buttons for the list does for a member.
func TestGreenListInTheBrowser(t *testing.T) {
	browserTest(t)
	w := alRundeItemOnItsGreenList(t)
	b := newBrowser(t, w.ts.URL)
	b.login("geschaeftsstelle")
	for _, width := range []int64{1280, 320} {
		b.run(fmt.Sprintf("%d px", width), chromedp.EmulateViewport(width, 1000))
		b.page(w.al.Path() + "/live")
		b.shot(fmt.Sprintf("greenlist-live-%d", width))
		b.page(w.al.Path())
		b.shot(fmt.Sprintf("greenlist-session-%d", width))
	}
	noSidewaysScroll(t, b, "greenlist-session")
	b.page(w.al.Path() + "/live?x=1")
	noSidewaysScroll(t, b, "greenlist-live")
}
