package store

import (
	"context"
	"database/sql"
	"fmt"

	"gremium/internal/model"
)

// The public follow-up count kept in the transaction of every change
// (issue 18; migration 00220). follow_up_public holds, for each follow-up
// the public may see for some council, the body of the session it was
// given in and whether the public sees it when that body is the council
// (own) or when another body is (other): model.Audience.FollowUpSQLWhere
// for both cases, so the kept rows follow the one publication gate for
// any council. follow_up_public_counts holds their sums per body and
// status. Triggers mark every row whose change can change what the public
// sees of a follow-up (follow_up_public_dirty); inTx works the marks off
// before it commits (syncFollowUpPublic), and gives a follow-up the
// public sees for the first time its public number (followup_numbers.go).

// followUpRuleFrom joins the rows model.Audience.FollowUpSQL names.
const followUpRuleFrom = ` FROM follow_ups f
	LEFT JOIN decisions d ON d.id = f.decision_id
	LEFT JOIN bodies db ON db.id = d.body_id
	LEFT JOIN agenda_items i ON i.id = COALESCE(f.item_id, d.item_id)
	LEFT JOIN sessions se ON se.id = i.session_id
	LEFT JOIN bodies sb ON sb.id = se.body_id`

// followUpPublicInsert writes the rows of follow_up_public for the
// follow-ups matching cond (on f), and its arguments.
func followUpPublicInsert(cond string) (string, []any) {
	own, ownArgs := model.Public.FollowUpSQLWhere(nil, "se.id IS NOT NULL")
	other, otherArgs := model.Public.FollowUpSQLWhere(nil, "1 = 0")
	return `INSERT INTO follow_up_public (id, body_id, status, own, other) SELECT * FROM (SELECT f.id, COALESCE(se.body_id, 0) AS body_id, f.status,
		CASE WHEN ` + own + ` THEN 1 ELSE 0 END AS own, CASE WHEN ` + other + ` THEN 1 ELSE 0 END AS other` +
			followUpRuleFrom + ` WHERE ` + cond + `) x WHERE x.own = 1 OR x.other = 1`,
		append(ownArgs, otherArgs...)
}

// followUpPublicMarked names the follow-ups marked for syncFollowUpPublic.
const followUpPublicMarked = `SELECT id FROM follow_up_public_dirty WHERE entity = 'followup'`

