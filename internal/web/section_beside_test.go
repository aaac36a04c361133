package web

import (
	"strings"
	"testing"
)

// TestAgendaNamesTheSectionOnce: the session page's list of items names
// each item's section beside it, but not where the title names it
// already. Before, the opening item read "TOP 00 – Begrüßung
// (Begrüßung)", and an item the minutes give without title
// "Übergreifendes (im Protokoll ohne Titel) (Übergreifendes)".
func TestAgendaNamesTheSectionOnce(t *testing.T) {
	ts := demoServer(t)
	_, page := get(t, ts, "/sitzungen/47")
	for _, twice := range []string{`(Begrüßung)`, `(im Protokoll ohne Titel)</a> <span class="section-name">`} {
		if strings.Contains(page, twice) {
			t.Errorf("the agenda names a section twice: %q", twice)
		}
	}
	if !strings.Contains(page, `TOP 10 – Bericht des Themenpaten</a> <span class="section-name">(Informationssicherheit)</span>`) {
		t.Error("the agenda no longer names an item's section beside its title")
	}
}
