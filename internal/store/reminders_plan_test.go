package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// planOf gives SQLite's query plan of a statement with its arguments.
func planOf(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan.WriteString(detail + "\n")
	}
	return plan.String()
}

// TestScheduledReadsUseIndexes: what the reminder loop reads every run
// (every 30 seconds) and the personal calendar feed reads per request are
// found through indexes, not by reading every follow-up or FachMK date:
// the follow-ups due in a window through (status, due_on) and (status,
// due_session) with the sessions dated in it, then looked up by id; the
// FachMK dates of the coming week through conference_dates_starts.
func TestScheduledReadsUseIndexes(t *testing.T) {
	onlySQLite(t, "SQLite's query plans")
	s, _ := newStore(t)
	q := FollowUpListQuery{Audience: model.Internal, User: &model.User{Role: model.RoleSecretariat}, CouncilID: 1}
	q.Members = []string{"HE", "Hessen"}
	// With the due sessions as numbers, and (more than an IN list holds)
	// read in the statement.
	for _, numbers := range [][]int{{47, 48}, make([]int, inChunk+1)} {
		query, args := s.followUpsDueQuery(q, model.NewDate(2025, 1, 1), model.NewDate(2025, 12, 31), numbers, false, 100)
		plan := planOf(t, s, query, args...)
		for _, want := range []string{"follow_ups_status_due_on", "follow_ups_status_due ", "SEARCH f "} {
			if !strings.Contains(plan, want) {
				t.Errorf("the follow-ups due in a window: not %q:\n%s", want, plan)
			}
		}
		if strings.Contains(plan, "SCAN f") {
			t.Errorf("the follow-ups due in a window read every follow-up:\n%s", plan)
		}
	}
	if plan := planOf(t, s, followUpsWindowSessions, int64(1), "2025-01-01", "2025-12-31", inChunk+1); !strings.Contains(plan, "sessions_date") {
		t.Errorf("the sessions in a window read every session:\n%s", plan)
	}
	if plan := planOf(t, s, conferenceDatesDue, "2025-01-01", "2025-01-08"); !strings.Contains(plan, "conference_dates_starts") {
		t.Errorf("the FachMK dates of the coming week read every date:\n%s", plan)
	}
}

// TestRegistrationsOfUseIndex: a member's registrations ("Mein Bereich")
// read every agenda item of the council's history (1.35 s a page at a
// million decisions); they are found through agenda_items_registered_by.
func TestRegistrationsOfUseIndex(t *testing.T) {
	onlySQLite(t, "SQLite's query plans")
	s, _ := newStore(t)
	plan := planOf(t, s, registrationsOf, "HE", int64(1), 20)
	if !strings.Contains(plan, "agenda_items_registered_by") || strings.Contains(plan, "SCAN agenda_items") {
		t.Errorf("a member's registrations read every agenda item:\n%s", plan)
	}
}
