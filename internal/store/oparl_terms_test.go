package store

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
)

// TestOParlTermForEveryChairYear: OParl's LegislativeTerms were the years
// with a session only; a year with a recorded chair (Vorsitz) and no
// session yet — the coming year's rotation, or one before the first
// stored session — had none. Every year with a session or a recorded
// chair has its term now, embedded in the Body, also for chairs recorded
// before (migration 00740 marks the bodies).
func TestOParlTermForEveryChairYear(t *testing.T) {
	ctx := WithActor(context.Background(), "test")
	s, err := testOpen(t, ctx, t.TempDir()) // no audit guard: a chair is written as an older release did below
	check(t, err)
	defer s.Close()
	bodyID, _ := fixture(t, s) // session 47 in 2025
	check(t, s.SetChair(ctx, bodyID, 2027, "HE"))
	check(t, s.SetChair(ctx, bodyID, 2024, "HH"))
	check(t, s.SetChair(ctx, bodyID, 2025, "Bund"))
	terms := func() string {
		t.Helper()
		var years []int64
		rows, err := s.db.QueryContext(ctx, `SELECT src FROM oparl_objects WHERE kind = 'legislativeterm' AND deleted = 0 ORDER BY src`)
		check(t, err)
		defer rows.Close()
		for rows.Next() {
			var y int64
			check(t, rows.Scan(&y))
			years = append(years, y)
		}
		var raw []byte
		check(t, s.db.QueryRowContext(ctx, `SELECT json FROM oparl_objects WHERE kind = 'body' AND src = ?`, bodyID).Scan(&raw))
		var b struct {
			LegislativeTerm []struct{ Name string }
		}
		check(t, json.Unmarshal(raw, &b))
		return fmt.Sprint(years, b.LegislativeTerm)
	}
	want := "[2024 2025 2027] [{Vorsitzjahr 2024} {Vorsitzjahr 2025} {Vorsitzjahr 2027}]"
	if got := terms(); got != want {
		t.Errorf("terms %s, want %s", got, want)
	}
	// A chair recorded before (no OParl mark then): its term is built
	// after the migration.
	_, err = s.db.ExecContext(ctx, `INSERT INTO body_chairs (body_id, year, member_abbrev) VALUES (?, 2028, 'HH')`, bodyID)
	check(t, err)
	_, err = s.db.ExecContext(ctx, migrationUp(t, s, "00740_open_interfaces_rebuild.sql"))
	check(t, err)
	check(t, s.SyncOParl(ctx, nil))
	want = "[2024 2025 2027 2028] [{Vorsitzjahr 2024} {Vorsitzjahr 2025} {Vorsitzjahr 2027} {Vorsitzjahr 2028}]"
	if got := terms(); got != want {
		t.Errorf("after the migration: terms %s, want %s", got, want)
	}
}
