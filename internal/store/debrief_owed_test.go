package store

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestSessionsOwingDebrief: a session whose minutes are approved still owes
// its debrief while a decision of it is relevant for a conference and no
// invitation is sent (before, "Mein Bereich" looked at sessions with
// draft minutes only, and the debrief dropped off once they were
// approved); a sent invitation, or no relevant decision, owes none.
func TestSessionsOwingDebrief(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := fixture(t, s)
	id := must[int64](t)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	id(s.CreateContact(ctx, model.Contact{BodyID: fmk, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}))
	item := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "5", Title: "Finanzierung", Position: 5, Status: model.ItemAccepted,
		Impact: model.Impact{Stated: true, ConferenceIDs: []int64{fmk}}}))
	dec := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: item, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Finanzierung", Applicants: []string{"Bund"}}))
	bypassStore(t, s, `UPDATE decisions SET status = 'beschlossen' WHERE id = ?`, dec) // adopted as the vote would
	owing := func() []model.Session {
		return must[[]model.Session](t)(s.SessionsOwingDebrief(ctx, bodyID, []int64{fmk}))
	}
	se := must[model.Session](t)(s.Session(ctx, sessionID))
	check(t, s.SetSessionStatus(ctx, sessionID, se.Version, model.StatusEnded))
	if got := owing(); len(got) != 0 {
		t.Errorf("a session with minutes not yet approved is listed here: %v (Mein Bereich lists it with the held ones)", got)
	}
	for _, next := range []model.SessionStatus{model.StatusMinutesDraft, model.StatusMinutesApproved} {
		se = must[model.Session](t)(s.Session(ctx, sessionID))
		check(t, s.SetSessionStatus(ctx, sessionID, se.Version, next))
	}
	if got := owing(); len(got) != 1 || got[0].ID != sessionID {
		t.Fatalf("the approved session with a relevant decision and no debrief: %v", got)
	}
	id(s.CreateDebrief(ctx, model.Debrief{SessionID: sessionID, HeldOn: model.BerlinDate(time.Now().AddDate(0, 0, 14)), Place: "Videokonferenz"}))
	if got := owing(); len(got) != 1 {
		t.Errorf("a saved debrief not sent is no longer owed: %v", got)
	}
	db := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	db.Invitation, db.Entries = "Einladung", []model.DebriefEntry{{DecisionID: dec, ConferenceID: fmk}}
	must[DebriefSending](t)(s.SendDebriefInvitation(ctx, db, "Einladung"))
	if got := owing(); len(got) != 0 {
		t.Errorf("a sent debrief is still owed: %v", got)
	}
	if got := must[[]model.Session](t)(s.SessionsOwingDebrief(ctx, bodyID, nil)); len(got) != 0 {
		t.Errorf("without conferences: %v", got)
	}
}
