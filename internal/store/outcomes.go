package store

import (
	"context"
	"database/sql"
	"fmt"

	"gremium/internal/model"
)

// The outcomes of the FachMK's own sessions (Ergebnisse der
// Fachministerkonferenzen), recorded by the conference's secretariat or
// its spokespersons for the report under "Reporting FachMK". Who may read
// them is model.SeesConferenceOutcomes; the pages ask it.

const outcomeCols = `id, conference_id, held_on, meeting, reference, title, text, recorded_by, recorded_at, version`

func scanOutcome(sc scanner) (model.ConferenceOutcome, error) {
	var o model.ConferenceOutcome
	var held, recorded string
	if err := sc.Scan(&o.ID, &o.ConferenceID, &held, &o.Meeting, &o.Reference, &o.Title, &o.Text, &o.RecordedBy, &recorded, &o.Version); err != nil {
		return o, err
	}
	o.HeldOn = parseDate(held)
	o.Recorded, _ = timeParse(recorded)
	return o, nil
}

// checkOutcome checks an outcome inside the transaction that writes it:
// the outcome itself, that its conference is a FachMK, and, when a
// spokesperson writes it (spokesperson names their member), that the
// member holds the function for the conference (not yet ended). A
// secretariat ("": the conference's own or the Geschäftsstelle) is
// admitted by the caller's permission check.
func (s *Store) checkOutcome(ctx context.Context, tx *sql.Tx, o model.ConferenceOutcome, spokesperson string) error {
	if err := o.Validate(model.BerlinDate(s.now())); err != nil {
		return err
	}
	b, err := conferenceInTx(ctx, tx, o.ConferenceID)
	if err != nil {
		return err
	}
	if spokesperson == "" {
		return nil
	}
	ok, err := holdsFunction(ctx, tx, o.ConferenceID, spokesperson)
	if err != nil || ok {
		return err
	}
	return model.RuleError("%s ist nicht Sprecher:in der %s; Ergebnisse erfassen ihre Sprecher:innen im Amt und ihre Geschäftsstelle.", spokesperson, b.Name)
}

// conferenceInTx reads FachMK id inside a transaction; another body is
// refused as invalid input.
func conferenceInTx(ctx context.Context, tx *sql.Tx, id int64) (model.Body, error) {
	b, err := queryOne(ctx, tx, scanBody, fmt.Sprintf("body %d", id), `SELECT `+bodyCols+` FROM bodies WHERE id = ?`, id)
	if err == nil && b.Kind != model.BodyFachMK {
		err = model.InputError("„%s“ ist keine Fachministerkonferenz.", b.Name)
	}
	return b, err
}

// holdsFunction reports, inside a transaction, whether member holds the
// spokesperson function for FachMK conferenceID: an assignment whose
// resignation has not yet taken effect. The last IT-PLR session held
// decides that (model.Assignment.Status), as for the reports.
func holdsFunction(ctx context.Context, tx *sql.Tx, conferenceID int64, member string) (bool, error) {
	var last int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM sessions
		WHERE body_id = (SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1) AND status IN (?, ?, ?)`,
		model.BodyPlanningCouncil, model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved).Scan(&last); err != nil {
		return false, fmt.Errorf("store: spokesperson function: %w", err)
	}
	as, err := queryList(ctx, tx, scanAssignment, "assignments", `SELECT `+assignmentCols+assignmentFrom+` WHERE a.conference_id = ? AND a.member_abbrev = ?`,
		conferenceID, member)
	if err != nil {
		return false, err
	}
	for _, a := range as {
		if a.Status(last) != model.AssignmentEnded {
			return true, nil
		}
	}
	return false, nil
}

// CreateConferenceOutcome records an outcome of a FachMK session in one
// transaction, checked inside it (model.ConferenceOutcome.Validate, the
// conference is a FachMK, a spokesperson holds the function for it:
// spokesperson names their member, "" for a secretariat).
func (s *Store) CreateConferenceOutcome(ctx context.Context, o model.ConferenceOutcome, spokesperson string) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if err := s.checkOutcome(ctx, tx, o, spokesperson); err != nil {
			return err
		}
		id, err = s.insert(ctx, tx, "conference_outcome", o.Title,
			`INSERT INTO conference_outcomes (conference_id, held_on, meeting, reference, title, text, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			o.ConferenceID, o.HeldOn.String(), o.Meeting, o.Reference, o.Title, o.Text, o.RecordedBy, s.now().UTC().Format("2006-01-02T15:04:05Z"))
		return err
	})
	return id, err
}

// UpdateConferenceOutcome corrects a recorded outcome (o.Version is the
// version read; a stale one gives ErrConflict and changes nothing). The
// outcome stays with its conference; the checks are those of
// CreateConferenceOutcome. The audit log keeps the text before.
func (s *Store) UpdateConferenceOutcome(ctx context.Context, o model.ConferenceOutcome, spokesperson string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := queryOne(ctx, tx, scanOutcome, fmt.Sprintf("outcome %d", o.ID), `SELECT `+outcomeCols+` FROM conference_outcomes WHERE id = ?`, o.ID)
		if err != nil {
			return err
		}
		o.ConferenceID = old.ConferenceID
		if err := s.checkOutcome(ctx, tx, o, spokesperson); err != nil {
			return err
		}
		return s.updateVersioned(ctx, tx, "conference_outcomes", "conference_outcome", o.ID, o.Version,
			`held_on = ?, meeting = ?, reference = ?, title = ?, text = ?, recorded_by = ?, recorded_at = ?`,
			o.HeldOn.String(), o.Meeting, o.Reference, o.Title, o.Text, o.RecordedBy, s.now().UTC().Format("2006-01-02T15:04:05Z"))
	})
}

// ConferenceOutcome reads one outcome.
func (s *Store) ConferenceOutcome(ctx context.Context, id int64) (model.ConferenceOutcome, error) {
	return queryOne(ctx, s.rd, scanOutcome, fmt.Sprintf("outcome %d", id), `SELECT `+outcomeCols+` FROM conference_outcomes WHERE id = ?`, id)
}

// ConferenceOutcomes gives a conference's outcomes of sessions held on or
// after since (zero: all), newest session first, at most limit (0: all).
func (s *Store) ConferenceOutcomes(ctx context.Context, conferenceID int64, since model.Date, limit int) ([]model.ConferenceOutcome, error) {
	q := `SELECT ` + outcomeCols + ` FROM conference_outcomes WHERE conference_id = ? AND held_on >= ? ORDER BY held_on DESC, id DESC`
	args := []any{conferenceID, since.String()}
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	return queryList(ctx, s.rd, scanOutcome, "conference outcomes", q, args...)
}
