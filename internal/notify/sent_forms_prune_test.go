package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestRemindersPruneSentForms: the one-time keys of sent forms
// (store.SentOnce) were never removed; the table grew with every form
// that made something. The loop of `gremium serve` prunes the keys older
// than 30 days (store.SentFormKeep) and keeps recent ones, also when two
// instances run it.
func TestRemindersPruneSentForms(t *testing.T) {
	st, clock := fixture(t)
	ctx := context.Background()
	fmk, err := st.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"})
	if err != nil {
		t.Fatal(err)
	}
	contact := model.Contact{BodyID: fmk, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}
	send := func(key string) (again bool) {
		t.Helper()
		if _, err := st.CreateContact(ctx, contact, store.SentOnce(key, "fmk", &again)); err != nil {
			t.Fatal(err)
		}
		return again
	}
	old, recent := strings.Repeat("a1", 16), strings.Repeat("b2", 16)
	send(old)
	clock.Add(29 * 24 * time.Hour)
	send(recent)
	clock.Add(2 * 24 * time.Hour) // old: 31 days, recent: 2 days
	for _, r := range []*Reminders{{Store: st, Now: clock.Now}, {Store: st, Now: clock.Now}} {
		if _, err := r.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if !send(recent) {
		t.Error("the recent key was pruned: the form sent again stored again")
	}
	if send(old) {
		t.Error("the 31 days old key is kept: the table of sent forms is never pruned")
	}
}
