package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestPreferencesShowTheDefaults: a member office that never saved its
// preferences sees the events that ask something of it ticked by e-mail,
// among them the written procedure, with "Voreinstellung – noch nicht
// gespeichert"; before, nothing was ticked and it received nothing, so a
// written procedure could start and end with nobody told. The
// secretariat has no defaults. Sent unchanged without an address, the
// form names the missing address once (not once per ticked event); saved
// with nothing ticked, the choice of nothing replaces the defaults.
func TestPreferencesShowTheDefaults(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	he := client(t, ts, "hessen")
	code, page := do(t, he, "GET", ts.URL+"/benachrichtigungen", nil)
	if code != http.StatusOK || !strings.Contains(page, "Voreinstellung – noch nicht gespeichert") ||
		!strings.Contains(page, `value="umlauf_gestartet:email" checked`) || !strings.Contains(page, `value="umlauf_frist:email" checked`) ||
		!strings.Contains(page, `value="anmeldung_entschieden:email" checked`) || strings.Contains(page, `value="umlauf_gestartet:matrix" checked`) ||
		strings.Contains(page, `value="protokoll_kommentierung:email" checked`) {
		t.Errorf("member office's page without saved settings: %d, defaults not shown ticked", code)
	}
	for user, want := range map[string]string{"sprecher-hb": `value="fachmk_termin:email" checked`, "fmk": `value="nachbesprechung:email" checked`} {
		if _, page := do(t, client(t, ts, user), "GET", ts.URL+"/benachrichtigungen", nil); !strings.Contains(page, want) || !strings.Contains(page, "Voreinstellung") {
			t.Errorf("%s: defaults not ticked (%s)", user, want)
		}
	}
	if _, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/benachrichtigungen", nil); strings.Contains(page, "Voreinstellung") || strings.Contains(page, " checked") {
		t.Error("the secretariat's page shows defaults")
	}
	// The page sent as shown: one reason at the address field.
	form := url.Values{"version": {"0"}, "vorlauf": {"14"}}
	for _, v := range model.DefaultSubscriptions(model.RoleMember) {
		form.Add("abo", string(v.Event)+":"+string(v.Channel))
	}
	code, page = do(t, he, "POST", ts.URL+"/benachrichtigungen", form)
	if n := strings.Count(page, "fehlt die E-Mail-Adresse"); code != http.StatusBadRequest || n != 2 { // the summary and the field
		t.Errorf("defaults sent without an address: %d, the missing address said %d times, want once in the summary and once at the field", code, n)
	}
	// Saved with nothing ticked: nothing, and no defaults any more.
	if code, _ := do(t, he, "POST", ts.URL+"/benachrichtigungen", url.Values{"version": {"0"}, "email": {"buero@hessen.example"}, "vorlauf": {"14"}}); code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	_, page = do(t, he, "GET", ts.URL+"/benachrichtigungen", nil)
	if strings.Contains(page, "Voreinstellung") || strings.Contains(page, `name="abo" value="umlauf_gestartet:email" checked`) {
		t.Error("after saving nothing, the page still shows the defaults")
	}
	u, _, err := st.UserLogin(ctx, "hessen")
	if err != nil {
		t.Fatal(err)
	}
	if set, _ := st.NotificationSettings(ctx, u.ID); !set.Saved || len(set.Subscriptions) != 0 {
		t.Errorf("saved settings = %+v, want the choice of nothing", set)
	}
}

// TestProcedureSaysWhomItReaches: the written procedure's form, the
// confirmation of its start and its page (for the secretariat) say how
// many voting members "Umlaufverfahren gestartet" reaches and which not,
// so that the secretariat knows whom to phone. Hessen's office saved an
// address with the defaults, Bremen's an address and nothing ticked; the
// others have no address.
func TestProcedureSaysWhomItReaches(t *testing.T) {
	ts, _ := cycleServer(t)
	he := client(t, ts, "hessen")
	save := url.Values{"version": {"0"}, "email": {"buero@hessen.example"}, "vorlauf": {"14"}}
	for _, v := range model.DefaultSubscriptions(model.RoleMember) {
		save.Add("abo", string(v.Event)+":"+string(v.Channel))
	}
	if code, _ := do(t, he, "POST", ts.URL+"/benachrichtigungen", save); code != http.StatusSeeOther {
		t.Fatalf("hessen saves: %d", code)
	}
	if code, _ := do(t, client(t, ts, "bremen"), "POST", ts.URL+"/benachrichtigungen", url.Values{"version": {"0"}, "email": {"buero@bremen.example"}, "vorlauf": {"14"}}); code != http.StatusSeeOther {
		t.Fatalf("bremen saves: %d", code)
	}
	gs := client(t, ts, "geschaeftsstelle")
	want := "benachrichtigt werden: 1 von 17 Mitgliedern; ohne Adresse: "
	_, page := do(t, gs, "GET", ts.URL+"/umlaufverfahren/neu", nil)
	if !strings.Contains(page, want) || !strings.Contains(page, "; abbestellt: Bremen") || !strings.Contains(page, "Saarland") {
		t.Errorf("the form does not say whom the start reaches: %q", between(page, `id="benachrichtigt"`, "</p>"))
	}
	deadline := time.Now().Add(72 * time.Hour)
	res, err := gs.PostForm(ts.URL+"/umlaufverfahren", url.Values{"titel": {"Reichweite"}, "punkte": {"Der IT-Planungsrat beschließt."}, "antrag": {"Bund"},
		"frist_datum": {model.BerlinDate(deadline).String()}, "frist_zeit": {model.BerlinClock(deadline)}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: %d", res.StatusCode)
	}
	where := ts.URL + res.Header.Get("Location")
	_, page = do(t, gs, "GET", where, nil)
	if !strings.Contains(page, "Benachrichtigt werden: 1 von 17 Mitgliedern; ohne Adresse: ") {
		t.Error("the confirmation of the start does not say whom it reaches")
	}
	if got := between(page, `id="benachrichtigt"`, "</div>"); !strings.Contains(got, want) || !strings.Contains(got, "abbestellt: Bremen") {
		t.Errorf("the procedure's page says %q", got)
	}
	if _, page := do(t, he, "GET", where, nil); strings.Contains(page, `id="benachrichtigt"`) {
		t.Error("a member office sees whom the procedure reaches")
	}
}
