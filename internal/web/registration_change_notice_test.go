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

// TestChangedOnRequestTellsTheSecretariat: Hessen changes, on the form,
// the registration whose change the secretariat asked for; the
// secretariat's subscribed account is told that it waits for it again
// (event anmeldung_geaendert), naming the session, the item and the
// request. Before, the secretariat heard nothing.
func TestChangedOnRequestTellsTheSecretariat(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	subscribe(t, ts, "geschaeftsstelle", "gs@example.org", model.EventRegistrationChanged)
	gs, he := client(t, ts, "geschaeftsstelle"), client(t, ts, "hessen")
	it := pendingRegistration(t, ts, st, he, url.Values{"titel": {"Deutschland-Stack"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	const reason = "Bitte das Konzeptpapier beifügen."
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)},
		"entscheidung": {"aendern"}, "aenderung": {reason}}); code != http.StatusSeeOther {
		t.Fatalf("change asked: %d", code)
	}
	got, _ := st.Item(ctx, it.ID)
	if code, page := do(t, he, "POST", fmt.Sprintf("%s/anmeldungen/%d/aendern", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(got.Version)},
		"titel": {"Deutschland-Stack mit Konzeptpapier"}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("changed by the office: %d %s", code, between(page, "<main", "</main>"))
	}
	sent := outboxOf(t, st, model.EventRegistrationChanged)["gs@example.org"]
	if len(sent) != 1 || !strings.Contains(sent[0].Subject, "Deutschland-Stack mit Konzeptpapier") || !strings.Contains(sent[0].Body, "48. Sitzung") ||
		!strings.Contains(sent[0].Body, "auf Ihre Bitte geändert") || !strings.Contains(sent[0].Body, "Erbeten war: "+reason) {
		t.Errorf("the secretariat's notification: %+v", sent)
	}
	// The preferences page offers the event to the secretariat, not to
	// a member office.
	if _, page := do(t, gs, "GET", ts.URL+"/benachrichtigungen", nil); !strings.Contains(page, model.EventRegistrationChanged.Label()) {
		t.Errorf("the secretariat's preferences do not offer %q", model.EventRegistrationChanged.Label())
	}
	if _, page := do(t, he, "GET", ts.URL+"/benachrichtigungen", nil); strings.Contains(page, model.EventRegistrationChanged.Label()) {
		t.Errorf("a member office is offered %q", model.EventRegistrationChanged.Label())
	}
}

// TestChangeLinkOnlyWhileChangeable: the secretariat asked Hessen to
// change its registration, then the session stopped taking registrations
// (it is cancelled). The session page still offered "Anmeldung ändern",
// whose form refused the change. Now the session page and the
// registration's page offer the link only while the store would take the
// change (model.AgendaItem.RegistrationChange) and otherwise say why not.
func TestChangeLinkOnlyWhileChangeable(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs, he := client(t, ts, "geschaeftsstelle"), client(t, ts, "hessen")
	it := pendingRegistration(t, ts, st, he, url.Values{"titel": {"Deutschland-Stack"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)},
		"entscheidung": {"aendern"}, "aenderung": {"Bitte die Quelle nennen."}}); code != http.StatusSeeOther {
		t.Fatalf("change asked: %d", code)
	}
	link := fmt.Sprintf(`href="/anmeldungen/%d/aendern"`, it.ID)
	own := func() string {
		_, page := do(t, he, "GET", ts.URL+"/sitzungen/48", nil)
		return between(page, fmt.Sprintf(`id="anmeldung-%d"`, it.ID), "</li>")
	}
	if li := own(); !strings.Contains(li, link) {
		t.Fatalf("while the session takes registrations, no link to change: %s", li)
	}
	se, err := st.Session(ctx, it.SessionID)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CancelSession(ctx, se.ID, se.Version, "Terminkollision"); err != nil {
		t.Fatal(err)
	}
	const why = "können keine Tagesordnungspunkte mehr angemeldet werden"
	if _, page := do(t, he, "GET", fmt.Sprintf("%s/anmeldungen/%d/aendern", ts.URL, it.ID), nil); !strings.Contains(page, why) {
		t.Fatalf("the change form does not refuse in the cancelled session: %s", between(page, "<main", "</main>"))
	}
	// The cancelled session's line says why (and where to move it).
	if li := own(); strings.Contains(li, link) || !strings.Contains(li, "die Sitzung ist abgesagt") || !strings.Contains(li, "Änderung erbeten:</strong> Bitte die Quelle nennen. – die Sitzung ist abgesagt") {
		t.Errorf("the session page in the cancelled session: %s", li)
	}
	_, page := do(t, he, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, it.ID), nil)
	main := between(page, "<main", "</main>")
	if strings.Contains(main, link) || !strings.Contains(between(main, `id="aenderung-erbeten"`, "</div>"), why) || strings.Count(main, why) != 1 {
		t.Errorf("the registration's page in the cancelled session: %s", main)
	}
	// Mein Bereich's list of the registrations follows the same rule.
	_, mine := do(t, he, "GET", ts.URL+"/mein-bereich", nil)
	if li := between(mine, fmt.Sprintf(`<a href="/anmeldungen/%d">`, it.ID), "</li>"); li == "" || strings.Contains(li, link) || !strings.Contains(li, "die Sitzung ist abgesagt") {
		t.Errorf("Mein Bereich in the cancelled session: %s", li)
	}
}

// TestCoApplicantReadsTheChangeAsked: Baden-Württemberg, named as
// co-applicant of Hessen's registration, read "angemeldet" on its page
// while the secretariat had asked Hessen for a change. Now its page says
// "Änderung erbeten" with the reason, and its subscribed account is told
// (event mitantrag_antwort).
func TestCoApplicantReadsTheChangeAsked(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	subscribe(t, ts, "baden-wuerttemberg", "bw@example.org", model.EventCoApplicationAnswered)
	gs, he, bw := client(t, ts, "geschaeftsstelle"), client(t, ts, "hessen"), client(t, ts, "baden-wuerttemberg")
	it := pendingRegistration(t, ts, st, he, url.Values{"titel": {"Gemeinsames Register"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register."}, "antrag": {"HE, BW, NW"}})
	const reason = "Bitte den Beschlussvorschlag präzisieren."
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)},
		"entscheidung": {"aendern"}, "aenderung": {reason}}); code != http.StatusSeeOther {
		t.Fatalf("change asked: %d", code)
	}
	if got, _ := st.Item(ctx, it.ID); !got.ChangeRequested() {
		t.Fatalf("no change asked: %+v", got)
	}
	_, page := do(t, bw, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, it.ID), nil)
	if box := between(page, `id="aenderung-erbeten"`, "</div>"); !strings.Contains(box, "Änderung erbeten:</strong> "+reason) || !strings.Contains(page, "Stand der Anmeldung: <strong>Änderung erbeten</strong>") {
		t.Errorf("BW's page does not show the change asked: %s", between(page, "<main", "</main>"))
	}
	if strings.Contains(page, fmt.Sprintf(`href="/anmeldungen/%d/aendern"`, it.ID)) {
		t.Errorf("BW is offered to change Hessen's registration")
	}
	sent := outboxOf(t, st, model.EventCoApplicationAnswered)["bw@example.org"]
	if len(sent) != 1 || !strings.Contains(sent[0].Body, "Grund: "+reason) {
		t.Errorf("BW's notification: %+v", sent)
	}
}
