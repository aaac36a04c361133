package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestDebriefNotBeforeToday: a debrief is not dated before today (German
// time), whoever saves or sends it — the store refuses it, its reason at
// the date; before, only the web form refused it, and a store-level save
// of a debrief dated 01.07.2025 on 20.07.2025 was accepted. A debrief once
// held keeps its date when its record is corrected, but is not moved to
// another day gone by, nor invited to.
func TestDebriefNotBeforeToday(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	now := time.Date(2025, 7, 20, 23, 30, 0, 0, time.UTC) // 21.07.2025, 01:30 in Berlin
	s.SetClock(func() time.Time { return now })
	bodyID, sessionID := fixture(t, s)
	id := must[int64](t)
	gmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	id(s.CreateContact(ctx, model.Contact{BodyID: gmk, Name: "Geschäftsstelle GMK", Email: "gs@gmk.example"}))
	se := must[model.Session](t)(s.Session(ctx, sessionID))
	check(t, s.SetSessionStatus(ctx, sessionID, se.Version, model.StatusEnded))
	dec := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
		Title: "Gesundheitsdaten", Number: model.DecisionNumber{Year: 2025, Seq: 30}}))
	entries := []model.DebriefEntry{{DecisionID: dec, ConferenceID: gmk}}
	gone := model.NewDate(2025, 7, 20) // yesterday in Berlin, after the session of 26.06.2025
	refused := func(what string, err error) {
		t.Helper()
		if model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != model.DebriefDateField || !strings.Contains(model.ReasonOf(err), "20.07.2025 liegt in der Vergangenheit") || !strings.Contains(model.ReasonOf(err), "ab heute (21.07.2025)") {
			t.Errorf("%s: %v (at %q)", what, err, model.FieldOf(err))
		}
	}
	_, err := s.CreateDebrief(ctx, model.Debrief{SessionID: sessionID, HeldOn: gone, Entries: entries})
	refused("a new debrief dated yesterday", err)
	_, err = s.SendDebriefInvitation(ctx, model.Debrief{SessionID: sessionID, HeldOn: gone, Invitation: "Einladung", Entries: entries}, "Einladung")
	refused("a new debrief sent for yesterday", err)
	if _, err := s.DebriefOfSession(ctx, sessionID); model.ClassOf(err) != model.ErrNotFound {
		t.Fatalf("refused, yet stored: %v", err)
	}

	// Today is no day gone by; the debrief is held and the clock moves on.
	today := model.NewDate(2025, 7, 21)
	id(s.CreateDebrief(ctx, model.Debrief{SessionID: sessionID, HeldOn: today, Entries: entries}))
	now = now.AddDate(0, 0, 3)
	db := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	db.Place = "Videokonferenz (berichtigt)"
	check(t, s.UpdateDebrief(ctx, db)) // its record corrected, its day kept
	db = must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	db.HeldOn = model.NewDate(2025, 7, 22)
	err = s.UpdateDebrief(ctx, db)
	if model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != model.DebriefDateField {
		t.Errorf("a held debrief moved to another day gone by: %v", err)
	}
	db.HeldOn, db.Invitation = today, "Einladung zur Nachbesprechung am 21.07.2025"
	if _, err := s.SendDebriefInvitation(ctx, db, "Einladung"); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != model.DebriefDateField || !strings.Contains(model.ReasonOf(err), "Vergangenheit") {
		t.Errorf("an invitation to a day gone by, unchanged: %v", err)
	}
	if list, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventDebriefInvitation}); len(list) != 0 {
		t.Fatalf("refused, yet queued: %+v", list)
	}
	if got := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID)); got.HeldOn != today || got.Sent {
		t.Errorf("refused, yet changed: %+v", got)
	}
}
