package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// pastMembers are the members addPastHistory's follow-ups name in turn: a
// session's open follow-up names the member at its number.
var pastMembers = []string{"HE", "BY", "Bund", "FITKO"}

// addPastHistory records the council's sessions numbered from to to−1
// (plus 1000), held long ago with approved minutes, each with three
// adopted decisions on agenda items, a follow-up done and one still open
// past its deadline: what years of the council's work add to the
// database, written past the store's operations as the benchmark corpus
// is (bench/corpus.go). The follow-ups name their members as the store
// keeps them (responsible_keys), so that a member's filter finds them.
func addPastHistory(t *testing.T, st *store.Store, from, to int) {
	t.Helper()
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	sections, err := st.Sections(ctx, council.ID)
	if err != nil || len(sections) == 0 {
		t.Fatalf("sections: %v", err)
	}
	tx, err := st.DBForTests().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	id := func(q string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := tx.QueryRowContext(ctx, q+" RETURNING id", args...).Scan(&id); err != nil {
			t.Fatalf("%s: %v", strings.Fields(q)[2], err)
		}
		return id
	}
	for n := from; n < to; n++ {
		year := 1000 + n
		date := model.NewDate(year, 3, 1+n%28)
		sessionID := id(`INSERT INTO sessions (body_id, number, date, start_time, end_time, place, chair, status, minutes_stand, approved_in)
			VALUES (?, ?, ?, '10:00', '13:00', 'Berlin', 'Bund', ?, ?, ?)`, council.ID, 1000+n, date.String(), model.StatusMinutesApproved, date.String(), 1001+n)
		for k := range 3 {
			reporter := pastMembers[(n+k)%len(pastMembers)]
			title := fmt.Sprintf("Vergangener Beschluss %d zu Thema %d", n, k)
			itemID := id(`INSERT INTO agenda_items (session_id, section_id, number, title, points, goal, sources, reporters, flag_decision, position, status)
				VALUES (?, ?, ?, ?, '[]', 'Beschluss', '[]', ?, 1, ?, 'angenommen')`,
				sessionID, sections[k%len(sections)].ID, fmt.Sprintf("%02d", k+1), title, `["`+reporter+`"]`, k+1)
			num := model.DecisionNumber{Year: year, Seq: k + 1}
			decisionID := id(`INSERT INTO decisions (body_id, session_id, item_id, position, kind, year, seq, label, title, points, status, result, scope, adopted_on)
				VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, '[{"label":"1.","text":"Der IT-Planungsrat nimmt den Bericht zur Kenntnis."}]', 'beschlossen', 'einstimmig', 'alle', ?)`,
				council.ID, sessionID, itemID, model.KindDecision, year, num.Seq, model.FormatDecisionNumber(council.DecisionPattern, num), title, date.String())
			status, due := model.FollowUpDone, ""
			if k == 0 {
				status, due = model.FollowUpOpen, date.String()
			}
			id(`INSERT INTO follow_ups (decision_id, item_id, text, responsible, responsible_keys, due_on, status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				decisionID, itemID, "Bericht zu "+title, reporter, model.FollowUp{Responsible: reporter}.ResponsibleKeys(), due, status)
		}
	}
	// As every change of content, by any process: the stored pages and
	// whatever is kept per data version were made from the data before.
	if _, err := tx.ExecContext(ctx, `UPDATE page_generation SET gen = gen + 1 WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestEveryPageReadsBoundedRows walks every page of every role in the
// screenshot walk (screenPages) and holds the statements and rows the
// store reads for it fixed however long the council's history is: a page
// that read every session, decision or follow-up of the council cost a
// minute a request at the benchmark's million decisions (the follow-up
// list did; issue 18).
func TestEveryPageReadsBoundedRows(t *testing.T) {
	if testing.Short() {
		t.Skip("walks every page three times; skipped in -short mode")
	}
	ts, st, _ := cycleServerOf(t, func(s *Server) { s.SetResponseCache(-1); s.SetStoredPages(false) })
	if err := demo.LoadCalendar(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	fill := strings.NewReplacer(flatten(screenState(t, ts, st))...)
	openConsentVote(t, ts, st)
	clients := map[string]*http.Client{}
	for _, role := range screenRoles {
		clients[role] = client(t, ts, role)
	}
	keys := []string{}
	pages := map[string]screenPage{}
	for _, p := range screenPages {
		k := fill.Replace(p.path) + " (" + or(p.role, "öffentlich") + ")"
		keys = append(keys, k)
		pages[k] = p
	}
	checkBoundedByHistory(t, st, keys, func(k string) (uint64, uint64) {
		// A page that sends the public to the login counts what it read
		// for that.
		p := pages[k]
		return clientCostOf(t, clients[p.role], ts.URL+fill.Replace(p.path), func(code int) bool {
			return code == http.StatusOK || p.role == "" && code == http.StatusSeeOther
		})
	})
}
