package store

// Editing, moving, cancelling and deleting a session before it takes
// place. Each is one transaction; a move or a cancellation queues its
// announcement to the members in the outbox in the same transaction.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gremium/internal/model"
)

// SessionChange is an edit of a session that has not yet begun: its date,
// time span, place, chair, kind and registration deadline. Reason is the
// reason of a rescheduling (Verlegung): required when the date or the
// time changes, public and announced to the members.
type SessionChange struct {
	ID                   int64
	Version              int
	Date                 model.Date
	StartTime, EndTime   string
	Place                string
	Chair                string // "": the year's chair from the body's rotation
	Kind                 model.SessionKind
	Applicants           []string
	RegistrationDeadline model.Date
	Reason               string
}

// loadSessionTx reads a session inside tx.
func loadSessionTx(ctx context.Context, tx *sql.Tx, id int64) (model.Session, error) {
	return queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", id), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, id)
}

// EditSession changes a session that has not yet begun (geplant or
// einberufen, not cancelled); c.Version must be the version read. A change
// of date or time is a rescheduling: it needs a reason, keeps the former
// date, and is announced to the members. Any change of date, time or
// place raises the calendar SEQUENCE. The session works for any body.
func (s *Store) EditSession(ctx context.Context, c SessionChange) error {
	if c.Date.IsZero() {
		return model.AtField("datum", model.InputError("Bitte ein gültiges Datum angeben (TT.MM.JJJJ)."))
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := loadSessionTx(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if err := cur.Schedulable(); err != nil {
			return err
		}
		next := cur
		next.Date, next.StartTime, next.EndTime = c.Date, c.StartTime, c.EndTime
		next.Place, next.Chair, next.RegistrationDeadline = strings.TrimSpace(c.Place), c.Chair, c.RegistrationDeadline
		next.Kind, next.Applicants = sessionKind(c.Kind), c.Applicants
		if next.Kind == model.SessionRegular {
			next.Applicants = nil
		}
		moved := next.Date != cur.Date || next.StartTime != cur.StartTime || next.EndTime != cur.EndTime
		sched := cur.Schedule
		invalid := next.Validate()
		refused := map[string]bool{}
		for _, e := range model.ErrorsOf(invalid) {
			refused[model.FieldOf(e)] = true
		}
		var unreasoned error
		if moved {
			sched.ChangeNote, unreasoned = model.CheckScheduleReason(c.Reason, "Verlegung")
			// A time that is no time may be a typing error, not a move:
			// the reason is asked for a valid other date or time.
			if (next.Date == cur.Date || refused["datum"]) && (next.StartTime == cur.StartTime || refused["beginn"]) &&
				(next.EndTime == cur.EndTime || refused["ende"]) {
				unreasoned = nil
			}
		}
		if err := joinRefusals(invalid, checkSessionKind(ctx, tx, next), checkPairOrder(ctx, tx, next), checkNumberOrder(ctx, tx, next), unreasoned); err != nil {
			return err
		}
		if next.Chair == "" {
			if next.Chair, _, err = chairOfYear(ctx, tx, next.BodyID, next.Date.Year); err != nil {
				return err
			}
		}
		if moved && next.Date != cur.Date {
			sched.PreviousDate = cur.Date
			sched.Moves = append(append([]model.SessionMove(nil), sched.Moves...), model.SessionMove{From: cur.Date, To: next.Date, Reason: sched.ChangeNote})
		}
		// The session's SEQUENCE rises with what its event carries (date,
		// times, place; the title and the cancellation do elsewhere), and
		// only then: the public feed (/sitzungen.ics) carries it. The
		// registration deadline is internal; its event
		// (ical.RegistrationDeadlineEvent) takes the deadlines' own count
		// beside it (model.SessionSchedule.DeadlineSequence). Before, a
		// moved deadline raised the session's SEQUENCE and changed the
		// public feed.
		if moved || next.Place != cur.Place {
			sched.Sequence++
		} else if next.RegistrationDeadline != cur.RegistrationDeadline {
			sched.DeadlineMoves++
		}
		if err := s.updateVersioned(ctx, tx, "sessions", "session", cur.ID, c.Version,
			`date = ?, start_time = ?, end_time = ?, place = ?, chair = ?, registration_deadline = ?, kind = ?, applicants = ?,
			 previous_date = ?, change_note = ?, sequence = ?, moves = ?, deadline_sequence = ?`,
			next.Date.String(), next.StartTime, next.EndTime, next.Place, next.Chair, next.RegistrationDeadline.String(),
			next.Kind, toJSON(nonNil(next.Applicants)), sched.PreviousDate.String(), sched.ChangeNote, sched.Sequence, movesToJSON(sched.Moves),
			sched.DeadlineMoves); err != nil {
			return err
		}
		if !moved {
			return nil
		}
		if next.Date != cur.Date {
			if err := s.followUpsDueMoved(ctx, tx, cur); err != nil {
				return err
			}
			if err := s.preparedDeadlineFollows(ctx, tx, cur, next.Date); err != nil {
				return err
			}
		}
		next.Schedule = sched
		return s.noticeSessionMoved(ctx, tx, cur, next)
	})
}

