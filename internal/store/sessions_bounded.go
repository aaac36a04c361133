package store

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gremium/internal/model"
)

// The bounded reads of sessions for the internal pages, the feeds and the
// API: each reads the sessions a page shows or needs (by status, by
// number, by id, the newest n), through an index, never all sessions of a
// body (100,000 in the 1M corpus).

// SessionsWithStatus gives a body's sessions with the status, newest
// number first: one range of the (body, status) index.
func (s *Store) SessionsWithStatus(ctx context.Context, bodyID int64, status model.SessionStatus) ([]model.Session, error) {
	return queryList(ctx, s.rd, scanSession, "sessions "+string(status),
		`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND status = ? ORDER BY number DESC`, bodyID, status)
}

// LastSessionNumber gives the highest number of a body's sessions, of any
// status (0 if it has none): one step of the (body, number) index.
func (s *Store) LastSessionNumber(ctx context.Context, bodyID int64) (int, error) {
	var n int
	if err := s.rd.QueryRowContext(ctx, `SELECT COALESCE(MAX(number), 0) FROM sessions WHERE body_id = ?`, bodyID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: last session number: %w", err)
	}
	queries.Add(1)
	rowsRead.Add(1)
	return n, nil
}

// SessionsBefore gives up to n of a body's sessions numbered below before
// (0: any), the highest number first: a walk down the (body, number) index
// that stops after n (keyset paging by number).
func (s *Store) SessionsBefore(ctx context.Context, bodyID int64, before, n int) ([]model.Session, error) {
	if before <= 0 {
		before = math.MaxInt32
	}
	return queryList(ctx, s.rd, scanSession, "sessions before "+strconv.Itoa(before),
		`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND number < ? ORDER BY number DESC LIMIT ?`, bodyID, before, n)
}

// SessionsAfter gives up to n of a body's sessions numbered above after,
// the lowest number first: a walk up the (body, number) index that stops
// after n (the page before a page of SessionsBefore).
func (s *Store) SessionsAfter(ctx context.Context, bodyID int64, after, n int) ([]model.Session, error) {
	return queryList(ctx, s.rd, scanSession, "sessions after "+strconv.Itoa(after),
		`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND number > ? ORDER BY number LIMIT ?`, bodyID, after, n)
}

// NewestDatedSessions gives up to n of a body's sessions that have a date,
// the latest date first (then the higher number): a walk down the date
// index that stops after n.
func (s *Store) NewestDatedSessions(ctx context.Context, bodyID int64, n int) ([]model.Session, error) {
	return queryList(ctx, s.rd, scanSession, "newest dated sessions",
		`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND date <> '' ORDER BY date DESC, number DESC LIMIT ?`, bodyID, n)
}

// FirstSessionAfter gives a body's first session dated after the day (of
// several on that date the one with the highest number), or ErrNotFound:
// one step of the date index.
func (s *Store) FirstSessionAfter(ctx context.Context, bodyID int64, day model.Date) (model.Session, error) {
	return queryOne(ctx, s.rd, scanSession, "session after "+day.String(),
		`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND date > ? ORDER BY date, number DESC LIMIT 1`, bodyID, day.String())
}

// NextRegularSession gives the number of a body's next regular session not
// yet held, among the sessions that exist: a spokesperson's resignation
// takes effect with it. Without a planned one it gives a rule error. It
// reads the number of the last session held (one step of the status index
// per held status) and then the sessions numbered above it, nextBatch at a
// time up the (body, number) index, until the first that counts
// (model.NextRegularSession): never all sessions of the body.
func (s *Store) NextRegularSession(ctx context.Context, bodyID int64) (int, error) {
	return nextRegularSession(ctx, s.rd, bodyID)
}

// nextRegularSession is NextRegularSession read through q (the read pool,
// or the transaction of a write that depends on it).
func nextRegularSession(ctx context.Context, q queryer, bodyID int64) (int, error) {
	after, err := lastHeldSessionNumber(ctx, q, bodyID)
	if err != nil {
		return 0, err
	}
	for {
		batch, err := queryList(ctx, q, scanSession, "sessions after "+strconv.Itoa(after),
			`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND number > ? ORDER BY number LIMIT ?`, bodyID, after, nextBatch)
		if err != nil {
			return 0, err
		}
		// None of them is held (all come after the last held), so the
		// rule picks the first regular one not cancelled among them.
		next, err := model.NextRegularSession(batch)
		if err == nil || len(batch) < nextBatch {
			return next, err
		}
		after = batch[len(batch)-1].Number
	}
}

// nextBatch is how many sessions NextRegularSession reads at a time.
const nextBatch = 16

