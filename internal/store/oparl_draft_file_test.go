package store

import (
	"context"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestOParlFileNamesDraft: the OParl File of a session's minutes says
// "Entwurf" in its name and file name until the minutes are approved, and
// not after (it failed before: a draft was named like approved minutes);
// migration 00320 marks the files built before it, so that the backlog
// sync of gremium serve's start names them anew.
func TestOParlFileNamesDraft(t *testing.T) {
	ctx := WithActor(context.Background(), "import")
	items, se, open := importSetup(t, 2)
	s, bodyID := open()
	id50, err := s.SaveMinutes(ctx, bodyID, se, items, nil, ImportSource{})
	check(t, err)
	file := func(sessionID int64) (name, fileName string) {
		t.Helper()
		var raw string
		check(t, s.db.QueryRowContext(context.Background(),
			`SELECT json FROM oparl_objects WHERE kind = 'file' AND src = ? AND deleted = 0`, sessionID).Scan(&raw))
		var o struct{ Name, FileName string }
		check(t, json.Unmarshal([]byte(raw), &o))
		return o.Name, o.FileName
	}
	if name, fn := file(id50); name != "Protokoll der 50. Sitzung – Entwurf (öffentliche Fassung)" || fn != "protokoll-50-entwurf.pdf" {
		t.Errorf("draft minutes' file: %q, %q", name, fn)
	}

	// The 51st session approves the minutes of the 50th.
	se51 := se
	se51.Number, se51.Date = 51, model.NewDate(2030, 4, 1)
	id51, err := s.SaveMinutes(ctx, bodyID, se51, []MinutesItem{importItem(1, 3), importItem(2, 4)}, &MinutesApproval{Session: 50, Text: "Protokoll", Stamp: stampOf(t, s, id50)}, ImportSource{})
	check(t, err)
	if name, fn := file(id50); name != "Protokoll der 50. Sitzung (öffentliche Fassung)" || fn != "protokoll-50.pdf" {
		t.Errorf("approved minutes' file: %q, %q", name, fn)
	}
	if name, fn := file(id51); !strings.Contains(name, "Entwurf") || fn != "protokoll-51-entwurf.pdf" {
		t.Errorf("draft minutes' file: %q, %q", name, fn)
	}

	// A file built before the draft was named: the migration marks it,
	// the backlog sync names it.
	for _, id := range []int64{id50, id51} {
		var raw []byte
		check(t, s.db.QueryRowContext(context.Background(), `SELECT json FROM oparl_objects WHERE kind = 'file' AND src = ?`, id).Scan(&raw))
		old := strings.NewReplacer(" – Entwurf", "", "-entwurf.pdf", ".pdf").Replace(string(raw))
		_, err := s.db.ExecContext(context.Background(), `UPDATE oparl_objects SET json = ?, hash = 'old' WHERE kind = 'file' AND src = ?`, []byte(old), id)
		check(t, err)
	}
	if name, _ := file(id51); strings.Contains(name, "Entwurf") {
		t.Fatalf("the file as built before: %q", name)
	}
	up := migrationUp(t, s, "00320_oparl_draft_minutes_file.sql")
	_, err = s.db.ExecContext(context.Background(), up)
	check(t, err)
	check(t, s.SyncOParl(ctx, nil))
	if name, fn := file(id51); name != "Protokoll der 51. Sitzung – Entwurf (öffentliche Fassung)" || fn != "protokoll-51-entwurf.pdf" {
		t.Errorf("draft minutes' file after the migration: %q, %q", name, fn)
	}
	if name, fn := file(id50); name != "Protokoll der 50. Sitzung (öffentliche Fassung)" || fn != "protokoll-50.pdf" {
		t.Errorf("approved minutes' file after the migration: %q, %q", name, fn)
	}
}

// migrationUp gives the Up part of a migration of the store's engine.
func migrationUp(t *testing.T, s *Store, name string) string {
	t.Helper()
	fsys, dir := fs.FS(sqliteMigrations), "migrations/sqlite/"
	if s.dialect == Postgres {
		fsys, dir = postgresMigrations, "migrations/postgres/"
	}
	b, err := fs.ReadFile(fsys, dir+name)
	check(t, err)
	up, _, _ := strings.Cut(string(b), "-- +goose Down")
	return up
}
