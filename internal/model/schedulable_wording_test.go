package model

import (
	"strings"
	"testing"
)

// TestSchedulableNamesTheSession: moving a held AL-Runde was refused with
// "Die 40. Sitzung hat bereits begonnen („beendet“)": another name than
// the page's, and "begun" for a session that is over. Now the refusal
// names the session by its title and says what happened.
func TestSchedulableNamesTheSession(t *testing.T) {
	al := Session{Number: 40, BodyAbbrev: "AL-Runde", BodySlug: "al-runde", Status: StatusEnded}
	if got := ReasonOf(al.Schedulable()); !strings.HasPrefix(got, "Die 40. AL-Runde hat bereits stattgefunden („beendet“)") {
		t.Errorf("held AL-Runde: %q", got)
	}
	running := Session{Number: 48, Status: StatusRunning}
	if got := ReasonOf(running.Schedulable()); !strings.HasPrefix(got, "Die 48. Sitzung des IT-Planungsrats hat bereits begonnen;") && !strings.HasPrefix(got, "Die 48. Sitzung hat bereits begonnen;") {
		t.Errorf("running session: %q", got)
	}
	if err := (Session{Number: 48, Status: StatusPlanned}).Schedulable(); err != nil {
		t.Errorf("planned session: %v", err)
	}
}
