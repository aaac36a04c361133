package store

import (
	"context"
	"fmt"
)

// QuorumFinding is one finding of the quorum check (Feststellung der
// Beschlussfähigkeit) a session day made: its result ("ja", "nein";
// model.Session.Quorum), its reason with the count ("beschlussfähig: 14
// von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)"; empty for a
// check made before the count was kept) and the item under discussion
// when it was made (0: at the opening, before the first item was taken
// up). Stored as a JSON list in sessions.quorum_findings, in the order
// made.
type QuorumFinding struct {
	ItemID int64  `json:"item"`
	Result string `json:"result"`
	Reason string `json:"reason"`
}

// SessionRecord is what a session day records beside the minutes rows,
// from which the draft minutes derive their opening sentences
// (minutes.Item.RecordLines): the quorum check's findings and the order
// in which the items were taken up.
type SessionRecord struct {
	// Quorum gives the findings of the quorum check in the order made:
	// the opening finding first, then each later check whose finding
	// differed from the one before (quorumTx). Before, one finding was
	// kept and every save of the attendance moved it to the item called.
	Quorum []QuorumFinding
	// TakenUp gives each item taken up in the running session its place
	// in the order of discussion (1, 2, …); an item never taken up has
	// none.
	TakenUp map[int64]int
}

// SessionRecord reads what the session day recorded for the minutes, in
// one query whatever the number of items.
func (s *Store) SessionRecord(ctx context.Context, sessionID int64) (SessionRecord, error) {
	type line struct {
		findings string
		item     int64
		place    int
	}
	lines, err := queryList(ctx, s.rd, func(r scanner) (line, error) {
		var l line
		return l, r.Scan(&l.findings, &l.item, &l.place)
	}, "session record", `SELECT s.quorum_findings, COALESCE(i.id, 0), COALESCE(i.taken_up, 0)
		FROM sessions s LEFT JOIN agenda_items i ON i.session_id = s.id AND i.taken_up > 0 WHERE s.id = ?`, sessionID)
	if err != nil {
		return SessionRecord{}, err
	}
	if len(lines) == 0 {
		return SessionRecord{}, fmt.Errorf("store: session %d: %w", sessionID, ErrNotFound)
	}
	var rec SessionRecord
	if rec.Quorum, err = fromJSON[QuorumFinding](lines[0].findings); err != nil {
		return SessionRecord{}, fmt.Errorf("store: quorum findings of session %d: %w", sessionID, err)
	}
	rec.TakenUp = make(map[int64]int, len(lines))
	for _, l := range lines {
		if l.item != 0 {
			rec.TakenUp[l.item] = l.place
		}
	}
	return rec, nil
}
