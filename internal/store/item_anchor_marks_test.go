package store

import (
	"context"
	"fmt"
	"testing"

	"gremium/internal/model"
)

// TestRenumberingMarksTheAgendaOnce: an item's OParl anchor and place
// depend on the other items of its agenda, and migration 01020's first
// triggers marked every item of the agenda for the OParl build at every
// change of one: "TOPs nummerieren" on an agenda of N items wrote N²
// marks inside its transaction (22,800 for 150 items, 1.4 s for 600). A
// change marks its session's agenda once now ('agenda'), and the build
// reads the agenda once: a few marks per changed item (the item, its
// meeting, its agenda), whatever the length of the agenda.
func TestRenumberingMarksTheAgendaOnce(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyPlanningCouncil, Abbrev: "IT-PLR", Name: "IT-Planungsrat", DecisionPattern: model.DefaultDecisionPattern}))
	sessionID := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 50, Date: model.NewDate(2027, 6, 24), Status: model.StatusPlanned}))
	const n = 100
	for i := range n {
		must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: fmt.Sprintf("Punkt %d", i), Position: i + 1, Status: model.ItemAccepted}))
	}
	// The marks are taken by the build in the same transaction: a
	// trigger of the test counts them as they are written.
	counting := []string{`CREATE TABLE test_mark_count (n INTEGER NOT NULL)`, `INSERT INTO test_mark_count VALUES (0)`,
		`CREATE TRIGGER test_count_marks AFTER INSERT ON oparl_dirty BEGIN UPDATE test_mark_count SET n = n + 1; END`}
	if s.isPG() {
		counting[2] = `CREATE FUNCTION test_count_marks() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE test_mark_count SET n = n + 1; RETURN NULL; END; $$`
		counting = append(counting, `CREATE TRIGGER test_count_marks AFTER INSERT ON oparl_dirty FOR EACH ROW EXECUTE FUNCTION test_count_marks()`)
	}
	for _, q := range counting {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	changed, err := s.NumberAgenda(ctx, sessionID)
	if err != nil || changed < n-1 {
		t.Fatalf("numbering: %d changed, %v", changed, err)
	}
	var marks int
	if err := s.db.QueryRowContext(ctx, `SELECT n FROM test_mark_count`).Scan(&marks); err != nil {
		t.Fatal(err)
	}
	if marks > 5*n {
		t.Errorf("renumbering %d items left %d marks for the OParl build, want at most %d", n, marks, 5*n)
	}
}
