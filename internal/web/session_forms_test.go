package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSessionFormsGiveReasonsAtTheField: the forms planning and editing a
// session gave every reason in the box above the form only ("end before
// start", a move without reason, a special session without applicants, a
// number already used), so a screen reader user had to find the field
// (reported by the review as the public's and the secretariat's tester).
// Each reason now stands at its field, which is marked invalid.
func TestSessionFormsGiveReasonsAtTheField(t *testing.T) {
	ts, st := cycleServer(t)
	s48, _ := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	edit := func(change map[string]string) url.Values {
		v := url.Values{"version": {fmt.Sprint(s48.Version)}, "datum": {s48.Date.String()}, "beginn": {"09:00"}, "ende": {"13:00"}, "ort": {"Berlin"}, "art": {"ordentlich"}}
		for k, x := range change {
			v.Set(k, x)
		}
		return v
	}
	pair := func(change map[string]string) url.Values {
		v := url.Values{"nummer": {"49"}, "datum": {"07.05.2027"}, "beginn": {"10:00"}, "ende": {"13:00"}, "ort": {"Berlin"}, "nummer_vorbereitung": {"41"}, "ort_vorbereitung": {"Videokonferenz"}}
		for k, x := range change {
			v.Set(k, x)
		}
		return v
	}
	for _, tc := range []struct {
		name, path string
		form       url.Values
		field      string
		reason     string
	}{
		{"end before start", "/sitzungen/48/bearbeiten", edit(map[string]string{"ende": "08:00"}), "ende", "das Ende muss nach dem Beginn liegen"},
		{"moved without reason", "/sitzungen/48/bearbeiten", edit(map[string]string{"beginn": "10:00"}), "grund", "Bitte einen Grund für die Verlegung angeben"},
		{"special session without applicants", "/sitzungen/48/bearbeiten", edit(map[string]string{"art": "sonder"}), "antrag", "Eine Sondersitzung findet auf Antrag"},
		{"deadline after the session", "/sitzungen/48/bearbeiten", edit(map[string]string{"anmeldeschluss": "2099-01-01"}), "anmeldeschluss", "liegt nach der Sitzung"},
		{"number used", "/sitzungen", url.Values{"nummer": {"48"}, "datum": {"2027-03-01"}, "beginn": {"09:00"}, "ende": {"13:00"}}, "nummer", "Die 48. Sitzung gibt es bereits."},
		{"new session ends before it begins", "/sitzungen", url.Values{"nummer": {"49"}, "datum": {"2027-03-01"}, "beginn": {"13:00"}, "ende": {"09:00"}}, "ende", "das Ende muss nach dem Beginn liegen"},
		// The AL-Runde's form that plans both sessions (it gave every
		// reason in one box above the form, and a number used as "Ein
		// Eintrag mit dieser Nummer oder diesem Namen existiert bereits.").
		{"AL-Runde: its number used", "/gremien/al-runde/planung", pair(map[string]string{"nummer_vorbereitung": "39"}), "p-nv", "Die 39. AL-Runde gibt es bereits"},
		{"AL-Runde: no date of the session", "/gremien/al-runde/planung", pair(map[string]string{"datum": ""}), "p-datum", "Bitte ein gültiges Datum der Sitzung angeben"},
		{"AL-Runde: the session ends before it begins", "/gremien/al-runde/planung", pair(map[string]string{"ende": "09:00"}), "p-ende", "das Ende muss nach dem Beginn liegen"},
		{"AL-Runde after the session it prepares", "/gremien/al-runde/planung", pair(map[string]string{"datum_vorbereitung": "10.05.2027"}), "p-dv", "bereitet die Sitzung vor: ihr Datum muss vor dem"},
		{"AL-Runde: its date no date", "/gremien/al-runde/planung", pair(map[string]string{"datum_vorbereitung": "31.02.2027"}), "p-dv", "kein gültiges Datum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, page := do(t, gs, "POST", ts.URL+tc.path, tc.form)
			if code != http.StatusUnprocessableEntity {
				t.Fatalf("%d", code)
			}
			input := between(page, `<input id="`+tc.field+`"`, ">")
			if !strings.Contains(input, `aria-invalid="true" aria-describedby="`+tc.field+`-fehler"`) {
				t.Errorf("the field %s is not marked: %s", tc.field, input)
			}
			if at := between(page, `<p class="field-error" id="`+tc.field+`-fehler">`, "</p>"); !strings.Contains(at, tc.reason) {
				t.Errorf("at the field %s: %q, want %q", tc.field, at, tc.reason)
			}
			if strings.Count(page, `aria-invalid="true"`) != 1 {
				t.Errorf("%d fields marked invalid", strings.Count(page, `aria-invalid="true"`))
			}
		})
	}
}

