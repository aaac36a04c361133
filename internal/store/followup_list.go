package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gremium/internal/model"
)

// The follow-up list (Aufträge) read a page at a time: visibility,
// filters, order and counts in SQL, so that a page reads its 100 rows and
// not every follow-up (issue 18).

// FollowUpListQuery selects the follow-ups of a list as an audience sees
// them: the filter, the audience (its rule is model.Audience.FollowUpSQL)
// and the clock, as the date and the due sessions started at the server's
// "now" (never the database's clock).
type FollowUpListQuery struct {
	FollowUpFilter
	// ID selects one follow-up (its page).
	ID int64
	// OnlyOverdue selects the overdue follow-ups ("ueberfaellig").
	OnlyOverdue bool
	Audience    model.Audience
	User        *model.User // nil for the public
	CouncilID   int64
	// Today is the German date at now; a pending follow-up whose date is
	// before it is overdue.
	Today model.Date
	// Started are the numbers of the council's sessions that have started
	// at now (model.Session.StartedAt) among those follow-ups are due to
	// (FollowUpDueSessions): a pending follow-up due to one is overdue.
	Started []int
}

// FollowUpCursor is a place in the list's order: overdue ones first, then
// the pending ones, then the rest (Rank 0, 1, 2), each by due date (none
// last), then by id. A page starts after (or ends before) a cursor.
type FollowUpCursor struct {
	Rank int
	Due  string // the due date as stored, "9999-99-99" for none
	// ID names the follow-up: in an internal list by its row id, in a
	// list of the public audience by its public number (model.FollowUp.
	// Number), so that the addresses of the public's pages carry no row
	// id (FollowUpPage looks the number up: rowCursor).
	ID int64
}

// noDue sorts the follow-ups without a due date last.
const noDue = "9999-99-99"

// String gives the cursor as an address parameter ("0.2026-03-01.17"),
// read back by ParseFollowUpCursor.
func (c FollowUpCursor) String() string {
	return fmt.Sprintf("%d.%s.%d", c.Rank, c.Due, c.ID)
}

// ParseFollowUpCursor reads a cursor from an address parameter
// (FollowUpCursor.String); false if it is none.
func ParseFollowUpCursor(s string) (FollowUpCursor, bool) {
	parts := strings.Split(s, ".")
	if len(parts) != 3 || len(parts[1]) != 10 {
		return FollowUpCursor{}, false
	}
	rank, err1 := strconv.Atoi(parts[0])
	id, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || rank < 0 || rank > 2 || id <= 0 {
		return FollowUpCursor{}, false
	}
	return FollowUpCursor{Rank: rank, Due: parts[1], ID: id}, true
}

// At gives the query at the clock now: Today, and Started from the
// sessions follow-ups are due to (FollowUpDueSessions) that have started
// at now (model.Session.StartedAt).
func (q FollowUpListQuery) At(now time.Time, due map[int]model.Session) FollowUpListQuery {
	q.Today, q.Started = model.BerlinDate(now), []int{}
	for n, se := range due {
		if se.StartedAt(now) && !se.Cancelled() {
			q.Started = append(q.Started, n)
		}
	}
	return q
}

// FollowUpListEntry is a follow-up of a list with what the list shows of
// it, read with it: its session and item, its due session (planned
// number and date), its decision's number and whether the audience sees
// the decision, and its place in the order at the query's clock.
type FollowUpListEntry struct {
	FollowUpEntry
	// Planned is the council's session the follow-up is due to, as far as
	// the list needs it (number and date); nil if it is not planned.
	Planned *model.Session
	// DecisionLabel is the number of the follow-up's decision if the
	// audience sees the decision ("" if none or not visible).
	DecisionLabel string
	Due           model.Date
	Overdue       bool
	Cursor        FollowUpCursor
}

// followUpListFrom joins the rows model.Audience.FollowUpSQL names and the
// due session (one argument: the council's id).
const followUpListFrom = followUpRuleFrom + `
	LEFT JOIN sessions ds ON ds.body_id = ? AND ds.number = f.due_session AND f.due_session > 0`

// where gives the query's conditions: the filter, the audience's rule and
// the overdue filter.
func (s *Store) followUpListWhere(q FollowUpListQuery) where {
	w := q.FollowUpFilter.whereAs(q.Audience)
	if q.ID != 0 {
		w.add("f.id = ?", q.ID)
	}
	cond, args := q.Audience.FollowUpSQL(q.User, q.CouncilID)
	w.add(cond, args...)
	if q.OnlyOverdue {
		c, a := s.followUpOverdueSQL(q)
		w.add(c, a...)
	}
	return w
}

