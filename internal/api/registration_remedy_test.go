package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/auth"
	"gremium/internal/model"
)

// TestRegistrationGivesTheWayForward: under a shortfall of the
// application the registration's page tells the registering office what
// can still make it suffice (model.AgendaItem.ApplicationRemedy) — while
// the registration may be changed, naming further applicants with
// "Anmeldung ändern"; once accepted, that only the secretariat can enter
// them and that until then the proposal cannot be voted on — and the
// office's system read only the shortfall in GET
// /api/v1/anmeldungen/{id}. It reads the page's words in "antragHinweis";
// the secretariat's token reads the shortfall alone, as on its page.
func TestRegistrationGivesTheWayForward(t *testing.T) {
	ts, st, _, token := hessenServer(t)
	ctx := context.Background()
	gs, _, _ := st.UserLogin(ctx, "geschaeftsstelle")
	gsToken, _ := auth.NewAPIToken(ctx, st, gs.ID, "FITKO")
	code, _, b := call(t, ts, "POST", "/api/v1/sitzungen/49/anmeldungen", token, `{"titel":"Mit Mitanträgen","ziel":"Beschluss","fachmk":{"betroffen":false},"antrag":["HE","BY","NW"],"beschlussvorschlag":["Der IT-Planungsrat beschließt."]}`)
	var created Registered
	if err := json.Unmarshal(b, &created); code != http.StatusCreated || err != nil {
		t.Fatalf("registration: %d %s", code, b)
	}
	read := func(token string) Registration {
		t.Helper()
		code, _, b := call(t, ts, "GET", "/api/v1/anmeldungen/"+strconv.FormatInt(created.ID, 10), token, "")
		var got Registration
		if err := json.Unmarshal(b, &got); code != http.StatusOK || err != nil {
			t.Fatalf("read: %d %s", code, b)
		}
		return got
	}
	want := model.RemedyChange.Hint()
	if got := read(token); got.Shortfall == "" || got.Remedy != want.Before+"Anmeldung ändern"+want.After || !strings.HasPrefix(got.Remedy, "Sie können über „Anmeldung ändern“ weitere Mitglieder als Antragsteller nennen") {
		t.Errorf("while the registration may be changed: shortfall %q, hint %q", got.Shortfall, got.Remedy)
	}
	if got := read(gsToken); got.Shortfall == "" || got.Remedy != "" {
		t.Errorf("the secretariat: shortfall %q, hint %q", got.Shortfall, got.Remedy)
	}
	it, err := st.Item(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DecideRegistration(ctx, created.ID, it.Version, true, ""); err != nil {
		t.Fatal(err)
	}
	if got := read(token); got.Shortfall == "" || !strings.HasPrefix(got.Remedy, "Die Anmeldung kann nicht mehr geändert werden") || !strings.HasSuffix(got.Remedy, model.NoVoteUntilApplication) {
		t.Errorf("once accepted: shortfall %q, hint %q", got.Shortfall, got.Remedy)
	}
}
