package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestBriefingVersionKeepsKeyMessageText: Fassung 1 of a briefing keeps
// the wording its key message had when it was saved. Before, a version
// named its key messages by id only, and after the shared block changed
// Fassung 1 ("Stand 01.07.2025") read the later text.
func TestBriefingVersionKeepsKeyMessageText(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	kid := must[int64](t)(s.CreateKeyMessage(ctx, model.KeyMessage{Title: "OZG", Text: "- Das OZG gilt seit 2017.\n- [[Haltung des Bundes offen]]"}))
	bid := must[int64](t)(s.CreateBriefing(ctx, model.Briefing{Title: "Handakte"},
		model.BriefingVersion{Stand: model.NewDate(2025, 7, 1), Author: "FITKO", Content: "Erste Fassung", KeyMessages: []int64{kid}}))
	k := must[model.KeyMessage](t)(s.KeyMessageByTitle(ctx, "OZG"))
	k.Title, k.Text = "OZG 2.0", "- Das OZG-Änderungsgesetz ist in Kraft."
	check(t, s.UpdateKeyMessage(ctx, k))
	check(t, s.AddBriefingVersion(ctx, bid, 1, model.BriefingVersion{Stand: model.NewDate(2026, 3, 2), Author: "FITKO", Content: "Zweite Fassung", KeyMessages: []int64{kid}}, ""))

	b := must[model.Briefing](t)(s.Briefing(ctx, bid))
	if len(b.Versions) != 2 {
		t.Fatalf("versions: %+v", b.Versions)
	}
	want := []model.KeyMessage{{ID: kid, Title: "OZG", Text: "- Das OZG gilt seit 2017.\n- [[Haltung des Bundes offen]]"}}
	if v1 := b.Versions[0]; !v1.KeyTextsKept || len(v1.KeyTexts) != 1 || v1.KeyTexts[0] != want[0] {
		t.Errorf("Fassung 1 keeps %+v (kept %v), want %+v", v1.KeyTexts, v1.KeyTextsKept, want)
	}
	if v2 := b.Versions[1]; !v2.KeyTextsKept || len(v2.KeyTexts) != 1 || v2.KeyTexts[0].Text != "- Das OZG-Änderungsgesetz ist in Kraft." {
		t.Errorf("Fassung 2 keeps %+v", v2.KeyTexts)
	}
	current := must[[]model.KeyMessage](t)(s.KeyMessages(ctx))
	shown := b.KeyMessagesOf(b.Versions[0], current)
	if len(shown.Messages) != 1 || shown.Messages[0].Text != want[0].Text || shown.Messages[0].Title != "OZG" || shown.Current || shown.Lost {
		t.Errorf("Fassung 1 shows %+v", shown)
	}
	// The newest Fassung shows the shared block as it reads now; a
	// change after it was saved is marked.
	k = must[model.KeyMessage](t)(s.KeyMessageByTitle(ctx, "OZG 2.0"))
	k.Text = "- Das OZG-Änderungsgesetz ist in Kraft (Stand 2026)."
	check(t, s.UpdateKeyMessage(ctx, k))
	current = must[[]model.KeyMessage](t)(s.KeyMessages(ctx))
	b = must[model.Briefing](t)(s.Briefing(ctx, bid))
	if shown := b.KeyMessagesOf(b.Latest(), current); len(shown.Messages) != 1 || shown.Messages[0].Text != k.Text || !shown.Current || shown.Lost || !shown.Changed[kid] {
		t.Errorf("Fassung 2 shows %+v", shown)
	}
	if shown := b.KeyMessagesOf(b.Versions[0], current); shown.Messages[0].Text != want[0].Text {
		t.Errorf("Fassung 1 after a second change shows %+v", shown)
	}
}

// TestBriefingVersionsSavedBeforeKeptTexts: a version saved before
// migration 00870 has no wording of its key messages; the migration
// invents none, and an older such Fassung shows today's text marked Lost
// (the pages say so), never as its own.
func TestBriefingVersionsSavedBeforeKeptTexts(t *testing.T) {
	onlySQLite(t, "writes an SQLite file of an older schema")
	ctx := context.Background()
	db, dir := sqliteAtSchema(t, ctx, 850)
	for _, q := range []string{
		`INSERT INTO key_messages (id, title, text) VALUES (1, 'OZG', '- Heutiger Text.')`,
		`INSERT INTO briefings (id, title) VALUES (1, 'Handakte')`,
		`INSERT INTO briefing_versions (briefing_id, version, stand, author, content, saved_at, key_messages) VALUES (1, 1, '2025-07-01', 'FITKO', 'Erste', '2025-07-01T08:00:00Z', '[1]')`,
		`INSERT INTO briefing_versions (briefing_id, version, stand, author, content, saved_at, key_messages) VALUES (1, 2, '2025-09-01', 'FITKO', 'Zweite', '2025-09-01T08:00:00Z', '[1]')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := testOpen(t, ctx, dir)
	check(t, err)
	defer s.Close()
	b := must[model.Briefing](t)(s.Briefing(ctx, 1))
	for _, v := range b.Versions {
		if v.KeyTextsKept || len(v.KeyTexts) != 0 || len(v.KeyMessages) != 1 {
			t.Errorf("Fassung %d of an older database: kept %v %+v", v.Version, v.KeyTextsKept, v.KeyTexts)
		}
	}
	current := must[[]model.KeyMessage](t)(s.KeyMessages(ctx))
	if shown := b.KeyMessagesOf(b.Versions[0], current); !shown.Lost || !shown.Current || len(shown.Messages) != 1 || !strings.Contains(shown.Messages[0].Text, "Heutiger") {
		t.Errorf("older Fassung 1 shows %+v", shown)
	}
	if shown := b.KeyMessagesOf(b.Latest(), current); shown.Lost || !shown.Current || len(shown.Changed) != 0 {
		t.Errorf("older newest Fassung shows %+v", shown)
	}
	// A Fassung saved now keeps its wording.
	check(t, s.AddBriefingVersion(ctx, 1, 2, model.BriefingVersion{Stand: model.NewDate(2026, 3, 2), Content: "Dritte", KeyMessages: []int64{1}}, ""))
	b = must[model.Briefing](t)(s.Briefing(ctx, 1))
	if v := b.Latest(); !v.KeyTextsKept || len(v.KeyTexts) != 1 || v.KeyTexts[0].Text != "- Heutiger Text." {
		t.Errorf("Fassung 3: %+v", v)
	}
}
