package api

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestWriteRefusalsNameTheirMember: a write refused for one member of its
// request names it in "probleme" (docs/api.md). Before, a vote
// {"stimme":"JA"} (procedure and session vote) and a comment
// {"kommentar":""} answered {"error": …} alone; no choice at all said
// "…, nicht „“."; a member of the wrong type ({"kommentar": 5}) was "kein
// gültiges JSON-Objekt"; commenting on the minutes of a planned session
// said "das Protokoll ist im Status „geplant“" (a session's status); the
// delegation's reason told the API client "(oder leeren Sie die Zeile)".
func TestWriteRefusalsNameTheirMember(t *testing.T) {
	st, _, send := hessenAPI(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: itplr.ID, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Umlauf", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	post := func(path, body string) (int, refusal) { t.Helper(); return send("POST", path, body) }
	for _, tc := range []struct {
		path, body string
		status     int
		field      string // "" for the request as a whole
		reason     string
	}{
		{"/api/v1/umlaufverfahren/" + jsonID(pid) + "/stimme", `{"stimme":"JA"}`, 400, "/stimme", "nicht „JA“"},
		{"/api/v1/umlaufverfahren/" + jsonID(pid) + "/stimme", `{"stimme":""}`, 400, "/stimme", "Bitte eine Stimme wählen (Ja, Nein oder Enthaltung)."},
		{"/api/v1/umlaufverfahren/" + jsonID(pid) + "/stimme", `{"stimme":true}`, 400, "/stimme", "erwartet: Text"},
		{"/api/v1/sitzungen/47/abstimmung/stimme", `{"stimme":"JA","abstimmung":1}`, 400, "/stimme", "nicht „JA“"},
		{"/api/v1/sitzungen/47/kommentare", `{"kommentar":""}`, 400, "/kommentar", "Der Kommentar fehlt."},
		{"/api/v1/sitzungen/47/kommentare", `{"kommentar":5}`, 400, "/kommentar", "erwartet: Text"},
		{"/api/v1/sitzungen/49/kommentare", `{"kommentar":"Zu früh"}`, 422, "", "die Sitzung hat noch nicht stattgefunden, ein Protokoll gibt es noch nicht"},
	} {
		code, out := post(tc.path, tc.body)
		if code != tc.status || !strings.Contains(out.Error, tc.reason) {
			t.Errorf("%s %s: %d %+v, want %d with %q", tc.path, tc.body, code, out, tc.status, tc.reason)
			continue
		}
		if tc.field != "" && (len(out.Problems) != 1 || out.Problems[0].Field != tc.field) {
			t.Errorf("%s %s: problems %+v, want one at %s", tc.path, tc.body, out.Problems, tc.field)
		}
		if strings.Contains(out.Error, "im Status") {
			t.Errorf("%s %s: a session status as the minutes': %q", tc.path, tc.body, out.Error)
		}
	}
	// The delegation: no words of the form.
	code, out := send("PUT", "/api/v1/sitzungen/49/teilnahme", `{"version":0,"teilnehmende":[{"name":"Dr. Anna Beispiel"},{"name":"","funktion":"Referent"}]}`)
	if code != http.StatusBadRequest || len(out.Problems) != 1 || out.Problems[0].Field != "/teilnehmende/1/name" || strings.Contains(out.Error, "leeren Sie") {
		t.Errorf("a person without name: %d %+v", code, out)
	}
}