// preparedDeadlineFollows moves the registration deadline of the session
// a preparatory session prep prepares when prep moves to date: the
// deadline follows the preparatory session (Preparation.ScheduleWith:
// RegistrationDays before it), as long as it stands where the schedule
// put it — one the secretariat set on another day stays — and the
// prepared session has not begun. The deadline's calendar SEQUENCE goes
// up with it (deadline_sequence), the session's own does not: the
// session's public event did not change, and before, the public feed
// (/sitzungen.ics) told of the internal AL-Runde's move.
// Before, the 48th kept "Anmeldeschluss 07.01.2027" after its AL-Runde
// moved to 04.12.2026.
func (s *Store) preparedDeadlineFollows(ctx context.Context, tx *sql.Tx, prep model.Session, date model.Date) error {
	var mainID int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(prepares_session_id, 0) FROM sessions WHERE id = ?`, prep.ID).Scan(&mainID); err != nil {
		return fmt.Errorf("store: prepared session: %w", err)
	}
	if mainID == 0 {
		return nil
	}
	main, err := loadSessionTx(ctx, tx, mainID)
	if err != nil {
		return err
	}
	if main.Schedulable() != nil {
		return nil
	}
	body, err := bodyByID(ctx, tx, prep.BodyID)
	if err != nil {
		return err
	}
	was := body.Preparation.ScheduleWith(main.Date, prep.Date).RegistrationClosing
	now := body.Preparation.ScheduleWith(main.Date, date).RegistrationClosing
	if main.RegistrationDeadline != was || now == was {
		return nil
	}
	return s.updatePlain(ctx, tx, "sessions", "session", main.ID, `registration_deadline = ?, deadline_sequence = deadline_sequence + 1, version = version + 1`, now.String())
}

// followUpsDueMoved raises the version of the pending follow-ups due to the
// council's session se, which moved to another date: their deadline moved
// with it, and the version is their calendar event's SEQUENCE (the
// personal feed). Each is touched first, so that the audit log records
// the change (before, the raised version had no entry).
func (s *Store) followUpsDueMoved(ctx context.Context, tx *sql.Tx, se model.Session) error {
	const which = ` FROM follow_ups WHERE due_session = ? AND status IN (?, ?) AND EXISTS (SELECT 1 FROM bodies WHERE id = ? AND kind = ?)`
	args := []any{se.Number, model.FollowUpOpen, model.FollowUpInProgress, se.BodyID, model.BodyPlanningCouncil}
	ids, err := queryList(ctx, tx, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "follow-ups due to a moved session", `SELECT id`+which, args...)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := s.touch(ctx, tx, "follow_up", id); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE follow_ups SET version = version + 1 WHERE id IN (SELECT id`+which+`)`, args...); err != nil {
		return fmt.Errorf("store: follow-ups due to session %d: %w", se.ID, err)
	}
	return nil
}

// CancelSession cancels a session that has not yet begun (Absage) with a
// public reason; the session stays (its number is not given again), shown
// as "abgesagt" everywhere, and the cancellation is announced to the
// members in the same transaction.
func (s *Store) CancelSession(ctx context.Context, id int64, version int, reason string) error {
	reason, err := model.CheckScheduleReason(reason, "Absage")
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := loadSessionTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := cur.Schedulable(); err != nil {
			return err
		}
		if err := s.cancelTx(ctx, tx, cur, version, reason); err != nil {
			return err
		}
		// The preparatory session (the AL-Runde) that prepares it and has
		// not begun is cancelled with it: it prepares nothing any more,
		// and the members' registrations no longer wait for it. The
		// items go to another session with their own preparation.
		prep, err := queryList(ctx, tx, scanSession, "preparatory sessions", `SELECT `+sessionCols+` FROM sessions WHERE prepares_session_id = ?`, id)
		if err != nil {
			return err
		}
		for _, p := range prep {
			if p.Schedulable() != nil {
				continue // begun, held or cancelled already
			}
			why := fmt.Sprintf("Die vorbereitete %s ist abgesagt (%s).", cur.Title(), reason)
			if len([]rune(why)) > 500 {
				why = fmt.Sprintf("Die vorbereitete %s ist abgesagt.", cur.Title())
			}
			if err := s.cancelTx(ctx, tx, p, p.Version, why); err != nil {
				return err
			}
		}
		return nil
	})
}

