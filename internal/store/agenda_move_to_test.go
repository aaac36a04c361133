package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"gremium/internal/model"
)

// agendaTitles gives the titles of a session's agenda in its order.
func agendaTitles(t *testing.T, s *Store, session int64) string {
	t.Helper()
	var out []string
	for _, it := range must[[]model.AgendaItem](t)(s.Items(context.Background(), session)) {
		if it.OnAgenda() {
			out = append(out, it.Title)
		}
	}
	return strings.Join(out, ", ")
}

// TestMoveItemTo: "an Position …" moves a TOP several places in one store
// call (before, n places took n clicks on "↑"/"↓"), the positions
// renumbered 1…n; the version read is checked as for a move by one place,
// a place beyond the agenda is refused at the field, a held agenda keeps
// its order.
func TestMoveItemTo(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, _ := fixture(t, s)
	se := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Status: model.StatusPlanned}))
	var ids []int64
	for i, title := range []string{"Eins", "Zwei", "Drei", "Vier", "Fünf"} {
		ids = append(ids, must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: se, Title: title, Position: 10 * (i + 1)})))
	}
	read := itemVersion(t, s, ids[4])
	check(t, s.MoveItemTo(ctx, ids[4], 2, read))
	if got, want := agendaTitles(t, s, se), "Eins, Fünf, Zwei, Drei, Vier"; got != want {
		t.Errorf("after „Fünf“ to position 2:\n got %s\nwant %s", got, want)
	}
	for k, it := range must[[]model.AgendaItem](t)(s.Items(ctx, se)) {
		if it.Position != k+1 {
			t.Errorf("%s stands at position %d, want %d", it.Title, it.Position, k+1)
		}
	}
	// The same form sent again (a double click): a conflict, nothing moved.
	if err := s.MoveItemTo(ctx, ids[4], 2, read); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("the second move with the version read: %v", err)
	}
	check(t, s.MoveItemTo(ctx, ids[0], 5, itemVersion(t, s, ids[0])))
	if got, want := agendaTitles(t, s, se), "Fünf, Zwei, Drei, Vier, Eins"; got != want {
		t.Errorf("after „Eins“ to the last position:\n got %s\nwant %s", got, want)
	}
	for _, place := range []int{0, 6} {
		err := s.MoveItemTo(ctx, ids[1], place, itemVersion(t, s, ids[1]))
		if model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != "position" || !strings.Contains(model.ReasonOf(err), "1 bis 5") {
			t.Errorf("position %d: %v", place, err)
		}
	}
	// Its own place: nothing changes.
	v := itemVersion(t, s, ids[2])
	check(t, s.MoveItemTo(ctx, ids[2], 3, v))
	if itemVersion(t, s, ids[2]) != v {
		t.Error("a move to the item's own place changed its version")
	}
	ended := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Status: model.StatusPlanned}))
	a := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: ended, Title: "A", Position: 1}))
	must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: ended, Title: "B", Position: 2}))
	forceStatus(t, s, ended, model.StatusEnded)
	if err := s.MoveItemTo(ctx, a, 2, itemVersion(t, s, a)); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a move on a held agenda: %v", err)
	}
}

// TestPrepAgendaInPreparedOrder: the AL-Runde's TOPs stand in the order
// of the IT-PLR session's agenda, not in the order the recommendations
// were proposed (before, each new one went to the end, and the round
// went through the session's TOPs in the order the proposals came in);
// moved in the IT-PLR session's agenda, they follow while the round is
// ahead.
func TestPrepAgendaInPreparedOrder(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	// The 48th: Föderales Datenportal, Registermodernisierung, Bericht
	// Cloud. Proposed in the other order in the running AL-Runde.
	for _, target := range []int64{f.itemB, f.itemA} {
		must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: target, Kind: model.RecommendAdopt}))
	}
	if got, want := agendaTitles(t, s, f.al), "Föderales Datenportal, Registermodernisierung"; !strings.HasSuffix(got, want) {
		t.Errorf("the AL-Runde's agenda:\n got %s\nwant … %s", got, want)
	}
	// A running round keeps its order when the session's agenda changes.
	check(t, s.MoveItemTo(ctx, f.itemB, 1, itemVersion(t, s, f.itemB)))
	if got, want := agendaTitles(t, s, f.al), "Föderales Datenportal, Registermodernisierung"; !strings.HasSuffix(got, want) {
		t.Errorf("the running AL-Runde's agenda after a move in the 48th:\n got %s\nwant … %s", got, want)
	}

	// A round ahead (geplant) follows the session's order.
	s2, _ := newStore(t)
	g := newPrepFixture(t, s2)
	forceStatus(t, s2, g.al, model.StatusPlanned)
	must[int64](t)(s2.CreateItem(ctx, model.AgendaItem{SessionID: g.al, Title: "Verschiedenes", Position: 50, Status: model.ItemAccepted}))
	for _, target := range []int64{g.itemB, g.itemA} {
		must2[int64, int64](t)(s2.ProposeRecommendation(ctx, model.Recommendation{SessionID: g.al, TargetItemID: target, Kind: model.RecommendAdopt}))
	}
	if got, want := agendaTitles(t, s2, g.al), "Verschiedenes, Föderales Datenportal, Registermodernisierung"; got != want {
		t.Errorf("the planned AL-Runde's agenda:\n got %s\nwant %s", got, want)
	}
	check(t, s2.MoveItemTo(ctx, g.itemB, 1, itemVersion(t, s2, g.itemB)))
	if got, want := agendaTitles(t, s2, g.al), "Verschiedenes, Registermodernisierung, Föderales Datenportal"; got != want {
		t.Errorf("the planned AL-Runde's agenda after a move in the 48th:\n got %s\nwant %s", got, want)
	}
	check(t, s2.MoveItem(ctx, g.itemB, 1, itemVersion(t, s2, g.itemB)))
	if got, want := agendaTitles(t, s2, g.al), "Verschiedenes, Föderales Datenportal, Registermodernisierung"; got != want {
		t.Errorf("the planned AL-Runde's agenda after „↓“ in the 48th:\n got %s\nwant %s", got, want)
	}
}

// forceStatus gives a session the status st as the cycle would have (with
// its audit entry), for a test's fixture.
func forceStatus(t *testing.T, s *Store, session int64, st model.SessionStatus) {
	t.Helper()
	ctx := context.Background()
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(ctx, tx, "session", session); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET status = ? WHERE id = ?`, st, session); err != nil {
			return err
		}
		return s.audit(ctx, tx, "status", "session", session, string(st))
	}))
}
