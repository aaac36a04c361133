package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"gremium/internal/model"
)

// reportDue is a spokesperson's member that owes reports under
// "Reporting FachMK" for a coming IT-PLR session, as the reminder loop
// read it.
type reportDue struct {
	session  model.Session
	deadline model.Date // model.ReportDeadline of the session as read
	member   string
}

// QueueReportReminders queues "Frist für meinen Bericht unter „Reporting
// FachMK“ in 3 Tagen" (model.EventReportDue) when the deadline of the
// reports for a planned or convened IT-PLR session (model.ReportDeadline,
// seven days before it) is at most model.ReportReminderDays away at now
// (German time) and not past: to the subscribed spokesperson accounts of
// each member in office as spokesperson (its term not ended by the last
// session held) that has not saved its report for every conference it
// speaks for; one message per member names the conferences still
// without one. The key names the session, its deadline and the member,
// so repeated runs and several instances queue it once, and a session
// moved (a new deadline) is reminded of again. It reads the coming
// sessions, the terms and the reports without the write lock; the
// writing transaction asks each again (the session cancelled or moved,
// a report saved, a term ended since: no reminder from the stale read).
// It gives the number of messages queued.
func (s *Store) QueueReportReminders(ctx context.Context, now time.Time) (int, error) {
	today := model.BerlinDate(now)
	var council int64
	if err := s.db.QueryRowContext(ctx, `SELECT id FROM bodies WHERE kind = ? ORDER BY id LIMIT 1`, model.BodyPlanningCouncil).Scan(&council); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return 0, fmt.Errorf("store: report reminders: %w", err)
	}
	// The sessions whose deadline lies from today to the lead time ahead:
	// dated ReportLeadDays to ReportLeadDays+ReportReminderDays days on.
	from := model.DaysAfter(today, model.ReportLeadDays)
	to := model.DaysAfter(today, model.ReportLeadDays+model.ReportReminderDays)
	coming, err := queryList(ctx, s.db, scanSession, "sessions with reports due",
		`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND date >= ? AND date <= ? AND status IN (?, ?) ORDER BY date, id`,
		council, from.String(), to.String(), model.StatusPlanned, model.StatusConvened)
	if err != nil || len(coming) == 0 {
		return 0, err
	}
	var dues []reportDue
	for _, se := range coming {
		deadline, ok := reportDeadlineNear(se, today)
		if !ok {
			continue
		}
		owing, _, err := missingReports(ctx, s.db, council, se.ID, "")
		if err != nil {
			return 0, err
		}
		for _, m := range owing {
			dues = append(dues, reportDue{session: se, deadline: deadline, member: m})
		}
	}
	queued, err := queueReminders(ctx, s, dues, func(tx *sql.Tx, d reportDue) (Notice, bool, error) {
		se, err := loadSessionTx(ctx, tx, d.session.ID)
		if errors.Is(err, ErrNotFound) {
			return Notice{}, false, nil
		} else if err != nil {
			return Notice{}, false, err
		}
		if deadline, ok := reportDeadlineNear(se, today); !ok || deadline != d.deadline {
			return Notice{}, false, nil // cancelled, begun or moved since
		}
		_, missing, err := missingReports(ctx, tx, council, se.ID, d.member)
		if err != nil || len(missing[d.member]) == 0 {
			return Notice{}, false, err
		}
		_, heading, err := sessionHeading(ctx, tx, se.ID)
		if err != nil {
			return Notice{}, false, err
		}
		return reportNotice(se, heading, d.deadline, d.member, missing[d.member]), true, nil
	})
	return queued[model.EventReportDue], err
}

// reportDeadlineNear gives the deadline of the reports for session se
// when it is reminded of on today: the session planned or convened and
// not cancelled, its deadline from today to model.ReportReminderDays
// ahead.
func reportDeadlineNear(se model.Session, today model.Date) (model.Date, bool) {
	if se.Cancelled() || (se.Status != model.StatusPlanned && se.Status != model.StatusConvened) {
		return model.Date{}, false
	}
	d := model.ReportDeadline(se)
	if d.IsZero() || d.Before(today) || model.DaysAfter(today, model.ReportReminderDays).Before(d) {
		return model.Date{}, false
	}
	return d, true
}

