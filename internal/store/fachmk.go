package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gremium/internal/model"
)

// The spokesperson / FachMK collaboration layer: assignments, debriefs,
// briefings, requests, the role/task matrix and the evaluation.

// assignmentCols give an assignment's person as the person the decision
// names, or else the member's current representative (FollowsRepresentative).
const assignmentCols = `a.id, a.conference_id, a.member_abbrev, COALESCE(a.person_id, m.representative_id, 0), a.person_id IS NULL,
	a.decision_ref, a.start_session, a.start_on, a.resignation_on, a.ends_with_session, a.version`

const assignmentFrom = ` FROM spokesperson_assignments a LEFT JOIN members m ON m.abbrev = a.member_abbrev`

func scanAssignment(r scanner) (model.Assignment, error) {
	var a model.Assignment
	var start, resign string
	if err := r.Scan(&a.ID, &a.ConferenceID, &a.Member, &a.PersonID, &a.FollowsRepresentative, &a.DecisionRef, &a.StartSession, &start, &resign, &a.EndsWithSession, &a.Version); err != nil {
		return a, err
	}
	a.StartOn, a.ResignationOn = parseDate(start), parseDate(resign)
	return a, nil
}

// namedPerson gives the person_id to store: none when the assignment
// follows the member's representative.
func namedPerson(a model.Assignment) any {
	if a.FollowsRepresentative {
		return nil
	}
	return nullID(a.PersonID)
}

// validateAssignment checks assignment a against the rules of concept
// section 1.2 in tx and gives the day its naming decision was adopted
// (citedDecision).
func (s *Store) validateAssignment(ctx context.Context, tx *sql.Tx, a model.Assignment) (model.Date, error) {
	m, err := queryOne(ctx, tx, scanMember, "member "+a.Member, `SELECT `+memberCols+` FROM members WHERE abbrev = ?`, a.Member)
	if errors.Is(err, ErrNotFound) {
		return model.Date{}, model.InputError("„%s“ ist kein erfasstes Mitglied des IT-Planungsrats.", a.Member)
	}
	if err != nil {
		return model.Date{}, err
	}
	if err := a.Validate(m.Kind); err != nil {
		return model.Date{}, err
	}
	if a.PersonID != 0 && !a.FollowsRepresentative {
		p, err := queryOne(ctx, tx, scanPerson, fmt.Sprintf("person %d", a.PersonID), `SELECT `+personCols+` FROM persons WHERE id = ?`, a.PersonID)
		if err != nil {
			return model.Date{}, err
		}
		if p.MemberAbbrev != "" && p.MemberAbbrev != a.Member {
			names, err := memberNames(ctx, tx)
			if err != nil {
				return model.Date{}, err
			}
			return model.Date{}, model.RuleError("%s handelt für %s; Sprecher:in für %s kann nur eine Person dieses Mitglieds sein.", p.Name, names.Of(p.MemberAbbrev), names.Of(a.Member))
		}
	}
	var kind model.BodyKind
	if err := tx.QueryRowContext(ctx, `SELECT kind FROM bodies WHERE id = ?`, a.ConferenceID).Scan(&kind); err != nil {
		return model.Date{}, notFound(err, fmt.Sprintf("body %d", a.ConferenceID))
	}
	if kind != model.BodyFachMK {
		return model.Date{}, model.RuleError("Sprecher:innen werden einer Fachministerkonferenz zugeordnet, nicht einem Gremium der Art „%s“.", kind.Label())
	}
	// The assigning decision must be one the IT-Planungsrat took: in the
	// register, or marked as an earlier decision with number and date.
	var council int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1`, model.BodyPlanningCouncil).Scan(&council)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Date{}, model.RuleError("Ohne den IT-Planungsrat als Gremium kann keine Sprecherfunktion per Beschluss vergeben werden.")
	}
	if err != nil {
		return model.Date{}, fmt.Errorf("store: council: %w", err)
	}
	on, session, err := citedDecision(ctx, tx, council, a.DecisionRef)
	if err != nil {
		return on, err
	}
	return on, assignedInSession(ctx, tx, council, a, session)
}

// assignedInSession refuses, at the field "sitzung", a session number the
// assignment cannot have been made in: another than the session of the
// decision in the register, or, for an earlier decision outside it, one
// after the council's last recorded session; decisionSession is the
// session of the decision in the register (citedDecision; 0 for an earlier
// decision). Before, "999" was taken, and the resignation, which takes
// effect with a later session, could never be recorded.
func assignedInSession(ctx context.Context, tx *sql.Tx, council int64, a model.Assignment, decisionSession int) error {
	switch {
	case a.StartSession == 0:
		return nil
	case decisionSession != 0 && decisionSession != a.StartSession:
		n, _ := model.ParseDecisionRef(a.DecisionRef) // citedDecision read it
		return model.AtField("sitzung", model.InputError("Beschluss %s wurde in der %d. Sitzung gefasst, nicht in der %d. Sitzung. Bitte die Nummer jener Sitzung angeben oder das Feld leer lassen.", n.Short(), decisionSession, a.StartSession))
	case decisionSession != 0:
		return nil
	}
	var last int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM sessions WHERE body_id = ?`, council).Scan(&last); err != nil {
		return fmt.Errorf("store: council's last session: %w", err)
	}
	if last > 0 && a.StartSession > last {
		return model.AtField("sitzung", model.InputError("Eine %d. Sitzung des IT-Planungsrats ist nicht erfasst (die letzte ist die %d.); bitte die Nummer der Sitzung angeben, die den Beschluss fasste, oder das Feld leer lassen.", a.StartSession, last))
	}
	return nil
}

