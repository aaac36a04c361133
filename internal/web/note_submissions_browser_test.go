package web

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gremium/internal/model"
	"gremium/internal/store"
)

// noteBrowser is the set-up of the browser tests of submitted notes: the
// cycle demo's server and store, the 47th session with the item notes are
// sent to (noteWorld), and a browser logged in as account at width×height.
func noteBrowser(t *testing.T, account string, width, height int64) (*httptest.Server, *store.Store, model.Session, model.AgendaItem, *browserRun) {
	t.Helper()
	browserTest(t)
	ts, st := cycleServer(t)
	se, it := noteWorld(t, st)
	b := newBrowser(t, ts.URL)
	b.login(account)
	b.run(fmt.Sprintf("%d px", width), chromedp.EmulateViewport(width, height))
	return ts, st, se, it, b
}

// TestNoteSubmissionFormInBrowser: at 320 px Hessen opens the form beside
// an item of the 47th session, sends a text with unbalanced marks (the
// reason at the field, the text kept), then the text, and sees it waiting
// with the button to withdraw it; the page passes axe each time (form
// open, refused, sent) and does not scroll sideways.
func TestNoteSubmissionFormInBrowser(t *testing.T) {
	_, _, se, it, b := noteBrowser(t, "hessen", 320, 800)
	b.page(se.Path())
	form := fmt.Sprintf("#pn-einreichen-%d", it.ID)
	axeAgain := func(what string) {
		t.Helper()
		delete(b.visited, se.Path())
		b.check(what)
	}
	b.run("open the form", chromedp.Click(form+" summary", chromedp.ByQuery),
		chromedp.WaitVisible(form+" textarea", chromedp.ByQuery),
		chromedp.SendKeys(form+" textarea", "Hessen [[stimmt zu.", chromedp.ByQuery))
	axeAgain("form open at 320 px")
	noSidewaysScroll(t, b, "protokollnotiz-formular")
	b.run("320 px", chromedp.EmulateViewport(320, 800))
	b.submit("unbalanced marks", form+" form")
	var invalid, typed string
	b.run("refused", chromedp.AttributeValue(form+" textarea", "aria-invalid", &invalid, nil, chromedp.ByQuery),
		chromedp.Value(form+" textarea", &typed, chromedp.ByQuery))
	if invalid != "true" || typed != "Hessen [[stimmt zu." {
		t.Errorf("refused form: aria-invalid %q, text %q", invalid, typed)
	}
	axeAgain("refused at 320 px")
	b.shot("protokollnotiz-abgelehnt-320")
	b.run("type the text", chromedp.SetValue(form+" textarea", "Hessen behält sich eine Prüfung vor.", chromedp.ByQuery))
	b.submit("submit", form+" form")
	var listed string
	b.run("listed", chromedp.Text(form+" .note-submission-list", &listed, chromedp.ByQuery))
	if !strings.Contains(listed, "Hessen behält sich eine Prüfung vor.") || !strings.Contains(listed, "eingereicht") || !strings.Contains(listed, "Zurückziehen") {
		t.Errorf("Hessen's list: %q", listed)
	}
	axeAgain("sent at 320 px")
	noSidewaysScroll(t, b, "protokollnotiz-eingereicht")
}
