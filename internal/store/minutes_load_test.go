package store

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestSessionRowsAsPerItem: SessionRows reads each kind of minutes row of
// all the session's items in one query (rowsOfSessionItems), grouped by
// item and in each item's order, the same rows the per-item reads give;
// rows of another session's items are not among them.
func TestSessionRowsAsPerItem(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	id := must[int64](t)
	bodyID, sessionID := fixture(t, s)
	other := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Status: model.StatusRunning}))
	a := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "01", Title: "Erster TOP"}))
	b := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "02", Title: "Zweiter TOP"}))
	foreign := id(s.CreateItem(ctx, model.AgendaItem{SessionID: other, Number: "01", Title: "TOP einer anderen Sitzung"}))
	// Written out of order: the positions give the order.
	for _, it := range []struct {
		item int64
		pos  int
	}{{b, 5}, {a, 3}, {foreign, 1}, {a, 1}, {b, 2}} {
		id(s.CreateContribution(ctx, model.Contribution{ItemID: it.item, Position: it.pos, Speaker: "HE", Points: []string{"Beitrag"}}))
		id(s.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: it.item, Position: it.pos + 10, Author: "Berlin", Text: "Notiz"}))
		id(s.CreateRemark(ctx, model.Remark{ItemID: it.item, Position: it.pos + 20, Kind: model.RemarkText, Text: "Vermerk"}))
	}
	// A Vermerk of 100,000 characters is refused at its field (it was
	// stored).
	if _, err := s.CreateRemark(ctx, model.Remark{ItemID: a, Kind: model.RemarkText, Text: strings.Repeat("Vermerk. ", 11112)}); model.FieldOf(err) != "text" || !strings.Contains(model.ReasonOf(err), "höchstens 20.000") {
		t.Errorf("a Vermerk of 100,008 characters: %v", err)
	}
	rows := must[SessionRows](t)(s.SessionRows(ctx, sessionID))
	if len(rows.Contributions) != 2 || len(rows.Notes) != 2 || len(rows.Remarks) != 2 {
		t.Fatalf("items with rows: %d contributions, %d notes, %d remarks, want 2 each (not the other session's)", len(rows.Contributions), len(rows.Notes), len(rows.Remarks))
	}
	for _, item := range []int64{a, b} {
		if want := must[[]model.Contribution](t)(s.Contributions(ctx, item)); !reflect.DeepEqual(rows.Contributions[item], want) {
			t.Errorf("contributions of item %d: %+v, want %+v", item, rows.Contributions[item], want)
		}
		if want := must[[]model.ProtocolNote](t)(s.ProtocolNotes(ctx, item)); !reflect.DeepEqual(rows.Notes[item], want) {
			t.Errorf("protocol notes of item %d: %+v, want %+v", item, rows.Notes[item], want)
		}
		if want := must[[]model.Remark](t)(s.Remarks(ctx, item)); !reflect.DeepEqual(rows.Remarks[item], want) {
			t.Errorf("remarks of item %d: %+v, want %+v", item, rows.Remarks[item], want)
		}
		if c := rows.Contributions[item]; len(c) != 2 || c[0].Position > c[1].Position {
			t.Errorf("contributions of item %d not in order: %+v", item, c)
		}
	}
}
