package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"gremium/internal/model"
)

// The bounded reads of the start page and the session list: none of them
// reads all sessions or all follow-ups of the corpus.

// comingStatuses are the statuses of sessions that have not yet taken
// place or are running.
var comingStatuses = []any{model.StatusPlanned, model.StatusConvened, model.StatusRunning}

// ComingSessions gives a body's sessions that are planned, convened or
// running (few: one range of the status index per status), the next one
// first: those that take place by date (then number; one without a date
// after those with), then the cancelled ones, which keep their status, in
// the same order. Before, the newest number came first, and the start
// page's "Anstehende Sitzungen" put the furthest session — or a cancelled
// one — at the top. One arm per status, not status IN (…): the planner's
// statistics (averages per body and status) do not know that these
// statuses are rare, and SQLite then scanned every session of the body.
func (s *Store) ComingSessions(ctx context.Context, bodyID int64) ([]model.Session, error) {
	arm := `SELECT ` + sessionCols + ` FROM sessions WHERE body_id = ? AND status = ?`
	args := make([]any, 0, 2*len(comingStatuses))
	for _, st := range comingStatuses {
		args = append(args, bodyID, st)
	}
	list, err := queryList(ctx, s.rd, scanSession, "coming sessions", arm+` UNION ALL `+arm+` UNION ALL `+arm+` ORDER BY number`, args...)
	slices.SortStableFunc(list, model.NextSessionFirst)
	return list, err
}

// RecentSessions gives a body's n newest sessions that are not coming
// (held, minutes in draft or approved, cancelled …), newest first (by date,
// then number: a walk down the date index that stops after n).
func (s *Store) RecentSessions(ctx context.Context, bodyID int64, n int) ([]model.Session, error) {
	return queryList(ctx, s.rd, scanSession, "recent sessions",
		`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND status NOT IN (?, ?, ?) ORDER BY date DESC, number DESC LIMIT ?`,
		append(append([]any{bodyID}, comingStatuses...), n)...)
}

// SessionYears gives the years in which a body has sessions, newest first:
// one step down the date index per year (the newest date before the start
// of the last year found), not a read of all sessions. Callers keep it per
// data version.
func (s *Store) SessionYears(ctx context.Context, bodyID int64) ([]int, error) {
	var out []int
	before := "9999-12-32"
	for {
		var date string
		err := s.rd.QueryRowContext(ctx, `SELECT date FROM sessions WHERE body_id = ? AND date <> '' AND date < ? ORDER BY date DESC LIMIT 1`,
			bodyID, before).Scan(&date)
		if errors.Is(err, sql.ErrNoRows) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("store: session years: %w", err)
		}
		queries.Add(1)
		d, err := model.ParseDate(date)
		if err != nil || d.Year < 1 {
			before = date // not a date: step past it
			continue
		}
		out = append(out, d.Year)
		before = model.NewDate(d.Year, 1, 1).String()
	}
}

// SessionsOfYear gives up to limit of a body's sessions dated in year,
// newest first (by date, then number); after, if not 0, is the number of
// the last session of the previous page: the page continues after it
// (keyset on date and number, one range of the date index).
func (s *Store) SessionsOfYear(ctx context.Context, bodyID int64, year, after, limit int) ([]model.Session, error) {
	from, to := model.NewDate(year, 1, 1).String(), model.NewDate(year+1, 1, 1).String()
	q := `SELECT ` + sessionCols + ` FROM sessions WHERE body_id = ? AND date >= ? AND date < ?`
	args := []any{bodyID, from, to}
	if after > 0 {
		q += ` AND (date, number) < (SELECT date, number FROM sessions WHERE body_id = ? AND number = ?)`
		args = append(args, bodyID, after)
	}
	return queryList(ctx, s.rd, scanSession, fmt.Sprintf("sessions of %d", year), q+` ORDER BY date DESC, number DESC LIMIT ?`, append(args, limit)...)
}

// CountFollowUps gives the number of follow-ups with the status.
func (s *Store) CountFollowUps(ctx context.Context, status model.FollowUpStatus) (int, error) {
	var n int
	if err := s.rd.QueryRowContext(ctx, `SELECT count(*) FROM follow_ups WHERE status = ?`, status).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count follow-ups: %w", err)
	}
	return n, nil
}
