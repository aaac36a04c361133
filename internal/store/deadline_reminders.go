package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gremium/internal/model"
)

// deadlineDue is a coming deadline the reminder loop tells of: a session's
// registration deadline (Anmeldeschluss) or an AL-Runde's document
// deadline (Unterlagenfrist).
type deadlineDue struct {
	session   model.Session
	prep      model.Preparation // of the session's body
	documents bool              // the Unterlagenfrist of a preparatory session
	due       model.Date
}

// dueOf gives the deadline of d's kind for the session as se has it now
// (the zero date if a cancelled or begun session has none to remind of).
func (d deadlineDue) dueOf(se model.Session) model.Date {
	switch {
	case se.Cancelled() || (se.Status != model.StatusPlanned && se.Status != model.StatusConvened):
		return model.Date{}
	case d.documents:
		return d.prep.DocumentsDue(se.Date)
	}
	return se.RegistrationDeadline
}

// kind names d's deadline in the keys of its reminders.
func (d deadlineDue) kind() string {
	if d.documents {
		return "unterlagenfrist"
	}
	return "anmeldeschluss"
}

// ref gives the ref of the reminders of d's deadline:
// "anmeldeschluss:SESSION", "unterlagenfrist:SESSION".
func (d deadlineDue) ref() string { return fmt.Sprintf("%s:%d", d.kind(), d.session.ID) }

// key gives the key of the reminder of d's deadline on the day due:
// "anmeldeschluss:SESSION:DAY". A deadline that moves gives another key.
func (d deadlineDue) key(due model.Date) string { return d.ref() + ":" + due.String() }

// deadlineReminderNow gives the key of the reminder the loop gives at now
// of the deadline with the ref (deadlineDue.ref), read through q: "" once
// the session is cancelled or has begun, or the deadline passed
// (reminderNow); a deadline moved gives another key.
func deadlineReminderNow(ctx context.Context, q queryer, ref string, now time.Time) (key, state string, err error) {
	var d deadlineDue
	id, ok := refID(ref, d.kind())
	if !ok {
		d.documents = true
		if id, ok = refID(ref, d.kind()); !ok {
			return "", "keine Frist", nil
		}
	}
	se, err := queryOne(ctx, q, scanSession, fmt.Sprintf("session %d", id), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, id)
	if errors.Is(err, ErrNotFound) {
		return "", "die Sitzung gibt es nicht mehr", nil
	} else if err != nil {
		return "", "", err
	}
	b, err := bodyByID(ctx, q, se.BodyID)
	if err != nil {
		return "", "", err
	}
	d.session, d.prep = se, b.Preparation
	due := d.dueOf(se)
	switch {
	case se.Cancelled():
		return "", se.Title() + " ist abgesagt", nil
	case due.IsZero():
		return "", se.Title() + ": keine Frist mehr", nil
	case due.Before(model.BerlinDate(now)):
		return "", "die Frist ist am " + due.German() + " abgelaufen", nil
	}
	return d.key(due), "Frist: " + due.German(), nil
}

