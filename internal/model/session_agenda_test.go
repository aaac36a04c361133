package model

import (
	"errors"
	"testing"
)

// A held or cancelled session's agenda is closed; a planned, convened or
// running one's is open.
func TestSessionCheckAgendaOpen(t *testing.T) {
	for _, tc := range []struct {
		status    SessionStatus
		cancelled bool
		open      bool
	}{
		{StatusPlanned, false, true},
		{StatusConvened, false, true},
		{StatusRunning, false, true},
		{StatusEnded, false, false},
		{StatusMinutesDraft, false, false},
		{StatusMinutesApproved, false, false},
		{StatusPlanned, true, false},
		{StatusConvened, true, false},
	} {
		se := Session{Number: 47, Status: tc.status}
		if tc.cancelled {
			se.Schedule.CancelledReason = "Terminkollision"
		}
		err := se.CheckAgendaOpen()
		if (err == nil) != tc.open {
			t.Errorf("%s (abgesagt %v): CheckAgendaOpen() = %v, want open %v", tc.status, tc.cancelled, err, tc.open)
			continue
		}
		if err != nil && (!errors.Is(err, ErrRule) || ReasonOf(err) == "") {
			t.Errorf("%s: %v is no rule error with a reason", tc.status, err)
		}
	}
}

// TestAtPlace: the mails say where a session takes place as a phrase:
// "in Berlin", but "als Videokonferenz" (the move mail read "findet …
// in Videokonferenz statt").
func TestAtPlace(t *testing.T) {
	for place, want := range map[string]string{"Berlin": "in Berlin", "Videokonferenz": "als Videokonferenz", "Telefonkonferenz": "als Telefonkonferenz",
		"Videokonferenz (Webex)": "als Videokonferenz (Webex)", "online": "online", "": ""} {
		if got := AtPlace(place); got != want {
			t.Errorf("%q: %q, want %q", place, got, want)
		}
	}
}
