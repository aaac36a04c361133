package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestRefusedCancellationKeepsTheForm: a cancellation refused (a reason of
// blanks only passes the browser's "required") shows the session's edit
// page again, the reason at the field of the cancellation and the input as
// typed; before, the error page.
func TestRefusedCancellationKeepsTheForm(t *testing.T) {
	ts, st := cycleServer(t)
	s48, _ := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	se, _ := st.Session(context.Background(), s48.ID)
	code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/absagen", url.Values{"version": {strconv.Itoa(se.Version)}, "grund": {"   "}})
	if code != http.StatusBadRequest {
		t.Fatalf("cancel with blanks: %d", code)
	}
	if !strings.Contains(body, `action="/sitzungen/48/absagen"`) || !strings.Contains(body, `action="/sitzungen/48/bearbeiten"`) {
		t.Fatalf("the refusal is not the edit page: %.600s", between(body, "<main", "</main>"))
	}
	field := between(body, `<label for="absage-grund">`, "</div>")
	if !strings.Contains(field, `aria-invalid="true"`) || !strings.Contains(field, "Bitte einen Grund für die Absage angeben") {
		t.Errorf("the reason is not at the cancellation's field: %q", field)
	}
	if p := wellFormedProblems(body); p != nil {
		t.Errorf("the refused edit page: %v", p)
	}
	if strings.Contains(between(body, `<label for="grund">`, "</div>"), "aria-invalid") {
		t.Errorf("the reason is at the field of a move")
	}
	if got, _ := st.Session(context.Background(), s48.ID); got.Cancelled() {
		t.Fatal("cancelled without a reason")
	}
	// Too long: the input as typed comes back.
	long := strings.Repeat("Terminkollision ", 40)
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/absagen", url.Values{"version": {strconv.Itoa(se.Version)}, "grund": {long}}); code != http.StatusBadRequest ||
		!strings.Contains(between(body, `<label for="absage-grund">`, "</div>"), `value="`+long+`"`) {
		t.Errorf("a reason too long: %d, the field %q", code, between(body, `<label for="absage-grund">`, "</div>"))
	}
}

// TestRefusedRepresentativeKeepsTheForm: a change of a member's
// representative that is refused shows the conference's page again, the
// form open with the member and the person as typed and the reason at its
// field; before, the error page.
func TestRefusedRepresentativeKeepsTheForm(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	code, body := do(t, gs, "POST", ts.URL+"/fachmk/vertretung", url.Values{"mitglied": {"HB"}, "person": {"  "}, "zurueck": {"/fachmk/FMK"}})
	if code != http.StatusBadRequest {
		t.Fatalf("no person: %d", code)
	}
	form := between(body, `<details id="vertretung" open>`, "</details>")
	if form == "" {
		t.Fatalf("the form is not open on the conference's page: %.800s", between(body, "<main", "</main>"))
	}
	if p := wellFormedProblems(body); p != nil {
		t.Errorf("the refused conference page: %v", p)
	}
	if !strings.Contains(form, `<option value="HB" selected>`) {
		t.Errorf("the member as typed is not selected: %q", form)
	}
	if person := between(form, `<label for="vertretung-person">`, "</div>"); !strings.Contains(person, `aria-invalid="true"`) || !strings.Contains(person, "Bitte die Person nennen") {
		t.Errorf("the reason is not at the person: %q", person)
	}
	// A member that is not represented in the IT-Planungsrat (DLT): the
	// person as typed comes back with the reason.
	code, body = do(t, gs, "POST", ts.URL+"/fachmk/vertretung", url.Values{"mitglied": {"DLT"}, "person": {"Frau Beispiel"}, "zurueck": {"/fachmk/FMK"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "Im IT-Planungsrat vertreten werden der Bund und die Länder") ||
		!strings.Contains(between(body, `<details id="vertretung" open>`, "</details>"), `value="Frau Beispiel"`) {
		t.Errorf("a member without a vote: %d %.800s", code, between(body, `<details id="vertretung"`, "</details>"))
	}
}
