package api

import (
	"context"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestJSONKindOneVocabulary: every answer that gives a decision's kind
// ("art" of /api/v1/beschluesse, of one decision, of a session's
// "beschluesse" and "beschlusstext", of /api/v1/umlaufverfahren) gives
// it in the same words, "Beschluss" or "Empfehlung", and the register's
// filter ?art= takes those words. Before, it took only the form's
// "beschluss" and "empfehlung" and refused with 400 the value a client
// had just read.
func TestJSONKindOneVocabulary(t *testing.T) {
	ts, _ := demoAPI(t)
	kinds := map[string]bool{}
	var ds []Decision
	getJSON(t, ts.URL+"/api/v1/beschluesse", &ds)
	var one Decision
	getJSON(t, ts.URL+"/api/v1/beschluesse/2025/30", &one)
	var s47 Session
	getJSON(t, ts.URL+"/api/v1/sitzungen/47", &s47)
	for _, d := range append(ds, one) {
		kinds[d.Kind] = true
	}
	for _, it := range s47.Items {
		for _, d := range it.Decisions {
			kinds[d.Kind] = true
		}
		for _, d := range it.DecisionTexts {
			kinds[d.Kind] = true
		}
	}
	for k := range kinds {
		if k != "Beschluss" && k != "Empfehlung" {
			t.Errorf("art %q is neither Beschluss nor Empfehlung", k)
		}
	}
	for query, want := range map[string]int{"Beschluss": 200, "Empfehlung": 200, "beschluss": 200, "empfehlung": 200, "EMPFEHLUNG": 200, "Beschlussempfehlung": 400} {
		var got []Decision
		if code := getJSON(t, ts.URL+"/api/v1/beschluesse?art="+query, &got); code != want {
			t.Errorf("?art=%s: %d, want %d", query, code, want)
		}
		for _, d := range got {
			if !strings.EqualFold(d.Kind, query) {
				t.Errorf("?art=%s gives %s of art %q", query, d.Number, d.Kind)
			}
		}
	}
	var all, decisions []Decision
	getJSON(t, ts.URL+"/api/v1/beschluesse", &all)
	getJSON(t, ts.URL+"/api/v1/beschluesse?art=Beschluss", &decisions)
	if len(decisions) == 0 || len(decisions) != len(all) {
		t.Errorf("?art=Beschluss gives %d of the %d decisions (the demo has no Empfehlung)", len(decisions), len(all))
	}
}

// TestJSONProcedureOfTheALRunde: a written procedure of the AL-Runde reads
// in the JSON API as on its page: "bezeichnung" Beschlussempfehlung
// beside "art", the kind of the proposal it recommends on, and once
// adopted its number in "beschluss" — the reader is internal (a member
// office); before, the number was left out because the AL-Runde's
// recommendations are not public, as if the procedure had no result.
func TestJSONProcedureOfTheALRunde(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	u, _, err := st.UserLogin(ctx, "hessen")
	if err != nil {
		t.Fatal(err)
	}
	tok, err := auth.NewAPIToken(ctx, st, u.ID, "hessen")
	if err != nil {
		t.Fatal(err)
	}
	prep, err := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: prep.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Empfehlung zur Cloud-Strategie", Points: []model.Point{{Text: "Die AL-Runde empfiehlt die Annahme."}}, Applicants: []string{"Bund"}},
		Deadline: time.Date(2031, 3, 2, 12, 0, 0, 0, model.Berlin)})
	if err != nil {
		t.Fatal(err)
	}
	find := func() Procedure {
		t.Helper()
		ps, code := procedureList(t, ts, tok)
		for _, p := range ps {
			if p.ID == pid {
				return p
			}
		}
		t.Fatalf("procedure %d not listed (%d)", pid, code)
		return Procedure{}
	}
	if p := find(); p.Kind != "Beschluss" || p.Name != "Beschlussempfehlung" || p.Body != itplr.PrepAbbrev {
		t.Errorf("the open procedure: art %q, bezeichnung %q, gremium %q", p.Kind, p.Name, p.Body)
	}
	voters, err := st.BodyVoters(ctx, prep.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range voters {
		if err := st.CastVote(ctx, pid, m.Abbrev, model.VoteYes); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.EndProcedureEarly(ctx, pid); err != nil {
		t.Fatal(err)
	}
	p := find()
	ps, _ := st.Procedures(ctx)
	var d model.Decision
	for _, wp := range ps {
		if wp.ID == pid {
			d, _ = st.Decision(ctx, wp.DecisionID)
		}
	}
	if d.Status != model.DecisionAdopted || d.Label == "" || p.Decision != d.Label || p.Status == "offen" {
		t.Errorf("the closed procedure: beschluss %q, status %q; the decision %s %q", p.Decision, p.Status, d.Status, d.Label)
	}
}