// notAssignedYet refuses an assignment of a member that speaks for the
// conference already: its function is active, or ends with a session not
// yet held (a member holds one function per conference, concept 1.2;
// after its term ended it may be named again). Before, Bremen could be
// assigned a second time and was listed twice as "aktiv".
func notAssignedYet(ctx context.Context, tx *sql.Tx, a model.Assignment) error {
	holds, err := holdsFunction(ctx, tx, a.ConferenceID, a.Member)
	if err != nil || !holds {
		return err
	}
	names, err := memberNames(ctx, tx)
	if err != nil {
		return err
	}
	return model.AtField("mitglied", model.RuleError("%s ist bereits Sprecher:in für diese Fachministerkonferenz; eine zweite Zuordnung gibt es nicht. Ein Wechsel der Person wird an der bestehenden Zuordnung eingetragen.", names.Of(a.Member)))
}

// CreateAssignment records a spokesperson assignment. The rules of concept
// section 1.2 are checked: a Bund/Land member, assigned by decision. The
// term starts on a.StartOn or, when that is zero, on the day the naming
// decision was adopted (not the day it is recorded: the kick-off talk's
// due session and the talks of the term count from it).
func (s *Store) CreateAssignment(ctx context.Context, a model.Assignment) (int64, error) {
	return s.CreateAssignmentNaming(ctx, a, model.Person{})
}

// CreateAssignmentNaming is CreateAssignment for an assignment that names
// its person by name (p.Name, as typed into the form; empty: none): the
// person is found by that name or created, in the assignment's
// transaction, so a refused assignment leaves no person behind.
func (s *Store) CreateAssignmentNaming(ctx context.Context, a model.Assignment, p model.Person) (int64, error) {
	if p.Name != "" {
		if err := p.Validate(); err != nil {
			return 0, err
		}
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if p.Name != "" {
			found, err := queryOne(ctx, tx, scanPerson, "person "+p.Name, `SELECT `+personCols+` FROM persons WHERE name = ? ORDER BY id LIMIT 1`, p.Name)
			switch {
			case err == nil:
				a.PersonID = found.ID
			case errors.Is(err, ErrNotFound):
				if a.PersonID, err = s.insert(ctx, tx, "person", p.Name,
					`INSERT INTO persons (name, function, member_abbrev, email) VALUES (?, ?, ?, ?)`, p.Name, p.Function, p.MemberAbbrev, p.Email); err != nil {
					return err
				}
			default:
				return err
			}
		}
		named, err := s.validateAssignment(ctx, tx, a)
		if err != nil {
			return err
		}
		if err := notAssignedYet(ctx, tx, a); err != nil {
			return err
		}
		if a.StartOn.IsZero() {
			a.StartOn = named
		}
		id, err = s.insert(ctx, tx, "assignment", a.Member+" "+a.DecisionRef,
			`INSERT INTO spokesperson_assignments (conference_id, member_abbrev, person_id, decision_ref, start_session, start_on, resignation_on, ends_with_session)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ConferenceID, a.Member, namedPerson(a), a.DecisionRef, a.StartSession, a.StartOn.String(), a.ResignationOn.String(), a.EndsWithSession)
		if err != nil {
			return err
		}
		return s.noticeSpokespersonNamed(ctx, tx, id)
	})
	return id, err
}

// Assignments gives the assignments of a FachMK (0: of all), oldest first:
// the full history.
func (s *Store) Assignments(ctx context.Context, conferenceID int64) ([]model.Assignment, error) {
	return queryList(ctx, s.rd, scanAssignment, "assignments",
		`SELECT `+assignmentCols+assignmentFrom+` WHERE ? = 0 OR a.conference_id = ? ORDER BY a.conference_id, a.id`, conferenceID, conferenceID)
}

// Assignment gives the spokesperson assignment with the id.
func (s *Store) Assignment(ctx context.Context, id int64) (model.Assignment, error) {
	return queryOne(ctx, s.rd, scanAssignment, fmt.Sprintf("assignment %d", id), `SELECT `+assignmentCols+assignmentFrom+` WHERE a.id = ?`, id)
}

// MemberAssignments gives a member's spokesperson assignments (all
// FachMK, past ones too), by FachMK and id.
func (s *Store) MemberAssignments(ctx context.Context, member string) ([]model.Assignment, error) {
	return queryList(ctx, s.rd, scanAssignment, "assignments of "+member,
		`SELECT `+assignmentCols+assignmentFrom+` WHERE a.member_abbrev = ? ORDER BY a.conference_id, a.id`, member)
}

// UpdateAssignment changes an assignment (for example to record a
// resignation); a.Version must be the version read. A zero a.StartOn
// starts the term on the day of its naming decision (CreateAssignment).
func (s *Store) UpdateAssignment(ctx context.Context, a model.Assignment) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.updateAssignment(ctx, tx, &a) })
}

// updateAssignment is UpdateAssignment inside tx; *a becomes the
// assignment as written. A term without a start (a.StartOn zero: recorded
// before terms started with their naming decision, or cleared) starts, as
// in CreateAssignment, on the day its naming decision was adopted.
func (s *Store) updateAssignment(ctx context.Context, tx *sql.Tx, a *model.Assignment) error {
	named, err := s.validateAssignment(ctx, tx, *a)
	if err != nil {
		return err
	}
	if a.StartOn.IsZero() {
		a.StartOn = named
	}
	// The person the assignment named before — its own or the member's
	// representative — loses the OParl membership if the person changes.
	if _, err := tx.ExecContext(ctx, `INSERT INTO oparl_dirty (entity, id)
		SELECT 'person', COALESCE(a.person_id, m.representative_id) `+assignmentFrom+`
		WHERE a.id = ? AND COALESCE(a.person_id, m.representative_id) IS NOT NULL`, a.ID); err != nil {
		return fmt.Errorf("store: assignment: %w", err)
	}
	return s.updateVersioned(ctx, tx, "spokesperson_assignments", "assignment", a.ID, a.Version,
		`person_id = ?, decision_ref = ?, start_session = ?, start_on = ?, resignation_on = ?, ends_with_session = ?`,
		namedPerson(*a), a.DecisionRef, a.StartSession, a.StartOn.String(), a.ResignationOn.String(), a.EndsWithSession)
}

// AnnounceResignation records that the member of assignment id (version:
// the version read) announced on the day on to resign the spokesperson
// function, and announces it, in one transaction (concept 1.2): the
// resignation takes effect with the next regular session of the
// IT-Planungsrat that exists, found in the transaction
// (model.Assignment.AnnounceResignation; none planned is a rule error),
// and the message "Rücktritt von einer Sprecherfunktion angekündigt" goes
// to the subscribers among the IT-PLR's members, spokespersons and
// secretariat and the conference's own secretariat. It gives the
// assignment as stored.
func (s *Store) AnnounceResignation(ctx context.Context, id int64, version int, on model.Date) (model.Assignment, error) {
	var a model.Assignment
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if a, err = queryOne(ctx, tx, scanAssignment, fmt.Sprintf("assignment %d", id), `SELECT `+assignmentCols+assignmentFrom+` WHERE a.id = ?`, id); err != nil {
			return err
		}
		var council int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1`, model.BodyPlanningCouncil).Scan(&council); err != nil {
			return notFound(err, "council")
		}
		next, err := nextRegularSession(ctx, tx, council)
		if err != nil {
			return err
		}
		if err := a.AnnounceResignation(on, next); err != nil {
			return err
		}
		a.Version = version
		if err := s.updateAssignment(ctx, tx, &a); err != nil {
			return err
		}
		a.Version++
		return s.noticeResignation(ctx, tx, a, council)
	})
	return a, err
}

