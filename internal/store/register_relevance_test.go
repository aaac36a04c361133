package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestRegisterByConferenceFollowsTheAssessment: the register filtered to a
// FachMK takes the rule of the debrief, the dossier and "Mein Bereich"
// (RelevantDecisionsSince): the decision profile's assessment, and the
// registration's impact statement only where the profile does not assess
// the conference. Before, a decision whose profile assessed the FMK "not
// relevant" stayed in /beschluesse?fachmk=FMK because its registration had
// named the FMK: the FMK's secretariat read no decision under "Beschlüsse
// für Ihre Konferenz" and one behind its link "Im Beschlussregister".
func TestRegisterByConferenceFollowsTheAssessment(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	sessionID := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesDraft}))
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	gmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "GMK", Name: "Gesundheitsministerkonferenz"}))
	item := must[int64](t)(s.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: sessionID, Title: "EfA-Finanzierung", Status: model.ItemAccepted,
		Impact: model.Impact{Stated: true, ConferenceIDs: []int64{fmk, gmk}}}))
	dec := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: item, Kind: model.KindDecision,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Number: model.DecisionNumber{Year: 2025, Seq: 27}, Title: "EfA-Finanzierung"}))
	check(t, s.SaveAssessments(ctx, dec, profileVersion(t, s, dec), []model.Assessment{
		{ConferenceID: fmk, Relevant: false, Reason: "betrifft nur die Finanzierung des IT-PLR", AssessedBy: "HE"}}))
	for _, c := range []struct {
		name       string
		conference int64
		want       int
	}{{"FMK, assessed not relevant", fmk, 0}, {"GMK, named in the registration, not assessed", gmk, 1}} {
		p, err := s.Register(ctx, RegisterFilter{BodyID: bodyID, ConferenceID: c.conference})
		if err != nil {
			t.Fatal(err)
		}
		relevant, err := s.RelevantDecisionsSince(ctx, []int64{c.conference}, 0, model.Date{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != c.want || len(p.Decisions) != c.want || len(relevant) != c.want {
			t.Errorf("%s: the register has %d (total %d), the relevant decisions %d, want %d", c.name, len(p.Decisions), p.Total, len(relevant), c.want)
		}
	}
}
