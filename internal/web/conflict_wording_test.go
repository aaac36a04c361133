package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestConflictSaysToKeepTheText: a stale edit of a contribution on the
// live page (its autosave, htmx) answered "Bitte laden Sie die Seite neu
// und übertragen Sie Ihre Änderung erneut." — the text was still in the
// field, and the reload the message asked for threw it away. The
// message says to copy the text first; the page a form falls back to
// says where the typed text stands.
func TestConflictSaysToKeepTheText(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	_, path, version := editedMeanwhile(t, ts, st, gs)
	code, b := hxPost(t, gs, path, url.Values{"version": {version}, "punkte": {"Zweite Fassung."}})
	if code != http.StatusConflict || !strings.Contains(b, "kopieren Sie ihn, bevor Sie die Seite neu laden") {
		t.Errorf("the autosave's conflict: %d %s", code, b)
	}
	code, page := do(t, gs, "POST", path, url.Values{"version": {version}, "sprecher": {"BSI"}, "punkte": {"Dritte Fassung."}})
	if code != http.StatusConflict || !strings.Contains(page, "Ihre Eingabe steht unten") || !strings.Contains(page, "Dritte Fassung.") {
		t.Errorf("the form's conflict page: %d %s", code, between(page, "<main", "</main>"))
	}
}