// followUpOverdueSQL is model.FollowUp.OverdueAt in SQL at the query's
// clock: pending, and its date before today or its due session started.
func (s *Store) followUpOverdueSQL(q FollowUpListQuery) (string, []any) {
	started := q.Started
	if started == nil {
		started = []int{}
	}
	return `(f.status IN (?, ?) AND ((f.due_on <> '' AND f.due_on < ?) OR f.due_session IN (SELECT value FROM ` + s.jsonInts("?") + ` j)))`,
		[]any{model.FollowUpOpen, model.FollowUpInProgress, q.Today.String(), toJSON(started)}
}

// FollowUpPage gives up to limit follow-ups of the list in its order:
// those after the cursor (nil: from the start), or, with before set,
// those just before it (still in the list's order). It reads one page.
//
// The order depends on the clock, so no index gives it whole; it is read
// in three parts one after the other: the pending follow-ups (overdue
// first; few against the done ones, sorted), the rest with a due date
// (sorted), the rest without one (in order of entry: by id through an
// index, so a deep page stops after its rows). A list narrowed to one
// decision, item, session or follow-up is small and read in one part.
//
// The rest with a due date are found through the indexes on (status,
// due_on) and (status, due_session) (migration 00195): few follow-ups
// that are done have a date, and reading all the done ones to find them
// took 3 s a page at 300,000 follow-ups (/api/v1/auftraege?status=erledigt).
func (s *Store) FollowUpPage(ctx context.Context, q FollowUpListQuery, cursor *FollowUpCursor, before bool, limit int) ([]FollowUpListEntry, error) {
	cursor, err := s.rowCursor(ctx, q, cursor)
	if err != nil {
		return nil, err
	}
	pending := []any{model.FollowUpOpen, model.FollowUpInProgress}
	rest := []any{model.FollowUpDone, model.FollowUpDropped}
	parts := []followUpPart{
		{cond: "f.status IN (?, ?)", args: pending},
		{cond: "f.status IN (?, ?) AND (f.due_on > '' OR f.due_session > 0) AND (f.due_on <> '' OR (ds.date IS NOT NULL AND ds.date <> ''))", args: rest},
		{cond: "f.status IN (?, ?) AND f.due_on = '' AND (ds.date IS NULL OR ds.date = '')", args: rest, byID: true},
	}
	switch {
	case q.ID != 0 || q.DecisionID != 0 || q.ItemID != 0 || q.SessionID != 0:
		parts = []followUpPart{{}}
	case q.Pending || q.OnlyOverdue || q.Status.Pending():
		parts = parts[:1]
	case q.Status != "":
		parts = parts[1:]
	}
	// partOf gives the part a cursor is in.
	partOf := func(c FollowUpCursor) int {
		switch {
		case len(parts) == 1:
			return 0
		case c.Rank < 2:
			return 0
		case c.Due != noDue:
			return len(parts) - 2
		}
		return len(parts) - 1
	}
	start, step := 0, 1
	if cursor != nil {
		start = partOf(*cursor)
	}
	if before {
		step = -1
	}
	var out []FollowUpListEntry
	for i := start; i >= 0 && i < len(parts) && len(out) < limit; i += step {
		c := cursor
		if i != start {
			c = nil
		}
		list, err := s.followUpPart(ctx, q, parts[i], c, before, limit-len(out))
		if err != nil {
			return nil, err
		}
		if before {
			out = append(list, out...)
		} else {
			out = append(out, list...)
		}
	}
	return out, nil
}

// followUpPart is a part of the list's order (see FollowUpPage): its
// condition and whether it is in order of id alone.
type followUpPart struct {
	cond string
	args []any
	byID bool
}

// followUpPart reads up to limit follow-ups of a part of the list after
// (or before) the cursor, nil: from its start (or end).
func (s *Store) followUpPart(ctx context.Context, q FollowUpListQuery, part followUpPart, cursor *FollowUpCursor, before bool, limit int) ([]FollowUpListEntry, error) {
	w := s.followUpListWhere(q)
	if part.cond != "" {
		w.add(part.cond, part.args...)
	}
	inner, args := s.followUpListSelect(q, w)
	query := `SELECT * FROM (` + inner + `) x`
	op, desc := ">", ""
	if before {
		op, desc = "<", " DESC"
	}
	switch {
	case part.byID:
		if cursor != nil {
			query += ` WHERE x.id ` + op + ` ?`
			args = append(args, cursor.ID)
		}
		query += " ORDER BY x.id" + desc
	default:
		if cursor != nil {
			query += ` WHERE (x.rnk ` + op + ` ? OR (x.rnk = ? AND (x.due_key ` + op + ` ? OR (x.due_key = ? AND x.id ` + op + ` ?))))`
			args = append(args, cursor.Rank, cursor.Rank, cursor.Due, cursor.Due, cursor.ID)
		}
		query += " ORDER BY x.rnk" + desc + ", x.due_key" + desc + ", x.id" + desc
	}
	query += " LIMIT ?"
	args = append(args, limit)
	list, err := queryList(ctx, s.db, scanFollowUpListEntry(q), "follow-up page", query, args...)
	if err != nil || !before {
		return list, err
	}
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	return list, nil
}

