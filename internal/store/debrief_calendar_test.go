package store

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestEventChangeTimes: the time a calendar event was last revised is the
// object's creation or the newest change of a column the event carries —
// a session's move counts, its attendance or a new registration deadline
// does not for the columns of its public event; without columns, any
// change of the object counts; an object without an entry is left out.
func TestEventChangeTimes(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	bodyID, running := fixture(t, s)
	id := must[int64](t)
	created := now
	sessionID := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2026, 6, 25), StartTime: "10:00", Place: "Berlin",
		Status: model.StatusPlanned, RegistrationDeadline: model.NewDate(2026, 5, 28)}))
	event := []string{"date", "start_time", "end_time", "place", "cancelled_reason", "change_note", "sequence"}
	times := func(columns ...string) map[int64]time.Time {
		t.Helper()
		return must[map[int64]time.Time](t)(s.EventChangeTimes(ctx, "session", []int64{sessionID, running, 999999}, columns...))
	}
	if got := times(event...); !got[sessionID].Equal(created) {
		t.Errorf("planned: %v, want its creation %v", got[sessionID], created)
	} else if _, ok := got[999999]; ok {
		t.Error("a session that does not exist has a time")
	}
	now = now.Add(time.Hour)
	moved := now
	se := must[model.Session](t)(s.Session(ctx, sessionID))
	check(t, s.EditSession(ctx, SessionChange{ID: se.ID, Version: se.Version, Date: model.NewDate(2026, 7, 2), StartTime: se.StartTime, Place: se.Place,
		Chair: se.Chair, Kind: se.Kind, RegistrationDeadline: se.RegistrationDeadline, Reason: "Terminkollision"}))
	now = now.Add(time.Hour)
	deadline := now
	se = must[model.Session](t)(s.Session(ctx, sessionID))
	check(t, s.EditSession(ctx, SessionChange{ID: se.ID, Version: se.Version, Date: se.Date, StartTime: se.StartTime, Place: se.Place,
		Chair: se.Chair, Kind: se.Kind, RegistrationDeadline: model.NewDate(2026, 6, 4)}))
	if got := times(event...); !got[sessionID].Equal(moved) {
		t.Errorf("moved, then its deadline set anew: %v, want the move %v", got[sessionID], moved)
	}
	if got := times("registration_deadline", "deadline_sequence"); !got[sessionID].Equal(deadline) {
		t.Errorf("its deadline's time: %v, want %v", got[sessionID], deadline)
	}
	if got := times(); !got[sessionID].Equal(deadline) {
		t.Errorf("any change: %v, want %v", got[sessionID], deadline)
	}
	if _, err := s.EventChangeTimes(ctx, "no such kind", []int64{sessionID}); err == nil {
		t.Error("an unaudited kind gives times")
	}
}
