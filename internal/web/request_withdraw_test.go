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

// TestFachMKWithdrawsItsRequest: a FachMK secretariat could not withdraw
// its own request while the Geschäftsstelle had not acted on it (the page
// had no form, a status change was 403). Its page offers "Anliegen
// zurückziehen" with a confirmation, as a registration is withdrawn; the
// request is then "zurückgezogen" with who and when, for both sides. Once
// registered as an agenda item it can no longer be withdrawn, and another
// conference's secretariat or the Geschäftsstelle cannot withdraw it.
func TestFachMKWithdrawsItsRequest(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk := client(t, ts, "fmk")
	gs := client(t, ts, "geschaeftsstelle")
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	submit := func(title string) model.Request {
		t.Helper()
		if code, _ := do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {title}}); code != http.StatusSeeOther {
			t.Fatalf("submit %q: %d", title, code)
		}
		qs, _ := st.Requests(ctx, fmkBody.ID)
		if len(qs) == 0 || qs[0].Title != title {
			t.Fatalf("requests of the FMK: %+v", qs)
		}
		return qs[0]
	}
	q := submit("Digitale Grundsteuererklärung")
	path := fmt.Sprintf("%s/anliegen/%d", ts.URL, q.ID)
	_, page := do(t, fmk, "GET", path, nil)
	for _, want := range []string{`action="/anliegen/` + fmt.Sprint(q.ID) + `/zurueckziehen"`, `<label for="an-bestaetigt">Ja, das Anliegen zurückziehen`, ">Anliegen zurückziehen</button>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the FachMK's page of its open request lacks %q", want)
		}
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}
	if _, page := do(t, gs, "GET", path, nil); strings.Contains(page, "/zurueckziehen") {
		t.Error("the Geschäftsstelle is offered to withdraw the FachMK's request")
	}
	// Not without the confirmation.
	code, page := do(t, fmk, "POST", path+"/zurueckziehen", url.Values{"version": {fmt.Sprint(q.Version)}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `<a href="#an-bestaetigt">Bitte bestätigen Sie, dass Sie das Anliegen zurückziehen wollen.`) {
		t.Errorf("withdrawn without confirmation: %d", code)
	}
	// Nobody but its own conference's secretariat.
	if code, _ := do(t, gs, "POST", path+"/zurueckziehen", url.Values{"version": {fmt.Sprint(q.Version)}, "bestaetigt": {"ja"}}); code != http.StatusForbidden {
		t.Errorf("the Geschäftsstelle withdraws the FachMK's request: %d", code)
	}
	if got, _ := st.Request(ctx, q.ID); got.Status != model.RequestReceived {
		t.Fatalf("the request changed without its secretariat's confirmed withdrawal: %s", got.Status)
	}
	if code, body := do(t, fmk, "POST", path+"/zurueckziehen", url.Values{"version": {fmt.Sprint(q.Version)}, "bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("withdraw: %d %.300s", code, body)
	}
	got, _ := st.Request(ctx, q.ID)
	if got.Status != model.RequestWithdrawn || got.WithdrawnBy != "fmk" || got.WithdrawnAt.IsZero() {
		t.Fatalf("withdrawn request: %+v", got)
	}
	when := "am " + model.BerlinDateTime(got.WithdrawnAt) + " von der Geschäftsstelle der Finanzministerkonferenz (Konto fmk)"
	for who, c := range map[string]*http.Client{"fmk": fmk, "geschaeftsstelle": gs} {
		_, page := do(t, c, "GET", path, nil)
		if !strings.Contains(page, "<strong>zurückgezogen</strong>") || !strings.Contains(page, when) || strings.Contains(page, "/zurueckziehen\"") {
			t.Errorf("%s: the withdrawn request's page does not say who withdrew it when", who)
		}
	}
	// Sent again (a double click): done, said so, nothing else.
	if code, _ := do(t, fmk, "POST", path+"/zurueckziehen", url.Values{"version": {fmt.Sprint(q.Version)}, "bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Errorf("withdrawn twice: %d, want done", code)
	}
	if _, page := do(t, fmk, "GET", path, nil); !strings.Contains(page, "Das Anliegen ist bereits zurückgezogen.") {
		t.Errorf("withdrawn twice: the page says nothing of it")
	}
	// Registered as an agenda item, it is the registration's turn.
	planSession48(t, ts, st)
	r := submit("Zeitplan E-Rechnung")
	rpath := fmt.Sprintf("%s/anliegen/%d", ts.URL, r.ID)
	if code, body := do(t, gs, "POST", rpath+"/top", url.Values{"sitzung": {"48"}, "abschnitt": {"0"}, "version": {fmt.Sprint(r.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("register: %d %.300s", code, body)
	}
	if _, page := do(t, fmk, "GET", rpath, nil); strings.Contains(page, "Anliegen zurückziehen") {
		t.Error("a registered request offers to be withdrawn")
	}
	r, _ = st.Request(ctx, r.ID)
	if code, page := do(t, fmk, "POST", rpath+"/zurueckziehen", url.Values{"version": {fmt.Sprint(r.Version)}, "bestaetigt": {"ja"}}); code != http.StatusUnprocessableEntity || !strings.Contains(page, "bereits als TOP angemeldet") {
		t.Errorf("a registered request withdrawn: %d", code)
	}
}
