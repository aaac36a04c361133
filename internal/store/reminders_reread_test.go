package store

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestRemindersAskAgainInTheirTransaction: a reminder run reads its
// candidates without the write lock, then queues in one transaction
// (queueReminders). What changed in between is asked again there: a
// session cancelled after the read reminds of no registration deadline,
// and a FachMK date moved out of the week is not announced for its old
// day. Before, only the follow-ups (reported done) and the kick-off talks
// (held) were asked again; the deadline and the FachMK date were queued
// from the read.
func TestRemindersAskAgainInTheirTransaction(t *testing.T) {
	s, council, now := rereadFixture(t)
	ctx := context.Background()
	id := must[int64](t)
	subscribeByMail(t, s, model.User{Username: "gs", Name: "Geschäftsstelle", Role: model.RoleSecretariat}, model.EventDeadlineSoon, model.EventConferenceSoon)

	cancelled := id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 48, Date: model.NewDate(2025, 7, 30), RegistrationDeadline: model.NewDate(2025, 7, 4), Status: model.StatusPlanned}))
	id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 49, Date: model.NewDate(2025, 7, 31), RegistrationDeadline: model.NewDate(2025, 7, 5), Status: model.StatusPlanned}))
	beforeReminderTx = func() {
		se := must[model.Session](t)(s.Session(ctx, cancelled))
		check(t, s.CancelSession(ctx, cancelled, se.Version, "Terminkonflikt"))
	}
	if n, err := s.QueueDeadlineReminders(ctx, now); err != nil || n != 1 {
		t.Errorf("deadline reminders with the 48th session cancelled after the read: %d queued (%v), want 1 (the 49th's)", n, err)
	}

	gmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	moved := model.ConferenceDate{BodyID: gmk, Title: "Sommerkonferenz", Starts: model.NewDate(2025, 7, 5), Place: "Kiel"}
	moved.ID = id(s.CreateConferenceDate(ctx, moved))
	id(s.CreateConferenceDate(ctx, model.ConferenceDate{BodyID: gmk, Title: "Sondersitzung", Starts: model.NewDate(2025, 7, 6), Place: "Berlin"}))
	beforeReminderTx = func() {
		moved.Starts = model.NewDate(2025, 9, 1)
		check(t, s.UpdateConferenceDate(ctx, moved))
	}
	if n, err := s.QueueConferenceReminders(ctx, now); err != nil || n != 1 {
		t.Errorf("FachMK reminders with a date moved out of the week after the read: %d queued (%v), want 1 (the other date's)", n, err)
	}
}

// TestKickoffReminderAsksItsSessionAgain: the kick-off reminder asks again
// in its transaction not only whether the talk is held but whether it is
// still due soon — its due session cancelled after the read moves the due
// day to the next regular session, months away, and nothing is queued.
// Before, the reminder named the cancelled session, and since its key
// names the term only, it was never told again with the right day.
func TestKickoffReminderAsksItsSessionAgain(t *testing.T) {
	s, council, now := rereadFixture(t) // the 47th on 26.06.2025
	ctx := context.Background()
	id := must[int64](t)
	gmk := fachMKNamedIn(t, s, council, "GMK", "Gesundheitsministerkonferenz")
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: gmk, Member: "HE", DecisionRef: "B-2022/43-IT", StartOn: model.NewDate(2025, 6, 26)}))
	subscribeByMail(t, s, model.User{Username: "sprecher-he", Name: "Sprecher HE", Role: model.RoleSpokesperson, MemberAbbrev: "HE"}, model.EventKickoffDue)
	id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 48, Date: model.NewDate(2025, 7, 3), Status: model.StatusPlanned}))
	due := id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 49, Date: model.NewDate(2025, 7, 10), Status: model.StatusPlanned}))
	id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 50, Date: model.NewDate(2025, 11, 20), Status: model.StatusPlanned}))
	beforeReminderTx = func() {
		se := must[model.Session](t)(s.Session(ctx, due))
		check(t, s.CancelSession(ctx, due, se.Version, "Terminkonflikt"))
	}
	if n, err := s.QueueKickoffReminders(ctx, now); err != nil || n != 0 {
		t.Errorf("kick-off reminders with the due 49th session cancelled after the read: %d queued (%v), want 0 (due by the 50th, 20.11.2025)", n, err)
	}
	// A session planned in the week makes it due soon again: queued once.
	beforeReminderTx = nil
	id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 52, Date: model.NewDate(2025, 7, 9), Status: model.StatusPlanned}))
	if n, err := s.QueueKickoffReminders(ctx, now); err != nil || n != 1 {
		t.Errorf("kick-off reminder due by the 52nd on 09.07.2025: %d queued (%v), want 1", n, err)
	}
}

// rereadFixture gives a store whose clock says 01.07.2025, 12:00 in
// Berlin, with the IT-PLR (fixture: the 47th on 26.06.2025); the test's
// beforeReminderTx is reset when it ends.
func rereadFixture(t *testing.T) (s *Store, council int64, now time.Time) {
	t.Helper()
	s, _ = newStore(t)
	now = time.Date(2025, 7, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	council, _ = fixture(t, s)
	t.Cleanup(func() { beforeReminderTx = nil })
	return s, council, now
}

// subscribeByMail creates the account u and subscribes it to events by
// e-mail.
func subscribeByMail(t *testing.T, s *Store, u model.User, events ...model.Event) {
	t.Helper()
	ctx := context.Background()
	uid := must[int64](t)(s.CreateUser(ctx, u, "x"))
	var subs []model.Subscription
	for _, ev := range events {
		subs = append(subs, model.Subscription{Event: ev, Channel: model.ChannelEmail})
	}
	check(t, s.SaveNotificationSettings(ctx, model.NotificationSettings{UserID: uid, DueDays: 14, Email: u.Username + "@example.org", Subscriptions: subs}))
}
