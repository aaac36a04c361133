package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestChairOutsideTheRotationIsWarnedOf: a session planned or edited with
// a chair (Vorsitz) chosen by hand that the rotation does not give for its
// year was saved without a word. The chair may deviate by agreement, so
// it is saved still, but the notice says so, the edit page warns beside
// the field while it stands, a refused form warns with what was typed,
// and the form planning a session names the rotation's chairs. A chair
// left to the rotation, or chosen as the rotation's, is not warned of.
func TestChairOutsideTheRotationIsWarnedOf(t *testing.T) {
	ts, st, _ := cycleServerOf(t, func(s *Server) {
		s.SetClock(func() time.Time { return time.Date(2026, 12, 7, 10, 0, 0, 0, model.Berlin) })
	})
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	name := func(abbrev string) string {
		m, err := st.Member(ctx, abbrev)
		if err != nil {
			t.Fatal(err)
		}
		return m.Name
	}
	c2026, _, _ := st.ChairOf(ctx, council.ID, 2026)
	c2027, rotation, err := st.ChairOf(ctx, council.ID, 2027)
	if err != nil || !rotation || c2027 == "" {
		t.Fatalf("rotation 2027: %q %v %v", c2027, rotation, err)
	}
	other := "HE"
	if c2027 == other {
		other = "BY"
	}
	want := "Vorsitz nach der Rotation für 2027: " + name(c2027) + "; gewählt ist " + name(other) + "."
	gs := client(t, ts, "geschaeftsstelle")

	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/neu", nil)
	if hint := between(page, `id="vorsitz-hinweis">`, "</p>"); hint != "Vorsitz nach der Rotation – 2026: "+name(c2026)+" · 2027: "+name(c2027) {
		t.Errorf("the new form does not name the rotation's chairs: %q", hint)
	}
	if strings.Contains(page, `id="vorsitz-rotation"`) {
		t.Error("the new form warns before a chair is chosen")
	}
	form := url.Values{"nummer": {"48"}, "datum": {"2027-09-16"}, "beginn": {"09:00"}, "ende": {"13:00"}, "ort": {"Berlin"}, "vorsitz": {other}, "art": {"ordentlich"}}
	// Refused for its time: the form again, warning of the chair typed.
	form.Set("beginn", "9 Uhr")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen", form)
	if box := between(page, `id="vorsitz-rotation"`, "</div>"); code != http.StatusUnprocessableEntity || !strings.Contains(box, want) || !strings.Contains(box, `<a href="#vorsitz">Zum Feld Vorsitz</a>`) {
		t.Errorf("the refused form does not warn of the chair (%d): %q", code, box)
	}
	if !strings.Contains(page, `aria-describedby="vorsitz-hinweis vorsitz-rotation"`) {
		t.Errorf("the chair's select is not described by the warning: %s", between(page, `<select id="vorsitz"`, ">"))
	}
	// Planned so: saved, with the warning.
	form.Set("beginn", "09:00")
	res, err := gs.PostForm(ts.URL+"/sitzungen", form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("planning the 48th: %d", res.StatusCode)
	}
	_, page = do(t, gs, "GET", ts.URL+res.Header.Get("Location"), nil)
	if notice := between(page, `<div class="notice-box"`, "</div>"); !strings.Contains(notice, "Die 48. Sitzung ist angelegt.") ||
		!strings.Contains(notice, "<strong>Achtung, der Vorsitz weicht von der Rotation ab:</strong> "+want) {
		t.Errorf("planning's notice: %q", notice)
	}
	if se, _ := st.SessionByNumber(ctx, council.ID, 48); se.Chair != other {
		t.Fatalf("the chair planned is %q, want %q", se.Chair, other)
	}
	// The edit page warns while the chair stands.
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/bearbeiten", nil)
	if box := between(page, `id="vorsitz-rotation"`, "</div>"); !strings.Contains(box, want) || !strings.Contains(page, `<select id="vorsitz" name="vorsitz" aria-describedby="vorsitz-rotation">`) {
		t.Errorf("the edit page does not warn of the chair: %q", box)
	}
	// Moved into 2028 with the same chair: saved, the notice warns of
	// 2028's rotation.
	edit := postedForm(page, "/sitzungen/48/bearbeiten")
	for k, v := range map[string]string{"datum": "2028-03-09", "grund": "Terminkollision", "beginn": "09:00", "ende": "13:00", "ort": "Berlin", "vorsitz": other, "art": "ordentlich"} {
		edit.Set(k, v)
	}
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", edit); code != http.StatusSeeOther {
		t.Fatalf("moving the 48th: %d %s", code, between(body, "<main", "</form>"))
	}
	c2028, _, _ := st.ChairOf(ctx, council.ID, 2028)
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if c2028 != other {
		if notice := between(page, `<div class="notice-box"`, "</div>"); !strings.Contains(notice, "Vorsitz nach der Rotation für 2028: "+name(c2028)+"; gewählt ist "+name(other)+".") ||
			!strings.Contains(notice, "unter „Termin, Ort, Vorsitz bearbeiten“") {
			t.Errorf("the move's notice: %q", notice)
		}
	}
	// Left to the rotation: no warning.
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/bearbeiten", nil)
	version := postedForm(page, "/sitzungen/48/bearbeiten").Get("version")
	edit.Set("version", version)
	edit.Set("vorsitz", "")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/bearbeiten", edit); code != http.StatusSeeOther {
		t.Fatalf("the chair from the rotation: %d %s", code, between(body, "<main", "</form>"))
	}
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if strings.Contains(between(page, `<div class="notice-box"`, "</div>"), "Rotation ab") {
		t.Error("a chair from the rotation is warned of in the notice")
	}
	if _, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/bearbeiten", nil); strings.Contains(page, `id="vorsitz-rotation"`) {
		t.Errorf("a chair from the rotation is warned of: %s", between(page, `id="vorsitz-rotation"`, "</div>"))
	}
}
