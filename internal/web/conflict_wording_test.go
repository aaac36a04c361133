package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
)

// TestConflictSaysToKeepTheText: a stale edit of a contribution on the
// live page (its autosave, htmx) answered "Bitte laden Sie die Seite neu
// und übertragen Sie Ihre Änderung erneut." — the text was still in the
// field, and the reload the message asked for threw it away. The
// message says to copy the text first; the page a form falls back to
// says where the typed text stands.
func TestConflictSaysToKeepTheText(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	cs, _ := st.Contributions(ctx, items[1].ID)
	c := cs[0]
	path := fmt.Sprintf("%s/beitraege/%d", ts.URL, c.ID)
	version := fmt.Sprint(c.Version)
	if code, _ := do(t, gs, "POST", path, url.Values{"version": {version}, "sprecher": {"BSI"}, "punkte": {"Erste Fassung."}}); code != http.StatusSeeOther {
		t.Fatalf("first edit: %d", code)
	}
	code, b := hxPost(t, gs, path, url.Values{"version": {version}, "punkte": {"Zweite Fassung."}})
	if code != http.StatusConflict || !strings.Contains(b, "kopieren Sie ihn, bevor Sie die Seite neu laden") {
		t.Errorf("the autosave's conflict: %d %s", code, b)
	}
	code, page := do(t, gs, "POST", path, url.Values{"version": {version}, "sprecher": {"BSI"}, "punkte": {"Dritte Fassung."}})
	if code != http.StatusConflict || !strings.Contains(page, "Ihre Eingabe steht unten") || !strings.Contains(page, "Dritte Fassung.") {
		t.Errorf("the form's conflict page: %d %s", code, between(page, "<main", "</main>"))
	}
}
