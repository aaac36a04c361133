package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"gremium/internal/model"
)

// The contacts and talks of the spokespersons with their FachMK (Kontakte
// und Gespräche, Auftaktgespräch), logged by the spokesperson in office or
// the Geschäftsstelle. Who may read them is model.SeesSpokespersonContacts;
// the pages ask it.

const spokespersonContactCols = `id, conference_id, member_abbrev, kind, held_on, with_whom, participants, topics, next_steps, recorded_by, recorded_at, version, first_recorded_by, first_recorded_at`

func scanSpokespersonContact(sc scanner) (model.SpokespersonContact, error) {
	var c model.SpokespersonContact
	var kind, held, recorded, first string
	if err := sc.Scan(&c.ID, &c.ConferenceID, &c.Member, &kind, &held, &c.With, &c.Participants, &c.Topics, &c.NextSteps, &c.RecordedBy, &recorded, &c.Version,
		&c.FirstRecordedBy, &first); err != nil {
		return c, err
	}
	c.Kind = model.ContactKind(kind)
	c.HeldOn = parseDate(held)
	c.Recorded, _ = timeParse(recorded)
	c.FirstRecorded, _ = timeParse(first)
	return c, nil
}

// CreateSpokespersonContact logs a contact in one transaction, checked
// inside it: model.SpokespersonContact.Validate, the conference is a
// FachMK, and c.Member holds the spokesperson function for it (not ended).
// spokesperson names the member of the spokesperson who writes ("" for
// the Geschäftsstelle, admitted by the caller's permission check): a
// spokesperson logs only their own contacts. With SentOnce the same form
// sent again stores nothing and gives the contact the first send logged.
func (s *Store) CreateSpokespersonContact(ctx context.Context, c model.SpokespersonContact, spokesperson string, opts ...FormOption) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if spokesperson != "" && c.Member != spokesperson {
			names, err := memberNames(ctx, tx)
			if err != nil {
				return err
			}
			return model.ForbiddenError("Sprecher:innen erfassen ihre eigenen Kontakte (%s), nicht die von %s.", names.Of(spokesperson), names.Of(c.Member))
		}
		id, err = s.once(ctx, tx, formOptionsOf(opts), "spokesperson_contact", func() (int64, error) {
			if err := s.checkSpokespersonContact(ctx, tx, c); err != nil {
				return 0, err
			}
			now := s.now().UTC().Format("2006-01-02T15:04:05Z")
			return s.insert(ctx, tx, "spokesperson_contact", c.Label(),
				`INSERT INTO spokesperson_contacts (conference_id, member_abbrev, kind, held_on, with_whom, participants, topics, next_steps, recorded_by, recorded_at, first_recorded_by, first_recorded_at)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				c.ConferenceID, c.Member, string(c.Kind), c.HeldOn.String(), c.With, c.Participants, c.Topics, c.NextSteps, c.RecordedBy, now, c.RecordedBy, now)
		})
		return err
	})
	return id, err
}

// checkSpokespersonContact checks a contact inside the transaction that
// writes it: the contact itself, its conference, and that its member holds
// the function for it — every reason at once (errors.Join), the member's
// at the field "land" beside the contact's own (model.SpokespersonContact.Validate).
func (s *Store) checkSpokespersonContact(ctx context.Context, tx *sql.Tx, c model.SpokespersonContact) error {
	invalid := c.Validate(s.Today())
	if c.ConferenceID == 0 || strings.TrimSpace(c.Member) == "" {
		return invalid // no conference, or no member to ask about: said by Validate
	}
	b, err := conferenceInTx(ctx, tx, c.ConferenceID)
	if err != nil {
		if model.ClassOf(err) == model.ErrInternal || invalid == nil {
			return err
		}
		return errors.Join(invalid, err)
	}
	ok, terms, err := functionTerms(ctx, tx, c.ConferenceID, c.Member)
	if err != nil {
		return err
	}
	if ok {
		early, err := kickoffBeforeTerm(ctx, tx, c, b, terms)
		if err != nil {
			return err
		}
		return errors.Join(invalid, early)
	}
	names, err := memberNames(ctx, tx)
	if err != nil {
		return err
	}
	notInOffice := model.AtField("land", model.RuleError("%s ist nicht Sprecher:in %s; Kontakte erfassen ihre Sprecher:innen im Amt.", names.Of(c.Member), b.Of()))
	if invalid == nil {
		return notInOffice
	}
	return errors.Join(invalid, notInOffice)
}

// kickoffBeforeTerm refuses an Auftaktgespräch dated before every term
// of its member for conference b: it would be stored but never count as
// the talk of a term (model.Kickoff), and the overview would go on saying
// it is missing. as are the member's assignments for b, as functionTerms
// read them in the same transaction (before, read here again). The
// refusal is nil for other contacts, and when a term of the member (or
// one of unknown start) began on or before the day.
func kickoffBeforeTerm(ctx context.Context, tx *sql.Tx, c model.SpokespersonContact, b model.Body, as []model.Assignment) (refusal, err error) {
	if c.Kind != model.ContactKickoff || c.HeldOn.IsZero() {
		return nil, nil
	}
	var first model.Date
	for _, a := range as {
		if a.StartOn.IsZero() || !c.HeldOn.Before(a.StartOn) {
			return nil, nil
		}
		if first.IsZero() || a.StartOn.Before(first) {
			first = a.StartOn
		}
	}
	if first.IsZero() {
		return nil, nil
	}
	names, err := memberNames(ctx, tx)
	if err != nil {
		return nil, err
	}
	return model.AtField("datum", model.RuleError("Das Auftaktgespräch am %s liegt vor der Amtszeit: %s ist Sprecher:in %s seit dem %s. Ein Gespräch vor diesem Tag bitte als „Gespräch“ erfassen.",
		c.HeldOn.German(), names.Of(c.Member), b.Of(), first.German())), nil
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
			names, err := memberNames(ctx, tx)
			if err != nil {
				return err
			}
			return model.ForbiddenError("Sprecher:innen berichtigen ihre eigenen Kontakte (%s), nicht die von %s.", names.Of(spokesperson), names.Of(old.Member))
		}
		if spokesperson != "" {
			err = s.checkSpokespersonContact(ctx, tx, c)
		} else {
			err = c.Validate(s.Today())
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
// after it, in the order of their dates. None for a term without a known
// start. It is KickoffSessionsByStart for one day.
func (s *Store) KickoffSessions(ctx context.Context, councilID int64, since model.Date) ([]model.Session, error) {
	by, err := kickoffSessions(ctx, s.rd, councilID, []model.Date{since})
	return by[since], err
}

// KickoffSessionsByStart gives KickoffSessions for each of the days
// starts (the starts of the terms a page or the reminders judge) in one
// statement, whatever the number of terms: per day the walks of the
// (body, date, number) index that stop after the sessions it needs. A day
// that is zero, or that no session fits, has none in the map.
func (s *Store) KickoffSessionsByStart(ctx context.Context, councilID int64, starts []model.Date) (map[model.Date][]model.Session, error) {
	return kickoffSessions(ctx, s.rd, councilID, starts)
}

// kickoffSessions reads KickoffSessionsByStart from q, one statement per
// inChunk distinct days: per day one correlated sub-select for the session
// on or before it and one per session after it (OFFSET k), each stopping
// after one row of the index, so no more sessions are read than are given.
func kickoffSessions(ctx context.Context, q queryer, councilID int64, starts []model.Date) (map[model.Date][]model.Session, error) {
	var days []string
	for _, d := range starts {
		if !d.IsZero() {
			days = append(days, d.String())
		}
	}
	out := map[model.Date][]model.Session{}
	const countable = `SELECT id FROM sessions WHERE body_id = ? AND date <> '' AND kind <> ? AND cancelled_reason = ''`
	err := inBatches(days, func(_ string, args []any) error {
		values := "(?)" + strings.Repeat(", (?)", len(args)-1) // the days as rows
		picks := []string{`SELECT start_day, (` + countable + ` AND date <= starts.start_day ORDER BY date DESC, number DESC LIMIT 1) FROM starts`}
		all := append([]any{}, args...)
		all = append(all, councilID, model.SessionSpecial)
		for k := range model.KickoffDueNth {
			picks = append(picks, fmt.Sprintf(`SELECT start_day, (`+countable+` AND date > starts.start_day ORDER BY date, number LIMIT 1 OFFSET %d) FROM starts`, k))
			all = append(all, councilID, model.SessionSpecial)
		}
		type picked struct {
			day string
			s   model.Session
		}
		rows, err := queryList(ctx, q, func(sc scanner) (picked, error) {
			var p picked
			var err error
			p.s, err = scanSession(multiScanner{sc, []any{&p.day}})
			return p, err
		}, "kick-off sessions", `WITH starts(start_day) AS (VALUES `+values+`),
			picked(start_day, session_id) AS (`+strings.Join(picks, ` UNION ALL `)+`)
			SELECT `+sessionCols+`, picked.start_day FROM picked JOIN sessions ON sessions.id = picked.session_id
			ORDER BY picked.start_day, sessions.date, sessions.number`, all...)
		for i, p := range rows {
			// The padding repeats the last day: its rows come twice, together.
			if i > 0 && rows[i-1].day == p.day && rows[i-1].s.ID == p.s.ID {
				continue
			}
			d := parseDate(p.day)
			out[d] = append(out[d], p.s)
		}
		return err
	})
	return out, err
}
