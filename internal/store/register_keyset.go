package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gremium/internal/model"
)

// RegisterCursor places a page of the register by keyset instead of by
// offset: the decisions numbered before Before (the next, older page) or,
// if After is set, the decisions numbered after After (the previous,
// newer page). A deep page costs what the first costs.
type RegisterCursor struct {
	Before, After model.DecisionNumber
}

// RegisterKeyset gives up to limit published decisions matching f at the
// cursor, newest number first; no count. f.Offset counts only without a
// cursor (old addresses that name a page by its number). Each decision
// carries its newest correction, as in RegisterPage. Votes are loaded for decisions that bind only the consenting
// members, in one statement for the page.
func (s *Store) RegisterKeyset(ctx context.Context, f RegisterFilter, c RegisterCursor, limit int) ([]model.Decision, error) {
	w, err := s.registerWhereNow(ctx, f)
	if err != nil {
		return nil, err
	}
	order := ` ORDER BY d.year DESC, d.seq DESC`
	switch {
	case !c.After.IsZero():
		// A row value: one range of the register's index (an OR of the
		// two conditions is not).
		w.add("(d.year, d.seq) > (?, ?)", c.After.Year, c.After.Seq)
		order = ` ORDER BY d.year, d.seq`
	case !c.Before.IsZero():
		w.add("(d.year, d.seq) < (?, ?)", c.Before.Year, c.Before.Seq)
	}
	from, args, err := s.registerFrom(ctx, f)
	if err != nil {
		return nil, err
	}
	args = append(append(args, w.args...), limit)
	tail := ` LIMIT ?`
	if c == (RegisterCursor{}) && f.Offset > 0 {
		tail += ` OFFSET ?`
		args = append(args, f.Offset)
	}
	ds, err := queryList(ctx, s.rd, scanCorrectedDecision, "register",
		registerSelect(f, from, w, order, tail), args...)
	if err != nil {
		return nil, err
	}
	if !c.After.IsZero() {
		slices.Reverse(ds)
	}
	var consenting []model.Decision
	at := map[int64]int{}
	for i, d := range ds {
		if d.Scope == model.ScopeConsenting {
			at[d.ID] = i
			consenting = append(consenting, d)
		}
	}
	if len(consenting) > 0 {
		if err := s.loadVotesOf(ctx, s.rd, consenting); err != nil {
			return nil, err
		}
		for _, d := range consenting {
			ds[at[d.ID]] = d
		}
	}
	return ds, nil
}

// RegisterCount gives the number of published decisions matching f
// (Offset and Limit do not count; with a full-text filter, at most
// RegisterTextCap). Counting reads every match (a million for the whole
// register), so the number is kept per data version and
// filter (up to kept.MaxKeys filters).
func (s *Store) RegisterCount(ctx context.Context, f RegisterFilter) (int, error) {
	f.Offset, f.Limit = 0, 0
	return s.registerCounts.Get(s.Version(), f, func() (int, error) {
		w, err := s.registerWhereNow(ctx, f)
		if err != nil {
			return 0, err
		}
		from, args, err := s.registerFrom(ctx, f)
		if err != nil {
			return 0, err
		}
		var n int
		if err := s.rd.QueryRowContext(ctx, `SELECT count(*) FROM `+from+w.sql(), append(args, w.args...)...).Scan(&n); err != nil {
			return 0, fmt.Errorf("store: register count: %w", err)
		}
		return n, nil
	})
}

// SessionsByID gives the sessions with the ids, by id, in one statement.
func (s *Store) SessionsByID(ctx context.Context, ids []int64) (map[int64]model.Session, error) {
	out := map[int64]model.Session{}
	if len(ids) == 0 {
		return out, nil
	}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	ss, err := queryList(ctx, s.rd, scanSession, "sessions",
		`SELECT `+sessionCols+` FROM sessions WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	for _, se := range ss {
		out[se.ID] = se
	}
	return out, err
}

// DecisionLabel gives the label and whether a body's decision with number
// n is published (adopted), without its votes and corrections: one
// statement, for links to the decisions an agenda item names as sources.
func (s *Store) DecisionLabel(ctx context.Context, bodyID int64, n model.DecisionNumber) (label string, public bool, err error) {
	var status model.DecisionStatus
	err = s.rd.QueryRowContext(ctx, `SELECT label, status FROM decisions WHERE body_id = ? AND year = ? AND seq = ? AND seq > 0`,
		bodyID, n.Year, n.Seq).Scan(&label, &status)
	if err != nil {
		return "", false, notFound(err, "decision "+n.Short())
	}
	queries.Add(1)
	rowsRead.Add(1)
	return label, model.Decision{Status: status}.Public(), nil
}
