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

const sessionCols = `id, body_id, number, date, start_time, end_time, place, chair, status, minutes_stand, approved_in,
	registration_deadline, agenda_published, current_item_id, quorum, kind, applicants, approved_on, version,
	cancelled_reason, cancelled_on, previous_date, change_note, sequence, moves, minutes_changed, deadline_sequence,
	COALESCE((SELECT slug FROM bodies WHERE bodies.id = sessions.body_id), ''),
	COALESCE((SELECT abbrev FROM bodies WHERE bodies.id = sessions.body_id), ''),
	COALESCE((SELECT internal FROM bodies WHERE bodies.id = sessions.body_id), 0)`

func scanSession(r scanner) (model.Session, error) {
	var s model.Session
	var date, stand, deadline, applicants, approved, cancelled, previous, moves, changed string
	if err := r.Scan(&s.ID, &s.BodyID, &s.Number, &date, &s.StartTime, &s.EndTime, &s.Place, &s.Chair, &s.Status, &stand, &s.ApprovedIn,
		&deadline, &s.AgendaPublished, &s.CurrentItemID, &s.Quorum, &s.Kind, &applicants, &approved, &s.Version,
		&s.Schedule.CancelledReason, &cancelled, &previous, &s.Schedule.ChangeNote, &s.Schedule.Sequence, &moves, &changed, &s.Schedule.DeadlineMoves,
		&s.BodySlug, &s.BodyAbbrev, &s.Internal); err != nil {
		return s, err
	}
	s.Date, s.MinutesStand, s.RegistrationDeadline, s.ApprovedOn = parseDate(date), parseDate(stand), parseDate(deadline), parseDate(approved)
	s.MinutesChanged = parseDate(changed)
	s.Schedule.CancelledOn, s.Schedule.PreviousDate = parseDate(cancelled), parseDate(previous)
	var err error
	if s.Applicants, err = fromJSON[string](applicants); err != nil {
		return s, err
	}
	s.Schedule.Moves, err = movesFromJSON(moves)
	return s, err
}

// storedMove is a model.SessionMove as the column sessions.moves keeps it
// (a JSON list; the migration 985 writes the same keys).
type storedMove struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Reason string `json:"reason"`
}

// movesToJSON gives the moves as the column keeps them.
func movesToJSON(moves []model.SessionMove) string {
	out := make([]storedMove, len(moves))
	for i, m := range moves {
		out[i] = storedMove{From: m.From.String(), To: m.To.String(), Reason: m.Reason}
	}
	return toJSON(out)
}

// movesFromJSON reads the column sessions.moves.
func movesFromJSON(s string) ([]model.SessionMove, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	list, err := fromJSON[storedMove](s)
	if err != nil {
		return nil, fmt.Errorf("store: moves of a session: %w", err)
	}
	out := make([]model.SessionMove, len(list))
	for i, m := range list {
		out[i] = model.SessionMove{From: parseDate(m.From), To: parseDate(m.To), Reason: m.Reason}
	}
	return out, nil
}

// checkSessionKind checks a special session's application: the Bund or
// three Länder (as for decisions).
func checkSessionKind(ctx context.Context, tx *sql.Tx, se model.Session) error {
	kind, err := model.ParseSessionKind(string(se.Kind))
	if err != nil || kind != model.SessionSpecial {
		return err
	}
	kinds, err := memberKinds(ctx, tx, se.Applicants)
	if err != nil {
		return err
	}
	return model.CheckSpecialSession(se.Applicants, kinds)
}

// checkNumberOrder refuses a date that breaks the order of a body's
// session numbers: the minutes of session N are approved in N+1, so a
// session is not dated before an earlier-numbered one or after a
// later-numbered one of the same body (cancelled sessions aside; the same
// day is allowed). Imported and recorded sessions are taken as they are.
func checkNumberOrder(ctx context.Context, tx *sql.Tx, se model.Session) error {
	if se.Date.IsZero() {
		return nil
	}
	var number int
	var date string
	err := tx.QueryRowContext(ctx, `SELECT number, date FROM sessions
		WHERE body_id = ? AND id <> ? AND cancelled_reason = '' AND date <> ''
		  AND ((number < ? AND date > ?) OR (number > ? AND date < ?))
		ORDER BY abs(number - ?) LIMIT 1`,
		se.BodyID, se.ID, se.Number, se.Date.String(), se.Number, se.Date.String(), se.Number).Scan(&number, &date)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("store: session order: %w", err)
	}
	other := parseDate(date).German()
	if number < se.Number {
		return model.AtField("datum", model.RuleError("Die %d. Sitzung liegt am %s; die %d. Sitzung kann nicht vor ihr liegen (die Nummern folgen den Terminen).", number, other, se.Number))
	}
	return model.AtField("datum", model.RuleError("Die %d. Sitzung liegt am %s; die %d. Sitzung kann nicht nach ihr liegen (die Nummern folgen den Terminen).", number, other, se.Number))
}

// sessionKind stores the zero kind as regular.
func sessionKind(k model.SessionKind) model.SessionKind {
	if k == "" {
		return model.SessionRegular
	}
	return k
}

// CreateSession stores a new session. Any status is accepted, so that past
// sessions can be recorded as they are; later changes go through
// SetSessionStatus.
func (s *Store) CreateSession(ctx context.Context, se model.Session) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insertSession(ctx, tx, se)
		return err
	})
	return id, err
}

