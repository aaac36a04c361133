package web

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/demo"
)

// TestExpiredLoginKeepsTheForm: a form sent after the login expired (here:
// the secretariat's tab logged out in another tab, the row's points typed)
// gets the login page (401) carrying what was typed; after logging in, the
// page offers the form as it was sent, and sending it saves the text.
// Before, the answer was "Keine Berechtigung" (403) and the text was gone.
func TestExpiredLoginKeepsTheForm(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	cs, _ := st.Contributions(ctx, items[1].ID)
	c := cs[0]
	action := fmt.Sprintf("/beitraege/%d", c.ID)
	typed := "Hessen unterstützt den Vorschlag & bittet um „Bericht“ <bis Juni>."
	expired := client(t, ts, "")
	code, page := do(t, expired, "POST", ts.URL+action, url.Values{"version": {strconv.Itoa(c.Version)}, "sprecher": {"BSI"}, "punkte": {typed}})
	if code != http.StatusUnauthorized || !strings.Contains(page, "Ihre Anmeldung ist abgelaufen") || !strings.Contains(page, `name="formular_ziel" value="`+action+`"`) ||
		!strings.Contains(page, `name="formular.punkte" value="Hessen unterstützt den Vorschlag &amp; bittet um „Bericht“ &lt;bis Juni&gt;."`) {
		t.Fatalf("form sent after the login expired: %d\n%s", code, between(page, "<main", "</main>"))
	}
	if problems := wellFormedProblems(page); problems != nil {
		t.Errorf("login page with the kept form: %v", problems)
	}
	// The login form as the browser sends it: its hidden fields and the
	// credentials.
	login := postedForm(page, "/anmelden")
	login.Set("benutzer", "geschaeftsstelle")
	login.Set("passwort", demo.AccountPassword)
	code, page = do(t, expired, "POST", ts.URL+"/anmelden", login)
	if code != http.StatusOK || !strings.Contains(page, "Sie sind wieder angemeldet") || !strings.Contains(page, `<form method="post" action="`+action+`"`) {
		t.Fatalf("after logging in: %d\n%s", code, between(page, "<main", "</main>"))
	}
	if got, _ := st.Contribution(ctx, c.ID); len(got.Points) == 1 && got.Points[0] == typed {
		t.Fatal("the kept form was sent without the user's confirmation")
	}
	if code, _ := do(t, expired, "POST", ts.URL+action, postedForm(page, action)); code != http.StatusSeeOther {
		t.Fatalf("sending the kept form: %d", code)
	}
	if got, _ := st.Contribution(ctx, c.ID); len(got.Points) != 1 || got.Points[0] != typed {
		t.Errorf("points after sending the kept form: %q", got.Points)
	}
	// The autosave gets a line for its save slot, not a page.
	if code, body := hxPost(t, client(t, ts, ""), ts.URL+action, url.Values{"version": {"9"}, "punkte": {"x"}}); code != http.StatusUnauthorized || !strings.HasPrefix(body, `<span class="save-state conflict"`) || !strings.Contains(body, "Anmeldung ist abgelaufen") {
		t.Errorf("autosave after the login expired: %d %s", code, body)
	}
}

// TestExpiredLoginKeepsTheFormForItsAccount: the form of a login that
// expired is offered to that account only. Hessen's office leaves a tab
// open until its login ends; Bayern's office logs in at the same browser
// with the login page that carries Hessen's form: Bayern gets its start
// page and a note, not Hessen's text to send under its own name. Hessen
// logging in gets the form. A login page whose seal does not hold (made
// up, or too old) keeps nothing either. Before, whoever logged in was
// offered the form.
func TestExpiredLoginKeepsTheFormForItsAccount(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	action := "/sitzungen/47/kommentare"
	typed := "Hessen bittet, TOP 3 genauer zu fassen"
	hessen := client(t, ts, "hessen")
	if _, err := st.DBForTests().ExecContext(ctx, `UPDATE login_sessions SET expires_at = '2000-01-01T00:00:00Z'`); err != nil {
		t.Fatal(err)
	}
	code, page := do(t, hessen, "POST", ts.URL+action, url.Values{"text": {typed}})
	if code != http.StatusUnauthorized || !strings.Contains(page, `name="formular.text" value="`+typed+`"`) || !strings.Contains(page, `name="formular_konto" value="`) {
		t.Fatalf("form sent after Hessen's login expired: %d\n%s", code, between(page, "<main", "</main>"))
	}
	login := postedForm(page, "/anmelden")
	asBayern := maps.Clone(login)
	asBayern.Set("benutzer", "bayern")
	asBayern.Set("passwort", demo.AccountPassword)
	code, page = do(t, hessen, "POST", ts.URL+"/anmelden", asBayern)
	if code != http.StatusSeeOther || strings.Contains(page, typed) {
		t.Fatalf("Bayern logging in with Hessen's kept form: %d\n%s", code, between(page, "<main", "</main>"))
	}
	if _, page = do(t, hessen, "GET", ts.URL+"/", nil); !strings.Contains(page, "stammten aus der abgelaufenen Anmeldung eines anderen Kontos") || strings.Contains(page, typed) {
		t.Errorf("Bayern's page after the login: %s", between(page, "<main", "</main>"))
	}

	// Hessen at a browser of its own, its login expired again.
	hessen = client(t, ts, "hessen")
	if _, err := st.DBForTests().ExecContext(ctx, `UPDATE login_sessions SET expires_at = '2000-01-01T00:00:00Z'`); err != nil {
		t.Fatal(err)
	}
	_, page = do(t, hessen, "POST", ts.URL+action, url.Values{"text": {typed}})
	login = postedForm(page, "/anmelden")
	login.Set("benutzer", "hessen")
	login.Set("passwort", demo.AccountPassword)
	forged := maps.Clone(login)
	forged.Set("formular_konto", "")
	if code, page = do(t, client(t, ts, ""), "POST", ts.URL+"/anmelden", forged); code != http.StatusSeeOther {
		t.Fatalf("login with a kept form without its seal: %d\n%s", code, between(page, "<main", "</main>"))
	}
	code, page = do(t, hessen, "POST", ts.URL+"/anmelden", login)
	if code != http.StatusOK || !strings.Contains(page, "Sie sind wieder angemeldet") || !strings.Contains(page, `<form method="post" action="`+action+`"`) || !strings.Contains(page, typed) {
		t.Fatalf("Hessen logging in again: %d\n%s", code, between(page, "<main", "</main>"))
	}
}

// TestExpiredLoginKeepsNoPassword: a password change sent after the login
// expired is not carried through the login page: its fields were hidden
// inputs of that page (the old and the new password in the page's
// source) and of "Eingaben absenden". It is typed again after the login.
func TestExpiredLoginKeepsNoPassword(t *testing.T) {
	ts, _ := cycleServer(t)
	code, page := do(t, client(t, ts, ""), "POST", ts.URL+"/konto/passwort", url.Values{"bisher": {"alt-Passwort-1"}, "neu": {"Neues-Passwort-2026!"}, "wiederholung": {"Neues-Passwort-2026!"}})
	if code != http.StatusUnauthorized || !strings.Contains(page, "Ihre Anmeldung ist abgelaufen") {
		t.Fatalf("password change after the login expired: %d\n%s", code, between(page, "<main", "</main>"))
	}
	if strings.Contains(page, "Passwort-") || strings.Contains(page, "formular_ziel") || strings.Contains(page, "nicht verloren") {
		t.Errorf("the login page carries the password change:\n%s", between(page, "<main", "</main>"))
	}
}
