package store

// The FachMK dates as OParl Meetings. Every public date of a FachMK
// (conference_dates, kept by its secretariat) is a Meeting of the
// conference's Organization, listed in that Organization's meeting list
// and in the body's, built in the transaction of the date's change like
// every other object (the triggers of migration 00820 mark the row). Its
// source key is the negative of the date's id (dateSrc): the sessions'
// ids stay the keys of theirs, and a date's Meeting takes a public id no
// Meeting had (allocate gives a key ≤ 0 the next free one).
//
// A date's meetingState follows the day (geplant, laufend, durchgeführt:
// oparl.ConferenceMeetingState), not a write: RefreshOParlMeetingStates
// builds the Meetings whose state the day moved.

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gremium/internal/model"
	"gremium/internal/oparl"
)

// dateSrc gives the source key of the OParl objects of FachMK date id
// (its Meeting, and its venue's Location where the council holds no
// session: placeSource); 0 stays 0 (none).
func dateSrc(id int64) int64 { return -id }

func (y *oparlSync) conferenceDate(id int64) (*model.ConferenceDate, error) {
	return load(y, y.dates, id, scanConferenceDate, "oparl conference date", `SELECT `+conferenceDateCols+` FROM conference_dates WHERE id = ?`)
}

func (y *oparlSync) preloadDates(ids []int64) error {
	return preload(y, y.dates, ids, scanConferenceDate, func(d model.ConferenceDate) int64 { return d.ID }, "oparl conference dates",
		`SELECT `+conferenceDateCols+` FROM conference_dates WHERE id IN `)
}

// publicDate gives the FachMK date if it is public: a date of a FachMK
// whose Organization is published (the conference's page and its
// calendar feed show its dates; every field OParl gives is public,
// model.ConferenceDate.Validate).
func (y *oparlSync) publicDate(id int64) (*model.ConferenceDate, error) {
	d, err := y.conferenceDate(id)
	if err != nil || d == nil {
		return nil, err
	}
	b, err := y.body(d.BodyID)
	if err != nil || b == nil || b.Kind != model.BodyFachMK || b.Preparation.Internal {
		return nil, err
	}
	return d, nil
}

// today gives the day of the build in German time (the day the
// meetingState of a FachMK date is given for).
func (y *oparlSync) today() model.Date {
	t, err := time.Parse(oparlTime, y.now)
	if err != nil {
		return model.Date{}
	}
	return model.BerlinDate(t)
}

// conferenceMeeting renders the Meeting of public FachMK date id.
func (y *oparlSync) conferenceMeeting(id, pid int64) (oparl.Object, string, error) {
	d, err := y.publicDate(id)
	if err != nil {
		return nil, "", err
	}
	b, err := y.body(d.BodyID)
	if err != nil {
		return nil, "", err
	}
	org, err := y.ref(oparl.KindOrganization, b.ID)
	if err != nil {
		return nil, "", err
	}
	place, err := y.placeSource(d.Place)
	if err != nil {
		return nil, "", err
	}
	loc, mod, err := y.embeddedOne("meeting", oparl.KindLocation, place)
	if err != nil {
		return nil, "", err
	}
	return oparl.ConferenceMeeting(*d, *b, pid, org, loc, y.today()), mod, nil
}

// listOrg gives the public id of the Organization whose meeting list
// (/oparl/v1/organization/{id}/meeting) holds the object of k: the
// council's for a session's Meeting, the conference's for a FachMK date's;
// 0 for the other kinds.
func (y *oparlSync) listOrg(k oparlKey) (int64, error) {
	if k.kind != oparl.KindMeeting {
		return 0, nil
	}
	if k.src > 0 {
		return y.ref(oparl.KindOrganization, y.council.ID)
	}
	d, err := y.publicDate(-k.src)
	if err != nil || d == nil {
		return 0, err
	}
	return y.ref(oparl.KindOrganization, d.BodyID)
}

// stateSince gives the moment the meetingState of FachMK date d last
// changed at the build's time (oparlTime, UTC): the start of its first
// day, or of the day after its last (both German midnights); "" before
// its first day.
func (y *oparlSync) stateSince(d model.ConferenceDate) string {
	t, err := time.Parse(oparlTime, y.now)
	if err != nil {
		return ""
	}
	return conferenceStateSince(d, t)
}

// conferenceStateSince gives the moment the meetingState of FachMK date d
// last changed at or before now (oparlTime, UTC; "" before its first day).
func conferenceStateSince(d model.ConferenceDate, now time.Time) string {
	midnight := func(day model.Date) time.Time {
		return time.Date(day.Year, day.Month, day.Day, 0, 0, 0, 0, model.Berlin)
	}
	var since time.Time
	for _, day := range []model.Date{d.Starts, model.BerlinDate(d.LastDay().Time().AddDate(0, 0, 1))} {
		if m := midnight(day); !day.IsZero() && !m.After(now) {
			since = m
		}
	}
	if since.IsZero() {
		return ""
	}
	return since.UTC().Format(oparlTime)
}

// RefreshOParlMeetingStates builds again the Meetings of the FachMK dates
// whose meetingState the day moved since they were built (a date begun,
// a date past), at now: their modified is the time of the build. A Meeting
// is built (modified) at or after the last change of its state — with
// the date's change, or by the backlog sync, which takes that change for
// its modified when it is later than the audit log's —, so one whose
// modified lies before its state's last change is out of date. Nothing is
// written when none is (most calls); several servers may run it at once.
// It gives the number of Meetings built. The reminder loop calls it
// (notify.Reminders).
func (s *Store) RefreshOParlMeetingStates(ctx context.Context, now time.Time) (int, error) {
	today := model.BerlinDate(now)
	// Read without the write lock: a date has begun and its Meeting was
	// last modified on or before its last day.
	rows, err := s.db.QueryContext(ctx, `SELECT o.src, o.modified, d.starts_on, d.ends_on FROM oparl_objects o JOIN conference_dates d ON o.src = -d.id
		WHERE o.kind = ? AND o.src < 0 AND o.deleted = 0 AND d.starts_on <= ?
		AND CASE WHEN d.ends_on = '' THEN d.starts_on ELSE d.ends_on END >= substr(o.modified, 1, 10)`, oparl.KindMeeting, today.String())
	if err != nil {
		return 0, fmt.Errorf("store: oparl meeting states: %w", err)
	}
	var stale []int64
	for rows.Next() {
		var src int64
		var modified, starts, ends string
		if err := rows.Scan(&src, &modified, &starts, &ends); err != nil {
			rows.Close()
			return 0, fmt.Errorf("store: oparl meeting states: %w", err)
		}
		d := model.ConferenceDate{ID: -src, Starts: parseDate(starts), Ends: parseDate(ends)}
		if since := conferenceStateSince(d, now); since != "" && modified < since {
			stale = append(stale, d.ID)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("store: oparl meeting states: %w", err)
	}
	if len(stale) == 0 {
		return 0, nil
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range stale {
			if _, err := tx.ExecContext(ctx, `INSERT INTO oparl_dirty (entity, id) VALUES ('conference_date', ?)`, id); err != nil {
				return fmt.Errorf("store: oparl meeting states: %w", err)
			}
		}
		return nil // built before the commit (inTx)
	})
	if err != nil {
		return 0, err
	}
	return len(stale), nil
}
