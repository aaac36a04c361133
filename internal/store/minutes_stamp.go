package store

// The stamp of a session's minutes: what an approval checks inside its
// transaction against the state the approved text was rendered from.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"

	"gremium/internal/model"
)

// MinutesStamp is the state of a session's minutes as read at one moment:
// a digest of every stored row their text is made of (the session, its
// agenda items, the contributions, decisions with their votes and
// corrections, protocol notes, remarks and recommendations of those
// items, the attendance, the corrections and the kept versions, the
// members' names and the body's sections). Any
// change of one of them gives another stamp.
//
// The minutes' text is rendered from the store by package minutes, which
// cannot run inside the store's transaction: an approval reads the stamp
// before it renders the text, and the store compares it inside the
// approval's transaction (ApproveMinutes, ApproveMinutesCorrection,
// StartProcedure with ApprovesSession). Before, an edit committed between
// the rendering and the approval made the frozen rows differ from the
// approved text, or from the text the members were sent. The day-stamp
// sessions.minutes_changed is no such stamp: it moves once a day.
type MinutesStamp string

// minutesStampQueries are the statements whose rows make the stamp, each
// in a fixed order; ? is the session's id.
var minutesStampQueries = []string{
	`SELECT * FROM sessions WHERE id = ?`,
	`SELECT * FROM agenda_items WHERE session_id = ? ORDER BY id`,
	`SELECT * FROM contributions WHERE item_id IN (` + itemsOfSession + `) ORDER BY id`,
	`SELECT * FROM decisions WHERE item_id IN (` + itemsOfSession + `) ORDER BY id`,
	`SELECT * FROM votes WHERE decision_id IN (SELECT id FROM decisions WHERE item_id IN (` + itemsOfSession + `)) ORDER BY decision_id, member_abbrev`,
	`SELECT * FROM decision_corrections WHERE decision_id IN (SELECT id FROM decisions WHERE item_id IN (` + itemsOfSession + `)) ORDER BY decision_id, version`,
	`SELECT * FROM protocol_notes WHERE item_id IN (` + itemsOfSession + `) ORDER BY id`,
	`SELECT * FROM remarks WHERE item_id IN (` + itemsOfSession + `) ORDER BY id`,
	`SELECT * FROM recommendations WHERE item_id IN (` + itemsOfSession + `) OR target_item_id IN (` + itemsOfSession + `) ORDER BY id`,
	`SELECT * FROM session_attendance WHERE session_id = ? ORDER BY member_abbrev`,
	`SELECT * FROM minutes_corrections WHERE session_id = ? ORDER BY id`,
	`SELECT session_id, version, stand, note FROM minutes_versions WHERE session_id = ? ORDER BY version`,
	// The names the text gives the speakers and the agenda's sections.
	`SELECT id, abbrev, name, kind FROM members ORDER BY id`,
	`SELECT id, name, position, consent FROM sections WHERE body_id = (SELECT body_id FROM sessions WHERE id = ?) ORDER BY id`,
}

// MinutesStamp gives the stamp of the minutes of session id as stored now
// (see the type MinutesStamp).
func (s *Store) MinutesStamp(ctx context.Context, id int64) (MinutesStamp, error) {
	// The writer's connection: a reader of the pool may lag behind a
	// commit the caller made just before.
	return minutesStamp(ctx, s.db, id)
}

// minutesStamp reads the stamp of session id's minutes through q (the
// store's database, or a transaction).
func minutesStamp(ctx context.Context, q queryer, id int64) (MinutesStamp, error) {
	h := sha256.New()
	for _, query := range minutesStampQueries {
		args := make([]any, strings.Count(query, "?")) // none of ours quotes a "?"
		for i := range args {
			args[i] = id
		}
		if err := digestRows(ctx, q, h, query, args...); err != nil {
			return "", fmt.Errorf("store: minutes stamp: %w", err)
		}
	}
	return MinutesStamp(hex.EncodeToString(h.Sum(nil)[:16])), nil
}

// digestRows writes every column of every row of query into h, each
// value with its type, rows and statements delimited.
func digestRows(ctx context.Context, q queryer, h hash.Hash, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for _, v := range vals {
			fmt.Fprintf(h, "%T:%v\x1f", v, v)
		}
		h.Write([]byte{0x1e})
	}
	h.Write([]byte{0x1d})
	return rows.Err()
}

// checkMinutesStamp refuses with a conflict, inside tx, an approval of
// session id's minutes (number) whose text was rendered from another
// state than the one stored now; then says what was not done and what to
// do (e.g. "es ist nicht genehmigt. Bitte prüfen Sie es und genehmigen
// Sie erneut."). read is the stamp the caller read before it rendered
// (none: the caller renders nothing, as the import and the tests that
// approve a text of their own).
func checkMinutesStamp(ctx context.Context, tx *sql.Tx, id int64, number int, then string, read []MinutesStamp) error {
	if len(read) == 0 {
		return nil
	}
	now, err := minutesStamp(ctx, tx, id)
	if err != nil {
		return err
	}
	if now != read[0] {
		return model.ConflictError("Das Protokoll der %d. Sitzung wurde inzwischen geändert, während es zur Genehmigung gelesen wurde; %s", number, then)
	}
	return nil
}
