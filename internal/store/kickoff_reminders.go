package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gremium/internal/model"
)

// QueueKickoffReminders queues, in one transaction, "Mein Auftaktgespräch
// in 14 Tagen fällig" for every spokesperson term in office whose kick-off
// talk is not held and falls due within model.KickoffReminderDays at now
// (German time; the due day is model.KickoffDueSession's, the second
// regular IT-PLR session after the term's start): to the subscribed
// spokesperson accounts of the term's member. The key names the term
// (assignment) only, so the reminder is queued once per term — by
// repeated runs, by several instances, and even if the due session moves.
// The writing transaction asks each term again (in office, talk held, due
// session), so that a session cancelled or moved since the read is not
// named. It gives the number of messages queued.
func (s *Store) QueueKickoffReminders(ctx context.Context, now time.Time) (int, error) {
	today := model.BerlinDate(now)
	var council int64
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1`, model.BodyPlanningCouncil).Scan(&council); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return 0, fmt.Errorf("store: kick-off reminders: %w", err)
	}
	// Read without the write lock: the terms (a few dozen), the sessions
	// around their starts (one statement), and the kick-off talks of the
	// terms due soon.
	last, err := lastHeldSessionNumber(ctx, s.db, council)
	if err != nil {
		return 0, err
	}
	as, err := queryList(ctx, s.db, scanAssignment, "assignments", `SELECT `+assignmentCols+assignmentFrom+` ORDER BY a.id`)
	if err != nil {
		return 0, err
	}
	var inOffice []model.Assignment
	var starts []model.Date
	for _, a := range as {
		if a.Status(last) != model.AssignmentEnded {
			inOffice = append(inOffice, a)
			starts = append(starts, a.StartOn)
		}
	}
	sessions, err := kickoffSessions(ctx, s.db, council, starts)
	if err != nil {
		return 0, err
	}
	var due []int64 // the terms whose talk falls due soon
	for _, a := range inOffice {
		// Held or not is asked in the write, for the few due soon.
		if k := model.KickoffOf(a, nil, sessions[a.StartOn]); k.DueWithin(today, model.KickoffReminderDays) {
			due = append(due, a.ID)
		}
	}
	queued, err := queueReminders(ctx, s, due, func(tx *sql.Tx, id int64) (Notice, bool, error) {
		return kickoffNotice(ctx, tx, council, id, today)
	})
	return queued[model.EventKickoffDue], err
}

// kickoffNotice gives the kick-off reminder of the term (assignment) id at
// today, read through q, as the loop words it, and false when it gives
// none. It asks the term as the read judged it: still in office, the talk
// not held, and due soon — its due session may have been cancelled or
// moved since, and the key names the term only, so a reminder with a
// stale day would never be told again. The loop's transaction and the
// outbox (kickoffReminderNow) ask it.
func kickoffNotice(ctx context.Context, q queryer, council, id int64, today model.Date) (Notice, bool, error) {
	a, err := queryOne(ctx, q, scanAssignment, fmt.Sprintf("assignment %d", id), `SELECT `+assignmentCols+assignmentFrom+` WHERE a.id = ?`, id)
	if errors.Is(err, ErrNotFound) {
		return Notice{}, false, nil
	} else if err != nil {
		return Notice{}, false, err
	}
	last, err := lastHeldSessionNumber(ctx, q, council)
	if err != nil || a.Status(last) == model.AssignmentEnded {
		return Notice{}, false, err
	}
	ses, err := kickoffSessions(ctx, q, council, []model.Date{a.StartOn})
	if err != nil {
		return Notice{}, false, err
	}
	talks, err := queryList(ctx, q, scanSpokespersonContact, "kick-off talks", `SELECT `+spokespersonContactCols+` FROM spokesperson_contacts
		WHERE conference_id = ? AND member_abbrev = ? AND kind = ? AND held_on >= ?`, a.ConferenceID, a.Member, model.ContactKickoff, a.StartOn.String())
	if err != nil {
		return Notice{}, false, err
	}
	k := model.KickoffOf(a, talks, ses[a.StartOn])
	if !k.DueWithin(today, model.KickoffReminderDays) { // held, or not due soon any more
		return Notice{}, false, nil
	}
	var name, abbrev string
	if err := q.QueryRowContext(ctx, `SELECT name, abbrev FROM bodies WHERE id = ?`, a.ConferenceID).Scan(&name, &abbrev); err != nil {
		return Notice{}, false, notFound(err, fmt.Sprintf("body %d", a.ConferenceID))
	}
	return Notice{
		Event:   model.EventKickoffDue,
		Key:     fmt.Sprintf("auftakt_faellig:%d", a.ID),
		Ref:     fmt.Sprintf("sprecher:%d", a.ID),
		Subject: fmt.Sprintf("Auftaktgespräch mit %s fällig bis %s", model.Body{Name: name}.Dative(), k.Due.Date.German()),
		Body: fmt.Sprintf("Ihr Auftaktgespräch als fachpolitische:r Sprecher:in mit %s ist noch nicht erfasst. "+
			"Es ist fällig bis zur %d. Sitzung des IT-Planungsrats am %s, der zweiten ordentlichen Sitzung nach Ihrem Amtsantritt am %s.\n\n"+
			"Zeitpunkt, Themen und Teilnehmende bestimmen Sie; Leitfragen für das Gespräch stehen beim Erfassen des Gesprächs auf der Seite der Konferenz.\n",
			model.Body{Name: name}.Dative(), k.Due.Number, k.Due.Date.German(), a.StartOn.German()),
		Link: "/fachmk/" + abbrev + "#gespraeche",
		To: func(sub Subscriber) bool {
			return sub.User.Role == model.RoleSpokesperson && sub.User.MemberAbbrev == a.Member
		},
	}, true, nil
}

// kickoffReminderNow gives the key of the kick-off reminder the loop gives
// at now of the term with the ref ("sprecher:ASSIGNMENT"), read through q:
// "" once the talk is held, the term ended, or the talk is not due soon
// any more (reminderNow).
func kickoffReminderNow(ctx context.Context, q queryer, ref string, now time.Time) (key, state string, err error) {
	id, ok := refID(ref, "sprecher")
	if !ok {
		return "", "keine Sprecherfunktion", nil
	}
	var council int64
	if err := q.QueryRowContext(ctx, `SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1`, model.BodyPlanningCouncil).Scan(&council); errors.Is(err, sql.ErrNoRows) {
		return "", "kein IT-Planungsrat", nil
	} else if err != nil {
		return "", "", fmt.Errorf("store: kick-off reminder: %w", err)
	}
	n, ok, err := kickoffNotice(ctx, q, council, id, model.BerlinDate(now))
	if err != nil || !ok {
		return "", "das Auftaktgespräch ist erfasst oder nicht mehr bald fällig", err
	}
	return n.Key, "fällig", nil
}
