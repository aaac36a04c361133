package web

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestCorrectionPageLeadsToTheMinutes: the page that corrects a row of
// approved minutes (/sitzungen/{nr}/berichtigen?art=…&zeile=…), opened
// without its row, with a row the minutes do not have or on minutes not
// approved, ended on an error page whose only link led to the start page.
// Now it leads to the minutes, where the row is chosen ("Berichtigen" at
// each row) or, not approved, edited directly, saying what to do there.
func TestCorrectionPageLeadsToTheMinutes(t *testing.T) {
	ts, st := cycleServer(t)
	_, c := approved47(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	choose := "Bitte wählen Sie im Protokoll der 47. Sitzung bei der Zeile, die Sie berichtigen möchten, „Berichtigen“."
	for _, x := range []struct{ path, to, notice string }{
		{"/sitzungen/47/berichtigen", "/sitzungen/47/live", choose},
		{"/sitzungen/47/berichtigen?art=ON&zeile=999999", "/sitzungen/47/live", "Die gewählte Zeile gibt es in diesem Protokoll nicht. " + choose},
		{fmt.Sprintf("/sitzungen/47/berichtigen?art=XY&zeile=%d", c.ID), "/sitzungen/47/live", "Die gewählte Zeile gibt es in diesem Protokoll nicht. " + choose},
		{"/sitzungen/48/berichtigen", "/sitzungen/48/live", "Das Protokoll der 48. Sitzung ist nicht genehmigt; berichtigt wird nur ein genehmigtes Protokoll. Dieses bearbeiten Sie hier direkt."},
	} {
		res, err := gs.Get(ts.URL + x.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != x.to {
			t.Errorf("%s: %d to %q: %s", x.path, res.StatusCode, res.Header.Get("Location"), between(string(body), "<main", "</main>"))
			continue
		}
		code, page := do(t, gs, "GET", ts.URL+x.to, nil)
		if code != http.StatusOK || !strings.Contains(between(page, `class="notice-box"`, "</div>"), x.notice) {
			t.Errorf("%s leads to %s: %d, without the notice %q: %s", x.path, x.to, code, x.notice, between(page, "<main", "</h1>"))
		}
		if strings.HasPrefix(x.to, "/sitzungen/47/") && !strings.Contains(page, "/sitzungen/47/berichtigen?art=ON&amp;zeile=") {
			t.Errorf("%s: the minutes offer no row to correct", x.path)
		}
	}
	// A row the minutes have: the form, as before.
	if code, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/47/berichtigen?art=ON&zeile=%d", ts.URL, c.ID), nil); code != http.StatusOK || !strings.Contains(page, `action="/sitzungen/47/berichtigungen"`) {
		t.Errorf("the row's correction form: %d", code)
	}
}
