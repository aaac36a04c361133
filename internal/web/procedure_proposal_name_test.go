package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestProcedurePagesNameTheProposal: the live form names a
// recommendation's proposal "Empfehlungsvorschlag"; the written
// procedure's page headed an open recommendation's text "Empfehlungstext"
// (as if already adopted) and the list's column said
// "Beschlussvorschlag" for every proposal. The open procedure's page and
// the list name it as the live form does.
func TestProcedurePagesNameTheProposal(t *testing.T) {
	ts, st := cycleServer(t)
	pid, _ := votedProcedure(t, st, "Empfehlung im Umlauf")
	if _, err := st.Procedure(context.Background(), pid); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid), nil)
	if !strings.Contains(page, "<h2>Empfehlungsvorschlag</h2>") || strings.Contains(page, "<h2>Empfehlungstext</h2>") {
		t.Errorf("the open procedure's page does not name the proposal: %.600s", between(page, `</dl>`, `</ol>`))
	}
	_, list := do(t, gs, "GET", ts.URL+"/umlaufverfahren", nil)
	if strings.Contains(list, ">Beschlussvorschlag</th>") || !strings.Contains(between(list, "<tbody", "</tbody>"), "(Empfehlungsvorschlag)") {
		t.Errorf("the list names a recommendation's proposal Beschlussvorschlag: %.600s", between(list, "<table", "</table>"))
	}
}