// insertSession inserts a session inside tx after checking it: every
// reason it breaks at once, its own (plannable) and its kind's.
func (s *Store) insertSession(ctx context.Context, tx *sql.Tx, se model.Session) (int64, error) {
	if err := joinRefusals(plannable(se), checkSessionKind(ctx, tx, se)); err != nil {
		return 0, err
	}
	if se.Chair == "" && !se.Date.IsZero() {
		var err error
		if se.Chair, _, err = chairOfYear(ctx, tx, se.BodyID, se.Date.Year); err != nil {
			return 0, err
		}
	}
	return s.insert(ctx, tx, "session", se.Title(),
		`INSERT INTO sessions (body_id, number, date, start_time, end_time, place, chair, status, minutes_stand, approved_in, registration_deadline, agenda_published,
		   kind, applicants, approved_on)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		se.BodyID, se.Number, se.Date.String(), se.StartTime, se.EndTime, se.Place, se.Chair, se.Status, se.MinutesStand.String(), se.ApprovedIn,
		se.RegistrationDeadline.String(), se.AgendaPublished, sessionKind(se.Kind), toJSON(nonNil(se.Applicants)), se.ApprovedOn.String())
}

// Session gives the session with the id.
func (s *Store) Session(ctx context.Context, id int64) (model.Session, error) {
	return queryOne(ctx, s.rd, scanSession, fmt.Sprintf("session %d", id), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, id)
}

// SessionByNumber gives a body's session by its number (47).
func (s *Store) SessionByNumber(ctx context.Context, bodyID int64, number int) (model.Session, error) {
	return sessionByNumber(ctx, s.rd, bodyID, number)
}

// sessionByNumber reads a body's session by its number through q.
func sessionByNumber(ctx context.Context, q queryer, bodyID int64, number int) (model.Session, error) {
	return queryOne(ctx, q, scanSession, fmt.Sprintf("session %d", number),
		`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND number = ?`, bodyID, number)
}

// approvingSessionTx reads inside tx the session of cur's body numbered
// number that is to approve cur's minutes (or a correction of them): a
// later session, while it runs; else it refuses, the reason beginning
// with what ("Ein Protokoll wird").
func approvingSessionTx(ctx context.Context, tx *sql.Tx, cur model.Session, number int, what string) (model.Session, error) {
	approving, err := sessionByNumber(ctx, tx, cur.BodyID, number)
	if err != nil {
		return approving, err
	}
	if approving.Status != model.StatusRunning || number <= cur.Number {
		return approving, model.RuleError("%s in einer späteren Sitzung genehmigt, während diese läuft; die %d. Sitzung ist „%s“.", what, number, approving.StatusLabel())
	}
	return approving, nil
}

// MinutesApprovedIn gives those of a body's sessions numbered numbers
// whose minutes the session numbered approving approved
// (model.Session.ApprovedIn), in order of their numbers: the minutes of
// the approving session state them in TOP 00. One query, bounded by the
// numbers the approving session's agenda names.
func (s *Store) MinutesApprovedIn(ctx context.Context, bodyID int64, approving int, numbers []int) ([]model.Session, error) {
	var out []model.Session
	err := inBatches(numbers, func(in string, args []any) error {
		ss, err := queryList(ctx, s.rd, scanSession, "approved minutes",
			`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND approved_in = ? AND number IN `+in+` ORDER BY number`,
			append([]any{bodyID, approving}, args...)...)
		out = append(out, ss...)
		return err
	})
	return out, err
}

// Sessions gives a body's sessions, newest first.
func (s *Store) Sessions(ctx context.Context, bodyID int64) ([]model.Session, error) {
	return queryList(ctx, s.rd, scanSession, "sessions",
		`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? ORDER BY number DESC`, bodyID)
}

// UpdateSession changes a session's data (not its status: see
// SetSessionStatus); se.Version must be the version read. An update that
// publishes the agenda queues its notification in the same transaction;
// a session held or cancelled refuses the publication (ErrAgendaClosed).
func (s *Store) UpdateSession(ctx context.Context, se model.Session) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := joinRefusals(se.Validate(), checkSessionKind(ctx, tx, se)); err != nil {
			return err
		}
		cur, err := loadSessionTx(ctx, tx, se.ID)
		if err != nil {
			return err
		}
		if err := sessionRecordKept(cur, se); err != nil {
			return err
		}
		wasPublished := agendaPublished(ctx, tx, se.ID)
		if se.AgendaPublished && !wasPublished {
			// Published in the same write as the check: a session held
			// or cancelled meanwhile keeps its agenda unpublished.
			if err := checkAgendaOpen(ctx, tx, se.ID); err != nil {
				return err
			}
		}
		if err := s.updateVersioned(ctx, tx, "sessions", "session", se.ID, se.Version,
			`number = ?, date = ?, start_time = ?, end_time = ?, place = ?, chair = ?, minutes_stand = ?, approved_in = ?,
			 registration_deadline = ?, agenda_published = ?, current_item_id = ?, kind = ?, applicants = ?`,
			se.Number, se.Date.String(), se.StartTime, se.EndTime, se.Place, se.Chair, se.MinutesStand.String(), se.ApprovedIn,
			se.RegistrationDeadline.String(), se.AgendaPublished, se.CurrentItemID, sessionKind(se.Kind), toJSON(nonNil(se.Applicants))); err != nil {
			return err
		}
		if se.AgendaPublished && !wasPublished {
			return s.noticeAgendaPublished(ctx, tx, se.ID)
		}
		return nil
	})
}

// sessionRecordKept refuses an update (UpdateSession) that changes what
// session cur records once it may no longer change: nothing of a session
// whose minutes are approved (ErrImmutable: the approved minutes name its
// date, place and chair), and not its number, date, times, place, chair,
// kind, applicants or registration deadline once it has begun or was
// cancelled (model.Session.Schedulable, as EditSession refuses them).
// What a held session's minutes still set (their Stand, the approving
// session, the item under discussion) may change until approval.
func sessionRecordKept(cur, se model.Session) error {
	record := func(x model.Session) []any {
		return []any{x.Number, x.Date, x.StartTime, x.EndTime, x.Place, x.Chair, sessionKind(x.Kind), strings.Join(x.Applicants, ","), x.RegistrationDeadline}
	}
	changed := !slices.Equal(record(cur), record(se))
	if cur.Status.MinutesFrozen() {
		if changed || cur.MinutesStand != se.MinutesStand || cur.ApprovedIn != se.ApprovedIn || cur.AgendaPublished != se.AgendaPublished ||
			cur.CurrentItemID != se.CurrentItemID {
			return &model.Error{Class: model.ErrRule, Err: ErrImmutable, Reason: fmt.Sprintf(
				"Das Protokoll der %s ist genehmigt; Termin, Ort, Vorsitz und die übrigen Angaben der Sitzung sind damit unveränderlich.", cur.Title())}
		}
		return nil
	}
	if changed {
		return cur.Schedulable()
	}
	return nil
}

// SetSessionStatus moves a session one step along the cycle (geplant →
// einberufen → laufend → beendet → Protokoll im Entwurf → Protokoll
// genehmigt). Any other move is refused, and so is opening a session
// before its date (German time) or while its agenda is not published
// (ErrAgendaUnpublished), and ending it while a vote is open. Ending
// it ends the speakers' list (the
// turn of whoever speaks, with its discussion row; the requests still
// waiting lapse). Moving to "Protokoll im Entwurf"
// distributes the draft minutes: the notification that they are open for
// comment is queued in the same transaction.
//
// Ending a session here leaves its open proposals undecided (and drops
// the follow-ups they would order, as EndSession does); the secretariat's
// end (EndSession) asks first.
func (s *Store) SetSessionStatus(ctx context.Context, id int64, version int, next model.SessionStatus) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := loadSessionTx(ctx, tx, id)
		if err != nil {
			return err
		}
		_, err = s.stepTx(ctx, tx, cur, version, next)
		return err
	})
}

// EndSession ends a running session (SetSessionStatus to "beendet") once
// no proposal it treats waits for its vote (model.OpenProposals, the list
// the management page shows), or with leaveUndecided — the secretariat's
// confirmation that they stay undecided in this session: an ended session
// takes no more votes. The refusal stands at the confirmation's field
// (offene_vorschlaege).
//
// What the proposals left undecided would order is not owed: the
// follow-ups given as ordered by them that are still owed are set to
// entfallen in the same transaction, with the reason, until a later count
// adopts the proposal (dropFollowUpsOfUndecided). It gives those
// follow-ups, for the notice that names them.
func (s *Store) EndSession(ctx context.Context, id int64, version int, leaveUndecided bool) ([]model.FollowUp, error) {
	var dropped []model.FollowUp
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := loadSessionTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Status == model.StatusRunning && !cur.Cancelled() && !leaveUndecided {
			open, err := openProposals(ctx, tx, id)
			if err != nil {
				return err
			}
			if len(open) > 0 {
				return model.AtField("offene_vorschlaege", model.RuleError(
					"Die Sitzung ist nicht beendet: über Beschlussvorschläge wurde noch nicht abgestimmt. Bitte abstimmen oder bestätigen, dass sie in dieser Sitzung unentschieden bleiben."))
			}
		}
		dropped, err = s.stepTx(ctx, tx, cur, version, model.StatusEnded)
		return err
	})
	return dropped, err
}

// OpenProposals gives the proposals of a session that it treats and no
// count has decided yet, in agenda order (model.OpenProposals): what
// holds up its end (EndSession).
func (s *Store) OpenProposals(ctx context.Context, sessionID int64) ([]model.OpenProposal, error) {
	return openProposals(ctx, s.rd, sessionID)
}

func openProposals(ctx context.Context, q queryer, sessionID int64) ([]model.OpenProposal, error) {
	items, err := queryList(ctx, q, scanItem, "agenda items", `SELECT `+itemCols+` FROM agenda_items WHERE session_id = ?`, sessionID)
	if err != nil {
		return nil, err
	}
	drafts, err := queryList(ctx, q, scanDecision, "proposals", `SELECT `+decisionCols+` FROM decisions d WHERE d.session_id = ? AND d.status = ? ORDER BY d.position, d.id`,
		sessionID, model.DecisionDraft)
	if err != nil {
		return nil, err
	}
	return model.OpenProposals(items, drafts), nil
}

// stepTx moves cur one step to next inside tx (SetSessionStatus). Ending
// the session, it gives the follow-ups it dropped with the proposals left
// undecided (dropFollowUpsOfUndecided).
func (s *Store) stepTx(ctx context.Context, tx *sql.Tx, cur model.Session, version int, next model.SessionStatus) ([]model.FollowUp, error) {
	id := cur.ID
	if cur.Cancelled() {
		return nil, model.RuleError("Die %d. Sitzung ist abgesagt; ihr Status kann nicht mehr wechseln.", cur.Number)
	}
	if !cur.Status.CanMoveTo(next) {
		return nil, model.RuleError("Die %d. Sitzung kann nicht von „%s“ nach „%s“ wechseln; eine Sitzung durchläuft geplant → einberufen → laufend → beendet → Protokoll im Entwurf → Protokoll genehmigt.", cur.Number, cur.Status.Label(), next.Label())
	}
	if next == model.StatusRunning && cur.TooEarlyToOpen(s.Today()) {
		return nil, model.RuleError("Die %d. Sitzung ist für den %s geplant und kann frühestens an diesem Tag eröffnet werden. Findet sie früher statt, bitte zuerst ihren Termin ändern (Sitzung bearbeiten, mit Grund der Verlegung).",
			cur.Number, cur.Date.German())
	}
	if next == model.StatusRunning {
		// Checked on the session read in this transaction: an agenda
		// published meanwhile counts, and nothing is written when it
		// is not.
		if err := agendaUnpublished(cur); err != nil {
			return nil, err
		}
		if err := recommendationsSettled(ctx, tx, cur); err != nil {
			return nil, err
		}
	}
	if cur.Status == model.StatusRunning {
		// A vote open when the session ends could neither be closed
		// nor cast in any more: it is closed or cancelled first.
		if open, err := hasOpenBallot(ctx, tx, id); err != nil {
			return nil, err
		} else if open {
			return nil, model.AtField("abstimmung", model.RuleError("Die %d. Sitzung ist nicht beendet: eine Abstimmung läuft noch. Bitte sie zuerst schließen oder abbrechen.", cur.Number))
		}
	}
	stand, changed := cur.MinutesStand, cur.MinutesChanged
	if next == model.StatusMinutesDraft {
		// The draft carries the date it was made as its "Stand", the
		// Stand of both versions (no change since).
		stand, changed = s.Today(), model.Date{}
	}
	if err := s.updateVersioned(ctx, tx, "sessions", "session", id, version, `status = ?, minutes_stand = ?, minutes_changed = ?`, next, stand.String(), changed.String()); err != nil {
		return nil, err
	}
	if next == model.StatusEnded {
		// The moment it ended bounds the written procedures its
		// minutes list (model.SessionEnd).
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET ended_at = ? WHERE id = ?`, s.now().UTC().Format(time.RFC3339), id); err != nil {
			return nil, fmt.Errorf("store: session %d ended: %w", id, err)
		}
	}
	if next == model.StatusMinutesDraft {
		if err := s.noticeMinutesForComment(ctx, tx, id); err != nil {
			return nil, err
		}
	}
	var dropped []model.FollowUp
	if next == model.StatusEnded {
		if err := s.closeFloorTx(ctx, tx, id); err != nil {
			return nil, err
		}
		// An ended session takes no more votes: what its proposals
		// left undecided would order is not owed (until adopted).
		var err error
		if dropped, err = s.dropFollowUpsOfUndecided(ctx, tx, cur); err != nil {
			return nil, err
		}
	}
	return dropped, s.audit(ctx, tx, "status", "session", id, string(next))
}

