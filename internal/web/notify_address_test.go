package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestAccountsPageSetsTheAddress: the secretariat sets the e-mail address
// of the Saarland office on /konten (before, an account got an address
// only when its user saved the notification page, so the role's defaults
// reached nobody). A malformed address is refused in German at the field,
// the address as typed shown again; a valid one is stored, the office
// sees it on its notification page with the defaults still unsaved, and
// the written procedure's reach counts it.
func TestAccountsPageSetsTheAddress(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	sl, _, err := st.UserLogin(ctx, "saarland")
	if err != nil {
		t.Fatal(err)
	}
	field := fmt.Sprintf(`id="konto-%d-email"`, sl.ID)
	action := fmt.Sprintf("%s/konten/%d/e-mail", ts.URL, sl.ID)
	code, page := do(t, gs, "GET", ts.URL+"/konten", nil)
	if code != http.StatusOK || !strings.Contains(page, field) || !strings.Contains(page, "E-Mail für Benachrichtigungen") {
		t.Fatalf("/konten: %d, no address form for saarland", code)
	}

	code, page = do(t, gs, "POST", action, url.Values{"version": {"0"}, "email": {"buero saarland.example"}})
	if code != http.StatusBadRequest {
		t.Errorf("malformed address: %d, want 400", code)
	}
	at := between(page, field, "</form>")
	if !strings.Contains(at, `value="buero saarland.example"`) || !strings.Contains(at, `aria-invalid="true"`) ||
		!strings.Contains(at, "ist keine gültige E-Mail-Adresse") || !strings.Contains(page, "Die E-Mail-Adresse ist nicht gespeichert") {
		t.Errorf("the refusal is not at the field with the address as typed: %q", at)
	}
	if set, _ := st.NotificationSettings(ctx, sl.ID); set.Email != "" {
		t.Fatalf("a refused address was stored: %q", set.Email)
	}

	code, _ = do(t, gs, "POST", action, url.Values{"version": {"0"}, "email": {"buero@saarland.example"}})
	if code != http.StatusSeeOther {
		t.Fatalf("valid address: %d", code)
	}
	_, page = do(t, gs, "GET", ts.URL+"/konten", nil)
	if !strings.Contains(between(page, field, ">"), `value="buero@saarland.example"`) || !strings.Contains(page, "ist jetzt buero@saarland.example") {
		t.Error("/konten does not show the stored address")
	}
	// Sent again over the version read before: refused, typed kept.
	code, page = do(t, gs, "POST", action, url.Values{"version": {"0"}, "email": {"andere@saarland.example"}})
	if code != http.StatusConflict || !strings.Contains(between(page, field, "</form>"), `value="andere@saarland.example"`) ||
		!strings.Contains(between(page, field, "</form>"), "Gespeichert ist: buero@saarland.example") {
		t.Errorf("stale form: %d, typed address or stored one not shown", code)
	}

	_, page = do(t, client(t, ts, "saarland"), "GET", ts.URL+"/benachrichtigungen", nil)
	if !strings.Contains(page, "Voreinstellung – noch nicht gespeichert") || !strings.Contains(page, "per E-Mail an buero@saarland.example") ||
		!strings.Contains(page, `value="buero@saarland.example"`) || !strings.Contains(page, `value="umlauf_gestartet:email" checked`) {
		t.Error("the office's notification page does not show the address with the defaults")
	}
	_, page = do(t, gs, "GET", ts.URL+"/umlaufverfahren/neu", nil)
	if got := between(page, `id="benachrichtigt"`, "</p>"); !strings.Contains(got, "benachrichtigt werden: 1 von 17 Mitgliedern") {
		t.Errorf("the reach does not count the address the secretariat set: %q", got)
	}
	subs, err := st.Subscribers(ctx, model.EventProcedureStarted)
	if err != nil || len(subs) != 1 || subs[0].Address != "buero@saarland.example" {
		t.Errorf("subscribers = %+v (%v)", subs, err)
	}

	// Only the secretariat sets addresses.
	if code, _ := do(t, client(t, ts, "hessen"), "POST", action, url.Values{"version": {"1"}, "email": {"x@hessen.example"}}); code != http.StatusForbidden {
		t.Errorf("a member office set another account's address: %d", code)
	}
}

// TestOIDCLoginTakesTheVerifiedEmail: through the test provider, a login
// whose e-mail claim is not verified brings no address; a verified one is
// the account's address (shown on its notification page); a later login
// with another address changes nothing.
func TestOIDCLoginTakesTheVerifiedEmail(t *testing.T) {
	ts, p, st := oidcSetup(t)
	ctx := context.Background()
	claims := func(email string, verified bool) map[string]any {
		return map[string]any{"preferred_username": "m.muster", "name": "Maria Muster", "gremium_role": "mitglied", "gremium_member": "HE",
			"email": email, "email_verified": verified}
	}
	p.login("sub-1", claims("unbestaetigt@hessen.example", false))
	if code, _, _ := oidcLogin(t, browser(t), ts.URL, "/"); code != http.StatusOK {
		t.Fatalf("login: %d", code)
	}
	u, _, err := st.UserLogin(ctx, "m.muster")
	if err != nil {
		t.Fatal(err)
	}
	if set, _ := st.NotificationSettings(ctx, u.ID); set.Email != "" {
		t.Errorf("an unverified address was taken: %q", set.Email)
	}
	p.login("sub-1", claims("m.muster@hessen.example", true))
	c := browser(t)
	if code, _, _ := oidcLogin(t, c, ts.URL, "/"); code != http.StatusOK {
		t.Fatalf("login: %d", code)
	}
	_, page := do(t, c, "GET", ts.URL+"/benachrichtigungen", nil)
	if !strings.Contains(page, `value="m.muster@hessen.example"`) || !strings.Contains(page, "Voreinstellung – noch nicht gespeichert") {
		t.Error("the verified address is not on the notification page")
	}
	p.login("sub-1", claims("neu@hessen.example", true))
	if code, _, _ := oidcLogin(t, browser(t), ts.URL, "/"); code != http.StatusOK {
		t.Fatalf("login: %d", code)
	}
	if set, _ := st.NotificationSettings(ctx, u.ID); set.Email != "m.muster@hessen.example" {
		t.Errorf("a later login changed the address to %q", set.Email)
	}
}
