package store

import (
	"context"
	"fmt"
)

// SessionRecord is what a session day records beside the minutes rows,
// from which the draft minutes derive their opening sentences
// (minutes.Item.RecordLines): the quorum check's finding and the order in
// which the items were taken up.
type SessionRecord struct {
	// Quorum is the result of the last quorum check ("ja", "nein"; empty
	// unchecked: model.Session.Quorum), QuorumReason its finding with the
	// count ("beschlussfähig: 14 von 17 stimmberechtigten Mitgliedern
	// anwesend (nötig: 9)"; empty for a check made before the count was
	// kept) and QuorumItemID the item under discussion when it was made
	// (0: before the first item was taken up).
	Quorum       string
	QuorumReason string
	QuorumItemID int64
	// TakenUp gives each item taken up in the running session its place
	// in the order of discussion (1, 2, …); an item never taken up has
	// none.
	TakenUp map[int64]int
}

// SessionRecord reads what the session day recorded for the minutes, in
// one query whatever the number of items.
func (s *Store) SessionRecord(ctx context.Context, sessionID int64) (SessionRecord, error) {
	type line struct {
		rec   SessionRecord
		item  int64
		place int
	}
	lines, err := queryList(ctx, s.rd, func(r scanner) (line, error) {
		var l line
		return l, r.Scan(&l.rec.Quorum, &l.rec.QuorumReason, &l.rec.QuorumItemID, &l.item, &l.place)
	}, "session record", `SELECT s.quorum, s.quorum_reason, s.quorum_item_id, COALESCE(i.id, 0), COALESCE(i.taken_up, 0)
		FROM sessions s LEFT JOIN agenda_items i ON i.session_id = s.id AND i.taken_up > 0 WHERE s.id = ?`, sessionID)
	if err != nil {
		return SessionRecord{}, err
	}
	if len(lines) == 0 {
		return SessionRecord{}, fmt.Errorf("store: session %d: %w", sessionID, ErrNotFound)
	}
	rec := lines[0].rec
	rec.TakenUp = make(map[int64]int, len(lines))
	for _, l := range lines {
		if l.item != 0 {
			rec.TakenUp[l.item] = l.place
		}
	}
	return rec, nil
}