// recommendationsSettled refuses to open session se while a written
// procedure of its preparatory body on a recommendation for one of its
// items (or for the item one of them was deferred from) is open: given
// once the session runs, the recommendation would change the proposal's
// text or propose the Grüne Liste while the session deliberates
// (forComingSession). The reason names the procedure and its deadline.
func recommendationsSettled(ctx context.Context, tx *sql.Tx, se model.Session) error {
	type open struct {
		id       int64
		title    string
		deadline string
	}
	list, err := queryList(ctx, tx, func(r scanner) (open, error) {
		var o open
		return o, r.Scan(&o.id, &o.title, &o.deadline)
	}, "open recommendation procedures", `SELECT p.id, i.title, p.deadline FROM written_procedures p
		JOIN recommendations r ON r.decision_id = p.decision_id JOIN agenda_items i ON i.id = r.target_item_id
		WHERE p.status = ? AND (i.session_id = ? OR i.id IN (SELECT deferred_from_item_id FROM agenda_items WHERE session_id = ?))
		ORDER BY p.deadline, p.id LIMIT 1`, model.ProcedureOpen, se.ID, se.ID)
	if err != nil || len(list) == 0 {
		return err
	}
	deadline, _ := time.Parse(time.RFC3339, list[0].deadline)
	return model.RuleError("Die %s kann noch nicht eröffnet werden: Das Umlaufverfahren Nr. %d zur Beschlussempfehlung zu „%s“ läuft bis %s. "+
		"Eine Empfehlung, die erst in der laufenden Sitzung ergeht, änderte den Beschlussvorschlag oder die Grüne Liste während der Beratung. "+
		"Bitte die Frist abwarten oder das Umlaufverfahren vorzeitig beenden, sobald alle Mitglieder abgestimmt haben.",
		se.Title(), list[0].id, list[0].title, model.BerlinDateTime(deadline))
}

