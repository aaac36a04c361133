package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestReportReminderAsksAgain: the reminder of a missing report under
// "Reporting FachMK" reads its candidates without the write lock and asks
// each again in its transaction (queueReminders): a report saved after
// the read, or the session cancelled, reminds of nothing; a session with
// its deadline in the lead time that the spokesperson owes a report for
// is reminded of once.
func TestReportReminderAsksAgain(t *testing.T) {
	s, council, now := rereadFixture(t) // 01.07.2025
	ctx := context.Background()
	id := must[int64](t)
	gmk := fachMKNamedIn(t, s, council, "GMK", "Gesundheitsministerkonferenz")
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: gmk, Member: "HE", DecisionRef: "B-2022/43-IT"}))
	subscribeByMail(t, s, model.User{Username: "sprecher-he", Name: "Sprecher HE", Role: model.RoleSpokesperson, MemberAbbrev: "HE"}, model.EventReportDue)
	// Deadlines 03.07. and 04.07.2025, within 3 days; the 50th's (31.07.) not.
	reported := id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 48, Date: model.NewDate(2025, 7, 10), Status: model.StatusPlanned}))
	cancelled := id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 49, Date: model.NewDate(2025, 7, 11), Status: model.StatusPlanned}))
	id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 50, Date: model.NewDate(2025, 8, 7), Status: model.StatusPlanned}))
	beforeReminderTx = func() {
		check(t, s.SaveReport(ctx, model.FachMKReport{SessionID: reported, ConferenceID: gmk, Member: "HE", Author: "Sprecher HE", Text: "Bericht"}, false))
		se := must[model.Session](t)(s.Session(ctx, cancelled))
		check(t, s.CancelSession(ctx, cancelled, se.Version, "Terminkonflikt"))
	}
	if n, err := s.QueueReportReminders(ctx, now); err != nil || n != 0 {
		t.Errorf("with the report saved and the other session cancelled after the read: %d queued (%v), want 0", n, err)
	}
	beforeReminderTx = nil
	id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 51, Date: model.NewDate(2025, 7, 9), Status: model.StatusConvened}))
	for range 2 {
		if n, err := s.QueueReportReminders(ctx, now); err != nil || n > 1 {
			t.Fatalf("the 51st: %d queued (%v)", n, err)
		}
	}
	if got := queued(t, s, model.EventReportDue); len(got) != 1 || got[0] != "sprecher-he@example.org" {
		t.Errorf("queued to %v, want Hessen's spokesperson once", got)
	}
}
