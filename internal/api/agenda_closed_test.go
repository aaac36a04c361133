package api

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestRegistrationForAClosedAgenda: the JSON API refuses a registration
// for a held session (the demo's 47th) and for a cancelled one with 422
// and a German reason, and stores nothing.
func TestRegistrationForAClosedAgenda(t *testing.T) {
	st, sid, send := hessenAPI(t)
	ctx := context.Background()
	se, err := st.Session(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CancelSession(ctx, sid, se.Version, "Terminkollision"); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Items(ctx, sid)
	for _, nr := range []string{"47", "49"} {
		code, out := send("POST", "/api/v1/sitzungen/"+nr+"/anmeldungen", `{"titel":"E-Akte","ziel":"Bericht","fachmk":{"betroffen":false}}`)
		if code != http.StatusUnprocessableEntity || !strings.Contains(out.Error, nr+". Sitzung") {
			t.Errorf("registration for the %s.: %d %q, want 422 naming the session", nr, code, out.Error)
		}
	}
	if after, _ := st.Items(ctx, sid); len(after) != len(before) {
		t.Errorf("the cancelled session has %d items, had %d", len(after), len(before))
	}
}
