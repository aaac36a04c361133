package demo

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestDemoCollaboration: the demo has two closed evaluation rounds with
// answers of spokespersons (and FachMK secretariats in 2025), the key
// messages of the sample briefing, and the FMK's dossier with them.
func TestDemoCollaboration(t *testing.T) {
	s := loaded(t)
	ctx := context.Background()
	for _, year := range EvaluationYears {
		r, err := s.Round(ctx, year)
		if err != nil || r.Status != model.RoundClosed || len(r.QuestionIDs) != 5 {
			t.Errorf("round %d: %+v %v", year, r, err)
		}
		as, _ := s.Answers(ctx, year)
		roles := map[model.Role]int{}
		for _, a := range as {
			roles[a.Role]++
			if a.Score < 1 || a.Score > 5 {
				t.Errorf("score %d", a.Score)
			}
		}
		if roles[model.RoleSpokesperson] < 40 || (year >= 2025) != (roles[model.RoleFachMK] > 0) {
			t.Errorf("answers of %d by role: %v", year, roles)
		}
		// The results page lists the remarks: varied ones, each with a low
		// or the highest score, none repeated more than a few times (the
		// demo had one line 25 times).
		remarks, commented := map[string]int{}, 0
		for _, a := range as {
			if a.Comment == "" {
				continue
			}
			commented++
			remarks[a.Comment]++
			if a.Score > 2 && a.Score < 5 {
				t.Errorf("%d: remark on a middle score %d: %q", year, a.Score, a.Comment)
			}
		}
		if len(remarks) < 8 || commented < 10 {
			t.Errorf("%d: %d remarks, %d distinct", year, commented, len(remarks))
		}
		for c, n := range remarks {
			if n > commented/4+1 {
				t.Errorf("%d: %q %d times of %d", year, c, n, commented)
			}
		}
	}
	res := model.Summarise(mustAnswers(t, s))
	if len(res.Years) != 2 {
		t.Errorf("years: %v", res.Years)
	}
	k, err := s.KeyMessageByTitle(ctx, "Novellierung des Onlinezugangsgesetzes")
	if err != nil || !strings.Contains(k.Text, "Das 2017 erlassene OZG") || strings.Contains(k.Text, "Priorisierung") {
		t.Errorf("key message: %+v %v", k, err)
	}
	if qs := GuidingQuestions(); len(qs) != 8 || !strings.HasPrefix(qs[0], "Welche Digitalisierungsthemen") {
		t.Errorf("guiding questions: %q", qs)
	}
	fmk, _ := s.BodyByAbbrev(ctx, "FMK")
	bs, _ := s.Briefings(ctx, fmk.ID)
	if len(bs) != 1 {
		t.Fatalf("FMK briefings: %+v", bs)
	}
	b, _ := s.Briefing(ctx, bs[0].ID)
	if v := b.Latest(); len(v.KeyMessages) != 2 || len(v.Questions) != 8 || v.DecisionsSince.IsZero() {
		t.Errorf("FMK dossier: %+v", v)
	}
	// The FMK's outcome after the 47th session, for the spokespersons'
	// report; loading the demo again adds no second one.
	if os, err := s.ConferenceOutcomes(ctx, fmk.ID, model.NewDate(2025, 6, 26), 0); err != nil || len(os) != 1 || os[0].Title != FMKOutcomeTitle {
		t.Errorf("FMK outcomes: %+v %v", os, err)
	}
	// Thüringen's kick-off talk with the FMK; once only.
	if cs, err := s.SpokespersonContacts(ctx, fmk.ID); err != nil || len(cs) != 1 || cs[0].Member != "TH" || cs[0].Kind != model.ContactKickoff || cs[0].With != FMKKickoffWith {
		t.Errorf("FMK contacts: %+v %v", cs, err)
	}
}

func mustAnswers(t *testing.T, s interface {
	Answers(context.Context, int) ([]model.EvaluationAnswer, error)
}) []model.EvaluationAnswer {
	t.Helper()
	as, err := s.Answers(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return as
}