// noticeResignation queues the announcement of a resignation. Its text is
// public: the spokespersons and their terms are on the public overview.
func (s *Store) noticeResignation(ctx context.Context, tx *sql.Tx, a model.Assignment, council int64) error {
	conf, err := conferenceName(ctx, tx, a.ConferenceID)
	if err != nil {
		return err
	}
	var member string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM members WHERE abbrev = ?`, a.Member).Scan(&member); err != nil {
		return notFound(err, "member "+a.Member)
	}
	var person string
	if a.PersonID != 0 {
		if err := tx.QueryRowContext(ctx, `SELECT name FROM persons WHERE id = ?`, a.PersonID).Scan(&person); err != nil {
			return notFound(err, fmt.Sprintf("person %d", a.PersonID))
		}
		person = " (" + person + ")"
	}
	ends, err := sessionByNumber(ctx, tx, council, a.EndsWithSession)
	if err != nil {
		return err
	}
	when := ends.Title()
	if !ends.Date.IsZero() {
		when += " am " + ends.Date.German()
	}
	var abbrev string
	if err := tx.QueryRowContext(ctx, `SELECT abbrev FROM bodies WHERE id = ?`, a.ConferenceID).Scan(&abbrev); err != nil {
		return notFound(err, fmt.Sprintf("body %d", a.ConferenceID))
	}
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventResignation,
		Key:     fmt.Sprintf("sprecher_ruecktritt:%d:%d", a.ID, a.EndsWithSession),
		Subject: fmt.Sprintf("%s tritt als Sprecher:in für %s zurück", member, model.Body{Name: conf}.Accusative()),
		Body: fmt.Sprintf("%s%s hat am %s angekündigt, die Funktion als fachpolitische:r Sprecher:in für %s niederzulegen.\n\n"+
			"Die Niederlegung wird mit der nächsten ordentlichen Sitzung wirksam, der %s. Die Neuvergabe erfolgt per Beschluss; ohne Beschluss bleibt die Position vakant.\n",
			member, person, a.ResignationOn.German(), model.Body{Name: conf}.Accusative(), when),
		Link: "/fachmk/" + abbrev,
		To: func(sub Subscriber) bool {
			return sub.User.Role != model.RoleFachMK || sub.User.ConferenceID == a.ConferenceID
		},
	})
	return err
}

// noticeSpokespersonNamed queues "Sprecherfunktion für eine
// Fachministerkonferenz vergeben" for the new assignment id, to whom a
// resignation is announced (noticeResignation): every subscribed account
// of the IT-PLR and the conference's own secretariat. It names the
// member, the person as the assignment has it (the one the decision
// names, or the member's representative; none if unknown), the deciding
// decision with its day and session, and the day the term starts. Its
// text is public: the spokespersons, their decisions and terms are on
// the public overview.
func (s *Store) noticeSpokespersonNamed(ctx context.Context, tx *sql.Tx, id int64) error {
	a, err := queryOne(ctx, tx, scanAssignment, fmt.Sprintf("assignment %d", id), `SELECT `+assignmentCols+assignmentFrom+` WHERE a.id = ?`, id)
	if err != nil {
		return err
	}
	conf, err := conferenceName(ctx, tx, a.ConferenceID)
	if err != nil {
		return err
	}
	var member, abbrev string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM members WHERE abbrev = ?`, a.Member).Scan(&member); err != nil {
		return notFound(err, "member "+a.Member)
	}
	if err := tx.QueryRowContext(ctx, `SELECT abbrev FROM bodies WHERE id = ?`, a.ConferenceID).Scan(&abbrev); err != nil {
		return notFound(err, fmt.Sprintf("body %d", a.ConferenceID))
	}
	var person string
	if a.PersonID != 0 {
		var name, function string
		if err := tx.QueryRowContext(ctx, `SELECT name, function FROM persons WHERE id = ?`, a.PersonID).Scan(&name, &function); err != nil {
			return notFound(err, fmt.Sprintf("person %d", a.PersonID))
		}
		if name = model.PublicText(name); name != "" {
			if function = model.PublicText(function); function != "" {
				name += ", " + function
			}
			person = " (" + name + ")"
		}
	}
	decision := "Beschluss " + a.DecisionRef
	var council int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1`, model.BodyPlanningCouncil).Scan(&council); err != nil {
		return notFound(err, "council")
	}
	on, session, err := citedDecision(ctx, tx, council, a.DecisionRef)
	if err != nil {
		return err
	}
	if !on.IsZero() {
		decision += " vom " + on.German()
	}
	if session == 0 {
		session = a.StartSession
	}
	if session > 0 {
		decision += fmt.Sprintf(" (%d. Sitzung)", session)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Der IT-Planungsrat hat %s%s mit %s die Funktion als fachpolitische:r Sprecher:in für %s übertragen.\n\n",
		member, person, decision, model.Body{Name: conf}.Accusative())
	if !a.StartOn.IsZero() {
		fmt.Fprintf(&b, "Beginn der Funktion: %s\n", a.StartOn.German())
	}
	b.WriteString("\nDie Sprecher:innen und ihre Ansprechpersonen stehen auf der Seite der Konferenz.\n")
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventSpokespersonNamed,
		Key:     fmt.Sprintf("sprecher_benannt:%d", a.ID),
		Ref:     fmt.Sprintf("sprecher:%d", a.ID),
		Subject: fmt.Sprintf("%s übernimmt die Sprecherfunktion für %s", member, model.Body{Name: conf}.Accusative()),
		Body:    b.String(),
		Link:    "/fachmk/" + abbrev,
		To: func(sub Subscriber) bool {
			return sub.User.Role != model.RoleFachMK || sub.User.ConferenceID == a.ConferenceID
		},
	})
	return err
}

// debriefCols are the columns scanDebrief reads.
const debriefCols = `id, session_id, held_on, start_time, end_time, place, link, sent, invitation, version, saved_at, waived_reason, waived_by, waived_at`

func scanDebrief(r scanner) (model.Debrief, error) {
	var d model.Debrief
	var held, saved, waived string
	if err := r.Scan(&d.ID, &d.SessionID, &held, &d.StartTime, &d.EndTime, &d.Place, &d.Link, &d.Sent, &d.Invitation, &d.Version, &saved,
		&d.Waiver.Reason, &d.Waiver.By, &waived); err != nil {
		return d, err
	}
	d.HeldOn = parseDate(held)
	d.SavedAt, _ = time.Parse(time.RFC3339, saved)
	d.Waiver.At, _ = time.Parse(time.RFC3339, waived)
	return d, nil
}

// replaceDebriefEntries stores the entries of debrief id inside tx,
// instead of the ones it had; a presenter must be a member
// (model.Debrief.CheckPresenters), whoever calls.
func replaceDebriefEntries(ctx context.Context, tx *sql.Tx, id int64, entries []model.DebriefEntry) error {
	presenters := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Presenter != "" && !slices.Contains(presenters, e.Presenter) {
			presenters = append(presenters, e.Presenter)
		}
	}
	kinds, err := memberKinds(ctx, tx, presenters)
	if err != nil {
		return err
	}
	if err := (model.Debrief{Entries: entries}).CheckPresenters(kinds); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM debrief_entries WHERE debrief_id = ?`, id); err != nil {
		return fmt.Errorf("store: debrief entries: %w", err)
	}
	for i, e := range entries {
		if _, err := tx.ExecContext(ctx, `INSERT INTO debrief_entries (debrief_id, position, decision_id, conference_id, presenter) VALUES (?, ?, ?, ?, ?)`,
			id, i, e.DecisionID, e.ConferenceID, e.Presenter); err != nil {
			return fmt.Errorf("store: debrief entry: %w", err)
		}
	}
	return nil
}

