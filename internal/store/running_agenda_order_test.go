package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestRunningAgendaKeepsItsOrder: while a session runs, its agenda keeps
// the order it was published in. An item discussed before its turn is
// taken up (SetCurrentItem), and the minutes record it as "vorgezogen";
// moving it — one place or to a position — is refused and changes
// nothing. Before, the live page's "TOP vorziehen" moved it, and the
// minutes then recorded no change of order.
func TestRunningAgendaKeepsItsOrder(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, s47 := lawFixture(t, s)
	a := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "01", Title: "Dachmarke", Position: 1}))
	b := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "02", Title: "Register", Position: 2}))
	se := must[model.Session](t)(s.Session(ctx, s47))
	se.AgendaPublished = true
	check(t, s.UpdateSession(ctx, se))
	if se = must[model.Session](t)(s.Session(ctx, s47)); se.Status != model.StatusRunning {
		t.Fatalf("the fixture's session is %s, not running", se.Status)
	}

	for name, move := range map[string]func() error{
		"one place":   func() error { return s.MoveItem(ctx, b, -1, itemVersion(t, s, b)) },
		"to position": func() error { return s.MoveItemTo(ctx, b, 1, itemVersion(t, s, b)) },
	} {
		err := move()
		if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "in der Live-Ansicht aufrufen") {
			t.Errorf("%s: moving an item of a running session: %v", name, err)
		}
	}
	if ia, ib := must[model.AgendaItem](t)(s.Item(ctx, a)), must[model.AgendaItem](t)(s.Item(ctx, b)); ia.Position != 1 || ib.Position != 2 {
		t.Errorf("the refused moves changed the order: %d, %d", ia.Position, ib.Position)
	}

	// Taken up before its turn, the item keeps its place and the record
	// says it was taken up early.
	check(t, s.SetCurrentItem(ctx, s47, b))
	check(t, s.SetCurrentItem(ctx, s47, a))
	if ib := must[model.AgendaItem](t)(s.Item(ctx, b)); ib.Position != 2 {
		t.Errorf("taking up TOP 02 first moved it to %d", ib.Position)
	}
	if rec := must[SessionRecord](t)(s.SessionRecord(ctx, s47)); rec.TakenUp[b] != 1 || rec.TakenUp[a] != 2 {
		t.Errorf("order of discussion: %v, want TOP 02 first", rec.TakenUp)
	}
}
