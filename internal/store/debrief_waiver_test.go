package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestDebriefWaiver: the secretariat notes that a session needs no debrief
// ("Nachbesprechung entfällt") with a reason, in one transaction with its
// audit entry. Before, a session with approved minutes and a relevant
// decision stayed owed until an invitation was sent, even when the
// secretariat had decided none was needed. A noted session is owed no
// debrief; withdrawing the note (version checked) makes it owed again and
// leaves a debrief never saved unsaved (the page keeps proposing it).
// While the note stands the debrief is neither saved nor sent; a debrief
// whose invitation is sent cannot be noted.
func TestDebriefWaiver(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "gs")
	now := time.Date(2025, 7, 1, 9, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	bodyID, sessionID := fixture(t, s)
	id := must[int64](t)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	id(s.CreateContact(ctx, model.Contact{BodyID: fmk, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}))
	item := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "5", Title: "Finanzierung", Position: 5, Status: model.ItemAccepted,
		Impact: model.Impact{Stated: true, ConferenceIDs: []int64{fmk}}}))
	dec := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: item, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Finanzierung", Applicants: []string{"Bund"}}))
	bypassStore(t, s, `UPDATE decisions SET status = 'beschlossen' WHERE id = ?`, dec) // adopted as the vote would
	owed := func() bool {
		t.Helper()
		got := must[[]model.Session](t)(s.SessionsOwingDebrief(ctx, bodyID, []int64{fmk}))
		return len(got) == 1 && got[0].ID == sessionID
	}
	waiver := func() (model.DebriefWaiver, int) {
		t.Helper()
		w, v, err := s.DebriefWaiverOf(ctx, sessionID)
		check(t, err)
		return w, v
	}
	const reason = "Die Beschlüsse wurden in der FMK am 30.06.2025 bereits besprochen."

	if err := s.WaiveDebrief(ctx, sessionID, 0, reason, "gs"); model.ClassOf(err) != model.ErrRule {
		t.Errorf("noting the debrief of a running session: %v, want a rule error", err)
	}
	for _, next := range []model.SessionStatus{model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved} {
		se := must[model.Session](t)(s.Session(ctx, sessionID))
		check(t, s.SetSessionStatus(ctx, sessionID, se.Version, next))
	}
	if !owed() {
		t.Fatal("the approved session with a relevant decision and no debrief is not owed")
	}
	if err := s.WaiveDebrief(ctx, sessionID, 0, " ", "gs"); model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != model.DebriefWaiverField {
		t.Errorf("a note without a reason: %v, want an input error at %q", err, model.DebriefWaiverField)
	}
	if w, v := waiver(); w.Set() || v != 0 {
		t.Errorf("a refused note left %+v (version %d)", w, v)
	}

	// Noted on a session whose debrief was never saved.
	check(t, s.WaiveDebrief(ctx, sessionID, 0, reason, "gs"))
	if owed() {
		t.Error("a session noted „Nachbesprechung entfällt“ is still owed its debrief")
	}
	w, v := waiver()
	if w.Reason != reason || w.By != "gs" || !w.At.Equal(now) {
		t.Errorf("the note: %+v, want the reason, gs and %v", w, now)
	}
	if _, err := s.DebriefOfSession(ctx, sessionID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the note made a debrief of a session whose debrief was never saved: %v", err)
	}
	var rowID int64
	check(t, s.db.QueryRowContext(ctx, `SELECT id FROM debriefs WHERE session_id = ?`, sessionID).Scan(&rowID))
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "debrief", rowID))
	if len(log) != 1 || log[0].Detail != "Vermerk: Nachbesprechung entfällt" || log[0].Actor != "gs" || !strings.Contains(log[0].After, "bereits besprochen") {
		t.Errorf("the note's audit entry: %+v", log)
	}
	if err := s.WaiveDebrief(ctx, sessionID, v, "noch einmal", "gs"); model.ClassOf(err) != model.ErrRule {
		t.Errorf("noting twice: %v, want a rule error", err)
	}
	// Neither saved nor sent while the note stands, and nothing left behind.
	held := model.Debrief{SessionID: sessionID, HeldOn: model.NewDate(2025, 7, 10), Place: "Videokonferenz", Invitation: "Einladung",
		Entries: []model.DebriefEntry{{DecisionID: dec, ConferenceID: fmk, Presenter: "HE"}}}
	if _, err := s.CreateDebrief(ctx, held); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "Vermerk") {
		t.Errorf("saving a debrief noted as not needed: %v, want a rule error", err)
	}
	if _, err := s.SendDebriefInvitation(ctx, held, "Einladung"); model.ClassOf(err) != model.ErrRule {
		t.Errorf("sending a debrief noted as not needed: %v, want a rule error", err)
	}
	if got, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventDebriefInvitation}); len(got) != 0 {
		t.Errorf("a refused sending queued %d messages", len(got))
	}
	if _, err := s.DebriefOfSession(ctx, sessionID); !errors.Is(err, ErrNotFound) {
		t.Errorf("a refused save stored the debrief: %v", err)
	}

	// Withdrawn: owed again, still a proposal.
	if err := s.WithdrawDebriefWaiver(ctx, sessionID, v-1); !errors.Is(err, ErrConflict) {
		t.Errorf("withdrawing with a stale version: %v, want a conflict", err)
	}
	check(t, s.WithdrawDebriefWaiver(ctx, sessionID, v))
	if !owed() {
		t.Error("the withdrawn note leaves the session not owed")
	}
	if w, _ := waiver(); w.Set() {
		t.Errorf("the note stands after its withdrawal: %+v", w)
	}
	if _, err := s.DebriefOfSession(ctx, sessionID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the withdrawal made a debrief: %v", err)
	}
	log = must[[]model.AuditEntry](t)(s.AuditLog(ctx, "debrief", rowID))
	if last := log[len(log)-1]; last.Detail != "Vermerk „Nachbesprechung entfällt“ zurückgenommen" || !strings.Contains(last.Before, "bereits besprochen") {
		t.Errorf("the withdrawal's audit entry: %+v", last)
	}
	if err := s.WithdrawDebriefWaiver(ctx, sessionID, v+1); model.ClassOf(err) != model.ErrRule {
		t.Errorf("withdrawing a note that does not stand: %v, want a rule error", err)
	}

	// The first save makes the row the debrief.
	if got := id(s.CreateDebrief(ctx, held)); got != rowID {
		t.Errorf("the first save stored debrief %d beside the row %d of the note", got, rowID)
	}
	db := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	if db.Waiver.Set() || len(db.Entries) != 1 || db.Place != "Videokonferenz" {
		t.Errorf("the saved debrief: %+v", db)
	}

	// A saved debrief noted: version checked, owed no more, not saved or
	// sent until the note is withdrawn.
	if err := s.WaiveDebrief(ctx, sessionID, db.Version-1, reason, "gs"); !errors.Is(err, ErrConflict) {
		t.Errorf("noting with a stale version: %v, want a conflict", err)
	}
	check(t, s.WaiveDebrief(ctx, sessionID, db.Version, reason, "gs"))
	if owed() {
		t.Error("a saved debrief noted as not needed is still owed")
	}
	noted := must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	if noted.Waiver.Reason != reason {
		t.Errorf("the saved debrief does not carry its note: %+v", noted.Waiver)
	}
	if err := s.UpdateDebrief(ctx, noted); model.ClassOf(err) != model.ErrRule {
		t.Errorf("saving a debrief noted as not needed: %v, want a rule error", err)
	}
	if _, err := s.SendDebriefInvitation(ctx, noted, "Einladung"); model.ClassOf(err) != model.ErrRule {
		t.Errorf("sending a debrief noted as not needed: %v, want a rule error", err)
	}
	if got, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventDebriefInvitation}); len(got) != 0 {
		t.Errorf("a refused sending queued %d messages", len(got))
	}
	check(t, s.WithdrawDebriefWaiver(ctx, sessionID, noted.Version))

	// Once the invitation is sent, the debrief cannot be noted.
	db = must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	must[DebriefSending](t)(s.SendDebriefInvitation(ctx, db, "Einladung"))
	db = must[model.Debrief](t)(s.DebriefOfSession(ctx, sessionID))
	if err := s.WaiveDebrief(ctx, sessionID, db.Version, reason, "gs"); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "bereits versandt") {
		t.Errorf("noting a debrief whose invitation is sent: %v, want a rule error", err)
	}
	if w, _ := waiver(); w.Set() {
		t.Errorf("a refused note stands: %+v", w)
	}
}
