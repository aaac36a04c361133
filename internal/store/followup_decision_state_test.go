package store

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"gremium/internal/model"
)

// TestKeptDecisionStateFollowsTheRule: the Stand der Umsetzung kept per
// decision (follow_up_decision_state, read by the register's filter
// "umsetzung") is, for every decision of the varied follow-up world, what
// model.ImplementationOf gives over the follow-ups the public list shows
// of it (Implementations, the register's marker) — after the world is
// built, after a follow-up changes its state, moves to another decision,
// is deleted, and after a decision's session goes back so that the public
// no longer sees its follow-ups; and the filter finds the same decisions
// through the kept state as through the rule joined in SQL.
func TestKeptDecisionStateFollowsTheRule(t *testing.T) {
	ctx := context.Background()
	// Without the audit guard: rows are changed as code outside the
	// store's calls changes them.
	s, err := testOpen(t, ctx, t.TempDir())
	check(t, err)
	defer s.Close()
	w := newFollowUpWorld(t, s)
	check(t, s.SyncFollowUpPublic(ctx))
	var decisions []int64
	check(t, func() error {
		rows, err := s.db.QueryContext(ctx, `SELECT id FROM decisions WHERE body_id = ? ORDER BY id`, w.council)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			decisions = append(decisions, id)
		}
		return rows.Err()
	}())
	// Follow-ups of every state beside the world's (whose decisions'
	// follow-ups are entfallen), some on items the public does not see.
	statuses := []model.FollowUpStatus{model.FollowUpOpen, model.FollowUpInProgress, model.FollowUpDone, model.FollowUpDone}
	n := 0
	for _, id := range decisions {
		owed := must[[]model.FollowUp](t)(s.FollowUps(ctx, FollowUpFilter{DecisionID: id}))
		if len(owed) == 0 {
			continue
		}
		f := owed[0]
		for k := 0; k <= n%2; k++ {
			nf := model.FollowUp{DecisionID: id, ItemID: f.ItemID, Text: "Bericht", Responsible: "HE", Status: statuses[(n+k)%len(statuses)]}
			if nf.Status == model.FollowUpDone {
				nf.DoneOn, nf.EvidenceText = model.NewDate(2025, 12, 1), "Bericht vorgelegt"
			}
			createFollowUpAsBefore(t, s, nf)
		}
		n++
	}
	check(t, s.SyncFollowUpPublic(ctx))
	agree := func(when string) {
		t.Helper()
		kept := map[int64]model.Implementation{}
		rows, err := s.db.QueryContext(ctx, `SELECT decision_id, state FROM follow_up_decision_state`)
		check(t, err)
		for rows.Next() {
			var id int64
			var st model.Implementation
			check(t, rows.Scan(&id, &st))
			kept[id] = st
		}
		check(t, rows.Close())
		rule := must[map[int64]model.Implementation](t)(s.Implementations(ctx, w.council, decisions))
		states := 0
		for _, id := range decisions {
			if kept[id] != rule[id] {
				t.Errorf("%s: decision %d: kept state %q, the rule gives %q", when, id, kept[id], rule[id])
			}
			if rule[id] != model.ImplementationNone {
				states++
			}
		}
		if states == 0 {
			t.Fatalf("%s: no decision has a state; the test proves nothing", when)
		}
		for _, st := range []model.Implementation{model.ImplementationOpen, model.ImplementationProgress, model.ImplementationDone} {
			f := RegisterFilter{BodyID: w.council, FollowUps: st}
			var got [3][]int64
			for i, read := range []stateRead{stateByRule, stateFew, stateMany} {
				wh, err := s.registerWhere(f, read)
				check(t, err)
				from, args, err := s.registerFrom(ctx, f)
				check(t, err)
				rows, err := s.db.QueryContext(ctx, `SELECT d.id FROM `+from+wh.sql()+` ORDER BY d.id`, append(args, wh.args...)...)
				check(t, err)
				for rows.Next() {
					var id int64
					check(t, rows.Scan(&id))
					got[i] = append(got[i], id)
				}
				check(t, rows.Close())
			}
			if !slices.Equal(got[1], got[0]) || !slices.Equal(got[2], got[0]) {
				t.Errorf("%s: umsetzung=%s finds %v and %v by the kept state, %v by the rule", when, st, got[1], got[2], got[0])
			}
		}
	}
	agree("built")

	// The follow-ups that count (not entfallen), on the decisions the
	// public sees them of first.
	var all []model.FollowUp
	for _, id := range decisions {
		for _, f := range must[[]model.FollowUp](t)(s.FollowUps(ctx, FollowUpFilter{DecisionID: id})) {
			if f.Status != model.FollowUpDropped {
				all = append(all, f)
			}
		}
	}
	slices.SortStableFunc(all, func(a, b model.FollowUp) int {
		_, seenA := must[map[int64]model.Implementation](t)(s.Implementations(ctx, w.council, []int64{a.DecisionID}))[a.DecisionID]
		_, seenB := must[map[int64]model.Implementation](t)(s.Implementations(ctx, w.council, []int64{b.DecisionID}))[b.DecisionID]
		switch {
		case seenA && !seenB:
			return -1
		case seenB && !seenA:
			return 1
		}
		return 0
	})
	if len(all) < 3 {
		t.Fatalf("%d follow-ups with decisions; the test proves nothing", len(all))
	}
	// A change of state through the store.
	f := all[0]
	f.Status = model.FollowUpInProgress
	if f.Status == all[0].Status {
		f.Status = model.FollowUpOpen
	}
	check(t, s.UpdateFollowUp(ctx, f))
	agree("state changed")
	// Moved to another decision and deleted, as rows changed outside the
	// store's own calls are (the triggers mark them; the next transaction
	// works the marks off).
	other := all[1]
	var target int64
	for _, id := range decisions {
		if id != other.DecisionID {
			target = id
			break
		}
	}
	change := func(query string, args ...any) {
		t.Helper()
		check(t, s.inTx(ctx, func(tx *sql.Tx) error {
			s.quiet(tx)
			_, err := tx.ExecContext(ctx, query, args...)
			return err
		}))
	}
	change(`UPDATE follow_ups SET decision_id = ? WHERE id = ?`, target, other.ID)
	agree("moved")
	change(`DELETE FROM follow_up_comments WHERE follow_up_id = ?`, all[2].ID)
	change(`DELETE FROM follow_ups WHERE id = ?`, all[2].ID)
	agree("deleted")
	// The session of a decision back to planned: its follow-ups leave the
	// public's lists.
	change(`UPDATE sessions SET status = ?, agenda_published = 0 WHERE id = (SELECT session_id FROM decisions WHERE id = ?)`, model.StatusPlanned, all[0].DecisionID)
	agree("session back")
}
