package store

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/oparl"
)

// anchorWorld is the 47th session, its agenda published, with TOP 1, an
// item without number and TOP 2 on it, and between them hidden rows that
// share the table: an AL-Runde item and a member's pending registration
// (positions 2 and 4 are theirs).
func anchorWorld(t *testing.T, s *Store) (s47 int64, items []int64) {
	t.Helper()
	ctx := context.Background()
	id := must[int64](t)
	bodyID, s47 := fixture(t, s)
	se := must[model.Session](t)(s.Session(ctx, s47))
	se.AgendaPublished = true
	check(t, s.UpdateSession(ctx, se))
	prep := id(s.CreateBody(ctx, model.Body{Kind: model.BodyPreparatory, Abbrev: "AL-Runde", Name: "Abteilungsleiterrunde", DecisionPattern: "BE-{JJJJ}/{NN}-AL",
		Preparation: model.Preparation{PreparesID: bodyID, Slug: "al-runde", Internal: true}}))
	al := id(s.CreateSession(ctx, model.Session{BodyID: prep, Number: 39, Date: model.NewDate(2025, 6, 5), Status: model.StatusPlanned, AgendaPublished: true}))
	public := func(number string, pos int) int64 {
		return id(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: number, Title: "Punkt " + number, Position: pos, Status: model.ItemAccepted}))
	}
	id(s.CreateItem(ctx, model.AgendaItem{SessionID: al, Title: "Vorbesprechung", Position: 1, Status: model.ItemAccepted}))
	one := public("1", 1)
	id(s.CreateItem(ctx, model.AgendaItem{SessionID: al, Title: "Nachbesprechung", Position: 2, Status: model.ItemAccepted}))
	id(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Title: "Angemeldet", Position: 2, Status: model.ItemRegistered, RegisteredBy: "HE"}))
	unnumbered := public("", 3)
	id(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Title: "Noch eine Anmeldung", Position: 4, Status: model.ItemRegistered, RegisteredBy: "HH"}))
	two := public("2", 5)
	return s47, []int64{one, unnumbered, two}
}

// itemObject gives the web and order of the OParl AgendaItem of item src.
func itemObject(t *testing.T, s *Store, src int64) (web string, order int) {
	t.Helper()
	r, ok := oparlObjectOf(t, s, oparl.KindAgendaItem, src)
	if !ok || r.deleted {
		t.Fatalf("item %d has no AgendaItem", src)
	}
	web, _ = r.obj["web"].(string)
	o, _ := r.obj["order"].(float64)
	return web, int(o)
}

// TestOParlItemWebCountsNoHiddenItem: an AgendaItem's web ended in
// "#top-" and the item's row id, and its order was the stored position:
// the gaps counted the AL-Runde's items, the pending registrations and
// the items of unpublished agendas between them. Now web ends in the
// anchor the session page gives the item (its TOP number, or its place
// among the items without number) and order is its place in the agenda;
// a change of another item that moves them builds them again.
func TestOParlItemWebCountsNoHiddenItem(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	s47, items := anchorWorld(t, s)
	want := []struct {
		anchor string
		order  int
	}{{"top-1", 1}, {"top-ohne-nr-1", 2}, {"top-2", 3}}
	for i, src := range items {
		web, order := itemObject(t, s, src)
		if !strings.HasSuffix(web, "/sitzungen/47#"+want[i].anchor) || order != want[i].order {
			t.Errorf("item %d: web %q, order %d; want …/sitzungen/47#%s, %d", src, web, order, want[i].anchor, want[i].order)
		}
		if strings.Contains(web, "#top-"+strconv.FormatInt(src, 10)) {
			t.Errorf("item %d: web %q carries the row id", src, web)
		}
		if a := must[string](t)(s.ItemAnchor(ctx, src)); a != want[i].anchor {
			t.Errorf("item %d: ItemAnchor %q, want %q", src, a, want[i].anchor)
		}
	}
	// Another item without number before the first: the first becomes
	// the second without number, one place later; TOP 2 a place later.
	first := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Title: "Vorweg", Position: 0, Status: model.ItemAccepted}))
	if web, order := itemObject(t, s, first); !strings.HasSuffix(web, "#top-ohne-nr-1") || order != 1 {
		t.Errorf("the new item: %q, %d", web, order)
	}
	if web, order := itemObject(t, s, items[1]); !strings.HasSuffix(web, "#top-ohne-nr-2") || order != 3 {
		t.Errorf("the item without number after it: %q, %d; want #top-ohne-nr-2, 3", web, order)
	}
	// The new item numbered: the other item without number is the first
	// again, though only the new one changed.
	it := must[model.AgendaItem](t)(s.Item(ctx, first))
	it.Number = "0"
	check(t, s.UpdateItem(ctx, it))
	if web, _ := itemObject(t, s, items[1]); !strings.HasSuffix(web, "#top-ohne-nr-1") {
		t.Errorf("the item without number: %q, want #top-ohne-nr-1", web)
	}
	// A registration accepted onto the agenda before TOP 2 moves its
	// order.
	regID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Title: "Spät", Position: 4, Status: model.ItemRegistered, RegisteredBy: "HE"}))
	reg := must[model.AgendaItem](t)(s.Item(ctx, regID))
	reg.Status = model.ItemAccepted
	check(t, s.UpdateItem(ctx, reg))
	if _, order := itemObject(t, s, items[2]); order != 5 {
		t.Errorf("TOP 2 after the accepted registration: order %d, want 5", order)
	}
}

// TestMigrationRebuildsItemLinks: an installation whose stored
// AgendaItems still link "#top-" and the row id (as built before) gets
// them built again by migration 01020 (marked, then the backlog sync of
// the next start), and its search index marked for a rebuild, which
// writes the documents' URLs anew (package search).
func TestMigrationRebuildsItemLinks(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, items := anchorWorld(t, s)
	old := "\ue000/sitzungen/47#top-" + strconv.FormatInt(items[2], 10)
	// The state before: the object as built then (its hash another), no
	// marks, the index rebuilt.
	var raw []byte
	check(t, s.db.QueryRowContext(ctx, `SELECT json FROM oparl_objects WHERE kind = ? AND src = ?`, oparl.KindAgendaItem, items[2]).Scan(&raw))
	stale := strings.Replace(string(raw), "\ue000/sitzungen/47#top-2", old, 1)
	if stale == string(raw) {
		t.Fatalf("the stored object has no web to make stale: %s", raw)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE oparl_objects SET json = ?, hash = 'vorher' WHERE kind = ? AND src = ?`, []byte(stale), oparl.KindAgendaItem, items[2]); err != nil {
		t.Fatal(err)
	}
	check(t, s.MarkSearchRebuilt(ctx))
	p, err := s.provider()
	check(t, err)
	if _, err := p.ApplyVersion(ctx, 1020, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM oparl_dirty`); err != nil {
		t.Fatal(err)
	}
	if web, _ := itemObject(t, s, items[2]); web != old {
		t.Fatalf("the old link is not in place: %q", web)
	}
	if _, err := p.ApplyVersion(ctx, 1020, true); err != nil {
		t.Fatal(err)
	}
	check(t, s.SyncOParl(ctx, nil))
	if web, _ := itemObject(t, s, items[2]); web != "\ue000/sitzungen/47#top-2" {
		t.Errorf("after the migration and the sync: web %q, want …/sitzungen/47#top-2", web)
	}
	if again := must[bool](t)(s.SearchNeedsRebuild(ctx)); !again {
		t.Error("the migration does not mark the search index for a rebuild")
	}
}
