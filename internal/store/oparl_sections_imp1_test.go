package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"gremium/internal/model"
	"gremium/internal/oparl"
)

// TestOParlBuildReadsEachSectionOnce: the agenda items of one OParl build
// name the section they stand in (model.SectionOf: the Grüne Liste for an
// item put on it, whatever section it was registered under), and the
// build reads a body's Grüne Liste once, not once per item on it (an
// import of 900 items ran 256 such statements; docs/performance.md). On
// PostgreSQL the statements are counted by the connections' tracer.
func TestOParlBuildReadsEachSectionOnce(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "gs")
	id := must[int64](t)
	bodyID, sessionID := fixture(t, s)
	green := id(s.CreateSection(ctx, model.Section{BodyID: bodyID, Name: "Grüne Liste", Position: 9, Consent: true}))
	own := id(s.CreateSection(ctx, model.Section{BodyID: bodyID, Name: "Digitale Anwendungen", Position: 1}))
	want := map[int64]string{}
	for i, c := range []struct {
		title   string
		section int64
		consent bool
		want    string
	}{
		{"Eins", green, true, "Grüne Liste"},
		{"Zwei", own, true, "Grüne Liste"},
		{"Drei", own, false, "Digitale Anwendungen"},
		{"Vier", green, true, "Grüne Liste"},
		{"Fünf", own, true, "Grüne Liste"},
	} {
		it := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: fmt.Sprint(i + 1), Title: c.title, Position: i + 1,
			SectionID: c.section, Consent: c.consent, Status: model.ItemAccepted}))
		want[it] = c.want
	}
	// The items built again, in one build.
	for it := range want {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO oparl_dirty (entity, id) VALUES ('agenda_item', ?)`, it); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	reads := 0
	seen := func(q string) {
		if strings.Contains(q, "FROM sections WHERE body_id = ") && strings.Contains(q, "consent = 1") {
			mu.Lock()
			reads++
			mu.Unlock()
		}
	}
	if testPG.on {
		pgStatementSeen.Store(&seen)
		defer pgStatementSeen.Store(nil)
	}
	check(t, s.SyncOParlAndSearch(ctx, func() ([]SearchScope, error) { return nil, nil }))
	pgStatementSeen.Store(nil)
	if testPG.on && reads != 1 {
		t.Errorf("the body's Grüne Liste was read %d times in one build, want 1", reads)
	}
	for it, section := range want {
		var raw string
		if err := s.db.QueryRowContext(ctx, `SELECT json FROM oparl_objects WHERE kind = ? AND src = ? AND deleted = 0`, oparl.KindAgendaItem, it).Scan(&raw); err != nil {
			t.Fatalf("agenda item %d: %v", it, err)
		}
		if !strings.Contains(raw, `"keyword":["`+section+`"]`) {
			t.Errorf("agenda item %d: %s, want keyword %q", it, raw, section)
		}
	}
}
