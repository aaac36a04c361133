package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
)

// call sends a request to the test server with the token (none for "")
// and gives the status, the headers and the body.
func call(t *testing.T, ts *httptest.Server, method, path, token, body string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, ts.URL+path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, b
}

// TestJSONFollowUpVersionReadable: a member's system reporting a
// follow-up's state must name the version it read, but no answer gave
// one — the list's items had no "version", GET /api/v1/auftraege/{id}
// was 404 — and a report without it (or with 0) was 409 "von jemand
// anderem geändert" though nobody had changed it. Now the list and the
// follow-up itself carry the version for a token of the internal version
// (the follow-up as its page shows it to the token's role; the public
// gets none, TestJSONFollowUpVersionNotPublic), a missing version is 400
// at /version, a stale one stays 409; the attendance registration (PUT
// …/teilnahme) refuses a missing version the same way.
func TestJSONFollowUpVersionReadable(t *testing.T) {
	ts, st, s49, token := hessenServer(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	id, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items[1].ID, Text: "Konzept " + model.Redact("mit Zahlen") + " vorlegen", Responsible: "HE", Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := st.FollowUp(ctx, id)

	// Read by the members' names, so that the test runs on the code
	// before (which had neither field).
	type detail struct {
		Number    int64  `json:"nummer"`
		Text      string `json:"auftrag"`
		Version   int    `json:"version"`
		Session   int    `json:"sitzung"`
		ReportURL string `json:"standUrl"`
	}
	var list []detail
	if code, _, body := call(t, ts, "GET", "/api/v1/auftraege", token, ""); code != 200 || json.Unmarshal(body, &list) != nil {
		t.Fatalf("list for Hessen: %d %s", code, body)
	}
	found := false
	for _, x := range list {
		if x.Number == f.Number {
			found = true
			if x.Version != f.Version || x.Version == 0 {
				t.Errorf("list item %+v, want version %d", x, f.Version)
			}
		}
	}
	if !found {
		t.Fatalf("follow-up %d not in Hessen's list", id)
	}
	path := fmt.Sprintf("/api/v1/auftraege/nr/%d", f.Number)
	code, _, body := call(t, ts, "GET", path, "", "")
	var pub detail
	if err := json.Unmarshal(body, &pub); code != 200 || err != nil || pub.Version != 0 || pub.Number != f.Number || f.Number == 0 || pub.Session != 47 {
		t.Fatalf("GET %s: %d %s", path, code, body)
	}
	if strings.Contains(string(body), "mit Zahlen") || pub.ReportURL != "" {
		t.Errorf("the public reads %s", body)
	}
	code, _, body = call(t, ts, "GET", path, token, "")
	var mine detail
	if err := json.Unmarshal(body, &mine); code != 200 || err != nil || mine.Text != "Konzept [[mit Zahlen]] vorlegen" || mine.ReportURL == "" || mine.Version != f.Version {
		t.Errorf("GET %s for Hessen: %d %s", path, code, body)
	}
	if code, _, body := call(t, ts, "GET", "/api/v1/auftraege/999999", "", ""); code != 404 {
		t.Errorf("an unknown follow-up: %d %s", code, body)
	}
	// A follow-up of a session whose agenda is not public: the member
	// reads it, the public does not.
	it49, err := st.CreateItem(ctx, model.AgendaItem{SessionID: s49, Title: "Vorbereitung", Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	hidden, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: it49, Text: "Entwurf abstimmen", Responsible: "HE", Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	hp := fmt.Sprintf("/api/v1/auftraege/%d", hidden)
	if code, _, body := call(t, ts, "GET", hp, "", ""); code != 404 {
		t.Errorf("a follow-up not public, for the public: %d %s", code, body)
	}
	if code, _, body := call(t, ts, "GET", hp, token, ""); code != 200 || !strings.Contains(string(body), `"version":`) {
		t.Errorf("a follow-up not public, for Hessen: %d %s", code, body)
	}

	report := fmt.Sprintf("/api/v1/auftraege/%d/stand", id)
	for _, body := range []string{`{"stand":"in_arbeit"}`, `{"version":null,"stand":"in_arbeit"}`} {
		code, _, b := call(t, ts, "POST", report, token, body)
		var out refusal
		json.Unmarshal(b, &out)
		if code != 400 || len(out.Problems) != 1 || out.Problems[0].Field != "/version" || !strings.Contains(out.Error, "Version") {
			t.Errorf("report %s: %d %s, want 400 at /version", body, code, b)
		}
	}
	if code, _, b := call(t, ts, "POST", report, token, fmt.Sprintf(`{"version":%d,"stand":"in_arbeit"}`, mine.Version)); code != 200 {
		t.Errorf("report with the version read: %d %s", code, b)
	}
	if code, _, b := call(t, ts, "POST", report, token, fmt.Sprintf(`{"version":%d,"stand":"offen"}`, mine.Version)); code != 409 {
		t.Errorf("report with a stale version: %d %s", code, b)
	}
	// Done, with its evidence: the follow-up says so as its page does.
	done := fmt.Sprintf(`{"version":%d,"stand":"erledigt","erledigtAm":"2026-01-15","nachweis":"Bericht","nachweisBeschluss":"B-2025/26-IT"}`, mine.Version+1)
	if code, _, b := call(t, ts, "POST", report, token, done); code != 200 {
		t.Errorf("report done: %d %s", code, b)
	}
	if code, _, b := call(t, ts, "GET", path, "", ""); code != 200 || !strings.Contains(string(b), `"erledigtAm":"2026-01-15","nachweis":"Bericht","nachweisBeschluss":"B-2025/26-IT"`) ||
		strings.Contains(string(b), `"version"`) {
		t.Errorf("GET %s when done, for the public: %d %s", path, code, b)
	}
	if code, _, b := call(t, ts, "GET", path, token, ""); code != 200 || !strings.Contains(string(b), fmt.Sprintf(`"version":%d`, mine.Version+2)) {
		t.Errorf("GET %s when done, for Hessen: %d %s", path, code, b)
	}
	code, _, b := call(t, ts, "PUT", "/api/v1/sitzungen/49/teilnahme", token, `{"teilnehmende":[{"name":"Dr. Anna Beispiel"}]}`)
	var out refusal
	json.Unmarshal(b, &out)
	if code != 400 || len(out.Problems) != 1 || out.Problems[0].Field != "/version" {
		t.Errorf("attendance without version: %d %s, want 400 at /version", code, b)
	}
}

// TestJSONFollowUpDueToCancelledSession: a follow-up due to a session that
// was cancelled says so in the list and alone, as the pages say
// "48. Sitzung – abgesagt" (before, the JSON gave only fristSitzung: 48,
// as if the deadline still stood); the pages' "neue Frist nötig" is the
// secretariat's hint, not the public's.
func TestJSONFollowUpDueToCancelledSession(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	id, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.BerlinDate(time.Now().AddDate(0, 2, 0)), Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	// Before the cancellation: neither field.
	var one map[string]any
	if code := getJSON(t, ts.URL+"/api/v1/auftraege/nr/4", &one); code != 200 || one["fristSitzung"] != float64(48) || one["fristSitzungAbgesagt"] != nil || one["neueFristNoetig"] != nil {
		t.Fatalf("follow-up 4 before the cancellation: %d %v", code, one)
	}
	se, _ := st.Session(ctx, id)
	if err := st.CancelSession(ctx, id, se.Version, "Terminkollision"); err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	getJSON(t, ts.URL+"/api/v1/auftraege", &list)
	var listed map[string]any
	for _, f := range list {
		if f["nummer"] == float64(4) {
			listed = f
		}
	}
	one = nil
	getJSON(t, ts.URL+"/api/v1/auftraege/nr/4", &one)
	for where, f := range map[string]map[string]any{"list": listed, "single": one} {
		// The hint to set a new deadline is the secretariat's
		// (TestJSONNewDeadlineOnlyForWhoSetsIt), not the public's.
		if f["fristSitzungAbgesagt"] != true || f["neueFristNoetig"] != nil || f["ueberfaellig"] != nil {
			t.Errorf("%s: follow-up 4 due to the cancelled 48th session: %v", where, f)
		}
	}
	// A follow-up without a session deadline says neither.
	for _, f := range list {
		if f["fristSitzung"] == nil && (f["fristSitzungAbgesagt"] != nil || f["neueFristNoetig"] != nil) {
			t.Errorf("follow-up %v without a session deadline: %v", f["nummer"], f)
		}
	}
}

// TestJSONConferenceContacts: /api/v1/fachmk gives each conference's chair
// and the contact persons of its secretariat as its public page shows
// them — name, role, e-mail — and never the telephone number, which only
// signed-in users see (before, the JSON had no contacts at all).
func TestJSONConferenceContacts(t *testing.T) {
	ts, st := demoAPI(t)
	ctx := context.Background()
	imk, err := st.BodyByAbbrev(ctx, "IMK")
	if err != nil {
		t.Fatal(err)
	}
	imk.Chair = "Niedersachsen"
	if err := st.UpdateBody(ctx, imk); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: imk.ID, Name: "Erika Muster", Role: "Vorsitz", Email: "vorsitz@imk.example", Phone: "+49 511 0000-4711"}); err != nil {
		t.Fatal(err)
	}
	code, _, body := call(t, ts, "GET", "/api/v1/fachmk", "", "")
	if code != 200 || strings.Contains(string(body), "4711") {
		t.Fatalf("fachmk: %d, telephone number given: %s", code, body)
	}
	var cs []map[string]any
	if err := json.Unmarshal(body, &cs); err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if _, ok := c["ansprechpersonen"].([]any); !ok {
			t.Errorf("%s: ansprechpersonen missing (an empty list expected at least)", c["kuerzel"])
		}
		if c["kuerzel"] != "IMK" {
			continue
		}
		want := `[{"email":"vorsitz@imk.example","name":"Erika Muster","rolle":"Vorsitz"}]`
		if b, _ := json.Marshal(c["ansprechpersonen"]); c["vorsitz"] != "Niedersachsen" || string(b) != want {
			t.Errorf("IMK: vorsitz %v, ansprechpersonen %s, want %s", c["vorsitz"], b, want)
		}
	}
}