// QueueDeadlineReminders queues "Anmeldeschluss oder Unterlagenfrist in 7
// Tagen" (model.EventDeadlineSoon) for every deadline from today to
// model.DeadlineLeadDays ahead: the registration deadline of a session
// still taking registrations, and the document deadline of a preparatory
// session (the AL-Runde, model.Preparation.DocumentsDue) not yet held.
// Cancelled sessions remind of nothing. Each deadline is told once per
// subscriber, by a key with its date: a deadline moved (the session moved)
// is told again. It reads the coming sessions through the date index
// without the write lock and writes only when a deadline is near; the
// writing transaction reads each session again, so that one cancelled or
// moved since is not reminded of.
func (s *Store) QueueDeadlineReminders(ctx context.Context, now time.Time) (int, error) {
	today := model.BerlinDate(now)
	last := model.DaysAfter(today, model.DeadlineLeadDays)
	coming, err := queryList(ctx, s.db, scanSession, "coming sessions",
		`SELECT `+sessionCols+` FROM sessions WHERE date >= ? AND status IN (?, ?) ORDER BY date, id`,
		today.String(), model.StatusPlanned, model.StatusConvened)
	if err != nil {
		return 0, err
	}
	var dues []deadlineDue
	bodies := map[int64]model.Body{}
	for _, se := range coming {
		b, ok := bodies[se.BodyID]
		if !ok {
			if b, err = s.Body(ctx, se.BodyID); err != nil {
				return 0, err
			}
			bodies[se.BodyID] = b
		}
		inWindow := func(d model.Date) bool { return !d.IsZero() && !d.Before(today) && !last.Before(d) }
		// Registrations go to the prepared body's sessions (the IT-PLR's),
		// documents to the preparatory body's (the AL-Runde's).
		d := deadlineDue{session: se, prep: b.Preparation, documents: b.Preparation.PreparesID != 0}
		if d.due = d.dueOf(se); inWindow(d.due) {
			dues = append(dues, d)
		}
	}
	queued, err := queueReminders(ctx, s, dues, func(tx *sql.Tx, d deadlineDue) (Notice, bool, error) {
		// Cancelled, deleted or its deadline moved since it was read: no
		// reminder (a moved one is told by the next run).
		se, err := loadSessionTx(ctx, tx, d.session.ID)
		if errors.Is(err, ErrNotFound) {
			return Notice{}, false, nil
		} else if err != nil {
			return Notice{}, false, err
		}
		if d.dueOf(se) != d.due {
			return Notice{}, false, nil
		}
		d.session = se
		return deadlineNotice(ctx, tx, d), true, nil
	})
	return queued[model.EventDeadlineSoon], err
}

// deadlineNotice words the reminder of one deadline (public text: the
// session's name, date and place).
func deadlineNotice(ctx context.Context, tx *sql.Tx, d deadlineDue) Notice {
	se := d.session
	_, heading, err := sessionHeading(ctx, tx, se.ID)
	if err != nil {
		heading = se.Title()
	}
	when := sessionWhen(se)
	if when != "" {
		when = " " + when
	}
	if d.documents {
		n := Notice{
			Event:   model.EventDeadlineSoon,
			Key:     d.key(d.due),
			Ref:     d.ref(),
			Subject: fmt.Sprintf("Unterlagenfrist am %s: %s", d.due.German(), heading),
			Body:    fmt.Sprintf("Die Unterlagen für die %s%s sind bis zum %s einzureichen.\n", heading, when, d.due.German()),
			Link:    se.Path(),
			To:      mayRegister,
		}
		// The documents belong to the items of the session the AL-Runde
		// prepares, and are uploaded there.
		prepared, err := queryOne(ctx, tx, scanSession, "prepared session",
			`SELECT `+sessionCols+` FROM sessions WHERE id = (SELECT prepares_session_id FROM sessions WHERE id = ?)`, se.ID)
		if err == nil {
			_, main, err := sessionHeading(ctx, tx, prepared.ID)
			if err != nil {
				main = prepared.Title()
			}
			n.Body = fmt.Sprintf("Die Unterlagen zu Ihren Tagesordnungspunkten der %s sind bis zum %s einzureichen; die %s%s berät sie vor.\n"+
				"Laden Sie sie auf der Seite der %s bei Ihrem Tagesordnungspunkt hoch.\n", main, d.due.German(), heading, when, prepared.Title())
			n.Link = prepared.Path()
		}
		return n
	}
	return Notice{
		Event:   model.EventDeadlineSoon,
		Key:     d.key(d.due),
		Ref:     d.ref(),
		Subject: fmt.Sprintf("Anmeldeschluss am %s: %s", d.due.German(), heading),
		Body: fmt.Sprintf("Tagesordnungspunkte zur %s%s melden Sie bis zum %s an; spätere Anmeldungen gelten als verspätet.\n",
			heading, when, d.due.German()),
		Link: se.Path() + "/anmeldung",
		To:   mayRegister,
	}
}

// mayRegister: the secretariat, and member accounts of a member (who
// register for their own member).
func mayRegister(sub Subscriber) bool {
	return sub.User.Role == model.RoleSecretariat || sub.User.Role == model.RoleMember && sub.User.MemberAbbrev != ""
}