// lastHeldSessionNumber gives the highest number of a body's sessions that
// were held (model.Session.Held; 0 if none was): the highest of each held
// status, one step of the (body, status, number) index each.
func lastHeldSessionNumber(ctx context.Context, q queryer, bodyID int64) (int, error) {
	var parts []string
	var args []any
	for _, st := range model.SessionStatuses {
		if (model.Session{Status: st}).Held() {
			parts = append(parts, `SELECT MAX(number) AS n FROM sessions WHERE body_id = ? AND status = ?`)
			args = append(args, bodyID, st)
		}
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(n), 0) FROM (`+strings.Join(parts, " UNION ALL ")+`) AS held`, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: last held session: %w", err)
	}
	queries.Add(1)
	rowsRead.Add(1)
	return n, nil
}

// SessionsByNumber gives a body's sessions with the numbers, by number
// (numbers without a session are missing): one statement per inChunk
// numbers through the (body, number) index.
func (s *Store) SessionsByNumber(ctx context.Context, bodyID int64, numbers []int) (map[int]model.Session, error) {
	out := map[int]model.Session{}
	err := inBatches(numbers, func(in string, args []any) error {
		ss, err := queryList(ctx, s.rd, scanSession, "sessions by number",
			`SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND number IN `+in, append([]any{bodyID}, args...)...)
		for _, se := range ss {
			out[se.Number] = se
		}
		return err
	})
	return out, err
}

// SessionsOfBody gives those of the sessions with the ids that belong to
// the body, by id: SessionsByID inChunk ids at a time.
func (s *Store) SessionsOfBody(ctx context.Context, bodyID int64, ids []int64) (map[int64]model.Session, error) {
	out := map[int64]model.Session{}
	for _, chunk := range distinctChunks(ids) {
		ss, err := s.SessionsByID(ctx, chunk)
		if err != nil {
			return nil, err
		}
		for id, se := range ss {
			if se.BodyID == bodyID {
				out[id] = se
			}
		}
	}
	return out, nil
}

// PreparedSessions gives, for each of the preparatory sessions with the
// ids (AL-Runde), the session it prepares, by the preparatory session's
// id (those that prepare none are missing): two statements per inChunk
// ids, through the primary key.
func (s *Store) PreparedSessions(ctx context.Context, prepIDs []int64) (map[int64]model.Session, error) {
	out := map[int64]model.Session{}
	err := inBatches(prepIDs, func(in string, args []any) error {
		links, err := s.prepLinks(ctx, `prepares_session_id IS NOT NULL AND id IN `+in, args)
		if err != nil {
			return err
		}
		return s.sessionsOfLinks(ctx, links, func(l prepLink) int64 { return l.main }, func(l prepLink, se model.Session) { out[l.prep] = se })
	})
	return out, err
}

// PreparingSessions gives, for each of the sessions with the ids, the
// session of the preparatory body that prepares it, by the prepared
// session's id; of several, the one with the lowest number. Two statements
// per inChunk ids, through the index on prepares_session_id.
func (s *Store) PreparingSessions(ctx context.Context, prepBodyID int64, mainIDs []int64) (map[int64]model.Session, error) {
	out := map[int64]model.Session{}
	err := inBatches(mainIDs, func(in string, args []any) error {
		// The IN implies prepares_session_id IS NOT NULL: the partial
		// index on it serves.
		links, err := s.prepLinks(ctx, `prepares_session_id IN `+in+` AND body_id = ?`, append(args, prepBodyID))
		if err != nil {
			return err
		}
		return s.sessionsOfLinks(ctx, links, func(l prepLink) int64 { return l.prep }, func(l prepLink, se model.Session) { out[l.main] = se })
	})
	return out, err
}

// prepLink ties a preparatory session to the session it prepares.
type prepLink struct{ prep, main int64 }

// prepLinks gives the links of the preparatory sessions matching where,
// the highest number first.
func (s *Store) prepLinks(ctx context.Context, where string, args []any) ([]prepLink, error) {
	return queryList(ctx, s.rd, func(r scanner) (prepLink, error) {
		var l prepLink
		return l, r.Scan(&l.prep, &l.main)
	}, "preparation links", `SELECT id, prepares_session_id FROM sessions WHERE `+where+` ORDER BY number DESC`, args...)
}

// sessionsOfLinks reads the sessions the links name (by end) in one
// statement and gives each link with its session to put, in the links'
// order.
func (s *Store) sessionsOfLinks(ctx context.Context, links []prepLink, end func(prepLink) int64, put func(prepLink, model.Session)) error {
	if len(links) == 0 {
		return nil
	}
	ids := make([]int64, len(links))
	for i, l := range links {
		ids[i] = end(l)
	}
	byID, err := s.SessionsByID(ctx, ids)
	if err != nil {
		return err
	}
	for _, l := range links {
		if se, ok := byID[end(l)]; ok {
			put(l, se)
		}
	}
	return nil
}
