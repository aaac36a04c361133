package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gremium/internal/model"
)

// TestLivePushKeepsChoiceAndFocus: another member's vote or request for
// the floor updates a member's page without taking away what the member
// is doing — the choice made on the ballot but not yet sent and the focus
// stay (before, the whole box was replaced: focus on body, no radio
// checked), pushed over the stream as well as polled. Only the count is a
// live region; the ballot is not inside one.
func TestLivePushKeepsChoiceAndFocus(t *testing.T) {
	browserTest(t)
	ctx := context.Background()
	ts, st, srv := lawServer(t)
	sid, item, d := runningSession(t, st, model.KindDecision)
	if err := st.SetCurrentItem(ctx, sid, item); err != nil {
		t.Fatal(err)
	}
	voteID, err := st.OpenVote(ctx, sid, d)
	if err != nil {
		t.Fatal(err)
	}

	he := newBrowser(t, ts.URL)
	he.login("hessen")
	// A second Hessen window without EventSource: it polls every 300 ms.
	polled := he.another()
	polled.login("hessen")
	polled.run("no EventSource, fast polling", chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument("window.EventSource = undefined; window.gremiumLivePollMs = 300;").Do(ctx)
		return err
	}))
	he.page("/sitzungen/48/abstimmung")
	polled.page("/sitzungen/48/abstimmung")
	for deadline := time.Now().Add(20 * time.Second); srv.events.Viewers(sid) < 1 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	for _, b := range []*browserRun{he, polled} {
		b.run("Hessen chooses Nein", chromedp.Click("#mein-nein", chromedp.ByID), chromedp.Focus("#mein-nein", chromedp.ByID))
		var liveAround bool
		b.run("live regions", chromedp.Evaluate(`!!document.querySelector("#mein-nein").closest("[aria-live], [role=status], [role=alert], [role=log]")`, &liveAround))
		if liveAround {
			t.Error("the ballot is inside a live region")
		}
	}
	bund := client(t, ts, "bund")
	if code, _ := do(t, bund, "POST", fmt.Sprintf("%s/abstimmungen/%d/stimme", ts.URL, voteID), url.Values{"stimme": {"ja"}, "gesehen": {""}}); code != http.StatusSeeOther {
		t.Fatalf("Bund votes: %d", code)
	}
	for name, b := range map[string]*browserRun{"pushed": he, "polled": polled} {
		b.run(name+": the count follows", chromedp.WaitVisible(`//section[@id="abstimmung-stand"]//p[contains(., "Abgestimmt haben 1 von")]`, chromedp.BySearch))
		var focus string
		var checked bool
		b.run(name+": focus and choice", chromedp.Evaluate(`document.activeElement.id`, &focus), chromedp.Evaluate(`document.querySelector("#mein-nein").checked`, &checked))
		if focus != "mein-nein" || !checked {
			t.Errorf("%s: after another member's vote the focus is on %q and Nein checked: %v", name, focus, checked)
		}
		var regions int
		var count bool
		b.run(name+": live regions", chromedp.Evaluate(`document.querySelectorAll("#abstimmung-stand[aria-live], #abstimmung-stand [aria-live]").length`, &regions),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("#abstimmung-stand [role=status]")).some(e => e.textContent.includes("Abgestimmt haben 1 von"))`, &count))
		if regions != 0 || !count {
			t.Errorf("%s: the vote box is (or holds) an aria-live region (%d), or the count is no status (%v)", name, regions, count)
		}
	}

	// Another vote (the first one cancelled, the proposal voted again):
	// the choice for the old vote is not carried over into the new ballot,
	// and the focus goes to the heading that names the proposal.
	he.run("focus on Nein", chromedp.Focus("#mein-nein", chromedp.ByID))
	if err := st.CancelVote(ctx, voteID); err != nil {
		t.Fatal(err)
	}
	again, err := st.OpenVote(ctx, sid, d)
	if err != nil {
		t.Fatal(err)
	}
	srv.events.Publish(sid)
	he.run("the new ballot", chromedp.WaitReady(fmt.Sprintf(`form[action="/abstimmungen/%d/stimme"]`, again), chromedp.ByQuery))
	var focus string
	var checked int
	he.run("focus and choice", chromedp.Evaluate(`document.activeElement.id`, &focus), chromedp.Evaluate(`document.querySelectorAll("#abstimmung-stand input:checked").length`, &checked))
	if focus != "h-abst" || checked != 0 {
		t.Errorf("new vote: the focus is on %q, %d choices checked", focus, checked)
	}

	// The session page: Hessen's "Wortmeldung" button keeps the focus when
	// the Bund asks for the floor.
	he.page("/sitzungen/48")
	for deadline := time.Now().Add(20 * time.Second); srv.events.Viewers(sid) < 2 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	he.run("focus on Wortmeldung", chromedp.Focus(`#live-stand form[action="/sitzungen/48/wortmeldungen"] button`, chromedp.ByQuery))
	if code, _ := do(t, bund, "POST", ts.URL+"/sitzungen/48/wortmeldungen", url.Values{"top": {fmt.Sprint(item)}}); code != http.StatusSeeOther {
		t.Fatalf("Bund asks for the floor: %d", code)
	}
	he.run("the list follows", chromedp.WaitVisible(`//div[@id="live-stand"]//*[contains(., "Redeliste: Bund")]`, chromedp.BySearch))
	var button string
	he.run("focus", chromedp.Evaluate(`document.activeElement.tagName + ": " + document.activeElement.textContent`, &button))
	if button != "BUTTON: Wortmeldung (HE)" {
		t.Errorf("after the Bund's request the focus is on %.60q", button)
	}
}
