package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestMigrationRenamesUntitledItems: the parser titled an item whose title
// the source lost "Übergreifendes (ohne Titel in der Vorlage)"; it now says
// "(im Protokoll ohne Titel)". Migration 00740 renames the stored titles
// (an item of a section and one without), leaves other titles alone, and
// marks what shows them: the items' OParl objects and their meetings, the
// search index (rebuild) and the stored pages.
func TestMigrationRenamesUntitledItems(t *testing.T) {
	ctx := context.Background()
	s, err := testOpen(t, ctx, t.TempDir())
	check(t, err)
	defer s.Close()
	_, sessionID := fixture(t, s)
	id := must[int64](t)
	titles := []string{"Übergreifendes (ohne Titel in der Vorlage)", "Ohne Titel in der Vorlage", "Bericht „ohne Titel in der Vorlage“"}
	var ids []int64
	for i, title := range titles {
		ids = append(ids, id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Title: title, Position: i + 1, Status: model.ItemAccepted})))
	}
	check(t, s.MarkSearchRebuilt(ctx))
	var gen int64
	check(t, s.db.QueryRowContext(ctx, `SELECT gen FROM page_generation WHERE id = 1`).Scan(&gen))
	var marks int
	check(t, s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM oparl_dirty`).Scan(&marks))
	if marks != 0 {
		t.Fatalf("%d OParl marks before the migration", marks)
	}

	p, err := s.provider()
	check(t, err)
	if _, err := p.ApplyVersion(ctx, 740, false); err != nil {
		t.Fatal(err)
	}
	check(t, s.MarkSearchRebuilt(ctx))
	if _, err := p.ApplyVersion(ctx, 740, true); err != nil {
		t.Fatal(err)
	}

	want := []string{"Übergreifendes (im Protokoll ohne Titel)", "Im Protokoll ohne Titel", "Bericht „ohne Titel in der Vorlage“"}
	for i, itemID := range ids {
		it, err := s.Item(ctx, itemID)
		check(t, err)
		if it.Title != want[i] {
			t.Errorf("item %d: title %q, want %q", i, it.Title, want[i])
		}
	}
	for _, c := range []struct {
		entity string
		id     int64
	}{{"agenda_item", ids[0]}, {"agenda_item", ids[1]}, {"meeting", sessionID}} {
		var n int
		check(t, s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM oparl_dirty WHERE entity = ? AND id = ?`, c.entity, c.id).Scan(&n))
		if n == 0 {
			t.Errorf("the migration did not mark the OParl objects of %s %d", c.entity, c.id)
		}
	}
	var untouched int
	check(t, s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM oparl_dirty WHERE entity = 'agenda_item' AND id = ?`, ids[2]).Scan(&untouched))
	if untouched != 0 {
		t.Errorf("the item with another title was marked")
	}
	if need, err := s.SearchNeedsRebuild(ctx); err != nil || !need {
		t.Errorf("the search index is not marked for a rebuild: %v %v", need, err)
	}
	var after int64
	check(t, s.db.QueryRowContext(ctx, `SELECT gen FROM page_generation WHERE id = 1`).Scan(&after))
	if after <= gen {
		t.Errorf("the stored pages were not marked as old (generation %d, before %d)", after, gen)
	}
}
