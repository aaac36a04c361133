package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"gremium/internal/model"
)

const bodyCols = `id, kind, abbrev, name, COALESCE(parent_id, 0), COALESCE(acts_for_id, 0), chair, topic_profile, terms, notes, decision_pattern, quorum_min, decision_rules, version,
	COALESCE(prepares_id, 0), slug, internal, lead_weeks, registration_days, document_days`

func scanBody(r scanner) (model.Body, error) {
	var b model.Body
	var terms, rules string
	if err := r.Scan(&b.ID, &b.Kind, &b.Abbrev, &b.Name, &b.ParentID, &b.ActsForID, &b.Chair, &b.TopicProfile, &terms, &b.Notes, &b.DecisionPattern, &b.QuorumMin, &rules, &b.Version,
		&b.Preparation.PreparesID, &b.Preparation.Slug, &b.Preparation.Internal, &b.Preparation.LeadWeeks, &b.Preparation.RegistrationDays, &b.Preparation.DocumentDays); err != nil {
		return b, err
	}
	var err error
	b.Terms, err = fromJSON[model.Term](terms)
	if err == nil && rules != "" {
		if err = json.Unmarshal([]byte(rules), &b.Rules); err != nil {
			err = fmt.Errorf("store: decision rules of %s: %w", b.Abbrev, err)
		}
	}
	return b, err
}

// rulesJSON stores a body's decision rules; the zero value (the
// IT-Planungsrat's rules) is stored as ”.
func rulesJSON(r model.DecisionRules) string {
	if r.IsZero() {
		return ""
	}
	b, err := json.Marshal(r)
	if err != nil {
		panic(err) // plain data: always marshals
	}
	return string(b)
}

// CreateBody stores a new body (IT-PLR, FachMK, steering group).
func (s *Store) CreateBody(ctx context.Context, b model.Body) (int64, error) {
	if err := b.Validate(); err != nil {
		return 0, err
	}
	if b.Terms == nil {
		b.Terms = []model.Term{}
	}
	if b.QuorumMin == 0 {
		b.QuorumMin = model.DefaultQuorum
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insert(ctx, tx, "body", b.Abbrev,
			`INSERT INTO bodies (kind, abbrev, name, parent_id, acts_for_id, chair, topic_profile, terms, notes, decision_pattern, quorum_min, decision_rules,
			   prepares_id, slug, internal, lead_weeks, registration_days, document_days)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			b.Kind, b.Abbrev, b.Name, nullID(b.ParentID), nullID(b.ActsForID), b.Chair, b.TopicProfile, toJSON(b.Terms), b.Notes, b.DecisionPattern, b.QuorumMin, rulesJSON(b.Rules),
			nullID(b.Preparation.PreparesID), b.Preparation.Slug, b.Preparation.Internal, b.Preparation.LeadWeeks, b.Preparation.RegistrationDays, b.Preparation.DocumentDays)
		return err
	})
	return id, err
}

// Body gives the body with the id.
func (s *Store) Body(ctx context.Context, id int64) (model.Body, error) {
	return bodyByID(ctx, s.rd, id)
}

// bodyByID reads the body with the id through q (the store's reader or a
// transaction).
func bodyByID(ctx context.Context, q queryer, id int64) (model.Body, error) {
	return queryOne(ctx, q, scanBody, fmt.Sprintf("body %d", id), `SELECT `+bodyCols+` FROM bodies WHERE id = ?`, id)
}

// BodyByAbbrev gives the body with the abbreviation ("IT-PLR", "FMK").
func (s *Store) BodyByAbbrev(ctx context.Context, abbrev string) (model.Body, error) {
	return queryOne(ctx, s.rd, scanBody, "body "+abbrev, `SELECT `+bodyCols+` FROM bodies WHERE abbrev = ?`, abbrev)
}

// Bodies gives the bodies of a kind by name; the empty kind gives all.
func (s *Store) Bodies(ctx context.Context, kind model.BodyKind) ([]model.Body, error) {
	return queryList(ctx, s.rd, scanBody, "bodies",
		`SELECT `+bodyCols+` FROM bodies WHERE ? = '' OR kind = ? ORDER BY name`, kind, kind)
}

// UpdateBody changes a body; b.Version must be the version read.
func (s *Store) UpdateBody(ctx context.Context, b model.Body) error {
	if err := b.Validate(); err != nil {
		return err
	}
	if b.Terms == nil {
		b.Terms = []model.Term{}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// The document deadline (Unterlagenfrist) of a preparatory body's
		// sessions follows its DocumentDays; its calendar event has the
		// deadlines' SEQUENCE (ical.DocumentDeadlineEvent,
		// model.SessionSchedule.DeadlineSequence), so a changed setting
		// raises it for the sessions not yet held, or subscribed calendars
		// keep the old day. The sessions' own SEQUENCE stays: their
		// events did not change.
		ahead, err := queryList(ctx, tx, func(r scanner) (id int64, err error) { return id, r.Scan(&id) }, "sessions",
			`SELECT id FROM sessions WHERE body_id = ? AND status IN (?, ?) AND EXISTS (SELECT 1 FROM bodies WHERE id = ? AND document_days <> ?) ORDER BY id`,
			b.ID, model.StatusPlanned, model.StatusConvened, b.ID, b.Preparation.DocumentDays)
		if err != nil {
			return err
		}
		for _, id := range ahead {
			if err := s.touch(ctx, tx, "session", id); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE sessions SET deadline_sequence = deadline_sequence + 1 WHERE id = ?`, id); err != nil {
				return fmt.Errorf("store: session %d: %w", id, err)
			}
			if err := s.audit(ctx, tx, "calendar", "session", id, "Unterlagenfrist verschoben"); err != nil {
				return err
			}
		}
		return s.updateVersioned(ctx, tx, "bodies", "body", b.ID, b.Version,
			`kind = ?, abbrev = ?, name = ?, parent_id = ?, acts_for_id = ?, chair = ?, topic_profile = ?, terms = ?, notes = ?, decision_pattern = ?, quorum_min = ?, decision_rules = ?,
			 prepares_id = ?, slug = ?, internal = ?, lead_weeks = ?, registration_days = ?, document_days = ?`,
			b.Kind, b.Abbrev, b.Name, nullID(b.ParentID), nullID(b.ActsForID), b.Chair, b.TopicProfile, toJSON(b.Terms), b.Notes, b.DecisionPattern, b.QuorumMin, rulesJSON(b.Rules),
			nullID(b.Preparation.PreparesID), b.Preparation.Slug, b.Preparation.Internal, b.Preparation.LeadWeeks, b.Preparation.RegistrationDays, b.Preparation.DocumentDays)
	})
}

