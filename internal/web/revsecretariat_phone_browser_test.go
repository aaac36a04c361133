package web

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"gremium/internal/itplr"
	"gremium/internal/model"
)

// TestLiveVoteGridReachableOnAPhone: while a vote is open, the live page
// shows its state per member; once every member present had voted, no row
// held a radio button any more, and at 320 px the table scrolled in its
// own box that the keyboard could not reach (axe:
// scrollable-region-focusable, WCAG 2.1.1). The table takes the focus
// itself now, named by its caption.
func TestLiveVoteGridReachableOnAPhone(t *testing.T) {
	browserTest(t)
	ts, st, _ := lawServer(t)
	sid, item, d := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/aufrufen", ts.URL, item), nil); code != http.StatusSeeOther {
		t.Fatalf("call the item: %d", code)
	}
	v := openVoteByPage(t, ts, st, gs, sid, d)
	hands := url.Values{}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() {
			hands.Set("stimme_"+m.Abbrev, "ja")
		}
	}
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/handzeichen", ts.URL, v.ID), hands); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d %s", code, between(body, "<main", "</main>"))
	}
	b := newBrowser(t, ts.URL)
	b.run("phone viewport", chromedp.EmulateViewport(320, 900))
	b.login("geschaeftsstelle")
	b.page(fmt.Sprintf("/sitzungen/48/live?top=%d", item))
	var fits bool
	b.run("scroll width", chromedp.Evaluate(`document.documentElement.scrollWidth <= window.innerWidth`, &fits))
	if !fits {
		t.Error("the live page scrolls sideways at 320 px during the vote")
	}
}
