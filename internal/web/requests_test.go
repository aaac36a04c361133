package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestRequestsThroughThePages: a FachMK secretariat submits a request, the
// secretariat turns it into an agenda registration, the submitter sees the
// state; a declined request shows its reason to the submitter; nobody else
// outside gremium sees the requests.
func TestRequestsThroughThePages(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk := client(t, ts, "fmk")
	gs := client(t, ts, "geschaeftsstelle")
	if code, page := do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {""}}); code != http.StatusBadRequest || !strings.Contains(page, "Titel") {
		t.Errorf("request without title: %d", code)
	}
	code, _ := do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {"Digitale Grundsteuererklärung"}, "text": {"Bitte um Befassung\nZeitplan 2026"}})
	if code != http.StatusSeeOther {
		t.Fatalf("submit: %d", code)
	}
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	qs, _ := st.Requests(ctx, fmkBody.ID)
	if len(qs) == 0 || qs[0].Title != "Digitale Grundsteuererklärung" {
		t.Fatalf("requests of the FMK: %+v", qs)
	}
	q := qs[0]
	path := fmt.Sprintf("%s/anliegen/%d", ts.URL, q.ID)
	if _, page := do(t, fmk, "GET", path, nil); !strings.Contains(page, "eingegangen") || strings.Contains(page, "Als TOP anmelden") {
		t.Errorf("submitter's view of the new request")
	}
	// The public and another conference's request.
	if code, _ := do(t, client(t, ts, ""), "GET", path, nil); code != http.StatusSeeOther {
		t.Errorf("public reads a request: %d", code)
	}
	amk, _ := st.BodyByAbbrev(ctx, "AMK")
	amkQs, _ := st.Requests(ctx, amk.ID)
	if len(amkQs) == 0 {
		t.Fatal("the demo has no AMK request")
	}
	if code, _ := do(t, fmk, "GET", fmt.Sprintf("%s/anliegen/%d", ts.URL, amkQs[0].ID), nil); code != http.StatusNotFound {
		t.Errorf("FMK reads the AMK's request: %d", code)
	}
	if _, page := do(t, fmk, "GET", ts.URL+"/anliegen", nil); strings.Contains(page, amkQs[0].Title) {
		t.Error("the FMK's list shows the AMK's request")
	}
	if _, page := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/AMK", nil); strings.Contains(page, amkQs[0].Title) {
		t.Error("the public conference page shows a request")
	}
	// The FachMK may not act as the secretariat.
	if code, _ := do(t, fmk, "POST", path+"/top", url.Values{"sitzung": {"48"}, "version": {"1"}}); code != http.StatusForbidden {
		t.Errorf("FMK registers its own request: %d", code)
	}
	// No session is being prepared: the secretariat's page says why it
	// offers no registration and links the planning (before: the form was
	// just missing).
	if _, page := do(t, gs, "GET", path, nil); strings.Contains(page, "Als TOP anmelden zur") || !strings.Contains(page, `id="keine-sitzung"`) || !strings.Contains(page, `href="/sitzungen/neu"`) {
		t.Error("without a session in preparation the request's page does not say why it cannot be registered")
	}
	// The secretariat registers it for the 48th session in one action.
	planSession48(t, ts, st)
	_, page := do(t, gs, "GET", path, nil)
	if !strings.Contains(page, "Als TOP anmelden") || strings.Contains(page, `id="keine-sitzung"`) {
		t.Fatal("no registration form for the secretariat")
	}
	if code, body := do(t, gs, "POST", path+"/top", url.Values{"sitzung": {"48"}, "abschnitt": {"0"}, "version": {fmt.Sprint(q.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("register: %d %s", code, body)
	}
	if _, page := do(t, fmk, "GET", path, nil); !strings.Contains(page, "als TOP angemeldet") || !strings.Contains(page, "48. Sitzung") {
		t.Errorf("the submitter does not see the registration")
	}
	// Registered, it may only be settled: the page offers "erledigt"
	// alone, and back into review is refused at the field (before, it
	// offered and took "in Prüfung" and "abgelehnt", and the FMK read
	// "Stand: in Prüfung" beside the registration).
	_, page = do(t, gs, "GET", path, nil)
	if form := between(page, `id="stand"`, "</form>"); strings.Contains(form, `value="in_pruefung"`) || strings.Contains(form, `value="abgelehnt"`) || !strings.Contains(form, `value="erledigt"`) {
		t.Errorf("the registered request's status form offers:\n%s", form)
	}
	registered, _ := st.Request(ctx, q.ID)
	if code, page := do(t, gs, "POST", path+"/status", url.Values{"status": {"in_pruefung"}, "version": {fmt.Sprint(registered.Version)}}); code != http.StatusUnprocessableEntity || !strings.Contains(page, "bereits als TOP angemeldet") {
		t.Errorf("a registered request set back into review: %d", code)
	}
	if _, page := do(t, fmk, "GET", path, nil); strings.Contains(page, "in Prüfung") {
		t.Error("the FMK reads its registered request as in review")
	}
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil); !strings.Contains(page, fmt.Sprintf(`<a href="/anliegen/%d">aus Anliegen Nr. %d</a>`, q.ID, q.ID)) {
		t.Error("the registration does not link back to the request")
	} else if n := strings.Count(page, "aus Anliegen"); n != 1 {
		// Hessen's own registration (planSession48) came from no request:
		// it said "aus Anliegen Nr. 0", linking to /anliegen/0.
		t.Errorf("%d registrations say they came from a request, want 1", n)
	}
	// A second request is declined with a reason the submitter reads.
	do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {"Zweites Anliegen"}})
	qs, _ = st.Requests(ctx, fmkBody.ID)
	var second model.Request
	for _, x := range qs {
		if x.Title == "Zweites Anliegen" {
			second = x
		}
	}
	p2 := fmt.Sprintf("%s/anliegen/%d", ts.URL, second.ID)
	// Refused, the request's page comes back with the form as sent and
	// the reason (before: an error page that lost the chosen status).
	code, page = do(t, gs, "POST", p2+"/status", url.Values{"status": {"abgelehnt"}, "version": {fmt.Sprint(second.Version)}})
	if code != http.StatusBadRequest {
		t.Errorf("declined without reason: %d", code)
	}
	for _, want := range []string{"Anliegen: Zweites Anliegen", "Der Stand ist nicht gespeichert", `value="abgelehnt" selected`, `href="#an-begruendung"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused decline's page lacks %q", want)
		}
	}
	// A stale version keeps the typed reason and says why.
	code, page = do(t, gs, "POST", p2+"/status", url.Values{"status": {"abgelehnt"}, "begruendung": {"Bitte über den Bund."}, "version": {fmt.Sprint(second.Version - 1)}})
	if code != http.StatusConflict || !strings.Contains(page, "Bitte über den Bund.</textarea>") || !strings.Contains(page, "inzwischen gespeichert") {
		t.Errorf("a stale decline: %d, typed reason kept %v", code, strings.Contains(page, "Bitte über den Bund.</textarea>"))
	}
	if code, _ := do(t, gs, "POST", p2+"/status", url.Values{"status": {"abgelehnt"}, "begruendung": {"Zuständig ist der Bund allein."}, "version": {fmt.Sprint(second.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("decline: %d", code)
	}
	if _, page := do(t, fmk, "GET", p2, nil); !strings.Contains(page, "abgelehnt") || !strings.Contains(page, "Zuständig ist der Bund allein.") {
		t.Error("the submitter does not see the reason of the refusal")
	}
}

// TestRequestConfidentialPassagesStayOffThePublicAgenda: a FachMK's
// request marks passages confidential with [[…]], as every other form
// does; made an agenda item and accepted onto the published agenda, the
// item shows them blacked out to the public — on the session's page, in
// its JSON and in the search — and marked to the secretariat. Marks that
// are not balanced are refused at their field, the typed text kept.
// Before, the description was stored as typed and "[[Land X blockiert]]"
// went public verbatim.
func TestRequestConfidentialPassagesStayOffThePublicAgenda(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk := client(t, ts, "fmk")
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {"Grundsteuer"}, "text": {"Bitte um Befassung\n[[Land X blockiert"}})
	if code != http.StatusBadRequest || !strings.Contains(page, "fehlt das schließende") || !strings.Contains(page, "[[Land X blockiert</textarea>") {
		t.Errorf("unbalanced marks: %d, reason shown %v", code, strings.Contains(page, "fehlt das schließende"))
	}
	code, _ = do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {"Grundsteuer [[Sachsen]]"}, "text": {"Bitte um Befassung\n[[Land X blockiert]] den Zeitplan"}})
	if code != http.StatusSeeOther {
		t.Fatalf("submit: %d", code)
	}
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	qs, _ := st.Requests(ctx, fmkBody.ID)
	var q model.Request
	for _, x := range qs {
		if strings.HasPrefix(x.Title, "Grundsteuer") {
			q = x
		}
	}
	if q.Title != "Grundsteuer ⟦Sachsen⟧" || q.Text != "Bitte um Befassung\n⟦Land X blockiert⟧ den Zeitplan" {
		t.Fatalf("stored request: %q %q", q.Title, q.Text)
	}
	s48, _ := planSession48(t, ts, st)
	path := fmt.Sprintf("%s/anliegen/%d", ts.URL, q.ID)
	if code, body := do(t, gs, "POST", path+"/top", url.Values{"sitzung": {"48"}, "abschnitt": {"0"}, "version": {fmt.Sprint(q.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("register: %d %s", code, body)
	}
	q, _ = st.Request(ctx, q.ID)
	it, _ := st.Item(ctx, q.ItemID)
	it.Status = model.ItemAccepted
	if err := st.UpdateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	s48, _ = st.Session(ctx, s48.ID)
	s48.AgendaPublished = true
	if err := st.UpdateSession(ctx, s48); err != nil {
		t.Fatal(err)
	}
	public := client(t, ts, "")
	for _, p := range []string{"/sitzungen/48", "/api/v1/sitzungen/48", "/suche?q=blockiert", "/suche?q=Zeitplan"} {
		_, body := do(t, public, "GET", ts.URL+p, nil)
		if p == "/suche?q=blockiert" && strings.Contains(body, "/sitzungen/48") {
			t.Errorf("the search finds the item by its confidential passage:\n%s", excerpt(body, "/sitzungen/48"))
		}
		if strings.HasPrefix(p, "/suche") {
			body = strings.ReplaceAll(body, "blockiert", "") // the query, as the page repeats it
		}
		if strings.Contains(body, "blockiert") || strings.Contains(body, "Land X") || strings.Contains(body, "Sachsen") || strings.Contains(body, "[[") {
			t.Errorf("%s shows the confidential passages:\n%s", p, excerpt(body, "Grundsteuer"))
		}
		if p == "/sitzungen/48" && !strings.Contains(body, "Bitte um Befassung") {
			t.Errorf("%s lacks the item's public text", p)
		}
	}
	if _, body := do(t, gs, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(body, "Land X blockiert") {
		t.Error("the secretariat does not see the marked passage")
	}
	if _, body := do(t, fmk, "GET", path, nil); strings.Contains(body, "[[") || !strings.Contains(body, "Sachsen") {
		t.Error("the request's page does not show its title's passage as marked")
	}
}

// excerpt gives up to 300 bytes of page around the first use of near (or
// its start), for a failure message.
func excerpt(page, near string) string {
	i := max(0, strings.Index(page, near)-100)
	return page[i:min(len(page), i+300)]
}

// TestOldRequestsFlagged: a request waiting for the Geschäftsstelle's
// decision looked the same after two days and after two months. An open
// request now says how long it waits, and one waiting longer than
// model.RequestWaitDays is marked, with a count above the list; a decided
// one says nothing of waiting.
func TestOldRequestsFlagged(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	today := model.BerlinDate(time.Now())
	ago := func(days int) model.Date { return model.BerlinDate(time.Now().AddDate(0, 0, -days)) }
	for _, q := range []model.Request{
		{ConferenceID: fmkBody.ID, Title: "Altes Anliegen", ReceivedOn: ago(40), Via: model.ViaConference, Status: model.RequestInReview},
		{ConferenceID: fmkBody.ID, Title: "Neues Anliegen", ReceivedOn: ago(3), Via: model.ViaConference, Status: model.RequestReceived},
		{ConferenceID: fmkBody.ID, Title: "Erledigtes Anliegen", ReceivedOn: ago(90), Via: model.ViaConference, Status: model.RequestDone},
	} {
		if _, err := st.CreateRequest(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := st.Requests(ctx, 0)
	tooLong := 0
	for _, q := range all {
		if q.WaitsTooLong(today) {
			tooLong++
		}
	}
	_, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/anliegen", nil)
	row := func(title string) string { return between(page, title, "</tr>") }
	if !strings.Contains(row("Altes Anliegen"), `<strong class="overdue-label">wartet seit 40 Tagen</strong>`) {
		t.Errorf("the old request's row: %s", row("Altes Anliegen"))
	}
	if r := row("Neues Anliegen"); !strings.Contains(r, "seit 3 Tagen") || strings.Contains(r, "overdue") {
		t.Errorf("the new request's row: %s", r)
	}
	if r := row("Erledigtes Anliegen"); strings.Contains(r, "seit") {
		t.Errorf("the done request's row: %s", r)
	}
	if want := fmt.Sprintf("%d Anliegen warten seit mehr als %d Tagen", tooLong, model.RequestWaitDays); tooLong > 1 && !strings.Contains(page, want) {
		t.Errorf("the page lacks %q", want)
	}
	// The submitting conference sees how long its request waits too.
	if _, page := do(t, client(t, ts, "fmk"), "GET", ts.URL+"/anliegen", nil); !strings.Contains(page, "wartet seit 40 Tagen") {
		t.Error("the FMK's list does not say how long its request waits")
	}
}