// followUpListSelect gives the statement that reads the follow-ups of w
// with what a list shows of them (scanFollowUpListEntry), and its
// arguments: a caller selects from it as x, by x.rnk, x.due_key and x.id.
func (s *Store) followUpListSelect(q FollowUpListQuery, w where) (string, []any) {
	over, overArgs := s.followUpOverdueSQL(q)
	dueExpr := "CASE WHEN ds.date IS NOT NULL AND ds.date <> '' AND ds.cancelled_reason = '' AND (f.due_on = '' OR ds.date < f.due_on) THEN ds.date ELSE f.due_on END"
	inner := `SELECT ` + followUpCols + `, COALESCE(se.id, 0) AS se_id, COALESCE(se.number, 0) AS se_number, COALESCE(sb.slug, '') AS se_slug, COALESCE(sb.abbrev, '') AS se_abbrev, COALESCE(sb.internal, 0) AS se_internal, COALESCE(i.number, '') AS i_number, COALESCE(i.title, '') AS i_title,
		COALESCE(ds.number, 0) AS ds_number, COALESCE(ds.date, '') AS ds_date, COALESCE(ds.cancelled_reason, '') AS ds_cancelled, COALESCE(d.label, '') AS d_label, COALESCE(d.status, '') AS d_status, COALESCE(db.internal, 0) AS d_internal,
		CASE WHEN ` + over + ` THEN 0 WHEN f.status IN (?, ?) THEN 1 ELSE 2 END AS rnk,
		CASE WHEN (` + dueExpr + `) = '' THEN '` + noDue + `' ELSE (` + dueExpr + `) END AS due_key` +
		followUpListFrom + w.sql()
	args := append(append([]any{}, overArgs...), model.FollowUpOpen, model.FollowUpInProgress, q.CouncilID)
	return inner, append(args, w.args...)
}

// scanFollowUpListEntry reads a row of followUpListSelect as the query's
// audience sees it.
func scanFollowUpListEntry(q FollowUpListQuery) func(r scanner) (FollowUpListEntry, error) {
	return func(r scanner) (FollowUpListEntry, error) {
		var e FollowUpListEntry
		var due, done, dsDate, dsCancelled, dStatus string
		var dsNumber, dInternal int
		err := r.Scan(&e.ID, &e.DecisionID, &e.ItemID, &e.Text, &e.Responsible, &due, &e.FollowUp.DueSession, &e.Status, &done,
			&e.Source, &e.SourceID, &e.EvidenceText, &e.EvidenceDocumentID, &e.EvidenceDecisionID, &e.EvidenceItemID,
			&e.ProposalKey, &e.Version, &e.Number, &e.SessionID, &e.SessionNumber, &e.SessionSlug, &e.SessionAbbrev, &e.SessionInternal, &e.ItemNumber, &e.ItemTitle,
			&dsNumber, &dsDate, &dsCancelled, &e.DecisionLabel, &dStatus, &dInternal, &e.Cursor.Rank, &e.Cursor.Due)
		e.DueDate, e.DoneOn = parseDate(due), parseDate(done)
		e.Cursor.ID = e.ID
		if q.Audience != model.Internal {
			e.Cursor.ID = e.Number
		}
		if dsNumber != 0 {
			e.Planned = &model.Session{Number: dsNumber, Date: parseDate(dsDate)}
			e.Planned.Schedule.CancelledReason = dsCancelled
		}
		if !q.Audience.SeesDecision(model.Decision{Status: model.DecisionStatus(dStatus), Internal: dInternal != 0}) {
			e.DecisionLabel = ""
		}
		e.Overdue = e.Cursor.Rank == 0
		if e.Cursor.Due != noDue {
			e.Due = parseDate(e.Cursor.Due)
		}
		return e, err
	}
}

// FollowUpCounts counts the list's follow-ups and the pending ones among
// them in one query, kept per data version and query (up to
// kept.MaxKeys queries): every anonymous request of the list asks the
// same. Without OnlyOverdue neither depends on the clock. The public's
// list, whole or by status, is read from the kept sums
// (publicFollowUpCounts) instead of counted.
func (s *Store) FollowUpCounts(ctx context.Context, q FollowUpListQuery) (total, pending int, err error) {
	w := s.followUpListWhere(q)
	args := append([]any{model.FollowUpOpen, model.FollowUpInProgress, q.CouncilID}, w.args...)
	key := followUpCountKey{cond: w.sql(), args: fmt.Sprintf("%#v", args)}
	c, err := s.followUpCounts.Get(s.Version(), key, func() ([2]int, error) {
		if c, ok, err := s.publicFollowUpCounts(ctx, q); ok || err != nil {
			return c, err
		}
		return queryOne(ctx, s.db, func(r scanner) ([2]int, error) {
			var c [2]int
			return c, r.Scan(&c[0], &c[1])
		}, "follow-up counts", `SELECT count(*), COALESCE(SUM(CASE WHEN f.status IN (?, ?) THEN 1 ELSE 0 END), 0)`+followUpListFrom+w.sql(), args...)
	})
	return c[0], c[1], err
}

