package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestDebriefBeforeTheSessionEnds: the debrief of a session not yet ended
// is a valid address: every role that may read debriefs gets 200 and a
// normal page saying that it is assembled after the session (before: 400
// "Eingabe nicht möglich"); its PDF is not there yet (404), a change is
// refused by the rule (422).
func TestDebriefBeforeTheSessionEnds(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 1, 0)))
	for _, who := range []string{"geschaeftsstelle", "sprecher-hb", "fmk-geschaeftsstelle"} {
		code, page := do(t, client(t, ts, who), "GET", ts.URL+"/sitzungen/48/nachbesprechung", nil)
		main := between(page, "<main", "</main>")
		if code != http.StatusOK || !strings.Contains(main, "Die Nachbesprechung wird nach dem Ende der Sitzung zusammengestellt.") ||
			strings.Contains(page, "Eingabe nicht möglich") || !strings.Contains(main, `href="/sitzungen/48"`) {
			t.Errorf("%s: %d\n%s", who, code, main)
		}
	}
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "GET", ts.URL+"/sitzungen/48/nachbesprechung.pdf", nil); code != http.StatusNotFound {
		t.Errorf("the PDF before the end: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/nachbesprechung", url.Values{"datum": {"2026-07-10"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("saving before the end: %d", code)
	}
	// Who may not read debriefs still may not.
	if code, _ := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/sitzungen/48/nachbesprechung", nil); code != http.StatusForbidden {
		t.Errorf("a member's office: %d", code)
	}
}
