package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestNoPullAfterTheGreenListIsAdopted: after the Grüne Liste was adopted
// en bloc, PullItemFromGreenList still took a ticked item off it: the item
// stood singly again (consent off, back in a section) while its decision
// read "einstimmig (Grüne Liste, en bloc)", and nothing could be treated
// any more. A member asks for single treatment before the en-bloc vote;
// an adopted decision is immutable. The pull is refused with a rule error
// naming the decision, and the item and its decision stay as they were.
func TestNoPullAfterTheGreenListIsAdopted(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	item, id := adoptedGreenList(t, s)
	before := must[model.AgendaItem](t)(s.Item(ctx, item))
	adopted := must[model.Decision](t)(s.Decision(ctx, id))
	err := s.PullItemFromGreenList(ctx, item, "HE")
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), adopted.Label) || !strings.Contains(model.ReasonOf(err), "bereits beschlossen") {
		t.Errorf("pull after the adoption: %v, want a rule error naming %s", err, adopted.Label)
	}
	after := must[model.AgendaItem](t)(s.Item(ctx, item))
	if !after.Consent || after.SectionID != before.SectionID || after.Version != before.Version {
		t.Errorf("the item changed: consent %v, section %d, version %d (before: section %d, version %d)", after.Consent, after.SectionID, after.Version, before.SectionID, before.Version)
	}
	if d := must[model.Decision](t)(s.Decision(ctx, id)); d.Status != model.DecisionAdopted || d.Result != adopted.Result || d.Version != adopted.Version {
		t.Errorf("the decision changed: %+v", d)
	}
}

// TestNoPullDuringTheGreenListVote: while the Grüne Liste is voted on en
// bloc, no item leaves it (the members vote on the list as it stands);
// after the vote is cancelled, it may.
func TestNoPullDuringTheGreenListVote(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Grün", Consent: true, Status: model.ItemAccepted}))
	must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: item, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Grün", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Applicants: []string{"Bund"}}))
	vid := must[int64](t)(s.OpenVote(ctx, sessionID, 0))
	if err := s.PullItemFromGreenList(ctx, item, "HE"); model.ClassOf(err) != model.ErrRule {
		t.Errorf("pull during the vote: %v", err)
	}
	if it := must[model.AgendaItem](t)(s.Item(ctx, item)); !it.Consent {
		t.Error("the item left the list during its vote")
	}
	check(t, s.CancelVote(ctx, vid))
	check(t, s.PullItemFromGreenList(ctx, item, "HE"))
}

// TestNoPullOfARecommendedItemAfterTheGreenListIsAdopted: the same for an
// item on the Grüne Liste by the AL-Runde's recommendation
// (Recommendation.CanPull looked at the session's status only): after the
// list's adoption neither the recommendation's pull nor the item's takes it
// off; the recommendation stays on the list.
func TestNoPullOfARecommendedItemAfterTheGreenListIsAdopted(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	rec, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true}))
	must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...)))
	r := must[model.Recommendation](t)(s.Recommendation(ctx, rec))
	check(t, s.ConfirmGreenList(ctx, rec, r.Version))
	publishAgendaForTest(t, s, f.main)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se := must[model.Session](t)(s.Session(ctx, f.main))
		check(t, s.SetSessionStatus(ctx, f.main, se.Version, next))
	}
	check(t, ignore2(s.SaveAttendance(ctx, f.main, attending(voters...))))
	// While the list is voted on, neither way takes the item off.
	vid := must[int64](t)(s.OpenVote(ctx, f.main, 0))
	if err := s.PullFromGreenList(ctx, rec, "HE"); model.ClassOf(err) != model.ErrRule {
		t.Errorf("recommendation pulled during the vote: %v", err)
	}
	check(t, s.CancelVote(ctx, vid))
	out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.main, 0, votesOf(model.VoteYes, voters...)))
	if len(out.Decisions) != 1 || out.Decisions[0].ID != f.proposalA || out.Decisions[0].Status != model.DecisionAdopted {
		t.Fatalf("the en-bloc vote: %+v", out)
	}
	before := must[model.AgendaItem](t)(s.Item(ctx, f.itemA))
	if err := s.PullFromGreenList(ctx, rec, "HE"); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "bereits beschlossen") {
		t.Errorf("recommendation pulled after the adoption: %v", err)
	}
	if err := s.PullItemFromGreenList(ctx, f.itemA, "HE"); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "bereits beschlossen") {
		t.Errorf("item pulled after the adoption: %v", err)
	}
	if r := must[model.Recommendation](t)(s.Recommendation(ctx, rec)); r.Consent != model.ConsentConfirmed || r.PulledBy != "" {
		t.Errorf("the recommendation changed: %q, pulled by %q", r.Consent, r.PulledBy)
	}
	if after := must[model.AgendaItem](t)(s.Item(ctx, f.itemA)); !after.Consent || after.SectionID != before.SectionID || after.Version != before.Version {
		t.Errorf("the item changed: %+v", after)
	}
}

// adoptedGreenList is the running 47th session (lawFixture) with one item
// on the Grüne Liste, its proposal adopted en bloc: it gives the item
// and the decision.
func adoptedGreenList(t *testing.T, s *Store) (item, decision int64) {
	t.Helper()
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	item = must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Grün", Consent: true, Status: model.ItemAccepted}))
	decision = must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: item, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Grün", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Applicants: []string{"Bund"}}))
	out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, 0, votesOf(model.VoteYes, voters...)))
	if len(out.Decisions) != 1 || out.Decisions[0].Status != model.DecisionAdopted || !strings.Contains(out.Phrase, "Grüne Liste, en bloc") {
		t.Fatalf("the en-bloc vote: %+v", out)
	}
	return item, decision
}