func scanContact(r scanner) (model.Contact, error) {
	var c model.Contact
	err := r.Scan(&c.ID, &c.BodyID, &c.Name, &c.Role, &c.Email, &c.Phone)
	return c, err
}

// CreateContact stores a secretariat contact of a body. With SentOnce the
// same form sent again stores nothing and gives the contact the first
// send stored.
func (s *Store) CreateContact(ctx context.Context, c model.Contact, opts ...FormOption) (int64, error) {
	if c.BodyID == 0 || c.Name == "" {
		return 0, model.InputError("Ein Kontakt braucht Gremium und Namen.")
	}
	if err := c.CheckPublic(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.once(ctx, tx, formOptionsOf(opts), "contact", func() (int64, error) {
			return s.insert(ctx, tx, "contact", c.Name,
				`INSERT INTO contacts (body_id, name, role, email, phone) VALUES (?, ?, ?, ?, ?)`, c.BodyID, c.Name, c.Role, c.Email, c.Phone)
		})
		return err
	})
	return id, err
}

// Contacts gives the contacts of a body, of every body for bodyID 0 (in
// one query, as Assignments does).
func (s *Store) Contacts(ctx context.Context, bodyID int64) ([]model.Contact, error) {
	return queryList(ctx, s.rd, scanContact, "contacts",
		`SELECT id, body_id, name, role, email, phone FROM contacts WHERE ? = 0 OR body_id = ? ORDER BY id`, bodyID, bodyID)
}

// DeleteConferenceDate removes a date of conference bodyID (entered by
// mistake, or called off): it leaves the conference's page and its
// calendar feed, whose subscribers' calendars drop it. The audit log keeps
// the removal. A date of another conference is not found.
func (s *Store) DeleteConferenceDate(ctx context.Context, bodyID, id int64) error {
	return s.removeOfBody(ctx, "conference_dates", "conference_date", "uid", bodyID, id)
}

