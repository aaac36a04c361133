package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestGrueneListeVoteKeepsItsProposals: while the Grüne Liste is voted on
// en bloc, its proposals are the text the members vote on — editing one
// or adding another to an item on the list is refused, as for a vote on a
// single proposal. Before, both were taken and the close decided the
// changed (or new) text with the votes cast before.
func TestGrueneListeVoteKeepsItsProposals(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Grün", Consent: true}))
	id := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: item, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Grün", Applicants: []string{"Bund"}}))
	vid := must[int64](t)(s.OpenVote(ctx, sessionID, 0))

	d := must[model.Decision](t)(s.Decision(ctx, id))
	d.Title = "während der Abstimmung geändert"
	if err := s.UpdateDecision(ctx, d); model.ClassOf(err) != model.ErrRule {
		t.Errorf("proposal on the Grüne Liste edited during its vote: %v", err)
	}
	if _, err := s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: item, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "nachgeschoben", Applicants: []string{"Bund"}}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("proposal added to the Grüne Liste during its vote: %v", err)
	}
	// Nor does an item go onto the list, or off it, while it is voted on.
	other := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Nicht grün"}))
	it := must[model.AgendaItem](t)(s.Item(ctx, other))
	it.Consent = true
	if err := s.UpdateItem(ctx, it); model.ClassOf(err) != model.ErrRule {
		t.Errorf("item put on the Grüne Liste during its vote: %v", err)
	}
	it = must[model.AgendaItem](t)(s.Item(ctx, item))
	it.Consent = false
	if err := s.UpdateItem(ctx, it); model.ClassOf(err) != model.ErrRule {
		t.Errorf("item taken off the Grüne Liste during its vote: %v", err)
	}
	check(t, s.CastSessionVote(ctx, vid, "Bund", model.VoteYes, false))
	check(t, s.CancelVote(ctx, vid))
	// After the vote, the proposal may be changed again.
	d = must[model.Decision](t)(s.Decision(ctx, id))
	d.Title = "nach der Abstimmung geändert"
	check(t, s.UpdateDecision(ctx, d))
}

// TestGreenListConfirmationWaitsForItsVote: the secretariat's confirmation
// of the AL-Runde's recommendation for the Grüne Liste does not put an item
// on the list while the list is being voted on en bloc.
func TestGreenListConfirmationWaitsForItsVote(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	recA, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true}))
	must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...)))
	publishAgendaForTest(t, s, f.main)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se := must[model.Session](t)(s.Session(ctx, f.main))
		check(t, s.SetSessionStatus(ctx, f.main, se.Version, next))
	}
	check(t, ignore2(s.SaveAttendance(ctx, f.main, attending(voters...))))
	itB := must[model.AgendaItem](t)(s.Item(ctx, f.itemB))
	itB.Consent = true
	check(t, s.UpdateItem(ctx, itB))
	vid := must[int64](t)(s.OpenVote(ctx, f.main, 0))
	r := must[model.Recommendation](t)(s.Recommendation(ctx, recA))
	if err := s.ConfirmGreenList(ctx, recA, r.Version); model.ClassOf(err) != model.ErrRule {
		t.Errorf("confirmed onto the Grüne Liste during its vote: %v", err)
	}
	check(t, s.CancelVote(ctx, vid))
	check(t, s.ConfirmGreenList(ctx, recA, r.Version))
}

// TestGrueneListeItemNotDeferredDuringItsVote: an item on the Grüne Liste
// is not deferred while the list is voted on en bloc (its proposal would
// leave the list the members are voting on); after the vote it may be.
func TestGrueneListeItemNotDeferredDuringItsVote(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 27), Status: model.StatusPlanned}))
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Grün", Consent: true, Status: model.ItemAccepted}))
	must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: item, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Grün", Applicants: []string{"Bund"}}))
	vid := must[int64](t)(s.OpenVote(ctx, sessionID, 0))
	version := must[model.AgendaItem](t)(s.Item(ctx, item)).Version
	if _, _, err := s.DeferItem(ctx, Deferral{ItemID: item, Version: version, Reason: "Unterlagen fehlen"}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("item on the Grüne Liste deferred during its vote: %v", err)
	}
	check(t, s.CancelVote(ctx, vid))
	version = must[model.AgendaItem](t)(s.Item(ctx, item)).Version
	check(t, ignore2(s.DeferItem(ctx, Deferral{ItemID: item, Version: version, Reason: "Unterlagen fehlen"})))
}
