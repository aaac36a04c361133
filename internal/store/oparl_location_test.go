package store

import (
	"context"
	"encoding/json"
	"testing"

	"gremium/internal/model"
	"gremium/internal/oparl"
)

// TestOParlLocationsBuiltBefore: before, every session had its own OParl
// Location (two of Schwerin), with the whole venue as locality. Migration
// 00580 marks the sessions, and the backlog sync keeps the Location of
// each venue's first session (its id stays), makes the others tombstones
// (their ids are not given again), lets every Meeting embed its venue's
// and writes locality only where the venue is a town's name alone.
func TestOParlLocationsBuiltBefore(t *testing.T) {
	ctx := WithActor(context.Background(), "test")
	s, _ := newStore(t)
	bodyID, first := fixture(t, s)
	id := must[int64](t)
	second := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 20), Place: "Schwerin", Status: model.StatusPlanned}))
	venue := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 49, Date: model.NewDate(2026, 3, 19), Place: "Berlin, Bundesministerium; Raum 1", Status: model.StatusPlanned}))
	location := func(src int64) (pid int64, deleted bool, o map[string]any) {
		t.Helper()
		var raw []byte
		check(t, s.db.QueryRowContext(ctx, `SELECT id, deleted, json FROM oparl_objects WHERE kind = 'location' AND src = ?`, src).Scan(&pid, &deleted, &raw))
		check(t, json.Unmarshal(raw, &o))
		return pid, deleted, o
	}
	meetingLocation := func(src int64) string {
		t.Helper()
		var raw []byte
		check(t, s.db.QueryRowContext(ctx, `SELECT json FROM oparl_objects WHERE kind = 'meeting' AND src = ?`, src).Scan(&raw))
		var m struct{ Location struct{ ID string } }
		check(t, json.Unmarshal(raw, &m))
		return m.Location.ID
	}
	schwerin, _, _ := location(first)
	// The state built before: a Location of its own for the second
	// session in Schwerin, embedded by its Meeting, and the venue's
	// text as locality.
	old := `{"id":"` + oparl.URL(oparl.KindLocation, 900) + `","type":"https://schema.oparl.org/1.1/Location","description":"Schwerin","locality":"Schwerin"}`
	_, err := s.db.ExecContext(ctx, `INSERT INTO oparl_objects (kind, id, src, created, modified, deleted, hash, json) VALUES ('location', 900, ?, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 0, 'old', ?)`, second, []byte(old))
	check(t, err)
	_, err = s.db.ExecContext(ctx, `UPDATE oparl_counts SET live = live + 1 WHERE kind = 'location'`)
	check(t, err)
	var raw []byte
	check(t, s.db.QueryRowContext(ctx, `SELECT json FROM oparl_objects WHERE kind = 'meeting' AND src = ?`, second).Scan(&raw))
	var m map[string]any
	check(t, json.Unmarshal(raw, &m))
	m["location"] = map[string]any{"id": oparl.URL(oparl.KindLocation, 900)}
	raw, _ = json.Marshal(m)
	_, err = s.db.ExecContext(ctx, `UPDATE oparl_objects SET json = ?, hash = 'old' WHERE kind = 'meeting' AND src = ?`, raw, second)
	check(t, err)
	_, err = s.db.ExecContext(ctx, `UPDATE oparl_objects SET json = ?, hash = 'old' WHERE kind = 'location' AND src = ?`,
		[]byte(`{"id":"`+oparl.URL(oparl.KindLocation, 0)+`","locality":"Berlin, Bundesministerium; Raum 1"}`), venue)
	check(t, err)

	_, err = s.db.ExecContext(ctx, migrationUp(t, s, "00580_oparl_one_location_per_place.sql"))
	check(t, err)
	check(t, s.SyncOParl(ctx, nil))

	if pid, deleted, o := location(first); pid != schwerin || deleted || o["description"] != "Schwerin" || o["locality"] != "Schwerin" || o["meeting"] != nil {
		t.Errorf("Schwerin's Location: %d deleted %v %v, want %d, live, locality Schwerin, no meetings", pid, deleted, o, schwerin)
	}
	if pid, deleted, _ := location(second); pid != 900 || !deleted {
		t.Errorf("the second Location of Schwerin: %d deleted %v, want the tombstone of 900", pid, deleted)
	}
	for _, src := range []int64{first, second} {
		if got := meetingLocation(src); got != oparl.URL(oparl.KindLocation, schwerin) {
			t.Errorf("meeting of session %d embeds %s, want Schwerin's %d", src, got, schwerin)
		}
	}
	if _, deleted, o := location(venue); deleted || o["description"] != "Berlin, Bundesministerium; Raum 1" || o["locality"] != nil {
		t.Errorf("the venue's Location: deleted %v %v, want the text as description and no locality", deleted, o)
	}
	var live int
	check(t, s.db.QueryRowContext(ctx, `SELECT live FROM oparl_counts WHERE kind = 'location'`).Scan(&live))
	if live != 2 {
		t.Errorf("%d live Locations counted, want 2", live)
	}
}
