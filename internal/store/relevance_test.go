package store

import (
	"context"
	"testing"

	"gremium/internal/model"
	"gremium/internal/relevance"
)

// TestAssessmentsTeachProfiles: saving a decision profile moves the weights
// of the terms found in the decision's text, in the same transaction, once
// per decision; a failed save teaches nothing.
func TestAssessmentsTeachProfiles(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "test")
	id := must[int64](t)
	bodyID, sessionID := fixture(t, s)
	bmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "BMK", Name: "Bauministerkonferenz",
		Terms: []model.Term{{Term: "Bau", Weight: 1}, {Term: "Bauantrag", Weight: 2}, {Term: "Wohngeld", Weight: 2}}}))
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz",
		Terms: []model.Term{{Term: "Gebühr", Weight: 2}, {Term: "Steuer", Weight: 2}}}))
	itemID := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "9", Title: "Digitaler Bauantrag"}))
	dec := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, ItemID: itemID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Applicants: []string{"Bund"}, Scope: model.ScopeAll, Title: "Gebühren", Points: []model.Point{{Label: "1.", Text: "Die Gebühren werden vereinheitlicht."}}}))
	other := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: sessionID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Applicants: []string{"Bund"}, Scope: model.ScopeAll, Title: "Bauanträge digital"}))

	learned := func() map[int64]map[string]relevance.Feedback {
		t.Helper()
		ps, _, err := s.RelevanceProfiles(ctx)
		check(t, err)
		out := map[int64]map[string]relevance.Feedback{}
		for _, p := range ps {
			out[p.ConferenceID] = p.Feedback
		}
		return out
	}
	confirm := func(conf int64, relevant bool) model.Assessment {
		return model.Assessment{ConferenceID: conf, Relevant: relevant, Reason: "Prüfung", AssessedBy: "Geschäftsstelle"}
	}

	check(t, s.SaveAssessments(ctx, dec, profileVersion(t, s, dec), []model.Assessment{confirm(bmk, true), confirm(fmk, false)}))
	got := learned()
	if got[bmk]["bau"] != (relevance.Feedback{Confirmed: 1}) || got[bmk]["bauantrag"] != (relevance.Feedback{Confirmed: 1}) || len(got[bmk]) != 2 {
		t.Errorf("BMK learned %v", got[bmk])
	}
	if got[fmk]["gebuhr"] != (relevance.Feedback{Rejected: 1}) || len(got[fmk]) != 1 {
		t.Errorf("FMK learned %v", got[fmk])
	}

	t.Run("saving again teaches once", func(t *testing.T) {
		check(t, s.SaveAssessments(ctx, dec, profileVersion(t, s, dec), []model.Assessment{confirm(bmk, true), confirm(fmk, false)}))
		if got := learned(); got[bmk]["bauantrag"] != (relevance.Feedback{Confirmed: 1}) || got[fmk]["gebuhr"] != (relevance.Feedback{Rejected: 1}) {
			t.Errorf("learned %v", got)
		}
	})
	t.Run("another decision adds to it and the weights move", func(t *testing.T) {
		check(t, s.SaveAssessments(ctx, other, profileVersion(t, s, other), []model.Assessment{confirm(bmk, true)}))
		if got := learned(); got[bmk]["bauantrag"] != (relevance.Feedback{Confirmed: 2}) {
			t.Errorf("learned %v", got[bmk])
		}
		profiles, _, err := s.RelevanceProfiles(ctx)
		check(t, err)
		p := relevance.New(profiles).Propose("Bauantrag online")
		if len(p) != 1 || p[0].Abbrev != "BMK" || p[0].Terms() != "Bau (in „Bauantrag“; gelerntes Gewicht 1,5 statt 1), Bauantrag (gelerntes Gewicht 3 statt 2)" {
			t.Errorf("proposals %+v", p)
		}
	})
	t.Run("a changed verdict replaces what the decision taught", func(t *testing.T) {
		check(t, s.SaveAssessments(ctx, dec, profileVersion(t, s, dec), []model.Assessment{confirm(bmk, false)}))
		got := learned()
		if got[bmk]["bauantrag"] != (relevance.Feedback{Confirmed: 1, Rejected: 1}) || len(got[fmk]) != 0 {
			t.Errorf("learned %v", got)
		}
	})
	t.Run("a failed save teaches nothing", func(t *testing.T) {
		before := learned()
		if err := s.SaveAssessments(ctx, other, profileVersion(t, s, other), []model.Assessment{confirm(bmk, false), confirm(9999, true)}); err == nil {
			t.Fatal("an assessment of an unknown conference was saved")
		}
		if got := learned(); got[bmk]["bauantrag"] != before[bmk]["bauantrag"] {
			t.Errorf("learned %v, before %v", got[bmk], before[bmk])
		}
		if as := must[[]model.Assessment](t)(s.Assessments(ctx, other)); len(as) != 1 || !as[0].Relevant {
			t.Errorf("assessments %+v", as)
		}
	})
}
