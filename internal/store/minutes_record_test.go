package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestSessionRecord: the quorum check keeps its finding with the count
// and the item it was made at (checked again with the same finding, it
// stays at the opening: TestQuorumFindingsStayWhereMade), and taking up an item gives it its place
// in the order of discussion once (SetCurrentItem, in its transaction):
// what the draft minutes derive "Feststellung der Beschlussfähigkeit …"
// and "TOP 10 … wird vorgezogen." from. Before, the session kept "ja"
// and the item under discussion only.
func TestSessionRecord(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, se := lawFixture(t, s) // all 17 voters present, the quorum established at the start
	var items []int64
	for i, n := range []string{"00", "01", "10"} {
		items = append(items, must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: se, Number: n, Title: "Thema " + n, Position: i + 1, Status: model.ItemAccepted})))
	}
	rec := must[SessionRecord](t)(s.SessionRecord(ctx, se))
	want := "beschlussfähig: 17 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)"
	if len(rec.Quorum) != 1 || rec.Quorum[0] != (QuorumFinding{Result: "ja", Reason: want}) || len(rec.TakenUp) != 0 {
		t.Errorf("after the quorum check at the start: %+v", rec)
	}
	for _, i := range []int{0, 2, 1, 2, 0} {
		check(t, s.SetCurrentItem(ctx, se, items[i]))
	}
	if _, _, err := s.EstablishQuorum(ctx, se); err != nil {
		t.Fatal(err)
	}
	rec = must[SessionRecord](t)(s.SessionRecord(ctx, se))
	if len(rec.Quorum) != 1 || rec.Quorum[0].ItemID != 0 || rec.Quorum[0].Reason != want || rec.TakenUp[items[0]] != 1 || rec.TakenUp[items[2]] != 2 || rec.TakenUp[items[1]] != 3 {
		t.Errorf("after TOP 00, 10, 01 (and back): %+v", rec)
	}
	if _, err := s.SessionRecord(ctx, se+100); model.ClassOf(err) != model.ErrNotFound {
		t.Errorf("an unknown session: %v", err)
	}
}
