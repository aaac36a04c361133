package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"gremium/internal/api"
	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/store"
	"gremium/internal/web"
)

const openAPIID = "https://gremium.test/openapi.json"

// pointer escapes a JSON pointer token.
func pointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// TestOpenAPILiveResponses sends requests to every operation of the JSON
// API — successes and the errors each documents — and validates every
// answer against the OpenAPI document: the status is described for the
// operation, the body matches the schema of that response, the described
// headers are sent. Unknown paths and methods under /api/ answer JSON.
func TestOpenAPILiveResponses(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(api.OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	res, _ := jsonschema.UnmarshalJSON(bytes.NewReader(api.OpenAPI))
	if err := c.AddResource(openAPIID, res); err != nil {
		t.Fatal(err)
	}
	paths := doc["paths"].(map[string]any)
	// response gives the described response of an operation for a status
	// (or its default) and its JSON pointer.
	response := func(method, path string, status int) (map[string]any, string) {
		op, _ := paths[path].(map[string]any)[strings.ToLower(method)].(map[string]any)
		if op == nil {
			return nil, ""
		}
		rs := op["responses"].(map[string]any)
		code := fmt.Sprint(status)
		r, ok := rs[code].(map[string]any)
		ptr := "#/paths/" + pointer(path) + "/" + strings.ToLower(method) + "/responses/" + code
		if !ok && status >= 500 {
			r, ptr = rs["default"].(map[string]any), "#/paths/"+pointer(path)+"/"+strings.ToLower(method)+"/responses/default"
		}
		if r == nil {
			return nil, ""
		}
		if ref, ok := r["$ref"].(string); ok {
			name := strings.TrimPrefix(ref, "#/components/responses/")
			return doc["components"].(map[string]any)["responses"].(map[string]any)[name].(map[string]any), ref
		}
		return r, ptr
	}

	st := demotest.Store(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	he, _, _ := st.UserLogin(ctx, "hessen")
	dlt, _, _ := st.UserLogin(ctx, "dlt")
	heToken, _ := auth.NewAPIToken(ctx, st, he.ID, "Landesportal Hessen")
	dltToken, _ := auth.NewAPIToken(ctx, st, dlt.ID, "DLT")
	// A FachMK secretariat reads the public API; the internal reads are
	// refused to its token as its account's pages are.
	fmk, _, _ := st.UserLogin(ctx, demo.FachMKAccount)
	fmkToken, _ := auth.NewAPIToken(ctx, st, fmk.ID, "FMK")
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	open, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: itplr.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Umlauf", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	ballot := runningVote(t, st, itplr.ID)
	if _, err := st.CreateSession(ctx, model.Session{BodyID: itplr.ID, Number: 49, Date: model.BerlinDate(time.Now().AddDate(0, 2, 0)), Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	// A follow-up naming Hessen by name, for its office to report on.
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items47, _ := st.Items(ctx, s47.ID)
	fid, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items47[1].ID, Text: "Konzept vorlegen", Responsible: "Hessen", Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := st.FollowUp(ctx, fid)
	// A protocol note Hessen submitted to the 47th, waiting (note_submissions.go).
	noteID, _ := st.SubmitNote(store.WithActor(ctx, "hessen"), model.NoteSubmission{ItemID: items47[1].ID, Member: "HE", Text: "Hessen prüft noch."})
	notes, note := "/api/v1/sitzungen/{nr}/protokollnotizen", fmt.Sprintf("/api/v1/protokollnotizen/%d", noteID)
	srv, err := web.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)

	vote := fmt.Sprintf("/api/v1/umlaufverfahren/%d/stimme", open)
	// A vote in session names the vote it answers (abstimmung).
	sessionVote := func(choice string) string { return fmt.Sprintf(`{"stimme":%q,"abstimmung":%d}`, choice, ballot) }
	report, reportOp := fmt.Sprintf("/api/v1/auftraege/%d/stand", fid), "/api/v1/auftraege/{id}/stand"
	byNumber, byNumberOp := fmt.Sprintf("/api/v1/auftraege/nr/%d", f.Number), "/api/v1/auftraege/nr/{nummer}"
	reg := "/api/v1/sitzungen/{nr}/anmeldungen"
	registration := `{"titel":"Registermodernisierung [[Kosten]]","ziel":"Beschluss","punkte":["Sachstand"],"antrag":["HE","Bund"],` +
		`"beschlussvorschlag":["Der IT-Planungsrat nimmt den Bericht zur Kenntnis."],"fachmk":{"betroffen":true,"konferenzen":["IMK"],"hinweis":"Meldewesen"}}`
	inWork := fmt.Sprintf(`{"version":%d,"stand":"in_arbeit","kommentar":"Entwurf liegt vor"}`, f.Version)
	type liveCase struct {
		method, path, op, token, body string
		want                          int
	}
	cases := []liveCase{
		{"GET", "/api/v1/openapi.json", "/api/v1/openapi.json", "", "", 200},
		{"GET", "/api/v1/sitzungen", "/api/v1/sitzungen", "", "", 200},
		{"GET", "/api/v1/sitzungen/47", "/api/v1/sitzungen/{nr}", "", "", 200},
		{"GET", "/api/v1/sitzungen/46", "/api/v1/sitzungen/{nr}", "", "", 200},
		{"GET", "/api/v1/sitzungen/99", "/api/v1/sitzungen/{nr}", "", "", 404},
		// A path parameter openapi.json declares a whole number is refused
		// with 400 when it is none, as a malformed query parameter is
		// (before: 404).
		{"GET", "/api/v1/sitzungen/x", "/api/v1/sitzungen/{nr}", "", "", 400},
		{"GET", "/api/v1/sitzungen/0", "/api/v1/sitzungen/{nr}", "", "", 400},
		{"GET", "/api/v1/beschluesse/2025/abc", "/api/v1/beschluesse/{jahr}/{nr}", "", "", 400},
		{"GET", "/api/v1/auftraege/abc", "/api/v1/auftraege/{id}", "", "", 400},
		{"GET", "/api/v1/beschluesse", "/api/v1/beschluesse", "", "", 200},
		{"GET", "/api/v1/beschluesse?jahr=2025&seite=1", "/api/v1/beschluesse", "", "", 200},
		{"GET", "/api/v1/beschluesse?jahr=zwanzig", "/api/v1/beschluesse", "", "", 400},
		{"GET", "/api/v1/beschluesse?seite=0", "/api/v1/beschluesse", "", "", 400},
		{"GET", "/api/v1/beschluesse?q=Register&jahr=2025", "/api/v1/beschluesse", "", "", 200},
		{"GET", "/api/v1/beschluesse?q=%21%21", "/api/v1/beschluesse", "", "", 400},
		{"GET", "/api/v1/beschluesse/2025/26", "/api/v1/beschluesse/{jahr}/{nr}", "", "", 200},
		{"GET", "/api/v1/beschluesse/2025/13", "/api/v1/beschluesse/{jahr}/{nr}", "", "", 200},
		{"GET", "/api/v1/beschluesse/2020/1", "/api/v1/beschluesse/{jahr}/{nr}", "", "", 404},
		{"GET", "/api/v1/auftraege", "/api/v1/auftraege", "", "", 200},
		{"GET", "/api/v1/auftraege?status=offen", "/api/v1/auftraege", "", "", 200},
		{"GET", "/api/v1/auftraege?status=erledigt&nach=2.9999-99-99.1", "/api/v1/auftraege", "", "", 200},
		{"GET", "/api/v1/auftraege?status=ueberall", "/api/v1/auftraege", "", "", 400},
		{"GET", "/api/v1/auftraege?nach=x", "/api/v1/auftraege", "", "", 400},
		{"GET", "/api/v1/auftraege", "/api/v1/auftraege", heToken, "", 200},
		{"GET", "/api/v1/auftraege", "/api/v1/auftraege", "grm_falsch", "", 401},
		{"GET", byNumber, byNumberOp, "", "", 200},
		{"GET", byNumber, byNumberOp, heToken, "", 200},
		{"GET", byNumber, byNumberOp, "grm_falsch", "", 401},
		{"GET", "/api/v1/auftraege/nr/99999", byNumberOp, "", "", 404},
		{"GET", "/api/v1/auftraege/nr/abc", byNumberOp, "", "", 400},
		// By internal id: for internal readers; the public finds none
		// (its address was not published before the public numbers).
		{"GET", fmt.Sprintf("/api/v1/auftraege/%d", fid), "/api/v1/auftraege/{id}", "", "", 404},
		{"GET", fmt.Sprintf("/api/v1/auftraege/%d", fid), "/api/v1/auftraege/{id}", heToken, "", 200},
		{"GET", fmt.Sprintf("/api/v1/auftraege/%d", fid), "/api/v1/auftraege/{id}", "grm_falsch", "", 401},
		{"GET", "/api/v1/auftraege/99999", "/api/v1/auftraege/{id}", "", "", 404},
		{"GET", "/api/v1/sitzungen", "/api/v1/sitzungen", "grm_falsch", "", 401},
		{"POST", report, reportOp, heToken, `{"stand":"in_arbeit"}`, 400},
		{"POST", report, reportOp, heToken, fmt.Sprintf(`{"version":%d,"stand":"in_arbeit","unbekannt":1}`, f.Version), 400},
		{"POST", report, reportOp, "", inWork, 401},
		{"POST", report, reportOp, dltToken, inWork, 403},
		{"POST", "/api/v1/auftraege/99999/stand", reportOp, heToken, inWork, 404},
		{"POST", report, reportOp, heToken, `kein json`, 400},
		{"POST", report, reportOp, heToken, fmt.Sprintf(`{"version":%d,"stand":"erledigt","erledigtAm":"2026-01-15"}`, f.Version), 400},
		{"POST", report, reportOp, heToken, fmt.Sprintf(`{"version":%d,"stand":"erledigt","erledigtAm":"2026-01-15","nachweisBeschluss":"B-2020/99-IT"}`, f.Version), 400},
		{"POST", report, reportOp, heToken, inWork, 200},
		{"POST", report, reportOp, heToken, inWork, 409},
		{"POST", report, reportOp, heToken, fmt.Sprintf(`{"version":%d,"stand":"erledigt","erledigtAm":"2026-01-15","nachweisBeschluss":"B-2025/26-IT","nachweisSitzung":"47","nachweisTop":"12"}`, f.Version+1), 200},
		{"GET", byNumber, byNumberOp, "", "", 200},
		{"GET", fmt.Sprintf("/api/v1/auftraege/%d", fid), "/api/v1/auftraege/{id}", heToken, "", 200},
		{"GET", "/api/v1/fachmk", "/api/v1/fachmk", "", "", 200},
		{"GET", "/api/v1/sprecher", "/api/v1/sprecher", "", "", 200},
		{"GET", "/api/v1/umlaufverfahren", "/api/v1/umlaufverfahren", "", "", 401},
		{"GET", "/api/v1/umlaufverfahren", "/api/v1/umlaufverfahren", heToken, "", 200},
		{"GET", "/api/v1/umlaufverfahren", "/api/v1/umlaufverfahren", dltToken, "", 200},
		{"GET", "/api/v1/umlaufverfahren", "/api/v1/umlaufverfahren", fmkToken, "", 403},
		{"GET", "/api/v1/sitzungen/48/abstimmung", "/api/v1/sitzungen/{nr}/abstimmung", fmkToken, "", 403},
		{"GET", "/api/v1/sitzungen/49/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", fmkToken, "", 403},
		{"PUT", "/api/v1/sitzungen/49/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", fmkToken, `{"version":0,"teilnehmende":[{"name":"Eingeschleust"}]}`, 403},
		{"POST", vote, "/api/v1/umlaufverfahren/{id}/stimme", fmkToken, `{"stimme":"ja"}`, 403},
		{"POST", vote, "/api/v1/umlaufverfahren/{id}/stimme", "", `{"stimme":"ja"}`, 401},
		{"POST", vote, "/api/v1/umlaufverfahren/{id}/stimme", "grm_falsch", `{"stimme":"ja"}`, 401},
		{"POST", vote, "/api/v1/umlaufverfahren/{id}/stimme", dltToken, `{"stimme":"ja"}`, 403},
		{"POST", vote, "/api/v1/umlaufverfahren/{id}/stimme", heToken, `{"stimme":"vielleicht"}`, 400},
		{"POST", vote, "/api/v1/umlaufverfahren/{id}/stimme", heToken, `kein json`, 400},
		{"POST", "/api/v1/umlaufverfahren/99999/stimme", "/api/v1/umlaufverfahren/{id}/stimme", heToken, `{"stimme":"ja"}`, 404},
		{"POST", vote, "/api/v1/umlaufverfahren/{id}/stimme", heToken, `{"stimme":"ja"}`, 200},
		{"GET", "/api/v1/umlaufverfahren", "/api/v1/umlaufverfahren", dltToken, "", 200},
		{"POST", "/api/v1/sitzungen/48/abstimmung/stimme", "/api/v1/sitzungen/{nr}/abstimmung/stimme", "", sessionVote("ja"), 401},
		{"POST", "/api/v1/sitzungen/48/abstimmung/stimme", "/api/v1/sitzungen/{nr}/abstimmung/stimme", dltToken, sessionVote("ja"), 403},
		{"POST", "/api/v1/sitzungen/48/abstimmung/stimme", "/api/v1/sitzungen/{nr}/abstimmung/stimme", heToken, sessionVote("vielleicht"), 400},
		{"POST", "/api/v1/sitzungen/99/abstimmung/stimme", "/api/v1/sitzungen/{nr}/abstimmung/stimme", heToken, sessionVote("ja"), 404},
		{"POST", "/api/v1/sitzungen/47/abstimmung/stimme", "/api/v1/sitzungen/{nr}/abstimmung/stimme", heToken, sessionVote("ja"), 422},
		{"POST", "/api/v1/sitzungen/48/abstimmung/stimme", "/api/v1/sitzungen/{nr}/abstimmung/stimme", heToken, `{"stimme":"ja"}`, 400},
		{"GET", "/api/v1/sitzungen/48/abstimmung", "/api/v1/sitzungen/{nr}/abstimmung", "", "", 401},
		{"GET", "/api/v1/sitzungen/99/abstimmung", "/api/v1/sitzungen/{nr}/abstimmung", heToken, "", 404},
		{"GET", "/api/v1/sitzungen/47/abstimmung", "/api/v1/sitzungen/{nr}/abstimmung", heToken, "", 200},
		{"GET", "/api/v1/sitzungen/48/abstimmung", "/api/v1/sitzungen/{nr}/abstimmung", dltToken, "", 200},
		{"POST", "/api/v1/sitzungen/48/abstimmung/stimme", "/api/v1/sitzungen/{nr}/abstimmung/stimme", heToken, sessionVote("ja"), 200},
		{"GET", "/api/v1/sitzungen/48/abstimmung", "/api/v1/sitzungen/{nr}/abstimmung", heToken, "", 200},
		{"POST", "/api/v1/sitzungen/47/kommentare", "/api/v1/sitzungen/{nr}/kommentare", dltToken, `{"kommentar":"Bitte ergänzen."}`, 201},
		{"POST", "/api/v1/sitzungen/47/kommentare", "/api/v1/sitzungen/{nr}/kommentare", "", `{"kommentar":"x"}`, 401},
		{"POST", "/api/v1/sitzungen/47/kommentare", "/api/v1/sitzungen/{nr}/kommentare", dltToken, `{"kommentar":"  "}`, 400},
		{"POST", "/api/v1/sitzungen/99/kommentare", "/api/v1/sitzungen/{nr}/kommentare", dltToken, `{"kommentar":"x"}`, 404},
		{"POST", "/api/v1/sitzungen/46/kommentare", "/api/v1/sitzungen/{nr}/kommentare", heToken, `{"kommentar":"zu spät"}`, 422},
		{"PUT", "/api/v1/sitzungen/49/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", "", `{"version":0,"teilnehmende":[]}`, 401},
		{"PUT", "/api/v1/sitzungen/49/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", heToken, `{"mitglied":"BY","version":0,"teilnehmende":[{"name":"Eingeschleust"}]}`, 403},
		{"PUT", "/api/v1/sitzungen/49/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", heToken, `{"version":0,"teilnehmende":[{"name":"","funktion":"CIO"}]}`, 400},
		{"PUT", "/api/v1/sitzungen/99/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", heToken, `{"version":0,"teilnehmende":[]}`, 404},
		{"PUT", "/api/v1/sitzungen/47/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", heToken, `{"version":0,"teilnehmende":[]}`, 422},
		{"GET", "/api/v1/sitzungen/49/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", "", "", 401},
		{"GET", "/api/v1/sitzungen/49/teilnahme?mitglied=BY", "/api/v1/sitzungen/{nr}/teilnahme", heToken, "", 403},
		{"GET", "/api/v1/sitzungen/99/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", heToken, "", 404},
		{"GET", "/api/v1/sitzungen/49/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", heToken, "", 200},
		{"PUT", "/api/v1/sitzungen/49/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", heToken, `{"version":0,"teilnehmende":[{"name":"Dr. Anna Beispiel","funktion":"CIO","online":true},{"name":"Ben Vertreter","vertretung":true}]}`, 200},
		{"PUT", "/api/v1/sitzungen/49/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", heToken, `{"version":0,"teilnehmende":[]}`, 409},
		{"GET", "/api/v1/sitzungen/49/teilnahme", "/api/v1/sitzungen/{nr}/teilnahme", heToken, "", 200},
		{"GET", "/api/v1/anmeldungen/abc", "/api/v1/anmeldungen/{id}", heToken, "", 400},
		{"POST", "/api/v1/sitzungen/49/anmeldungen", reg, "", registration, 401},
		{"POST", "/api/v1/sitzungen/49/anmeldungen", reg, fmkToken, registration, 403},
		{"POST", "/api/v1/sitzungen/49/anmeldungen", reg, heToken, `{"mitglied":"BY","titel":"Fremd","ziel":"Bericht","fachmk":{"betroffen":false}}`, 403},
		{"POST", "/api/v1/sitzungen/49/anmeldungen", reg, heToken, `kein json`, 400},
		{"POST", "/api/v1/sitzungen/99/anmeldungen", reg, heToken, registration, 404},
		{"POST", "/api/v1/sitzungen/47/anmeldungen", reg, heToken, registration, 422},
		{"POST", "/api/v1/sitzungen/49/anmeldungen", reg, heToken, `{"titel":"Ohne Erklärung","ziel":"Beschluss"}`, 422},
		{"POST", "/api/v1/sitzungen/49/anmeldungen", reg, heToken, registration, 201},
		{"GET", "/api/v1/sitzungen/47/protokollnotizen", notes, "", "", 401},
		{"GET", "/api/v1/sitzungen/47/protokollnotizen", notes, fmkToken, "", 403},
		{"GET", "/api/v1/sitzungen/99/protokollnotizen", notes, heToken, "", 404},
		{"GET", "/api/v1/sitzungen/x/protokollnotizen", notes, heToken, "", 400},
		{"GET", "/api/v1/sitzungen/47/protokollnotizen", notes, heToken, "", 200},
		{"POST", "/api/v1/sitzungen/47/protokollnotizen", notes, "", `{"top":"1","text":"x"}`, 401},
		{"POST", "/api/v1/sitzungen/47/protokollnotizen", notes, fmkToken, `{"top":"1","text":"x"}`, 403},
		{"POST", "/api/v1/sitzungen/47/protokollnotizen", notes, heToken, `{"top":"999","text":"x"}`, 404},
		{"POST", "/api/v1/sitzungen/47/protokollnotizen", notes, heToken, `{"top":` + strconv.Quote(items47[1].Number) + `,"text":" "}`, 400},
		{"POST", "/api/v1/sitzungen/47/protokollnotizen", notes, dltToken, `{"top":` + strconv.Quote(items47[1].Number) + `,"text":"Der DLT stimmt zu."}`, 201},
		{"POST", note, "/api/v1/protokollnotizen/{id}", "", `{"aktion":"zurueckziehen","fassung":1}`, 401},
		{"POST", note, "/api/v1/protokollnotizen/{id}", fmkToken, `{"aktion":"zurueckziehen","fassung":1}`, 403},
		{"POST", note, "/api/v1/protokollnotizen/{id}", dltToken, `{"aktion":"zurueckziehen","fassung":1}`, 404},
		{"POST", note, "/api/v1/protokollnotizen/{id}", heToken, `{"aktion":"loeschen","fassung":1}`, 400},
		{"POST", note, "/api/v1/protokollnotizen/{id}", heToken, `{"aktion":"zurueckziehen","fassung":7}`, 409},
		{"POST", note, "/api/v1/protokollnotizen/{id}", heToken, `{"aktion":"zurueckziehen","fassung":1}`, 200},
	}
	covered := map[string]bool{}
	live := func(tc liveCase) {
		t.Helper()
		t.Run(tc.method+" "+tc.path+" "+fmt.Sprint(tc.want), func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, strings.NewReader(tc.body))
			if tc.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			if tc.token != "" {
				req.Header.Set("Authorization", "Bearer "+tc.token)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Errorf("status %d, want %d: %s", res.StatusCode, tc.want, body)
			}
			r, ptr := response(tc.method, tc.op, res.StatusCode)
			if r == nil {
				t.Fatalf("status %d of %s %s is not described", res.StatusCode, tc.method, tc.op)
			}
			covered[tc.method+" "+tc.op] = true
			// Link and X-Search-Capped are sent only when there is a
			// neighbouring page or a capped full-text filter.
			for h := range mapOf(r["headers"]) {
				if res.Header.Get(h) == "" && res.StatusCode < 300 && h != "Link" && h != "X-Search-Capped" {
					t.Errorf("header %s described but not sent", h)
				}
			}
			content := mapOf(r["content"])
			if len(content) == 0 {
				if len(body) > 0 {
					t.Errorf("a body is sent but not described: %s", body)
				}
				return
			}
			if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type %q", res.Header.Get("Content-Type"))
			}
			sch, err := c.Compile(openAPIID + ptr + "/content/application~1json/schema")
			if err != nil {
				t.Fatalf("schema %s: %v", ptr, err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("not JSON: %v: %s", err, body)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("answer does not match %s: %v\n%s", ptr, err, body)
			}
		})
	}
	for _, tc := range cases {
		live(tc)
	}
	// The open vote as a member's system reads it (before: no way to learn
	// whether a vote is open, 405): the subject, who voted, its own vote,
	// where to send it (or, without a ballot, why: keineStimme) — and not
	// how others voted; a confidential passage
	// of the subject marked [[…]], as every internal text of the API (before:
	// the stored marks ⟦…⟧).
	// With the text voted on, as the ballot page shows it: kind, points and
	// the majority (before: the title only, often the same for several
	// items).
	proposal := []api.VotedProposal{{Kind: "Beschluss", Name: "Beschlussvorschlag", Title: "Rahmenarchitektur [[mit Kostenrahmen]]",
		Points:   model.NumberedPoints([]string{"Der IT-Planungsrat beschließt die Rahmenarchitektur.", "Die Kosten trägt [[der Bund]]."}),
		Majority: model.StaatsvertragRule.Label()}}
	for token, want := range map[string]api.OpenSessionVote{
		heToken: {Open: true, Subject: "Rahmenarchitektur [[mit Kostenrahmen]]", Voted: []string{"HE"}, OwnVote: "ja", VoteURL: ts.URL + "/api/v1/sitzungen/48/abstimmung/stimme", Ballot: ballot, Proposals: proposal},
		dltToken: {Open: true, Subject: "Rahmenarchitektur [[mit Kostenrahmen]]", Voted: []string{"HE"}, Ballot: ballot, Proposals: proposal,
			NoBallot: "DLT ist beratendes Mitglied: beratende Mitglieder können sich zu Wort melden, stimmen aber nicht ab."},
	} {
		req, _ := http.NewRequest("GET", ts.URL+"/api/v1/sitzungen/48/abstimmung", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var got api.OpenSessionVote
		err = json.NewDecoder(res.Body).Decode(&got)
		res.Body.Close()
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("open vote read with %s: %+v, want %+v (%v)", token[:8], got, want, err)
		}
	}
	// An account without a ballot reads why, where stimmeUrl would stand,
	// in the words of the pages (before: nothing, the reason came only
	// with the 403 of a vote sent): the advisory member's above, and in
	// the written procedure open before its deadline.
	for token, want := range map[string][2]string{
		heToken:  {ts.URL + vote, ""},
		dltToken: {"", "DLT ist beratendes Mitglied: beratende Mitglieder stimmen im Umlaufverfahren nicht ab."},
	} {
		req, _ := http.NewRequest("GET", ts.URL+"/api/v1/umlaufverfahren", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var got []api.Procedure
		err = json.NewDecoder(res.Body).Decode(&got)
		res.Body.Close()
		i := slices.IndexFunc(got, func(p api.Procedure) bool { return p.ID == open })
		if err != nil || i < 0 || got[i].VoteURL != want[0] || got[i].NoBallot != want[1] {
			t.Errorf("procedures read with %s: %+v (%v)", token[:8], got, err)
		}
	}
	// The delegation the API registered is Hessen's, as the form would store it.
	s49, _ := st.SessionByNumber(ctx, itplr.ID, 49)
	if ds, _, err := st.Delegations(ctx, s49.ID); err != nil || len(ds) != 1 || ds[0].Member != "HE" || len(ds[0].Delegates) != 2 ||
		!ds[0].Delegates[0].Online || ds[0].Delegates[0].Function != "CIO" || !ds[0].Delegates[1].Deputy || ds[0].UpdatedBy != "hessen" {
		t.Errorf("delegations of the 49th session: %+v %v", ds, err)
	}
	// The registration the API took is Hessen's, pending, with its
	// statement, confidential mark and proposal, as the form stores it.
	var registered *model.AgendaItem
	items49, _ := st.Items(ctx, s49.ID)
	for i := range items49 {
		if items49[i].RegisteredBy == "HE" {
			registered = &items49[i]
		}
	}
	if registered == nil || len(items49) != 1 || registered.Status != model.ItemRegistered || !registered.Impact.Stated || len(registered.Impact.ConferenceIDs) != 1 ||
		registered.Impact.Note != "Meldewesen" || model.InternalText(registered.Title) != "Registermodernisierung Kosten" || registered.Title == "Registermodernisierung Kosten" ||
		!registered.Flags.Decision || fmt.Sprint(registered.Reporters) != "[HE]" {
		t.Errorf("items of the 49th session after the API's registrations: %+v", items49)
	} else if ds, err := st.Decisions(ctx, store.DecisionFilter{ItemID: registered.ID}); err != nil || len(ds) != 1 || ds[0].Status != model.DecisionDraft || fmt.Sprint(ds[0].Applicants) != "[HE Bund]" {
		t.Errorf("proposal of the registration: %+v %v", ds, err)
	}
	// The Bund, named as applicant by Hessen's registration, reads its
	// co-application and confirms it (Mitantrag); Hessen cannot answer for
	// it, a FachMK's token has none; the answer names the version read, the
	// same answer again is done, another is refused.
	if registered != nil {
		bund, _, _ := st.UserLogin(ctx, "bund")
		bundToken, _ := auth.NewAPIToken(ctx, st, bund.ID, "Bund")
		cos, err := st.PendingCoApplications(ctx, "Bund")
		if err != nil || len(cos) != 1 {
			t.Fatalf("the Bund's co-applications: %+v %v", cos, err)
		}
		list, one, oneOp := "/api/v1/mitantraege", fmt.Sprintf("/api/v1/mitantraege/%d", cos[0].ID), "/api/v1/mitantraege/{id}"
		answer := func(a string) string { return fmt.Sprintf(`{"antwort":%q,"fassung":%q}`, a, cos[0].Fingerprint()) }
		for _, tc := range []liveCase{
			{"GET", list, list, "", "", 401},
			{"GET", list, list, fmkToken, "", 403},
			{"GET", list, list, bundToken, "", 200},
			{"GET", list + "?stand=bestaetigt", list, bundToken, "", 200},
			{"GET", list + "?stand=egal", list, bundToken, "", 400},
			{"POST", one, oneOp, "", answer("bestaetigen"), 401},
			{"POST", one, oneOp, bundToken, answer("vielleicht"), 400},
			{"POST", one, oneOp, bundToken, `{"antwort":"bestaetigen"}`, 400},
			{"POST", one, oneOp, heToken, answer("bestaetigen"), 404}, // another's: as a missing one
			{"POST", "/api/v1/mitantraege/99999", oneOp, bundToken, answer("bestaetigen"), 404},
			{"POST", one, oneOp, bundToken, `{"antwort":"bestaetigen","fassung":"eine andere"}`, 409},
			{"POST", one, oneOp, bundToken, answer("bestaetigen"), 200},
			{"POST", one, oneOp, bundToken, answer("bestaetigen"), 200},
			{"POST", one, oneOp, bundToken, answer("ablehnen"), 422},
			// The registration as its page shows it to the Bund, named
			// co-applicant: read-only (CoApplicantRegistration).
			{"GET", fmt.Sprintf("/api/v1/anmeldungen/%d", registered.ID), "/api/v1/anmeldungen/{id}", bundToken, "", 200},
			{"DELETE", fmt.Sprintf("/api/v1/anmeldungen/%d?version=%d", registered.ID, registered.Version), "/api/v1/anmeldungen/{id}", bundToken, "", 403},
		} {
			live(tc)
		}
		if c, err := st.CoApplication(ctx, cos[0].ID); err != nil || c.State != model.CoApplicationConfirmed {
			t.Errorf("the Bund's co-application after its answer: %+v %v", c, err)
		}
	}
	// The registration read back, changed and withdrawn by its member's
	// system; another member does not find it.
	if registered != nil {
		one, oneOp := fmt.Sprintf("/api/v1/anmeldungen/%d", registered.ID), "/api/v1/anmeldungen/{id}"
		v := registered.Version
		for _, tc := range []liveCase{
			{"GET", one, oneOp, "", "", 401},
			{"GET", one, oneOp, dltToken, "", 404},
			{"GET", "/api/v1/anmeldungen/99999", oneOp, heToken, "", 404},
			{"GET", one, oneOp, heToken, "", 200},
			{"PUT", one, oneOp, heToken, `{"titel":"Ohne Version","ziel":"Bericht","fachmk":{"betroffen":false}}`, 400},
			{"PUT", one, oneOp, "", fmt.Sprintf(`{"version":%d,"titel":"x","ziel":"Bericht","fachmk":{"betroffen":false}}`, v), 401},
			{"PUT", one, oneOp, dltToken, fmt.Sprintf(`{"version":%d,"titel":"x","ziel":"Bericht","fachmk":{"betroffen":false}}`, v), 404},
			{"PUT", one, oneOp, heToken, fmt.Sprintf(`{"version":%d,"titel":"x","ziel":"Bericht","quelle":["B-2025/99-IT"],"fachmk":{"betroffen":false}}`, v), 422},
			{"PUT", one, oneOp, heToken, fmt.Sprintf(`{"version":%d,"titel":"Registermodernisierung [[Kosten]]","ziel":"Bericht","punkte":["Sachstand"],"fachmk":{"betroffen":true,"konferenzen":["IMK"]}}`, v), 200},
			{"PUT", one, oneOp, heToken, fmt.Sprintf(`{"version":%d,"titel":"Veraltet","ziel":"Bericht","fachmk":{"betroffen":false}}`, v), 409},
			{"DELETE", one, oneOp, heToken, "", 400},
			{"DELETE", one + fmt.Sprintf("?version=%d", v), oneOp, heToken, "", 409},
			{"DELETE", one + fmt.Sprintf("?version=%d", v+1), oneOp, "", "", 401},
			{"DELETE", one + fmt.Sprintf("?version=%d", v+1), oneOp, heToken, "", 204},
			{"GET", one, oneOp, heToken, "", 404},
		} {
			live(tc)
		}
	}
	// A pending registration of the cancelled 50th moved to the 51st by
	// its member's system (Anmeldung verlegen).
	{
		s50, err := st.CreateSession(ctx, model.Session{BodyID: itplr.ID, Number: 50, Date: model.BerlinDate(time.Now().AddDate(0, 4, 0)), Status: model.StatusPlanned})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateSession(ctx, model.Session{BodyID: itplr.ID, Number: 51, Date: model.BerlinDate(time.Now().AddDate(0, 6, 0)), Status: model.StatusPlanned}); err != nil {
			t.Fatal(err)
		}
		id, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: s50, Title: "Verlegt", Goal: model.GoalReport, Status: model.ItemRegistered, RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		moveOp, move := "/api/v1/anmeldungen/{id}/verlegen", fmt.Sprintf("/api/v1/anmeldungen/%d/verlegen", id)
		it, _ := st.Item(ctx, id)
		live(liveCase{"POST", move, moveOp, heToken, fmt.Sprintf(`{"sitzung":51,"version":%d}`, it.Version), 422}) // the 50th is not cancelled
		se, _ := st.Session(ctx, s50)
		if err := st.CancelSession(ctx, s50, se.Version, "Terminkollision"); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []liveCase{
			{"POST", move, moveOp, "", fmt.Sprintf(`{"sitzung":51,"version":%d}`, it.Version), 401},
			{"POST", move, moveOp, dltToken, fmt.Sprintf(`{"sitzung":51,"version":%d}`, it.Version), 404},
			{"POST", move, moveOp, fmkToken, fmt.Sprintf(`{"sitzung":51,"version":%d}`, it.Version), 404},
			{"POST", move, moveOp, heToken, `{"sitzung":51}`, 400},
			{"POST", move, moveOp, heToken, fmt.Sprintf(`{"sitzung":47,"version":%d}`, it.Version), 422},
			{"POST", move, moveOp, heToken, fmt.Sprintf(`{"sitzung":51,"version":%d}`, it.Version-1), 409},
			{"POST", move, moveOp, heToken, fmt.Sprintf(`{"sitzung":51,"version":%d}`, it.Version), 200},
		} {
			live(tc)
		}
	}
	for path, ops := range paths {
		for method := range ops.(map[string]any) {
			if !covered[strings.ToUpper(method)+" "+path] {
				t.Errorf("operation %s %s has no live test", strings.ToUpper(method), path)
			}
		}
	}

	// Unknown paths and wrong methods under /api/ are JSON errors.
	for _, tc := range []struct {
		method, path string
		want         int
		allow        string
	}{
		{"GET", "/api/v1/gibtsnicht", 404, ""},
		{"GET", "/api/v2/sitzungen", 404, ""},
		{"DELETE", "/api/v1/sitzungen/47", 405, "GET, HEAD"},
		{"GET", "/api/v1/umlaufverfahren/1/stimme", 405, "POST"},
		{"PUT", "/api/v1/beschluesse", 405, "GET, HEAD"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, ts.URL+tc.path, nil)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var e map[string]any
			err = json.NewDecoder(res.Body).Decode(&e)
			res.Body.Close()
			if res.StatusCode != tc.want || err != nil || e["error"] == "" || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") || res.Header.Get("Allow") != tc.allow {
				t.Errorf("%d %s %v Allow %q", res.StatusCode, res.Header.Get("Content-Type"), e, res.Header.Get("Allow"))
			}
			inst, _ := json.Marshal(e)
			v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(inst))
			sch, _ := c.Compile(openAPIID + "#/components/schemas/Error")
			if err := sch.Validate(v); err != nil {
				t.Error(err)
			}
		})
	}
}

