package web

import (
	"strings"
	"testing"
)

// TestOpenProcedureSaysItsResultIsPending: the list of written procedures
// stacks each row into a card at phone width, and an open procedure's
// card ended in "Ergebnis:" and nothing (a review at 320 px). Its result
// cell now says that the result is still to come.
func TestOpenProcedureSaysItsResultIsPending(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	startProcedure(t, ts, gs)
	for _, user := range []string{"geschaeftsstelle", "bayern"} {
		_, page := do(t, client(t, ts, user), "GET", ts.URL+"/umlaufverfahren", nil)
		row := between(page, `<th scope="row"`, "</tr>")
		if !strings.Contains(row, `Ergebnis: </span><span class="sub">steht noch aus</span></td>`) {
			t.Errorf("%s: the open procedure's result cell: %s", user, row)
		}
	}
}
