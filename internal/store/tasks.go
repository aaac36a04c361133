package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"gremium/internal/model"
)

// The checklists of the role/task matrix (Tabelle 3): a check per task,
// FachMK and period with its evidence.

const taskCheckCols = `id, task_id, conference_id, period, due_on, done, done_on, note, document, done_by, version`

func scanTaskCheck(r scanner) (model.TaskCheck, error) {
	var c model.TaskCheck
	var due, done string
	if err := r.Scan(&c.ID, &c.TaskID, &c.ConferenceID, &c.Period, &due, &c.Done, &done, &c.Note, &c.Document, &c.DoneBy, &c.Version); err != nil {
		return c, err
	}
	c.Due, c.DoneOn = parseDate(due), parseDate(done)
	return c, nil
}

// TaskChecks gives the checks of a FachMK, by task and period.
func (s *Store) TaskChecks(ctx context.Context, conferenceID int64) ([]model.TaskCheck, error) {
	return queryList(ctx, s.db, scanTaskCheck, "task checks", `SELECT `+taskCheckCols+` FROM task_checks WHERE conference_id = ? ORDER BY task_id, period`, conferenceID)
}

// SaveTaskCheck stores the state of a task for a FachMK and a period, or
// changes it (c.Version is the version read; 0 when there was none).
// secretariat says who saves: a spokesperson may not check off a task the
// matrix gives to FITKO alone.
//
// Note and document take [[…]] for confidential passages as the minutes
// do (model.MarkFields): the checklist is internal, its readers see them
// marked.
func (s *Store) SaveTaskCheck(ctx context.Context, c model.TaskCheck, secretariat bool) error {
	if err := errors.Join(c.Validate(), model.MarkFields(model.MarkedField{Field: "notiz", Text: &c.Note}, model.MarkedField{Field: "dokument", Text: &c.Document})); err != nil {
		return err
	}
	if c.Done {
		if err := model.CheckDoneOn("datum", c.DoneOn, s.Today()); err != nil {
			return err
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var t model.Task
		t, err := queryOne(ctx, tx, scanTask, fmt.Sprintf("task %d", c.TaskID), `SELECT `+taskCols+` FROM tasks WHERE id = ?`, c.TaskID)
		if err != nil {
			return err
		}
		if !t.Concerns() {
			return model.RuleError("Für die Aufgabe „%s“ ist niemand verantwortlich; sie steht auf keiner Aufgabenliste.", t.Text)
		}
		if err := t.CheckableBy(secretariat); err != nil {
			return err
		}
		if (t.Recurrence == model.RecurOnce) != (c.Period == "") {
			return model.InputError("Der Zeitraum „%s“ passt nicht zur Wiederholung „%s“ der Aufgabe.", c.Period, t.Recurrence.Label())
		}
		if _, err := conferenceName(ctx, tx, c.ConferenceID); err != nil {
			return err
		}
		var id int64
		var due string
		err = tx.QueryRowContext(ctx, `SELECT id, due_on FROM task_checks WHERE task_id = ? AND conference_id = ? AND period = ?`, c.TaskID, c.ConferenceID, c.Period).Scan(&id, &due)
		if err == nil || errors.Is(err, sql.ErrNoRows) {
			// A deadline set now for an open task lies ahead; one kept
			// as it was stands, however old.
			if today := s.Today(); !c.Done && !c.Due.IsZero() && c.Due.Before(today) && c.Due.String() != due {
				return model.AtField("frist", model.RuleError("Die Frist %s liegt in der Vergangenheit; bitte einen Tag ab heute (%s) angeben.", c.Due.German(), today.German()))
			}
		}
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if c.Version != 0 {
				return fmt.Errorf("store: task check: %w", ErrConflict)
			}
			_, err := s.insert(ctx, tx, "task_check", t.Text,
				`INSERT INTO task_checks (task_id, conference_id, period, due_on, done, done_on, note, document, done_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				c.TaskID, c.ConferenceID, c.Period, c.Due.String(), c.Done, c.DoneOn.String(), c.Note, c.Document, c.DoneBy)
			return err
		case err != nil:
			return fmt.Errorf("store: task check: %w", err)
		}
		return s.updateVersioned(ctx, tx, "task_checks", "task_check", id, c.Version,
			`due_on = ?, done = ?, done_on = ?, note = ?, document = ?, done_by = ?`, c.Due.String(), c.Done, c.DoneOn.String(), c.Note, c.Document, c.DoneBy)
	})
}
