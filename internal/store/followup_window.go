package store

import (
	"context"
	"slices"

	"gremium/internal/model"
)

// FollowUpsDueBetween gives up to limit pending follow-ups of the query
// (its filter and audience) whose due day — their date or the date of
// the council's session they are due to, the earlier (model.FollowUp.DueAt)
// — is from to to (both included), in order of that day and id: the
// earliest ones of the window, or with latest set the latest ones (still
// earliest first); limit 0: all of the window. The personal calendar
// feed's deadlines, and the follow-ups a reminder run looks at.
//
// It reads the council's sessions dated in the window (sessions_date),
// then the follow-ups of the window only, found through the indexes on
// (status, due_on) and (status, due_session): however many follow-ups are
// done or due long ago, a window reads what is in it.
func (s *Store) FollowUpsDueBetween(ctx context.Context, q FollowUpListQuery, from, to model.Date, latest bool, limit int) ([]FollowUpListEntry, error) {
	// The council's sessions in the window first: as a list of numbers
	// PostgreSQL estimates the follow-ups due to them from its statistics
	// and looks them up through the index (a subquery let it read every
	// pending follow-up).
	numbers, err := queryList(ctx, s.db, func(r scanner) (int, error) {
		var n int
		return n, r.Scan(&n)
	}, "sessions in a window", followUpsWindowSessions, q.CouncilID, from.String(), to.String(), inChunk+1)
	if err != nil {
		return nil, err
	}
	query, args := s.followUpsDueQuery(q, from, to, numbers, latest, limit)
	list, err := queryList(ctx, s.db, scanFollowUpListEntry(q), "follow-ups due", query, args...)
	if err != nil || !latest {
		return list, err
	}
	slices.Reverse(list)
	return list, nil
}

// followUpsDueQuery gives FollowUpsDueBetween's statement and arguments,
// with the numbers of the council's sessions in the window (more than
// inChunk: they are read again in the statement).
func (s *Store) followUpsDueQuery(q FollowUpListQuery, from, to model.Date, numbers []int, latest bool, limit int) (string, []any) {
	q.Pending = true
	w := s.followUpListWhere(q)
	f, t := from.String(), to.String()
	ids := `SELECT id FROM follow_ups WHERE status IN (?, ?) AND due_on >= ? AND due_on <= ?`
	idArgs := []any{model.FollowUpOpen, model.FollowUpInProgress, f, t}
	switch {
	case len(numbers) > inChunk:
		ids += ` UNION SELECT id FROM follow_ups WHERE status IN (?, ?) AND due_session IN (SELECT number FROM sessions WHERE body_id = ? AND date >= ? AND date <= ?)`
		idArgs = append(idArgs, model.FollowUpOpen, model.FollowUpInProgress, q.CouncilID, f, t)
	case len(numbers) > 0:
		in := padded(numbers)
		ids += ` UNION SELECT id FROM follow_ups WHERE status IN (?, ?) AND due_session IN (` + placeholders(len(in)) + `)`
		idArgs = append(append(idArgs, model.FollowUpOpen, model.FollowUpInProgress), in...)
	}
	w.add(`f.id IN (`+ids+`)`, idArgs...)
	inner, args := s.followUpListSelect(q, w)
	desc := ""
	if latest {
		desc = " DESC"
	}
	query := `SELECT * FROM (` + inner + `) x WHERE x.due_key >= ? AND x.due_key <= ? ORDER BY x.due_key` + desc + `, x.id` + desc
	args = append(args, f, t)
	if limit > 0 {
		query += ` LIMIT ?`
		args = append(args, limit)
	}
	return query, args
}

// followUpsWindowSessions reads the numbers of a body's sessions dated
// from one day to another (up to a limit).
const followUpsWindowSessions = `SELECT number FROM sessions WHERE body_id = ? AND date >= ? AND date <= ? ORDER BY number LIMIT ?`