// removeOfBody deletes row id of table that belongs to body bodyID (a
// row of another body is not found), with its audit entry naming it by
// column label.
func (s *Store) removeOfBody(ctx context.Context, table, entity, label string, bodyID, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.removeOfBodyTx(ctx, tx, table, entity, label, bodyID, id)
	})
}

// removeOfBodyTx is removeOfBody inside the caller's transaction.
func (s *Store) removeOfBodyTx(ctx context.Context, tx *sql.Tx, table, entity, label string, bodyID, id int64) error {
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT `+label+` FROM `+table+` WHERE id = ? AND body_id = ?`, id, bodyID).Scan(&name); err != nil {
		return notFound(err, fmt.Sprintf("%s %d of body %d", entity, id, bodyID))
	}
	if err := s.touch(ctx, tx, entity, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
		return fmt.Errorf("store: %s: %w", entity, err)
	}
	return s.audit(ctx, tx, "remove", entity, id, name)
}

// DeleteContact removes a contact person of body bodyID (one who has
// left, or named by mistake): name, role and e-mail were public, and a
// person's data is kept no longer than its purpose (GDPR Art. 5). The
// audit log keeps that it was removed, and by whom. A contact of
// another body is not found.
func (s *Store) DeleteContact(ctx context.Context, bodyID, id int64) error {
	return s.removeOfBody(ctx, "contacts", "contact", "name", bodyID, id)
}

// UpdateContact changes a contact.
func (s *Store) UpdateContact(ctx context.Context, c model.Contact) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updatePlain(ctx, tx, "contacts", "contact", c.ID, `name = ?, role = ?, email = ?, phone = ?`, c.Name, c.Role, c.Email, c.Phone)
	})
}

// conferenceDateCols are the columns scanConferenceDate reads.
const conferenceDateCols = `id, body_id, title, starts_on, ends_on, place, uid, start_time, end_time, sequence`

// conferenceDateChange sets what a change of a conference date writes; the
// iCalendar revision goes up with every change, so that subscribers'
// calendars take the new date (RFC 5545 3.8.7.4).
const conferenceDateChange = `title = ?, starts_on = ?, ends_on = ?, place = ?, start_time = ?, end_time = ?, sequence = sequence + 1`

func scanConferenceDate(r scanner) (model.ConferenceDate, error) {
	var c model.ConferenceDate
	var starts, ends string
	if err := r.Scan(&c.ID, &c.BodyID, &c.Title, &starts, &ends, &c.Place, &c.UID, &c.StartTime, &c.EndTime, &c.Sequence); err != nil {
		return c, err
	}
	c.Starts, c.Ends = parseDate(starts), parseDate(ends)
	return c, nil
}

// CreateConferenceDate stores a session date of a FachMK. The UID must be
// unique; an empty UID gets one derived from body and date (and a number
// for a further date of the same day).
func (s *Store) CreateConferenceDate(ctx context.Context, c model.ConferenceDate) (int64, error) {
	if c.BodyID == 0 {
		return 0, model.InputError("Ein Konferenztermin gehört zu einer Fachministerkonferenz.")
	}
	if err := c.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		// The same date twice (title, days and times) is one date.
		var same int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM conference_dates WHERE body_id = ? AND title = ? AND starts_on = ? AND ends_on = ? AND start_time = ? AND end_time = ?`,
			c.BodyID, c.Title, c.Starts.String(), c.Ends.String(), c.StartTime, c.EndTime).Scan(&same); err != nil {
			return fmt.Errorf("store: conference date: %w", err)
		}
		if same > 0 {
			return model.AtField("beginn", model.RuleError("„%s“ am %s ist bereits eingetragen.", c.Title, c.Starts.German()))
		}
		if c.UID == "" {
			// Derived from conference and day; a second date of the day
			// (a morning and an evening session) gets "-2", and so on.
			base := fmt.Sprintf("fachmk-%d-%s", c.BodyID, c.Starts)
			c.UID = base + "@gremium"
			for n := 2; ; n++ {
				var taken int
				if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM conference_dates WHERE uid = ?`, c.UID).Scan(&taken); err != nil {
					return fmt.Errorf("store: conference date uid: %w", err)
				}
				if taken == 0 {
					break
				}
				c.UID = fmt.Sprintf("%s-%d@gremium", base, n)
			}
		}
		id, err = s.insert(ctx, tx, "conference_date", c.UID,
			`INSERT INTO conference_dates (body_id, title, starts_on, ends_on, place, uid, start_time, end_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			c.BodyID, c.Title, c.Starts.String(), c.Ends.String(), c.Place, c.UID, c.StartTime, c.EndTime)
		return err
	})
	return id, err
}

