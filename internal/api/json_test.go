package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
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
	ts, st := demoAPI(t)
	var sessions []Session
	if code := getJSON(t, ts.URL+"/api/v1/sitzungen", &sessions); code != 200 || len(sessions) != 3 || sessions[0].Number != 47 {
		t.Fatalf("sessions: %d %+v", code, sessions)
	}
	var s47 Session
	getJSON(t, ts.URL+"/api/v1/sitzungen/47", &s47)
	if len(s47.Items) != 10 || s47.Items[6].Title != "Steuerungsgruppe NOOTS" || s47.Items[6].Decisions[0].Number != "B-2025/26-IT" || !s47.Items[6].Consent {
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
	// The register's filters, as on /beschluesse: the way a decision was
	// taken, the reporting member, a FachMK it is relevant for, its kind;
	// the links of a filtered list keep its filters.
	for query, want := range map[string][]string{
		"verfahren=gruene-liste":             {"B-2025/30-IT", "B-2025/27-IT", "B-2025/26-IT", "B-2025/19-IT"},
		"verfahren=aussprache":               {"B-2025/13-IT", "B-2024/48-IT"},
		"verfahren=umlaufverfahren":          nil,
		"be=HE":                              {"B-2025/27-IT", "B-2025/19-IT", "B-2024/48-IT"},
		"fachmk=FMK&jahr=2025":               {"B-2025/27-IT"},
		"art=empfehlung":                     nil,
		"art=beschluss&verfahren=aussprache": {"B-2025/13-IT", "B-2024/48-IT"},
		"umsetzung=offen":                    {"B-2025/27-IT"},
	} {
		var ds []Decision
		if code := getJSON(t, ts.URL+"/api/v1/beschluesse?"+query, &ds); code != 200 {
			t.Errorf("%s: %d", query, code)
		}
		var got []string
		for _, d := range ds {
			got = append(got, d.Number)
		}
		if !slices.Equal(got, want) {
			t.Errorf("/api/v1/beschluesse?%s gives %v, want %v", query, got, want)
		}
	}
	// The topic filter: the council's Schwerpunktthemen, by number.
	council, err := st.BodyByAbbrev(context.Background(), "IT-PLR")
	if err != nil {
		t.Fatal(err)
	}
	sections, err := st.Sections(context.Background(), council.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range sections {
		if c.Name != "Digitale Anwendungen" {
			continue
		}
		var ds []Decision
		if code := getJSON(t, fmt.Sprintf("%s/api/v1/beschluesse?thema=%d", ts.URL, c.ID), &ds); code != 200 || len(ds) != 2 || ds[0].Number != "B-2025/19-IT" || ds[1].Number != "B-2024/48-IT" {
			t.Errorf("thema=%d (Digitale Anwendungen): %d %d decisions", c.ID, code, len(ds))
		}
	}
	for _, c := range sections {
		if c.Topic() {
			continue
		}
		var p refusal
		if code := getJSON(t, fmt.Sprintf("%s/api/v1/beschluesse?thema=%d", ts.URL, c.ID), &p); code != 400 || len(p.Problems) != 1 || p.Problems[0].Param != "thema" {
			t.Errorf("thema=%d (%s, no topic): %d %+v, want 400 naming thema", c.ID, c.Name, code, p)
		}
	}
	// A wrong query parameter of a list is named in the refusal, as a
	// member of a JSON request is (it gave only the sentence before).
	for path, param := range map[string]string{
		"/api/v1/beschluesse?seite=0": "seite", "/api/v1/beschluesse?seite=x": "seite", "/api/v1/beschluesse?jahr=x": "jahr",
		"/api/v1/beschluesse?art=gesetz": "art", "/api/v1/beschluesse?verfahren=los": "verfahren", "/api/v1/beschluesse?fachmk=XYZ": "fachmk", "/api/v1/beschluesse?umsetzung=bald": "umsetzung",
		"/api/v1/beschluesse?thema=x": "thema", "/api/v1/beschluesse?thema=999999": "thema",
		"/api/v1/sitzungen?vor=0": "vor", "/api/v1/auftraege?status=x": "status", "/api/v1/auftraege?nach=x": "nach",
	} {
		var p refusal
		if code := getJSON(t, ts.URL+path, &p); code != 400 || p.Error == "" || len(p.Problems) != 1 || p.Problems[0].Param != param || p.Problems[0].Reason != p.Error {
			t.Errorf("%s: %d %+v, want 400 naming %q", path, code, p, param)
		}
	}
	var e map[string]string
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
		code, _, _ := call(t, ts, "POST", path, token, body)
		return code
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
	// A client sending the label ("Enthaltung") reads the value to send.
	req, _ := http.NewRequest("POST", ts.URL+vote, strings.NewReader(`{"stimme":"Enthaltung"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+heToken)
	if res, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else {
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 400 || !strings.Contains(string(b), `„enthaltung“, nicht „Enthaltung“`) {
			t.Errorf("vote \"Enthaltung\": %d %s", res.StatusCode, b)
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
	// A body over the bound is refused as too large (was 400 "kein
	// gültiges JSON-Objekt"), as the web's forms are.
	if got := post("/api/v1/sitzungen/47/kommentare", dltToken, `{"kommentar":"`+strings.Repeat("x", 70<<10)+`"}`); got != http.StatusRequestEntityTooLarge {
		t.Errorf("comment of 70 KB: %d, want 413", got)
	}
}

// FuzzParseDecisionsQuery feeds arbitrary query strings to the query of
// /api/v1/beschluesse (model.ParseRegisterQuery, as the register page): an accepted page has an offset that does not
// overflow, and the query reads back the same from the links the answer
// gives (its filters and the page).
//
//	go test ./internal/api -run '^$' -fuzz FuzzParseDecisionsQuery -fuzztime 20s
func FuzzParseDecisionsQuery(f *testing.F) {
	for _, seed := range []string{"", "jahr=2025", "seite=2", "jahr=x", "seite=0", "seite=9223372036854775807", "jahr=-1&seite=%2B3",
		"art=empfehlung&verfahren=gruene-liste&be=HE&fachmk=FMK&umsetzung=offen&thema=3", "thema=-1", "verfahren=los", "art=gesetz", "be=%20HE%20"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := model.ParseRegisterQuery(v)
		if err != nil {
			if q != (model.RegisterQuery{}) || model.FieldOf(err) == "" || model.ClassOf(err) != model.ErrInput {
				t.Fatalf("ParseRegisterQuery(%q) = %+v with %v at %q", raw, q, err, model.FieldOf(err))
			}
			return
		}
		if q.Page < 1 || (q.Page-1)*DecisionsPerPage < 0 || (q.Page-1)*DecisionsPerPage/DecisionsPerPage != q.Page-1 {
			t.Fatalf("ParseRegisterQuery(%q): page %d gives no valid offset", raw, q.Page)
		}
		link := registerPageQuery(q, q.Page)
		v2, err := url.ParseQuery(link)
		if err != nil {
			t.Fatal(err)
		}
		if q2, err := model.ParseRegisterQuery(v2); err != nil || q2 != q {
			t.Fatalf("ParseRegisterQuery(%q) = %+v, but its link %q reads as %+v, %v", raw, q, link, q2, err)
		}
	})
}

// TestJSONFollowUpPages: /api/v1/auftraege gives 100 follow-ups a page,
// counts all of them in X-Total-Count, names the next page in Link
// (keeping the status) and gives every public follow-up once, the pending
// ones before the rest.
func TestJSONFollowUpPages(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.DecisionByNumber(ctx, council.ID, model.DecisionNumber{Year: 2025, Seq: 26})
	if err != nil {
		t.Fatal(err)
	}
	var before []FollowUp
	getJSON(t, ts.URL+"/api/v1/auftraege", &before)
	for i := range 320 {
		f := model.FollowUp{DecisionID: d.ID, Text: "Auftrag " + strconv.Itoa(i), Responsible: "HE", Status: model.FollowUpOpen,
			DueDate: model.NewDate(2026+i%10, time.Month(1+i%12), 1)} // after the 47th session, in which the decision was taken
		if i%3 == 0 {
			f.Status, f.DoneOn, f.EvidenceText = model.FollowUpDone, model.NewDate(2025, 1, 1), "Bericht liegt vor."
		}
		if _, err := st.CreateFollowUp(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	// walk follows the pages from u and gives the follow-ups and the
	// total each page said.
	walk := func(u, status string) ([]FollowUp, map[string]bool) {
		t.Helper()
		var all []FollowUp
		totals := map[string]bool{}
		for pages := 0; u != ""; pages++ {
			if pages > 10 {
				t.Fatalf("more than 10 pages")
			}
			res, err := http.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			var page []FollowUp
			err = json.NewDecoder(res.Body).Decode(&page)
			res.Body.Close()
			if res.StatusCode != 200 || err != nil || len(page) > FollowUpsPerPage {
				t.Fatalf("%s: %d, %v, %d follow-ups", u, res.StatusCode, err, len(page))
			}
			all = append(all, page...)
			totals[res.Header.Get("X-Total-Count")] = true
			u = ""
			links := linkRels(t, res.Header.Get("Link"))
			if next, ok := links["next"]; ok {
				u = next
				if q, _ := url.Parse(u); q.Query().Get("status") != status || q.Query().Get("nach") == "" {
					t.Errorf("next page %s", u)
				}
			}
			if prev, ok := links["prev"]; ok == (pages == 0) {
				t.Errorf("page %d: prev %q", pages+1, prev)
			} else if q, _ := url.Parse(prev); ok && (q.Query().Get("status") != status || q.Query().Get("vor") == "") {
				t.Errorf("prev page %s", prev)
			}
		}
		return all, totals
	}
	all, totals := walk(ts.URL+"/api/v1/auftraege", "")
	want := len(before) + 320
	seen := map[int64]bool{}
	pendingDone := false
	for _, f := range all {
		if seen[f.Number] {
			t.Errorf("follow-up %d twice", f.Number)
		}
		seen[f.Number] = true
		pending := model.FollowUpStatus(f.Status).Pending()
		if pending && pendingDone {
			t.Errorf("pending follow-up %d after a done one", f.Number)
		}
		pendingDone = pendingDone || !pending
		if f.URL != ts.URL+"/auftraege/nr/"+strconv.FormatInt(f.Number, 10) || f.Number == 0 || f.Decision == "" && f.Text == "" {
			t.Errorf("follow-up %+v", f)
		}
	}
	if len(all) != want || len(totals) != 1 || !totals[strconv.Itoa(want)] {
		t.Errorf("%d follow-ups in all pages, want %d; X-Total-Count %v", len(all), want, totals)
	}
	open, totals := walk(ts.URL+"/api/v1/auftraege?status=offen", "offen")
	n := 0
	for _, f := range all {
		if f.Status == "offen" {
			n++
		}
	}
	if len(open) != n || n <= FollowUpsPerPage || !totals[strconv.Itoa(n)] {
		t.Errorf("%d open follow-ups in the pages, %d in all; X-Total-Count %v", len(open), n, totals)
	}
	for _, u := range []string{"/api/v1/auftraege", "/api/v1/auftraege?status=offen"} {
		checkPagesBothWays(t, ts.URL+u)
	}
	var e map[string]string
	if code := getJSON(t, ts.URL+"/api/v1/auftraege?status=ueberall", &e); code != 400 || !strings.Contains(e["error"], "status") {
		t.Errorf("bad status: %d %v", code, e)
	}
	if code := getJSON(t, ts.URL+"/api/v1/auftraege?nach=1.2025-13.x", &e); code != 400 || !strings.Contains(e["error"], "nach") {
		t.Errorf("bad place: %d %v", code, e)
	}
}

// linkRels reads the API's Link header (RFC 8288: `<u>; rel="r"`, comma
// separated): rel → address.
func linkRels(t *testing.T, h string) map[string]string {
	t.Helper()
	out := map[string]string{}
	if h == "" {
		return out
	}
	for _, part := range strings.Split(h, ", ") {
		m := regexp.MustCompile(`^<([^>]+)>; rel="([a-z]+)"$`).FindStringSubmatch(part)
		if m == nil {
			t.Fatalf("Link %q", h)
		}
		out[m[2]] = m[1]
	}
	return out
}

// checkPagesBothWays follows a list's rel="next" links from u to its last
// page and then its rel="prev" links back: each page back is the page it
// came from, the first has no rel="prev" and the last no rel="next".
func checkPagesBothWays(t *testing.T, u string) {
	t.Helper()
	type page struct {
		numbers string
		links   map[string]string
	}
	get := func(u string) page {
		t.Helper()
		var items []struct {
			Number int64 `json:"nummer"`
		}
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if err := json.NewDecoder(res.Body).Decode(&items); res.StatusCode != 200 || err != nil {
			t.Fatalf("%s: %d %v", u, res.StatusCode, err)
		}
		var b strings.Builder
		for _, it := range items {
			fmt.Fprintf(&b, "%d ", it.Number)
		}
		return page{b.String(), linkRels(t, res.Header.Get("Link"))}
	}
	forward := []page{get(u)}
	for next := forward[0].links["next"]; next != ""; next = forward[len(forward)-1].links["next"] {
		if len(forward) > 20 {
			t.Fatalf("%s: more than 20 pages", u)
		}
		forward = append(forward, get(next))
	}
	if len(forward) < 3 {
		t.Fatalf("%s: %d pages; the test needs three", u, len(forward))
	}
	if prev, ok := forward[0].links["prev"]; ok {
		t.Errorf("%s: the first page names a previous one: %s", u, prev)
	}
	cur := forward[len(forward)-1]
	for i := len(forward) - 2; i >= 0; i-- {
		prev, ok := cur.links["prev"]
		if !ok {
			t.Fatalf("%s: page %d names no previous page", u, i+2)
		}
		cur = get(prev)
		if cur.numbers != forward[i].numbers {
			t.Errorf("%s: page %d back is not page %d forward:\n%s\n%s", u, i+1, i+1, cur.numbers, forward[i].numbers)
		}
		if _, ok := cur.links["next"]; !ok {
			t.Errorf("%s: page %d back names no next page", u, i+1)
		}
	}
	if prev, ok := cur.links["prev"]; ok {
		t.Errorf("%s: the first page back names a previous one: %s", u, prev)
	}
}

// TestJSONSessionPagesBothWays: /api/v1/sitzungen names the next page
// (rel="next", ?vor=) and the previous one (rel="prev", ?nach=), both by
// keyset; a page back is the page it came from, and a page above the
// highest sessions is the first page.
func TestJSONSessionPagesBothWays(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := store.WithActor(context.Background(), "test")
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	for n := 100; n < 350; n++ {
		if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: n, Date: model.NewDate(2030+n/4, 3, 1), Status: model.StatusPlanned}); err != nil {
			t.Fatal(err)
		}
	}
	checkPagesBothWays(t, ts.URL+"/api/v1/sitzungen")
	var first, above []Session
	getJSON(t, ts.URL+"/api/v1/sitzungen", &first)
	getJSON(t, ts.URL+"/api/v1/sitzungen?nach=300", &above)
	if len(above) != SessionsPerPage || len(first) != SessionsPerPage || above[0].Number != first[0].Number || above[SessionsPerPage-1].Number != first[SessionsPerPage-1].Number {
		t.Errorf("the page above the highest sessions is not the first page")
	}
	var e map[string]string
	if code := getJSON(t, ts.URL+"/api/v1/sitzungen?vor=200&nach=100", &e); code != 400 {
		t.Errorf("vor and nach: %d %v", code, e)
	}
}

// TestJSONDecisionLinks: one decision in the JSON API carries what it
// builds on (the sources of its agenda item, with number and address when
// a source is a published decision) and the published decisions that
// continue it, as its page does.
func TestJSONDecisionLinks(t *testing.T) {
	ts, _ := demoAPI(t)
	var earlier Decision
	if code := getJSON(t, ts.URL+"/api/v1/beschluesse/2025/13", &earlier); code != 200 {
		t.Fatalf("decision 2025/13: %d", code)
	}
	if len(earlier.ContinuedBy) == 0 {
		t.Fatalf("decision 2025/13 lacks fortgefuehrtDurch: %+v", earlier)
	}
	next := earlier.ContinuedBy[0]
	if next.Number == "" || next.URL != ts.URL+"/beschluesse/"+next.Number || next.Title == "" || next.Reference != "" {
		t.Errorf("fortgefuehrtDurch: %+v", next)
	}
	n, ok := model.ParseDecisionRef(next.Number)
	if !ok {
		t.Fatalf("number %q", next.Number)
	}
	var later Decision
	getJSON(t, fmt.Sprintf("%s/api/v1/beschluesse/%d/%d", ts.URL, n.Year, n.Seq), &later)
	found := false
	for _, l := range later.BuildsOn {
		if l.Reference == "B-2025/13-IT" {
			found = l.Number == "B-2025/13-IT" && l.URL == ts.URL+"/beschluesse/B-2025/13-IT"
		}
	}
	if !found {
		t.Errorf("%s: bautAuf lacks B-2025/13-IT with its address: %+v", next.Number, later.BuildsOn)
	}
}

// TestJSONDelegationReadBack: the API took a delegation (PUT) with the
// version read, but had no way to read it — a member's system that met a
// 409 (someone changed the registration on the form) could learn neither
// the new version nor what was registered, only from the HTML page. GET
// gives the member's registration, its version and whether it may still
// change it; a secretariat token names the member, a member office reads
// only its own.
func TestJSONDelegationReadBack(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	he, _, _ := st.UserLogin(ctx, "hessen")
	gs, _, _ := st.UserLogin(ctx, "geschaeftsstelle")
	heToken, _ := auth.NewAPIToken(ctx, st, he.ID, "Landesportal Hessen")
	gsToken, _ := auth.NewAPIToken(ctx, st, gs.ID, "FITKO")
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	se, err := st.CreateSession(ctx, model.Session{BodyID: itplr.ID, Number: 49, Date: model.BerlinDate(time.Now().AddDate(0, 2, 0)), Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	type state struct {
		Member     string     `json:"mitglied"`
		Version    int        `json:"version"`
		Registered bool       `json:"gemeldet"`
		Delegates  []Delegate `json:"teilnehmende"`
		Open       bool       `json:"offen"`
	}
	call := func(method, path, token, body string, v any) int {
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if v != nil && res.StatusCode == 200 {
			if err := json.NewDecoder(res.Body).Decode(v); err != nil {
				t.Fatal(err)
			}
		}
		return res.StatusCode
	}
	var before state
	if code := call("GET", "/api/v1/sitzungen/49/teilnahme", heToken, "", &before); code != 200 || before.Member != "HE" || before.Version != 0 || before.Registered || !before.Open || before.Delegates == nil {
		t.Fatalf("before a registration: %d %+v", code, before)
	}
	// The office on the form registers first; the system's PUT with the
	// version it read meets 409, reads again and succeeds.
	if err := st.SaveDelegation(ctx, model.Delegation{SessionID: se, Member: "HE", Delegates: []model.Delegate{{Name: "Dr. Anna Beispiel", Function: "CIO"}}}, false); err != nil {
		t.Fatal(err)
	}
	put := `{"version":%d,"teilnehmende":[{"name":"Ben Vertreter","online":true,"vertretung":true}]}`
	if code := call("PUT", "/api/v1/sitzungen/49/teilnahme", heToken, fmt.Sprintf(put, before.Version), nil); code != 409 {
		t.Fatalf("PUT over the form's registration: %d, want 409", code)
	}
	var now state
	if code := call("GET", "/api/v1/sitzungen/49/teilnahme", heToken, "", &now); code != 200 || now.Version != 1 || !now.Registered ||
		len(now.Delegates) != 1 || now.Delegates[0].Name != "Dr. Anna Beispiel" || now.Delegates[0].Function != "CIO" {
		t.Fatalf("after the form's registration: %d %+v", code, now)
	}
	if code := call("PUT", "/api/v1/sitzungen/49/teilnahme", heToken, fmt.Sprintf(put, now.Version), nil); code != 200 {
		t.Fatalf("PUT with the version read: %d", code)
	}
	var gsView state
	if code := call("GET", "/api/v1/sitzungen/49/teilnahme?mitglied=HE", gsToken, "", &gsView); code != 200 || gsView.Version != 2 ||
		len(gsView.Delegates) != 1 || !gsView.Delegates[0].Deputy || !gsView.Delegates[0].Online {
		t.Errorf("the secretariat reads Hessen's registration: %d %+v", code, gsView)
	}
	if code := call("GET", "/api/v1/sitzungen/49/teilnahme?mitglied=BY", heToken, "", nil); code != 403 {
		t.Errorf("Hessen reads Bayern's registration: %d, want 403", code)
	}
	if code := call("GET", "/api/v1/sitzungen/49/teilnahme", gsToken, "", nil); code != 403 {
		t.Errorf("the secretariat without a member: %d, want 403", code)
	}
	if code := call("GET", "/api/v1/sitzungen/49/teilnahme?mitglied=XX", gsToken, "", nil); code != 404 {
		t.Errorf("an unknown member: %d, want 404", code)
	}
	var past state
	if code := call("GET", "/api/v1/sitzungen/47/teilnahme", heToken, "", &past); code != 200 || past.Open {
		t.Errorf("a session held: %d %+v, want offen false", code, past)
	}
}

// TestJSONProcedures: a member's system could cast its vote in a written
// procedure (POST /api/v1/umlaufverfahren/{id}/stimme) but not learn which
// procedures wait for it, nor their text and deadline, except from the
// HTML page. GET /api/v1/umlaufverfahren lists them as /umlaufverfahren
// does, with the token's member's vote and where to send it; confidential
// passages are marked [[…]] as in the forms; a FachMK secretariat, which
// may not see them on the site, is refused.
func TestJSONProcedures(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	token := func(name string) string {
		u, _, err := st.UserLogin(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := auth.NewAPIToken(ctx, st, u.ID, name)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	heToken, dltToken, fmkToken := token("hessen"), token("dlt"), token("fmk-geschaeftsstelle")
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	deadline := time.Date(2031, 3, 2, 12, 0, 0, 0, model.Berlin)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: itplr.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Umlauf zur Cloud-Strategie", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt " + model.Redact("den Kostenrahmen") + "."}},
		Applicants: []string{"Bund"}}, Deadline: deadline})
	if err != nil {
		t.Fatal(err)
	}
	list := func(tok string) ([]Procedure, int) { return procedureList(t, ts, tok) }
	ps, code := list(heToken)
	if code != 200 || len(ps) == 0 {
		t.Fatalf("Hessen's list: %d %+v", code, ps)
	}
	p := ps[0]
	if p.ID != pid || p.Body != demo.CouncilAbbrev || p.Title != "Umlauf zur Cloud-Strategie" || p.Status != "offen" || p.Deadline != "2031-03-02T12:00:00+01:00" ||
		len(p.Points) != 1 || p.Points[0].Text != "Der IT-Planungsrat beschließt [[den Kostenrahmen]]." || p.OwnVote != "" || p.VoteURL == "" {
		t.Fatalf("the open procedure: %+v", p)
	}
	u, _ := url.Parse(p.VoteURL)
	req, _ := http.NewRequest("POST", ts.URL+u.Path, strings.NewReader(`{"stimme":"nein"}`))
	req.Header.Set("Authorization", "Bearer "+heToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("vote at stimmeUrl %s: %d", p.VoteURL, res.StatusCode)
	}
	if ps, _ = list(heToken); ps[0].OwnVote != "nein" {
		t.Errorf("after the vote: eigeneStimme %q, want nein", ps[0].OwnVote)
	}
	// An advisory member reads them (as on the site) but has no vote.
	if ps, code = list(dltToken); code != 200 || len(ps) == 0 || ps[0].VoteURL != "" || ps[0].OwnVote != "" {
		t.Errorf("the DLT's list: %d %+v", code, ps)
	}
	if _, code = list(fmkToken); code != 403 {
		t.Errorf("a FachMK secretariat: %d, want 403", code)
	}
	if _, code = list(""); code != 401 {
		t.Errorf("without a token: %d, want 401", code)
	}
}

// TestJSONFollowUpReport: a member's office reports its follow-ups from its
// own system as it does on the follow-up's page — the same rule (the
// responsible office, named by abbreviation or name; the secretariat),
// the same evidence, the comment in the same transaction; before, the API
// had no way to report at all. A report that breaks several rules gets
// every reason, each with its member (before: the first only).
func TestJSONFollowUpReport(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	token := func(user string) string {
		u, _, _ := st.UserLogin(ctx, user)
		tok, _ := auth.NewAPIToken(ctx, st, u.ID, "System")
		return tok
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	id, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items[1].ID, Text: "Konzept vorlegen", Responsible: "Hessen, BY", Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := st.FollowUp(ctx, id)
	post := func(tok, body string) (int, string) {
		code, _, b := call(t, ts, "POST", fmt.Sprintf("/api/v1/auftraege/%d/stand", id), tok, body)
		return code, string(b)
	}
	done := fmt.Sprintf(`{"version":%d,"stand":"erledigt","erledigtAm":"2026-01-15","nachweis":"Bericht an die [[Staatskanzlei]] übersandt","kommentar":"Mit Anlage"}`, f.Version)
	if code, body := post(token("nordrhein-westfalen"), done); code != http.StatusForbidden {
		t.Errorf("a member not named: %d %s", code, body)
	}
	// "erledigt" without the date and without evidence breaks two rules
	// of the follow-up (model.FollowUp.Validate joins them): the answer
	// gave the first only, at no member of the request; "error" now says
	// both and "probleme" gives each with its member.
	code, body := post(token("hessen"), fmt.Sprintf(`{"version":%d,"stand":"erledigt"}`, f.Version))
	var out refusal
	if err := json.Unmarshal([]byte(body), &out); err != nil || code != http.StatusBadRequest {
		t.Fatalf("done without date and evidence: %d %s", code, body)
	}
	want := map[string]string{
		"/erledigtAm": "Ein erledigter Auftrag braucht das Datum der Erledigung.",
		"/nachweis":   "Ein erledigter Auftrag braucht einen Nachweis",
	}
	if len(out.Problems) != len(want) {
		t.Errorf("problems %+v, want one at each of %v", out.Problems, want)
	}
	for _, p := range out.Problems {
		if want[p.Field] == "" || !strings.HasPrefix(p.Reason, want[p.Field]) || !strings.Contains(out.Error, p.Reason) {
			t.Errorf("problem %+v (message %q)", p, out.Error)
		}
	}
	// Bad input in several members of the report — a date that is no
	// date, an open mark in the evidence, a decision that is not in the
	// register — gave the first only (the reader stopped there): now every
	// one at its member, as the form does (one reader for both,
	// input.FollowUpReport).
	code, body = post(token("hessen"), fmt.Sprintf(`{"version":%d,"stand":"erledigt","erledigtAm":"15.13.2026","nachweis":"Bericht [[offen","nachweisBeschluss":"B-2020/99-IT"}`, f.Version))
	out = refusal{}
	if err := json.Unmarshal([]byte(body), &out); err != nil || code != http.StatusBadRequest {
		t.Fatalf("a report with three bad members: %d %s", code, body)
	}
	at := map[string]bool{}
	for _, p := range out.Problems {
		at[p.Field] = true
	}
	for _, m := range []string{"/erledigtAm", "/nachweis", "/nachweisBeschluss"} {
		if !at[m] {
			t.Errorf("a report with three bad members: no problem at %s: %s", m, body)
		}
	}
	// The evidence document is one of the follow-up's session that the
	// reporter may see, as in the form: not the upload of Bayern's
	// registration that is not on the agenda, not another session's
	// document, not an unknown id (before, the API took any id).
	pending, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: s47.ID, Title: "Anmeldung Bayern", Status: model.ItemRegistered, RegisteredBy: "BY", RegisteredAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	hidden, err := st.CreateDocument(ctx, store.Document{SessionID: s47.ID, ItemID: pending, Filename: "Entwurf-Bayern.pdf", ContentType: "application/pdf", Size: 4, SHA256: "0000", UploadedBy: "bayern"})
	if err != nil {
		t.Fatal(err)
	}
	s48, err := st.CreateSession(ctx, model.Session{BodyID: itplr.ID, Number: 48, Date: model.NewDate(2026, 3, 12), Place: "Berlin", Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	elsewhere, err := st.CreateDocument(ctx, store.Document{SessionID: s48, Filename: "Unterlage-48.pdf", ContentType: "application/pdf", Size: 4, SHA256: "0001", UploadedBy: "geschaeftsstelle"})
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []int64{hidden, elsewhere, 999999} {
		withDoc := fmt.Sprintf(`{"version":%d,"stand":"erledigt","erledigtAm":"2026-01-15","nachweisDokument":%d}`, f.Version, doc)
		if code, body := post(token("hessen"), withDoc); code != http.StatusBadRequest || !strings.Contains(body, "Das Dokument des Nachweises ist unbekannt.") {
			t.Errorf("Hessen names document %d as evidence: %d %s", doc, code, body)
		}
	}
	code, body = post(token("hessen"), done)
	if code != http.StatusOK || !strings.Contains(body, `"stand":"erledigt"`) {
		t.Fatalf("Hessen (named by name): %d %s", code, body)
	}
	got, _ := st.FollowUp(ctx, id)
	if got.Status != model.FollowUpDone || got.DoneOn != model.NewDate(2026, 1, 15) || got.EvidenceText != "Bericht an die "+model.Redact("Staatskanzlei")+" übersandt" {
		t.Errorf("stored: %+v", got)
	}
	if cs, _ := st.FollowUpComments(ctx, id); len(cs) != 1 || cs[0].Text != "Mit Anlage" || cs[0].Member != "HE" {
		t.Errorf("comment: %+v", cs)
	}
	if code, body := post(token("bayern"), done); code != http.StatusConflict {
		t.Errorf("stale report by Bayern: %d %s", code, body)
	}
	// "entfallen" needs a reason (begruendung) as "erledigt" needs
	// evidence; before, it was taken with nothing. The reason is shown
	// where the evidence is.
	got, _ = st.FollowUp(ctx, id)
	code, body = post(token("hessen"), fmt.Sprintf(`{"version":%d,"stand":"entfallen"}`, got.Version))
	out = refusal{}
	if err := json.Unmarshal([]byte(body), &out); err != nil || code != http.StatusBadRequest || len(out.Problems) != 1 ||
		out.Problems[0].Field != "/begruendung" || !strings.Contains(out.Problems[0].Reason, "Begründung") {
		t.Errorf("entfallen without a reason: %d %s", code, body)
	}
	code, body = post(token("hessen"), fmt.Sprintf(`{"version":%d,"stand":"entfallen","begruendung":"Durch das Landesgesetz überholt."}`, got.Version))
	if code != http.StatusOK || !strings.Contains(body, `"stand":"entfallen"`) {
		t.Fatalf("entfallen with a reason: %d %s", code, body)
	}
	if code, _, b := call(t, ts, "GET", fmt.Sprintf("/api/v1/auftraege/nr/%d", got.Number), "", ""); code != http.StatusOK || !strings.Contains(string(b), `"begruendung":"Durch das Landesgesetz überholt."`) || strings.Contains(string(b), `"nachweis"`) {
		t.Errorf("the dropped follow-up: %d %s", code, b)
	}
}

// TestJSONProcedureAtItsDeadline: between a written procedure's deadline
// and its count (the closing loop) the list says the deadline has passed
// and offers no stimmeUrl, as the page says "Frist abgelaufen, wird
// ausgezählt" and offers no form (model.WrittenProcedure.Due); before, the
// API still offered the address of a vote the store refuses.
func TestJSONProcedureAtItsDeadline(t *testing.T) {
	st := demotest.Store(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	deadline := time.Date(2031, 3, 2, 12, 0, 0, 0, model.Berlin)
	api := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	now := deadline.Add(-time.Minute)
	api.Clock = func() time.Time { return now }
	mux := http.NewServeMux()
	api.Register(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	u, _, err := st.UserLogin(ctx, "hessen")
	if err != nil {
		t.Fatal(err)
	}
	tok, err := auth.NewAPIToken(ctx, st, u.ID, "hessen")
	if err != nil {
		t.Fatal(err)
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if _, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: itplr.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Umlauf kurz vor der Frist", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Applicants: []string{"Bund"}}, Deadline: deadline}); err != nil {
		t.Fatal(err)
	}
	first := func() Procedure {
		out, code := procedureList(t, ts, tok)
		if code != http.StatusOK || len(out) == 0 {
			t.Fatalf("list: %d %+v", code, out)
		}
		return out[0]
	}
	if p := first(); p.VoteURL == "" || p.DeadlinePassed {
		t.Errorf("a minute before the deadline: %+v", p)
	}
	now = deadline
	if p := first(); p.Status != "offen" || p.VoteURL != "" || !p.DeadlinePassed {
		t.Errorf("at the deadline, before the count: %+v", p)
	}
}

// procedureList reads GET /api/v1/umlaufverfahren with the token: the
// procedures (on 200) and the status.
func procedureList(t *testing.T, ts *httptest.Server, tok string) ([]Procedure, int) {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.URL+"/api/v1/umlaufverfahren", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out []Procedure
	if res.StatusCode == http.StatusOK {
		if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
	}
	return out, res.StatusCode
}

// TestAPIProblemsNameJSONMembers: a refused write names each problem's
// member of the JSON request as a JSON Pointer, mapped at the one
// responder from the form's field names that model and store give
// (fields.go). Before, the registration named the form's fields
// ("fachmk" for an unknown conference the JSON sends in
// "fachmk.konferenzen") and the attendance registration named none
// (the model's "name_1" was lost in the answer).
func TestAPIProblemsNameJSONMembers(t *testing.T) {
	_, _, call := hessenAPI(t)
	fields := func(out refusal) map[string]bool {
		m := map[string]bool{}
		for _, p := range out.Problems {
			if p.Reason == "" {
				t.Errorf("a problem without reason: %+v", p)
			}
			m[p.Field] = true
		}
		return m
	}
	code, out := call("POST", "/api/v1/sitzungen/49/anmeldungen", `{"ziel":"Beschluss","punkte":["Sachstand"],"antrag":["BY"],"berichterstattung":["BY"],`+
		`"beschlussvorschlag":["Der IT-Planungsrat beschließt."],"fachmk":{"betroffen":true,"konferenzen":["XYZ"]}}`)
	got := fields(out)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("registration: %d %+v", code, out)
	}
	for _, want := range []string{"/titel", "/fachmk/konferenzen", "/antrag", "/berichterstattung"} {
		if !got[want] {
			t.Errorf("registration: no problem at %s: %+v", want, out.Problems)
		}
	}
	for f := range got {
		if f != "" && !strings.HasPrefix(f, "/") || f == "/fachmk_ids" || f == "fachmk" {
			t.Errorf("registration: %q is no JSON Pointer into the request", f)
		}
	}
	// A list of the JSON request: the problem names the list.
	code, out = call("POST", "/api/v1/sitzungen/49/anmeldungen", `{"titel":"Register","ziel":"Bericht","punkte":["Sachstand [[offen"],"fachmk":{"betroffen":false}}`)
	if code != http.StatusUnprocessableEntity || !fields(out)["/punkte"] {
		t.Errorf("a point with an unclosed mark: %d %+v", code, out)
	}
	// A title of 5,000 characters was stored (the form's maxlength is
	// HTML only); the registration's rule refuses it, as on the form.
	code, out = call("POST", "/api/v1/sitzungen/49/anmeldungen", `{"titel":"`+strings.Repeat("Register ", 556)+`","ziel":"Bericht","punkte":["Sachstand"],"fachmk":{"betroffen":false}}`)
	if code != http.StatusUnprocessableEntity || len(out.Problems) != 1 || out.Problems[0].Field != "/titel" || out.Problems[0].Reason != "Der Titel ist länger als 300 Zeichen." {
		t.Errorf("a title of 5,000 characters: %d %+v", code, out)
	}
	// The attendance registration refused by the model at the second
	// row's name: the member of that row.
	code, out = call("PUT", "/api/v1/sitzungen/49/teilnahme", `{"version":0,"teilnehmende":[{"name":"Dr. Anna Beispiel"},{"name":" ","funktion":"CIO"}]}`)
	if code != http.StatusBadRequest || len(out.Problems) != 1 || out.Problems[0].Field != "/teilnehmende/1/name" || out.Problems[0].Reason != out.Error {
		t.Errorf("attendance with a row without name: %d %+v", code, out)
	}
	code, out = call("PUT", "/api/v1/sitzungen/49/teilnahme", `{"version":0,"teilnehmende":[{"name":"Dr. Anna Beispiel"},{"name":"dr. anna beispiel"}]}`)
	if code != http.StatusBadRequest || len(out.Problems) != 1 || out.Problems[0].Field != "/teilnehmende/1/name" {
		t.Errorf("attendance naming a person twice: %d %+v", code, out)
	}
	// Two bad rows: both, each at its member (as the form gives them at
	// their fields).
	code, out = call("PUT", "/api/v1/sitzungen/49/teilnahme", `{"version":0,"teilnehmende":[{"name":" ","funktion":"CIO"},{"name":"Bernd Muster","funktion":"`+strings.Repeat("Referatsleiter ", 15)+`"}]}`)
	if got := fields(out); code != http.StatusBadRequest || len(out.Problems) != 2 || !got["/teilnehmende/0/name"] || !got["/teilnehmende/1/funktion"] {
		t.Errorf("attendance with two bad rows: %d %+v", code, out)
	}
}

// TestJSONFollowUpOverdue: the follow-up list and pages say "offen,
// überfällig" of the demo's order due 31.08.2025; the JSON API said
// "offen" with the date, and of a follow-up due "zur N. Sitzung" a client
// could not tell whether that session has started. Each follow-up says
// whether it is overdue (ueberfaellig), as the pages do.
func TestJSONFollowUpOverdue(t *testing.T) {
	ts, _ := demoAPI(t)
	var fs []map[string]any
	getJSON(t, ts.URL+"/api/v1/auftraege", &fs)
	got := map[float64]any{}
	for _, f := range fs {
		got[f["nummer"].(float64)] = f["ueberfaellig"]
	}
	if got[5] != true {
		t.Errorf("follow-up 5 (due 31.08.2025, open): ueberfaellig = %v, want true", got[5])
	}
	for _, n := range []float64{1, 2, 4} { // done; no deadline; due to the 48th session, not planned
		if got[n] != nil {
			t.Errorf("follow-up %v: ueberfaellig = %v, want none", n, got[n])
		}
	}
}

// TestJSONUnknownQueryRefused: every operation of the JSON API refuses a
// query parameter its OpenAPI description does not name — 400, each one
// named in "probleme" — where before it was silently ignored (?jahre=2025
// gave every year, as if filtered). The parameters it names still work,
// and OParl, whose lists leave out what they do not read
// (oparl.CanonicalQuery), keeps answering.
func TestJSONUnknownQueryRefused(t *testing.T) {
	ts, _ := demoAPI(t)
	braces := regexp.MustCompile(`\{[^}]+\}`)
	for _, r := range routes {
		path := braces.ReplaceAllString(r.Path, "1") + "?jahre=2025&zz=1"
		req, _ := http.NewRequest(r.Method, ts.URL+path, strings.NewReader("{}"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var p refusal
		json.NewDecoder(res.Body).Decode(&p)
		res.Body.Close()
		if res.StatusCode != 400 || len(p.Problems) != 2 || p.Problems[0].Param != "jahre" || p.Problems[1].Param != "zz" || !strings.Contains(p.Error, "„jahre“") {
			t.Errorf("%s %s: %d %+v, want 400 naming jahre and zz", r.Method, path, res.StatusCode, p)
		}
	}
	var ds []Decision
	if code := getJSON(t, ts.URL+"/api/v1/beschluesse?jahr=2025&seite=1", &ds); code != 200 || len(ds) != 5 {
		t.Errorf("known parameters: %d, %d decisions", code, len(ds))
	}
	var fs []FollowUp
	if code := getJSON(t, ts.URL+"/api/v1/auftraege?status=offen", &fs); code != 200 || len(fs) != 5 {
		t.Errorf("known parameter status: %d, %d follow-ups", code, len(fs))
	}
	var list map[string]any
	if code := getJSON(t, ts.URL+"/oparl/v1/body/1/meeting?zz=1", &list); code != 200 || list["data"] == nil {
		t.Errorf("OParl list with an unknown parameter: %d %v", code, list)
	}
}