// CreateDebrief stores the debrief (Nachbesprechung) of a session, with its
// entries; a presenter must be a member. A session has at most one debrief.
func (s *Store) CreateDebrief(ctx context.Context, d model.Debrief) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insertDebrief(ctx, tx, d)
		return err
	})
	return id, err
}

// insertDebrief stores a new debrief with its entries inside tx. A row
// that holds only the note "Nachbesprechung entfällt" of a session whose
// debrief was never saved (assembled = 0, WaiveDebrief) becomes the
// debrief, once the note is withdrawn; while it stands, the debrief is
// refused (model.Debrief.CheckNotWaived). The row holds nothing else, so
// no version is checked: the form of a debrief not yet saved carries
// none.
func (s *Store) insertDebrief(ctx context.Context, tx *sql.Tx, d model.Debrief) (int64, error) {
	if d.SessionID == 0 {
		return 0, model.InputError("Eine Nachbesprechung gehört zu einer Sitzung; die Sitzung fehlt.")
	}
	if err := s.debriefFollowsSession(ctx, tx, d, false); err != nil {
		return 0, err
	}
	held, err := queryOne(ctx, tx, scanDebrief, fmt.Sprintf("note on the debrief of session %d", d.SessionID),
		`SELECT `+debriefCols+` FROM debriefs WHERE session_id = ? AND assembled = 0`, d.SessionID)
	switch {
	case err == nil:
		if err := held.CheckNotWaived(); err != nil {
			return 0, err
		}
		if err := s.updateVersioned(ctx, tx, "debriefs", "debrief", held.ID, held.Version,
			`assembled = 1, held_on = ?, start_time = ?, end_time = ?, place = ?, link = ?, sent = ?, invitation = ?, saved_at = ?`,
			d.HeldOn.String(), d.StartTime, d.EndTime, d.Place, d.Link, d.Sent, d.Invitation, s.now().UTC().Format(time.RFC3339)); err != nil {
			return 0, err
		}
		return held.ID, replaceDebriefEntries(ctx, tx, held.ID, d.Entries)
	case !errors.Is(err, ErrNotFound):
		return 0, err
	}
	id, err := s.insert(ctx, tx, "debrief", fmt.Sprintf("session %d", d.SessionID),
		`INSERT INTO debriefs (session_id, held_on, start_time, end_time, place, link, sent, invitation, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.SessionID, d.HeldOn.String(), d.StartTime, d.EndTime, d.Place, d.Link, d.Sent, d.Invitation, s.now().UTC().Format(time.RFC3339))
	if err != nil {
		return 0, err
	}
	return id, replaceDebriefEntries(ctx, tx, id, d.Entries)
}

// debriefFollowsSession refuses times or a link that are none
// (model.Debrief.CheckSchedule) and a date the debrief may not have
// (model.Debrief.CheckDay, its reason at model.DebriefDateField): before
// the session it debriefs, or before today (the store's clock, German
// time) when sending, when new or when the date changed. The session is
// d's, or the stored debrief's; every save and send checks it here, whoever
// calls.
func (s *Store) debriefFollowsSession(ctx context.Context, tx *sql.Tx, d model.Debrief, sending bool) error {
	if err := d.CheckSchedule(); err != nil {
		return err
	}
	if d.HeldOn.IsZero() {
		return nil
	}
	var date string
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(date, '') FROM sessions WHERE id = COALESCE(NULLIF(?, 0), (SELECT session_id FROM debriefs WHERE id = ?))`, d.SessionID, d.ID).Scan(&date)
	if err != nil {
		return notFound(err, fmt.Sprintf("session of debrief %d", d.ID))
	}
	var stored string
	if d.ID != 0 {
		if err := tx.QueryRowContext(ctx, `SELECT held_on FROM debriefs WHERE id = ?`, d.ID).Scan(&stored); err != nil {
			return notFound(err, fmt.Sprintf("debrief %d", d.ID))
		}
	}
	return d.CheckDay(parseDate(date), s.Today(), parseDate(stored), sending)
}