// DateImport counts what an iCalendar import did: dates added, dates
// changed (same UID, moved or renamed), dates already known unchanged,
// and dates removed because the file now gives them as cancelled or not
// public.
type DateImport struct {
	Added, Changed, Known, Removed int
}

// ImportConferenceDates stores the dates of one FachMK read from an
// iCalendar file, all or none: a UID not yet known is added, a known one
// of the same conference takes the file's date, time, title and place (a
// moved session), a known one of another conference refuses the import.
// A date the rules refuse (model.ConferenceDate.Validate: an end before
// the start, a title too long) refuses the import too, every such event
// named with its reasons, each at the file's field ("datei"). A date of
// this conference whose UID is among gone (an event the file gives as
// cancelled, or marked private or confidential: ical.Imported.Gone) is
// removed, in the same transaction, as DeleteConferenceDate removes one;
// a UID of another conference's date, or of none, is passed over.
func (s *Store) ImportConferenceDates(ctx context.Context, bodyID int64, dates []model.ConferenceDate, gone ...string) (DateImport, error) {
	var refused []error
	for _, c := range dates {
		c.BodyID = bodyID
		for _, e := range model.ErrorsOf(c.Validate()) {
			name := "ohne Bezeichnung"
			if t := strings.TrimSpace(c.Title); t != "" {
				name = "„" + shorten(t, 80) + "“"
			}
			if !c.Starts.IsZero() {
				name += " am " + c.Starts.German()
			}
			refused = append(refused, model.AtField("datei", model.InputError("Der Termin %s: %s", name, model.ReasonOf(e))))
		}
	}
	if len(refused) > 0 {
		return DateImport{}, errors.Join(refused...)
	}
	var n DateImport
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		n = DateImport{}
		for _, c := range dates {
			c.BodyID = bodyID
			if c.UID == "" {
				c.UID = fmt.Sprintf("fachmk-%d-%s@gremium", c.BodyID, c.Starts)
			}
			old, err := queryOne(ctx, tx, scanConferenceDate, "conference date "+c.UID,
				`SELECT `+conferenceDateCols+` FROM conference_dates WHERE uid = ?`, c.UID)
			switch {
			case errors.Is(err, ErrNotFound):
				if _, err := s.insert(ctx, tx, "conference_date", c.UID,
					`INSERT INTO conference_dates (body_id, title, starts_on, ends_on, place, uid, start_time, end_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
					c.BodyID, c.Title, c.Starts.String(), c.Ends.String(), c.Place, c.UID, c.StartTime, c.EndTime); err != nil {
					return err
				}
				n.Added++
			case err != nil:
				return err
			case old.BodyID != bodyID:
				return model.InputError("Der Termin „%s“ (UID %s) ist schon bei einer anderen Fachministerkonferenz erfasst; die Datei wurde nicht übernommen.", c.Title, c.UID)
			case old.Title == c.Title && old.Starts == c.Starts && old.Ends == c.Ends && old.Place == c.Place && old.StartTime == c.StartTime && old.EndTime == c.EndTime:
				n.Known++
			default:
				if err := s.updatePlain(ctx, tx, "conference_dates", "conference_date", old.ID, conferenceDateChange,
					c.Title, c.Starts.String(), c.Ends.String(), c.Place, c.StartTime, c.EndTime); err != nil {
					return err
				}
				n.Changed++
			}
		}
		for _, uid := range gone {
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM conference_dates WHERE uid = ? AND body_id = ?`, uid, bodyID).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return fmt.Errorf("store: conference date %s: %w", uid, err)
			}
			if err := s.removeOfBodyTx(ctx, tx, "conference_dates", "conference_date", "uid", bodyID, id); err != nil {
				return err
			}
			n.Removed++
		}
		return nil
	})
	return n, err
}