// TestSessionFormsGiveEveryReason: the forms planning and editing a
// session gave one group of reasons at a time: a date that is no date hid
// a time that is no time (the times were checked only once the dates were
// valid), and of the session's own rules (Session.Validate: start, end,
// registration deadline, end after start) only the first was given, so
// the secretariat corrected one field, sent the form, and met the next.
// Every reason now stands at its field at once, and all of them in the
// box above the form.
func TestSessionFormsGiveEveryReason(t *testing.T) {
	ts, st := cycleServer(t)
	s48, _ := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	const alert = `<div class="error-box" role="alert">`
	// The edit form's box is the shared "error-summary" partial.
	const editAlert = `<div class="error-box" role="alert" id="angaben-fehler" tabindex="-1">`
	edit := url.Values{"version": {fmt.Sprint(s48.Version)}, "datum": {s48.Date.String()}, "beginn": {"9 Uhr"}, "ende": {"26:00"},
		"ort": {"Berlin"}, "art": {"ordentlich"}}
	editLate := url.Values{"version": {fmt.Sprint(s48.Version)}, "datum": {s48.Date.String()}, "beginn": {"13:00"}, "ende": {"09:00"},
		"ort": {"Berlin"}, "art": {"ordentlich"}, "anmeldeschluss": {"2099-01-01"}, "grund": {"Raum belegt"}}
	for _, tc := range []struct {
		name, path string
		form       url.Values
		box        string
		want       map[string]string
	}{
		{"new session: no date, no times", "/sitzungen", url.Values{"nummer": {"49"}, "datum": {"2027-02-30"}, "beginn": {"25:00"}, "ende": {"26:00"}}, alert,
			map[string]string{"datum": "Bitte ein gültiges Datum angeben", "beginn": "„25:00“ ist keine gültige Uhrzeit", "ende": "„26:00“ ist keine gültige Uhrzeit"}},
		{"new session: deadline after it, end before start", "/sitzungen", url.Values{"nummer": {"49"}, "datum": {"2027-03-01"}, "beginn": {"13:00"}, "ende": {"09:00"}, "anmeldeschluss": {"2027-04-01"}}, alert,
			map[string]string{"anmeldeschluss": "liegt nach der Sitzung", "ende": "das Ende muss nach dem Beginn liegen"}},
		{"new session: number used, no date", "/sitzungen", url.Values{"nummer": {"48"}, "datum": {"2027-02-30"}, "beginn": {"09:00"}, "ende": {"13:00"}}, alert,
			map[string]string{"nummer": "Die 48. Sitzung gibt es bereits.", "datum": "Bitte ein gültiges Datum angeben"}},
		{"edit: no date, no time", "/sitzungen/48/bearbeiten", withForm(edit, "datum", "30.02.2027", "beginn", "09:00"), editAlert,
			map[string]string{"datum": "Bitte ein gültiges Datum angeben", "ende": "„26:00“ ist keine gültige Uhrzeit"}},
		{"edit: no times", "/sitzungen/48/bearbeiten", edit, editAlert,
			map[string]string{"beginn": "„9 Uhr“ ist keine gültige Uhrzeit", "ende": "„26:00“ ist keine gültige Uhrzeit"}},
		{"edit: deadline after it, end before start", "/sitzungen/48/bearbeiten", editLate, editAlert,
			map[string]string{"anmeldeschluss": "liegt nach der Sitzung", "ende": "das Ende muss nach dem Beginn liegen"}},
		{"new session: special without application, end before start", "/sitzungen", url.Values{"nummer": {"49"}, "art": {"sonder"}, "datum": {"2027-03-01"}, "beginn": {"13:00"}, "ende": {"09:00"}}, alert,
			map[string]string{"antrag": "Eine Sondersitzung findet auf Antrag des Bundes oder dreier Länder statt", "ende": "das Ende muss nach dem Beginn liegen"}},
		{"new session: special without application (the store's refusal)", "/sitzungen", url.Values{"nummer": {"49"}, "art": {"sonder"}, "antrag": {"HE, DLT"}, "datum": {"2027-03-01"}, "beginn": {"09:00"}, "ende": {"13:00"}}, alert,
			map[string]string{"antrag": "DLT ist nicht antragsberechtigt"}},
		{"edit: moved without reason, deadline after it", "/sitzungen/48/bearbeiten", withForm(editLate, "grund", "", "beginn", "10:00", "ende", "13:00"), editAlert,
			map[string]string{"grund": "Bitte einen Grund für die Verlegung angeben", "anmeldeschluss": "liegt nach der Sitzung"}},
		{"edit: no date, a later start without reason", "/sitzungen/48/bearbeiten", withForm(edit, "datum", "30.02.2027", "beginn", "10:00", "ende", "13:00"), editAlert,
			map[string]string{"datum": "Bitte ein gültiges Datum angeben", "grund": "Bitte einen Grund für die Verlegung angeben"}},
		{"edit: special without application, moved without reason", "/sitzungen/48/bearbeiten", withForm(edit, "art", "sonder", "beginn", "10:00", "ende", "13:00"), editAlert,
			map[string]string{"antrag": "Eine Sondersitzung findet auf Antrag des Bundes oder dreier Länder statt", "grund": "Bitte einen Grund für die Verlegung angeben"}},
		{"AL-Runde: its date no date, the session ends before it begins", "/gremien/al-runde/planung",
			url.Values{"nummer": {"49"}, "datum": {"07.05.2027"}, "beginn": {"13:00"}, "ende": {"09:00"}, "ort": {"Berlin"}, "nummer_vorbereitung": {"41"}, "datum_vorbereitung": {"31.02.2027"}}, `<div class="error-box"><p>`,
			map[string]string{"p-dv": "kein gültiges Datum", "p-ende": "das Ende muss nach dem Beginn liegen"}},
		{"AL-Runde after the session it prepares, its number used", "/gremien/al-runde/planung",
			url.Values{"nummer": {"49"}, "datum": {"07.05.2027"}, "beginn": {"10:00"}, "ende": {"13:00"}, "ort": {"Berlin"}, "nummer_vorbereitung": {"39"}, "datum_vorbereitung": {"10.05.2027"}},
			`<div class="error-box"><p>`,
			map[string]string{"p-nv": "Die 39. AL-Runde gibt es bereits", "p-dv": "bereitet die Sitzung vor: ihr Datum muss vor dem"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, page := do(t, gs, "POST", ts.URL+tc.path, tc.form)
			if code != http.StatusUnprocessableEntity {
				t.Fatalf("%d", code)
			}
			reasonsAtFields(t, page, tc.box, tc.want)
		})
	}
	if got, err := st.Session(context.Background(), s48.ID); err != nil || got.Version != s48.Version {
		t.Errorf("a refused edit was saved: %+v, %v", got, err)
	}
}

