package web

import (
	"strings"
	"testing"
)

// TestBodyNamesTakeTheirCase: texts composed from a body's name take its
// article and case (model.Body.Of, Dative, Accusative): the E-Justice-Rat
// is masculine. The pages said "Aufgabenliste der E-Justice-Rat", "mit der
// E-Justice-Rat" and "auf E-Justice-Rat übertragen".
func TestBodyNamesTakeTheirCase(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/fachmk/JuMiKo", nil)
	if !strings.Contains(page, `ist auf <a href="/fachmk/E-Justice-Rat">den E-Justice-Rat</a> übertragen`) {
		t.Errorf("JuMiKo page: %s", between(page, "<h1>", "Vorsitz"))
	}
	_, page = do(t, gs, "GET", ts.URL+"/fachmk/E-Justice-Rat", nil)
	page = strings.ReplaceAll(page, "\u00ad", "")
	for _, want := range []string{"Aufgabenliste des E-Justice-Rats", "Kontakte der Sprecher:innen mit dem E-Justice-Rat."} {
		if !strings.Contains(page, want) {
			t.Errorf("E-Justice-Rat page lacks %q", want)
		}
	}
}

// TestMinutesPageStatesTheApprovedMinutes: the minutes page of the 47th
// session says in TOP 00 that the minutes of the 46th were approved there,
// as the PDF does (it said nothing) — once: its Vermerk says so in the
// minutes' words, and the generated line, which said it again, stays
// away (minutes.Item.ApprovalLines).
func TestMinutesPageStatesTheApprovedMinutes(t *testing.T) {
	ts := demoServer(t)
	_, page := get(t, ts, "/sitzungen/47/protokoll")
	top := between(page, `<span class="cell-label" aria-hidden="true">TOP </span>00`, "</tbody>")
	if strings.Count(top, "Einstimmige Bestätigung des Protokolls der 46. Sitzung") != 1 || strings.Contains(top, "wurde genehmigt.") {
		t.Errorf("TOP 00 of the minutes page: %s", top)
	}
}
