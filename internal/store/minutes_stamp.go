package store

// The stamp of a session's minutes: what an approval checks inside its
// transaction against the state the approved text was rendered from.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"strings"

	"gremium/internal/model"
)

// MinutesStamp is the state of a session's minutes as read at one moment:
// a digest of everything the minutes are rendered from (minutes.Load) —
// the session, its agenda items, the contributions, decisions with their
// votes and corrections, protocol notes, remarks and follow-ups of those
// items, the recommendations given for or by them, the attendance and the
// delegations, the spokespersons' reports, the corrections and the kept
// versions, the members and the body with its sections — and of what the
// minutes list from outside the session: the decisions taken by written
// procedure (Umlaufverfahren) since the previous session, and the earlier
// sessions whose minutes the session approved under TOP 00 ("Das
// Protokoll der 46. Sitzung vom … wurde genehmigt") — and of the members'
// comments on the draft, which the approval's form lists. Any change of
// one of them gives another stamp.
//
// The minutes' text is rendered from the store by package minutes, which
// cannot run inside the store's transaction: an approval reads the stamp
// before it renders the text — the live approval takes the stamp of the
// state its page showed, carried by the form — and the store compares it
// inside the approval's transaction (ApproveMinutes,
// ApproveMinutesCorrection, StartProcedure with ApprovesSession, the
// import's approval of earlier minutes in SaveMinutes), where it is
// required. Before, an edit committed between the rendering and the
// approval made the frozen rows differ from the approved text, or from
// the text the members were sent; and one committed between showing the
// page and pressing its button was approved unseen. The day-stamp
// sessions.minutes_changed is no such stamp: it moves once a day.
type MinutesStamp string

// minutesStampQueries are the statements whose rows make the stamp, each
// in a fixed order; ? is the session's id. What the minutes read beyond
// the session's own rows is in minutesStampParts.
var minutesStampQueries = []string{
	`SELECT * FROM sessions WHERE id = ?`,
	`SELECT * FROM agenda_items WHERE session_id = ? ORDER BY id`,
	`SELECT * FROM contributions WHERE item_id IN (` + itemsOfSession + `) ORDER BY id`,
	`SELECT * FROM decisions WHERE item_id IN (` + itemsOfSession + `) ORDER BY id`,
	`SELECT * FROM votes WHERE decision_id IN (SELECT id FROM decisions WHERE item_id IN (` + itemsOfSession + `)) ORDER BY decision_id, member_abbrev`,
	`SELECT * FROM decision_corrections WHERE decision_id IN (SELECT id FROM decisions WHERE item_id IN (` + itemsOfSession + `)) ORDER BY decision_id, version`,
	`SELECT * FROM protocol_notes WHERE item_id IN (` + itemsOfSession + `) ORDER BY id`,
	`SELECT * FROM remarks WHERE item_id IN (` + itemsOfSession + `) ORDER BY id`,
	// The follow-ups as the minutes read them: they set the item's
	// checkbox "Follow-Up" (model.ItemFlags.Outcome), and the session
	// page lists them under the item.
	`SELECT ` + followUpCols + ` FROM follow_ups f WHERE f.item_id IN (` + itemsOfSession + `) ORDER BY f.id`,
	`SELECT * FROM session_attendance WHERE session_id = ? ORDER BY member_abbrev`,
	`SELECT * FROM minutes_corrections WHERE session_id = ? ORDER BY id`,
	`SELECT session_id, version, stand, note FROM minutes_versions WHERE session_id = ? ORDER BY version`,
	// The names the text gives the speakers, and the members' order, in
	// which the votes and the attendance list are given.
	`SELECT ` + memberCols + ` FROM members ORDER BY id`,
	`SELECT id, name, position, consent FROM sections WHERE body_id = (SELECT body_id FROM sessions WHERE id = ?) ORDER BY id`,
	// The members' comments on the draft: not rendered, but shown beside
	// the approval's button (the Verwaltung page), so that a comment
	// made after the page was shown is not approved unseen.
	`SELECT * FROM minutes_comments WHERE session_id = ? ORDER BY id`,
}

