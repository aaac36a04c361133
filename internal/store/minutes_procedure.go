package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gremium/internal/model"
)

// Minutes approved by written procedure (Bestätigung des Protokolls im
// Umlaufverfahren): the text sent to the members when the procedure starts
// is the text they approve, and it becomes the approved version. While the
// procedure is open the minutes therefore do not change — no row, item,
// decision, attendance line or approval in a session — so that the minutes
// shown after the approval are the text approved (docs/decision-rules.md).

// ErrMinutesInProcedure means the draft minutes of a session were to be
// changed, or approved otherwise, while a written procedure approving them
// is open. The error returned names the procedure and wraps both this and
// ErrImmutable (errors.Is finds either).
var ErrMinutesInProcedure error = &model.Error{Class: model.ErrRule,
	Reason: "Das Protokoll wird im Umlaufverfahren bestätigt; bis das Verfahren endet, bleibt es unverändert.", Err: ErrImmutable}

// MinutesProcedure is the open written procedure that approves the minutes
// of a session, as the refusal and the pages name it.
type MinutesProcedure struct {
	ID       int64
	Title    string    // the proposal's title: "Bestätigung des Protokolls der 48. Sitzung"
	Deadline time.Time // an instant; shown in German time
}

// Reason gives the German reason why the minutes of session number do not
// change now, naming the procedure and its deadline.
func (p MinutesProcedure) Reason(number int) string {
	return fmt.Sprintf("Das Protokoll der %d. Sitzung wird im Umlaufverfahren „%s“ (Frist: %s) bestätigt: bestätigt wird der Text, der den Mitgliedern zugesandt wurde. Bis das Verfahren endet, bleibt das Protokoll unverändert; nach der Bestätigung wird es durch eine Berichtigung geändert, wird es nicht bestätigt, kann es wieder bearbeitet werden.",
		number, p.Title, model.BerlinDateTime(p.Deadline))
}

// openMinutesProcedure gives through q the open written procedure that
// approves the minutes of the body's session number, and false if there is
// none.
func openMinutesProcedure(ctx context.Context, q queryer, bodyID int64, number int) (MinutesProcedure, bool, error) {
	var p MinutesProcedure
	var deadline string
	err := q.QueryRowContext(ctx, `SELECT p.id, d.title, p.deadline FROM written_procedures p JOIN decisions d ON d.id = p.decision_id
		WHERE p.status = ? AND p.approves_session = ? AND d.body_id = ? ORDER BY p.id LIMIT 1`,
		model.ProcedureOpen, number, bodyID).Scan(&p.ID, &p.Title, &deadline)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	} else if err != nil {
		return p, false, fmt.Errorf("store: written procedure on the minutes of session %d: %w", number, err)
	}
	p.Deadline, _ = time.Parse(time.RFC3339, deadline)
	return p, true, nil
}

// OpenMinutesProcedure gives the open written procedure that approves the
// minutes of a session, and false if there is none: the live page and the
// minutes pages say that the minutes are held for it.
func (s *Store) OpenMinutesProcedure(ctx context.Context, se model.Session) (MinutesProcedure, bool, error) {
	if se.Status != model.StatusMinutesDraft {
		return MinutesProcedure{}, false, nil
	}
	return openMinutesProcedure(ctx, s.rd, se.BodyID, se.Number)
}

// minutesInProcedure refuses, inside tx, a change or another approval of
// the minutes of the body's session number while a written procedure
// approving them is open (ErrMinutesInProcedure, the reason naming it).
func minutesInProcedure(ctx context.Context, tx *sql.Tx, bodyID int64, number int) error {
	p, open, err := openMinutesProcedure(ctx, tx, bodyID, number)
	if err != nil || !open {
		return err
	}
	return &model.Error{Class: model.ErrRule, Reason: p.Reason(number), Err: ErrMinutesInProcedure}
}

// checkNotInProcedure is minutesInProcedure for the session with the id:
// for writes that approved minutes may still take (a decision recorded
// from the past) but minutes in a written procedure may not.
func checkNotInProcedure(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	var status model.SessionStatus
	var number int
	var bodyID int64
	if err := tx.QueryRowContext(ctx, `SELECT status, number, body_id FROM sessions WHERE id = ?`, sessionID).Scan(&status, &number, &bodyID); err != nil {
		return notFound(err, fmt.Sprintf("session %d", sessionID))
	}
	if status.MinutesFrozen() {
		return correctionInProcedure(ctx, tx, sessionID, number)
	}
	if status != model.StatusMinutesDraft {
		return nil
	}
	return minutesInProcedure(ctx, tx, bodyID, number)
}

// correctionInProcedure refuses, inside tx, a change of the approved
// minutes of session sessionID (numbered number) — another correction
// proposed or approved, a decision recorded — while a written procedure
// approving a correction of them is open: its result approves the text
// sent to the members, which such a change would make another
// (StartCorrectionProcedure). The error wraps ErrMinutesInProcedure.
func correctionInProcedure(ctx context.Context, tx *sql.Tx, sessionID int64, number int) error {
	p, open, err := openCorrectionProcedure(ctx, tx, sessionID)
	if err != nil || !open {
		return err
	}
	return &model.Error{Class: model.ErrRule, Err: ErrMinutesInProcedure,
		Reason: fmt.Sprintf("Eine Berichtigung des Protokolls der %d. Sitzung wird im Umlaufverfahren „%s“ (Frist: %s) genehmigt: genehmigt wird der Text, der den Mitgliedern zugesandt wurde. Bis das Verfahren endet, wird das Protokoll nicht weiter berichtigt.",
			number, model.PublicText(p.Title), model.BerlinDateTime(p.Deadline))}
}

// openCorrectionProcedure gives through q the open written procedure that
// approves a correction of the approved minutes of session sessionID, and
// false if there is none.
func openCorrectionProcedure(ctx context.Context, q queryer, sessionID int64) (MinutesProcedure, bool, error) {
	var p MinutesProcedure
	var deadline string
	err := q.QueryRowContext(ctx, `SELECT p.id, d.title, p.deadline FROM correction_procedures cp JOIN written_procedures p ON p.id = cp.procedure_id
		JOIN decisions d ON d.id = p.decision_id JOIN minutes_corrections c ON c.id = cp.correction_id
		WHERE p.status = ? AND c.session_id = ? ORDER BY p.id LIMIT 1`, model.ProcedureOpen, sessionID).Scan(&p.ID, &p.Title, &deadline)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	} else if err != nil {
		return p, false, fmt.Errorf("store: written procedure on a correction of session %d: %w", sessionID, err)
	}
	p.Deadline, _ = time.Parse(time.RFC3339, deadline)
	return p, true, nil
}

// OpenCorrectionProcedure gives the open written procedure that approves
// a correction of the approved minutes of the session with the id, and
// false if there is none: the forms that would correct those minutes say
// that they wait for it.
func (s *Store) OpenCorrectionProcedure(ctx context.Context, sessionID int64) (MinutesProcedure, bool, error) {
	return openCorrectionProcedure(ctx, s.rd, sessionID)
}
