package web

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestRegistrationIsOneTransaction: when storing the decision proposal
// fails, the registered item must not stay behind without it.
func TestRegistrationIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	ts, st := cycleServer(t)
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	if err := st.InjectFailure(ctx, "decisions", "INSERT"); err != nil {
		t.Fatal(err)
	}
	he := client(t, ts, "hessen")
	code, _ := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Halb gespeichert?"}, "ziel": {"Beschluss"},
		"fachmk": {"keine"}, "beschlussvorschlag": {"1. Der IT-Planungsrat beschließt."}, "antrag": {"HE, HH, BY"}})
	if code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", code)
	}
	var n int
	if err := st.DBForTests().QueryRow(`SELECT COUNT(*) FROM agenda_items WHERE title = 'Halb gespeichert?'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Error("the item was stored without its decision proposal")
	}
}

// TestConcurrentRowsGetDistinctPositions: rows added at the same time to
// one item each get their own place in the minutes, without gaps.
func TestConcurrentRowsGetDistinctPositions(t *testing.T) {
	ctx := context.Background()
	ts, st := cycleServer(t)
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sid, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Status: model.StatusRunning})
	if err != nil {
		t.Fatal(err)
	}
	itemID, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Title: "Aussprache", Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	const n = 16
	var wg sync.WaitGroup
	codes := make(chan int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			kind, form := "beitraege", url.Values{"sprecher": {"HE"}, "punkte": {fmt.Sprintf("Punkt %d", i)}}
			switch i % 3 {
			case 1:
				kind, form = "notizen", url.Values{"autor": {"HE"}, "text": {fmt.Sprintf("Notiz %d", i)}}
			case 2:
				kind, form = "vermerke", url.Values{"text": {fmt.Sprintf("Vermerk %d", i)}}
			}
			code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/%s", ts.URL, itemID, kind), form)
			codes <- code
		}()
	}
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != http.StatusSeeOther {
			t.Fatalf("a row was refused: %d", c)
		}
	}
	seen := map[int]bool{}
	for _, q := range []string{"contributions", "protocol_notes", "remarks"} {
		rows, err := sqlPositions(st.DBForTests(), q, itemID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range rows {
			if seen[p] {
				t.Errorf("position %d given twice", p)
			}
			seen[p] = true
		}
	}
	for p := 1; p <= n; p++ {
		if !seen[p] {
			t.Errorf("position %d missing: positions %v", p, seen)
		}
	}
}

func sqlPositions(db *sql.DB, table string, itemID int64) ([]int, error) {
	rows, err := db.Query("SELECT position FROM "+table+" WHERE item_id = ?", itemID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var p int
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
