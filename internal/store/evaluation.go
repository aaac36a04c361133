package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gremium/internal/model"
)

// The yearly evaluation (concept section 4, Tabelle 2): rounds opened and
// closed by the secretariat, their questions chosen per year from the
// catalogue, the answers of spokespersons and FachMK secretariats.

func scanRound(r scanner) (model.EvaluationRound, error) {
	var x model.EvaluationRound
	var opened, closed string
	if err := r.Scan(&x.ID, &x.Year, &x.Status, &opened, &closed, &x.Version); err != nil {
		return x, err
	}
	x.Opened, _ = timeParse(opened)
	x.Closed, _ = timeParse(closed)
	return x, nil
}

const roundCols = `id, year, status, opened_at, closed_at, version`

func (s *Store) roundQuestions(ctx context.Context, q queryer, r *model.EvaluationRound) error {
	ids, err := queryList(ctx, q, func(sc scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, "round questions", `SELECT question_id FROM evaluation_round_questions WHERE round_id = ? ORDER BY position`, r.ID)
	r.QuestionIDs = ids
	return err
}

// Rounds gives the evaluation rounds, newest year first, with their
// questions.
func (s *Store) Rounds(ctx context.Context) ([]model.EvaluationRound, error) {
	list, err := queryList(ctx, s.db, scanRound, "rounds", `SELECT `+roundCols+` FROM evaluation_rounds ORDER BY year DESC`)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if err := s.roundQuestions(ctx, s.db, &list[i]); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// Round gives the round of a year, with its questions.
func (s *Store) Round(ctx context.Context, year int) (model.EvaluationRound, error) {
	return s.roundOf(ctx, s.db, year)
}

// roundOf reads the round of a year with its questions through q.
func (s *Store) roundOf(ctx context.Context, q queryer, year int) (model.EvaluationRound, error) {
	r, err := queryOne(ctx, q, scanRound, fmt.Sprintf("evaluation round %d", year), `SELECT `+roundCols+` FROM evaluation_rounds WHERE year = ?`, year)
	if err != nil {
		return r, err
	}
	return r, s.roundQuestions(ctx, q, &r)
}

// openRoundTx reads the round of a year with its questions inside tx, and
// refuses it (model.EvaluationRound.Accepts) when it is closed.
func (s *Store) openRoundTx(ctx context.Context, tx *sql.Tx, year int) (model.EvaluationRound, error) {
	r, err := s.roundOf(ctx, tx, year)
	if err != nil {
		return r, err
	}
	return r, r.Accepts()
}

// setRoundQuestions replaces the questions of a round inside tx; every
// id must be a question of the catalogue.
func setRoundQuestions(ctx context.Context, tx *sql.Tx, roundID int64, ids []int64) error {
	if len(ids) == 0 {
		return model.AtField("frage", model.InputError("Eine Evaluationsrunde braucht mindestens eine Frage."))
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM evaluation_round_questions WHERE round_id = ?`, roundID); err != nil {
		return fmt.Errorf("store: round questions: %w", err)
	}
	for i, id := range ids {
		var ok int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM evaluation_questions WHERE id = ?`, id).Scan(&ok); err != nil {
			return notFound(err, fmt.Sprintf("evaluation question %d", id))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_round_questions (round_id, position, question_id) VALUES (?, ?, ?)`, roundID, i, id); err != nil {
			if isUniqueViolation(err) {
				return model.InputError("Eine Frage ist doppelt gewählt.")
			}
			return fmt.Errorf("store: round questions: %w", err)
		}
	}
	return nil
}

// roundExists refuses a second round of a year, at the field of the year.
func roundExists(year int) error {
	return model.AtField("jahr", model.RuleError("Für %d gibt es bereits eine Evaluationsrunde.", year))
}

// hasField reports whether one of the refusals err joins is at field.
func hasField(err error, field string) bool {
	for _, e := range model.ErrorsOf(err) {
		if model.FieldOf(e) == field {
			return true
		}
	}
	return false
}

// OpenRound opens the evaluation round of a year with the questions given
// (in order). A year has one round.
func (s *Store) OpenRound(ctx context.Context, year int, questionIDs []int64) (int64, error) {
	if err := model.CheckNewRound(year, questionIDs); err != nil {
		// Every reason at once: a year that has its round already is said
		// beside the missing questions.
		if !hasField(err, "jahr") {
			if _, rerr := s.Round(ctx, year); rerr == nil {
				err = errors.Join(err, roundExists(year))
			} else if !errors.Is(rerr, ErrNotFound) {
				return 0, rerr
			}
		}
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insert(ctx, tx, "evaluation_round", fmt.Sprint(year),
			`INSERT INTO evaluation_rounds (year, status, opened_at) VALUES (?, ?, ?)`, year, model.RoundOpen, s.now().UTC().Format("2006-01-02T15:04:05Z"))
		if errors.Is(err, ErrDuplicate) {
			return roundExists(year)
		}
		if err != nil {
			return err
		}
		return setRoundQuestions(ctx, tx, id, questionIDs)
	})
	return id, err
}

// SetRoundQuestions changes the questions of an open round that has no
// answers yet; version is the round's version read.
func (s *Store) SetRoundQuestions(ctx context.Context, year, version int, questionIDs []int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.openRoundTx(ctx, tx, year)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM evaluation_answers WHERE year = ?`, year).Scan(&n); err != nil {
			return fmt.Errorf("store: round questions: %w", err)
		}
		if n > 0 {
			return model.RuleError("Zur Runde %d liegen schon Antworten vor; die Fragen bleiben, wie sie beantwortet werden.", year)
		}
		if err := s.updateVersioned(ctx, tx, "evaluation_rounds", "evaluation_round", r.ID, version, `status = status`); err != nil {
			return err
		}
		return setRoundQuestions(ctx, tx, r.ID, questionIDs)
	})
}

