package store

import (
	"context"
	"fmt"
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
// million decisions); they were then found through
// agenda_items_registered_by, but every row the member registered was read
// (with its texts) and sorted before the LIMIT; on the benchmark's
// corpus, which ANALYZE has run on, SQLite read every item of the
// council's sessions instead (docs/performance.md, "Leftovers of issue
// 18"). They are ordered from the covering index
// agenda_items_registrations with only agenda_items to choose from (the
// session looked up by id), and only the rows of the page are read, by
// their ids: with and without the statistics of ANALYZE.
func TestRegistrationsOfUseIndex(t *testing.T) {
	onlySQLite(t, "SQLite's query plans")
	s, _ := newStore(t)
	ctx := context.Background()
	council, _ := fixture(t, s)
	for n := 1; n <= 40; n++ { // a history nobody registered items in
		se := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: council, Number: 100 + n, Date: model.NewDate(2020, 1, n%28+1), Status: model.StatusPlanned}))
		for k := range 5 {
			must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: se, Number: fmt.Sprint(k + 1), Title: "Thema", Position: k + 1}))
		}
	}
	for _, analyzed := range []bool{false, true} {
		if analyzed {
			if _, err := s.db.ExecContext(ctx, `ANALYZE`); err != nil {
				t.Fatal(err)
			}
		}
		plan := planOf(t, s, registrationsOf, "HE", council, 20)
		for _, want := range []string{"SEARCH a USING COVERING INDEX agenda_items_registrations (registered_by=?)", "SEARCH agenda_items USING INTEGER PRIMARY KEY (rowid=?)"} {
			if !strings.Contains(plan, want) {
				t.Errorf("a member's registrations (analyzed %v): not %q:\n%s", analyzed, want, plan)
			}
		}
		if strings.Contains(plan, "SCAN") || strings.Contains(plan, "agenda_items_session") {
			t.Errorf("a member's registrations (analyzed %v) read every agenda item or session:\n%s", analyzed, plan)
		}
		// Per registration the session is looked up once (for its body
		// and its number), not twice; the page's rows once more each.
		if n := strings.Count(plan, "USING INTEGER PRIMARY KEY (rowid=?)"); n != 3 {
			t.Errorf("a member's registrations (analyzed %v) look rows up by id %d times in the plan, want 3 (the session per registration, the page's rows and their sessions):\n%s", analyzed, n, plan)
		}
	}
}

// TestRegistrationsOfOrder: a member's registrations come newest session
// first, in the order of the agenda within a session, only of the body
// asked for and only the member's, at most limit of them.
func TestRegistrationsOfOrder(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	council, s47 := fixture(t, s)
	other := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodySteeringGroup, Abbrev: "SG", Name: "Steuerungsgruppe", DecisionPattern: model.DefaultDecisionPattern, QuorumMin: 2}))
	s49 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: council, Number: 49, Date: model.NewDate(2025, 11, 6), Status: model.StatusPlanned}))
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: council, Number: 48, Date: model.NewDate(2025, 9, 6), Status: model.StatusPlanned}))
	o50 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: other, Number: 50, Date: model.NewDate(2025, 9, 6), Status: model.StatusPlanned}))
	add := func(session int64, title, by string, pos int) {
		t.Helper()
		must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: session, Title: title, Position: pos, RegisteredBy: by, Status: model.ItemRegistered}))
	}
	add(s47, "47 zweiter", "HE", 2)
	add(s47, "47 erster", "HE", 1)
	add(s49, "49", "HE", 1)
	add(s48, "48 Hamburg", "HH", 1)
	add(s48, "48", "HE", 3)
	add(o50, "FachMK", "HE", 1)
	titles := func(limit int) string {
		t.Helper()
		var out []string
		for _, it := range must[[]model.AgendaItem](t)(s.RegistrationsOf(ctx, council, "HE", limit)) {
			out = append(out, it.Title)
		}
		return strings.Join(out, ", ")
	}
	if got, want := titles(20), "49, 48, 47 erster, 47 zweiter"; got != want {
		t.Errorf("registrations of HE: %s, want %s", got, want)
	}
	if got, want := titles(3), "49, 48, 47 erster"; got != want {
		t.Errorf("three registrations of HE: %s, want %s", got, want)
	}
}

// TestCitingDecisionsUseTheCitingItems: the decisions that cite a label
// ("wird fortgeführt durch" on every decision page) are found through the
// items that cite it, not by reading every adopted decision of the body
// through the register's index, which SQLite chose without statistics —
// 1.5–2.4 s a page at 450,000 decisions (a benchmark at scale found it).
func TestCitingDecisionsUseTheCitingItems(t *testing.T) {
	onlySQLite(t, "SQLite's query plans")
	s, _ := newStore(t)
	plan := planOf(t, s, citingDecisions, "B-2024/48-IT", int64(1), model.DecisionAdopted)
	if !strings.Contains(plan, "decisions_item") || strings.Contains(plan, "decisions_register") {
		t.Errorf("the citing decisions' plan:\n%s", plan)
	}
}
