package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// voteAuditText gives the recorded states of the audit entries of a vote
// in session, oldest first, and of the close's entry.
func voteAuditText(t *testing.T, s *Store, voteID int64) (all []model.AuditEntry) {
	t.Helper()
	check(t, s.EachAuditEntry(context.Background(), AuditFilter{Entity: "vote", EntityID: voteID}, func(e model.AuditEntry) error {
		all = append([]model.AuditEntry{e}, all...)
		return nil
	}))
	return all
}

// TestVoteAuditHoldsNoChoiceWhileOpen: the audit entry of a vote cast in
// session records that the member voted, not how, as the live page and the
// ballots promise ("Wie abgestimmt wurde, wird erst nach dem Schließen
// sichtbar"); the choices enter the log with the close, in its entry, and
// a cancelled vote never shows them. Before, every cast's entry carried
// the ballot's rows with "choice", and after a cancel nothing hid them.
// A show of hands, which all saw, keeps its choice.
func TestVoteAuditHoldsNoChoiceWhileOpen(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "test")
	_, s47, d := draftDecisionInSession(t, s)
	noChoice := func(what string, es []model.AuditEntry) {
		t.Helper()
		for _, e := range es {
			for _, c := range []string{`"` + string(model.VoteNo) + `"`, `"` + string(model.VoteYes) + `"`} {
				if strings.Contains(e.Before+e.After+e.Detail, c) {
					t.Errorf("%s: entry %d (%s) shows a choice %s: %s → %s", what, e.ID, e.Action, c, e.Before, e.After)
				}
			}
		}
	}

	// Cancelled: the choices never show.
	vote := must[int64](t)(s.OpenVote(ctx, s47, d))
	check(t, s.CastSessionVote(ctx, vote, "HE", model.VoteNo, false))
	noChoice("open vote", voteAuditText(t, s, vote))
	check(t, s.CancelVote(ctx, vote))
	noChoice("cancelled vote", voteAuditText(t, s, vote))

	// Closed: the close's entry records them.
	vote = must[int64](t)(s.OpenVote(ctx, s47, d))
	check(t, s.CastSessionVote(ctx, vote, "HE", model.VoteNo, false))
	check(t, s.CastSessionVote(ctx, vote, "HE", model.VoteYes, false))
	for _, m := range testMembers() {
		if m.Abbrev != "HE" && (m.Kind == model.MemberBund || m.Kind == model.MemberLand) {
			check(t, s.CastSessionVote(ctx, vote, m.Abbrev, model.VoteYes, false))
		}
	}
	es := voteAuditText(t, s, vote)
	noChoice("open vote", es)
	if _, err := s.CloseVote(ctx, vote); err != nil {
		t.Fatal(err)
	}
	es = voteAuditText(t, s, vote)
	last := es[len(es)-1]
	if last.Action != "close" || !strings.Contains(last.After, `"`+string(model.VoteYes)+`"`) {
		t.Errorf("the close's entry does not record the choices: %s %s", last.Action, last.After)
	}
	noChoice("casts of a closed vote", es[:len(es)-1])
	if rep, err := s.VerifyAudit(ctx, AuditHead{}); err != nil || rep.Problem != nil {
		t.Errorf("audit chain: %+v %v", rep, err)
	}
}

// TestCancelledVoteStaysSecret: the audit log's readers hide how a member
// voted in a vote that is not closed (SecretVotes). A cancelled vote never
// reveals its choices, so entries written before the audit kept them back
// stay hidden too; before, only open votes were secret and a cancelled
// vote's older entries showed every choice.
func TestCancelledVoteStaysSecret(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "test")
	_, s47, d := draftDecisionInSession(t, s)
	cancelled := must[int64](t)(s.OpenVote(ctx, s47, d))
	check(t, s.CastSessionVote(ctx, cancelled, "HE", model.VoteNo, false))
	check(t, s.CancelVote(ctx, cancelled))
	closed := must[int64](t)(s.OpenVote(ctx, s47, d))
	check(t, s.CastSessionVote(ctx, closed, "HE", model.VoteNo, false))
	if _, err := s.CloseVote(ctx, closed); err != nil {
		t.Fatal(err)
	}
	secret := must[func(int64) bool](t)(s.SecretVotes(ctx))
	if !secret(cancelled) {
		t.Error("a cancelled vote's choices are readable")
	}
	if secret(closed) {
		t.Error("a closed vote's choices are hidden")
	}
}
