package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
)

// TestRegistrationCreatedGivesItsOwnURL: POST
// /api/v1/sitzungen/{nr}/anmeldungen answered "url": "…/sitzungen/49",
// the session's page, while GET /api/v1/anmeldungen/{id} gives the
// registration's own page "…/anmeldungen/{id}". The creation's answer
// names the registration's address, as the read does.
func TestRegistrationCreatedGivesItsOwnURL(t *testing.T) {
	ts, _, _, token := hessenServer(t)
	const body = `{"titel":"Adresse der Anmeldung","ziel":"Bericht","fachmk":{"betroffen":false}}`
	code, _, b := call(t, ts, "POST", "/api/v1/sitzungen/49/anmeldungen", token, body)
	var created Registered
	if err := json.Unmarshal(b, &created); code != http.StatusCreated || err != nil {
		t.Fatalf("registration: %d %s", code, b)
	}
	code, _, b = call(t, ts, "GET", "/api/v1/anmeldungen/"+strconv.FormatInt(created.ID, 10), token, "")
	var read Registration
	if err := json.Unmarshal(b, &read); code != http.StatusOK || err != nil {
		t.Fatalf("read: %d %s", code, b)
	}
	if want := ts.URL + "/anmeldungen/" + strconv.FormatInt(created.ID, 10); created.URL != want || read.URL != want {
		t.Errorf("url of the created registration %q, of the read one %q; want %q", created.URL, read.URL, want)
	}
}
