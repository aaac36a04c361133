package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"gremium/internal/model"
)

// DueSoonDays is the second reminder before a follow-up's deadline, after
// the one at the lead time each user chose (model.DefaultDueDays).
const DueSoonDays = 3

// FollowUpReminderCount says how many reminder messages a run queued.
type FollowUpReminderCount struct {
	Due, Overdue int
}

// OverdueReminderWeeks is how many weeks after its deadline a follow-up
// still owed is reminded of, once a week: a quarter, about until the next
// session, whose list of follow-ups shows what is still overdue. Later the
// lists and the personal calendar still show it, but no mail is sent; and
// a reminder run reads the follow-ups due in its window only, not every
// one overdue since the council began (15,090 at a million decisions,
// every 30 seconds).
const OverdueReminderWeeks = 13

// QueueFollowUpReminders queues, in one transaction, the reminders of the
// pending follow-ups at now (German time): "Auftrag bald fällig" when the
// deadline is at most the user's lead time away (default 14 days) and again
// at most 3 days before, "Auftrag überfällig" once a week after the
// deadline passed (by date, or by the start of the council's session it is
// due to), for OverdueReminderWeeks weeks. It reads the follow-ups due from
// OverdueReminderWeeks weeks back to the longest lead time ahead
// (FollowUpsDueBetween, through indexes).
// Recipients are the subscribers whose member is responsible for the
// follow-up, and the secretariat's subscribers. Each reminder's key names
// the follow-up, its due day and the occasion, so repeated runs (and
// several instances) queue it once; a changed deadline gives new reminders.
func (s *Store) QueueFollowUpReminders(ctx context.Context, now time.Time) (FollowUpReminderCount, error) {
	var n FollowUpReminderCount
	today := model.BerlinDate(now)
	// The follow-ups due in the reminders' window and their deadlines are
	// read first, without the write lock; the transaction only tries the
	// reminders that are due.
	var council int64
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1`, model.BodyPlanningCouncil).Scan(&council); err != nil &&
		!errors.Is(err, sql.ErrNoRows) {
		return n, fmt.Errorf("store: follow-up reminders: %w", err)
	}
	from := model.BerlinDate(today.Time().AddDate(0, 0, -7*OverdueReminderWeeks))
	entries, err := s.FollowUpsDueBetween(ctx, FollowUpListQuery{Audience: model.Internal, User: &model.User{Role: model.RoleSecretariat}, CouncilID: council},
		from, model.BerlinDate(today.Time().AddDate(0, 0, maxLeadDays)), false, 0)
	if err != nil {
		return n, err
	}
	var dueNumbers []int
	for _, e := range entries {
		if e.DueSession > 0 {
			dueNumbers = append(dueNumbers, e.DueSession)
		}
	}
	dueSessions, err := s.SessionsByNumber(ctx, council, dueNumbers)
	if err != nil {
		return n, err
	}
	names := map[string]string{}
	members, err := queryList(ctx, s.db, func(r scanner) ([2]string, error) {
		var m [2]string
		return m, r.Scan(&m[0], &m[1])
	}, "member names", `SELECT abbrev, name FROM members`)
	if err != nil {
		return n, err
	}
	for _, m := range members {
		names[m[0]] = m[1]
	}
	var jobs []Notice
	for _, e := range entries {
		var due *model.Session
		if se, ok := dueSessions[e.DueSession]; ok && e.DueSession > 0 {
			due = &se
		}
		event, key, days, ok := followUpReminderKey(e.FollowUp, due, now)
		if !ok {
			continue
		}
		dueOn := e.DueAt(due)
		text := model.PublicText(e.Text)
		deadline := model.PublicText(e.DeadlineAt(due))
		to := func(sub Subscriber) bool {
			u := sub.User
			return u.Role == model.RoleSecretariat || u.MemberAbbrev != "" && (e.ResponsibleIs(u.MemberAbbrev) || e.ResponsibleIs(names[u.MemberAbbrev]))
		}
		link := e.Path()
		if event == model.EventFollowUpOverdue {
			jobs = append(jobs, Notice{
				Event:   event,
				Key:     key,
				Ref:     followUpRef(e.ID),
				Subject: "Auftrag überfällig: " + shorten(text, 80),
				Body: fmt.Sprintf("Der Auftrag „%s“ (verantwortlich: %s) ist überfällig. Frist: %s.\n"+
					"Bitte melden Sie den Stand oder die Erledigung mit Nachweis.", text, model.PublicText(e.Responsible), deadline),
				Link: link, To: to,
			})
			continue
		}
		// The lead time each user chose, or the last days before.
		when := func(sub Subscriber) bool { return days <= leadDays(sub) }
		if days <= DueSoonDays {
			when = func(Subscriber) bool { return true }
		}
		jobs = append(jobs, Notice{
			Event:   event,
			Key:     key,
			Ref:     followUpRef(e.ID),
			Subject: fmt.Sprintf("Auftrag fällig am %s: %s", dueOn.German(), shorten(text, 80)),
			Body: fmt.Sprintf("Der Auftrag „%s“ (verantwortlich: %s) %s\n"+
				"Bitte melden Sie den Stand oder die Erledigung mit Nachweis.", text, model.PublicText(e.Responsible), dueIn(deadline, days)),
			Link: link,
			To:   func(sub Subscriber) bool { return to(sub) && when(sub) },
		})
	}
	queued, err := queueReminders(ctx, s, jobs, func(tx *sql.Tx, n Notice) (Notice, bool, error) {
		// Reported done (or dropped), or its deadline changed, since it
		// was read: no reminder (the next run gives the current one).
		key, _, err := followUpReminderNow(ctx, tx, n.Ref, now)
		return n, err == nil && key == n.Key, err
	})
	return FollowUpReminderCount{Due: queued[model.EventFollowUpDue], Overdue: queued[model.EventFollowUpOverdue]}, err
}

// maxLeadDays is the longest lead time a user may choose
// (model.NotificationSettings.Validate).
const maxLeadDays = 90

// leadDays is the subscriber's lead time for "Auftrag bald fällig".
func leadDays(sub Subscriber) int {
	if sub.DueDays <= 0 {
		return model.DefaultDueDays
	}
	return sub.DueDays
}

// followUpRef gives the ref of a follow-up's messages: "auftrag:ID".
func followUpRef(id int64) string { return fmt.Sprintf("auftrag:%d", id) }

// followUpReminderKey gives the reminder the loop gives of the pending
// follow-up f at now (due: the council's session it is due to, nil if
// none is planned): its event, its key — the follow-up, its due day and
// the occasion: the user's lead time ("vorlauf"), the last DueSoonDays
// days ("3t"), or the week N since the deadline passed ("wN") — and the
// days left until the due day (negative once it passed). ok is false when
// it gives none: no deadline (none set, or its session cancelled), more
// than maxLeadDays ahead, or overdue for OverdueReminderWeeks weeks. The
// loop queues by it, and the outbox withdraws a waiting reminder whose
// key it no longer gives (followUpReminderNow, stillToSend).
func followUpReminderKey(f model.FollowUp, due *model.Session, now time.Time) (event model.Event, key string, days int, ok bool) {
	dueOn := f.DueAt(due)
	if dueOn.IsZero() || !f.Status.Pending() {
		return "", "", 0, false
	}
	days = int(dueOn.Time().Sub(model.BerlinDate(now).Time()).Hours() / 24)
	if f.OverdueAt(now, due) {
		week := 0
		if days < 0 {
			week = (-days - 1) / 7
		}
		if week >= OverdueReminderWeeks {
			return "", "", days, false
		}
		return model.EventFollowUpOverdue, fmt.Sprintf("auftrag_ueberfaellig:%d:%s:w%d", f.ID, dueOn, week), days, true
	}
	if days < 0 || days > maxLeadDays {
		return "", "", days, false
	}
	occasion := "vorlauf"
	if days <= DueSoonDays {
		occasion = fmt.Sprintf("%dt", DueSoonDays)
	}
	return model.EventFollowUpDue, fmt.Sprintf("auftrag_faellig:%d:%s:%s", f.ID, dueOn, occasion), days, true
}

// followUpReminderNow gives the key of the reminder the loop gives at now
// of the follow-up with the ref (followUpRef), read through q, "" for
// none, and its deadline in words (reminderNow).
func followUpReminderNow(ctx context.Context, q queryer, ref string, now time.Time) (key, state string, err error) {
	id, ok := refID(ref, "auftrag")
	if !ok {
		return "", "kein Auftrag", nil
	}
	f, err := queryOne(ctx, q, scanFollowUp, fmt.Sprintf("follow-up %d", id), `SELECT `+followUpCols+` FROM follow_ups f WHERE f.id = ?`, id)
	if errors.Is(err, ErrNotFound) {
		return "", "den Auftrag gibt es nicht mehr", nil
	} else if err != nil {
		return "", "", err
	}
	if !f.Status.Pending() {
		return "", fmt.Sprintf("der Auftrag ist „%s“", f.Status.Label()), nil
	}
	due, err := followUpDueSession(ctx, q, f)
	if err != nil {
		return "", "", err
	}
	state = "keine Frist"
	if d := f.DeadlineAt(due); d != "" {
		state = "Frist: " + d
	}
	event, key, days, ok := followUpReminderKey(f, due, now)
	switch {
	case !ok:
	case event == model.EventFollowUpOverdue:
		state += ", überfällig"
	case days == 0:
		state += ", heute"
	default:
		state += ", noch " + model.Counted(days, "Tag", "Tage")
	}
	return key, state, nil
}

// dueIn says how far a deadline is: "ist fällig: 09.12.2026, noch 1
// Tag.", on the day itself "ist heute fällig: 08.12.2026." (before, "noch
// 1 Tage", "noch 0 Tage").
func dueIn(deadline string, days int) string {
	if days == 0 {
		return "ist heute fällig: " + deadline + "."
	}
	return fmt.Sprintf("ist fällig: %s, noch %s.", deadline, model.Counted(days, "Tag", "Tage"))
}

// shorten cuts a text to at most n runes, with "…". It is given the text
// as its readers read it, after redaction (model.PublicText, Audience.Text):
// cut before, it could end inside a marked passage. The cut never falls
// inside the placeholder of a blacked-out passage
// (model.RedactedPlaceholder), which read "[g…": the placeholder goes
// whole or not at all.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := len(string(r[:n-1]))
	for i := 0; ; {
		j := strings.Index(s[i:], model.RedactedPlaceholder)
		if j < 0 || i+j >= cut {
			break
		}
		start, end := i+j, i+j+len(model.RedactedPlaceholder)
		if end > cut {
			cut = start
			break
		}
		i = end
	}
	return s[:cut] + "…"
}

// conferenceDateDue reads a FachMK date as a reminder words it, with its
// FachMK's name; conferenceDatesDue reads the dates starting from one day
// to another, through conference_dates_starts (migration 00230).
const (
	conferenceDateDue = `SELECT c.id, c.body_id, c.title, c.place, c.starts_on, c.ends_on, c.start_time, c.end_time, b.name
	FROM conference_dates c JOIN bodies b ON b.id = c.body_id`
	conferenceDatesDue = conferenceDateDue + ` WHERE c.starts_on >= ? AND c.starts_on <= ? ORDER BY c.starts_on, c.id`
)

// ConferenceLeadDays is how many days before a FachMK session its
// spokespersons are reminded, with the link to their briefings.
const ConferenceLeadDays = 7

// QueueConferenceReminders queues, in one transaction, "Sitzung meiner
// Fachministerkonferenz in 7 Tagen" for every FachMK date that starts
// within the next 7 days (German time, not yet begun): to the subscribed
// spokespersons in office for that FachMK and the secretariat's
// subscribers, with the titles of the FachMK's briefings and the link to
// them. Its key names the date and its day, so each is queued once (again
// if the date moves; a date moved while the run reads is not told for its
// old day). It gives the number of messages queued.
func (s *Store) QueueConferenceReminders(ctx context.Context, now time.Time) (int, error) {
	today := model.BerlinDate(now)
	last := model.BerlinDate(today.Time().AddDate(0, 0, ConferenceLeadDays))
	type due struct {
		id, bodyID                 int64
		title, place, starts, name string
		ends, startTime, endTime   string
	}
	scanDue := func(r scanner) (due, error) {
		var d due
		return d, r.Scan(&d.id, &d.bodyID, &d.title, &d.place, &d.starts, &d.ends, &d.startTime, &d.endTime, &d.name)
	}
	// Read without the write lock; most runs find no date.
	dates, err := queryList(ctx, s.db, scanDue, "conference dates due", conferenceDatesDue, today.String(), last.String())
	if err != nil {
		return 0, err
	}
	queued, err := queueReminders(ctx, s, dates, func(tx *sql.Tx, read due) (Notice, bool, error) {
		// Moved since it was read: no reminder of the old day (the next
		// run tells the new one when it is near).
		d, err := queryOne(ctx, tx, scanDue, fmt.Sprintf("conference date %d", read.id), conferenceDateDue+` WHERE c.id = ?`, read.id)
		if errors.Is(err, ErrNotFound) {
			return Notice{}, false, nil
		} else if err != nil {
			return Notice{}, false, err
		}
		if d.starts != read.starts {
			return Notice{}, false, nil
		}
		speakers, err := spokespersonMembers(ctx, tx, []int64{d.bodyID})
		if err != nil {
			return Notice{}, false, err
		}
		briefings, err := queryList(ctx, tx, func(r scanner) (string, error) {
			var t string
			return t, r.Scan(&t)
		}, "briefings", `SELECT title FROM briefings WHERE conference_id = ? ORDER BY id`, d.bodyID)
		if err != nil {
			return Notice{}, false, err
		}
		starts := parseDate(d.starts)
		cd := model.ConferenceDate{Starts: starts, Ends: parseDate(d.ends), StartTime: d.startTime, EndTime: d.endTime}
		what := model.Body{Name: d.name}.TheUpper()
		if d.title != "" {
			what += " (" + d.title + ")"
		}
		// The days with the times known, and the place on a line of its
		// own: "tagt am 10.12.2026 in Telefon" read wrong, and said
		// neither the times nor the second day.
		body := fmt.Sprintf("%s tagt %s.\n", what, cd.Period())
		if d.place != "" {
			body += "Ort: " + d.place + "\n"
		}
		if len(briefings) > 0 {
			body += "Briefings und Handakten: "
			for i, b := range briefings {
				if i > 0 {
					body += "; "
				}
				body += "„" + model.PublicText(b) + "“"
			}
			body += " – unter „Mein Bereich“.\n"
		} else {
			body += "Für diese Fachministerkonferenz ist noch kein Briefing erfasst.\n"
		}
		return Notice{
			Event:   model.EventConferenceSoon,
			Key:     conferenceReminderKey(d.id, starts),
			Ref:     fmt.Sprintf("fachmk_termin:%d", d.id),
			Subject: fmt.Sprintf("%s tagt %s", d.name, model.ConferenceDate{Starts: starts, Ends: cd.Ends}.Period()),
			Body:    body,
			Link:    "/mein-bereich",
			To: func(sub Subscriber) bool {
				return forConference(sub, []int64{d.bodyID}, speakers) && sub.User.Role != model.RoleFachMK
			},
		}, true, nil
	})
	return queued[model.EventConferenceSoon], err
}

// conferenceReminderKey gives the key of the reminder of the FachMK date
// id that starts on the day: "fachmk_termin:ID:DAY".
func conferenceReminderKey(id int64, starts model.Date) string {
	return fmt.Sprintf("fachmk_termin:%d:%s", id, starts)
}

// conferenceReminderNow gives the key of the reminder the loop gives at
// now of the FachMK date with the ref ("fachmk_termin:ID"), read through
// q: "" once the date is gone, has begun or was moved out of the week
// (reminderNow).
func conferenceReminderNow(ctx context.Context, q queryer, ref string, now time.Time) (key, state string, err error) {
	id, ok := refID(ref, "fachmk_termin")
	if !ok {
		return "", "kein Termin", nil
	}
	var day string
	if err := q.QueryRowContext(ctx, `SELECT starts_on FROM conference_dates WHERE id = ?`, id).Scan(&day); errors.Is(err, sql.ErrNoRows) {
		return "", "den Termin gibt es nicht mehr", nil
	} else if err != nil {
		return "", "", fmt.Errorf("store: FachMK date %d: %w", id, err)
	}
	starts, today := parseDate(day), model.BerlinDate(now)
	state = "Termin am " + starts.German()
	if starts.Before(today) || model.DaysAfter(today, ConferenceLeadDays).Before(starts) {
		return "", state, nil
	}
	return conferenceReminderKey(id, starts), state, nil
}

// followUpDueSession gives the council's session a follow-up is due by
// ("bis zur 49. Sitzung"); nil for a deadline by date or a session not
// (or no longer) recorded.
func followUpDueSession(ctx context.Context, q queryer, f model.FollowUp) (*model.Session, error) {
	if f.DueSession <= 0 {
		return nil, nil
	}
	se, err := queryOne(ctx, q, scanSession, fmt.Sprintf("session %d", f.DueSession), `SELECT `+sessionCols+` FROM sessions
		WHERE body_id = (SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1) AND number = ?`, model.BodyPlanningCouncil, f.DueSession)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &se, nil
}
