package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// sharedSummary checks that the page shows the refused form's reasons in
// the shared box (template "error-summary": role, focus target, what did
// not happen, every reason in a list, each link leading to the page) and
// that the page says "Ihre Eingabe" exactly once — in the box's closing
// sentence after an input error, in the conflict's own reason after a
// stale form.
func sharedSummary(t *testing.T, code int, page, id string) {
	t.Helper()
	main := between(page, "<main", "</main>")
	if n := strings.Count(main, "Ihre Eingabe"); n != 1 {
		t.Errorf("the page says „Ihre Eingabe“ %d times (%d): %s", n, code, between(page, `class="error-box"`, "</div>"))
	}
	open := `<div class="error-box" role="alert" id="` + id + `" tabindex="-1"><p>`
	if code < 400 || code >= 500 || !strings.Contains(page, open) {
		t.Errorf("%d, no shared box %q: %s", code, id, between(page, `class="error-box"`, "</div>"))
		return
	}
	box := between(page, open, "</div>")
	if !strings.Contains(box, ":</p>\n<ul><li>") {
		t.Errorf("the box %s does not list its reasons after what did not happen: %s", id, box)
	}
	summaryLinksResolve(t, page, open)
}

// twice posts the form of the page at path that posts to action (its
// hidden fields, the version among them, with fill) once, which must be
// saved, and again from the same page: the second is stale.
func twice(t *testing.T, ts *httptest.Server, c *http.Client, path, action string, fill, again url.Values) (int, string) {
	t.Helper()
	_, page := do(t, c, "GET", ts.URL+path, nil)
	form := postedForm(page, action)
	if form == nil {
		t.Fatalf("%s has no form to %s", path, action)
	}
	second := url.Values{}
	for k, v := range form {
		second[k] = v
	}
	for k, v := range fill {
		form[k] = v
	}
	for k, v := range again {
		second[k] = v
	}
	if code, body := do(t, c, "POST", ts.URL+action, form); code != http.StatusSeeOther {
		t.Fatalf("the first save to %s: %d %s", action, code, between(body, "<main", "</main>"))
	}
	return do(t, c, "POST", ts.URL+action, second)
}

