package store

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestNothingToAdoptIsNotRecommendedForAdoption: the AL-Runde recommended
// "Annahme wie vorgeschlagen, ohne Aussprache – für die Grüne Liste" for
// a report without a proposal; it passed, and the report stood in the
// council's en-bloc adoption. Without a proposal, adoption as proposed is
// refused at the kind and the Grüne Liste at its box — in a session and
// in written procedure; "Beratung im IT-Planungsrat" is still given.
func TestNothingToAdoptIsNotRecommendedForAdoption(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	_, _, err := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemC, Kind: model.RecommendAdopt, GreenList: true})
	fields := map[string]bool{}
	for _, e := range model.ErrorsOf(err) {
		if model.ClassOf(e) == model.ErrRule {
			fields[model.FieldOf(e)] = true
		}
	}
	if !fields["empfehlung"] || !fields["gruene_liste"] {
		t.Errorf("adoption on the Grüne Liste without a proposal: %v, want refused at empfehlung and gruene_liste", err)
	}
	rec := model.Recommendation{BodyID: f.prep, TargetItemID: f.itemC, Kind: model.RecommendAdopt}
	if err := s.CheckRecommendationByProcedure(ctx, rec, now.Add(48*time.Hour)); model.FieldOf(firstRule(err)) != "empfehlung" {
		t.Errorf("adoption without a proposal in written procedure: %v", err)
	}
	must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemC, Kind: model.RecommendDiscuss}))
}

// firstRule gives the first refusal of a rule in err, or nil.
func firstRule(err error) error {
	for _, e := range model.ErrorsOf(err) {
		if model.ClassOf(e) == model.ErrRule {
			return e
		}
	}
	return nil
}
