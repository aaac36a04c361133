package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/auth"
)

// TestRegistrationTextsAreBounded: a registration's Erläuterung zur
// Betroffenheit of 200,000 characters and a Quelle of 30,000 were stored
// (here: 25,000 and 3,000, under the API's bound of a request's body);
// now each is refused at its member of the request with a reason that
// names the field, and nothing is stored.
func TestRegistrationTextsAreBounded(t *testing.T) {
	st, sid, send := hessenAPI(t)
	body, _ := json.Marshal(map[string]any{"titel": "E-Akte", "ziel": "Bericht", "quelle": []string{strings.Repeat("Zielbild ", 334)},
		"fachmk": map[string]any{"betroffen": false, "hinweis": strings.Repeat("Betroffen ", 2500)}})
	code, out := send("POST", "/api/v1/sitzungen/49/anmeldungen", string(body))
	at := map[string]string{}
	for _, p := range out.Problems {
		at[p.Field] += p.Reason
	}
	if code != http.StatusUnprocessableEntity || !strings.Contains(at["/fachmk/hinweis"], "Die Erläuterung zur Betroffenheit ist mit 24.999 Zeichen zu lang; höchstens 2.000 sind möglich.") ||
		!strings.Contains(at["/quelle"], "Die Quelle ist mit 3.005 Zeichen zu lang; höchstens 1.000 sind möglich.") {
		t.Errorf("long note and source: %d %v", code, at)
	}
	if items, _ := st.Items(context.Background(), sid); len(items) != 0 {
		t.Errorf("stored: %d items", len(items))
	}
}

// TestAdvisoryMemberRegistersNoItem: an advisory member's token (DLT)
// that registers an agenda item is refused with 403 and the reason that
// advisory members register no items. Before, it was told the rule for
// members registering for others ("meldet jedes Mitglied für sich an"),
// which it had not broken.
func TestAdvisoryMemberRegistersNoItem(t *testing.T) {
	ts, st, sid, _ := hessenServer(t)
	ctx := context.Background()
	dlt, _, _ := st.UserLogin(ctx, "dlt")
	token, err := auth.NewAPIToken(ctx, st, dlt.ID, "Portal des Landkreistags")
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{`{"titel":"E-Akte","ziel":"Bericht","fachmk":{"betroffen":false}}`, `{"mitglied":"DLT","titel":"E-Akte","ziel":"Bericht","fachmk":{"betroffen":false}}`} {
		code, _, b := call(t, ts, "POST", "/api/v1/sitzungen/49/anmeldungen", token, body)
		if code != http.StatusForbidden || !strings.Contains(string(b), "DLT ist beratendes Mitglied: beratende Mitglieder melden keine Tagesordnungspunkte an") ||
			strings.Contains(string(b), "für sich an") {
			t.Errorf("%s: %d %s", body, code, b)
		}
	}
	if items, _ := st.Items(ctx, sid); len(items) != 0 {
		t.Errorf("stored: %d items", len(items))
	}
}