// TestErrorBoxSaysInputOnce: about fifteen forms wrote the box above them
// by hand and closed it with "Das Formular zeigt Ihre Eingabe.", which a
// stale form's reason says already ("… die Seite zeigt den neuen Stand,
// das Formular Ihre Eingabe"): after a conflict the user read it twice
// (the task matrix said it in two boxes); and the boxes differed from the
// shared one (no focus target, reasons joined or not linked to their
// fields, the profile's not linked at all). Each now is the shared
// "error-summary", which says it once after an input error and leaves it
// to the conflict's reason.
func TestErrorBoxSaysInputOnce(t *testing.T) {
	ts, st := cycleServer(t)
	planSession48(t, ts, st)
	gs, he := client(t, ts, "geschaeftsstelle"), client(t, ts, "hessen")
	post := func(c *http.Client, path string, v url.Values) (int, string) {
		t.Helper()
		return do(t, c, "POST", ts.URL+path, v)
	}

	t.Run("legal page", func(t *testing.T) {
		const path = "/rechtliche-seiten/barrierefreiheit"
		_, page := do(t, gs, "GET", ts.URL+path, nil)
		form := postedForm(page, path)
		form.Set("text", "Hallo <b>Welt</b>")
		form.Set("aktion", "speichern")
		code, page := post(gs, path, form)
		sharedSummary(t, code, page, "seite-fehler")
		code, page = twice(t, ts, gs, path, path, url.Values{"text": {"Erste Fassung"}, "aktion": {"speichern"}}, url.Values{"text": {"Zweite Fassung"}, "aktion": {"speichern"}})
		sharedSummary(t, code, page, "seite-fehler")
	})

	t.Run("delegation", func(t *testing.T) {
		const path = "/sitzungen/48/teilnahme"
		row := url.Values{"zeilen": {"1"}, "name_0": {"Dr. Anna Beispiel"}, "funktion_0": {"CIO"}, "teilnahme_0": {"vor_ort"}}
		bad := url.Values{"version": {"0"}, "zeilen": {"1"}, "name_0": {""}, "funktion_0": {"Staatssekretärin"}, "teilnahme_0": {"vor_ort"}}
		code, page := post(he, path, bad)
		sharedSummary(t, code, page, "teilnahme-fehler")
		other := url.Values{"name_0": {"Ben Vertreter"}}
		for k, v := range row {
			if k != "name_0" {
				other[k] = v
			}
		}
		code, page = twice(t, ts, he, path, path, row, other)
		sharedSummary(t, code, page, "teilnahme-fehler")
	})

	t.Run("attendance", func(t *testing.T) {
		const path = "/sitzungen/48/anwesenheit"
		code, page := post(gs, path, url.Values{"anwesenheit_HE": {"vertreten"}, "person_HE": {""}, "version": {drawnAttendance(t, gs, ts.URL+path)}})
		sharedSummary(t, code, page, "anwesenheit-fehler")
		code, page = twice(t, ts, gs, path, path, url.Values{"anwesenheit_HE": {"vertreten"}, "person_HE": {"Staatssekretärin Müller"}}, url.Values{"anwesenheit_BY": {"vertreten"}, "person_BY": {"Staatssekretär Huber"}})
		sharedSummary(t, code, page, "anwesenheit-fehler")
	})

	t.Run("session edit", func(t *testing.T) {
		const path, action = "/sitzungen/48/bearbeiten", "/sitzungen/48/bearbeiten"
		_, page := do(t, gs, "GET", ts.URL+path, nil)
		form := postedForm(page, action)
		form.Set("datum", "kein Datum")
		code, page := post(gs, action, form)
		sharedSummary(t, code, page, "angaben-fehler")
		_, page = do(t, gs, "GET", ts.URL+path, nil)
		date := regexp.MustCompile(`id="datum" name="datum" type="date" required value="([^"]*)"`).FindStringSubmatch(page)
		if date == nil {
			t.Fatal("the edit form has no date")
		}
		code, page = twice(t, ts, gs, path, action, url.Values{"datum": {date[1]}, "grund": {"Raumwechsel"}, "ort": {"Bonn"}}, url.Values{"datum": {date[1]}, "grund": {"Raumwechsel"}, "ort": {"Köln"}})
		sharedSummary(t, code, page, "angaben-fehler")
	})

	t.Run("session cancel", func(t *testing.T) {
		const path, action = "/sitzungen/48/bearbeiten", "/sitzungen/48/absagen"
		_, page := do(t, gs, "GET", ts.URL+path, nil)
		form := postedForm(page, action)
		form.Set("grund", strings.Repeat("Terminkollision ", 40))
		code, page := post(gs, action, form)
		sharedSummary(t, code, page, "absage-fehler")
		form.Set("grund", "Terminkollision")
		form.Set("version", "999")
		code, page = post(gs, action, form)
		if code != http.StatusConflict {
			t.Errorf("a stale cancellation: %d", code)
		}
		sharedSummary(t, code, page, "absage-fehler")
	})

	t.Run("task matrix", func(t *testing.T) {
		code, page := post(gs, "/aufgaben", url.Values{"text": {"Neue Aufgabe"}, "sprecher": {"verantwortlich"}, "fitko": {"unterstuetzend"}, "wiederholung": {"einmalig"}, "position": {"2,5"}})
		sharedSummary(t, code, page, "aufgabe-fehler")
		tasks, _ := st.Tasks(t.Context())
		task := tasks[0]
		action := fmt.Sprintf("/aufgaben/%d", task.ID)
		fields := func(text string) url.Values {
			return url.Values{"text": {text}, "sprecher": {string(task.Spokesperson)}, "fitko": {string(task.FITKO)}, "wiederholung": {string(task.Recurrence)}, "position": {fmt.Sprint(task.Position)}}
		}
		code, page = twice(t, ts, gs, "/aufgaben", action, fields(task.Text+" (erste Änderung)"), fields(task.Text+" (zweite Änderung)"))
		sharedSummary(t, code, page, "aufgabe-fehler")
	})

	t.Run("key messages and briefings", func(t *testing.T) {
		code, page := post(gs, "/kernbotschaften", url.Values{"version": {"0"}, "titel": {" "}, "text": {"- Ein Punkt"}})
		sharedSummary(t, code, page, "kb-neu-fehler")
		code, page = post(gs, "/briefings", url.Values{"titel": {" "}, "fachmk": {"FMK"}, "inhalt": {"Inhalt"}})
		sharedSummary(t, code, page, "briefing-neu-fehler")
		k, err := st.KeyMessageByTitle(t.Context(), "Novellierung des Onlinezugangsgesetzes")
		if err != nil {
			t.Fatal(err)
		}
		kf := fmt.Sprintf("kb-%d", k.ID)
		edit := func(text string) url.Values {
			return url.Values{"id": {fmt.Sprint(k.ID)}, "version": {fmt.Sprint(k.Version)}, "titel": {k.Title}, "text": {text}}
		}
		if code, _ := post(gs, "/kernbotschaften", edit("- Erste Änderung")); code != http.StatusSeeOther {
			t.Fatalf("the first change: %d", code)
		}
		code, page = post(gs, "/kernbotschaften", edit("- Zweite Änderung"))
		if code != http.StatusConflict {
			t.Errorf("a stale key message: %d", code)
		}
		sharedSummary(t, code, page, kf+"-fehler")
	})

	t.Run("report", func(t *testing.T) {
		planSessionOn(t, st, 49, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
		hb := client(t, ts, "sprecher-hb")
		const path = "/sitzungen/49/reporting-fachmk"
		code, page := post(hb, path, url.Values{"fachmk": {"FMK"}, "bericht": {"Anlage [[offen"}, "version": {"0"}})
		sharedSummary(t, code, page, "bericht-FMK-fehler")
		if code, body := post(hb, path, url.Values{"fachmk": {"FMK"}, "bericht": {"Erster Stand."}, "version": {"0"}}); code != http.StatusSeeOther {
			t.Fatalf("save report: %d %s", code, body)
		}
		code, page = post(hb, path, url.Values{"fachmk": {"FMK"}, "bericht": {"Zweiter Stand."}, "version": {"0"}})
		sharedSummary(t, code, page, "bericht-FMK-fehler")
	})

	t.Run("evaluation round", func(t *testing.T) {
		code, page := post(gs, "/evaluation/runden", url.Values{"jahr": {"zweitausend"}})
		sharedSummary(t, code, page, "runde-neu-fehler")
	})
}

// TestErrorBoxSaysInputOnceOnRecords: as TestErrorBoxSaysInputOnce, the
// forms of a decision (its profile, its correction) and of a session's
// debrief.
func TestErrorBoxSaysInputOnceOnRecords(t *testing.T) {
	t.Run("debrief", func(t *testing.T) {
		ts, st := cycleServer(t)
		gs := client(t, ts, "geschaeftsstelle")
		assessFMKAndWMK(t, ts, st, gs)
		const path = "/sitzungen/47/nachbesprechung"
		_, page := do(t, gs, "GET", ts.URL+path, nil)
		bad := browserForm(t, page, path)
		bad.Set("datum", "kein Datum")
		code, refused := do(t, gs, "POST", ts.URL+path, bad)
		sharedSummary(t, code, refused, "nb-fehler")
		a, b := browserForm(t, page, path), browserForm(t, page, path)
		b.Set("ort", "Bonn, Bundesamt")
		if code, body := do(t, gs, "POST", ts.URL+path, b); code != http.StatusSeeOther {
			t.Fatalf("B saves: %d %s", code, between(body, "<h1>", "</form>"))
		}
		a.Set("ort", "Bonn")
		code, refused = do(t, gs, "POST", ts.URL+path, a)
		sharedSummary(t, code, refused, "nb-fehler")
	})

	t.Run("decision correction", func(t *testing.T) {
		ts, _, dec := decisionToCorrect(t, 26)
		page := ts.URL + "/beschluesse/" + dec.Label
		action := fmt.Sprintf("%s/berichtigungen/%d", ts.URL, dec.ID)
		gs := client(t, ts, "geschaeftsstelle")
		_, shown := do(t, gs, "GET", page, nil)
		formA, formB := correctionFormOf(t, shown), correctionFormOf(t, shown)
		formA.Set("titel", "Berichtigter Titel")
		formA.Set("anlass", "")
		code, refused := do(t, gs, "POST", action, formA)
		sharedSummary(t, code, refused, "berichtigung-fehler")
		formA.Set("anlass", "Schreibfehler im Titel")
		if code, body := do(t, gs, "POST", action, formA); code != http.StatusSeeOther {
			t.Fatalf("the first correction: %d %.300s", code, body)
		}
		formB.Set("punkte", formB.Get("punkte")+"\nEin Satz mehr.")
		formB.Set("anlass", "Satz ergänzt")
		code, refused = do(t, gs, "POST", action, formB)
		sharedSummary(t, code, refused, "berichtigung-fehler")
	})

	t.Run("decision profile", func(t *testing.T) {
		ts, st := debriefServer(t)
		fmk, _ := st.BodyByAbbrev(t.Context(), "FMK")
		he := client(t, ts, "hessen")
		path := fmt.Sprintf("/steckbrief/%d", decisionID(t, st, 27))
		code, page := do(t, he, "POST", ts.URL+path, url.Values{fmt.Sprintf("relevant_%d", fmk.ID): {"ja"}})
		sharedSummary(t, code, page, "steckbrief-fehler")
		code, page = twice(t, ts, he, path, path,
			url.Values{fmt.Sprintf("relevant_%d", fmk.ID): {"ja"}, fmt.Sprintf("grund_%d", fmk.ID): {"Finanzierung"}},
			url.Values{fmt.Sprintf("relevant_%d", fmk.ID): {"nein"}})
		sharedSummary(t, code, page, "steckbrief-fehler")
	})
}
