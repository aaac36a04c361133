package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"gremium/internal/auth"
)

// TestCoApplicationIDsCannotBeProbed: an office not named on a
// co-application (Hamburg) answering it got 403 and a missing id 404, so
// it learnt which ids named another member's pending registration. Now
// both are the same 404 with the same body, and the named office (BW)
// still confirms.
func TestCoApplicationIDsCannotBeProbed(t *testing.T) {
	ts, st, _, token := hessenServer(t)
	ctx := context.Background()
	tokens := map[string]string{}
	for _, name := range []string{"baden-wuerttemberg", "hamburg"} {
		u, _, err := st.UserLogin(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if tokens[name], err = auth.NewAPIToken(ctx, st, u.ID, name); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, b := call(t, ts, "POST", "/api/v1/sitzungen/49/anmeldungen", token, `{"titel":"Gemeinsames Register","ziel":"Beschluss","punkte":["Stand"],
		"antrag":["HE","BW","NW"],"beschlussvorschlag":["1. Der IT-Planungsrat beschließt das Register."],"fachmk":{"betroffen":false}}`); code != http.StatusCreated {
		t.Fatalf("registration: %d %s", code, b)
	}
	code, _, b := call(t, ts, "GET", "/api/v1/mitantraege", tokens["baden-wuerttemberg"], "")
	var asked []CoApplication
	if err := json.Unmarshal(b, &asked); code != 200 || err != nil || len(asked) != 1 {
		t.Fatalf("BW's co-applications: %d %s", code, b)
	}
	c := asked[0]
	body := fmt.Sprintf(`{"antwort":"bestaetigen","fassung":%q}`, c.Version)
	otherCode, _, other := call(t, ts, "POST", fmt.Sprintf("/api/v1/mitantraege/%d", c.ID), tokens["hamburg"], body)
	missingCode, _, missing := call(t, ts, "POST", fmt.Sprintf("/api/v1/mitantraege/%d", c.ID+1000), tokens["hamburg"], body)
	if otherCode != http.StatusNotFound || missingCode != http.StatusNotFound || string(other) != string(missing) {
		t.Errorf("Hamburg answers BW's co-application: %d %s; a missing one: %d %s — want the same 404", otherCode, other, missingCode, missing)
	}
	if code, _, b := call(t, ts, "POST", fmt.Sprintf("/api/v1/mitantraege/%d", c.ID), tokens["baden-wuerttemberg"], body); code != http.StatusOK {
		t.Errorf("BW confirms: %d %s", code, b)
	}
}