// DebriefOfSession gives the debrief of a session, with its entries and
// its note "Nachbesprechung entfällt" (model.Debrief.Waiver). A session
// whose debrief the secretariat never saved has none (ErrNotFound), also
// when it is noted as not needed (DebriefWaiverOf gives that note).
func (s *Store) DebriefOfSession(ctx context.Context, sessionID int64) (model.Debrief, error) {
	d, err := queryOne(ctx, s.rd, scanDebrief, fmt.Sprintf("debrief of session %d", sessionID),
		`SELECT `+debriefCols+` FROM debriefs WHERE session_id = ? AND assembled = 1`, sessionID)
	if err != nil {
		return d, err
	}
	d.Entries, err = debriefEntries(ctx, s.rd, d.ID)
	return d, err
}

// debriefNotWaived refuses a write to debrief id while it is noted as not
// needed (model.Debrief.CheckNotWaived).
func debriefNotWaived(ctx context.Context, tx *sql.Tx, id int64) error {
	d, err := queryOne(ctx, tx, scanDebrief, fmt.Sprintf("debrief %d", id), `SELECT `+debriefCols+` FROM debriefs WHERE id = ?`, id)
	if err != nil {
		return err
	}
	return d.CheckNotWaived()
}

// UpdateDebrief changes a debrief and replaces its entries (a presenter
// must be a member); d.Version must be the version read. A debrief noted
// as not needed is refused (model.Debrief.CheckNotWaived).
func (s *Store) UpdateDebrief(ctx context.Context, d model.Debrief) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.debriefFollowsSession(ctx, tx, d, false); err != nil {
			return err
		}
		if err := debriefNotWaived(ctx, tx, d.ID); err != nil {
			return err
		}
		if err := s.updateVersioned(ctx, tx, "debriefs", "debrief", d.ID, d.Version,
			`assembled = 1, held_on = ?, start_time = ?, end_time = ?, place = ?, link = ?, sent = ?, invitation = ?, saved_at = ?`,
			d.HeldOn.String(), d.StartTime, d.EndTime, d.Place, d.Link, d.Sent, d.Invitation, s.now().UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		return replaceDebriefEntries(ctx, tx, d.ID, d.Entries)
	})
}

// DebriefWaiverOf gives the note "Nachbesprechung entfällt" on the
// debrief of a session (zero: none) and the version of the row that holds
// it, which WaiveDebrief and WithdrawDebriefWaiver check: the saved
// debrief's, or that of the row holding only the note of a debrief never
// saved; 0 when the session has neither.
func (s *Store) DebriefWaiverOf(ctx context.Context, sessionID int64) (model.DebriefWaiver, int, error) {
	d, err := queryOne(ctx, s.rd, scanDebrief, fmt.Sprintf("debrief of session %d", sessionID),
		`SELECT `+debriefCols+` FROM debriefs WHERE session_id = ?`, sessionID)
	if errors.Is(err, ErrNotFound) {
		return model.DebriefWaiver{}, 0, nil
	}
	return d.Waiver, d.Version, err
}

// debriefOfEndedSession gives, inside tx, the row of the session's debrief
// (saved, or holding only the note; found false: none) once the session
// has ended: a debrief, and the note that none is needed, follow the
// session.
func debriefOfEndedSession(ctx context.Context, tx *sql.Tx, sessionID int64) (model.Debrief, bool, error) {
	var status model.SessionStatus
	if err := tx.QueryRowContext(ctx, `SELECT status FROM sessions WHERE id = ?`, sessionID).Scan(&status); err != nil {
		return model.Debrief{}, false, notFound(err, fmt.Sprintf("session %d", sessionID))
	}
	switch status {
	case model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved:
	default:
		return model.Debrief{}, false, model.RuleError("Die Sitzung hat noch nicht stattgefunden; über ihre Nachbesprechung wird nach ihrem Ende entschieden.")
	}
	d, err := queryOne(ctx, tx, scanDebrief, fmt.Sprintf("debrief of session %d", sessionID),
		`SELECT `+debriefCols+` FROM debriefs WHERE session_id = ?`, sessionID)
	if errors.Is(err, ErrNotFound) {
		return model.Debrief{SessionID: sessionID}, false, nil
	}
	return d, err == nil, err
}

