package model

import "testing"

// TestQuestionnaireStand: the Stand of a questionnaire is the sum of its
// answers' versions, 0 without answers; a changed answer (a higher
// version) or an added one raises it.
func TestQuestionnaireStand(t *testing.T) {
	a := func(q int64, version int) EvaluationAnswer {
		return EvaluationAnswer{QuestionID: q, Year: 2026, Respondent: "FMK", Score: 3, Version: version}
	}
	for _, c := range []struct {
		name    string
		answers []EvaluationAnswer
		want    int
	}{
		{"no answers", nil, 0},
		{"one answer saved once", []EvaluationAnswer{a(1, 1)}, 1},
		{"three answers, one changed twice", []EvaluationAnswer{a(1, 1), a(2, 3), a(3, 1)}, 5},
	} {
		if got := QuestionnaireStand(c.answers); got != c.want {
			t.Errorf("%s: Stand %d, want %d", c.name, got, c.want)
		}
	}
	before := []EvaluationAnswer{a(1, 1), a(2, 1)}
	changed := []EvaluationAnswer{a(1, 2), a(2, 1)}
	added := []EvaluationAnswer{a(1, 1), a(2, 1), a(3, 1)}
	for name, after := range map[string][]EvaluationAnswer{"a changed answer": changed, "an added answer": added} {
		if QuestionnaireStand(after) <= QuestionnaireStand(before) {
			t.Errorf("%s does not raise the Stand: %d, before %d", name, QuestionnaireStand(after), QuestionnaireStand(before))
		}
	}
}
