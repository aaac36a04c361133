package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestFollowUpDeadlineAfterSession: a follow-up given in the 47th session
// (26.06.2025) with a deadline before that day, or due to the 47th session
// or an earlier one, was stored and overdue at once; it is refused with a
// rule error at the field (frist, frist_sitzung) and nothing is stored. A
// deadline on the session's day or to a later session is kept; an edit that
// leaves an old deadline as it was still saves, one that moves it before
// the session is refused.
func TestFollowUpDeadlineAfterSession(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := fixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "5", Title: "Bericht"}))
	for _, c := range []struct {
		date    model.Date
		session int
		field   string
	}{
		{model.NewDate(2025, 6, 25), 0, "frist"},
		{model.Date{}, 47, "frist_sitzung"},
		{model.Date{}, 12, "frist_sitzung"},
		{model.NewDate(2025, 1, 1), 48, "frist"},
	} {
		_, err := s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Bericht", Responsible: "HE", Status: model.FollowUpOpen, DueDate: c.date, DueSession: c.session})
		if model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != c.field || model.ReasonOf(err) == "" {
			t.Errorf("deadline %v / %d: %v (field %q), want a rule error at %s", c.date, c.session, err, model.FieldOf(err), c.field)
		}
	}
	if list := must[[]model.FollowUp](t)(s.FollowUps(ctx, FollowUpFilter{})); len(list) != 0 {
		t.Fatalf("refused follow-ups stored: %+v", list)
	}
	ok := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Bericht", Responsible: "HE", Status: model.FollowUpOpen,
		DueDate: model.NewDate(2025, 6, 26), DueSession: 48}))
	// The same rule for a follow-up given with a decision of the session.
	dec := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: must[model.Session](t)(s.Session(ctx, sessionID)).BodyID, SessionID: sessionID, ItemID: itemID,
		Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Beschluss", Applicants: []string{"Bund"}}))
	if _, err := s.CreateFollowUp(ctx, model.FollowUp{DecisionID: dec, Text: "Umsetzung", Responsible: "HE", Status: model.FollowUpOpen, DueSession: 46}); model.FieldOf(err) != "frist_sitzung" {
		t.Errorf("decision's follow-up due to the 46th: %v", err)
	}

	f := must[model.FollowUp](t)(s.FollowUp(ctx, ok))
	f.DueDate = model.NewDate(2025, 6, 1)
	if err := s.UpdateFollowUp(ctx, f); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "frist" {
		t.Errorf("edit moving the deadline before the session: %v", err)
	}
	old := createFollowUpAsBefore(t, s, model.FollowUp{ItemID: itemID, Text: "Alt", Responsible: "HE", Status: model.FollowUpOpen, DueDate: model.NewDate(2025, 5, 1), DueSession: 40})
	g := must[model.FollowUp](t)(s.FollowUp(ctx, old))
	g.Text = "Alt, berichtigt"
	if err := s.UpdateFollowUp(ctx, g); err != nil {
		t.Errorf("an edit leaving the old deadline as it was: %v", err)
	}
}
