package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestSentFormsPruned: the one-time keys of sent forms (sent_forms) were
// kept for ever, one row for every form that made something. Keys older
// than SentFormKeep are pruned, recent ones kept (a recent form sent again
// still stores nothing), and a second pruning at once — another instance
// — finds nothing left and fails not.
func TestSentFormsPruned(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	now := start
	s.SetClock(func() time.Time { return now })
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	contact := model.Contact{BodyID: fmk, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}
	old, edge, recent := strings.Repeat("a1", 16), strings.Repeat("b2", 16), strings.Repeat("c3", 16)
	must[int64](t)(s.CreateContact(ctx, contact, SentOnce(old, "fmk", nil)))
	now = start.Add(24 * time.Hour)
	must[int64](t)(s.CreateContact(ctx, contact, SentOnce(edge, "fmk", nil)))
	now = start.Add(SentFormKeep - time.Hour)
	must[int64](t)(s.CreateContact(ctx, contact, SentOnce(recent, "fmk", nil)))

	now = start.Add(SentFormKeep + 24*time.Hour) // old: a day past the period; edge: just at its end
	if n, err := s.PruneSentForms(ctx, now); err != nil || n != 1 {
		t.Fatalf("pruned %d keys (%v), want 1", n, err)
	}
	if n, err := s.PruneSentForms(ctx, now); err != nil || n != 0 {
		t.Errorf("pruned again (another instance): %d keys (%v), want 0", n, err)
	}
	if keys := sentFormKeys(t, s); !slices.Equal(keys, []string{edge, recent}) {
		t.Errorf("kept keys %q, want %q", keys, []string{edge, recent})
	}
	var again bool
	must[int64](t)(s.CreateContact(ctx, contact, SentOnce(recent, "fmk", &again)))
	if !again {
		t.Error("a recent form sent again stored again")
	}

	now = now.Add(SentFormKeep)
	if n, err := s.PruneSentForms(ctx, now); err != nil || n != 2 {
		t.Errorf("pruned %d keys (%v), want 2", n, err)
	}
	if keys := sentFormKeys(t, s); len(keys) != 0 {
		t.Errorf("kept keys %q, want none", keys)
	}
}

// sentFormKeys gives the kept one-time keys, in order.
func sentFormKeys(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `SELECT form_key FROM sent_forms ORDER BY form_key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return keys
}
