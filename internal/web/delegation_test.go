package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestMemberRegistersDelegation: a member office registers who attends a
// coming session for it and changes it; bad input shows the form again
// with what was typed; it cannot register for another member; the
// secretariat sees every member's, closes the list — after which the
// office is refused with a German reason and its input kept — and
// corrects; the internal minutes (page and PDF) name the persons, the
// public ones do not.
func TestMemberRegistersDelegation(t *testing.T) {
	ts, st := cycleServer(t)
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 1, 0)))
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(page, `href="/sitzungen/48/teilnahme"`) {
		t.Error("the session page does not offer the member office to register its delegation")
	}
	code, page := do(t, he, "GET", ts.URL+"/sitzungen/48/teilnahme", nil)
	if code != http.StatusOK || !strings.Contains(page, `name="name_0"`) || !strings.Contains(page, "Hessen") {
		t.Fatalf("the form: %d", code)
	}
	for _, p := range wellFormedProblems(page) {
		t.Errorf("delegation form: %s", p)
	}
	form := url.Values{"version": {"0"}, "zeilen": {"3"},
		"name_0": {"Dr. Anna Beispiel"}, "funktion_0": {"CIO des Landes Hessen"}, "teilnahme_0": {"vor_ort"},
		"name_1": {"Ben Vertreter"}, "funktion_1": {"Referatsleiter"}, "teilnahme_1": {"online"}, "vertretung_1": {"ja"}}
	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("name_2", "")
	bad.Set("funktion_2", "Staatssekretärin")
	code, page = do(t, he, "POST", ts.URL+"/sitzungen/48/teilnahme", bad)
	if code != http.StatusBadRequest || !strings.Contains(page, "Bitte geben Sie für Person 3 den Namen an") || !strings.Contains(page, `value="Dr. Anna Beispiel"`) || !strings.Contains(page, `value="Staatssekretärin"`) {
		t.Errorf("a function without a name: %d, the form not shown again with what was typed", code)
	}
	if code, _ := do(t, he, "POST", ts.URL+"/sitzungen/48/teilnahme", form); code != http.StatusSeeOther {
		t.Fatalf("register: %d", code)
	}
	list, _, _ := st.Delegations(context.Background(), se.ID)
	if len(list) != 1 || list[0].Member != "HE" || len(list[0].Delegates) != 2 || !list[0].Delegates[1].Deputy || !list[0].Delegates[1].Online {
		t.Fatalf("stored: %+v", list)
	}
	// The page of the session ahead lists who registered, and nobody as
	// absent (before: "Anwesenheit" with every other member "abwesend"
	// and Hessen "anwesend", before the session had begun).
	_, page = do(t, he, "GET", ts.URL+"/sitzungen/48", nil)
	if !strings.Contains(page, "Angemeldete Teilnahme") || !strings.Contains(page, "Dr. Anna Beispiel, CIO des Landes Hessen (vor Ort)") {
		t.Error("the coming session's page does not list the registered delegation")
	}
	if strings.Contains(page, `id="h-anwesenheit"`) || strings.Contains(page, "abwesend") {
		t.Error("the coming session's page gives an attendance before the session")
	}
	// Another member's delegation: a member office acts for itself only.
	forged := url.Values{"version": {"0"}, "zeilen": {"1"}, "name_0": {"Eingeschleust"}, "mitglied": {"BY"}}
	do(t, he, "POST", ts.URL+"/sitzungen/48/teilnahme", forged)
	list, _, _ = st.Delegations(context.Background(), se.ID)
	if len(list) != 1 || list[0].Member != "HE" || list[0].Delegates[0].Name == "Eingeschleust" {
		t.Errorf("a member office changed another member's delegation: %+v", list)
	}
	// The secretariat's overview; it closes the list.
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/teilnahme", nil)
	if !strings.Contains(page, "Dr. Anna Beispiel, CIO des Landes Hessen (vor Ort)") || !strings.Contains(page, "Ben Vertreter, Referatsleiter (online, in Vertretung)") || !strings.Contains(page, "keine Meldung") {
		t.Error("the secretariat's overview lacks the delegation")
	}
	for _, p := range wellFormedProblems(page) {
		t.Errorf("overview: %s", p)
	}
	if code, _ := do(t, he, "POST", ts.URL+"/sitzungen/48/teilnahme/liste", url.Values{"schliessen": {"ja"}}); code != http.StatusForbidden {
		t.Errorf("a member office closes the list: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/teilnahme/liste", url.Values{"schliessen": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	form.Set("version", "1")
	form.Set("name_0", "Dr. Anna Später")
	code, page = do(t, he, "POST", ts.URL+"/sitzungen/48/teilnahme", form)
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Teilnehmerliste der 48. Sitzung geschlossen") {
		t.Errorf("a change after the list is closed: %d", code)
	}
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/48/teilnahme", nil); strings.Contains(page, "Teilnahme speichern") {
		t.Error("the closed list still offers the member office to save")
	}
	form.Set("mitglied", "HE")
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/teilnahme", form); code != http.StatusSeeOther {
		t.Errorf("the secretariat corrects: %d", code)
	}
	// The minutes of the 47th session (draft, released): the secretariat
	// records Hessen's delegation there; the internal minutes name the
	// persons, the public ones do not.
	for _, v := range []url.Values{{"version": {"0"}, "zeilen": {"1"}, "mitglied": {"HE"}, "name_0": {"Dr. Anna Beispiel"}, "funktion_0": {"CIO"}, "teilnahme_0": {"online"}}} {
		if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/47/teilnahme", v); code != http.StatusSeeOther {
			t.Fatalf("the secretariat records 47: %d %s", code, body)
		}
	}
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/47/protokoll", nil); !strings.Contains(page, "Dr. Anna Beispiel, CIO (online)") {
		t.Error("the internal minutes do not name the delegation")
	}
	if _, pdf := do(t, he, "GET", ts.URL+"/sitzungen/47/protokoll.pdf", nil); !strings.Contains(pdftest.Text(t, []byte(pdf)), "Dr. Anna Beispiel") {
		t.Error("the internal minutes PDF does not name the delegation")
	}
	pub := client(t, ts, "")
	for _, path := range []string{"/sitzungen/47/protokoll", "/sitzungen/47/protokoll.pdf"} {
		code, body := do(t, pub, "GET", ts.URL+path, nil)
		if strings.HasSuffix(path, ".pdf") && code == http.StatusOK {
			body = pdftest.Text(t, []byte(body))
		}
		if strings.Contains(body, "Anna Beispiel") {
			t.Errorf("the public %s names a person of the delegation", path)
		}
	}
}