// syncFollowUpPublic works off the marks of follow_up_public_dirty inside
// tx: the follow-ups of every marked row are read again by the rule and
// their sums moved by the difference. A changed body (rare: whether it is
// internal) builds all of it again.
func (s *Store) syncFollowUpPublic(ctx context.Context, tx *sql.Tx) error {
	var marks, bodies int
	if err := tx.QueryRowContext(ctx, `SELECT count(*), COALESCE(SUM(CASE WHEN entity = 'body' THEN 1 ELSE 0 END), 0) FROM follow_up_public_dirty`).Scan(&marks, &bodies); err != nil {
		return fmt.Errorf("store: public follow-ups: %w", err)
	}
	switch {
	case marks == 0:
		return nil
	case bodies > 0:
		if err := rebuildFollowUpPublic(ctx, tx); err != nil {
			return err
		}
		// Those the public sees now get their public numbers
		// (followup_numbers.go).
		return numberFollowUps(ctx, tx, "1 = 1")
	}
	// The follow-ups hanging on the marked rows: by their decision, their
	// item (or their decision's item), the items of a marked session.
	for _, q := range []string{
		`INSERT INTO follow_up_public_dirty (entity, id) SELECT 'item', i.id FROM agenda_items i
			WHERE i.session_id IN (SELECT id FROM follow_up_public_dirty WHERE entity = 'session') ON CONFLICT DO NOTHING`,
		`INSERT INTO follow_up_public_dirty (entity, id) SELECT 'decision', d.id FROM decisions d
			WHERE d.item_id IN (SELECT id FROM follow_up_public_dirty WHERE entity = 'item') ON CONFLICT DO NOTHING`,
		`INSERT INTO follow_up_public_dirty (entity, id) SELECT 'followup', f.id FROM follow_ups f
			WHERE f.item_id IN (SELECT id FROM follow_up_public_dirty WHERE entity = 'item') ON CONFLICT DO NOTHING`,
		`INSERT INTO follow_up_public_dirty (entity, id) SELECT 'followup', f.id FROM follow_ups f
			WHERE f.decision_id IN (SELECT id FROM follow_up_public_dirty WHERE entity = 'decision') ON CONFLICT DO NOTHING`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: public follow-ups: %w", err)
		}
	}
	delta := map[followUpCountRowKey][2]int{}
	sums := func(sign int) error {
		rows, err := queryList(ctx, tx, scanFollowUpCountRow, "public follow-ups",
			`SELECT body_id, status, SUM(own), SUM(other) FROM follow_up_public WHERE id IN (`+followUpPublicMarked+`) GROUP BY body_id, status`)
		for _, r := range rows {
			d := delta[r.key]
			delta[r.key] = [2]int{d[0] + sign*r.own, d[1] + sign*r.other}
		}
		return err
	}
	if err := sums(-1); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM follow_up_public WHERE id IN (`+followUpPublicMarked+`)`); err != nil {
		return fmt.Errorf("store: public follow-ups: %w", err)
	}
	insert, args := followUpPublicInsert(`f.id IN (` + followUpPublicMarked + `)`)
	if _, err := tx.ExecContext(ctx, insert, args...); err != nil {
		return fmt.Errorf("store: public follow-ups: %w", err)
	}
	// Those the public sees for the first time get their public numbers
	// (followup_numbers.go).
	if err := numberFollowUps(ctx, tx, `p.id IN (`+followUpPublicMarked+`)`); err != nil {
		return err
	}
	if err := sums(1); err != nil {
		return err
	}
	for k, d := range delta {
		if d == [2]int{} {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO follow_up_public_counts (body_id, status, own, other) VALUES (?, ?, ?, ?)
			ON CONFLICT (body_id, status) DO UPDATE SET own = follow_up_public_counts.own + excluded.own, other = follow_up_public_counts.other + excluded.other`,
			k.body, k.status, d[0], d[1]); err != nil {
			return fmt.Errorf("store: public follow-up counts: %w", err)
		}
	}
	// The kept state of the decisions these follow-ups belong to, or left
	// (the triggers of migration 987 mark the decision a follow-up left).
	affected := `SELECT id FROM follow_up_public_dirty WHERE entity = 'decision'
		UNION SELECT decision_id FROM follow_ups WHERE id IN (` + followUpPublicMarked + `) AND decision_id IS NOT NULL`
	if _, err := tx.ExecContext(ctx, `DELETE FROM follow_up_decision_state WHERE decision_id IN (`+affected+`)`); err != nil {
		return fmt.Errorf("store: decisions' implementation: %w", err)
	}
	stateInsert, stateArgs := followUpDecisionStateInsert(`f.decision_id IN (` + affected + `)`)
	if _, err := tx.ExecContext(ctx, stateInsert, stateArgs...); err != nil {
		return fmt.Errorf("store: decisions' implementation: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM follow_up_public_dirty`); err != nil {
		return fmt.Errorf("store: public follow-ups: %w", err)
	}
	return nil
}

