package store

import (
	"context"
	"database/sql"
	"fmt"

	"gremium/internal/model"
)

// The contacts and talks of the spokespersons with their FachMK (Kontakte
// und Gespräche, Auftaktgespräch), logged by the spokesperson in office or
// the Geschäftsstelle. Who may read them is model.SeesSpokespersonContacts;
// the pages ask it.

const spokespersonContactCols = `id, conference_id, member_abbrev, kind, held_on, with_whom, participants, topics, next_steps, recorded_by, recorded_at, version`

func scanSpokespersonContact(sc scanner) (model.SpokespersonContact, error) {
	var c model.SpokespersonContact
	var kind, held, recorded string
	if err := sc.Scan(&c.ID, &c.ConferenceID, &c.Member, &kind, &held, &c.With, &c.Participants, &c.Topics, &c.NextSteps, &c.RecordedBy, &recorded, &c.Version); err != nil {
		return c, err
	}
	c.Kind = model.ContactKind(kind)
	c.HeldOn = parseDate(held)
	c.Recorded, _ = timeParse(recorded)
	return c, nil
}

// CreateSpokespersonContact logs a contact in one transaction, checked
// inside it: model.SpokespersonContact.Validate, the conference is a
// FachMK, and c.Member holds the spokesperson function for it (not ended).
// spokesperson names the member of the spokesperson who writes ("" for
// the Geschäftsstelle, admitted by the caller's permission check): a
// spokesperson logs only their own contacts.
func (s *Store) CreateSpokespersonContact(ctx context.Context, c model.SpokespersonContact, spokesperson string) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if spokesperson != "" && c.Member != spokesperson {
			return model.ForbiddenError("Sprecher:innen erfassen ihre eigenen Kontakte (%s), nicht die von %s.", spokesperson, c.Member)
		}
		if err := s.checkSpokespersonContact(ctx, tx, c); err != nil {
			return err
		}
		id, err = s.insert(ctx, tx, "spokesperson_contact", c.Label(),
			`INSERT INTO spokesperson_contacts (conference_id, member_abbrev, kind, held_on, with_whom, participants, topics, next_steps, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ConferenceID, c.Member, string(c.Kind), c.HeldOn.String(), c.With, c.Participants, c.Topics, c.NextSteps, c.RecordedBy, s.now().UTC().Format("2006-01-02T15:04:05Z"))
		return err
	})
	return id, err
}

// checkSpokespersonContact checks a contact inside the transaction that
// writes it: the contact itself, its conference, and that its member holds
// the function for it.
func (s *Store) checkSpokespersonContact(ctx context.Context, tx *sql.Tx, c model.SpokespersonContact) error {
	if err := c.Validate(model.BerlinDate(s.now())); err != nil {
		return err
	}
	b, err := conferenceInTx(ctx, tx, c.ConferenceID)
	if err != nil {
		return err
	}
	ok, err := holdsFunction(ctx, tx, c.ConferenceID, c.Member)
	if err != nil || ok {
		return err
	}
	return model.AtField("land", model.RuleError("%s ist nicht Sprecher:in der %s; Kontakte erfassen ihre Sprecher:innen im Amt.", c.Member, b.Name))
}

// UpdateSpokespersonContact corrects a logged contact (c.Version is the
// version read; a stale one gives ErrConflict and changes nothing). The
// contact stays with its conference and member. A spokesperson (their
// member in spokesperson) corrects only their own contacts and only while
// in office, checked as in CreateSpokespersonContact; the Geschäftsstelle
// ("") corrects any, also after the function ended. The audit log keeps
// the state before.
func (s *Store) UpdateSpokespersonContact(ctx context.Context, c model.SpokespersonContact, spokesperson string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := queryOne(ctx, tx, scanSpokespersonContact, fmt.Sprintf("spokesperson contact %d", c.ID), `SELECT `+spokespersonContactCols+` FROM spokesperson_contacts WHERE id = ?`, c.ID)
		if err != nil {
			return err
		}
		c.ConferenceID, c.Member = old.ConferenceID, old.Member
		if spokesperson != "" && old.Member != spokesperson {
			return model.ForbiddenError("Sprecher:innen berichtigen ihre eigenen Kontakte (%s), nicht die von %s.", spokesperson, old.Member)
		}
		if spokesperson != "" {
			err = s.checkSpokespersonContact(ctx, tx, c)
		} else {
			err = c.Validate(model.BerlinDate(s.now()))
		}
		if err != nil {
			return err
		}
		return s.updateVersioned(ctx, tx, "spokesperson_contacts", "spokesperson_contact", c.ID, c.Version,
			`kind = ?, held_on = ?, with_whom = ?, participants = ?, topics = ?, next_steps = ?, recorded_by = ?, recorded_at = ?`,
			string(c.Kind), c.HeldOn.String(), c.With, c.Participants, c.Topics, c.NextSteps, c.RecordedBy, s.now().UTC().Format("2006-01-02T15:04:05Z"))
	})
}

// SpokespersonContact reads one contact.
func (s *Store) SpokespersonContact(ctx context.Context, id int64) (model.SpokespersonContact, error) {
	return queryOne(ctx, s.rd, scanSpokespersonContact, fmt.Sprintf("spokesperson contact %d", id), `SELECT `+spokespersonContactCols+` FROM spokesperson_contacts WHERE id = ?`, id)
}

// SpokespersonContacts gives the contacts logged for FachMK conferenceID
// (0: of all conferences), newest first.
func (s *Store) SpokespersonContacts(ctx context.Context, conferenceID int64) ([]model.SpokespersonContact, error) {
	q := `SELECT ` + spokespersonContactCols + ` FROM spokesperson_contacts`
	var args []any
	if conferenceID != 0 {
		q += ` WHERE conference_id = ?`
		args = append(args, conferenceID)
	}
	return queryList(ctx, s.rd, scanSpokespersonContact, "spokesperson contacts", q+` ORDER BY held_on DESC, id DESC`, args...)
}

// KickoffSessions gives the IT-PLR sessions a kick-off talk's due day is
// judged by (model.KickoffDueSession) for a term that started on since:
// the last regular, not cancelled, dated session of the body councilID on
// or before that day (whether the records reach back to the start:
// model.KickoffCountable) and the first model.KickoffDueNth such sessions
// after it, in the order of their dates — two walks of the (body, date)
// index that stop after them. None for a term without a known start.
func (s *Store) KickoffSessions(ctx context.Context, councilID int64, since model.Date) ([]model.Session, error) {
	return kickoffSessions(ctx, s.rd, councilID, since)
}

func kickoffSessions(ctx context.Context, q queryer, councilID int64, since model.Date) ([]model.Session, error) {
	if since.IsZero() {
		return nil, nil
	}
	const countable = `SELECT ` + sessionCols + ` FROM sessions WHERE body_id = ? AND date <> '' AND kind <> ? AND cancelled_reason = ''`
	before, err := queryList(ctx, q, scanSession, "kick-off sessions",
		countable+` AND date <= ? ORDER BY date DESC, number DESC LIMIT 1`, councilID, model.SessionSpecial, since.String())
	if err != nil {
		return nil, err
	}
	after, err := queryList(ctx, q, scanSession, "kick-off sessions",
		countable+` AND date > ? ORDER BY date, number LIMIT ?`, councilID, model.SessionSpecial, since.String(), model.KickoffDueNth)
	return append(before, after...), err
}
