package demo

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestNextSession: the served demo has a session to register for — the
// council's next one, planned six weeks or more ahead of today on a
// Thursday, the AL-Runde preparing it three weeks before, registrations
// closing two weeks before that, with the member offices' registrations
// waiting for the secretariat, Hamburg asked to co-apply and Brandenburg
// confirmed; loading it again adds nothing.
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
	// Six weeks ahead is 21.01.2027, but its AL-Runde would meet on New
	// Year's Eve and the 28th's deadline be Christmas Eve: 11.02.2027.
	if se.Number != 48 || se.Date != model.NewDate(2027, 2, 11) || se.RegistrationDeadline != model.NewDate(2027, 1, 7) || !se.RegistrationOpen() {
		t.Errorf("next session %d on %s, deadline %s, open %v; want the 48th on 11.02.2027, deadline 07.01.2027, open",
			se.Number, se.Date.German(), se.RegistrationDeadline.German(), se.RegistrationOpen())
	}
	prep, err := s.PreparingSession(ctx, se.ID)
	if err != nil || prep.Number != 40 || prep.Date != model.NewDate(2027, 1, 21) || prep.Status != model.StatusPlanned {
		t.Errorf("the AL-Runde preparing it: %+v %v; want the 40th, planned, on 21.01.2027", prep, err)
	}
	// In summer the six weeks hold.
	s2 := loaded(t)
	s2.SetClock(func() time.Time { return time.Date(2027, 6, 1, 9, 0, 0, 0, model.Berlin) })
	if err := LoadNextSession(ctx, s2); err != nil {
		t.Fatal(err)
	}
	if c, err := s2.ComingSessions(ctx, council.ID); err != nil || len(c) != 1 || c[0].Date != model.NewDate(2027, 7, 15) || c[0].RegistrationDeadline != model.NewDate(2027, 6, 10) {
		t.Errorf("planned on 01.06.2027: %+v %v; want the session on 15.07.2027, deadline 10.06.2027", c, err)
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
