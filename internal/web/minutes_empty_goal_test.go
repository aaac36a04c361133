package web

import (
	"strings"
	"testing"
)

// TestMinutesPageEmptyGoalShowsDash: an item without Ziel shows "–" on
// the minutes page, as an empty Quelle or BE does and as the session
// page's facts do. TOP 00 (Begrüßung) of the 47th session has none; the
// page showed "Ziel:" and nothing.
func TestMinutesPageEmptyGoalShowsDash(t *testing.T) {
	ts := demoServer(t)
	_, page := get(t, ts, "/sitzungen/47/protokoll")
	top := between(page, `<span class="cell-label" aria-hidden="true">TOP </span>00`, "</tbody>")
	if !strings.Contains(top, `<span class="cell-label" aria-hidden="true">Ziel: </span>–</td>`) {
		t.Errorf("TOP 00 of the public minutes page: %s", top)
	}
}
