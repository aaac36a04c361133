package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestCoApplicantsConfirmOnMyPage: Hessen registers a proposal naming
// Bayern and Hamburg as applicants; Bayern's "Mein Bereich" asks it to
// confirm, Hamburg cannot answer for Bayern, Bayern confirms once, and the
// registration by the secretariat asks nobody. Before, naming a Land was
// enough for it to count for the application (the Bund or three Länder).
func TestCoApplicantsConfirmOnMyPage(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, by, hh := client(t, ts, "hessen"), client(t, ts, "bayern"), client(t, ts, "hamburg")
	// The form says before it is sent that the others named are asked.
	const asked = "die anderen Genannten werden gebeten, ihren Mitantrag zu bestätigen"
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/48/anmeldung", nil); !strings.Contains(page, asked) {
		t.Error("the member's registration form does not say that co-applicants are asked to confirm")
	}
	if _, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/48/anmeldung", nil); strings.Contains(page, asked) {
		t.Error("the secretariat's registration form says co-applicants are asked, but its registrations ask nobody")
	}
	if code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Gemeinsames Register"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register."}, "antrag": {"HE, BY, HH"}}); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
	}
	pending, err := st.PendingCoApplications(ctx, "BY")
	if err != nil || len(pending) != 1 {
		t.Fatalf("Bayern's co-applications: %+v %v", pending, err)
	}
	_, page := do(t, by, "GET", ts.URL+"/mein-bereich", nil)
	section := between(page, `id="mitantraege"`, "</section>")
	for _, want := range []string{"Mitanträge zu bestätigen", "Gemeinsames Register", `angemeldet von <abbr title="Hessen">HE</abbr>`, fmt.Sprintf(`action="/mitantraege/%d"`, pending[0].ID)} {
		if !strings.Contains(section, want) {
			t.Errorf("Bayern's page lacks %q: %s", want, section)
		}
	}
	if _, page := do(t, he, "GET", ts.URL+"/mein-bereich", nil); strings.Contains(page, `id="mitantraege"`) {
		t.Error("Hessen is asked to confirm its own registration")
	}
	// The secretariat reads where each confirmation stands.
	gs := client(t, ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); !strings.Contains(page, "<dd>HE, BY (Mitantrag noch nicht bestätigt), HH (Mitantrag noch nicht bestätigt)</dd>") {
		t.Errorf("the management page's applicants: %s", between(page, "Gemeinsames Register", "</tr>"))
	}
	answer := fmt.Sprintf("%s/mitantraege/%d", ts.URL, pending[0].ID)
	seen := postedForm(page, fmt.Sprintf("/mitantraege/%d", pending[0].ID)).Get("fassung")
	if code, _ := do(t, hh, "POST", answer, url.Values{"antwort": {"bestaetigen"}, "fassung": {seen}}); code != http.StatusNotFound {
		t.Errorf("Hamburg answers for Bayern: %d, want 404 (as for a missing co-application)", code)
	}
	if code, _ := do(t, by, "POST", answer, url.Values{"antwort": {"vielleicht"}, "fassung": {seen}}); code != http.StatusBadRequest {
		t.Errorf("an answer that is none: %d, want 400", code)
	}
	if code, page := do(t, by, "POST", answer, url.Values{"antwort": {"bestaetigen"}, "fassung": {seen}}); code != http.StatusSeeOther {
		t.Fatalf("Bayern confirms: %d %s", code, between(page, "<main", "</main>"))
	}
	if c, err := st.CoApplication(ctx, pending[0].ID); err != nil || c.State != model.CoApplicationConfirmed || c.DecidedBy != "bayern" {
		t.Errorf("after Bayern's answer: %+v %v", c, err)
	}
	if code, _ := do(t, by, "POST", answer, url.Values{"antwort": {"ablehnen"}, "fassung": {seen}}); code != http.StatusUnprocessableEntity {
		t.Errorf("a second, other answer: %d, want 422", code)
	}
	if _, page := do(t, by, "GET", ts.URL+"/mein-bereich", nil); strings.Contains(page, `id="mitantraege"`) {
		t.Error("the answered co-application is still asked for")
	}
	// The secretariat's entry asks nobody.
	if code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"mitglied": {"HE"}, "titel": {"Vom Büro erfasst"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt."}, "antrag": {"HE, BY, HH"}}); code != http.StatusSeeOther {
		t.Fatalf("the secretariat's entry: %d %s", code, between(page, "<main", "</main>"))
	}
	if hhs, _ := st.PendingCoApplications(ctx, "HH"); len(hhs) != 1 {
		t.Errorf("Hamburg's co-applications after the secretariat's entry: %d, want the one of Hessen's registration", len(hhs))
	}
}

// confirmCoApplications confirms every pending co-application, as the
// named offices do on "Mein Bereich", for tests whose registrations name
// other members and then go to the vote.
func confirmCoApplications(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	for _, m := range itplr.Members() {
		pending, err := st.PendingCoApplications(ctx, m.Abbrev)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range pending {
			if _, err := st.DecideCoApplication(ctx, c.ID, m.Abbrev, model.CoConfirm, c.Fingerprint()); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestCoApplicantReadsTheDocuments: Bayern is asked to confirm its
// co-application to Hessen's registration, to which Hessen attached a
// report. Bayern's page of the registration listed no documents and the
// report's download was 404 for it: it was to sign what it could not
// read. Now it reads them; a Land not named still does not.
func TestCoApplicantReadsTheDocuments(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	he, by, nw := client(t, ts, "hessen"), client(t, ts, "bayern"), client(t, ts, "nordrhein-westfalen")
	pendingRegistration(t, ts, st, he, url.Values{"titel": {"Gemeinsames Register"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register."}, "antrag": {"HE, BY, HH"}})
	pending, err := st.PendingCoApplications(ctx, "BY")
	if err != nil || len(pending) != 1 {
		t.Fatalf("Bayern's co-applications: %+v %v", pending, err)
	}
	item := pending[0].ItemID
	if code, body := uploadTo(t, he, ts.URL+"/sitzungen/48/dokumente", map[string]string{"top": fmt.Sprint(item)}, "Bericht-Register.pdf", []byte("%PDF-1.4\n")); code != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", code, between(body, "<main", "</main>"))
	}
	it, _ := st.Item(ctx, item)
	docs, _ := st.Documents(ctx, it.SessionID)
	if len(docs) == 0 {
		t.Fatal("no document stored")
	}
	doc := docs[len(docs)-1]
	_, page := do(t, by, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, item), nil)
	if !strings.Contains(page, fmt.Sprintf(`<a href="/dokumente/%d">Bericht-Register.pdf</a>`, doc.ID)) {
		t.Errorf("the co-applicant's page lists no report: %s", between(page, "<dl", "</dl>"))
	}
	if code, _ := do(t, by, "GET", fmt.Sprintf("%s/dokumente/%d", ts.URL, doc.ID), nil); code != http.StatusOK {
		t.Errorf("the co-applicant's download: %d", code)
	}
	if code, _ := do(t, nw, "GET", fmt.Sprintf("%s/dokumente/%d", ts.URL, doc.ID), nil); code != http.StatusNotFound {
		t.Errorf("a Land not named downloads the report: %d", code)
	}
}
