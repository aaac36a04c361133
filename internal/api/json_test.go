package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestOpenAPIDescribesEveryRoute keeps the hand-written OpenAPI document and
// the routes in step, both ways.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(OpenAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	served := map[string]bool{}
	for _, r := range routes {
		key := strings.ToLower(r.Method) + " " + r.Path
		served[key] = true
		if _, ok := doc.Paths[r.Path][strings.ToLower(r.Method)]; !ok {
			t.Errorf("route %s %s is not described", r.Method, r.Path)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !served[method+" "+path] {
				t.Errorf("described %s %s is not served", method, path)
			}
		}
	}
}

func getJSON(t *testing.T, u string, v any) int {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	json.NewDecoder(res.Body).Decode(v)
	return res.StatusCode
}

func TestJSONReads(t *testing.T) {
	ts, _ := demoAPI(t)
	var sessions []Session
	if code := getJSON(t, ts.URL+"/api/v1/sitzungen", &sessions); code != 200 || len(sessions) != 3 || sessions[0].Number != 47 {
		t.Fatalf("sessions: %d %+v", code, sessions)
	}
	var s47 Session
	getJSON(t, ts.URL+"/api/v1/sitzungen/47", &s47)
	if len(s47.Items) != 9 || s47.Items[6].Title != "Steuerungsgruppe NOOTS" || s47.Items[6].Decisions[0].Number != "B-2025/26-IT" || !s47.Items[6].Consent {
		t.Errorf("session 47 = %+v", s47.Items)
	}
	var d Decision
	if code := getJSON(t, ts.URL+"/api/v1/beschluesse/2025/30", &d); code != 200 || len(d.Points) != 2 || d.Result != "einstimmig (Grüne Liste, en bloc)" {
		t.Errorf("decision 30: %d %+v", code, d)
	}
	var ds []Decision
	getJSON(t, ts.URL+"/api/v1/beschluesse?jahr=2025", &ds)
	if len(ds) != 5 { // 2025/13 and 2025/19 of the 46th session, 26, 27 and 30 of the 47th
		t.Errorf("%d decisions in 2025", len(ds))
	}
	res, err := http.Get(ts.URL + "/api/v1/beschluesse?jahr=2025&seite=2")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("X-Total-Count") != "5" || !strings.Contains(res.Header.Get("Link"), `jahr=2025&seite=1>; rel="prev"`) {
		t.Errorf("page 2: total %q, link %q", res.Header.Get("X-Total-Count"), res.Header.Get("Link"))
	}
	var e map[string]string
	if code := getJSON(t, ts.URL+"/api/v1/beschluesse?seite=0", &e); code != 400 {
		t.Errorf("page 0: %d", code)
	}
	if code := getJSON(t, ts.URL+"/api/v1/beschluesse?jahr=x", &e); code != 400 || e["error"] == "" {
		t.Errorf("bad year: %d", code)
	}
	if code := getJSON(t, ts.URL+"/api/v1/beschluesse/2020/1", &e); code != 404 {
		t.Errorf("missing decision: %d", code)
	}
	var cs []Conference
	getJSON(t, ts.URL+"/api/v1/fachmk", &cs)
	found := false
	for _, c := range cs {
		if c.Abbrev == "AMK" && c.Vacant {
			found = true
		}
	}
	if len(cs) != 16 || !found {
		t.Errorf("conferences: %d, AMK vacant %v", len(cs), found)
	}
	var fs []FollowUp
	getJSON(t, ts.URL+"/api/v1/auftraege?status=offen", &fs)
	if len(fs) != 5 {
		t.Errorf("%d open follow-ups", len(fs))
	}
	// Nothing confidential in any answer.
	for _, u := range []string{"/api/v1/sitzungen/47", "/api/v1/beschluesse", "/api/v1/auftraege"} {
		res, _ := http.Get(ts.URL + u)
		var buf bytes.Buffer
		buf.ReadFrom(res.Body)
		res.Body.Close()
		if s := buf.String(); strings.Contains(s, "REDACTED") || strings.Contains(s, "⟦") || strings.Contains(s, "vollständig geschwärzt") {
			t.Errorf("%s leaks", u)
		}
	}
}

func TestJSONWritesNeedToken(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	he, _, _ := st.UserLogin(ctx, "hessen")
	dlt, _, _ := st.UserLogin(ctx, "dlt")
	heToken, _ := auth.NewAPIToken(ctx, st, he.ID, "Landesportal Hessen")
	dltToken, _ := auth.NewAPIToken(ctx, st, dlt.ID, "DLT")
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: itplr.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Umlauf", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	post := func(path, token, body string) int {
		req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	vote := "/api/v1/umlaufverfahren/" + jsonID(pid) + "/stimme"
	for _, c := range []struct {
		token, body string
		want        int
	}{
		{"", `{"stimme":"ja"}`, 401},
		{"grm_falsch", `{"stimme":"ja"}`, 401},
		{dltToken, `{"stimme":"ja"}`, 403},
		{heToken, `{"stimme":"vielleicht"}`, 400},
		{heToken, `kein json`, 400},
		{heToken, `{"stimme":"ja"}`, 200},
	} {
		if got := post(vote, c.token, c.body); got != c.want {
			t.Errorf("vote %q with token %.8q: %d, want %d", c.body, c.token, got, c.want)
		}
	}
	p, _ := st.Procedure(ctx, pid)
	if len(p.Votes) != 1 || p.Votes[0].Member != "HE" || p.Votes[0].Choice != model.VoteYes {
		t.Errorf("votes = %+v", p.Votes)
	}
	if got := post("/api/v1/sitzungen/47/kommentare", dltToken, `{"kommentar":"Bitte ergänzen."}`); got != 201 {
		t.Errorf("comment by DLT: %d", got)
	}
	if got := post("/api/v1/sitzungen/46/kommentare", heToken, `{"kommentar":"zu spät"}`); got != 422 {
		t.Errorf("comment on approved minutes: %d", got)
	}
}

// FuzzParseDecisionsQuery feeds arbitrary query strings to the query of
// /api/v1/beschluesse: an accepted page has an offset that does not
// overflow, and the year and page read back from the links the answer
// gives (jahr=…&seite=…).
//
//	go test ./internal/api -run '^$' -fuzz FuzzParseDecisionsQuery -fuzztime 20s
func FuzzParseDecisionsQuery(f *testing.F) {
	for _, seed := range []string{"", "jahr=2025", "seite=2", "jahr=x", "seite=0", "seite=9223372036854775807", "jahr=-1&seite=%2B3"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		year, page, msg := parseDecisionsQuery(v)
		if msg != "" {
			if year != 0 || page != 0 {
				t.Fatalf("parseDecisionsQuery(%q) = %d, %d with %q", raw, year, page, msg)
			}
			return
		}
		if page < 1 || (page-1)*DecisionsPerPage < 0 || (page-1)*DecisionsPerPage/DecisionsPerPage != page-1 {
			t.Fatalf("parseDecisionsQuery(%q): page %d gives no valid offset", raw, page)
		}
		link := url.Values{"seite": {strconv.Itoa(page)}}
		if year != 0 {
			link.Set("jahr", strconv.Itoa(year))
		}
		y2, p2, msg := parseDecisionsQuery(link)
		if msg != "" || y2 != year || p2 != page {
			t.Fatalf("parseDecisionsQuery(%q) = %d, %d, but its link %q reads as %d, %d, %q", raw, year, page, link.Encode(), y2, p2, msg)
		}
	})
}