// ErrAgendaUnpublished means a session was to be opened (laufend) while
// its agenda (Tagesordnung) is not published: the members would
// deliberate an agenda they were never sent. The error returned gives the
// reason naming the session and wraps ErrAgendaUnpublished (errors.Is
// finds it). Convening (einberufen) does not need the published agenda:
// the agenda of a convened session is still being built (registrations
// until the deadline, numbering, the AL-Runde's recommendations).
var ErrAgendaUnpublished error = &model.Error{Class: model.ErrRule, Reason: "Die Tagesordnung der Sitzung ist nicht veröffentlicht; eröffnet wird eine Sitzung erst mit veröffentlichter Tagesordnung."}

// agendaUnpublished gives ErrAgendaUnpublished, with the reason naming se,
// when se's agenda is not published; nil once it is.
func agendaUnpublished(se model.Session) error {
	if se.AgendaPublished {
		return nil
	}
	return &model.Error{Class: model.ErrRule, Err: ErrAgendaUnpublished, Reason: fmt.Sprintf(
		"Die %s kann nicht eröffnet werden: ihre Tagesordnung ist nicht veröffentlicht. Bitte zuerst die Tagesordnung veröffentlichen.", se.Title())}
}

// ErrAgendaClosed means an agenda item was to be added to a session, or
// its agenda published, after the session was held or cancelled
// (model.Session.CheckAgendaOpen). The error returned gives the reason
// naming the session and wraps ErrAgendaClosed (errors.Is finds it).
var ErrAgendaClosed error = &model.Error{Class: model.ErrRule, Reason: "Die Sitzung ist durchgeführt oder abgesagt; ihre Tagesordnung ist geschlossen."}

// agendaClosed gives ErrAgendaClosed, with the reason naming se, when se's
// agenda is closed; nil while it is open.
func agendaClosed(se model.Session) error {
	if err := se.CheckAgendaOpen(); err != nil {
		return &model.Error{Class: model.ErrRule, Reason: model.ReasonOf(err), Err: ErrAgendaClosed}
	}
	return nil
}

// checkAgendaOpen reads the session inside tx and refuses a change of its
// agenda when it is closed (agendaClosed): the check of the write itself,
// whatever a form or the API checked before.
func checkAgendaOpen(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	se, err := loadSessionTx(ctx, tx, sessionID)
	if err != nil {
		return err
	}
	return agendaClosed(se)
}

// checkSessionOpen refuses changes to the minutes of a session whose
// minutes are approved, and to draft minutes while a written procedure
// approving them is open (minutesInProcedure): the members approve the
// text they were sent.
func checkSessionOpen(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	var status model.SessionStatus
	var number int
	var bodyID int64
	err := tx.QueryRowContext(ctx, `SELECT status, number, body_id FROM sessions WHERE id = ?`, sessionID).Scan(&status, &number, &bodyID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: session %d: %w", sessionID, ErrNotFound)
	} else if err != nil {
		return fmt.Errorf("store: session %d: %w", sessionID, err)
	}
	if status.MinutesFrozen() {
		return fmt.Errorf("store: minutes of the %d. Sitzung are approved: %w", number, ErrImmutable)
	}
	if status == model.StatusMinutesDraft {
		return minutesInProcedure(ctx, tx, bodyID, number)
	}
	return nil
}

// changeMinutesAt is checkItemOpen for a change of the minutes' rows at
// an agenda item: released draft minutes then take the day of the change
// as their Stand (dateDraftMinutes) — the public version only if the
// change shows in it (public: model.PublicRowChanged).
func (s *Store) changeMinutesAt(ctx context.Context, tx *sql.Tx, itemID int64, public bool) error {
	sessionID, err := itemSession(ctx, tx, itemID)
	if err != nil {
		return err
	}
	if err := checkSessionOpen(ctx, tx, sessionID); err != nil {
		return err
	}
	return s.dateDraftMinutes(ctx, tx, sessionID, public)
}

// dateDraftMinutes gives released draft minutes (protokoll_entwurf) the
// day of a change of their content as their Stand: the Stand of a draft
// is the day of its latest change, as its pages, text and PDF print it
// ("Stand: 08.12.2025"), and the OParl File of the minutes takes it as its
// date (its modified follows). Before, a draft changed after its release
// kept the Stand of the release, and an OParl client never learned that
// the public minutes had changed. Minutes of another status keep theirs.
//
// The two versions have a Stand each: every change moves the internal
// one (minutes_changed), and the public one (minutes_stand) moves only
// when public says the public version shows the change (a row's public
// form differs before and after, model.PublicRowChanged; never a
// proposal's). Before, one Stand moved with every change, and a proposal
// added or a confidential passage edited told the public that, and on
// which day, something confidential had changed.
func (s *Store) dateDraftMinutes(ctx context.Context, tx *sql.Tx, sessionID int64, public bool) error {
	today := model.BerlinDate(s.now()).String()
	var status model.SessionStatus
	var stand, changed string
	if err := tx.QueryRowContext(ctx, `SELECT status, minutes_stand, minutes_changed FROM sessions WHERE id = ?`, sessionID).Scan(&status, &stand, &changed); err != nil {
		return notFound(err, fmt.Sprintf("session %d", sessionID))
	}
	if status != model.StatusMinutesDraft {
		return nil
	}
	switch {
	case public && (stand != today || changed != today):
		return s.updatePlain(ctx, tx, "sessions", "session", sessionID, `minutes_stand = ?, minutes_changed = ?`, today, today)
	case changed != today:
		return s.updatePlain(ctx, tx, "sessions", "session", sessionID, `minutes_changed = ?`, today)
	}
	return nil
}

