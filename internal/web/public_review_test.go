package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestConferenceDatesReadAsOneSpan: a conference date over two days with
// times reads "20.05.2099, 10:00 Uhr bis 21.05.2099, 15:00 Uhr", not
// "… bis 21.05.2099 bis 15:00 Uhr"; one day with times reads "… 10:00 Uhr
// bis 15:00 Uhr" and a date whose end is its start names the day once.
func TestConferenceDatesReadAsOneSpan(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	for _, f := range []url.Values{
		{"titel": {"Frühjahrskonferenz 2099"}, "beginn": {"2099-05-20"}, "ende": {"2099-05-21"}, "von": {"10:00"}, "bis": {"15:00"}, "ort": {"Bremen"}},
		{"titel": {"Sondersitzung 2099"}, "beginn": {"2099-06-03"}, "von": {"09:30"}, "bis": {"12:00"}, "ort": {"Berlin"}},
		{"titel": {"Videokonferenz 2099"}, "beginn": {"2099-07-01"}, "ende": {"2099-07-01"}, "von": {"14:00"}, "bis": {"16:00"}},
	} {
		if code, body := do(t, gs, "POST", ts.URL+"/fachmk/FMK/termine", f); code != http.StatusSeeOther {
			t.Fatalf("add date %v: %d %s", f, code, body)
		}
	}
	_, page := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/FMK", nil)
	for _, want := range []string{
		"20.05.2099, 10:00 Uhr bis 21.05.2099, 15:00 Uhr: Frühjahrskonferenz 2099, Bremen",
		"03.06.2099, 09:30 Uhr bis 12:00 Uhr: Sondersitzung 2099, Berlin",
		"01.07.2099, 14:00 Uhr bis 16:00 Uhr: Videokonferenz 2099",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("FachMK page lacks %q:\n%s", want, between(page, "Anstehende Sitzungstermine", "</ul>"))
		}
	}
}
