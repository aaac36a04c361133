package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestSpokespersonContactsThroughThePages: the FMK's spokesperson HB logs
// the kick-off talk on the conference page, the Geschäftsstelle logs a
// talk for TH; the IT-PLR's internal readers read them, the FMK's own
// secretariat and the public do not; a refused form shows again as typed
// with the reason at its field; a correction needs the version read and
// is the spokesperson's own; the kick-off state shows on HB's Mein
// Bereich and, for the Geschäftsstelle only, in the overview /fachmk.
func TestSpokespersonContactsThroughThePages(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	yesterday := model.BerlinDate(time.Now().AddDate(0, 0, -1)).String()
	hb, gs := client(t, ts, "sprecher-hb"), client(t, ts, "geschaeftsstelle")

	kickoff := url.Values{"art": {"auftakt"}, "datum": {yesterday}, "mit": {"Vorsitz der FMK, Finanzminister X"}, "teilnehmende": {"FITKO"},
		"themen": {"Kommunikationskanal aufgebaut\n[[Haltung zum Budget: skeptisch]]"}, "schritte": {"Arbeitsebene trifft sich im Januar"}}
	if code, body := do(t, hb, "POST", ts.URL+"/fachmk/FMK/gespraeche", kickoff); code != http.StatusSeeOther {
		t.Fatalf("the spokesperson logs the kick-off talk: %d %s", code, body)
	}
	// The Geschäftsstelle logs for a spokesperson in office it picks.
	talk := url.Values{"art": {"gespraech"}, "land": {"TH"}, "datum": {yesterday}, "mit": {"Geschäftsstelle der FMK"}, "themen": {"Terminabstimmung für das Auftaktgespräch"}}
	if code, body := do(t, gs, "POST", ts.URL+"/fachmk/FMK/gespraeche", talk); code != http.StatusSeeOther {
		t.Fatalf("the Geschäftsstelle logs for TH: %d %s", code, body)
	}
	for who, sees := range map[string]bool{"sprecher-hb": true, "geschaeftsstelle": true, "hessen": true, "fmk-geschaeftsstelle": false, "": false} {
		_, page := do(t, client(t, ts, who), "GET", ts.URL+"/fachmk/FMK", nil)
		if got := strings.Contains(page, "Vorsitz der FMK, Finanzminister X"); got != sees {
			t.Errorf("%q reads HB's kick-off talk: %v, want %v", who, got, sees)
		}
		if strings.Contains(page, "Haltung zum Budget") != sees || strings.Contains(page, "Terminabstimmung") != sees {
			t.Errorf("%q and the talks' topics: want %v", who, sees)
		}
	}

	// Who may not log: the FMK's secretariat, a member's office; HB not
	// for the UMK, which it does not speak for.
	for who, path := range map[string]string{"fmk-geschaeftsstelle": "/fachmk/FMK/gespraeche", "hessen": "/fachmk/FMK/gespraeche"} {
		if code, _ := do(t, client(t, ts, who), "POST", ts.URL+path, kickoff); code != http.StatusForbidden {
			t.Errorf("%q logs a contact: %d, want 403", who, code)
		}
	}
	if code, _ := do(t, hb, "POST", ts.URL+"/fachmk/UMK/gespraeche", kickoff); code != http.StatusUnprocessableEntity {
		t.Errorf("HB logs a contact with the UMK: %d, want 422", code)
	}
	// A spokesperson logs their own: a posted land of another is ignored.
	other := url.Values{"art": {"sonstiges"}, "land": {"TH"}, "datum": {yesterday}, "mit": {"Referat Z"}, "themen": {"Telefonat"}}
	if code, _ := do(t, hb, "POST", ts.URL+"/fachmk/FMK/gespraeche", other); code != http.StatusSeeOther {
		t.Errorf("HB logs a call: %d", code)
	}

	// Refused forms: a day to come at the date, a missing counterpart at
	// "mit"; the form open, as typed.
	early := url.Values{"art": {"gespraech"}, "datum": {model.BerlinDate(time.Now().AddDate(0, 0, 3)).String()}, "mit": {"Vorab getippt"}, "themen": {"Plan"}}
	code, page := do(t, hb, "POST", ts.URL+"/fachmk/FMK/gespraeche", early)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `<details id="gespraech-neu" open>`) || !strings.Contains(page, `value="Vorab getippt"`) ||
		!strings.Contains(page, `id="gespraech-neu-datum" name="datum" type="date" required value="`+early.Get("datum")+`" aria-invalid="true"`) ||
		!strings.Contains(page, "liegt in der Zukunft") || !strings.Contains(page, `<option value="gespraech" selected>`) {
		t.Errorf("a talk to come: %d, form not shown again as typed with the reason at the date:\n%s", code, between(page, `id="gespraeche"`, "</main>"))
	}
	nobody := url.Values{"art": {"gespraech"}, "datum": {yesterday}, "themen": {"Getippte Themen"}}
	if code, page := do(t, hb, "POST", ts.URL+"/fachmk/FMK/gespraeche", nobody); code != http.StatusBadRequest || !strings.Contains(page, `id="gespraech-neu-mit" name="mit" required maxlength="300" placeholder="Vorsitz der FMK, Ministerin X" value="" aria-invalid="true"`) ||
		!strings.Contains(page, "Getippte Themen</textarea>") {
		t.Errorf("without a counterpart: %d, reason not at the field:\n%s", code, between(page, `id="gespraeche"`, "</main>"))
	}

	// Corrections: with the version read, the spokesperson's own only.
	fmkBody := mustBodyAbbrev(t, st, "FMK")
	cs, err := st.SpokespersonContacts(ctx, fmkBody.ID)
	if err != nil || len(cs) != 4 { // and TH's kick-off talk of the demo
		t.Fatalf("the FMK's contacts: %v %+v", err, cs)
	}
	var own, th model.SpokespersonContact
	for _, c := range cs {
		switch {
		case c.Member == "HB" && c.Kind == model.ContactKickoff:
			own = c
		case c.Member == "TH" && c.Kind == model.ContactTalk:
			th = c
		case c.Kind == model.ContactOther && c.Member != "HB":
			t.Errorf("HB's call logged for %s", c.Member)
		}
	}
	fix := url.Values{"version": {fmt.Sprint(own.Version)}, "art": {"auftakt"}, "datum": {yesterday}, "mit": {own.With}, "themen": {editableMarks(own.Topics)}, "schritte": {"Arbeitsebene trifft sich am 15. Januar"}}
	path := fmt.Sprintf("%s/fachmk/FMK/gespraeche/%d", ts.URL, own.ID)
	if code, body := do(t, hb, "POST", path, fix); code != http.StatusSeeOther {
		t.Fatalf("correction: %d %s", code, body)
	}
	if code, page := do(t, hb, "POST", path, fix); code != http.StatusConflict || !strings.Contains(page, fmt.Sprintf(`<details id="gespraech-berichtigung-%d" open>`, own.ID)) {
		t.Errorf("a correction on a stale version: %d, form not open", code)
	}
	if code, _ := do(t, hb, "POST", fmt.Sprintf("%s/fachmk/FMK/gespraeche/%d", ts.URL, th.ID), url.Values{"version": {"1"}, "art": {"gespraech"}, "datum": {yesterday}, "mit": {"x"}, "themen": {"x"}}); code != http.StatusForbidden {
		t.Errorf("HB corrects TH's talk: %d, want 403", code)
	}
	if got, _ := st.SpokespersonContact(ctx, own.ID); got.NextSteps != "Arbeitsebene trifft sich am 15. Januar" || got.Version != 2 {
		t.Errorf("after the correction: %+v", got)
	}

	// Kick-off state: HB's Mein Bereich; the overview for the Geschäftsstelle.
	held := "geführt am " + model.BerlinDate(time.Now().AddDate(0, 0, -1)).German()
	if _, page := do(t, hb, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, "Ihr Auftaktgespräch: <a href=\"/fachmk/FMK#gespraech-") || !strings.Contains(page, held) {
		t.Errorf("HB's Mein Bereich lacks the held kick-off talk:\n%s", page)
	}
	// A spokesperson whose function ended has no kick-off state any more.
	if _, err := st.CreateAssignment(ctx, model.Assignment{ConferenceID: fmkBody.ID, Member: "HH", DecisionRef: demo.SpokespersonDecision, StartSession: 40, EndsWithSession: 47}); err != nil {
		t.Fatal(err)
	}
	if _, page := do(t, gs, "GET", ts.URL+"/fachmk/FMK", nil); !strings.Contains(page, "Auftaktgespräch Bremen") || strings.Contains(page, "Auftaktgespräch Hamburg") {
		t.Errorf("the FMK page's kick-off states (Bremen in office, Hamburg's function ended):\n%s", between(page, `id="gespraeche"`, "</ul>"))
	}
	_, page = do(t, gs, "GET", ts.URL+"/fachmk", nil)
	if !strings.Contains(page, `role="columnheader">Auftaktgespräch</th>`) || !strings.Contains(page, held) || !strings.Contains(page, "fällig") {
		t.Errorf("the Geschäftsstelle's overview lacks the kick-off states:\n%s", page)
	}
	for _, who := range []string{"hessen", "sprecher-hb", ""} {
		if _, page := do(t, client(t, ts, who), "GET", ts.URL+"/fachmk", nil); strings.Contains(page, "Auftaktgespräch") {
			t.Errorf("%q sees the kick-off column of the overview", who)
		}
	}
}
