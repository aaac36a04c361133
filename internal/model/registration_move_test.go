package model

import (
	"strings"
	"testing"
)

// TestRegistrationMoveRules: only a pending registration of a cancelled
// session moves, and only to another session of the same body that takes
// registrations; the list of targets and the confirmation say whether it
// is late there.
func TestRegistrationMoveRules(t *testing.T) {
	cancelled := Session{ID: 1, BodyID: 1, Number: 48, Status: StatusPlanned, Schedule: SessionSchedule{CancelledReason: "Terminkollision"}}
	pending := AgendaItem{Title: "Cloud", Status: ItemRegistered, RegisteredBy: "HE"}
	for _, tc := range []struct {
		name string
		it   AgendaItem
		from Session
		want string
	}{
		{"pending, cancelled", pending, cancelled, ""},
		{"not cancelled", pending, Session{ID: 1, BodyID: 1, Number: 48, Status: StatusPlanned}, "nicht abgesagt"},
		{"decided", AgendaItem{Title: "Cloud", Status: ItemAccepted, RegisteredBy: "HE"}, cancelled, "schon entschieden"},
		{"no registration", AgendaItem{Title: "Begrüßung", Status: ItemAccepted}, cancelled, "kein angemeldeter"},
	} {
		if err := tc.it.RegistrationMove(tc.from, false); (tc.want == "") != (err == nil) || err != nil && !strings.Contains(ReasonOf(err), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	// A registration still undecided when its session opened: the
	// secretariat moves it (or decides it), the office does not.
	running := Session{ID: 1, BodyID: 1, Number: 48, Status: StatusRunning}
	if err := pending.RegistrationMove(running, true); err != nil {
		t.Errorf("secretariat, running session: %v", err)
	}
	if err := pending.RegistrationMove(running, false); err == nil || !strings.Contains(ReasonOf(err), "entscheidet die Geschäftsstelle") {
		t.Errorf("office, running session: %v", err)
	}
	if err := pending.RegistrationMove(Session{ID: 1, BodyID: 1, Number: 48, Status: StatusConvened}, true); err == nil {
		t.Error("secretariat, convened session: moved")
	}
	open := Session{ID: 2, BodyID: 1, Number: 49, Status: StatusConvened}
	for _, tc := range []struct {
		name string
		to   Session
		want string
	}{
		{"open", open, ""},
		{"itself", cancelled, "schon in der 48. Sitzung"},
		{"another body", Session{ID: 3, BodyID: 2, Number: 41, BodySlug: "al-runde", BodyAbbrev: "AL-Runde", Status: StatusPlanned}, "nicht zum Gremium"},
		{"cancelled too", Session{ID: 4, BodyID: 1, Number: 50, Status: StatusPlanned, Schedule: SessionSchedule{CancelledReason: "x"}}, "ebenfalls abgesagt"},
		{"held", Session{ID: 5, BodyID: 1, Number: 47, Status: StatusEnded}, "keine Anmeldungen"},
	} {
		err := CheckMoveTarget(cancelled, tc.to)
		if (tc.want == "") != (err == nil) || err != nil && (!strings.Contains(ReasonOf(err), tc.want) || FieldOf(err) != "sitzung") {
			t.Errorf("%s: %v, want %q at sitzung", tc.name, err, tc.want)
		}
	}
	if got := MoveTargets(cancelled, []Session{{ID: 5, BodyID: 1, Number: 47, Status: StatusEnded}, cancelled, open}); len(got) != 1 || got[0].Number != 49 {
		t.Errorf("targets: %+v", got)
	}
	day := NewDate(2026, 12, 4)
	open.Date, open.RegistrationDeadline = NewDate(2027, 3, 12), NewDate(2026, 12, 3)
	if got, want := MoveTargetLabel(open, day), "49. Sitzung am 12.03.2027 (Anmeldeschluss 03.12.2026 vorbei: verspätet)"; got != want {
		t.Errorf("label %q, want %q", got, want)
	}
	if got, want := MovedLateness(open, true), "nach Anmeldeschluss der 49. Sitzung (03.12.2026): verspätet"; got != want {
		t.Errorf("lateness %q, want %q", got, want)
	}
	open.RegistrationDeadline = day
	if got, want := MoveTargetLabel(open, day), "49. Sitzung am 12.03.2027 (Anmeldeschluss 04.12.2026)"; got != want {
		t.Errorf("label %q, want %q", got, want)
	}
}