// followUpCountKey names the counts of a list query as the store asks
// them: its conditions and their arguments, so that two queries share
// their counts exactly when they count the same rows.
type followUpCountKey struct {
	cond, args string
}

// FollowUpOverdueCount counts the list's overdue follow-ups at the
// query's clock, in one query.
func (s *Store) FollowUpOverdueCount(ctx context.Context, q FollowUpListQuery) (int, error) {
	q.OnlyOverdue = true
	w := s.followUpListWhere(q)
	return queryOne(ctx, s.db, func(r scanner) (int, error) {
		var n int
		return n, r.Scan(&n)
	}, "overdue follow-ups", `SELECT count(*)`+followUpListFrom+w.sql(), append([]any{q.CouncilID}, w.args...)...)
}

// FollowUpDueSessions gives the council's sessions that pending
// follow-ups are due to ("zur N. Sitzung"), by number: the sessions whose
// start makes a follow-up overdue (see FollowUpListQuery.Started). They
// are kept per data version; the map is shared, callers must not change
// it.
func (s *Store) FollowUpDueSessions(ctx context.Context, councilID int64) (map[int]model.Session, error) {
	return s.followUpDue.Get(s.Version(), councilID, func() (map[int]model.Session, error) {
		list, err := queryList(ctx, s.db, scanSession, "due sessions", `SELECT `+sessionCols+` FROM sessions WHERE body_id = ? AND number IN
		(SELECT DISTINCT due_session FROM follow_ups WHERE status IN (?, ?) AND due_session > 0)`, councilID, model.FollowUpOpen, model.FollowUpInProgress)
		if err != nil {
			return nil, err
		}
		out := make(map[int]model.Session, len(list))
		for _, se := range list {
			out[se.Number] = se
		}
		return out, nil
	})
}

// fillResponsibleKeys is the Go migration 177: it fills the responsible
// keys (migration 176) of the existing follow-ups. It runs again as the Go
// migration 982, since the keys are read from the text without its
// redaction marks (a member named only in a marked passage had the key
// "⟦by⟧" and was not found, reminded or allowed to report).
func fillResponsibleKeys(ctx context.Context, tx *sql.Tx) error {
	return fillFollowUpKeys(ctx, tx, "responsible_keys", "responsible keys", model.FollowUp.ResponsibleKeys)
}

// fillResponsiblePublicKeys is the Go migration 981: it fills the public
// responsible keys (migration 980) of the existing follow-ups.
func fillResponsiblePublicKeys(ctx context.Context, tx *sql.Tx) error {
	return fillFollowUpKeys(ctx, tx, "responsible_public_keys", "public responsible keys", model.FollowUp.PublicResponsibleKeys)
}

// fillFollowUpKeys writes keyOf of every existing follow-up with a
// responsible into column (a fixed name of the migrations above; what
// names it in errors).
func fillFollowUpKeys(ctx context.Context, tx *sql.Tx, column, what string, keyOf func(model.FollowUp) string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, responsible FROM follow_ups WHERE responsible <> ''`)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	type row struct {
		id  int64
		key string
	}
	var list []row
	for rows.Next() {
		var r row
		var responsible string
		if err := rows.Scan(&r.id, &responsible); err != nil {
			rows.Close()
			return fmt.Errorf("store: %s: %w", what, err)
		}
		r.key = keyOf(model.FollowUp{Responsible: responsible})
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	for _, r := range list {
		if _, err := tx.ExecContext(ctx, `UPDATE follow_ups SET `+column+` = ? WHERE id = ?`, r.key, r.id); err != nil {
			return fmt.Errorf("store: %s: %w", what, err)
		}
	}
	return nil
}

// emptyResponsiblePublicKeys is the down step of the Go migration 981: the
// column goes with migration 980's down step; until then it is emptied, so
// that no key outlives a change of the rule that made it.
func emptyResponsiblePublicKeys(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE follow_ups SET responsible_public_keys = ''`); err != nil {
		return fmt.Errorf("store: public responsible keys: %w", err)
	}
	return nil
}

// likeEscape escapes the LIKE wildcards of s (with the escape character
// \).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