// minutesStampParts read, through q, what the minutes of session se show
// beyond its own rows, each as package minutes reads it (the same store
// functions, inside the approval's transaction when q is one).
var minutesStampParts = []struct {
	what string
	read func(ctx context.Context, s *Store, q queryer, se model.Session) (any, error)
}{
	{"body", func(ctx context.Context, _ *Store, q queryer, se model.Session) (any, error) {
		// The title names it ("47. Sitzung des IT-Planungsrats").
		return bodyByID(ctx, q, se.BodyID)
	}},
	{"written procedures", func(ctx context.Context, s *Store, q queryer, se model.Session) (any, error) {
		// "Umlaufverfahren seit der letzten Sitzung": the period moves
		// with the previous session's end, the list with every close.
		if se.Date.IsZero() {
			return nil, nil
		}
		after, until, err := procedurePeriod(ctx, q, se)
		if err != nil {
			return nil, err
		}
		return s.procedureDecisions(ctx, q, se.BodyID, after, until)
	}},
	{"approved minutes", func(ctx context.Context, _ *Store, q queryer, se model.Session) (any, error) {
		// TOP 00: "Das Protokoll der 46. Sitzung vom 27.03.2025 wurde
		// genehmigt" (minutes.Item.ApprovalLines) for each session
		// approved in this one; the agenda naming them is in the rows.
		type approved struct {
			Number int
			Date   string
		}
		return queryList(ctx, q, func(r scanner) (approved, error) {
			var a approved
			return a, r.Scan(&a.Number, &a.Date)
		}, "approved minutes", `SELECT number, date FROM sessions WHERE body_id = ? AND approved_in = ? ORDER BY number`, se.BodyID, se.Number)
	}},
	{"recommendations", func(ctx context.Context, _ *Store, q queryer, se model.Session) (any, error) {
		// Given by the AL-Runde in another session: its decision's
		// status says whether it was given.
		byTarget, byItem, err := sessionRecommendations(ctx, q, se.ID)
		return [2]map[int64]model.Recommendation{byTarget, byItem}, err
	}},
	{"reports", func(ctx context.Context, _ *Store, q queryer, se model.Session) (any, error) {
		return sessionReports(ctx, q, se.ID)
	}},
	{"delegations", func(ctx context.Context, _ *Store, q queryer, se model.Session) (any, error) {
		list, _, err := readDelegations(ctx, q, se.ID, false)
		return list, err
	}},
}

// MinutesStamp gives the stamp of the minutes of session id as stored now
// (see the type MinutesStamp).
func (s *Store) MinutesStamp(ctx context.Context, id int64) (MinutesStamp, error) {
	// The writer's connection: a reader of the pool may lag behind a
	// commit the caller made just before.
	return s.minutesStamp(ctx, s.db, id)
}

// minutesStamp reads the stamp of session id's minutes through q (the
// store's database, or a transaction).
func (s *Store) minutesStamp(ctx context.Context, q queryer, id int64) (MinutesStamp, error) {
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
	se, err := queryOne(ctx, q, scanSession, fmt.Sprintf("session %d", id), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, id)
	if err != nil {
		return "", err
	}
	for _, part := range minutesStampParts {
		v, err := part.read(ctx, s, q, se)
		if err != nil {
			return "", fmt.Errorf("store: minutes stamp: %s: %w", part.what, err)
		}
		// JSON: every exported field, maps in key order, no addresses.
		if err := json.NewEncoder(h).Encode(v); err != nil {
			return "", fmt.Errorf("store: minutes stamp: %s: %w", part.what, err)
		}
		h.Write([]byte{0x1d})
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
// Sie erneut."). read is the stamp the caller read before it rendered;
// none (a caller that forgot it) is an internal error, never an
// approval unchecked.
func (s *Store) checkMinutesStamp(ctx context.Context, tx *sql.Tx, id int64, number int, then string, read MinutesStamp) error {
	if read == "" {
		return fmt.Errorf("store: approval of the minutes of session %d without their stamp (MinutesStamp)", number)
	}
	now, err := s.minutesStamp(ctx, tx, id)
	if err != nil {
		return err
	}
	if now != read {
		return model.ConflictError("Das Protokoll der %d. Sitzung wurde inzwischen geändert, seit es zur Genehmigung gelesen wurde; %s", number, then)
	}
	return nil
}
