package web

import (
	"strings"
	"testing"
)

// TestOverdueKickoffSaysSincePlainly: sprecher-hb's "Mein Bereich" read
// "Auftaktgespräch … führen (überfällig spätestens seit 28.03.2025 –
// fällig bis zur 2. Sitzung nach dem Amtsantritt am 10.11.2022)"; an
// overdue talk says since when plainly ("überfällig seit"), and the
// demo's, whose due session is not known, is not overdue by any day.
func TestOverdueKickoffSaysSincePlainly(t *testing.T) {
	ts, _ := cycleServer(t)
	for _, c := range []struct{ user, path string }{{"sprecher-hb", "/mein-bereich"}, {"geschaeftsstelle", "/fachmk"}} {
		_, page := do(t, client(t, ts, c.user), "GET", ts.URL+c.path, nil)
		if strings.Contains(page, "spätestens seit") {
			t.Errorf("%s %s still says „spätestens seit“", c.user, c.path)
		}
	}
	// The demo's talks are not overdue by any day at all: their due
	// session cannot be told from the recorded sessions
	// (TestKickoffDueNotKnownBeforeTheRecords; model.TestKickoffDue has
	// "überfällig seit" of a counted one).
	_, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil)
	if strings.Contains(page, "überfällig seit 28.03.2025") {
		t.Errorf("Mein Bereich dates the kick-off talk overdue by a session not known to be its due one:\n%s", between(page, "<main", "</main>"))
	}
}