// TestJSONFollowUpVersionNotPublic: the public read a follow-up's
// "version", the optimistic-lock counter, in the list and alone. Every
// write raises it, also one the public cannot see — an internal comment,
// a change inside a passage marked confidential — so the public learned
// that and when something confidential changed. Now the public (no token,
// or a token whose account reads the public version, such as a FachMK
// secretariat's) gets no "version", and its answer stays the same bytes
// after such a change (so does any validator made from them, the ETag);
// a member office's token still reads the version it reports with.
func TestJSONFollowUpVersionNotPublic(t *testing.T) {
	ts, st, _, token := hessenServer(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	id, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: items[1].ID, Text: "Konzept " + model.Redact("mit Zahlen") + " vorlegen", Responsible: "HE", Status: model.FollowUpOpen})
	if err != nil {
		t.Fatal(err)
	}
	fmk, _, _ := st.UserLogin(ctx, demo.FachMKAccount)
	fmkToken, err := auth.NewAPIToken(ctx, st, fmk.ID, "Finanzministerkonferenz")
	if err != nil {
		t.Fatal(err)
	}
	fu, err := st.FollowUp(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	number := fu.Number
	path := fmt.Sprintf("/api/v1/auftraege/nr/%d", number)
	// listed gives the follow-up's object in the list as the reader reads
	// it, as the bytes sent.
	listed := func(tok string) string {
		t.Helper()
		code, _, body := call(t, ts, "GET", "/api/v1/auftraege", tok, "")
		var list []json.RawMessage
		if err := json.Unmarshal(body, &list); code != 200 || err != nil {
			t.Fatalf("list: %d %s", code, body)
		}
		for _, x := range list {
			var f struct {
				Number int64 `json:"nummer"`
			}
			json.Unmarshal(x, &f)
			if f.Number == number {
				return string(x)
			}
		}
		t.Fatalf("follow-up %d not in the list", id)
		return ""
	}
	single := func(tok string) string {
		t.Helper()
		code, _, body := call(t, ts, "GET", path, tok, "")
		if code != 200 {
			t.Fatalf("GET %s: %d %s", path, code, body)
		}
		return string(body)
	}
	readers := map[string]string{"the public": "", "a FachMK secretariat": fmkToken}
	before := map[string][2]string{}
	for who, tok := range readers {
		l, s := listed(tok), single(tok)
		for where, body := range map[string]string{"list": l, "single": s} {
			if strings.Contains(body, `"version"`) {
				t.Errorf("%s reads the version (%s): %s", who, where, body)
			}
		}
		before[who] = [2]string{l, s}
	}
	// Changes the public cannot see: an internal comment, a confidential
	// passage changed.
	if err := st.AddFollowUpComment(ctx, model.FollowUpComment{FollowUpID: id, Author: "Geschäftsstelle", Text: "intern: Zahlen fehlen noch"}); err != nil {
		t.Fatal(err)
	}
	f, _ := st.FollowUp(ctx, id)
	f.Text = "Konzept " + model.Redact("mit neuen Zahlen") + " vorlegen"
	if err := st.UpdateFollowUp(ctx, f); err != nil {
		t.Fatal(err)
	}
	now, _ := st.FollowUp(ctx, id)
	if now.Version <= f.Version {
		t.Fatalf("the writes left the version at %d", now.Version)
	}
	for who, tok := range readers {
		if l, s := listed(tok), single(tok); l != before[who][0] || s != before[who][1] {
			t.Errorf("%s sees the confidential changes:\nlist   %s\n  then %s\nsingle %s\n  then %s", who, before[who][0], l, before[who][1], s)
		}
	}
	// The member office reports with the version it reads.
	var mine struct {
		Version *int `json:"version"`
	}
	for where, body := range map[string]string{"list": listed(token), "single": single(token)} {
		mine.Version = nil
		if err := json.Unmarshal([]byte(body), &mine); err != nil || mine.Version == nil || *mine.Version != now.Version {
			t.Errorf("Hessen's %s: %s, want version %d", where, body, now.Version)
		}
	}
}

