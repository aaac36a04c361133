package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestPairOrderRefusalSaysWhatCanBeDone: the council's session moved onto
// the day of its AL-Runde, which had already begun, was refused with
// "bitte diese zuerst verlegen" — which the AL-Runde, begun, refuses.
// Now the refusal asks for a later day instead.
func TestPairOrderRefusalSaysWhatCanBeDone(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	al := must[model.Session](t)(s.Session(ctx, f.al))
	if al.Status.Ahead() {
		t.Fatalf("the fixture's AL-Runde is %s, want begun", al.Status)
	}
	main := must[model.Session](t)(s.Session(ctx, f.main))
	err := s.EditSession(ctx, SessionChange{ID: main.ID, Version: main.Version, Date: al.Date, StartTime: main.StartTime, EndTime: main.EndTime,
		Place: main.Place, Chair: main.Chair, Kind: main.Kind, RegistrationDeadline: main.RegistrationDeadline, Reason: "Terminkollision"})
	got := ""
	for _, e := range model.ErrorsOf(err) {
		if model.FieldOf(e) == "datum" {
			got = model.ReasonOf(e)
		}
	}
	if !strings.Contains(got, "bitte einen Tag nach dem") || strings.Contains(got, "zuerst verlegen") {
		t.Errorf("moved onto its begun AL-Runde's day: %q (%v)", got, err)
	}
}
