package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestReminderRunReadsSubscribersOnce: a reminder run read the list of
// subscribers of its event again for every reminder in its transaction
// (a run with 40 follow-ups due read it 40 times); it reads it once per
// event, whatever the number of reminders, and queues the same messages.
func TestReminderRunReadsSubscribersOnce(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	now := time.Date(2025, 7, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	_, sessionID := fixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "5", Title: "Bericht"}))
	for i, who := range []struct {
		name   string
		role   model.Role
		member string
	}{{"gs", model.RoleSecretariat, ""}, {"hessen", model.RoleMember, "HE"}} {
		uid := must[int64](t)(s.CreateUser(ctx, model.User{Username: who.name, Name: who.name, Role: who.role, MemberAbbrev: who.member}, "x"))
		check(t, s.SaveNotificationSettings(ctx, model.NotificationSettings{UserID: uid, DueDays: 14, Email: fmt.Sprintf("u%d@example.org", i),
			Subscriptions: []model.Subscription{{Event: model.EventFollowUpDue, Channel: model.ChannelEmail}, {Event: model.EventFollowUpOverdue, Channel: model.ChannelEmail}}}))
	}
	today := model.BerlinDate(now)
	add := func(n int) {
		t.Helper()
		for i := range n {
			// Half due in two days, half overdue by a week: both events.
			due := today.Time().AddDate(0, 0, 2)
			if i%2 == 1 {
				due = today.Time().AddDate(0, 0, -8)
			}
			createFollowUpAsBefore(t, s, model.FollowUp{ItemID: itemID, Text: fmt.Sprintf("Bericht %d", i), Responsible: "HE",
				DueDate: model.BerlinDate(due), Status: model.FollowUpOpen})
		}
	}
	run := func() (reads uint64, queued FollowUpReminderCount) {
		t.Helper()
		r0 := subscriberReads.Load()
		queued, err := s.QueueFollowUpReminders(ctx, now)
		check(t, err)
		return subscriberReads.Load() - r0, queued
	}
	add(2)
	few, got := run()
	if got.Due != 2 || got.Overdue != 2 { // one of each, to the secretariat and Hessen
		t.Errorf("2 follow-ups: queued %+v, want 2 due and 2 overdue", got)
	}
	add(40)
	many, got := run()
	if got.Due != 40 || got.Overdue != 40 {
		t.Errorf("40 more follow-ups: queued %+v, want 40 due and 40 overdue", got)
	}
	if few > 2 || many != few {
		t.Errorf("subscriber reads of a run: %d with 2 reminders, %d with 42; want one per event (2) in both", few, many)
	}
}