// SyncFollowUpPublic works off the marks of rows changed outside the store
// (a generated corpus, rows written directly): until then the public
// follow-up counts are counted, not read (publicFollowUpCounts). The
// server calls it before it serves; the store's own transactions work
// theirs off before they commit.
func (s *Store) SyncFollowUpPublic(ctx context.Context) error {
	var marks int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM follow_up_public_dirty`).Scan(&marks); err != nil {
		return fmt.Errorf("store: public follow-ups: %w", err)
	}
	if marks == 0 {
		return nil
	}
	// inTx works them off; what the public sees does not change, so the
	// data version stays.
	return s.inTx(ctx, func(tx *sql.Tx) error {
		s.quiet(tx)
		return nil
	})
}

// followUpCountRow is a row of follow_up_public_counts.
type followUpCountRow struct {
	key        followUpCountRowKey
	own, other int
}

// followUpCountRowKey is the key of a row of follow_up_public_counts.
type followUpCountRowKey struct {
	body   int64
	status string
}

func scanFollowUpCountRow(r scanner) (followUpCountRow, error) {
	var c followUpCountRow
	return c, r.Scan(&c.key.body, &c.key.status, &c.own, &c.other)
}

// rebuildFollowUpPublic builds follow_up_public, its sums and the kept
// state of the decisions (follow_up_decision_state) again from all
// follow-ups and clears the marks; it is also the Go migration 988, which
// fills the decisions' state for the follow-ups already there.
func rebuildFollowUpPublic(ctx context.Context, tx *sql.Tx) error {
	if err := rebuildFollowUpPublicRows(ctx, tx); err != nil {
		return err
	}
	insert, args := followUpDecisionStateInsert("1 = 1")
	for _, q := range []struct {
		query string
		args  []any
	}{{`DELETE FROM follow_up_decision_state`, nil}, {insert, args}} {
		if _, err := tx.ExecContext(ctx, q.query, q.args...); err != nil {
			return fmt.Errorf("store: decisions' implementation: %w", err)
		}
	}
	return nil
}

// followUpDecisionStateInsert writes the rows of follow_up_decision_state
// for the decisions matching cond (on f.decision_id), and its arguments:
// model.ImplementationOf in SQL over the decision's follow-ups the public
// sees in its body's lists (follow_up_public, the council being the
// decision's body, as the register asks; Implementations reads the same
// follow-ups by the rule itself). A decision without any has no row.
func followUpDecisionStateInsert(cond string) (string, []any) {
	return `INSERT INTO follow_up_decision_state (decision_id, state)
		SELECT decision_id, CASE WHEN pending = 0 THEN ? WHEN started = 0 AND done = 0 THEN ? ELSE ? END FROM (
			SELECT f.decision_id, SUM(CASE WHEN p.status IN (?, ?) THEN 1 ELSE 0 END) AS pending,
				SUM(CASE WHEN p.status = ? THEN 1 ELSE 0 END) AS started, SUM(CASE WHEN p.status = ? THEN 1 ELSE 0 END) AS done
			FROM follow_up_public p JOIN follow_ups f ON f.id = p.id JOIN decisions d ON d.id = f.decision_id
			WHERE ` + cond + ` AND CASE WHEN p.body_id = d.body_id THEN p.own ELSE p.other END = 1
			GROUP BY f.decision_id) x WHERE pending > 0 OR done > 0`,
		[]any{model.ImplementationDone, model.ImplementationOpen, model.ImplementationProgress,
			model.FollowUpOpen, model.FollowUpInProgress, model.FollowUpInProgress, model.FollowUpDone}
}

// rebuildFollowUpPublicRows builds follow_up_public and its sums again
// from all follow-ups and clears the marks; it is also the Go migration
// 221, which fills them for the follow-ups already there (before the
// decisions' state was kept: migration 987).
func rebuildFollowUpPublicRows(ctx context.Context, tx *sql.Tx) error {
	insert, args := followUpPublicInsert("1 = 1")
	for _, q := range []struct {
		query string
		args  []any
	}{
		{`DELETE FROM follow_up_public`, nil},
		{`DELETE FROM follow_up_public_counts`, nil},
		{insert, args},
		{`INSERT INTO follow_up_public_counts (body_id, status, own, other)
			SELECT body_id, status, SUM(own), SUM(other) FROM follow_up_public GROUP BY body_id, status`, nil},
		{`DELETE FROM follow_up_public_dirty`, nil},
	} {
		if _, err := tx.ExecContext(ctx, q.query, q.args...); err != nil {
			return fmt.Errorf("store: public follow-ups: %w", err)
		}
	}
	return nil
}

// publicFollowUpCounts gives FollowUpCounts of a public list narrowed by
// status only from the kept sums: a read of a few rows whatever the
// number of follow-ups. ok is false if the query is not such a list, or
// if rows changed outside the store wait to be worked off.
func (s *Store) publicFollowUpCounts(ctx context.Context, q FollowUpListQuery) (c [2]int, ok bool, err error) {
	f := q.FollowUpFilter
	if q.Audience != model.Public || q.ID != 0 || q.OnlyOverdue || f.DecisionID != 0 || f.ItemID != 0 || f.SessionID != 0 || f.Member != "" || len(f.Members) > 0 {
		return c, false, nil
	}
	// The filter's conditions on f.status hold for the sums' rows alike.
	w := FollowUpFilter{Status: f.Status, Pending: f.Pending}.where()
	sees := `CASE WHEN f.body_id = ? THEN f.own ELSE f.other END`
	args := append([]any{q.CouncilID, model.FollowUpOpen, model.FollowUpInProgress, q.CouncilID}, w.args...)
	var waiting int
	err = s.rd.QueryRowContext(ctx, `SELECT COALESCE(SUM(`+sees+`), 0), COALESCE(SUM(CASE WHEN f.status IN (?, ?) THEN `+sees+` ELSE 0 END), 0),
		(SELECT count(*) FROM (SELECT 1 FROM follow_up_public_dirty LIMIT 1) x) FROM follow_up_public_counts f`+w.sql(), args...).Scan(&c[0], &c[1], &waiting)
	if err != nil {
		return c, false, fmt.Errorf("store: public follow-up counts: %w", err)
	}
	return c, waiting == 0, nil
}
