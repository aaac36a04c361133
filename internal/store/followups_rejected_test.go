package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestFollowUpOfRejectedProposalRefused: on the live page of the 48th
// session in the demo, the secretariat's "Aus Beschluss" offered the
// proposal just rejected, and the follow-up was stored as ordered by it
// (decision_id of a rejected proposal). A rejected proposal orders
// nothing: the follow-up is refused at the field "beschluss", nothing is
// stored. A decision of another agenda item is refused too (a form of
// another item, or a typed id). A follow-up that already names a proposal
// rejected later can still be edited.
func TestFollowUpOfRejectedProposalRefused(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "test")
	bodyID, sessionID := lawFixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "05", Title: "Bericht", Position: 5}))
	otherItem := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "06", Title: "Anderes", Position: 6}))
	draftOn := func(item int64) int64 {
		return must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: item, Kind: model.KindDecision,
			Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Vorschlag",
			Points: []model.Point{{Label: "1.", Text: "Er bittet die FITKO um einen Bericht."}}, Applicants: []string{"Bund"}}))
	}
	// decision gives a proposal of item counted by show of hands: all Ja
	// adopts it, Nein from the Bund rejects it.
	decision := func(item int64, status model.DecisionStatus) int64 {
		id := draftOn(item)
		if status == model.DecisionDraft {
			return id
		}
		votes := everyVoterYes()
		if status == model.DecisionRejected {
			votes["Bund"] = model.VoteNo
		}
		out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, id, votes))
		if got := out.Decisions[0].Status; got != status {
			t.Fatalf("count: %s, want %s", got, status)
		}
		return id
	}
	rejected := decision(itemID, model.DecisionRejected)
	_, err := s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: rejected, Text: "Umsetzung", Responsible: "FITKO", Status: model.FollowUpOpen})
	if model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "beschluss" || model.ReasonOf(err) == "" {
		t.Errorf("follow-up of a rejected proposal: %v (field %q), want a rule error at beschluss", err, model.FieldOf(err))
	}
	elsewhere := decision(otherItem, model.DecisionDraft)
	_, err = s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: elsewhere, Text: "Umsetzung", Responsible: "FITKO", Status: model.FollowUpOpen})
	if model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != "beschluss" {
		t.Errorf("follow-up of another item's proposal: %v (field %q), want an input error at beschluss", err, model.FieldOf(err))
	}
	if list := must[[]model.FollowUp](t)(s.FollowUps(ctx, FollowUpFilter{})); len(list) != 0 {
		t.Fatalf("refused follow-ups stored: %+v", list)
	}

	// Given while the proposal was undecided, then rejected: what the
	// proposal would have ordered is not owed — the follow-up is entfallen,
	// with the reason (before, it stayed open, was reminded of and became
	// overdue); one already done stays done. It stays editable (its status
	// can be set back, its text corrected).
	draft := decision(itemID, model.DecisionDraft)
	id := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: draft, Text: "Vorab", Responsible: "FITKO", Status: model.FollowUpOpen}))
	done := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, DecisionID: draft, Text: "Schon erledigt", Responsible: "FITKO", Status: model.FollowUpDone, DoneOn: model.NewDate(2025, 6, 1), EvidenceText: "Bericht liegt vor"}))
	votes := everyVoterYes()
	votes["Bund"] = model.VoteNo
	must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, draft, votes))
	f := must[model.FollowUp](t)(s.FollowUp(ctx, id))
	if f.Status != model.FollowUpDropped || !strings.Contains(f.DropReason(), "wurde am") || !strings.Contains(f.DropReason(), "abgelehnt") {
		t.Errorf("the follow-up of the rejected proposal: %s %q, want entfallen with the reason", f.Status, f.DropReason())
	}
	if g := must[model.FollowUp](t)(s.FollowUp(ctx, done)); g.Status != model.FollowUpDone {
		t.Errorf("a follow-up already done became %s", g.Status)
	}
	f.Text = "Vorab, berichtigt"
	if err := s.UpdateFollowUp(ctx, f); err != nil {
		t.Errorf("editing a follow-up whose proposal was rejected later: %v", err)
	}
	// Moving a follow-up onto a rejected proposal is refused as creating one.
	g := must[model.FollowUp](t)(s.FollowUp(ctx, id))
	adopted := decision(itemID, model.DecisionAdopted)
	g.DecisionID = adopted
	if err := s.UpdateFollowUp(ctx, g); err != nil {
		t.Fatalf("onto an adopted decision: %v", err)
	}
	g = must[model.FollowUp](t)(s.FollowUp(ctx, id))
	g.DecisionID = rejected
	if err := s.UpdateFollowUp(ctx, g); model.FieldOf(err) != "beschluss" {
		t.Errorf("moving onto a rejected proposal: %v", err)
	}
}