// WaiveDebrief notes on the debrief of a session that it is not needed
// ("Nachbesprechung entfällt", model.Debrief.Waive: a reason is required;
// not once the invitation is sent), by the account by (its user name),
// with the audit entry, in one transaction. version is the version
// DebriefWaiverOf gave (0: the session had no row); a stale one is a
// conflict. A session whose debrief was never saved gets a row holding
// only the note (assembled = 0): it stays no debrief, the page keeps
// proposing one. The session is then owed no debrief
// (SessionsOwingDebrief).
func (s *Store) WaiveDebrief(ctx context.Context, sessionID int64, version int, reason, by string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		d, found, err := debriefOfEndedSession(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if err := d.Waive(reason, by, s.now()); err != nil {
			return err
		}
		w := d.Waiver
		const detail = "Vermerk: Nachbesprechung entfällt"
		if !found {
			if version != 0 {
				return fmt.Errorf("store: debrief of session %d (version %d) is gone: %w", sessionID, version, ErrConflict)
			}
			_, err := s.insert(ctx, tx, "debrief", detail,
				`INSERT INTO debriefs (session_id, assembled, waived_reason, waived_by, waived_at) VALUES (?, 0, ?, ?, ?)`,
				sessionID, w.Reason, w.By, timeText(w.At))
			if errors.Is(err, ErrDuplicate) {
				// Saved or noted in the meantime, by someone else.
				return fmt.Errorf("store: debrief of session %d: %w", sessionID, ErrConflict)
			}
			return err
		}
		if err := s.updateVersioned(ctx, tx, "debriefs", "debrief", d.ID, version,
			`waived_reason = ?, waived_by = ?, waived_at = ?`, w.Reason, w.By, timeText(w.At)); err != nil {
			return err
		}
		return s.audit(ctx, tx, "update", "debrief", d.ID, detail)
	})
}

// WithdrawDebriefWaiver withdraws the note "Nachbesprechung entfällt" on
// the debrief of a session (model.Debrief.Unwaive), with the audit entry,
// in one transaction: the session owes its debrief again. version is the
// version DebriefWaiverOf gave; a stale one is a conflict. A debrief never
// saved stays unsaved: the page proposes it as before the note.
func (s *Store) WithdrawDebriefWaiver(ctx context.Context, sessionID int64, version int) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		d, _, err := debriefOfEndedSession(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		if err := d.Unwaive(); err != nil {
			return err
		}
		if err := s.updateVersioned(ctx, tx, "debriefs", "debrief", d.ID, version,
			`waived_reason = '', waived_by = '', waived_at = ''`); err != nil {
			return err
		}
		return s.audit(ctx, tx, "update", "debrief", d.ID, "Vermerk „Nachbesprechung entfällt“ zurückgenommen")
	})
}

// CreateBriefing stores a briefing with its first version. With SentOnce
// the same form sent again stores nothing and gives the briefing the
// first send made.
func (s *Store) CreateBriefing(ctx context.Context, b model.Briefing, first model.BriefingVersion, opts ...FormOption) (int64, error) {
	if b.Title == "" || first.Content == "" {
		return 0, model.InputError("Ein Briefing braucht Titel und Inhalt.")
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.once(ctx, tx, formOptionsOf(opts), "briefing", func() (int64, error) {
			id, err := s.insert(ctx, tx, "briefing", b.Title,
				`INSERT INTO briefings (conference_id, title) VALUES (?, ?)`, nullID(b.ConferenceID), b.Title)
			if err != nil {
				return 0, err
			}
			return id, s.addBriefingVersion(ctx, tx, id, 1, first)
		})
		return err
	})
	return id, err
}

func (s *Store) addBriefingVersion(ctx context.Context, tx *sql.Tx, id int64, version int, v model.BriefingVersion) error {
	if v.Content == "" {
		return model.InputError("Die neue Fassung des Briefings ist leer.")
	}
	if err := s.touch(ctx, tx, "briefing", id); err != nil {
		return err
	}
	// The version keeps the wording of its key messages as it reads in
	// this transaction: a later change of a shared block does not reach
	// back into an earlier Fassung.
	kept := []keptKeyMessage{}
	for _, k := range v.KeyMessages {
		km := keptKeyMessage{ID: k}
		if err := tx.QueryRowContext(ctx, `SELECT title, text FROM key_messages WHERE id = ?`, k).Scan(&km.Title, &km.Text); err != nil {
			return notFound(err, fmt.Sprintf("key message %d", k))
		}
		kept = append(kept, km)
	}
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO briefing_versions (briefing_id, version, stand, author, content, saved_at, key_messages, questions, decisions_since, key_message_texts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, version, v.Stand.String(), v.Author, v.Content, s.now().UTC().Format("2006-01-02T15:04:05Z"),
		toJSON(nonNil(v.KeyMessages)), strings.Join(v.Questions, "\n"), v.DecisionsSince.String(), toJSON(kept)); err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("store: briefing %d version %d: %w", id, version, ErrConflict)
		}
		return fmt.Errorf("store: briefing version: %w", err)
	}
	return s.audit(ctx, tx, "version", "briefing", id, fmt.Sprint(version))
}

