package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// headingTag finds the opening tags of headings h1–h6.
var headingTag = regexp.MustCompile(`<h([1-6])[ >]`)

// TestFachMKReportsHeading: the spokespersons' reports under "Reporting
// FachMK" were introduced by bold text, no heading. They have a real
// heading one level below what stands above them: h3 in the minutes
// (below the section's h2; the item there is no heading), and no page
// that shows them skips a heading level (axe "heading-order").
func TestFachMKReportsHeading(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 49, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	hb := client(t, ts, "sprecher-hb")
	if code, body := do(t, hb, "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "bericht": {"Die FMK hat die Grundsteuer beraten."}, "version": {"0"}}); code != http.StatusSeeOther {
		t.Fatalf("save report: %d %s", code, body)
	}
	gs := client(t, ts, "geschaeftsstelle")
	for path, want := range map[string]string{
		"/sitzungen/49/protokoll": `<h3 class="reports-h">Berichte der fachpolitischen Sprecher:innen</h3>`,
		"/sitzungen/49":           `class="reports-h">Berichte der fachpolitischen Sprecher:innen</h`,
	} {
		_, page := do(t, gs, "GET", ts.URL+path, nil)
		if !strings.Contains(page, want) {
			t.Errorf("%s: no heading %s: %.300s", path, want, between(page, `<div class="fachmk-reports">`, `</div>`))
		}
		main := between(page, "<main", "</main>")
		last := 1
		for _, m := range headingTag.FindAllStringSubmatch(main, -1) {
			level, _ := strconv.Atoi(m[1])
			if level > last+1 {
				t.Errorf("%s: h%d follows h%d", path, level, last)
			}
			last = level
		}
	}
}
