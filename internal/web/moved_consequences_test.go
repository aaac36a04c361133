package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestMoveSaysWhatElseChanged: a session moved into another year took
// that year's chair from the rotation with only "ist verlegt" said, a
// chair set by hand was not repeated, and a move to a date already past
// was taken without a word (a reviewer moved the 48th from 2027 into
// 2026: the chair went from Niedersachsen to the Bund unannounced). The
// notice now names the new chair and the past date.
func TestMoveSaysWhatElseChanged(t *testing.T) {
	ts, st := cycleServer(t)
	st.SetClock(func() time.Time { return time.Date(2027, 6, 1, 10, 0, 0, 0, time.UTC) })
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	c2027, _, _ := st.ChairOf(ctx, council.ID, 2027)
	c2028, _, _ := st.ChairOf(ctx, council.ID, 2028)
	if c2027 == c2028 || c2028 == "" {
		t.Fatalf("the rotation gives %q and %q", c2027, c2028)
	}
	planSessionOn(t, st, 49, model.Date{Year: 2027, Month: 9, Day: 16})
	gs := client(t, ts, "geschaeftsstelle")
	move := func(date, chair string) string {
		t.Helper()
		_, page := do(t, gs, "GET", ts.URL+"/sitzungen/49/bearbeiten", nil)
		form := postedForm(page, "/sitzungen/49/bearbeiten")
		form.Set("datum", date)
		form.Set("grund", "Terminkollision")
		form.Set("art", "ordentlich")
		form.Set("vorsitz", chair)
		if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/49/bearbeiten", form); code != http.StatusSeeOther {
			t.Fatalf("move to %s: %d %s", date, code, between(body, "<main", "</form>"))
		}
		_, body := do(t, gs, "GET", ts.URL+"/sitzungen/49/verwaltung", nil)
		return body
	}
	name := func(abbrev string) string {
		m, err := st.Member(ctx, abbrev)
		if err != nil {
			t.Fatal(err)
		}
		return m.Name
	}
	body := move("2028-03-09", "")
	if want := "Vorsitz jetzt: " + name(c2028) + " (Rotation für 2028)."; !strings.Contains(body, want) {
		t.Errorf("the rotation's new chair is not said (%q): %s", want, between(body, `class="notice`, "</p>"))
	}
	body = move("2028-03-09", "HE")
	if !strings.Contains(body, "Vorsitz jetzt: Hessen.") {
		t.Errorf("the chair set by hand is not said: %s", between(body, `class="notice`, "</p>"))
	}
	// The name stands alone, never where a sentence needs its article:
	// "Den Vorsitz hat jetzt Bund" lacked the Bund's.
	body = move("2028-03-09", "Bund")
	if !strings.Contains(body, "Vorsitz jetzt: "+name("Bund")+".") || strings.Contains(body, "hat jetzt Bund") {
		t.Errorf("the Bund as chair is not said without a missing article: %s", between(body, `class="notice`, "</p>"))
	}
	body = move("2028-03-09", "HE")
	if strings.Contains(body, "Vergangenheit") {
		t.Error("a future date is called past")
	}
	body = move("2027-05-20", "HE")
	if !strings.Contains(body, "Das neue Datum 20.05.2027 liegt in der Vergangenheit") {
		t.Errorf("a move into the past is not said: %s", between(body, `class="notice`, "</p>"))
	}
	if strings.Contains(body, "Vorsitz jetzt") {
		t.Error("an unchanged chair is said to change")
	}
}