// withForm gives a copy of v with the pairs (name, value, …) set.
func withForm(v url.Values, pairs ...string) url.Values {
	out := url.Values{}
	for k, x := range v {
		out[k] = append([]string(nil), x...)
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		out.Set(pairs[i], pairs[i+1])
	}
	return out
}

// TestProcedureStartGivesEveryReason: the form starting a written
// procedure (Umlaufverfahren) gave one reason at a time and at no field:
// without title and points it said only that, with them only the deadline
// in the past, and only then that Hessen alone may not apply. Every
// reason now stands at its field, all of them above the form, and what
// was typed stays.
func TestProcedureStartGivesEveryReason(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	before, err := st.Procedures(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"no title, no points, deadline past, one Land", url.Values{"art": {"beschluss"}, "antrag": {"HE"}, "frist_datum": {"2020-11-01"}, "frist_zeit": {"12:00"}},
			map[string]string{"titel": "Bitte einen Titel angeben.", "punkte": "Bitte die Beschlusspunkte angeben", "frist_datum": "Die Frist muss in der Zukunft liegen",
				"antrag": "nötig ist der Antrag des Bundes oder dreier Länder"}},
		// A time that is none is said at the time, not at the date (before:
		// "Bitte eine Frist angeben" at the date, the time not marked).
		{"open mark, no time, advisory member", url.Values{"art": {"empfehlung"}, "titel": {"Titel [[offen"}, "punkte": {"1. Punkt"}, "antrag": {"DLT"}, "frist_datum": {"2099-01-01"}, "frist_zeit": {"25:99"}},
			map[string]string{"titel": "Die Markierung vertraulicher Passagen ist unvollständig", "frist_zeit": "„25:99“ ist keine gültige Uhrzeit", "antrag": "DLT ist nicht antragsberechtigt"}},
		{"no date, no time", url.Values{"art": {"empfehlung"}, "titel": {"Titel"}, "punkte": {"1. Punkt"}, "antrag": {"Bund"}, "frist_datum": {""}, "frist_zeit": {"25:99"}},
			map[string]string{"frist_datum": "Bitte als Frist ein gültiges Datum angeben", "frist_zeit": "„25:99“ ist keine gültige Uhrzeit"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, page := do(t, gs, "POST", ts.URL+"/umlaufverfahren", tc.form)
			if code != http.StatusUnprocessableEntity {
				t.Fatalf("%d", code)
			}
			reasonsAtFields(t, page, `<div class="error-box" role="alert"`, tc.want)
			if v := tc.form.Get("titel"); v != "" && !strings.Contains(page, `value="`+v+`"`) {
				t.Errorf("the typed title %q is lost", v)
			}
		})
	}
	if after, err := st.Procedures(context.Background()); err != nil || len(after) != len(before) {
		t.Errorf("a refused procedure was started: %d → %d, %v", len(before), len(after), err)
	}
}