// ConferenceDates gives the dates of a body (0: of all bodies) not over
// before from (the zero Date: all) — starting on or after it, or lasting
// into it (a two-day conference on its second day) —, earliest first.
func (s *Store) ConferenceDates(ctx context.Context, bodyID int64, from model.Date) ([]model.ConferenceDate, error) {
	return queryList(ctx, s.rd, scanConferenceDate, "conference dates",
		`SELECT `+conferenceDateCols+` FROM conference_dates
		 WHERE (? = 0 OR body_id = ?) AND (starts_on >= ? OR ends_on >= ?) ORDER BY starts_on, id`, bodyID, bodyID, from.String(), from.String())
}

// UpdateConferenceDate changes a conference date.
func (s *Store) UpdateConferenceDate(ctx context.Context, c model.ConferenceDate) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updatePlain(ctx, tx, "conference_dates", "conference_date", c.ID, conferenceDateChange,
			c.Title, c.Starts.String(), c.Ends.String(), c.Place, c.StartTime, c.EndTime)
	})
}

func scanSection(r scanner) (model.Section, error) {
	var c model.Section
	err := r.Scan(&c.ID, &c.BodyID, &c.Name, &c.Position, &c.Consent)
	return c, err
}

// CreateSection stores an agenda section (Schwerpunktthema) of a body.
func (s *Store) CreateSection(ctx context.Context, c model.Section) (int64, error) {
	if c.BodyID == 0 || c.Name == "" {
		return 0, model.InputError("Ein Abschnitt der Tagesordnung braucht Gremium und Namen.")
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insert(ctx, tx, "section", c.Name,
			`INSERT INTO sections (body_id, name, position, consent) VALUES (?, ?, ?, ?)`, c.BodyID, c.Name, c.Position, c.Consent)
		return err
	})
	return id, err
}

// Sections gives the sections of a body in order.
func (s *Store) Sections(ctx context.Context, bodyID int64) ([]model.Section, error) {
	return queryList(ctx, s.rd, scanSection, "sections",
		`SELECT id, body_id, name, position, consent FROM sections WHERE body_id = ? ORDER BY position, id`, bodyID)
}

// UpdateSection changes a section.
func (s *Store) UpdateSection(ctx context.Context, c model.Section) error {
	if c.Name == "" {
		return model.InputError("Ein Abschnitt der Tagesordnung braucht einen Namen.")
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updatePlain(ctx, tx, "sections", "section", c.ID, `name = ?, position = ?, consent = ?`, c.Name, c.Position, c.Consent)
	})
}

// SetChair records the chair of a body for a year (the rotation of the
// Vorsitz between the Bund and the Länder is data).
func (s *Store) SetChair(ctx context.Context, bodyID int64, year int, member string) error {
	if year < 1949 || member == "" {
		return model.InputError("Der Vorsitz braucht Jahr und Mitglied.")
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var kind model.MemberKind
		if err := tx.QueryRowContext(ctx, `SELECT kind FROM members WHERE abbrev = ?`, member).Scan(&kind); err != nil || !kind.Votes() {
			return model.RuleError("Den Vorsitz führt der Bund oder ein Land; „%s“ ist keines von beiden.", member)
		}
		if err := s.touch(ctx, tx, "body", bodyID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO body_chairs (body_id, year, member_abbrev) VALUES (?, ?, ?)
			ON CONFLICT (body_id, year) DO UPDATE SET member_abbrev = excluded.member_abbrev`, bodyID, year, member); err != nil {
			return fmt.Errorf("store: chair: %w", err)
		}
		// A year with a chair is an OParl LegislativeTerm of the council,
		// session or not: the body's mark builds its years again.
		if _, err := tx.ExecContext(ctx, `INSERT INTO oparl_dirty (entity, id) VALUES ('body', ?)`, bodyID); err != nil {
			return fmt.Errorf("store: chair: %w", err)
		}
		return s.audit(ctx, tx, "chair", "body", bodyID, fmt.Sprintf("%d %s", year, member))
	})
}

// Chairs gives a body's chair rotation, oldest year first.
func (s *Store) Chairs(ctx context.Context, bodyID int64) ([]model.ChairTerm, error) {
	return chairs(ctx, s.rd, bodyID)
}

func chairs(ctx context.Context, q queryer, bodyID int64) ([]model.ChairTerm, error) {
	return queryList(ctx, q, func(r scanner) (model.ChairTerm, error) {
		var t model.ChairTerm
		return t, r.Scan(&t.Year, &t.Member)
	}, "chairs", `SELECT year, member_abbrev FROM body_chairs WHERE body_id = ? ORDER BY year`, bodyID)
}
