package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestCollaborationTablesNameTheirCells: at phone width the tables of the
// FachMK requests, of the reports' state on "Reporting FachMK", of a
// briefing's versions and of the delegations stacked each row into a
// card and hid the column heads, and their cells stood there unnamed: a
// FachMK secretariat read "FMK", "07.12.2026", "auf der Tagesordnung …"
// without "Eingegangen am" or "Stand" (a review at 320 px). They are now
// stacked as the register's: every cell but a row's last action link
// carries its column's name for the card.
func TestCollaborationTablesNameTheirCells(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	bs, _ := st.Briefings(ctx, fmk.ID)
	if len(bs) == 0 {
		t.Fatal("no FMK briefing in the fixture")
	}
	gs := client(t, ts, "geschaeftsstelle")
	action := regexp.MustCompile(`^<td><a href="[^"]*(teilnahme\?mitglied=|#vergleich)|^<td>–</td>`)
	for _, c := range []struct{ path, caption string }{
		{"/anliegen", "Anliegen, neueste zuerst"},
		{"/sitzungen/48/reporting-fachmk", "Sprecher:innen im Amt und ihre Berichte zur 48. Sitzung"},
		{fmt.Sprintf("/briefings/%d", bs[0].ID), `Alle Fassungen des Briefings`},
		{"/sitzungen/48/teilnahme", "Gemeldete Teilnahme der Mitglieder"},
	} {
		code, page := do(t, gs, "GET", ts.URL+c.path, nil)
		i := strings.Index(page, c.caption+"</caption>")
		if code != http.StatusOK || i < 0 {
			t.Errorf("%s: %d, no table %q", c.path, code, c.caption)
			continue
		}
		open := page[strings.LastIndex(page[:i], "<table"):i]
		if !strings.Contains(open, `stacked"`) {
			t.Errorf("%s: table %q is not stacked with named cells: %s", c.path, c.caption, open)
		}
		table := page[i : i+strings.Index(page[i:], "</table>")]
		cells := regexp.MustCompile(`<td[^>]*>.*?(</td>|$)`).FindAllString(strings.ReplaceAll(table, "\n", " "), -1)
		if len(cells) == 0 {
			t.Errorf("%s: %q has no cells", c.path, c.caption)
		}
		for _, cell := range cells {
			if !strings.Contains(cell, `<span class="cell-label" aria-hidden="true">`) && !action.MatchString(cell) {
				t.Errorf("%s: a cell of %q is not named when stacked: %.120s", c.path, c.caption, cell)
			}
		}
	}
}
