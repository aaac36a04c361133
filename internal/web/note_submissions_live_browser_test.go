package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestNoteSubmissionLiveInBrowser: the Geschäftsstelle's live page is open
// at an item when Hessen submits a Protokollnotiz; it appears in the page
// without a reload, naming the account's display name, and goes when
// Hessen withdraws it. The page passes axe with the submission shown, at
// 1280 and 320 px, and does not scroll sideways.
func TestNoteSubmissionLiveInBrowser(t *testing.T) {
	ts, st, se, it, b := noteBrowser(t, "geschaeftsstelle", 1280, 900)
	live := fmt.Sprintf("%s/live?top=%d", se.Path(), it.ID)
	b.page(live)
	b.run("mark the page", chromedp.Evaluate(`window.__gremiumOldPage = true`, nil))
	he := client(t, ts, "hessen")
	if code, _ := do(t, he, "POST", ts.URL+se.Path()+"/protokollnotizen", url.Values{"top": {fmt.Sprint(it.ID)}, "text": {"Hessen behält sich eine Prüfung vor (im Browser)."}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d", code)
	}
	mine, err := st.NoteSubmissionsOf(context.Background(), se.ID, "HE")
	if err != nil || len(mine) != 1 {
		t.Fatalf("Hessen's submissions: %v %+v", err, mine)
	}
	id := mine[0].ID
	box := fmt.Sprintf("#pn-eingang-%d", id)
	b.run("the submission appears", chromedp.WaitVisible(box, chromedp.ByQuery))
	var same bool
	b.run("no reload", chromedp.Evaluate(`window.__gremiumOldPage === true`, &same))
	if !same {
		t.Errorf("the page was reloaded")
	}
	if got := b.text(box + " p"); !strings.Contains(got, "gesendet von Büro des IT-PLR-Mitglieds Hessen") {
		t.Errorf("the submission's line: %q", got)
	}
	delete(b.visited, live)
	b.check("live page with a submission at 1280 px")
	b.shot("protokollnotiz-live-1280")
	b.run("320 px", chromedp.EmulateViewport(320, 900))
	delete(b.visited, live)
	b.check("live page with a submission at 320 px")
	noSidewaysScroll(t, b, "protokollnotiz-live-320")
	b.shot("protokollnotiz-live-320")
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/eingereichte-protokollnotizen/%d/zurueckziehen", ts.URL, id), url.Values{"version": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", code)
	}
	b.run("the submission goes", chromedp.WaitNotPresent(box, chromedp.ByQuery))
}
