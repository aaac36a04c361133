package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"gremium/internal/model"
)

// failOn makes every statement of kind ("INSERT", "UPDATE") on table fail
// from now on, as a full disk or an I/O error would in that step.
func failOn(t *testing.T, s *Store, kind, table string) {
	t.Helper()
	if s.isPG() {
		_, err := s.db.Exec(`CREATE OR REPLACE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'injected failure'; END; $$`)
		check(t, err)
		_, err = s.db.Exec(fmt.Sprintf(`CREATE TRIGGER fail_%s_%s BEFORE %s ON %s FOR EACH ROW EXECUTE FUNCTION test_fail()`,
			kind, table, kind, table))
		check(t, err)
		return
	}
	_, err := s.db.Exec(fmt.Sprintf(`CREATE TRIGGER fail_%s_%s BEFORE %s ON %s BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
		kind, table, kind, table))
	check(t, err)
}

// count gives the number of rows of a table.
func count(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	check(t, s.db.QueryRow("SELECT COUNT(*) FROM "+table).Scan(&n))
	return n
}

// TestOperationsAreOneTransaction fails the last step of each operation
// that writes several rows and checks that nothing of it is left behind.
func TestOperationsAreOneTransaction(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		kind   string // statement to fail
		table  string // table of the failing (last) step
		tables []string
		op     func(s *Store, bodyID, s46, sessionID int64) error
	}{
		{"registration with proposal", "INSERT", "decisions", []string{"agenda_items", "decisions", "audit_log"},
			func(s *Store, bodyID, s46, sessionID int64) error {
				se49, err := s.SessionByNumber(ctx, bodyID, 49) // registrations go to a planned session
				if err != nil {
					return err
				}
				_, err = s.RegisterItem(ctx, model.AgendaItem{SessionID: se49.ID, Title: "Neuer TOP", Goal: model.GoalDecision, Status: model.ItemRegistered},
					&model.Decision{BodyID: bodyID, Kind: model.KindDecision, Scope: model.ScopeAll, Title: "Neuer TOP", Applicants: []string{"Bund"}})
				return err
			}},
		{"planning a session with its standard items", "INSERT", "agenda_items", []string{"sessions", "agenda_items", "audit_log"},
			func(s *Store, bodyID, s46, sessionID int64) error {
				_, err := s.PlanSession(ctx, model.Session{BodyID: bodyID, Number: 48, Status: model.StatusPlanned},
					[]model.AgendaItem{{Title: "Begrüßung", Status: model.ItemAccepted}, {Title: model.ReportingFachMKTitle, Status: model.ItemAccepted}})
				return err
			}},
		{"protocol note ticks its box", "UPDATE", "agenda_items", []string{"protocol_notes", "audit_log"},
			func(s *Store, bodyID, s46, sessionID int64) error {
				items, err := s.Items(ctx, sessionID)
				if err != nil {
					return err
				}
				_, err = s.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: items[0].ID, Author: "HE", Text: "Hessen merkt an."})
				return err
			}},
		{"follow-up ticks its box", "UPDATE", "agenda_items", []string{"follow_ups", "audit_log"},
			func(s *Store, bodyID, s46, sessionID int64) error {
				items, err := s.Items(ctx, sessionID)
				if err != nil {
					return err
				}
				_, err = s.CreateFollowUp(ctx, model.FollowUp{ItemID: items[0].ID, Text: "Bitte an den Bund", Responsible: "Bund", Status: model.FollowUpOpen})
				return err
			}},
		{"deferring an item moves its documents", "UPDATE", "documents", []string{"agenda_items", "decisions"},
			func(s *Store, bodyID, s46, sessionID int64) error {
				items, err := s.Items(ctx, sessionID)
				if err != nil {
					return err
				}
				if _, err := s.CreateDocument(ctx, Document{SessionID: sessionID, ItemID: items[0].ID, Filename: "a.pdf", ContentType: "application/pdf", SHA256: "x"}); err != nil {
					return err
				}
				_, _, err = s.DeferItem(ctx, Deferral{ItemID: items[0].ID, Version: items[0].Version})
				return err
			}},
		{"a request becomes an agenda registration", "UPDATE", "requests", []string{"agenda_items"},
			func(s *Store, bodyID, s46, sessionID int64) error {
				conf, err := s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"})
				if err != nil {
					return err
				}
				id, err := s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Grundsteuer digital"})
				if err != nil {
					return err
				}
				_, err = s.RequestToItem(ctx, id, 1, RequestItem{SessionID: sessionID})
				return err
			}},
		{"minutes approval keeps its version", "INSERT", "minutes_versions", []string{"sessions", "minutes_versions", "audit_log"},
			func(s *Store, bodyID, s46, sessionID int64) error {
				stamp, err := s.MinutesStamp(ctx, s46)
				if err != nil {
					return err
				}
				return s.ApproveMinutes(ctx, s46, 47, "Protokoll der 46. Sitzung", stamp)
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newStore(t)
			bodyID, _ := fixture(t, s)
			// Session 46 with draft minutes, 47 running with one item, 49
			// planned.
			s46 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusMinutesDraft}))
			se47 := must[model.Session](t)(s.SessionByNumber(ctx, bodyID, 47))
			must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 49, Status: model.StatusPlanned}))
			must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: se47.ID, Title: "TOP 1", Status: model.ItemAccepted,
				Points: []string{"Bestätigung des Protokolls der 46. Sitzung"}}))
			before := map[string]int{}
			for _, tb := range c.tables {
				before[tb] = count(t, s, tb)
			}
			var stored string
			check(t, s.db.QueryRow(sessionsState(s)).Scan(&stored))
			failOn(t, s, c.kind, c.table)
			err := c.op(s, bodyID, s46, se47.ID)
			if err == nil {
				t.Fatal("the operation succeeded although its last step failed")
			}
			if model.ClassOf(err) != model.ErrInternal {
				t.Errorf("class %v, want internal: %v", model.ClassOf(err), err)
			}
			for _, tb := range c.tables {
				if n := count(t, s, tb); n != before[tb] {
					t.Errorf("%s: %d rows, %d before: the failed operation left rows behind", tb, n, before[tb])
				}
			}
			var after string
			check(t, s.db.QueryRow(sessionsState(s)).Scan(&after))
			if after != stored {
				t.Errorf("sessions changed: %s → %s", stored, after)
			}
		})
	}
}

// TestConcurrentRowsGapless: rows added to one item at the same time get
// positions 1…n, each once (the position is computed inside the write).
func TestConcurrentRowsGapless(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	_, sessionID := fixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Aussprache", Status: model.ItemAccepted}))
	const n = 16
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			switch i % 4 {
			case 0:
				_, err = s.CreateContribution(ctx, model.Contribution{ItemID: itemID, Speaker: "HE", Points: []string{"Punkt"}})
			case 1:
				_, err = s.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: itemID, Author: "HE", Text: "Notiz"})
			case 2:
				_, err = s.CreateRemark(ctx, model.Remark{ItemID: itemID, Kind: model.RemarkText, Text: "Vermerk"})
			default:
				_, err = s.CreateDecision(ctx, model.Decision{BodyID: 1, SessionID: sessionID, ItemID: itemID, Kind: model.KindDecision,
					Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Vorschlag", Applicants: []string{"Bund"}})
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		check(t, err)
	}
	var got []int
	rows, err := s.db.Query(`SELECT position FROM contributions WHERE item_id = ?1 UNION ALL SELECT position FROM protocol_notes WHERE item_id = ?1
		UNION ALL SELECT position FROM remarks WHERE item_id = ?1 UNION ALL SELECT position FROM decisions WHERE item_id = ?1 ORDER BY 1`, itemID)
	check(t, err)
	defer rows.Close()
	for rows.Next() {
		var p int
		check(t, rows.Scan(&p))
		got = append(got, p)
	}
	for i, p := range got {
		if p != i+1 {
			t.Fatalf("positions %v, want 1…%d", got, n)
		}
	}
	if len(got) != n {
		t.Fatalf("%d rows, want %d", len(got), n)
	}
}

// sessionsState gives a query for the state of all sessions as one text.
func sessionsState(s *Store) string {
	if s.isPG() {
		return `SELECT string_agg(status || minutes_stand || approved_in || version, ',' ORDER BY id) FROM sessions`
	}
	return `SELECT group_concat(status || minutes_stand || approved_in || version) FROM sessions`
}