// CloseRound closes the round of a year: no more answers.
func (s *Store) CloseRound(ctx context.Context, year, version int) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.openRoundTx(ctx, tx, year)
		if err != nil {
			return err
		}
		return s.updateVersioned(ctx, tx, "evaluation_rounds", "evaluation_round", r.ID, version, `status = ?, closed_at = ?`,
			model.RoundClosed, s.now().UTC().Format("2006-01-02T15:04:05Z"))
	})
}

// SubmitAnswers stores one respondent's answers for one conference in the
// open round of the year, all or none; an answer given before is replaced
// (the audit log keeps both). It checks no Stand: for answers that come
// from no form (the demo data); a questionnaire's form saves with
// SubmitAnswersOnStand.
func (s *Store) SubmitAnswers(ctx context.Context, year int, answers []model.EvaluationAnswer) error {
	return s.submitAnswers(ctx, year, -1, answers)
}

// SubmitAnswersOnStand is SubmitAnswers for a questionnaire's form: stand
// is the Stand of the respondent's answers for the conference the form
// showed (model.QuestionnaireStand). The answers are shared by every
// account of the respondent (the FachMK secretariat's, the member's
// office's); when one of them saved meanwhile, nothing is saved and the
// conflict says who saved last and when. Before, the second account's
// older page replaced the first one's scores and deleted its comments
// without a word.
func (s *Store) SubmitAnswersOnStand(ctx context.Context, year, stand int, answers []model.EvaluationAnswer) error {
	return s.submitAnswers(ctx, year, max(stand, 0), answers)
}

// submitAnswers stores the answers of one questionnaire; stand is the
// Stand the form showed, -1 to store without the check.
func (s *Store) submitAnswers(ctx context.Context, year, stand int, answers []model.EvaluationAnswer) error {
	if len(answers) == 0 {
		return model.InputError("Bitte beantworten Sie mindestens eine Frage.")
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.openRoundTx(ctx, tx, year)
		if err != nil {
			return err
		}
		if stand >= 0 {
			if err := s.onStand(ctx, tx, year, stand, answers[0]); err != nil {
				return err
			}
		}
		for _, a := range answers {
			if stand >= 0 && (a.Respondent != answers[0].Respondent || a.ConferenceID != answers[0].ConferenceID) {
				return model.InputError("Ein Fragebogen enthält die Antworten einer Stelle für eine Fachministerkonferenz.")
			}
			a.Year = year
			if !r.Asks(a.QuestionID) {
				return model.InputError("Die Frage %d gehört nicht zur Evaluationsrunde %d.", a.QuestionID, year)
			}
			if _, err := s.saveAnswer(ctx, tx, a); err != nil {
				return err
			}
		}
		return nil
	})
}

// SaveAnswer stores a respondent's answer to a question for a year outside
// a round's form (answers recorded from the past); a second answer by the
// same respondent for the same question, year and conference replaces the
// first (and the audit log keeps both events).
func (s *Store) SaveAnswer(ctx context.Context, a model.EvaluationAnswer) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.saveAnswer(ctx, tx, a)
		return err
	})
	return id, err
}

