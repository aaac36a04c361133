package store

import (
	"context"
	"fmt"
	"strconv"

	"gremium/internal/model"
)

// The bounded reads of the start page and the session list: none of them
// reads all sessions or all follow-ups of the corpus.

// comingStatuses are the statuses of sessions that have not yet taken
// place or are running.
var comingStatuses = []any{model.StatusPlanned, model.StatusConvened, model.StatusRunning}

// ComingSessions gives a body's sessions that are planned, convened or
// running, newest number first (few: an index range by status).
func (s *Store) ComingSessions(ctx context.Context, bodyID int64) ([]model.Session, error) {
	return queryList(ctx, s.rd, scanSession, "coming sessions",
		`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND status IN (?, ?, ?) ORDER BY number DESC`,
		append([]any{bodyID}, comingStatuses...)...)
}

// RecentSessions gives a body's n newest sessions that are not coming
// (held, minutes in draft or approved, cancelled …), newest first (by date,
// then number: a walk down the date index that stops after n).
func (s *Store) RecentSessions(ctx context.Context, bodyID int64, n int) ([]model.Session, error) {
	return queryList(ctx, s.rd, scanSession, "recent sessions",
		`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND status NOT IN (?, ?, ?) ORDER BY date DESC, number DESC LIMIT ?`,
		append(append([]any{bodyID}, comingStatuses...), n)...)
}

// SessionYears gives the years in which a body has sessions, newest first.
// It reads the date index of all sessions: callers keep it per data
// version.
func (s *Store) SessionYears(ctx context.Context, bodyID int64) ([]int, error) {
	ys, err := queryList(ctx, s.rd, func(r scanner) (string, error) {
		var y string
		return y, r.Scan(&y)
	}, "session years", `SELECT DISTINCT substr(date, 1, 4) FROM sessions WHERE body_id = ? AND date <> '' ORDER BY 1 DESC`, bodyID)
	if err != nil {
		return nil, err
	}
	out := make([]int, 0, len(ys))
	for _, y := range ys {
		if n, err := strconv.Atoi(y); err == nil {
			out = append(out, n)
		}
	}
	return out, nil
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
