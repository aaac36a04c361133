package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestProcedureAtItsDeadline: at the deadline, before the closing loop has
// run, a written procedure takes no vote (form and API), and the
// secretariat cannot "end it early": it ends at its deadline, counted once
// by the loop, not marked "vorzeitig beendet". The page says the deadline
// has passed. A majority the statute rejects (the Bund and ten Länder, one
// short of eleven) is recorded as rejected and stays off the register.
// Before, the page offered "Alle haben abgestimmt: jetzt beenden" after the
// deadline, and the procedure closed at the deadline was recorded as ended
// early; the page, the list and "Mein Bereich" said only "offen" ("Ihre
// Stimme fehlt" to a member who could no longer vote).
func TestProcedureAtItsDeadline(t *testing.T) {
	ts, st, srv := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	start := time.Now().Truncate(time.Minute)
	deadline := start.Add(48 * time.Hour)
	now := start
	srv.SetClock(func() time.Time { return now })
	st.SetClock(func() time.Time { return now })
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Frist genau", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Applicants: []string{"Bund"}},
		Deadline: deadline})
	if err != nil {
		t.Fatal(err)
	}
	// The Bund and ten Länder in favour, six Länder against: a majority of
	// the votes, but not the eleven Länder the statute asks for.
	yes := 0
	for _, m := range itplr.Members() {
		if !m.Kind.Votes() || m.Abbrev == "HE" {
			continue
		}
		choice := model.VoteNo
		if m.Abbrev == "Bund" || yes < 11 {
			choice, yes = model.VoteYes, yes+1
		}
		if err := st.CastVote(ctx, pid, m.Abbrev, choice); err != nil {
			t.Fatal(err)
		}
	}
	path := fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid)
	gs, he := client(t, ts, "geschaeftsstelle"), client(t, ts, "hessen")
	if code, _ := do(t, he, "POST", path+"/stimme", url.Values{"stimme": {"nein"}, "gesehen": {""}}); code != http.StatusSeeOther {
		t.Fatalf("Hessen before the deadline: %d", code)
	}
	if _, page := do(t, gs, "GET", path, nil); !strings.Contains(page, "/beenden") {
		t.Fatal("all have voted before the deadline: no early end offered")
	}

	now = deadline // exactly the deadline; the loop has not run yet
	code, page := do(t, he, "POST", path+"/stimme", url.Values{"stimme": {"ja"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Stimmen können nicht mehr abgegeben werden") || strings.Contains(page, `name="stimme"`) {
		t.Errorf("a vote in the form at the deadline: %d", code)
	}
	u, _, _ := st.UserLogin(ctx, "hessen")
	token, _ := auth.NewAPIToken(ctx, st, u.ID, "Landesportal Hessen")
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/umlaufverfahren/%d/stimme", ts.URL, pid), strings.NewReader(`{"stimme":"ja"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if res, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else if res.Body.Close(); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a vote by the API at the deadline: %d", res.StatusCode)
	}
	_, page = do(t, gs, "GET", path, nil)
	if strings.Contains(page, "/beenden") || !strings.Contains(page, "Frist abgelaufen") {
		t.Errorf("the page at the deadline: %s", between(page, "<dl", "</dl>"))
	}
	if _, page := do(t, gs, "GET", ts.URL+"/umlaufverfahren", nil); !strings.Contains(page, "offen – Frist abgelaufen, wird ausgezählt") {
		t.Error("the list of procedures does not say the deadline has passed")
	}
	if _, page := do(t, he, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, "Frist abgelaufen, wird ausgezählt (Ihre Stimme: ") {
		t.Error("Hessen's page does not say the deadline has passed")
	}
	if code, _ := do(t, gs, "POST", path+"/beenden", nil); code != http.StatusUnprocessableEntity {
		t.Errorf("ended early at the deadline: %d", code)
	}
	if p, _ := st.Procedure(ctx, pid); p.Status != model.ProcedureOpen {
		t.Fatalf("closed by the early end at the deadline: %+v", p)
	}
	closed, err := st.CloseDueProcedures(ctx, deadline)
	if err != nil || len(closed) != 1 {
		t.Fatalf("the loop at the deadline closed %d: %v", len(closed), err)
	}
	if again, _ := st.CloseDueProcedures(ctx, deadline.Add(time.Minute)); len(again) != 0 {
		t.Error("closed twice")
	}
	p, _ := st.Procedure(ctx, pid)
	d, _ := st.Decision(ctx, p.DecisionID)
	if p.EndedEarly || d.Status != model.DecisionRejected || d.Label != "" || !strings.HasPrefix(p.Result, "abgelehnt") {
		t.Errorf("closed: early %v, decision %s %q, result %q", p.EndedEarly, d.Status, d.Label, p.Result)
	}
	for _, v := range p.Votes {
		if v.Member == "HE" && v.Choice != model.VoteNo {
			t.Errorf("Hessen's vote after the deadline counted: %s", v.Choice)
		}
	}
	if _, page := do(t, gs, "GET", path, nil); strings.Contains(page, "vorzeitig") || !strings.Contains(page, "geschlossen") {
		t.Errorf("the closed procedure: %s", between(page, "<dl", "</dl>"))
	}
	if _, page := do(t, &http.Client{}, "GET", ts.URL+"/beschluesse", nil); strings.Contains(page, "Frist genau") {
		t.Error("the rejected proposal is in the public register")
	}
}
