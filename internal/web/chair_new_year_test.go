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

// TestMoveIntoAnotherYearNamesTheRotationsChair: a session moved into
// another year whose rotation gives the chair it keeps — the same member
// in both years, or a chair chosen by hand that is the new year's — was
// saved with "ist verlegt" and no word of the new year's chair; a session
// whose chair was left to a rotation that names nobody for the new year
// lost its chair without a word. Now the notice names the rotation's
// chair for the new year, or warns that the session has none; the edit
// form names the rotation's chairs of the date's year and its neighbours
// beside the field.
func TestMoveIntoAnotherYearNamesTheRotationsChair(t *testing.T) {
	ts, st := cycleServer(t)
	st.SetClock(func() time.Time { return time.Date(2027, 6, 1, 10, 0, 0, 0, time.UTC) })
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	name := func(abbrev string) string {
		m, err := st.Member(ctx, abbrev)
		if err != nil {
			t.Fatal(err)
		}
		return m.Name
	}
	c2027, _, _ := st.ChairOf(ctx, council.ID, 2027)
	c2026, _, _ := st.ChairOf(ctx, council.ID, 2026)
	// 2028 recorded with 2027's chair: a move keeps the chair.
	if err := st.SetChair(ctx, council.ID, 2028, c2027); err != nil {
		t.Fatal(err)
	}
	planSessionOn(t, st, 49, model.Date{Year: 2027, Month: 9, Day: 16})
	gs := client(t, ts, "geschaeftsstelle")
	move := func(number, date, chair string) string {
		t.Helper()
		path := ts.URL + "/sitzungen/" + number
		_, page := do(t, gs, "GET", path+"/bearbeiten", nil)
		form := postedForm(page, "/sitzungen/"+number+"/bearbeiten")
		form.Set("datum", date)
		form.Set("grund", "Terminkollision")
		form.Set("art", "ordentlich")
		form.Set("vorsitz", chair)
		if code, body := do(t, gs, "POST", path+"/bearbeiten", form); code != http.StatusSeeOther {
			t.Fatalf("move to %s: %d %s", date, code, between(body, "<main", "</form>"))
		}
		_, body := do(t, gs, "GET", path+"/verwaltung", nil)
		return between(body, `<div class="notice-box`, "</div>")
	}

	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/49/bearbeiten", nil)
	if hint, want := between(page, `id="vorsitz-hinweis">`, "</span>"), "(nach der Rotation – 2026: "+name(c2026)+" · 2027: "+name(c2027)+" · 2028: "+name(c2027)+")"; hint != want {
		t.Errorf("the edit form names the rotation's chairs as %q, want %q", hint, want)
	}
	// Left to the rotation, which gives the same chair in 2028.
	if notice, want := move("49", "2028-03-09", ""), "Vorsitz weiterhin: "+name(c2027)+" (Rotation für 2028)."; !strings.Contains(notice, want) {
		t.Errorf("the move into 2028 does not name its chair (%q): %s", want, notice)
	}
	// Chosen by hand, and the rotation's for the new year.
	if err := st.SetChair(ctx, council.ID, 2029, "HE"); err != nil {
		t.Fatal(err)
	}
	if notice := move("49", "2028-03-09", "HE"); !strings.Contains(notice, "Vorsitz jetzt: Hessen.") || !strings.Contains(notice, "Rotation ab") {
		t.Errorf("HE by hand in 2028: %s", notice)
	}
	if notice, want := move("49", "2029-03-08", "HE"), "Vorsitz weiterhin: Hessen (Rotation für 2029)."; !strings.Contains(notice, want) || strings.Contains(notice, "Rotation ab") {
		t.Errorf("the move into 2029 does not name its chair (%q): %s", want, notice)
	}
	// Within the year: nothing said of the chair.
	if notice := move("49", "2029-03-15", "HE"); strings.Contains(notice, "Vorsitz") {
		t.Errorf("a move within the year speaks of the chair: %s", notice)
	}

	// Left to a rotation that names nobody for the new year (before its
	// first recorded term): the session has no chair, and the notice
	// warns of it.
	planSessionOn(t, st, 10, model.Date{Year: 2020, Month: 3, Day: 12})
	notice := move("10", "2018-03-15", "")
	if se, _ := st.SessionByNumber(ctx, council.ID, 10); se.Chair != "" {
		t.Fatalf("the 10th moved into 2018 has the chair %q", se.Chair)
	}
	if want := "<strong>Achtung, die Sitzung hat keinen Vorsitz:</strong> Die Rotation des Vorsitzes nennt für 2018 niemanden; die 10. Sitzung hat damit keinen Vorsitz."; !strings.Contains(notice, want) {
		t.Errorf("the move into a year without a chair is not warned of (%q): %s", want, notice)
	}
}