// missingReports gives, per member in office as spokesperson for a
// conference (its term not ended by the council's last session held),
// the names of the conferences it has saved no report for in the
// session, sorted; only member's when member is not "". The members come
// in the order of their first assignment. The reminder loop reads it to
// choose whom to remind, and its writing transaction asks again.
func missingReports(ctx context.Context, q queryer, council, sessionID int64, member string) ([]string, map[string][]string, error) {
	last, err := lastHeldSessionNumber(ctx, q, council)
	if err != nil {
		return nil, nil, err
	}
	query := `SELECT ` + assignmentCols + assignmentFrom + `
		WHERE NOT EXISTS (SELECT 1 FROM fachmk_reports r WHERE r.session_id = ? AND r.conference_id = a.conference_id AND r.member_abbrev = a.member_abbrev)`
	args := []any{sessionID}
	if member != "" {
		query += ` AND a.member_abbrev = ?`
		args = append(args, member)
	}
	as, err := queryList(ctx, q, scanAssignment, "assignments owing reports", query+` ORDER BY a.id`, args...)
	if err != nil {
		return nil, nil, err
	}
	var members []string
	names := map[string][]string{}
	for _, a := range as {
		if a.Status(last) == model.AssignmentEnded {
			continue
		}
		name, err := conferenceName(ctx, q, a.ConferenceID)
		if err != nil {
			return nil, nil, err
		}
		if _, ok := names[a.Member]; !ok {
			members = append(members, a.Member)
		}
		if !slices.Contains(names[a.Member], name) {
			names[a.Member] = append(names[a.Member], name)
		}
	}
	for _, ns := range names {
		slices.Sort(ns)
	}
	return members, names, nil
}

// reportNotice words the reminder of member's missing reports (public
// text: the session's number, date and place, the conferences' names).
func reportNotice(se model.Session, heading string, deadline model.Date, member string, conferences []string) Notice {
	confs := make([]string, len(conferences))
	for i, c := range conferences {
		confs[i] = model.Body{Name: c}.Accusative()
	}
	when := sessionWhen(se)
	if when != "" {
		when = " " + when
	}
	return Notice{
		Event:   model.EventReportDue,
		Key:     reportReminderKey(se.ID, deadline, member),
		Ref:     fmt.Sprintf("reporting_frist:%d", se.ID),
		Subject: fmt.Sprintf("Bericht für „%s“ bis %s: %s", model.ReportingFachMKTitle, deadline.German(), heading),
		Body: fmt.Sprintf("Für die %s%s fehlt noch Ihr Bericht unter „%s“ für %s.\n"+
			"Die Frist für die Berichte endet am %s, %d Tage vor der Sitzung; danach kann nur noch die Geschäftsstelle einen Bericht eintragen.\n",
			heading, when, model.ReportingFachMKTitle, model.JoinMembers(confs), deadline.German(), model.ReportLeadDays),
		Link: se.Path() + "/reporting-fachmk",
		To: func(sub Subscriber) bool {
			return sub.User.Role == model.RoleSpokesperson && sub.User.MemberAbbrev == member
		},
	}
}

// reportReminderKey is the key of the reminder of member's missing
// reports for the session with its deadline (reportNotice): a session
// moved (another deadline) is reminded of again.
func reportReminderKey(sessionID int64, deadline model.Date, member string) string {
	return fmt.Sprintf("reporting_frist:%d:%s:%s", sessionID, deadline, member)
}

// reportReminderNow is the occasion check of "Reporting FachMK" reminders
// (reminderNow): the reminder of the session (the ref) for the account's
// member is current while the session is planned or convened, its
// deadline from today to model.ReportReminderDays ahead, and the member
// owes a report for a conference it speaks for — as QueueReportReminders
// asks. A report saved, the session cancelled or moved, the deadline
// passed: the waiting reminder is withdrawn.
func reportReminderNow(ctx context.Context, q queryer, ref, member string, now time.Time) (key, state string, err error) {
	id, ok := refID(ref, "reporting_frist")
	if !ok || member == "" {
		return "", "keine Berichtsfrist", nil
	}
	se, err := queryOne(ctx, q, scanSession, fmt.Sprintf("session %d", id), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, id)
	if errors.Is(err, ErrNotFound) {
		return "", "die Sitzung gibt es nicht mehr", nil
	} else if err != nil {
		return "", "", err
	}
	deadline, ok := reportDeadlineNear(se, model.BerlinDate(now))
	if !ok {
		if se.Cancelled() {
			return "", se.Title() + " ist abgesagt", nil
		}
		return "", "die Berichtsfrist ist nicht mehr bald (" + model.ReportDeadline(se).German() + ")", nil
	}
	_, missing, err := missingReports(ctx, q, se.BodyID, se.ID, member)
	if err != nil {
		return "", "", err
	}
	if len(missing[member]) == 0 {
		return "", "der Bericht von " + member + " ist gespeichert", nil
	}
	return reportReminderKey(se.ID, deadline, member), "Frist: " + deadline.German(), nil
}
