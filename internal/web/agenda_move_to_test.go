package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestMoveToPosition: beside "↑" and "↓", each row of the agenda on the
// management page has "an Position …" (a select of the agenda's places,
// the item's own chosen, and "Verschieben"): one form moves a TOP several
// places at once (before, n places took n clicks); sent again from the
// same page it is a conflict, as a move by one place is; a place beyond
// the agenda is refused with the places there are.
func TestMoveToPosition(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, _ := planSession48(t, ts, st)
	var last model.AgendaItem
	for i, title := range []string{"Cloud-Strategie", "Datenportal", "Registermodernisierung"} {
		id, err := st.CreateItem(ctx, model.AgendaItem{SessionID: s48.ID, Title: title, Position: 100 + i, Status: model.ItemAccepted})
		if err != nil {
			t.Fatal(err)
		}
		last, _ = st.Item(ctx, id)
	}
	onAgenda := func() []model.AgendaItem {
		var out []model.AgendaItem
		items, _ := st.Items(ctx, s48.ID)
		for _, it := range items {
			if it.OnAgenda() {
				out = append(out, it)
			}
		}
		return out
	}
	n := len(onAgenda())
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	row := page[strings.Index(page, fmt.Sprintf(`id="top-%d"`, last.ID)):]
	row = row[:strings.Index(row, "</section>")]
	sel := between(row, fmt.Sprintf(`<select id="an-%d" name="position">`, last.ID), "</select>")
	if !strings.Contains(row, fmt.Sprintf(`<label for="an-%d">an Position`, last.ID)) || strings.Count(sel, "<option") != n ||
		!strings.Contains(sel, fmt.Sprintf(`<option value="%d" selected>`, n)) {
		t.Fatalf("no „an Position …“ with the %d places, %d chosen, in the row:\n%s", n, n, row)
	}
	move := url.Values{"position": {"2"}, "version": {strconv.Itoa(last.Version)}}
	res, err := gs.PostForm(fmt.Sprintf("%s/tops/%d/verschieben", ts.URL, last.ID), move)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), fmt.Sprintf("/sitzungen/48/verwaltung#top-%d", last.ID)) {
		t.Errorf("move to position 2: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if got := onAgenda(); got[1].ID != last.ID {
		t.Errorf("after the move, position 2 is %q", got[1].Title)
	}
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/verschieben", ts.URL, last.ID), move); code != http.StatusConflict || !strings.Contains(page, "Die Tagesordnung wurde inzwischen geändert; der TOP ist nicht verschoben.") {
		t.Errorf("the move sent twice: %d", code)
	}
	moved, _ := st.Item(ctx, last.ID)
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/verschieben", ts.URL, last.ID), url.Values{"position": {"99"}, "version": {strconv.Itoa(moved.Version)}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, fmt.Sprintf("Die Tagesordnung hat die Positionen 1 bis %d", n)) {
		t.Errorf("a place beyond the agenda: %d", code)
	}
	if got := onAgenda(); got[1].ID != last.ID {
		t.Errorf("a refused move moved %q", got[1].Title)
	}
}