// cancelTx cancels cur with reason inside tx (CancelSession): the
// cancellation, its audit entry, the approvals of later sessions and the
// notice.
func (s *Store) cancelTx(ctx context.Context, tx *sql.Tx, cur model.Session, version int, reason string) error {
	if err := s.updateVersioned(ctx, tx, "sessions", "session", cur.ID, version,
		`cancelled_reason = ?, cancelled_on = ?, sequence = sequence + 1, current_item_id = 0`,
		reason, s.Today().String()); err != nil {
		return err
	}
	if err := s.audit(ctx, tx, "status", "session", cur.ID, "abgesagt"); err != nil {
		return err
	}
	cur.Schedule.CancelledReason = reason
	if err := s.retargetLaterApprovals(ctx, tx, cur); err != nil {
		return err
	}
	return s.noticeSessionCancelled(ctx, tx, cur)
}

// minutesToApprove gives the number of the session whose minutes the
// opening item of a body's session number approves: the newest session
// before it that is not cancelled; 0 when there is none, or when that
// session's minutes are approved already (by written procedure between
// the sessions: the agenda does not announce an approval that is done).
func minutesToApprove(ctx context.Context, tx *sql.Tx, bodyID int64, number int) (int, error) {
	var n int
	var status model.SessionStatus
	err := tx.QueryRowContext(ctx, `SELECT number, status FROM sessions WHERE body_id = ? AND number < ? AND cancelled_reason = ''
		ORDER BY number DESC LIMIT 1`, bodyID, number).Scan(&n, &status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("store: minutes to approve: %w", err)
	case status == model.StatusMinutesApproved:
		return 0, nil
	}
	return n, nil
}

// retargetApproval makes the approval of minutes among points ("Bestätigung
// des Protokolls der 48. Sitzung") name the session number approves, or
// leaves it out when approves is 0. It reports whether a point changed.
func retargetApproval(points []string, approves int) ([]string, bool) {
	var out []string
	changed := false
	for _, p := range points {
		n, ok := model.MinutesApprovalRef(p)
		switch {
		case !ok || n == approves:
		case approves == 0:
			changed = true
			continue
		default:
			if q := strings.Replace(p, fmt.Sprintf("%d. Sitzung", n), fmt.Sprintf("%d. Sitzung", approves), 1); q != p {
				p, changed = q, true
			}
		}
		out = append(out, p)
	}
	return out, changed
}

// retargetLaterApprovals makes the approval of session of's minutes
// ("Bestätigung des Protokolls der 48. Sitzung") on the agendas of the
// body's later sessions not yet begun name what minutesToApprove gives
// for each now. When of is cancelled, that is the newest session before
// each that is not cancelled (a cancelled session has no minutes to
// approve); when of's minutes were approved by written procedure, none:
// the point is left out (a review found the next agenda announcing an
// approval that was done).
func (s *Store) retargetLaterApprovals(ctx context.Context, tx *sql.Tx, of model.Session) error {
	items, err := queryList(ctx, tx, scanItem, "agenda items",
		`SELECT `+itemCols+` FROM agenda_items WHERE session_id IN (
			SELECT id FROM sessions WHERE body_id = ? AND number > ? AND status IN (?, ?) AND cancelled_reason = '')
		 ORDER BY session_id, position, id`,
		of.BodyID, of.Number, model.StatusPlanned, model.StatusConvened)
	if err != nil {
		return err
	}
	numbers := map[int64]int{}
	for _, it := range items {
		names := false
		for _, p := range it.Points {
			if n, ok := model.MinutesApprovalRef(p); ok && n == of.Number {
				names = true
			}
		}
		if !names {
			continue
		}
		number, ok := numbers[it.SessionID]
		if !ok {
			if err := tx.QueryRowContext(ctx, `SELECT number FROM sessions WHERE id = ?`, it.SessionID).Scan(&number); err != nil {
				return fmt.Errorf("store: session of item %d: %w", it.ID, err)
			}
			numbers[it.SessionID] = number
		}
		approves, err := minutesToApprove(ctx, tx, of.BodyID, number)
		if err != nil {
			return err
		}
		if it.Points, ok = retargetApproval(it.Points, approves); ok {
			if err := s.updateItemTx(ctx, tx, it); err != nil {
				return err
			}
		}
	}
	return nil
}

