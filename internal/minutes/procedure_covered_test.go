package minutes_test

import (
	"context"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestProcedureProposalsCoveredByRecordedFollowUps: a proposal from a
// decision taken by written procedure ("Die FITKO wird gebeten, bis zum
// 30.06.2027 einen Umsetzungsplan vorzulegen.") was made again although
// the secretariat had recorded that follow-up by hand (not from the
// proposal): only an item's proposals were checked against the
// follow-ups recorded already. Now a procedure's proposals are checked by
// the same rule (coveredBy): one naming the FITKO with another deadline
// is shown beside the proposal (Covered), one with the same deadline and
// responsible covers it, and it is no longer proposed.
func TestProcedureProposalsCoveredByRecordedFollowUps(t *testing.T) {
	ctx := context.Background()
	st, _, s49, _, after := procedureAfterSession48(t)
	ofAfter := func() []minutes.Proposal {
		t.Helper()
		props, err := minutes.StoredProposals(ctx, st, s49)
		if err != nil {
			t.Fatal(err)
		}
		var got []minutes.Proposal
		for _, p := range props {
			if p.DecisionID == after {
				got = append(got, p)
			}
		}
		return got
	}
	record := func(text string, due model.Date) {
		t.Helper()
		if _, err := st.CreateFollowUp(ctx, model.FollowUp{DecisionID: after, Text: text, Responsible: "FITKO", DueDate: due,
			Status: model.FollowUpOpen, Source: model.SourceDecision, SourceID: after}); err != nil {
			t.Fatal(err)
		}
	}
	record("Zwischenbericht geben", model.NewDate(2027, 1, 31))
	if got := ofAfter(); len(got) != 1 || got[0].Covered == nil || got[0].Covered.Text != "Zwischenbericht geben" {
		t.Fatalf("with a follow-up of the FITKO of another deadline: %+v, want the proposal with it beside", got)
	}
	record("Umsetzungsplan vorlegen", model.NewDate(2027, 6, 30))
	if got := ofAfter(); len(got) != 0 {
		t.Errorf("proposed although a recorded follow-up covers it: %+v", got)
	}
}
