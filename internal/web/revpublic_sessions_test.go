package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestRefusedSessionYearNamesTheYearShown: a year in the address that
// cannot be used is answered with the list of the year the page opens on,
// and the note says which year that is; before, it said "des neuesten
// Jahres", while the page opens on the year of the next session, which
// need not be the newest.
func TestRefusedSessionYearNamesTheYearShown(t *testing.T) {
	ts := demoServer(t)
	res, page := get(t, ts, "/sitzungen?jahr=abc")
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", res.StatusCode)
	}
	m := regexp.MustCompile(`<caption>Sitzungen (\d{4}), neueste zuerst`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no list of a year on the page")
	}
	if want := "Gezeigt werden die Sitzungen " + m[1] + "."; !strings.Contains(page, want) {
		t.Errorf("the note does not say %q", want)
	}
	if strings.Contains(page, "des neuesten Jahres") {
		t.Errorf("the note still speaks of the newest year")
	}
}
