package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestMinutesCommentsShowTime: a comment on the draft minutes shows when it
// was written, in German time, on the session page and on the secretariat's
// management page.
func TestMinutesCommentsShowTime(t *testing.T) {
	ts, st := cycleServer(t)
	st.SetClock(func() time.Time { return time.Date(2026, 1, 15, 16, 5, 0, 0, time.UTC) })
	he := client(t, ts, "hessen")
	if code, _ := do(t, he, "POST", ts.URL+"/sitzungen/47/kommentare", url.Values{"kommentar": {"Bitte TOP 3 prüfen."}}); code != http.StatusSeeOther {
		t.Fatalf("comment: %d", code)
	}
	const want = "15.01.2026, 17:05 Uhr"
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/47", nil); !strings.Contains(page, want) {
		t.Errorf("the session page does not show when the comment was written (%s)", want)
	}
	gs := client(t, ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/verwaltung", nil); !strings.Contains(page, want) {
		t.Errorf("the management page does not show when the comment was written (%s)", want)
	}
}