// checkItemOpen is checkSessionOpen for the session of an agenda item.
func checkItemOpen(ctx context.Context, tx *sql.Tx, itemID int64) error {
	sessionID, err := itemSession(ctx, tx, itemID)
	if err != nil {
		return err
	}
	return checkSessionOpen(ctx, tx, sessionID)
}

// itemSession gives the session of an agenda item.
func itemSession(ctx context.Context, tx *sql.Tx, itemID int64) (int64, error) {
	var sessionID int64
	err := tx.QueryRowContext(ctx, `SELECT session_id FROM agenda_items WHERE id = ?`, itemID).Scan(&sessionID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: agenda item %d: %w", itemID, ErrNotFound)
	} else if err != nil {
		return 0, fmt.Errorf("store: agenda item %d: %w", itemID, err)
	}
	return sessionID, nil
}

const itemCols = `id, session_id, COALESCE(section_id, 0), number, title, points, goal, sources, reporters,
	flag_decision, flag_note, flag_recommendation, flag_followup, consent, position,
	impact_stated, impact_conferences, impact_note, status, registered_by, registered_at, late, deferred_to, deferred_from, deferral_reason, decline_reason, change_request, version`

func scanItem(r scanner) (model.AgendaItem, error) {
	var it model.AgendaItem
	var points, sources, reporters, conferences, registered string
	if err := r.Scan(&it.ID, &it.SessionID, &it.SectionID, &it.Number, &it.Title, &points, &it.Goal, &sources, &reporters,
		&it.Flags.Decision, &it.Flags.Note, &it.Flags.Recommendation, &it.Flags.FollowUp, &it.Consent, &it.Position,
		&it.Impact.Stated, &conferences, &it.Impact.Note, &it.Status, &it.RegisteredBy, &registered, &it.Late,
		&it.Deferral.To, &it.Deferral.From, &it.Deferral.Reason, &it.DeclineReason, &it.ChangeRequest, &it.Version); err != nil {
		return it, err
	}
	it.RegisteredAt, _ = time.Parse(time.RFC3339, registered)
	var err [4]error
	it.Points, err[0] = fromJSON[string](points)
	it.Sources, err[1] = fromJSON[string](sources)
	it.Reporters, err[2] = fromJSON[string](reporters)
	it.Impact.ConferenceIDs, err[3] = fromJSON[int64](conferences)
	return it, errors.Join(err[:]...)
}

func itemArgs(it model.AgendaItem) []any {
	if it.Status == "" {
		it.Status = model.ItemAccepted
	}
	registered := ""
	if !it.RegisteredAt.IsZero() {
		registered = it.RegisteredAt.UTC().Format(time.RFC3339)
	}
	return []any{nullID(it.SectionID), it.Number, it.Title, toJSON(nonNil(it.Points)), it.Goal, toJSON(nonNil(it.Sources)), toJSON(nonNil(it.Reporters)),
		it.Flags.Decision, it.Flags.Note, it.Flags.Recommendation, it.Flags.FollowUp, it.Consent, it.Position,
		it.Impact.Stated, toJSON(nonNil(it.Impact.ConferenceIDs)), it.Impact.Note, it.Status, it.RegisteredBy, registered, it.Late,
		it.Deferral.To, it.Deferral.From, it.Deferral.Reason, it.DeclineReason}
}

func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

// CreateItem stores a new agenda item. A session that was held or
// cancelled refuses it (ErrAgendaClosed).
func (s *Store) CreateItem(ctx context.Context, it model.AgendaItem) (int64, error) {
	return s.createItem(ctx, it, true)
}

// createItem is CreateItem; without agendaRule it records the item past a
// closed agenda (RecordHeldItemForTests).
func (s *Store) createItem(ctx context.Context, it model.AgendaItem, agendaRule bool) (int64, error) {
	if err := it.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if err := checkSessionOpen(ctx, tx, it.SessionID); err != nil {
			return err
		}
		if agendaRule {
			if err := checkAgendaOpen(ctx, tx, it.SessionID); err != nil {
				return err
			}
		}
		id, err = s.insertItem(ctx, tx, it)
		return err
	})
	return id, err
}