// TestDelegationRefusalAtField: a refused Teilnahme names the row's field
// it is about — aria-invalid and aria-describedby on the input, the reason
// beside it — as the registration form does, and keeps what was typed
// (before: only a box above the form, no field marked).
func TestDelegationRefusalAtField(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 1, 0)))
	he := client(t, ts, "hessen")
	for _, c := range []struct {
		name, id, reason string
		form             url.Values
	}{
		{"function without name", "name-1", "Bitte geben Sie für Person 2 den Namen an",
			url.Values{"name_0": {"Dr. Anna Beispiel"}, "funktion_1": {"Staatssekretärin"}}},
		{"the same person twice", "name-1", "dr. anna beispiel steht zweimal in der Meldung.",
			url.Values{"name_0": {"Dr. Anna Beispiel"}, "name_1": {"dr. anna beispiel"}, "funktion_1": {"Staatssekretärin"}}},
		{"function too long", "funktion-0", "Die Funktion von Person 1 darf höchstens 200 Zeichen lang sein.",
			url.Values{"name_0": {"Dr. Anna Beispiel"}, "funktion_0": {strings.Repeat("Staatssekretärin ", 13)}}},
	} {
		c.form.Set("version", "0")
		c.form.Set("zeilen", "3")
		code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/teilnahme", c.form)
		if code != http.StatusBadRequest {
			t.Errorf("%s: %d", c.name, code)
		}
		if !strings.Contains(page, `id="`+c.id+`"`) || !strings.Contains(page, `aria-invalid="true" aria-describedby="`+c.id+`-fehler"`) ||
			!strings.Contains(page, `<p class="field-error" id="`+c.id+`-fehler">`+c.reason) {
			t.Errorf("%s: the reason is not tied to the field %s", c.name, c.id)
		}
		if strings.Count(page, `aria-invalid="true"`) != 1 {
			t.Errorf("%s: %d fields marked invalid, want 1", c.name, strings.Count(page, `aria-invalid="true"`))
		}
		if !strings.Contains(page, `value="Dr. Anna Beispiel"`) || (c.form.Get("funktion_1") != "" && !strings.Contains(page, `value="Staatssekretärin"`)) {
			t.Errorf("%s: what was typed is lost", c.name)
		}
		for _, p := range wellFormedProblems(page) {
			t.Errorf("%s: %s", c.name, p)
		}
	}
}

// TestDelegationGivesEveryRowsReason: a Teilnahme with two bad rows named
// only the first (Delegation.Validate stopped there), so the member office
// corrected row 2, sent the form, and only then learned about row 3.
// Every row's reason now stands at its field, and all in the box, each
// linked to its own field (the box linked all of them as one text to the
// first field).
func TestDelegationGivesEveryRowsReason(t *testing.T) {
	ts, st := cycleServer(t)
	s48 := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 1, 0)))
	he := client(t, ts, "hessen")
	form := url.Values{"version": {"0"}, "zeilen": {"4"}, "name_0": {"Dr. Anna Beispiel"}, "funktion_1": {"Staatssekretärin"},
		"name_2": {"Bernd Muster"}, "funktion_2": {strings.Repeat("Referatsleiter ", 15)}, "name_3": {"dr. anna beispiel"}}
	code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/teilnahme", form)
	if code != http.StatusBadRequest {
		t.Fatalf("%d", code)
	}
	want := map[string]string{
		"name-1":     "Bitte geben Sie für Person 2 den Namen an",
		"funktion-2": "Die Funktion von Person 3 darf höchstens 200 Zeichen lang sein.",
		"name-3":     "dr. anna beispiel steht zweimal in der Meldung.",
	}
	reasonsAtFields(t, page, `<div class="error-box" role="alert" id="teilnahme-fehler" tabindex="-1">`, want)
	// Each reason is a link of its own to its field (before: all of
	// them one link to the first field).
	reasonsLinked(t, page, `<div class="error-box" role="alert" id="teilnahme-fehler" tabindex="-1">`, want)
	if !strings.Contains(page, `value="Bernd Muster"`) {
		t.Error("what was typed is lost")
	}
	if list, _, err := st.Delegations(context.Background(), s48.ID); err != nil || len(list) != 0 {
		t.Errorf("the refused Teilnahme was saved: %+v, %v", list, err)
	}
}
