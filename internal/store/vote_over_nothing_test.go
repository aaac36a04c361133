package store

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestVoteOverNothingStoredIsNoConflict: a ballot posted with the vote it
// showed ("gesehen") while no vote is stored for the member replaces
// nothing and is cast. Before, `gesehen=ja&stimme=nein` with nothing
// stored for Hamburg was refused as „Für Hamburg wurde inzwischen „“
// abgestimmt …“ — in session (CastSessionVoteOver) and in written
// procedure (CastVoteOver) alike. A vote stored meanwhile that differs
// from what the ballot showed is still a conflict.
func TestVoteOverNothingStoredIsNoConflict(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "test")
	bodyID, s47, d := draftDecisionInSession(t, s)
	vote := must[int64](t)(s.OpenVote(ctx, s47, d))
	if err := s.CastSessionVoteOver(ctx, vote, "HH", model.VoteNo, model.VoteYes); err != nil {
		t.Fatalf("in session, over no vote: %v", err)
	}
	if got := must[model.SessionVote](t)(s.SessionVote(ctx, vote)).Choices()["HH"]; got != model.VoteNo {
		t.Errorf("Hamburg's vote in session: %q", got)
	}
	// Stored "nein" now; a ballot that showed "ja" does not replace it.
	if err := s.CastSessionVoteOver(ctx, vote, "HH", model.VoteAbstain, model.VoteYes); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("in session, over a vote the ballot did not show: %v", err)
	}

	pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Empfehlung zur Cloud-Strategie", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)}))
	if err := s.CastVoteOver(ctx, pid, "HH", model.VoteNo, model.VoteYes); err != nil {
		t.Fatalf("in written procedure, over no vote: %v", err)
	}
	p := must[model.WrittenProcedure](t)(s.Procedure(ctx, pid))
	if len(p.Votes) != 1 || p.Votes[0].Member != "HH" || p.Votes[0].Choice != model.VoteNo {
		t.Errorf("votes of the procedure: %+v", p.Votes)
	}
	if err := s.CastVoteOver(ctx, pid, "HH", model.VoteAbstain, model.VoteYes); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("in written procedure, over a vote the ballot did not show: %v", err)
	}
}