// insertItem inserts an agenda item inside tx.
func (s *Store) insertItem(ctx context.Context, tx *sql.Tx, it model.AgendaItem) (int64, error) {
	return s.insert(ctx, tx, "agenda_item", it.Label(),
		`INSERT INTO agenda_items (session_id, `+itemColumns+`)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		append([]any{it.SessionID}, itemArgs(it)...)...)
}

// RegisterItem stores a member's registration of an agenda item and, if
// given, its decision proposal (a draft on the item, applicants checked) in
// one transaction: either both are stored or neither. The form and the
// JSON API check the registration first (model.Registration.Check); a
// session that is no longer open for registrations refuses here too.
//
// With ConfirmCoApplicants the applicants other than the registering member
// are asked to confirm (nameCoApplicantsTx).
func (s *Store) RegisterItem(ctx context.Context, it model.AgendaItem, proposal *model.Decision, opts ...RegistrationOption) (int64, error) {
	var o registrationOptions
	for _, f := range opts {
		f(&o)
	}
	if err := it.Validate(); err != nil {
		return 0, err
	}
	if proposal != nil {
		proposal.Status = model.DecisionDraft
		if err := proposal.Validate(); err != nil {
			return 0, err
		}
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if o.formKey != "" {
			var by string
			err := tx.QueryRowContext(ctx, `SELECT id, registered_by FROM agenda_items WHERE form_key = ?`, o.formKey).Scan(&id, &by)
			switch {
			case err == nil && by == it.RegisteredBy:
				if o.again != nil {
					*o.again = true
				}
				return nil // the same form again: the registration is made
			case err == nil:
				id = 0
				return model.ConflictError("Dieses Anmeldeformular wurde schon für eine andere Anmeldung gesendet; bitte laden Sie es neu.")
			case !errors.Is(err, sql.ErrNoRows):
				return fmt.Errorf("store: registration by form key: %w", err)
			}
		}
		if err := checkSessionOpen(ctx, tx, it.SessionID); err != nil {
			return err
		}
		// Checked again inside the write, on one read of the session: it
		// may have been cancelled, held or begun since the form or the API
		// request checked it.
		se, err := loadSessionTx(ctx, tx, it.SessionID)
		if err != nil {
			return err
		}
		if se.Cancelled() {
			return model.RuleError("Die %d. Sitzung ist abgesagt; für sie werden keine Tagesordnungspunkte angemeldet.", se.Number)
		}
		if err := agendaClosed(se); err != nil {
			return err
		}
		if !se.RegistrationOpen() {
			return model.RuleError("Für die %d. Sitzung (%s) können keine Tagesordnungspunkte mehr angemeldet werden.", se.Number, se.StatusLabel())
		}
		if id, err = s.insertItem(ctx, tx, it); err != nil {
			return err
		}
		if o.formKey != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET form_key = ? WHERE id = ?`, o.formKey, id); err != nil {
				return fmt.Errorf("store: registration's form key: %w", err)
			}
		}
		if proposal == nil {
			return nil
		}
		d := *proposal
		d.Applicants = model.Distinct(d.Applicants) // a member named twice is one applicant
		if err := checkApplicants(ctx, tx, d.Applicants); err != nil {
			return err
		}
		d.SessionID, d.ItemID = it.SessionID, id
		if d.Position, err = placeRow(ctx, tx, id, d.Position); err != nil {
			return err
		}
		if d.ID, err = s.createDecisionTx(ctx, tx, d); err != nil || !o.confirm {
			return err
		}
		return s.nameCoApplicantsTx(ctx, tx, d, it.RegisteredBy)
	})
	return id, err
}

// PlanSession creates a session with the standard items every agenda of
// its body carries (model.AgendaItem with SessionID unset), in one
// transaction.
func (s *Store) PlanSession(ctx context.Context, se model.Session, standard []model.AgendaItem) (int64, error) {
	if err := plannable(se); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.insertPlanned(ctx, tx, se, standard)
		return err
	})
	return id, err
}

// plannable checks a session about to be created or planned: it belongs
// to a body and is valid (model.Session.Validate).
func plannable(se model.Session) error {
	if se.BodyID == 0 {
		return model.InputError("Eine Sitzung gehört zu einem Gremium; das Gremium fehlt.")
	}
	return se.Validate()
}

// Item gives the agenda item with the id.
func (s *Store) Item(ctx context.Context, id int64) (model.AgendaItem, error) {
	return queryOne(ctx, s.rd, scanItem, fmt.Sprintf("agenda item %d", id), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, id)
}

// loadItemTx reads an agenda item inside tx.
func loadItemTx(ctx context.Context, tx *sql.Tx, id int64) (model.AgendaItem, error) {
	return queryOne(ctx, tx, scanItem, fmt.Sprintf("agenda item %d", id), `SELECT `+itemCols+` FROM agenda_items WHERE id = ?`, id)
}

// Items gives the agenda of a session in order.
func (s *Store) Items(ctx context.Context, sessionID int64) ([]model.AgendaItem, error) {
	return queryList(ctx, s.rd, scanItem, "agenda items",
		`SELECT `+itemCols+` FROM agenda_items WHERE session_id = ? ORDER BY position, id`, sessionID)
}

// UpdateItem changes an agenda item; it.Version must be the version read.
// Put on the Grüne Liste (it.Consent), the item must have a proposal and
// joins the list's block; taken off, it goes back into its section — on
// an agenda that may still be numbered (tickGreenList).
func (s *Store) UpdateItem(ctx context.Context, it model.AgendaItem) error {
	if err := it.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		was, err := loadItemTx(ctx, tx, it.ID)
		if err != nil {
			return err
		}
		if err := s.updateItemTx(ctx, tx, it); err != nil {
			return err
		}
		// Ticked or unticked "Grüne Liste": by the rules of a
		// recommendation confirmed or pulled.
		return s.tickGreenList(ctx, tx, was, it)
	})
}

// updateItemTx writes an agenda item inside tx (UpdateItem).
func (s *Store) updateItemTx(ctx context.Context, tx *sql.Tx, it model.AgendaItem) error {
	if err := checkItemOpen(ctx, tx, it.ID); err != nil {
		return err
	}
	if err := checkAgendaKept(ctx, tx, it); err != nil {
		return err
	}
	if err := checkItemNumberFree(ctx, tx, it); err != nil {
		return err
	}
	if err := checkConsentKept(ctx, tx, it); err != nil {
		return err
	}
	if err := s.updateVersioned(ctx, tx, "agenda_items", "agenda_item", it.ID, it.Version,
		itemSet, itemArgs(it)...); err != nil {
		return err
	}
	// A declined registration that came from a request declines it.
	return s.requestFollowsItem(ctx, tx, it.ID)
}