func mapOf(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// runningVote gives the council a running 48th session with every voting
// member present and a vote open on a Beschluss proposal.
func runningVote(t *testing.T, st *store.Store, councilID int64) int64 {
	t.Helper()
	ctx := context.Background()
	sid, err := st.PlanSession(ctx, model.Session{BodyID: councilID, Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusPlanned, AgendaPublished: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := st.Session(ctx, sid)
		if err := st.SetSessionStatus(ctx, sid, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	item, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "1", Title: "Rahmenarchitektur", Position: 1, Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.CreateDecision(ctx, model.Decision{BodyID: councilID, SessionID: sid, ItemID: item, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Rahmenarchitektur " + model.Redact("mit Kostenrahmen"), Applicants: []string{"Bund"},
		Points: model.NumberedPoints([]string{"Der IT-Planungsrat beschließt die Rahmenarchitektur.", "Die Kosten trägt " + model.Redact("der Bund") + "."})})
	if err != nil {
		t.Fatal(err)
	}
	members, err := st.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var list []model.Attendance
	for _, m := range members {
		if m.Kind.Votes() {
			list = append(list, model.Attendance{Member: m.Abbrev, Presence: model.Present})
		}
	}
	if ok, reason, err := st.SaveAttendance(ctx, sid, list); err != nil || !ok {
		t.Fatalf("attendance: %v %s", err, reason)
	}
	v, err := st.OpenVote(ctx, sid, d)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
