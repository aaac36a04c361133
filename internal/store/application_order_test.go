package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestProposalRefusesAdvisoryApplicantInAnyOrder: a proposal applied for
// by the Bund and an advisory member was stored with DLT as an applicant
// when the Bund stood first ([Bund, DLT]) and refused the other way round.
// Advisory members do not apply: in every order the proposal is refused,
// naming DLT, and nothing is stored; a change of a stored proposal to
// such applicants is refused too and leaves it as it was.
func TestProposalRefusesAdvisoryApplicantInAnyOrder(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	const want = "DLT ist nicht antragsberechtigt; antragsberechtigt sind der Bund oder drei Länder."
	for _, applicants := range [][]string{{"Bund", "DLT"}, {"DLT", "Bund"}, {"HE", "BY", "HH", "DLT"}, {"HE", "Bund", "DLT"}} {
		_, err := s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision, Status: model.DecisionDraft,
			Scope: model.ScopeAll, Title: "Vorschlag", Applicants: applicants})
		if model.ClassOf(err) != model.ErrRule || model.ReasonOf(err) != want {
			t.Errorf("applicants %v: %v, want the rule error %q", applicants, err, want)
		}
	}
	if ds, err := s.Decisions(ctx, DecisionFilter{SessionID: sessionID}); err != nil || len(ds) != 0 {
		t.Fatalf("stored: %v %v", ds, err)
	}
	id, err := s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Vorschlag", Applicants: []string{"Bund"}})
	check(t, err)
	d, err := s.Decision(ctx, id)
	check(t, err)
	d.Applicants = []string{"Bund", "DLT"}
	if err := s.UpdateDecision(ctx, d); model.ClassOf(err) != model.ErrRule || model.ReasonOf(err) != want {
		t.Errorf("change to Bund, DLT: %v", err)
	}
	if d, err := s.Decision(ctx, id); err != nil || len(d.Applicants) != 1 || d.Applicants[0] != "Bund" {
		t.Errorf("after the refused change: applicants %v, %v", d.Applicants, err)
	}
}
