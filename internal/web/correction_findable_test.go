package web

import (
	"strings"
	"testing"
)

// TestApprovedMinutesLeadToTheirCorrection: once the minutes were
// approved, the Verwaltung page dropped its link to the live page, the
// only page with the rows' "Berichtigen" links, and no other page led
// there: the secretariat had to type the address. The Verwaltung page of
// an approved session now links to it as "Protokoll berichtigen".
func TestApprovedMinutesLeadToTheirCorrection(t *testing.T) {
	ts, st := cycleServer(t)
	approved47(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/verwaltung", nil)
	if !strings.Contains(page, `<a href="/sitzungen/47/live">Protokoll berichtigen</a>`) {
		t.Errorf("the management page of approved minutes does not lead to their correction: %.1500s", between(page, "<main", "</section>"))
	}
}
