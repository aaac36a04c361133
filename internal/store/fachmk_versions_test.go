package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestTaskUpdateIsVersioned: an edit of a row of the role/task matrix
// from a page read before another one's overwrote it (updatePlain); now
// the version read must match, and the first change stays.
func TestTaskUpdateIsVersioned(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	tid := must[int64](t)(s.CreateTask(ctx, model.Task{Position: 1, Text: "Auftaktgespräch", Spokesperson: model.ResponsibilityLead}))
	read := must[[]model.Task](t)(s.Tasks(ctx))[0]
	if read.Version != 1 {
		t.Fatalf("a new task's version: %d", read.Version)
	}
	first := read
	first.Text = "Auftaktgespräch mit der FachMK"
	check(t, s.UpdateTask(ctx, first))
	second := read
	second.Recurrence = model.RecurYear
	if err := s.UpdateTask(ctx, second); !errors.Is(err, ErrConflict) {
		t.Errorf("an edit on the version read before the first: %v", err)
	}
	got := must[[]model.Task](t)(s.Tasks(ctx))[0]
	if got.ID != tid || got.Text != "Auftaktgespräch mit der FachMK" || got.Recurrence != model.RecurOnce || got.Version != 2 {
		t.Errorf("after the refused edit: %+v", got)
	}
}

// TestDuplicateTaskAndQuestionAtTheirField: a task or an evaluation
// question whose text exists was refused with "Ein Eintrag mit dieser
// Nummer oder diesem Namen existiert bereits." and no field; the reason
// now names the text, at the field "text".
func TestDuplicateTaskAndQuestionAtTheirField(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	must[int64](t)(s.CreateTask(ctx, model.Task{Position: 1, Text: "Auftaktgespräch"}))
	other := must[int64](t)(s.CreateTask(ctx, model.Task{Position: 2, Text: "Handakte"}))
	atText := func(what string, err error, want string) {
		t.Helper()
		if model.FieldOf(err) != "text" || !strings.Contains(model.ReasonOf(err), want) {
			t.Errorf("%s: %v (field %q), want %q at text", what, err, model.FieldOf(err), want)
		}
	}
	_, err := s.CreateTask(ctx, model.Task{Position: 3, Text: "Auftaktgespräch"})
	atText("a second task", err, "Eine Aufgabe „Auftaktgespräch“ gibt es bereits.")
	err = s.UpdateTask(ctx, model.Task{ID: other, Position: 2, Text: "Auftaktgespräch", Version: 1})
	atText("a task renamed to another's text", err, "Eine Aufgabe „Auftaktgespräch“ gibt es bereits.")
	must[int64](t)(s.CreateQuestion(ctx, model.EvaluationQuestion{Position: 1, Text: "Sind Anknüpfungspunkte identifiziert?"}))
	_, err = s.CreateQuestion(ctx, model.EvaluationQuestion{Position: 2, Text: "Sind Anknüpfungspunkte identifiziert?"})
	atText("a second question", err, "Eine Evaluationsfrage „Sind Anknüpfungspunkte identifiziert?“ gibt es bereits.")
}

// TestAnswersOnStand: a FachMK's answers are shared by every account of
// its secretariat; a questionnaire sent on a Stand other than the saved
// one is refused, naming who saved last, and keeps the saved answers; a
// save that changes nothing keeps the Stand; a closed round says so
// first.
func TestAnswersOnStand(t *testing.T) {
	s, _ := newStore(t)
	bg := context.Background()
	conf := must[int64](t)(s.CreateBody(bg, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	if _, err := s.CreateUser(bg, model.User{Username: "fmk-eins", Name: "Geschäftsstelle FMK", Role: model.RoleFachMK, ConferenceID: conf}, "x"); err != nil {
		t.Fatal(err)
	}
	first, second := WithActor(bg, "fmk-eins"), WithActor(bg, "fmk-zwei")
	q := must[int64](t)(s.CreateQuestion(first, model.EvaluationQuestion{Position: 1, Text: "Frage"}))
	must[int64](t)(s.OpenRound(first, 2026, []int64{q}))
	answer := func(score int, comment string) []model.EvaluationAnswer {
		return []model.EvaluationAnswer{{QuestionID: q, Respondent: "FMK", ConferenceID: conf, Role: model.RoleFachMK, Score: score, Comment: comment}}
	}
	check(t, s.SubmitAnswersOnStand(first, 2026, 0, answer(5, "Sehr gute Abstimmung")))
	err := s.SubmitAnswersOnStand(second, 2026, 0, answer(2, ""))
	if model.ClassOf(err) != model.ErrConflict || !strings.Contains(model.ReasonOf(err), "zuletzt von Geschäftsstelle FMK (fmk-eins) am ") {
		t.Errorf("answers on the Stand before the first account's: %v", err)
	}
	saved := must[[]model.EvaluationAnswer](t)(s.Answers(bg, 2026))
	if len(saved) != 1 || saved[0].Score != 5 || saved[0].Comment != "Sehr gute Abstimmung" || saved[0].ChangedBy != "fmk-eins" || saved[0].ChangedAt.IsZero() {
		t.Fatalf("the first account's answer: %+v", saved)
	}
	stand := model.QuestionnaireStand(saved)
	check(t, s.SubmitAnswersOnStand(second, 2026, stand, answer(5, "Sehr gute Abstimmung")))
	if now := model.QuestionnaireStand(must[[]model.EvaluationAnswer](t)(s.Answers(bg, 2026))); now != stand {
		t.Errorf("a save that changes nothing moved the Stand from %d to %d", stand, now)
	}
	check(t, s.SubmitAnswersOnStand(second, 2026, stand, answer(4, "")))
	saved = must[[]model.EvaluationAnswer](t)(s.Answers(bg, 2026))
	if saved[0].Score != 4 || saved[0].ChangedBy != "fmk-zwei" || model.QuestionnaireStand(saved) <= stand {
		t.Errorf("the answer changed on the Stand shown: %+v", saved)
	}
	r := must[model.EvaluationRound](t)(s.Round(bg, 2026))
	check(t, s.CloseRound(first, 2026, r.Version))
	if err := s.SubmitAnswersOnStand(first, 2026, stand, answer(3, "")); model.ClassOf(err) != model.ErrRule {
		t.Errorf("answers in a closed round on an old Stand: %v", err)
	}
}