// AddBriefingVersion saves a new version of a briefing. basedOn is the
// version the author edited; if a newer one exists the save is refused with
// ErrConflict, so no edit overwrites another. spokesperson names the
// member of a spokesperson writing it ("" for the secretariat).
func (s *Store) AddBriefingVersion(ctx context.Context, id int64, basedOn int, v model.BriefingVersion, spokesperson string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if spokesperson != "" {
			// The briefing is a working document the spokesperson and
			// their team carry on (concept 5.2): a spokesperson in office
			// for its conference adds a version; FITKO (spokesperson "")
			// any.
			var conference int64
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(conference_id, 0) FROM briefings WHERE id = ?`, id).Scan(&conference); err != nil {
				return notFound(err, fmt.Sprintf("briefing %d", id))
			}
			ok, err := holdsFunction(ctx, tx, conference, spokesperson)
			if err != nil {
				return err
			}
			if !ok {
				return model.ForbiddenError("Ein Briefing führen die Geschäftsstelle und die Sprecher:innen im Amt der Fachministerkonferenz, für die es geschrieben ist, fort.")
			}
		}
		var latest int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM briefing_versions WHERE briefing_id = ?`, id).Scan(&latest); err != nil {
			return fmt.Errorf("store: briefing %d: %w", id, err)
		}
		if latest == 0 {
			return fmt.Errorf("store: briefing %d: %w", id, ErrNotFound)
		}
		if latest != basedOn {
			return fmt.Errorf("store: briefing %d is at version %d, edit based on %d: %w", id, latest, basedOn, ErrConflict)
		}
		return s.addBriefingVersion(ctx, tx, id, latest+1, v)
	})
}

// keptKeyMessage is a key message as a briefing version keeps it (column
// key_message_texts, a JSON list).
type keptKeyMessage struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Briefing gives a briefing with all its versions.
func (s *Store) Briefing(ctx context.Context, id int64) (model.Briefing, error) {
	b, err := queryOne(ctx, s.rd, func(r scanner) (model.Briefing, error) {
		var b model.Briefing
		return b, r.Scan(&b.ID, &b.ConferenceID, &b.Title)
	}, fmt.Sprintf("briefing %d", id), `SELECT id, COALESCE(conference_id, 0), title FROM briefings WHERE id = ?`, id)
	if err != nil {
		return b, err
	}
	b.Versions, err = queryList(ctx, s.rd, func(r scanner) (model.BriefingVersion, error) {
		var v model.BriefingVersion
		var stand, saved, keys, questions, since string
		var texts sql.NullString
		if err := r.Scan(&v.Version, &stand, &v.Author, &v.Content, &saved, &keys, &questions, &since, &texts); err != nil {
			return v, err
		}
		// NULL: saved before versions kept the wording of their key
		// messages (migration 00870).
		if v.KeyTextsKept = texts.Valid; v.KeyTextsKept {
			kept, err := fromJSON[keptKeyMessage](texts.String)
			if err != nil {
				return v, err
			}
			for _, k := range kept {
				v.KeyTexts = append(v.KeyTexts, model.KeyMessage{ID: k.ID, Title: k.Title, Text: k.Text})
			}
		}
		v.Stand, v.DecisionsSince = parseDate(stand), parseDate(since)
		v.Saved, _ = timeParse(saved)
		if questions != "" {
			v.Questions = strings.Split(questions, "\n")
		}
		var err error
		v.KeyMessages, err = fromJSON[int64](keys)
		return v, err
	}, "briefing versions", `SELECT version, stand, author, content, saved_at, key_messages, questions, decisions_since, key_message_texts FROM briefing_versions WHERE briefing_id = ? ORDER BY version`, id)
	return b, err
}

// Briefings gives the ids and titles of the briefings for a FachMK (0: all
// briefings), without versions.
func (s *Store) Briefings(ctx context.Context, conferenceID int64) ([]model.Briefing, error) {
	return queryList(ctx, s.rd, func(r scanner) (model.Briefing, error) {
		var b model.Briefing
		return b, r.Scan(&b.ID, &b.ConferenceID, &b.Title)
	}, "briefings", `SELECT id, COALESCE(conference_id, 0), title FROM briefings WHERE ? = 0 OR conference_id = ? ORDER BY id`, conferenceID, conferenceID)
}

const requestCols = `id, conference_id, title, text, received_on, via, status, COALESCE(item_id, 0), submitted_by, reason, outcome, withdrawn_by, withdrawn_at, version`

func scanRequest(r scanner) (model.Request, error) {
	var q model.Request
	var received, withdrawn string
	if err := r.Scan(&q.ID, &q.ConferenceID, &q.Title, &q.Text, &received, &q.Via, &q.Status, &q.ItemID, &q.SubmittedBy, &q.Reason, &q.Outcome, &q.WithdrawnBy, &withdrawn, &q.Version); err != nil {
		return q, err
	}
	q.ReceivedOn = parseDate(received)
	q.WithdrawnAt, _ = time.Parse(time.RFC3339, withdrawn)
	return q, nil
}

// CreateRequest stores an Anliegen of a FachMK as the secretariat records
// it (the demo, an import); SubmitRequest is the FachMK's own submission.
func (s *Store) CreateRequest(ctx context.Context, q model.Request) (int64, error) {
	if err := q.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insertRequest(ctx, tx, q)
		return err
	})
	return id, err
}

