package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestDeclinedRegistrationDoesNotHoldUpTheEnd: a declined registration's
// proposal (a declined duplicate) is not treated in the session, so it
// neither stands among the open proposals nor blocks "Sitzung beenden".
// Before, the page listed no open proposal and showed no checkbox, while
// the end was refused with "über Beschlussvorschläge wurde noch nicht
// abgestimmt": the page and the check read different lists.
func TestDeclinedRegistrationDoesNotHoldUpTheEnd(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision)
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	for _, status := range []model.ItemStatus{model.ItemDeclined, model.ItemRegistered} {
		it, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Title: "Doppelte Anmeldung " + string(status), Position: 9, Status: status, RegisteredBy: "HE", Goal: model.GoalDecision})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: sid, ItemID: it, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
			Title: "Doppelte Anmeldung", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Applicants: []string{"Bund"}}); err != nil {
			t.Fatal(err)
		}
	}
	gs := client(t, ts, "geschaeftsstelle")
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung", ts.URL, d), seenVersion(t, st, d, everyoneBut("ja"))); code != http.StatusSeeOther {
		t.Fatalf("show of hands: %d %s", code, page)
	}
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); strings.Contains(page, "Noch nicht abgestimmt") || strings.Contains(page, "offene_vorschlaege") {
		t.Errorf("the management page lists a registration's proposal as open: %s", between(page, `id="h-status"`, "</section>"))
	}
	se, _ := st.Session(ctx, sid)
	end := endForm(se)
	if code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", end); code != http.StatusSeeOther {
		t.Fatalf("ending with every agenda proposal voted: %d %s", code, between(page, `id="h-status"`, "</section>"))
	}
	if se, _ := st.Session(ctx, sid); se.Status != model.StatusEnded {
		t.Errorf("the session is %s", se.Status)
	}
}
