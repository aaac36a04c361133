package demo

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestNextSession: the served demo has a session to register for — the
// council's next one, planned four weeks or more ahead of today on a
// Thursday, deadline two weeks before, with the member offices'
// registrations waiting for the secretariat, Hamburg asked to co-apply and
// Brandenburg confirmed; loading it again adds nothing.
func TestNextSession(t *testing.T) {
	s := loaded(t)
	ctx := context.Background()
	s.SetClock(func() time.Time { return time.Date(2026, 12, 4, 9, 0, 0, 0, model.Berlin) })
	if err := LoadNextSession(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := LoadNextSession(ctx, s); err != nil { // idempotent
		t.Fatal(err)
	}
	council, _ := s.BodyByAbbrev(ctx, CouncilAbbrev)
	coming, err := s.ComingSessions(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(coming) != 1 {
		t.Fatalf("%d coming sessions, want the one next session", len(coming))
	}
	se := coming[0]
	if se.Number != 48 || se.Date != model.NewDate(2027, 1, 7) || se.RegistrationDeadline != model.NewDate(2026, 12, 24) || !se.RegistrationOpen() {
		t.Errorf("next session %d on %s, deadline %s, open %v; want the 48th on 07.01.2027, deadline 24.12.2026, open",
			se.Number, se.Date.German(), se.RegistrationDeadline.German(), se.RegistrationOpen())
	}
	if se.Chair == "" || se.Place == "" {
		t.Errorf("next session without chair (%q) or place (%q)", se.Chair, se.Place)
	}
	pending, err := s.PendingRegistrations(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != len(nextSessionRegistrations) {
		t.Fatalf("%d registrations wait for the secretariat, want %d", len(pending), len(nextSessionRegistrations))
	}
	for _, it := range pending {
		if it.SessionID != se.ID || it.Late {
			t.Errorf("registration %q: session %d (want %d), late %v", it.Title, it.SessionID, se.ID, it.Late)
		}
	}
	hamburg, err := s.PendingCoApplications(ctx, "HH")
	if err != nil {
		t.Fatal(err)
	}
	if len(hamburg) != 1 || hamburg[0].SessionNumber != 48 || hamburg[0].NamedBy != "HE" {
		t.Fatalf("Hamburg is asked %+v, want one co-application for the 48th session, named by HE", hamburg)
	}
	all, err := s.CoApplications(ctx, hamburg[0].DecisionID)
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]model.CoApplicationState{}
	for _, c := range all {
		states[c.Member] = c.State
	}
	if len(states) != 2 || states["BB"] != model.CoApplicationConfirmed || states["HH"] != model.CoApplicationPending {
		t.Errorf("co-applications %v, want BB confirmed and HH pending", states)
	}
}
