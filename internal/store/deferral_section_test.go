package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestDeferredItemKeepsSection: a TOP of the Abschnitt "Datennutzung"
// deferred to the next session stands there in the same Abschnitt (the
// later session is of the same body, so the same section id). Before, the
// new item had no section: the Verwaltung's select showed "–" and the
// public session page put it under the previous heading.
func TestDeferredItemKeepsSection(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, s47 := fixture(t, s)
	id := must[int64](t)
	s48 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 27), Status: model.StatusPlanned}))
	sec := id(s.CreateSection(ctx, model.Section{BodyID: bodyID, Name: "Datennutzung", Position: 3}))
	item := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "01", Title: "Registermodernisierung", SectionID: sec, Goal: model.GoalDiscussion, Status: model.ItemAccepted}))
	version := must[model.AgendaItem](t)(s.Item(ctx, item)).Version
	newID, target, err := s.DeferItem(ctx, Deferral{ItemID: item, Version: version})
	if err != nil || target.ID != s48 {
		t.Fatalf("defer: %v, to %d", err, target.Number)
	}
	if moved := must[model.AgendaItem](t)(s.Item(ctx, newID)); moved.SectionID != sec {
		t.Errorf("deferred item in section %d, want %d (Datennutzung)", moved.SectionID, sec)
	}
	if orig := must[model.AgendaItem](t)(s.Item(ctx, item)); orig.SectionID != sec {
		t.Errorf("original item lost its section: %d", orig.SectionID)
	}
}
