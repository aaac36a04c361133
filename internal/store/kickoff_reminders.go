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
	type job struct {
		a   model.Assignment
		due model.Session
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
	var jobs []job
	for _, a := range inOffice {
		// Held or not is asked in the write, for the few due soon.
		if k := model.KickoffOf(a, nil, sessions[a.StartOn]); k.DueWithin(today, model.KickoffReminderDays) {
			jobs = append(jobs, job{a, k.Due})
		}
	}
	queued, err := queueReminders(ctx, s, jobs, func(tx *sql.Tx, j job) (Notice, bool, error) {
		// Asked again, as the read judged it: the term still in office,
		// the talk not held, and due soon — its due session may have been
		// cancelled or moved since, and the key names the term only, so a
		// reminder with a stale day would never be told again.
		a, err := queryOne(ctx, tx, scanAssignment, fmt.Sprintf("assignment %d", j.a.ID), `SELECT `+assignmentCols+assignmentFrom+` WHERE a.id = ?`, j.a.ID)
		if errors.Is(err, ErrNotFound) {
			return Notice{}, false, nil
		} else if err != nil {
			return Notice{}, false, err
		}
		last, err := lastHeldSessionNumber(ctx, tx, council)
		if err != nil || a.Status(last) == model.AssignmentEnded {
			return Notice{}, false, err
		}
		ses, err := kickoffSessions(ctx, tx, council, []model.Date{a.StartOn})
		if err != nil {
			return Notice{}, false, err
		}
		talks, err := queryList(ctx, tx, scanSpokespersonContact, "kick-off talks", `SELECT `+spokespersonContactCols+` FROM spokesperson_contacts
			WHERE conference_id = ? AND member_abbrev = ? AND kind = ? AND held_on >= ?`, a.ConferenceID, a.Member, model.ContactKickoff, a.StartOn.String())
		if err != nil {
			return Notice{}, false, err
		}
		k := model.KickoffOf(a, talks, ses[a.StartOn])
		if !k.DueWithin(today, model.KickoffReminderDays) { // held, or not due soon any more
			return Notice{}, false, nil
		}
		j.due = k.Due
		var name, abbrev string
		if err := tx.QueryRowContext(ctx, `SELECT name, abbrev FROM bodies WHERE id = ?`, a.ConferenceID).Scan(&name, &abbrev); err != nil {
			return Notice{}, false, notFound(err, fmt.Sprintf("body %d", a.ConferenceID))
		}
		return Notice{
			Event:   model.EventKickoffDue,
			Key:     fmt.Sprintf("auftakt_faellig:%d", a.ID),
			Ref:     fmt.Sprintf("sprecher:%d", a.ID),
			Subject: fmt.Sprintf("Auftaktgespräch mit %s fällig bis %s", model.Body{Name: name}.Dative(), j.due.Date.German()),
			Body: fmt.Sprintf("Ihr Auftaktgespräch als fachpolitische:r Sprecher:in mit %s ist noch nicht erfasst. "+
				"Es ist fällig bis zur %d. Sitzung des IT-Planungsrats am %s, der zweiten ordentlichen Sitzung nach Ihrem Amtsantritt am %s.\n\n"+
				"Zeitpunkt, Themen und Teilnehmende bestimmen Sie; Leitfragen für das Gespräch stehen beim Erfassen des Gesprächs auf der Seite der Konferenz.\n",
				model.Body{Name: name}.Dative(), j.due.Number, j.due.Date.German(), a.StartOn.German()),
			Link: "/fachmk/" + abbrev + "#gespraeche",
			To: func(sub Subscriber) bool {
				return sub.User.Role == model.RoleSpokesperson && sub.User.MemberAbbrev == a.Member
			},
		}, true, nil
	})
	return queued[model.EventKickoffDue], err
}
