package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestOutboxSweepWithdrawsWithoutASender: the reminder loop withdraws
// waiting messages that are not to be sent any more
// (WithdrawStaleNotifications, with the check of the claim), also on a
// channel no sender is configured for, so that /postausgang does not show
// them as waiting; the others keep waiting, unclaimed and without an
// attempt. A second sweep changes nothing.
func TestOutboxSweepWithdrawsWithoutASender(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	council, _ := fixture(t, s)
	ev := model.EventAgendaPublished
	bayern := account(t, s, model.User{Username: "bayern", Role: model.RoleMember, MemberAbbrev: "Bund"}, model.ChannelEmail, "bayern@example.org", ev)
	account(t, s, model.User{Username: "hamburg", Role: model.RoleMember, MemberAbbrev: "HH"}, model.ChannelEmail, "hh@example.org", ev)
	id := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: council, Number: 48, Date: model.NewDate(2026, 6, 18), Status: model.StatusPlanned}))
	se := must[model.Session](t)(s.Session(ctx, id))
	se.AgendaPublished = true
	check(t, s.UpdateSession(ctx, se))
	check(t, s.SetUserDisabled(ctx, bayern, true))
	v := s.Version()
	if n, err := s.WithdrawStaleNotifications(ctx, now); err != nil || n != 1 {
		t.Errorf("sweep: %d withdrawn (%v), want 1", n, err)
	}
	rows := outboxOf(t, s, func(model.Notification) bool { return true })
	for _, n := range rows {
		switch {
		case n.UserID == bayern && (n.State != model.DeliveryCancelled || !strings.Contains(n.LastError, "deaktiviert")):
			t.Errorf("bayern's message after the sweep: %s", describe([]model.Notification{n}))
		case n.UserID != bayern && (n.State != model.DeliveryWaiting || n.Attempts != 0 || n.LastError != "" || !n.ClaimedUntil.IsZero()):
			t.Errorf("hamburg's message after the sweep: %s", describe([]model.Notification{n}))
		}
	}
	if s.Version() == v {
		t.Errorf("a sweep that withdrew a message left the data version: the outbox page would not show it")
	}
	v = s.Version()
	if n, err := s.WithdrawStaleNotifications(ctx, now); err != nil || n != 0 || s.Version() != v {
		t.Errorf("second sweep: %d withdrawn (%v), version %d → %d; want nothing", n, err, v, s.Version())
	}
}
