package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/auth"
	"gremium/internal/demo"
)

// TestCoApplicantReadsRegistrationByAPI: Baden-Württemberg's office,
// named by Hessen as co-applicant (Mitantragsteller) of a registration,
// opens the registration's page /anmeldungen/{id} (read-only, with its
// answer), but GET /api/v1/anmeldungen/{id} with its token answered 404,
// and GET /api/v1/mitantraege named no registration to read. Now the API
// asks the rule the page asks (model.Audience.ReadsAsCoApplicant) and
// gives what the page shows the co-applicant — the registering member,
// session, status, title, goal, points, proposal, the applicants with
// their confirmations and its own co-application with the "fassung" its
// answer names — and not what only serves the one who changes it
// (whether it may be changed, the version a change names; the FachMK
// statement, sources and reporting members it reads since
// TestCoApplicantReadsTheWholeRegistrationByAPI); a change or withdrawal
// by BW is 403. Hamburg, not named, and a FachMK secretariat still get
// 404, the public 401.
func TestCoApplicantReadsRegistrationByAPI(t *testing.T) {
	ts, st, _, token := hessenServer(t)
	ctx := context.Background()
	tokens := map[string]string{}
	for _, name := range []string{"baden-wuerttemberg", "hamburg", demo.FachMKAccount} {
		u, _, err := st.UserLogin(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if tokens[name], err = auth.NewAPIToken(ctx, st, u.ID, name); err != nil {
			t.Fatal(err)
		}
	}
	bw := tokens["baden-wuerttemberg"]
	code, _, b := call(t, ts, "POST", "/api/v1/sitzungen/49/anmeldungen", token, `{"titel":"Gemeinsames Register","ziel":"Beschluss","punkte":["Stand der Umsetzung"],
		"quelle":["B-2025/26-IT"],"berichterstattung":["HE"],"antrag":["HE","BW","NW"],"beschlussvorschlag":["1. Der IT-Planungsrat beschließt das Register [[mit Kosten von 3 Mio. Euro]]."],
		"fachmk":{"betroffen":true,"konferenzen":["IMK"],"hinweis":"nur intern: IMK vorab gefragt"}}`)
	var created Registered
	if err := json.Unmarshal(b, &created); code != http.StatusCreated || err != nil {
		t.Fatalf("registration: %d %s", code, b)
	}
	path := "/api/v1/anmeldungen/" + strconv.FormatInt(created.ID, 10)

	// The co-applications list names the registration to read.
	code, _, b = call(t, ts, "GET", "/api/v1/mitantraege", bw, "")
	var asked []map[string]any
	if err := json.Unmarshal(b, &asked); code != 200 || err != nil || len(asked) != 1 {
		t.Fatalf("BW's co-applications: %d %s", code, b)
	}
	if asked[0]["anmeldung"] != float64(created.ID) || !strings.HasSuffix(fmt.Sprint(asked[0]["anmeldungUrl"]), "/anmeldungen/"+strconv.FormatInt(created.ID, 10)) {
		t.Errorf("BW's co-application names no registration: %s", b)
	}

	code, _, b = call(t, ts, "GET", path, bw, "")
	if code != http.StatusOK {
		t.Fatalf("BW reads the registration it is named in: %d %s", code, b)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"id": strconv.FormatInt(created.ID, 10), "sitzung": "49", "mitglied": `"HE"`, "status": `"angemeldet"`,
		"titel": `"Gemeinsames Register"`, "ziel": `"Beschluss"`, "punkte": `["Stand der Umsetzung"]`, "antrag": `["HE","BW","NW"]`,
		"beschlussvorschlag": `["1. Der IT-Planungsrat beschließt das Register [[mit Kosten von 3 Mio. Euro]]."]`,
		"mitantraege":        `[{"mitglied":"BW","stand":"offen","erneutErbeten":false},{"mitglied":"NW","stand":"offen","erneutErbeten":false}]`,
	}
	for k, v := range want {
		if string(got[k]) != v {
			t.Errorf("BW's read: %s = %s, want %s", k, got[k], v)
		}
	}
	for _, k := range []string{"angemeldetAm", "url", "mitantrag"} {
		if got[k] == nil {
			t.Errorf("BW's read lacks %s: %s", k, b)
		}
	}
	for _, k := range []string{"version", "aenderbar", "nichtAenderbar", "antragUnvollstaendig"} {
		if got[k] != nil {
			t.Errorf("BW reads Hessen's %s: %s", k, got[k])
		}
	}
	// Its own co-application, answered with the fassung read.
	var own CoApplication
	if err := json.Unmarshal(got["mitantrag"], &own); err != nil || own.State != "offen" || own.Version == "" {
		t.Fatalf("BW's own co-application: %s %v", got["mitantrag"], err)
	}
	if code, _, b := call(t, ts, "POST", fmt.Sprintf("/api/v1/mitantraege/%d", own.ID), bw, fmt.Sprintf(`{"antwort":"bestaetigen","fassung":%q}`, own.Version)); code != 200 {
		t.Errorf("BW confirms with the fassung read: %d %s", code, b)
	}
	if code, _, b := call(t, ts, "GET", path, bw, ""); code != 200 || !strings.Contains(string(b), `{"mitglied":"BW","stand":"bestaetigt"`) {
		t.Errorf("BW's read after confirming: %d %s", code, b)
	}
	// BW reads; changing and withdrawing are Hessen's.
	if code, _, b := call(t, ts, "DELETE", path+"?version=1", bw, ""); code != http.StatusForbidden {
		t.Errorf("BW withdraws Hessen's registration: %d %s", code, b)
	}
	if code, _, b := call(t, ts, "PUT", path, bw, `{"version":1,"titel":"Übernommen","ziel":"Bericht","fachmk":{"betroffen":false}}`); code != http.StatusForbidden {
		t.Errorf("BW changes Hessen's registration: %d %s", code, b)
	}
	// Hessen still reads it whole.
	var mine Registration
	if code, _, b := call(t, ts, "GET", path, token, ""); code != 200 || json.Unmarshal(b, &mine) != nil || mine.Version == 0 || mine.FachMK.Note != "nur intern: IMK vorab gefragt" || mine.Title != "Gemeinsames Register" {
		t.Errorf("Hessen's read: %d %s", code, b)
	}
	for who, tok := range map[string]string{"Hamburg, not named": tokens["hamburg"], "a FachMK secretariat": tokens[demo.FachMKAccount]} {
		if code, _, b := call(t, ts, "GET", path, tok, ""); code != http.StatusNotFound {
			t.Errorf("%s reads the registration: %d %s", who, code, b)
		}
	}
	if code, _, b := call(t, ts, "GET", path, "", ""); code != http.StatusUnauthorized {
		t.Errorf("the public reads the registration: %d %s", code, b)
	}
}
