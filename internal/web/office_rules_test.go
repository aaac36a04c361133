package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestSpokespersonIsNotTheOffice: a spokesperson of Bremen names Bremen
// but is not Bremen's office (model.MemberOffice). Before, the
// spokesperson read the note Bremen's office shared with its office, and
// saw on the procedure's page how Bremen had voted in an open written
// procedure (every other account but the secretariat reads only "hat
// abgestimmt"). The spokesperson's form offers no "teilen" now, and a
// request that ticks it stores the note privately and says so.
func TestSpokespersonIsNotTheOffice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	se, err := st.SessionByNumber(ctx, itplr.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.CreateDocument(ctx, store.Document{SessionID: se.ID, Filename: "Unterlage-Finanzierung.pdf", ContentType: "application/pdf", Size: 4, SHA256: "0003", UploadedBy: "geschaeftsstelle"})
	if err != nil {
		t.Fatal(err)
	}
	doc := store.Document{ID: id}
	page := fmt.Sprintf("%s/sitzungen/%d", ts.URL, se.Number)
	note := fmt.Sprintf("%s/dokumente/%d/notiz", ts.URL, doc.ID)
	bremen, spokesperson := client(t, ts, "bremen"), client(t, ts, "sprecher-hb")
	secret := "Bremen stimmt nur mit Finanzierungsvorbehalt zu"
	if code, body := do(t, bremen, "POST", note, url.Values{"notiz": {secret}, "teilen": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("Bremen shares a note: %d %s", code, body)
	}
	if _, body := do(t, spokesperson, "GET", page, nil); strings.Contains(body, secret) {
		t.Error("Bremen's spokesperson reads the note Bremen's office shared")
	}
	_, body := do(t, spokesperson, "GET", page, nil)
	if !strings.Contains(body, fmt.Sprintf(`action="/dokumente/%d/notiz"`, doc.ID)) {
		t.Fatalf("the spokesperson has no note form on the session page")
	}
	if strings.Contains(body, fmt.Sprintf(`id="teilen-%d"`, doc.ID)) {
		t.Error("the spokesperson's note form offers \"mit meinem Büro teilen\"")
	}
	if _, body := do(t, bremen, "GET", page, nil); !strings.Contains(body, fmt.Sprintf(`id="teilen-%d"`, doc.ID)) {
		t.Error("the office's note form offers no \"mit meinem Büro teilen\"")
	}
	own := "Sprecher: Rücksprache mit der Fachministerkonferenz halten"
	res, err := spokesperson.PostForm(note, url.Values{"notiz": {own}, "teilen": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the spokesperson's note: %d", res.StatusCode)
	}
	if _, body := do(t, bremen, "GET", page, nil); strings.Contains(body, own) {
		t.Error("Bremen's office reads the note the spokesperson asked to share")
	}
	if _, body := do(t, spokesperson, "GET", page, nil); !strings.Contains(body, own) || !strings.Contains(body, "nicht Sprecherinnen und Sprecher") {
		t.Error("the spokesperson's note is not kept, or the page does not say why it is not shared")
	}

	// An open written procedure in which Bremen voted "Nein".
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: itplr.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Umlauf zur Registermodernisierung", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(240 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CastVote(ctx, pid, "HB", model.VoteNo); err != nil {
		t.Fatal(err)
	}
	row := func(who string) string {
		_, body := do(t, client(t, ts, who), "GET", fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid), nil)
		_, after, ok := strings.Cut(body, `<th scope="row">Bremen</th>`)
		if !ok {
			t.Fatalf("%s: no row of Bremen on the procedure's page", who)
		}
		cell, _, _ := strings.Cut(after, "</tr>")
		return cell
	}
	if got := row("bremen"); !strings.Contains(got, "Nein") {
		t.Errorf("Bremen's office reads %q, want its vote", got)
	}
	if got := row("sprecher-hb"); strings.Contains(got, "Nein") || !strings.Contains(got, "hat abgestimmt") {
		t.Errorf("Bremen's spokesperson reads %q, want only that Bremen voted", got)
	}
}

// TestCrossOriginAPIRefusalIsJSON: a state-changing request to the JSON
// API from a foreign origin is refused (the protection stays) with the
// API's error body, {"error": …} — before, the HTML page "Anfrage
// abgelehnt". The site's pages keep the HTML page.
func TestCrossOriginAPIRefusalIsJSON(t *testing.T) {
	ts, _ := cycleServer(t)
	post := func(path, contentType, body string) (*http.Response, string) {
		req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Origin", "https://fremd.example")
		req.Header.Set("Authorization", "Bearer gibt-es-nicht")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	res, body := post("/api/v1/sitzungen/47/kommentare", "application/json", `{"kommentar":"Von fremder Seite."}`)
	var out struct {
		Error string `json:"error"`
	}
	if res.StatusCode != http.StatusForbidden || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") ||
		json.Unmarshal([]byte(body), &out) != nil || !strings.Contains(out.Error, "fremden Herkunft") {
		t.Errorf("API: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	res, body = post("/sitzungen", "application/x-www-form-urlencoded", "nummer=77")
	if res.StatusCode != http.StatusForbidden || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "Anfrage abgelehnt") ||
		!strings.Contains(body, "Diese Anfrage kam nicht von dieser Website") {
		t.Errorf("page: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), between(body, "<main", "</main>"))
	}
}
