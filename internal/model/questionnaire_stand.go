package model

// QuestionnaireStand gives the Stand of a questionnaire of the evaluation:
// the sum of the versions of its answers (one respondent's for one
// conference and year; 0 without any). Every save that changes an answer
// or adds one raises it, and answers are never removed, so a form that
// carries the Stand it showed tells whether the answers changed since.
// The store checks a save against the same sum, read inside its
// transaction.
func QuestionnaireStand(answers []EvaluationAnswer) int {
	n := 0
	for _, a := range answers {
		n += a.Version
	}
	return n
}