// checkConsentKept refuses putting an item on the Grüne Liste or taking it
// off while the list is being voted on en bloc: the members vote on the
// list as it was when the vote opened; and taking it off once its
// proposal is decided.
func checkConsentKept(ctx context.Context, tx *sql.Tx, it model.AgendaItem) error {
	cur, err := loadItemTx(ctx, tx, it.ID)
	if err != nil {
		return err
	}
	if it.Consent == cur.Consent {
		return nil
	}
	if cur.Consent {
		// Off the list once its proposal is decided: as a member's pull
		// (checkNotAdopted), the adopted decision reads "en bloc".
		if err := checkNotAdopted(ctx, tx, cur); err != nil {
			return err
		}
	}
	var open int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM ballots WHERE session_id = ? AND decision_id IS NULL AND status = ?`, cur.SessionID, model.VoteOpen).Scan(&open); err != nil {
		return fmt.Errorf("store: open consent vote: %w", err)
	}
	if open > 0 {
		return model.RuleError("Über die Grüne Liste wird gerade abgestimmt; ein TOP kann erst nach der Abstimmung auf die Grüne Liste gesetzt oder von ihr genommen werden.")
	}
	return nil
}

// heldAgendaRefusal is the reason an agenda item of a session that was held
// is not renamed, renumbered or moved: the minutes, decisions and the
// public pages name the items as they were called.
func heldAgendaRefusal(number int) error {
	return model.RuleError("Die %d. Sitzung hat stattgefunden; ihre Tagesordnung bleibt, wie sie behandelt wurde (Nummern, Titel, Reihenfolge, Abschnitte, Grüne Liste). Das Protokoll wird weiter im Live-Protokoll geführt.", number)
}

// checkAgendaKept refuses, for a session that was held (ended, its minutes
// in draft), a change of what its agenda was: an item's number, title,
// position, section, place on the Grüne Liste or status. The rows of the
// minutes and an item's other data (the FachMK concerned) stay editable
// until the minutes are approved.
func checkAgendaKept(ctx context.Context, tx *sql.Tx, it model.AgendaItem) error {
	cur, err := loadItemTx(ctx, tx, it.ID)
	if err != nil {
		return err
	}
	se, err := loadSessionTx(ctx, tx, cur.SessionID)
	if err != nil {
		return err
	}
	if !se.Held() {
		return nil
	}
	status := func(st model.ItemStatus) model.ItemStatus {
		if st == "" {
			return model.ItemAccepted
		}
		return st
	}
	if it.Number != cur.Number || it.Title != cur.Title || it.Position != cur.Position || it.SectionID != cur.SectionID ||
		it.Consent != cur.Consent || status(it.Status) != status(cur.Status) {
		return heldAgendaRefusal(se.Number)
	}
	return nil
}

// AcceptOption is an option of DecideRegistration's acceptance.
type AcceptOption func(*acceptOptions)

type acceptOptions struct{ section int64 }

// IntoSection accepts a registration into a section of the agenda (a
// Schwerpunktthema or "Übergreifendes", model.Section.Topic): the item
// gets the section and goes after the last item of that section or of an
// earlier one, so that the agenda stays in the order of its sections —
// but before the standard item "Reporting FachMK"
// (model.AgendaItem.ReportingFachMK), which closes the topics.
// 0 is no section: the item goes to the end, as without the option.
func IntoSection(sectionID int64) AcceptOption {
	return func(o *acceptOptions) { o.section = sectionID }
}

// DecideRegistration takes the secretariat's decision on a registered
// item (version: the one read): accepted, it goes to the end of the
// agenda's topics, before "Reporting FachMK" and the Grüne Liste
// (makeRoom), or, IntoSection, to the end of its section; declined, it
// leaves it, with a reason for the registering office that has no
// confidential marks (model.CheckDeclineReason). The position is found inside the write, so that two
// registrations accepted at the same moment do not share one.
func (s *Store) DecideRegistration(ctx context.Context, itemID int64, version int, accept bool, reason string, opts ...AcceptOption) (model.AgendaItem, error) {
	var o acceptOptions
	for _, f := range opts {
		f(&o)
	}
	var it model.AgendaItem
	if !accept {
		if err := model.CheckDeclineReason(reason); err != nil {
			return it, err
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if it, err = loadItemTx(ctx, tx, itemID); err != nil {
			return err
		}
		it.Version = version
		if !accept {
			it.Status, it.DeclineReason = model.ItemDeclined, strings.TrimSpace(reason)
			if err := s.updateItemTx(ctx, tx, it); err != nil {
				return err
			}
			if err := clearChangeRequest(ctx, tx, &it); err != nil {
				return err
			}
			return s.noticeRegistrationDecided(ctx, tx, it)
		}
		// Onto an agenda that is open only: a held or cancelled session's
		// agenda takes no item, as it takes no new registration.
		if err := checkAgendaOpen(ctx, tx, it.SessionID); err != nil {
			return err
		}
		if it.Position, err = s.makeRoom(ctx, tx, it, o.section); err != nil {
			return err
		}
		if o.section != 0 {
			it.SectionID = o.section
		}
		it.Status, it.DeclineReason = model.ItemAccepted, ""
		if err := s.updateItemTx(ctx, tx, it); err != nil {
			return err
		}
		if err := clearChangeRequest(ctx, tx, &it); err != nil {
			return err
		}
		return s.noticeRegistrationDecided(ctx, tx, it)
	})
	return it, err
}

// makeRoom gives the position an item accepted into section takes on its
// session's agenda, and numbers the other items around it, inside tx: in
// a section, after the last accepted item of that section or of an
// earlier one, "Reporting FachMK" not counted (a section that is not a
// topic of the session's body is refused); without one (section 0, "– am
// Ende –"), at the end of the topics, before the standing items that close
// the agenda ("Reporting FachMK" and the block of the Grüne Liste after
// it) — before, it went after them, behind "Reporting FachMK" or into the
// Grüne Liste's block.
func (s *Store) makeRoom(ctx context.Context, tx *sql.Tx, it model.AgendaItem, section int64) (int, error) {
	sections, err := sessionSections(ctx, tx, it.SessionID)
	if err != nil {
		return 0, err
	}
	items, err := queryList(ctx, tx, scanItem, "agenda items",
		`SELECT `+itemCols+` FROM agenda_items WHERE session_id = ? AND id <> ? AND status IN (?, '') ORDER BY position, id`, it.SessionID, it.ID, model.ItemAccepted)
	if err != nil {
		return 0, err
	}
	at := len(items) // the number of items before the new one
	if section != 0 {
		var ok bool
		if at, ok = sectionSlot(items, sections, section); !ok {
			return 0, model.AtField("abschnitt", model.InputError("Der gewählte Abschnitt ist kein Schwerpunktthema dieser Tagesordnung."))
		}
	} else {
		for at > 0 && (items[at-1].ReportingFachMK() || onGreenList(items[at-1], sections)) {
			at--
		}
	}
	// The items keep their order, numbered 1, 2, … around the new one.
	return at + 1, s.numberAround(ctx, tx, items, at)
}

// sessionSections gives the agenda sections of the body of session
// sessionID in their order, inside tx.
func sessionSections(ctx context.Context, tx *sql.Tx, sessionID int64) ([]model.Section, error) {
	return queryList(ctx, tx, scanSection, "sections",
		`SELECT id, body_id, name, position, consent FROM sections WHERE body_id = (SELECT body_id FROM sessions WHERE id = ?) ORDER BY position, id`, sessionID)
}

// numberAround gives the items (an agenda in its order, without the new
// item) the positions 1, 2, … around a new item standing after the first
// at of them, inside tx (makeRoom): positions may
// have gaps (a declined or deferred item left one).
func (s *Store) numberAround(ctx context.Context, tx *sql.Tx, items []model.AgendaItem, at int) error {
	for i, x := range items {
		want := i + 1
		if i >= at {
			want++
		}
		if x.Position != want {
			if err := s.placeItem(ctx, tx, x.ID, want); err != nil {
				return err
			}
		}
	}
	return nil
}

// placeItem gives an agenda item another position inside tx (its version
// moves, its OParl object is built again), for the writes that renumber
// an agenda (MoveItem, makeRoom).
func (s *Store) placeItem(ctx context.Context, tx *sql.Tx, itemID int64, position int) error {
	if err := s.touch(ctx, tx, "agenda_item", itemID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET position = ?, version = version + 1 WHERE id = ?`, position, itemID); err != nil {
		return fmt.Errorf("store: agenda position: %w", err)
	}
	return nil
}

