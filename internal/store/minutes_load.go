package store

import (
	"context"
	"fmt"
	"strings"

	"gremium/internal/model"
)

// The minutes of a session read at once: one query per kind of row for all
// agenda items of the session, so assembling the minutes costs the same
// number of queries however many items the session has.

// SessionRows are the minutes rows and follow-ups of all agenda items of a
// session, each by item id in minutes order.
type SessionRows struct {
	Contributions map[int64][]model.Contribution
	Decisions     map[int64][]model.Decision // with their votes
	Notes         map[int64][]model.ProtocolNote
	Remarks       map[int64][]model.Remark
	FollowUps     map[int64][]model.FollowUp
}

// itemsOfSession selects the ids of a session's agenda items.
const itemsOfSession = `SELECT id FROM agenda_items WHERE session_id = ?`

// SessionRows gives the minutes rows and follow-ups of every agenda item of
// the session (registrations included; the caller picks the items it
// shows), in six queries.
func (s *Store) SessionRows(ctx context.Context, sessionID int64) (SessionRows, error) {
	var out SessionRows
	var err error
	if out.Contributions, err = rowsOfSessionItems(ctx, s.rd, scanContribution, "session contributions", selectContributions, sessionID,
		func(c model.Contribution) int64 { return c.ItemID }); err != nil {
		return out, err
	}
	if out.Notes, err = rowsOfSessionItems(ctx, s.rd, scanNote, "session protocol notes", selectNotes, sessionID,
		func(n model.ProtocolNote) int64 { return n.ItemID }); err != nil {
		return out, err
	}
	if out.Remarks, err = rowsOfSessionItems(ctx, s.rd, scanRemark, "session remarks", selectRemarks, sessionID,
		func(r model.Remark) int64 { return r.ItemID }); err != nil {
		return out, err
	}
	fs, err := queryList(ctx, s.rd, scanFollowUp, "session follow-ups",
		`SELECT `+followUpCols+` FROM follow_ups f WHERE f.item_id IN (`+itemsOfSession+`) ORDER BY f.id`, sessionID)
	if err != nil {
		return out, err
	}
	out.FollowUps = byItem(fs, func(f model.FollowUp) int64 { return f.ItemID })
	// Each decision carries its newest correction (correctedCols): the
	// minutes show the text as adopted, the search index of the session
	// the text as last corrected.
	ds, err := queryList(ctx, s.rd, scanCorrectedDecision, "session decisions",
		`SELECT `+correctedCols+` FROM decisions d`+newestCorrection+` WHERE d.item_id IN (`+itemsOfSession+`) ORDER BY d.item_id, d.position, d.id`, sessionID)
	if err != nil {
		return out, err
	}
	votes, err := queryList(ctx, s.rd, scanDecisionVote, "session votes",
		`SELECT v.decision_id, v.member_abbrev, v.choice FROM votes v LEFT JOIN members m ON m.abbrev = v.member_abbrev
		 WHERE v.decision_id IN (SELECT id FROM decisions WHERE item_id IN (`+itemsOfSession+`))
		 ORDER BY v.decision_id, COALESCE(m.position, 999), v.member_abbrev`, sessionID)
	if err != nil {
		return out, err
	}
	attachVotes(ds, votes)
	out.Decisions = byItem(ds, func(d model.Decision) int64 { return d.ItemID })
	return out, nil
}

// decisionVote is a vote with the decision it belongs to.
type decisionVote struct {
	decisionID int64
	vote       model.Vote
}

func scanDecisionVote(r scanner) (decisionVote, error) {
	var v decisionVote
	return v, r.Scan(&v.decisionID, &v.vote.Member, &v.vote.Choice)
}

// attachVotes gives each decision its votes from a list of votes of
// several decisions.
func attachVotes(ds []model.Decision, votes []decisionVote) {
	by := map[int64][]model.Vote{}
	for _, v := range votes {
		by[v.decisionID] = append(by[v.decisionID], v.vote)
	}
	for i := range ds {
		ds[i].Votes = by[ds[i].ID]
	}
}

// loadVotesOf gives every decision of ds its votes, in one query.
func (s *Store) loadVotesOf(ctx context.Context, q queryer, ds []model.Decision) error {
	if len(ds) == 0 {
		return nil
	}
	args := make([]any, len(ds))
	for i, d := range ds {
		args[i] = d.ID
	}
	votes, err := queryList(ctx, q, scanDecisionVote, "votes",
		`SELECT v.decision_id, v.member_abbrev, v.choice FROM votes v LEFT JOIN members m ON m.abbrev = v.member_abbrev
		 WHERE v.decision_id IN (?`+strings.Repeat(", ?", len(ds)-1)+`)
		 ORDER BY v.decision_id, COALESCE(m.position, 999), v.member_abbrev`, args...)
	if err != nil {
		return err
	}
	attachVotes(ds, votes)
	return nil
}

// rowsOfSessionItems reads the minutes rows of one table (selectFrom: its
// selectContributions, selectNotes or selectRemarks) of every agenda item
// of the session in one query, in their order, by item (itemOf).
func rowsOfSessionItems[T any](ctx context.Context, q queryer, scan func(scanner) (T, error), what, selectFrom string, sessionID int64, itemOf func(T) int64) (map[int64][]T, error) {
	rows, err := queryList(ctx, q, scan, what, selectFrom+` WHERE item_id IN (`+itemsOfSession+`) ORDER BY item_id, position, id`, sessionID)
	if err != nil {
		return nil, err
	}
	return byItem(rows, itemOf), nil
}

// byItem groups rows by their item id, keeping their order.
func byItem[T any](rows []T, item func(T) int64) map[int64][]T {
	out := map[int64][]T{}
	for _, r := range rows {
		out[item(r)] = append(out[item(r)], r)
	}
	return out
}

// RowKey names a minutes row by its item, its table ("contribution",
// "protocol_note", "remark", "decision") and its position in the item.
type RowKey struct {
	ItemID   int64
	Kind     string
	Position int
}

// SessionRowIDs gives the ids of the minutes rows of a session's items by
// item, kind and position, without their content (one query): what the
// import needs to name the rows it has just written (minutes.Saved)
// instead of reading them back.
func (s *Store) SessionRowIDs(ctx context.Context, sessionID int64) (map[RowKey]int64, error) {
	type row struct {
		key RowKey
		id  int64
	}
	rows, err := queryList(ctx, s.rd, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.key.Kind, &x.key.ItemID, &x.key.Position, &x.id)
	}, "session row ids",
		`SELECT 'contribution', item_id, position, id FROM contributions WHERE item_id IN (`+itemsOfSession+`)
		 UNION ALL SELECT 'protocol_note', item_id, position, id FROM protocol_notes WHERE item_id IN (`+itemsOfSession+`)
		 UNION ALL SELECT 'remark', item_id, position, id FROM remarks WHERE item_id IN (`+itemsOfSession+`)
		 UNION ALL SELECT 'decision', item_id, position, id FROM decisions WHERE item_id IN (`+itemsOfSession+`)`,
		sessionID, sessionID, sessionID, sessionID)
	if err != nil {
		return nil, err
	}
	out := make(map[RowKey]int64, len(rows))
	for _, r := range rows {
		if _, twice := out[r.key]; twice {
			return nil, fmt.Errorf("store: session %d: two %s rows at position %d of item %d", sessionID, r.key.Kind, r.key.Position, r.key.ItemID)
		}
		out[r.key] = r.id
	}
	return out, nil
}
