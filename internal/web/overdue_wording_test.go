package web

import (
	"strings"
	"testing"
)

// TestOverdueKickoffSaysSincePlainly: sprecher-hb's "Mein Bereich" read
// "Auftaktgespräch … führen (überfällig spätestens seit 28.03.2025 –
// fällig bis zur 2. Sitzung nach dem Amtsantritt am 10.11.2022)"; the
// talk is overdue since that day, said plainly ("überfällig seit").
func TestOverdueKickoffSaysSincePlainly(t *testing.T) {
	ts, _ := cycleServer(t)
	for _, c := range []struct{ user, path string }{{"sprecher-hb", "/mein-bereich"}, {"geschaeftsstelle", "/fachmk"}} {
		_, page := do(t, client(t, ts, c.user), "GET", ts.URL+c.path, nil)
		if strings.Contains(page, "spätestens seit") {
			t.Errorf("%s %s still says „spätestens seit“", c.user, c.path)
		}
	}
	_, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil)
	if !strings.Contains(page, "führen (überfällig seit 28.03.2025 – fällig bis zur 2. Sitzung nach dem Amtsantritt am 10.11.2022)") {
		t.Errorf("Mein Bereich does not say since when the kick-off talk is overdue:\n%s", between(page, "<main", "</main>"))
	}
}
