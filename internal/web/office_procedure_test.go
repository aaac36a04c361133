package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestOfficeProcedureListAndBallotAfterTheVote: a member office's list of
// written procedures did not say in which its vote was still missing
// ("Mein Bereich" did, the list the menu leads to did not), and after the
// vote its ballot still offered "Stimme abgeben" beside "(bisher: Ja)".
// Now the list says for the procedures the office votes in "Ihre Stimme
// fehlt" or "Ihre Stimme: Ja", and the ballot with a vote "Stimme
// ändern"; the secretariat and an advisory member, who have no vote,
// read neither.
func TestOfficeProcedureListAndBallotAfterTheVote(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Empfehlung zur Cloud-Strategie", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/umlaufverfahren/%d", pid)
	row := func(who string) string {
		t.Helper()
		_, page := do(t, client(t, ts, who), "GET", ts.URL+"/umlaufverfahren", nil)
		i := strings.Index(page, `href="`+path+`"`)
		if i < 0 {
			t.Fatalf("%s: no procedure %d in the list", who, pid)
		}
		return officeText(page[i : i+strings.Index(page[i:], "</tr>")])
	}
	he := client(t, ts, "hessen")
	if got := row("hessen"); !strings.Contains(got, "Ihre Stimme fehlt") {
		t.Errorf("Hessen's row before its vote: %q", got)
	}
	_, page := do(t, he, "GET", ts.URL+path, nil)
	form := postedForm(page, path+"/stimme")
	form.Set("stimme", "ja")
	if code, _ := do(t, he, "POST", ts.URL+path+"/stimme", form); code != http.StatusSeeOther {
		t.Fatalf("Hessen's vote: %d", code)
	}
	if got := row("hessen"); !strings.Contains(got, "Ihre Stimme: Ja") || strings.Contains(got, "fehlt") {
		t.Errorf("Hessen's row after its vote: %q", got)
	}
	for _, who := range []string{"geschaeftsstelle", "dlt"} {
		if got := row(who); strings.Contains(got, "Ihre Stimme") {
			t.Errorf("%s's row: %q", who, got)
		}
	}
	_, page = do(t, he, "GET", ts.URL+path, nil)
	ballot := between(page, `action="`+path+`/stimme"`, "</form>")
	if !strings.Contains(ballot, "(bisher: Ja)") || !strings.Contains(ballot, `<button type="submit">Stimme ändern</button>`) {
		t.Errorf("the ballot after the vote: %s", ballot)
	}
	_, page = do(t, client(t, ts, "bayern"), "GET", ts.URL+path, nil)
	if ballot := between(page, `action="`+path+`/stimme"`, "</form>"); !strings.Contains(ballot, `<button type="submit">Stimme abgeben</button>`) {
		t.Errorf("the ballot before the vote: %s", ballot)
	}
}
