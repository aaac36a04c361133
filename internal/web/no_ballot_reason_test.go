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

// TestBallotPagesSayWhyThereIsNoBallot: a spokesperson (an internal
// reader acting for a Land, whose office votes) saw the live vote's
// ballot and the written procedure's page without a form and without a
// word why; an advisory member learnt it only while a vote ran. Both read
// the reason in German, on the live vote before and during a vote and on
// the written procedure; a voting member keeps its form.
func TestBallotPagesSayWhyThereIsNoBallot(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	_, _, d := runningSession(t, st, model.KindDecision)
	const (
		spokesperson = "Sie sind als fachpolitische:r Sprecher:in angemeldet und stimmen nicht mit ab; die Stimme für Bremen gibt das Büro des Mitglieds ab."
		advisory     = "DLT ist beratendes Mitglied: beratende Mitglieder können sich zu Wort melden, stimmen aber nicht ab."
	)
	hb, dlt := client(t, ts, "sprecher-hb"), client(t, ts, "dlt")
	for _, path := range []string{"/sitzungen/48/abstimmung", "/sitzungen/48/abstimmung/stand"} {
		if _, body := do(t, hb, "GET", ts.URL+path, nil); !strings.Contains(body, spokesperson) {
			t.Errorf("%s before the vote does not tell the spokesperson why it has no ballot:\n%s", path, between(body, "<main", "</main>"))
		}
		if _, body := do(t, dlt, "GET", ts.URL+path, nil); !strings.Contains(body, advisory) {
			t.Errorf("%s before the vote does not tell the advisory member why it will have no ballot", path)
		}
	}
	if code, _ := do(t, client(t, ts, "geschaeftsstelle"), "POST", fmt.Sprintf("%s/entwuerfe/%d/abstimmung/eroeffnen", ts.URL, d), nil); code != http.StatusSeeOther {
		t.Fatalf("open: %d", code)
	}
	for _, path := range []string{"/sitzungen/48/abstimmung", "/sitzungen/48/abstimmung/stand"} {
		_, body := do(t, hb, "GET", ts.URL+path, nil)
		if !strings.Contains(body, spokesperson) || strings.Contains(body, `name="stimme"`) {
			t.Errorf("%s during the vote does not tell the spokesperson why it has no ballot:\n%s", path, between(body, "<main", "</main>"))
		}
		if _, body := do(t, dlt, "GET", ts.URL+path, nil); !strings.Contains(body, advisory) {
			t.Errorf("%s during the vote does not tell the advisory member why it has no ballot", path)
		}
		if _, body := do(t, client(t, ts, "hessen"), "GET", ts.URL+path, nil); !strings.Contains(body, `name="stimme"`) || strings.Contains(body, "stimmen nicht mit ab") {
			t.Errorf("%s: Hessen's ballot", path)
		}
	}

	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Cloud-Strategie", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Cloud-Strategie."}}, Applicants: []string{"Bund"}},
		Deadline: time.Now().Add(48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid)
	if _, body := do(t, hb, "GET", path, nil); !strings.Contains(body, spokesperson) || strings.Contains(body, `name="stimme"`) {
		t.Errorf("the written procedure does not tell the spokesperson why it has no ballot:\n%s", between(body, "<main", "</main>"))
	}
	if code, _ := do(t, hb, "POST", path+"/stimme", nil); code != http.StatusForbidden {
		t.Errorf("the spokesperson's vote: %d", code)
	}
}

// TestProcedureSaysWhenTheMemberIsNoVoterOfTheBody: a member office of a
// body whose statute lets only some members vote read the procedure with
// no ballot and no reason; it reads that its member is not entitled to
// vote in that body.
func TestProcedureSaysWhenTheMemberIsNoVoterOfTheBody(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	council.Rules = model.ITPLRRules()
	council.Rules.Voters = []string{"Bund", "BY", "BE"}
	if err := st.UpdateBody(ctx, council); err != nil {
		t.Fatal(err)
	}
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Cloud-Strategie", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat empfiehlt die Cloud-Strategie."}}, Applicants: []string{"Bund"}},
		Deadline: time.Now().Add(48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid)
	if _, body := do(t, client(t, ts, "hessen"), "GET", path, nil); !strings.Contains(body, "Hessen ist im Gremium IT-PLR nicht stimmberechtigt und stimmt nicht mit ab.") || strings.Contains(body, `name="stimme"`) {
		t.Errorf("Hessen's page of the procedure:\n%s", between(body, "<main", "</main>"))
	}
	if _, body := do(t, client(t, ts, "bund"), "GET", path, nil); !strings.Contains(body, `name="stimme"`) {
		t.Error("the Bund has no ballot")
	}
}