// onStand refuses, inside tx, a questionnaire (the respondent and
// conference of answer a, for year) whose answers are no longer at stand
// (the sum model.QuestionnaireStand gives, read here in SQL): a conflict
// that names who saved them last and when, if known.
func (s *Store) onStand(ctx context.Context, tx *sql.Tx, year, stand int, a model.EvaluationAnswer) error {
	var now int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(version), 0) FROM evaluation_answers WHERE year = ? AND respondent = ? AND conference_id = ?`,
		year, a.Respondent, a.ConferenceID).Scan(&now); err != nil {
		return fmt.Errorf("store: questionnaire stand: %w", err)
	}
	if now == stand {
		return nil
	}
	var by, at string
	err := tx.QueryRowContext(ctx, `SELECT changed_by, changed_at FROM evaluation_answers WHERE year = ? AND respondent = ? AND conference_id = ?
		ORDER BY changed_at DESC, id DESC LIMIT 1`, year, a.Respondent, a.ConferenceID).Scan(&by, &at)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: questionnaire stand: %w", err)
	}
	who := ""
	if by != "" {
		who = by
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM users WHERE username = ?`, by).Scan(&name); err == nil && name != "" {
			who = fmt.Sprintf("%s (%s)", name, by)
		}
		who = " – zuletzt von " + who
		if t, err := timeParse(at); err == nil {
			who += " am " + model.BerlinDateTime(t)
		}
	}
	return model.ConflictError("Die Antworten dieses Fragebogens wurden inzwischen gespeichert%s, von einem anderen Konto oder in einem anderen Fenster. Ihre Antworten sind nicht gespeichert: Die Seite zeigt die gespeicherten Antworten, das Formular Ihre Eingabe. Bitte prüfen Sie beides und speichern Sie erneut.", who)
}

func (s *Store) saveAnswer(ctx context.Context, tx *sql.Tx, a model.EvaluationAnswer) (int64, error) {
	if err := a.Validate(); err != nil {
		return 0, err
	}
	if a.Role == "" {
		a.Role = model.RoleSpokesperson
	}
	var existing, id int64
	switch err := tx.QueryRowContext(ctx, `SELECT id FROM evaluation_answers WHERE question_id = ? AND year = ? AND respondent = ? AND conference_id = ?`,
		a.QuestionID, a.Year, a.Respondent, a.ConferenceID).Scan(&existing); {
	case err == nil:
		if err := s.touch(ctx, tx, "evaluation_answer", existing); err != nil {
			return 0, err
		}
	case !errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("store: save answer: %w", err)
	}
	// An answer saved again unchanged keeps its version (and so the
	// questionnaire its Stand): another account's open page stays good.
	if err := tx.QueryRowContext(ctx,
		`INSERT INTO evaluation_answers (question_id, year, respondent, conference_id, role, score, comment, version, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
		 ON CONFLICT (question_id, year, respondent, conference_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, role = excluded.role,
		   version = evaluation_answers.version + CASE WHEN evaluation_answers.score = excluded.score AND evaluation_answers.comment = excluded.comment THEN 0 ELSE 1 END,
		   changed_by = CASE WHEN evaluation_answers.score = excluded.score AND evaluation_answers.comment = excluded.comment THEN evaluation_answers.changed_by ELSE excluded.changed_by END,
		   changed_at = CASE WHEN evaluation_answers.score = excluded.score AND evaluation_answers.comment = excluded.comment THEN evaluation_answers.changed_at ELSE excluded.changed_at END
		 RETURNING id`, a.QuestionID, a.Year, a.Respondent, a.ConferenceID, a.Role, a.Score, a.Comment,
		actorFrom(ctx), s.now().UTC().Format("2006-01-02T15:04:05Z")).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: save answer: %w", err)
	}
	if existing == 0 {
		if err := s.created(ctx, tx, "evaluation_answer", id); err != nil {
			return 0, err
		}
	}
	return id, s.audit(ctx, tx, "answer", "evaluation_answer", id, fmt.Sprintf("%s %d: %d", a.Respondent, a.Year, a.Score))
}

// Answers gives the answers of a year (0: all years).
func (s *Store) Answers(ctx context.Context, year int) ([]model.EvaluationAnswer, error) {
	return queryList(ctx, s.db, func(r scanner) (model.EvaluationAnswer, error) {
		var a model.EvaluationAnswer
		var at string
		err := r.Scan(&a.ID, &a.QuestionID, &a.Year, &a.Respondent, &a.ConferenceID, &a.Role, &a.Score, &a.Comment, &a.Version, &a.ChangedBy, &at)
		a.ChangedAt, _ = timeParse(at)
		return a, err
	}, "evaluation answers", `SELECT id, question_id, year, respondent, conference_id, role, score, comment, version, changed_by, changed_at FROM evaluation_answers
		WHERE ? = 0 OR year = ? ORDER BY year, question_id, respondent, conference_id`, year, year)
}
