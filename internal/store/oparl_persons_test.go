package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/oparl"
)

// TestOParlPublishesOnlyPublicPersons: the person who stood in for a
// member at a session (the internal attendance list) is no OParl Person;
// a member's representative is. A database whose OParl objects were built
// before, with such a person published, keeps only a tombstone without
// the name after migration 00810 and the backlog sync.
func TestOParlPublishesOnlyPublicPersons(t *testing.T) {
	ctx := WithActor(context.Background(), "test")
	s, _ := newStore(t)
	fixture(t, s)
	// Texts written before, and the migration: no audit entries (the
	// guard is told so).
	t.Cleanup(func() { s.db.Exec(`DELETE FROM test_changes`) })
	stoodIn := must[int64](t)(s.CreatePerson(ctx, model.Person{Name: "Staatsrat Beispiel", MemberAbbrev: "HB"}))
	check(t, s.SetRepresentativeNamed(ctx, "HE", "Staatssekretärin Hessen"))
	object := func(name string) (deleted bool, json string, ok bool) {
		t.Helper()
		var raw []byte
		err := s.db.QueryRowContext(ctx, `SELECT o.deleted, o.json FROM oparl_objects o JOIN persons p ON p.id = o.src WHERE o.kind = ? AND p.name = ?`, oparl.KindPerson, name).Scan(&deleted, &raw)
		return deleted, string(raw), err == nil
	}
	if _, _, ok := object("Staatsrat Beispiel"); ok {
		t.Error("a person of no public role is an OParl Person")
	}
	if deleted, _, ok := object("Staatssekretärin Hessen"); !ok || deleted {
		t.Error("a member's representative is no OParl Person")
	}
	// Built before: the person published.
	_, err := s.db.ExecContext(ctx, `INSERT INTO oparl_objects (kind, id, src, created, modified, deleted, hash, json) VALUES (?, 900, ?, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 0, 'old', ?)`,
		oparl.KindPerson, stoodIn, []byte(`{"id":"`+oparl.URL(oparl.KindPerson, 900)+`","type":"https://schema.oparl.org/1.1/Person","name":"Staatsrat Beispiel"}`))
	check(t, err)
	_, err = s.db.ExecContext(ctx, migrationUp(t, s, "00810_oparl_public_persons.sql"))
	check(t, err)
	check(t, s.SyncOParl(ctx, nil))
	if deleted, json, ok := object("Staatsrat Beispiel"); !ok || !deleted || strings.Contains(json, "Beispiel") {
		t.Errorf("the person published before: deleted %v, %s", deleted, json)
	}
	if deleted, _, ok := object("Staatssekretärin Hessen"); !ok || deleted {
		t.Error("the representative is gone after the migration")
	}
}
