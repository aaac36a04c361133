package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPlanBothSessionsGivesEveryReason: the form "Beide Sitzungen planen"
// gives every reason at once, each at its field: a date that is no date
// and a time that is none; the number of a session held (the 47th, on
// 26.06.2025) said as held at the number — not "schon … geplant" — with the
// time's reason; and with the held session's own date, the reason at the
// number, not above the form only. Before, a date hid the time, the 47th's
// date hid the time, the 47th was "geplant", and its own date drew a
// reason no field was marked for.
func TestPlanBothSessionsGivesEveryReason(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	for _, c := range []struct {
		nummer, datum string
		at            map[string]string // field id → part of its reason
	}{
		{"48", "31.06.2027", map[string]string{"p-datum": "gültiges Datum", "p-beginn": "„25:00“ ist keine gültige Uhrzeit"}},
		{"47", "31.06.2027", map[string]string{"p-nummer": "hat am 26.06.2025 stattgefunden", "p-datum": "gültiges Datum", "p-beginn": "„25:00“ ist keine gültige Uhrzeit"}},
		{"47", "17.06.2027", map[string]string{"p-nummer": "hat am 26.06.2025 stattgefunden", "p-beginn": "„25:00“ ist keine gültige Uhrzeit"}},
		{"47", "26.06.2025", map[string]string{"p-nummer": "hat am 26.06.2025 stattgefunden"}},
	} {
		beginn := "25:00"
		if c.datum == "26.06.2025" {
			beginn = "10:00"
		}
		plan := url.Values{"nummer": {c.nummer}, "datum": {c.datum}, "beginn": {beginn}, "ende": {"14:00"}, "ort": {"Hamburg"},
			"nummer_vorbereitung": {"40"}, "datum_vorbereitung": {""}, "ort_vorbereitung": {"Berlin"}}
		code, page := do(t, gs, "POST", ts.URL+"/gremien/al-runde/planung", plan)
		if code != http.StatusUnprocessableEntity {
			t.Errorf("%s on %s: %d, want 422", c.nummer, c.datum, code)
		}
		for id, want := range c.at {
			if got := between(page, `<p class="field-error" id="`+id+`-fehler">`, "</p>"); !strings.Contains(got, want) {
				t.Errorf("%s on %s: at %s %q, want %q", c.nummer, c.datum, id, got, want)
			}
		}
		if strings.Contains(page, "ist schon für den 26.06.2025 geplant") {
			t.Errorf("%s on %s: the held session is called planned", c.nummer, c.datum)
		}
	}
}
