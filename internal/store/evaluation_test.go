package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

func TestEvaluationRound(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	id := must[int64](t)
	conf := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	q1 := id(s.CreateQuestion(ctx, model.EvaluationQuestion{Position: 1, Text: "Wurde das Wissen über Aufgaben des IT-PLR bei FachMK gestärkt?"}))
	q2 := id(s.CreateQuestion(ctx, model.EvaluationQuestion{Position: 2, Text: "Sind gemeinsame Anknüpfungspunkte identifiziert?"}))
	q3 := id(s.CreateQuestion(ctx, model.EvaluationQuestion{Position: 3, Text: "Neue Frage 2026"}))
	id(s.OpenRound(ctx, 2026, []int64{q1, q2}))
	if _, err := s.OpenRound(ctx, 2026, []int64{q1}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("second round of a year: %v", err)
	}
	r := must[model.EvaluationRound](t)(s.Round(ctx, 2026))
	check(t, s.SetRoundQuestions(ctx, 2026, r.Version, []int64{q1, q3}))
	r = must[model.EvaluationRound](t)(s.Round(ctx, 2026))
	if len(r.QuestionIDs) != 2 || r.QuestionIDs[1] != q3 || r.Status != model.RoundOpen {
		t.Fatalf("round: %+v", r)
	}
	answer := func(q int64, who string, score int) model.EvaluationAnswer {
		return model.EvaluationAnswer{QuestionID: q, Respondent: who, ConferenceID: conf, Role: model.RoleSpokesperson, Score: score}
	}
	if err := s.SubmitAnswers(ctx, 2026, []model.EvaluationAnswer{answer(q1, "HB", 4), answer(q2, "HB", 3)}); model.ClassOf(err) != model.ErrInput {
		t.Errorf("answer to a question outside the round: %v", err)
	}
	if n := len(must[[]model.EvaluationAnswer](t)(s.Answers(ctx, 2026))); n != 0 {
		t.Errorf("a refused submission left %d answers", n)
	}
	check(t, s.SubmitAnswers(ctx, 2026, []model.EvaluationAnswer{answer(q1, "HB", 4), answer(q3, "HB", 2)}))
	check(t, s.SubmitAnswers(ctx, 2026, []model.EvaluationAnswer{answer(q1, "HB", 5)})) // replaces
	check(t, s.SubmitAnswers(ctx, 2026, []model.EvaluationAnswer{answer(q1, "TH", 2)}))
	if err := s.SetRoundQuestions(ctx, 2026, r.Version, []int64{q1}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("questions changed after answers: %v", err)
	}
	check(t, s.CloseRound(ctx, 2026, r.Version))
	if err := s.SubmitAnswers(ctx, 2026, []model.EvaluationAnswer{answer(q1, "BY", 3)}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("answer after closing: %v", err)
	}
	// A closed round takes no change (openRoundTx), answered or not: not
	// its questions, not a second closing.
	id(s.OpenRound(ctx, 2027, []int64{q1}))
	r27 := must[model.EvaluationRound](t)(s.Round(ctx, 2027))
	check(t, s.CloseRound(ctx, 2027, r27.Version))
	r27 = must[model.EvaluationRound](t)(s.Round(ctx, 2027))
	if err := s.SetRoundQuestions(ctx, 2027, r27.Version, []int64{q1, q2}); model.ClassOf(err) != model.ErrRule {
		t.Errorf("questions of a closed round changed: %v", err)
	}
	if err := s.CloseRound(ctx, 2027, r27.Version); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a closed round closed again: %v", err)
	}
	if err := s.SubmitAnswers(ctx, 2028, []model.EvaluationAnswer{answer(q1, "BY", 3)}); model.ClassOf(err) != model.ErrNotFound {
		t.Errorf("answer to a year without a round: %v", err)
	}
	res := model.Summarise(must[[]model.EvaluationAnswer](t)(s.Answers(ctx, 0)))
	if got := res.ByQuestion[q1][2026]; got.N != 2 || got.German() != "3,5" {
		t.Errorf("question 1 in 2026: %+v %s", got, got.German())
	}
	if got := res.ByConference[conf][2026]; got.N != 3 || got.Sum != 9 {
		t.Errorf("FMK in 2026: %+v", got)
	}
}

// TestOpenRoundGivesEveryReason: a second round of a year without a
// question is told both, each at its field. Before, "mindestens eine
// Frage" hid "Für 2026 gibt es bereits eine Evaluationsrunde".
func TestOpenRoundGivesEveryReason(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	q1 := must[int64](t)(s.CreateQuestion(ctx, model.EvaluationQuestion{Position: 1, Text: "Frage"}))
	must[int64](t)(s.OpenRound(ctx, 2026, []int64{q1}))
	_, err := s.OpenRound(ctx, 2026, nil)
	fields := map[string]string{}
	for _, e := range model.ErrorsOf(err) {
		fields[model.FieldOf(e)] += model.ReasonOf(e)
	}
	if fields["frage"] == "" || fields["jahr"] != "Für 2026 gibt es bereits eine Evaluationsrunde." {
		t.Errorf("reasons: %q", fields)
	}
}
