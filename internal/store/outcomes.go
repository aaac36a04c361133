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

const outcomeCols = `id, conference_id, held_on, meeting, reference, title, text, recorded_by, recorder_id, recorded_at, version, first_recorded_by, first_recorded_at`

func scanOutcome(sc scanner) (model.ConferenceOutcome, error) {
	var o model.ConferenceOutcome
	var held, recorded, first string
	if err := sc.Scan(&o.ID, &o.ConferenceID, &held, &o.Meeting, &o.Reference, &o.Title, &o.Text, &o.RecordedBy, &o.RecorderID, &recorded, &o.Version,
		&o.FirstRecordedBy, &first); err != nil {
		return o, err
	}
	o.HeldOn = parseDate(held)
	o.Recorded, _ = timeParse(recorded)
	o.FirstRecorded, _ = timeParse(first)
	return o, nil
}

// checkOutcome checks an outcome inside the transaction that writes it:
// the outcome itself, that its conference is a FachMK, and, when a
// spokesperson writes it (spokesperson names their member), that the
// member holds the function for the conference (not yet ended). A
// secretariat ("": the conference's own or the Geschäftsstelle) is
// admitted by the caller's permission check.
func (s *Store) checkOutcome(ctx context.Context, tx *sql.Tx, o model.ConferenceOutcome, spokesperson string) error {
	if err := o.Validate(s.Today()); err != nil {
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
	names, err := memberNames(ctx, tx)
	if err != nil {
		return err
	}
	return model.RuleError("%s ist nicht Sprecher:in %s; Ergebnisse erfassen ihre Sprecher:innen im Amt und ihre Geschäftsstelle.", names.Of(spokesperson), b.Of())
}

// conferenceInTx reads FachMK id inside a transaction; another body is
// refused as invalid input.
func conferenceInTx(ctx context.Context, tx *sql.Tx, id int64) (model.Body, error) {
	b, err := bodyByID(ctx, tx, id)
	if err == nil && b.Kind != model.BodyFachMK {
		err = model.InputError("„%s“ ist keine Fachministerkonferenz.", b.Name)
	}
	return b, err
}

// holdsFunction reports, inside a transaction, whether member holds the
// spokesperson function for FachMK conferenceID: an assignment whose
// resignation has not yet taken effect. The last IT-PLR session held
// decides that (model.Assignment.Status), as for the reports.
func holdsFunction(ctx context.Context, tx queryer, conferenceID int64, member string) (bool, error) {
	holds, _, err := functionTerms(ctx, tx, conferenceID, member)
	return holds, err
}

// functionTerms is holdsFunction that also gives the member's assignments
// for the conference it read, every term, ended ones too, for a check
// that looks at the terms themselves (kickoffBeforeTerm) without reading
// them again in the same transaction.
func functionTerms(ctx context.Context, tx queryer, conferenceID int64, member string) (bool, []model.Assignment, error) {
	var last int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM sessions
		WHERE body_id = (SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1) AND status IN (?, ?, ?)`,
		model.BodyPlanningCouncil, model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved).Scan(&last); err != nil {
		return false, nil, fmt.Errorf("store: spokesperson function: %w", err)
	}
	as, err := queryList(ctx, tx, scanAssignment, "assignments", `SELECT `+assignmentCols+assignmentFrom+` WHERE a.conference_id = ? AND a.member_abbrev = ?`,
		conferenceID, member)
	if err != nil {
		return false, nil, err
	}
	for _, a := range as {
		if a.Status(last) != model.AssignmentEnded {
			return true, as, nil
		}
	}
	return false, as, nil
}

// HoldsFunction reports whether member holds the spokesperson function
// for FachMK conferenceID now (holdsFunction), for a page that offers what
// a spokesperson in office may do; the write checks it again.
func (s *Store) HoldsFunction(ctx context.Context, conferenceID int64, member string) (bool, error) {
	if member == "" || conferenceID == 0 {
		return false, nil
	}
	return holdsFunction(ctx, s.rd, conferenceID, member)
}

// CreateConferenceOutcome records an outcome of a FachMK session in one
// transaction, checked inside it (model.ConferenceOutcome.Validate, the
// conference is a FachMK, a spokesperson holds the function for it:
// spokesperson names their member, "" for a secretariat), and queues its
// notice in the same transaction (noticeOutcome). With SentOnce the same
// form sent again records nothing, queues no second notice and gives the
// outcome the first send recorded.
func (s *Store) CreateConferenceOutcome(ctx context.Context, o model.ConferenceOutcome, spokesperson string, opts ...FormOption) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.once(ctx, tx, formOptionsOf(opts), "conference_outcome", func() (int64, error) {
			now := s.now().UTC().Format("2006-01-02T15:04:05Z")
			if err := s.checkOutcome(ctx, tx, o, spokesperson); err != nil {
				return 0, err
			}
			id, err := s.insert(ctx, tx, "conference_outcome", o.Title,
				`INSERT INTO conference_outcomes (conference_id, held_on, meeting, reference, title, text, recorded_by, recorder_id, recorded_at, first_recorded_by, first_recorded_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				o.ConferenceID, o.HeldOn.String(), o.Meeting, o.Reference, o.Title, o.Text, o.RecordedBy, o.RecorderID, now, o.RecordedBy, now)
			if err != nil {
				return 0, err
			}
			o.ID = id
			return id, s.noticeOutcome(ctx, tx, o)
		})
		return err
	})
	return id, err
}

