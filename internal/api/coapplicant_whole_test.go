package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"gremium/internal/auth"
	"gremium/internal/store"
)

// TestCoApplicantReadsTheWholeRegistrationByAPI: Baden-Württemberg, named
// by Hessen as co-applicant of a Beschluss proposal, read the
// registration without its sources, reporting members and the
// FachMK-impact statement (GO § 4) with its note — the statement a Land
// co-signing a proposal needs most — and, once the secretariat declined
// it, without the reason the notice of the decline had told it. Now
// GET /api/v1/anmeldungen/{id} gives the co-applicant "quelle",
// "berichterstattung", "fachmk" as Hessen reads them and "ablehnungsgrund";
// still not "version" nor "aenderbar", which only serve the one who
// changes it.
func TestCoApplicantReadsTheWholeRegistrationByAPI(t *testing.T) {
	ts, st, _, token := hessenServer(t)
	ctx := context.Background()
	u, _, err := st.UserLogin(ctx, "baden-wuerttemberg")
	if err != nil {
		t.Fatal(err)
	}
	bw, err := auth.NewAPIToken(ctx, st, u.ID, "Landesportal BW")
	if err != nil {
		t.Fatal(err)
	}
	code, _, b := call(t, ts, "POST", "/api/v1/sitzungen/49/anmeldungen", token, `{"titel":"Gemeinsames Register","ziel":"Beschluss",
		"quelle":["B-2025/26-IT"],"berichterstattung":["HE"],"antrag":["HE","BW","NW"],"beschlussvorschlag":["1. Der IT-Planungsrat beschließt das Register."],
		"fachmk":{"betroffen":true,"konferenzen":["IMK"],"hinweis":"Die IMK ist vorab beteiligt."}}`)
	var created Registered
	if err := json.Unmarshal(b, &created); code != http.StatusCreated || err != nil {
		t.Fatalf("registration: %d %s", code, b)
	}
	path := "/api/v1/anmeldungen/" + strconv.FormatInt(created.ID, 10)
	read := func(tok string) map[string]json.RawMessage {
		t.Helper()
		code, _, b := call(t, ts, "GET", path, tok, "")
		var out map[string]json.RawMessage
		if err := json.Unmarshal(b, &out); code != http.StatusOK || err != nil {
			t.Fatalf("read: %d %s", code, b)
		}
		return out
	}
	hessen, got := read(token), read(bw)
	want := map[string]string{"quelle": `["B-2025/26-IT"]`, "berichterstattung": `["HE"]`,
		"fachmk": `{"betroffen":true,"konferenzen":["IMK"],"hinweis":"Die IMK ist vorab beteiligt."}`}
	for k, v := range want {
		if string(got[k]) != v || string(hessen[k]) != v {
			t.Errorf("%s: BW reads %s, Hessen %s, want %s", k, got[k], hessen[k], v)
		}
	}
	for _, k := range []string{"version", "aenderbar", "nichtAenderbar", "antragUnvollstaendig", "ablehnungsgrund"} {
		if got[k] != nil {
			t.Errorf("BW reads %s: %s", k, got[k])
		}
	}
	// Declined: the co-applicant reads the reason, as its notice said it.
	it, err := st.Item(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	const reason = "Gehört zuerst in die AL-Runde."
	if _, err := st.DecideRegistration(store.WithActor(ctx, "test"), it.ID, it.Version, false, reason); err != nil {
		t.Fatal(err)
	}
	got = read(bw)
	if string(got["status"]) != `"abgelehnt"` || string(got["ablehnungsgrund"]) != strconv.Quote(reason) {
		t.Errorf("BW's read of the declined registration: status %s, ablehnungsgrund %s", got["status"], got["ablehnungsgrund"])
	}
	if got["version"] != nil || got["aenderbar"] != nil {
		t.Errorf("BW reads what serves a change: %v", got)
	}
}