// DeleteSession removes a session planned by mistake, only while it is
// empty: still planned, agenda not published, no registration, no minutes
// row, decision, document, comment, attendance, vote or anything else that
// refers to it or its items; its standard items go with it. Anything else
// is cancelled instead (CancelSession).
func (s *Store) DeleteSession(ctx context.Context, id int64, version int) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := loadSessionTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Version != version {
			return fmt.Errorf("store: delete session %d (version %d): %w", id, version, ErrConflict)
		}
		refusal := model.RuleError("Die %d. Sitzung ist nicht leer und kann daher nicht gelöscht werden; bitte stattdessen absagen.", cur.Number)
		if cur.Status != model.StatusPlanned || cur.AgendaPublished {
			return refusal
		}
		items, err := queryList(ctx, tx, scanItem, "items", `SELECT `+itemCols+` FROM agenda_items WHERE session_id = ?`, id)
		if err != nil {
			return err
		}
		var itemIDs []int64
		for _, it := range items {
			if it.RegisteredBy != "" {
				return refusal
			}
			itemIDs = append(itemIDs, it.ID)
		}
		n, err := s.referringRows(ctx, tx, id, itemIDs)
		if err != nil {
			return err
		}
		if n > 0 {
			return refusal
		}
		for _, itemID := range itemIDs {
			if err := s.removeItem(ctx, tx, itemID); err != nil {
				return err
			}
		}
		if err := s.touch(ctx, tx, "session", id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: delete session %d: %w", id, err)
		}
		return s.audit(ctx, tx, "remove", "session", id, cur.Title())
	})
}

// referringRows counts the rows of any table that refer to the session or
// to one of its items by a foreign key, except the items themselves. It
// reads the foreign keys from the schema, so a table added later is
// covered without a change here.
func (s *Store) referringRows(ctx context.Context, tx *sql.Tx, sessionID int64, itemIDs []int64) (int, error) {
	rows, err := tx.QueryContext(ctx, s.foreignKeysTo("sessions", "agenda_items"))
	if err != nil {
		return 0, fmt.Errorf("store: foreign keys: %w", err)
	}
	type ref struct{ table, column, target string }
	var refs []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.table, &r.column, &r.target); err != nil {
			rows.Close()
			return 0, fmt.Errorf("store: foreign keys: %w", err)
		}
		refs = append(refs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("store: foreign keys: %w", err)
	}
	total := 0
	for _, r := range refs {
		if r.table == "agenda_items" && r.target == "sessions" {
			continue
		}
		var ids []int64
		if r.target == "sessions" {
			ids = []int64{sessionID}
		} else {
			ids = slices.Clone(itemIDs)
		}
		if len(ids) == 0 {
			continue
		}
		args := make([]any, len(ids))
		for i, v := range ids {
			args[i] = v
		}
		var n int
		q := fmt.Sprintf(`SELECT COUNT(*) FROM %q WHERE %q IN (?%s)`, r.table, r.column, strings.Repeat(", ?", len(ids)-1))
		if err := tx.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("store: rows of %s: %w", r.table, err)
		}
		total += n
	}
	return total, nil
}

// noticeSessionMoved queues "Sitzung verlegt" for the subscribers.
func (s *Store) noticeSessionMoved(ctx context.Context, tx *sql.Tx, before, after model.Session) error {
	_, heading, err := sessionHeading(ctx, tx, after.ID)
	if err != nil {
		return err
	}
	body := fmt.Sprintf("Die %s findet nicht wie geplant %s statt, sondern %s.\nGrund: %s",
		heading, sessionWhen(before), sessionWhen(after), model.PublicText(after.Schedule.ChangeNote))
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventSessionChanged,
		Key:     fmt.Sprintf("sitzung_verlegt:%d:%d", after.ID, after.Schedule.Sequence),
		Subject: "Sitzung verlegt: " + heading,
		Body:    body,
		Link:    after.Path(),
		// A FachMK secretariat reads what the public reads: not of a
		// session of an internal body (the AL-Runde).
		To: func(sub Subscriber) bool { return sub.User.Role.Audience().SeesSession(after) },
	})
	return err
}

// noticeSessionCancelled queues "Sitzung abgesagt" for the subscribers.
func (s *Store) noticeSessionCancelled(ctx context.Context, tx *sql.Tx, se model.Session) error {
	_, heading, err := sessionHeading(ctx, tx, se.ID)
	if err != nil {
		return err
	}
	body := fmt.Sprintf("Die %s %s ist abgesagt.\nGrund: %s", heading, sessionWhen(se), model.PublicText(se.Schedule.CancelledReason))
	_, err = s.notifySubscribers(ctx, tx, Notice{
		Event:   model.EventSessionChanged,
		Key:     fmt.Sprintf("sitzung_abgesagt:%d", se.ID),
		Subject: "Sitzung abgesagt: " + heading,
		Body:    body,
		Link:    se.Path(),
		To:      func(sub Subscriber) bool { return sub.User.Role.Audience().SeesSession(se) },
	})
	return err
}
