package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestALRundePagesMarkTheALRundeInTheMenu: the AL-Runde's session pages
// marked "Sitzungen" — the IT-PLR's sessions — as the current menu item
// (aria-current), so that a screen reader and the highlighted menu said
// the secretariat was somewhere else (a review of a session day). They
// now mark "AL-Runde"; the IT-PLR's session pages keep "Sitzungen".
func TestALRundePagesMarkTheALRundeInTheMenu(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	current := func(page string) string {
		i := strings.Index(page, `aria-current="page"`)
		if i < 0 {
			return ""
		}
		return between(page[i:], ">", "<")
	}
	for path, want := range map[string]string{
		"/gremien/al-runde/sitzungen/39":              "AL-Runde",
		"/gremien/al-runde/sitzungen/39/verwaltung":   "AL-Runde",
		"/gremien/al-runde/sitzungen/39/live":         "AL-Runde",
		"/gremien/al-runde/sitzungen/39/anwesenheit":  "AL-Runde",
		"/gremien/al-runde/sitzungen/39/empfehlungen": "AL-Runde",
		"/sitzungen/47":            "Sitzungen",
		"/sitzungen/47/verwaltung": "Sitzungen",
	} {
		code, page := do(t, gs, "GET", ts.URL+path, nil)
		if code != http.StatusOK {
			t.Errorf("%s: %d", path, code)
			continue
		}
		if got := current(page); got != want {
			t.Errorf("%s marks %q as the current menu item, want %q", path, got, want)
		}
	}
}
