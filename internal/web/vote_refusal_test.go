package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestOwnVoteWithoutChoiceLinksToTheBallot: a member's vote sent without a
// choice — in session and in written procedure — is refused with the
// error box that links to the ballot's first choice, and the reason stands
// at the ballot (aria-describedby on its fieldset), as on the other forms.
// Before, the page gave a paragraph with the reason and no link.
func TestOwnVoteWithoutChoiceLinksToTheBallot(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision)
	if _, err := st.OpenVote(ctx, sid, d); err != nil {
		t.Fatal(err)
	}
	v, _, _ := st.OpenSessionVote(ctx, sid)
	startProcedure(t, ts, client(t, ts, "geschaeftsstelle"))
	ps, _ := st.Procedures(ctx)
	he := client(t, ts, "hessen")
	for _, c := range []struct{ path, first string }{
		{fmt.Sprintf("/abstimmungen/%d/stimme", v.ID), "mein-ja"},
		{fmt.Sprintf("/umlaufverfahren/%d/stimme", ps[0].ID), "stimme-ja"},
	} {
		code, body := do(t, he, "POST", ts.URL+c.path, url.Values{})
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("%s without a choice: %d", c.path, code)
		}
		box := between(body, `class="error-box"`, "</div>")
		if !strings.Contains(box, `<a href="#`+c.first+`">Bitte eine Stimme wählen`) {
			t.Errorf("%s: the error box does not link to the ballot: %s", c.path, box)
		}
		if !strings.Contains(body, `<fieldset id="stimme-wahl" aria-describedby="stimme-fehler">`) || !strings.Contains(body, `<p class="field-error" id="stimme-fehler">Bitte eine Stimme wählen`) {
			t.Errorf("%s: the reason is not at the ballot: %s", c.path, between(body, "<fieldset", "</fieldset>"))
		}
		if wellFormedProblems(body) != nil {
			t.Errorf("%s: %v", c.path, wellFormedProblems(body))
		}
	}
}

// startProcedure has the secretariat (gs) start a written procedure of the
// IT-PLR on an application of the Bund, due in two days.
func startProcedure(t *testing.T, ts *httptest.Server, gs *http.Client) {
	t.Helper()
	deadline := time.Now().Add(48 * time.Hour)
	form := url.Values{"titel": {"Umlauf"}, "punkte": {"Der IT-Planungsrat beschließt."}, "antrag": {"Bund"},
		"frist_datum": {model.BerlinDate(deadline).String()}, "frist_zeit": {model.BerlinClock(deadline)}}
	if code, _ := do(t, gs, "POST", ts.URL+"/umlaufverfahren", form); code != http.StatusSeeOther {
		t.Fatalf("start: %d", code)
	}
}
