package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestGreenListPulledItemStaysOff: an item a voting member had taken off
// the Grüne Liste is treated singly; the secretariat's tick "Grüne Liste"
// on the management page put it back without a word, and the en-bloc
// vote then adopted it with the list. Now the row is refused with the
// reason at the tick, naming the member, and the item stays off the list.
func TestGreenListPulledItemStaysOff(t *testing.T) {
	w := alRundeItemOnItsGreenList(t)
	ctx := context.Background()
	gs := client(t, w.ts, "geschaeftsstelle")
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/gruene-liste/herausnehmen", w.ts.URL, w.item), url.Values{"mitglied": {"BY"}}); code != http.StatusSeeOther {
		t.Fatalf("a pull at the request of Bavaria: %d %s", code, between(page, `class="error-box"`, "</div>"))
	}
	it, err := w.st.Item(ctx, w.item)
	if err != nil {
		t.Fatal(err)
	}
	if it.Consent {
		t.Fatal("the item is on the Grüne Liste after the pull")
	}
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", w.ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "nummer": {it.Number},
		"titel": {it.Title}, "abschnitt": {fmt.Sprint(it.SectionID)}, "gruene_liste": {"1"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "auf Wunsch von BY von der Grünen Liste genommen und wird einzeln behandelt") {
		t.Errorf("the pulled item ticked for the Grüne Liste again: %d %s", code, between(page, fmt.Sprintf(`id="top-%d"`, it.ID), "</form>"))
	}
	if !strings.Contains(page, fmt.Sprintf(`id="gl-%d" name="gruene_liste" value="1" checked aria-invalid="true"`, it.ID)) {
		t.Errorf("the reason does not stand at the tick: %s", between(page, fmt.Sprintf(`id="top-%d"`, it.ID), "</form>"))
	}
	if got, _ := w.st.Item(ctx, it.ID); got.Consent {
		t.Error("the pulled item is back on the Grüne Liste, to be adopted en bloc")
	}
}