// TestJSONConferenceActedFor: /api/v1/fachmk called the JuMiKo vacant and
// said nothing of the E-Justice-Rat acting for it, while its page and the
// overview say it works with the council through the E-Justice-Rat
// (found by the FachMK review of 2026-12-07).
func TestJSONConferenceActedFor(t *testing.T) {
	ts, _ := demoAPI(t)
	code, _, body := call(t, ts, "GET", "/api/v1/fachmk", "", "")
	if code != 200 {
		t.Fatalf("fachmk: %d %s", code, body)
	}
	var cs []struct {
		Abbrev     string   `json:"kuerzel"`
		ActsFor    string   `json:"handeltFuer"`
		ActedForBy []string `json:"handeltDurch"`
		Vacant     bool     `json:"vakant"`
	}
	if err := json.Unmarshal(body, &cs); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, c := range cs {
		switch c.Abbrev {
		case "JuMiKo":
			seen++
			if c.Vacant || len(c.ActedForBy) != 1 || c.ActedForBy[0] != "E-Justice-Rat" {
				t.Errorf("JuMiKo: vakant %v, handeltDurch %v", c.Vacant, c.ActedForBy)
			}
		case "E-Justice-Rat":
			seen++
			if c.ActsFor != "JuMiKo" || c.ActedForBy != nil {
				t.Errorf("E-Justice-Rat: handeltFuer %q, handeltDurch %v", c.ActsFor, c.ActedForBy)
			}
		}
	}
	if seen != 2 {
		t.Errorf("the demo's JuMiKo and E-Justice-Rat: %d found", seen)
	}
}