func (s *Store) insertRequest(ctx context.Context, tx *sql.Tx, q model.Request) (int64, error) {
	return s.insert(ctx, tx, "request", q.Title,
		`INSERT INTO requests (conference_id, title, text, received_on, via, status, item_id, submitted_by, reason, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		q.ConferenceID, q.Title, q.Text, q.ReceivedOn.String(), q.Via, q.Status, nullID(q.ItemID), q.SubmittedBy, q.Reason, q.Outcome)
}

// Request gives the request with the id.
func (s *Store) Request(ctx context.Context, id int64) (model.Request, error) {
	return queryOne(ctx, s.rd, scanRequest, fmt.Sprintf("request %d", id), `SELECT `+requestCols+` FROM requests WHERE id = ?`, id)
}

// Requests gives the requests of a FachMK (0: all), newest first.
func (s *Store) Requests(ctx context.Context, conferenceID int64) ([]model.Request, error) {
	return queryList(ctx, s.rd, scanRequest, "requests",
		`SELECT `+requestCols+` FROM requests WHERE ? = 0 OR conference_id = ? ORDER BY received_on DESC, id DESC`, conferenceID, conferenceID)
}

// UpdateRequest changes a request; q.Version must be the version read.
func (s *Store) UpdateRequest(ctx context.Context, q model.Request) error {
	if err := q.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updateRequest(ctx, tx, q)
	})
}

func (s *Store) updateRequest(ctx context.Context, tx *sql.Tx, q model.Request) error {
	return s.updateVersioned(ctx, tx, "requests", "request", q.ID, q.Version,
		`title = ?, text = ?, received_on = ?, via = ?, status = ?, item_id = ?, reason = ?, outcome = ?`,
		q.Title, q.Text, q.ReceivedOn.String(), q.Via, q.Status, nullID(q.ItemID), q.Reason, q.Outcome)
}

// taskCols are the columns scanTask reads: a task with the version its
// form carries.
const taskCols = `id, position, text, spokesperson, fitko, recurrence, version`

func scanTask(r scanner) (model.Task, error) {
	var t model.Task
	err := r.Scan(&t.ID, &t.Position, &t.Text, &t.Spokesperson, &t.FITKO, &t.Recurrence, &t.Version)
	return t, err
}

// taskExists refuses a task whose text the matrix has already, at the
// field of the text (before: "Ein Eintrag mit dieser Nummer oder diesem
// Namen existiert bereits." above the form, which named neither).
func taskExists(t model.Task) error {
	return model.AtField("text", model.RuleError("Eine Aufgabe „%s“ gibt es bereits.", model.TypedMarks(t.Text)))
}

// questionExists refuses an evaluation question whose text the catalogue
// has already, at the field of the text.
func questionExists(q model.EvaluationQuestion) error {
	return model.AtField("text", model.RuleError("Eine Evaluationsfrage „%s“ gibt es bereits.", q.Text))
}

// validateTask checks a row of the matrix; a task without a rhythm is a
// one-off task. Its text takes [[…]] for confidential passages as the
// minutes do (model.MarkFields): the matrix and the checklists are
// internal.
func validateTask(t *model.Task) error {
	if t.Recurrence == "" {
		t.Recurrence = model.RecurOnce
	}
	return errors.Join(t.Validate(), model.MarkFields(model.MarkedField{Field: "text", Text: &t.Text}))
}

// CreateTask stores a row of the role/task matrix (one-off unless the task
// says otherwise).
func (s *Store) CreateTask(ctx context.Context, t model.Task) (int64, error) {
	if err := validateTask(&t); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insert(ctx, tx, "task", t.Text,
			`INSERT INTO tasks (position, text, spokesperson, fitko, recurrence) VALUES (?, ?, ?, ?, ?)`, t.Position, t.Text, t.Spokesperson, t.FITKO, t.Recurrence)
		return err
	})
	if errors.Is(err, ErrDuplicate) {
		return 0, taskExists(t)
	}
	return id, err
}

// Tasks gives the role/task matrix in order.
func (s *Store) Tasks(ctx context.Context) ([]model.Task, error) {
	return queryList(ctx, s.rd, scanTask, "tasks", `SELECT `+taskCols+` FROM tasks ORDER BY position, id`)
}

// UpdateTask changes a row of the role/task matrix; t.Version must be the
// version read (ErrConflict else: before, an edit from an older page
// overwrote the one saved meanwhile).
func (s *Store) UpdateTask(ctx context.Context, t model.Task) error {
	if err := validateTask(&t); err != nil {
		return err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updateVersioned(ctx, tx, "tasks", "task", t.ID, t.Version, `position = ?, text = ?, spokesperson = ?, fitko = ?, recurrence = ?`,
			t.Position, t.Text, t.Spokesperson, t.FITKO, t.Recurrence)
	})
	if errors.Is(err, ErrDuplicate) {
		return taskExists(t)
	}
	return err
}

func scanQuestion(r scanner) (model.EvaluationQuestion, error) {
	var q model.EvaluationQuestion
	err := r.Scan(&q.ID, &q.Position, &q.Group, &q.Text)
	return q, err
}

// CreateQuestion stores an evaluation question.
func (s *Store) CreateQuestion(ctx context.Context, q model.EvaluationQuestion) (int64, error) {
	if q.Text == "" {
		return 0, model.InputError("Eine Evaluationsfrage braucht einen Text.")
	}
	if err := q.Check(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insert(ctx, tx, "evaluation_question", q.Text,
			`INSERT INTO evaluation_questions (position, grp, text) VALUES (?, ?, ?)`, q.Position, q.Group, q.Text)
		return err
	})
	if errors.Is(err, ErrDuplicate) {
		return 0, questionExists(q)
	}
	return id, err
}

// Questions gives the evaluation questions in order.
func (s *Store) Questions(ctx context.Context) ([]model.EvaluationQuestion, error) {
	return queryList(ctx, s.rd, scanQuestion, "evaluation questions", `SELECT id, position, grp, text FROM evaluation_questions ORDER BY position, id`)
}

// UpdateQuestion changes an evaluation question. It is unversioned: no
// page and no API changes a question (the catalogue grows by
// CreateQuestion); a form that does must version it first.
func (s *Store) UpdateQuestion(ctx context.Context, q model.EvaluationQuestion) error {
	if q.Text == "" {
		return model.InputError("Eine Evaluationsfrage braucht einen Text.")
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updatePlain(ctx, tx, "evaluation_questions", "evaluation_question", q.ID, `position = ?, grp = ?, text = ?`, q.Position, q.Group, q.Text)
	})
	if errors.Is(err, ErrDuplicate) {
		return questionExists(q)
	}
	return err
}