// noticeRegistrationDecided queues "Anmeldung angenommen/abgelehnt" for the
// subscribers of the member that registered the item, with the reason of
// a decline (public text).
func (s *Store) noticeRegistrationDecided(ctx context.Context, tx *sql.Tx, it model.AgendaItem) error {
	if it.RegisteredBy == "" {
		return nil
	}
	_, heading, err := sessionHeading(ctx, tx, it.SessionID)
	if err != nil {
		return err
	}
	what := "angenommen; der TOP steht auf der Tagesordnung"
	if it.Status == model.ItemDeclined {
		what = "abgelehnt"
	}
	body := fmt.Sprintf("Die Geschäftsstelle hat Ihre Anmeldung „%s“ zur %s %s.", model.PublicText(it.Title), heading, what)
	if it.DeclineReason != "" {
		body += "\nGrund: " + model.PublicText(it.DeclineReason)
	}
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventRegistrationDecided,
		Key:     fmt.Sprintf("anmeldung_entschieden:%d:%d", it.ID, it.Version),
		Subject: fmt.Sprintf("Anmeldung %s: %s", it.Status.Label(), model.PublicText(it.Title)),
		Body:    body,
		Link:    registrationPath(it.ID),
		To:      func(sub Subscriber) bool { return sub.User.MemberAbbrev == it.RegisteredBy },
	})
	if err != nil {
		return err
	}
	return s.noticeCoApplicantsDecided(ctx, tx, it, heading, what)
}

// noticeCoApplicantsDecided tells the offices named as co-applicants of
// registration it (asked or confirmed) that the secretariat decided on it
// (before, a declined registration stayed in their list to confirm).
func (s *Store) noticeCoApplicantsDecided(ctx context.Context, tx *sql.Tx, it model.AgendaItem, heading, what string) error {
	named, err := coApplicantsToTell(ctx, tx, it.ID)
	if err != nil || len(named) == 0 {
		return err
	}
	body := fmt.Sprintf("Die Geschäftsstelle hat die Anmeldung „%s“ von %s zur %s %s. Ihr Mitglied ist darin als Mitantragsteller genannt.", model.PublicText(it.Title), it.RegisteredBy, heading, what)
	if it.Status == model.ItemDeclined {
		body += " Der Mitantrag ist damit erledigt; eine Antwort ändert nichts mehr."
		if it.DeclineReason != "" {
			body += "\nGrund: " + model.PublicText(it.DeclineReason)
		}
	}
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventCoApplicationAnswered,
		Key:     fmt.Sprintf("mitantrag_entschieden:%d:%d", it.ID, it.Version),
		Subject: fmt.Sprintf("Anmeldung mit Mitantrag %s: %s", it.Status.Label(), model.PublicText(it.Title)),
		Body:    body,
		Link:    registrationPath(it.ID),
		To:      func(sub Subscriber) bool { return slices.Contains(named, sub.User.MemberAbbrev) },
	})
	return err
}

// registrationPath is the address of a registration's page for the member
// that made it.
func registrationPath(itemID int64) string { return fmt.Sprintf("/anmeldungen/%d", itemID) }

// checkItemNumberFree refuses a TOP number given to an item that another
// item on the session's agenda (not declined) already carries: the minutes,
// the live page and the attendance's "ab TOP" name items by their number.
// An unchanged number is not checked, so that items numbered twice before
// (an import keeps the source's numbers) stay editable.
func checkItemNumberFree(ctx context.Context, tx *sql.Tx, it model.AgendaItem) error {
	if it.Number == "" || it.Status == model.ItemDeclined {
		return nil
	}
	var current string
	if err := tx.QueryRowContext(ctx, `SELECT number FROM agenda_items WHERE id = ?`, it.ID).Scan(&current); err != nil {
		return fmt.Errorf("store: agenda item %d: %w", it.ID, err)
	}
	if current == it.Number {
		return nil
	}
	var title string
	err := tx.QueryRowContext(ctx, `SELECT title FROM agenda_items WHERE session_id = ? AND id <> ? AND number = ? AND status <> ? ORDER BY position, id LIMIT 1`,
		it.SessionID, it.ID, it.Number, model.ItemDeclined).Scan(&title)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("store: agenda item numbers: %w", err)
	}
	return model.RuleError("Die TOP-Nummer „%s“ trägt in dieser Sitzung schon „%s“; bitte eine andere Nummer wählen.", it.Number, model.InternalText(title))
}

// LastHeldSession gives the number of a body's newest session that has taken
// place (status beendet or later), or 0 if none has.
func (s *Store) LastHeldSession(ctx context.Context, bodyID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM sessions WHERE body_id = ? AND status IN (?, ?, ?)`,
		bodyID, model.StatusEnded, model.StatusMinutesDraft, model.StatusMinutesApproved).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: last held session: %w", err)
	}
	return n, nil
}

// chairOfYear gives the chair of a body in a year from its rotation,
// continued past its recorded years by its rule (model.ChairOf; "" if it
// names none), and whether the body has a rotation at all.
func chairOfYear(ctx context.Context, q queryer, bodyID int64, year int) (chair string, rotation bool, err error) {
	terms, err := chairs(ctx, q, bodyID)
	if err != nil || len(terms) == 0 {
		return "", false, err
	}
	lands, err := queryList(ctx, q, func(r scanner) (string, error) {
		var a string
		return a, r.Scan(&a)
	}, "the Länder", `SELECT abbrev FROM members WHERE kind = ? ORDER BY position, abbrev`, model.MemberLand)
	if err != nil {
		return "", true, err
	}
	return model.ChairOf(terms, lands, year), true, nil
}

// ChairOf gives the chair of a body in a year from its rotation, continued
// past its recorded years by its rule (model.ChairOf; "" when the rotation
// names none), and whether the body has a rotation (body_chairs) at all:
// a body without one names its chair in its free text, set once.
func (s *Store) ChairOf(ctx context.Context, bodyID int64, year int) (chair string, rotation bool, err error) {
	return chairOfYear(ctx, s.rd, bodyID, year)
}
