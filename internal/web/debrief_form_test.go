package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestRefusedDebriefKeepsTheForm: a debrief whose date is no date went to
// the error page ("Das Datum ist ungültig."), and the invitation text the
// secretariat had written was lost with the choices of the table. The
// form comes back as typed, the reason at the date.
func TestRefusedDebriefKeepsTheForm(t *testing.T) {
	ts, st := debriefServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	form := url.Values{"datum": {"31.02.2025"}, "ort": {"Videokonferenz"}, "einladung": {"Meine eigene Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}}
	code, page := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", form)
	if code != http.StatusBadRequest {
		t.Fatalf("%d", code)
	}
	reasonsAtFields(t, page, `<div class="error-box" role="alert" id="nb-fehler" tabindex="-1">`, map[string]string{"nb-datum": "Der Termin ist kein gültiges Datum"})
	first, second := presenterID(t, page, 0), presenterID(t, page, 1)
	tick := func(presenter string) string { return strings.Replace(presenter, "vorstellung-", "aufnehmen-", 1) }
	for _, want := range []string{`value="31.02.2025"`, ">Meine eigene Einladung</textarea>", `id="` + first + `" name="` + first + `" value="HH"`, `id="` + tick(first) + `" name="` + tick(first) + `" value="1" checked`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused debrief lacks %s", want)
		}
	}
	if strings.Contains(page, `name="`+tick(second)+`" value="1" checked`) {
		t.Error("an entry not ticked comes back ticked")
	}
	s47, _ := st.SessionByNumber(context.Background(), mustBody(t, st).ID, 47)
	if _, err := st.DebriefOfSession(context.Background(), s47.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused debrief was saved: %v", err)
	}
}

// TestDebriefPresentersAndFirstSend: a presenter who is no member is
// refused at its field with every other reason (before, "XY" was stored
// and printed), and the invitation can be sent with the first save
// (before, "Speichern und Einladung versenden" appeared only after a
// first save, and a post without one was refused).
func TestDebriefPresentersAndFirstSend(t *testing.T) {
	ts, st := debriefServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	ctx := context.Background()
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	if !strings.Contains(page, "Speichern und Einladung versenden") {
		t.Error("the first form does not offer to send the invitation")
	}
	form := url.Values{"datum": {"31.02.2025"}, "ort": {"Videokonferenz"}, "einladung": {"Meine Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"XY"}}
	code, page := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", form)
	if code != http.StatusBadRequest {
		t.Fatalf("%d", code)
	}
	reasonsAtFields(t, page, `<div class="error-box" role="alert" id="nb-fehler" tabindex="-1">`, map[string]string{"nb-datum": "Der Termin ist kein gültiges Datum", presenterID(t, page, 0): "„XY“ ist kein Mitglied"})
	// With a valid date the store refuses the presenter (whoever calls
	// it); the form shows its reason at the field all the same.
	form.Set("datum", "2025-07-10")
	code, page = postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", form)
	if code != http.StatusBadRequest {
		t.Errorf("sending with a presenter who is no member: %d", code)
	}
	reasonsAtFields(t, page, `<div class="error-box" role="alert" id="nb-fehler" tabindex="-1">`, map[string]string{presenterID(t, page, 0): "„XY“ ist kein Mitglied"})
	if _, err := st.DebriefOfSession(ctx, s47.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused debrief was saved: %v", err)
	}
	form.Set("vorstellung_0", "HH")
	// Without an address to send to, the form comes back as typed with
	// the reason (before: an error page, the invitation text lost).
	code, page = postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "E-Mail-Adresse") || !strings.Contains(page, ">Meine Einladung</textarea>") {
		t.Errorf("sending without an address: %d", code)
	}
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: fmk.ID, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}); err != nil {
		t.Fatal(err)
	}
	if code, body := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", form); code != http.StatusSeeOther {
		t.Fatalf("send with the first save: %d %s", code, body)
	}
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil || !db.Sent || len(db.Entries) != 1 || db.Entries[0].Presenter != "HH" {
		t.Errorf("after sending with the first save: %+v %v", db, err)
	}
}

// TestStoreRefusesDebriefDateAtTheField: the store refuses a debrief
// dated before its session at the debrief's date (model.DebriefDateField,
// the store knows no id of the page); the page shows the reason at its
// date input "nb-datum" and links it there from the box above the form,
// the typed invitation kept.
func TestStoreRefusesDebriefDateAtTheField(t *testing.T) {
	ts, st := debriefServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	form := url.Values{"datum": {"2020-01-06"}, "ort": {"Videokonferenz"}, "einladung": {"Meine Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}}
	for _, path := range []string{"/sitzungen/47/nachbesprechung", "/sitzungen/47/nachbesprechung/versenden"} {
		code, page := postDebrief(t, gs, ts.URL+path, form)
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d", path, code)
		}
		box := `<div class="error-box" role="alert" id="nb-fehler" tabindex="-1">`
		reasonsAtFields(t, page, box, map[string]string{"nb-datum": "ihr Termin 06.01.2020 liegt davor"})
		reasonsLinked(t, page, box, map[string]string{"nb-datum": "ihr Termin 06.01.2020 liegt davor"})
		if !strings.Contains(page, `value="2020-01-06"`) || !strings.Contains(page, ">Meine Einladung</textarea>") {
			t.Errorf("%s: the refused debrief does not show what was typed", path)
		}
	}
	s47, _ := st.SessionByNumber(context.Background(), mustBody(t, st).ID, 47)
	if _, err := st.DebriefOfSession(context.Background(), s47.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused debrief was saved: %v", err)
	}
}

// presenterID gives the id of the presenter field of the debrief form's
// i-th entry (named by its decision and conference, model.DebriefEntry).
func presenterID(t *testing.T, page string, i int) string {
	t.Helper()
	m := regexp.MustCompile(`id="(vorstellung-\d+-\d+)" name="vorstellung-\d+-\d+"`).FindAllStringSubmatch(page, -1)
	if i >= len(m) {
		t.Fatalf("no presenter field for entry %d", i)
	}
	return m[i][1]
}