// noticeOutcome queues "Ergebnis einer Fachministerkonferenz erfasst" for
// a new outcome o: to the Geschäftsstelle's subscribers and those of the
// spokespersons in office for its conference, not to the account that
// recorded it, and never to anyone the publication gate does not let read
// the conference's outcomes (model.SeesConferenceOutcomes). Marked
// passages stay out (model.PublicText); the link leads to the full text.
func (s *Store) noticeOutcome(ctx context.Context, tx *sql.Tx, o model.ConferenceOutcome) error {
	var name, abbrev string
	if err := tx.QueryRowContext(ctx, `SELECT name, abbrev FROM bodies WHERE id = ?`, o.ConferenceID).Scan(&name, &abbrev); err != nil {
		return notFound(err, fmt.Sprintf("body %d", o.ConferenceID))
	}
	speakers, err := spokespersonMembers(ctx, tx, []int64{o.ConferenceID})
	if err != nil {
		return err
	}
	title := model.PublicText(o.Title)
	session := "Sitzung am " + o.HeldOn.German()
	if m := model.PublicText(o.Meeting); m != "" {
		session = m + " (" + session + ")"
	}
	if ref := model.PublicText(o.Reference); ref != "" {
		session += ", " + ref
	}
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventOutcomeRecorded,
		Key:     fmt.Sprintf("fachmk_ergebnis:%d", o.ID),
		Subject: fmt.Sprintf("Ergebnis %s erfasst: %s", model.Body{Name: name}.Of(), shorten(title, 80)),
		Body: fmt.Sprintf("%s hat ein Ergebnis %s erfasst: „%s“ – %s.\n\n"+
			"Der Text steht auf der Seite der Konferenz; Sprecher:innen können ihn unter „Reporting FachMK“ in ihren Bericht übernehmen.\n",
			o.RecordedBy, model.Body{Name: name}.Of(), title, session),
		Link: fmt.Sprintf("/fachmk/%s#ergebnis-%d", abbrev, o.ID),
		To: func(sub Subscriber) bool {
			u := sub.User
			return u.ID != o.RecorderID && model.SeesConferenceOutcomes(&u, o.ConferenceID) &&
				(u.Role == model.RoleSecretariat || u.Role == model.RoleSpokesperson && speakers[o.ConferenceID][u.MemberAbbrev])
		},
	})
	return err
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
			`held_on = ?, meeting = ?, reference = ?, title = ?, text = ?, recorded_by = ?, recorder_id = ?, recorded_at = ?`,
			o.HeldOn.String(), o.Meeting, o.Reference, o.Title, o.Text, o.RecordedBy, o.RecorderID, s.now().UTC().Format("2006-01-02T15:04:05Z"))
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
