package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestAcceptIntoUnknownSectionComesBack: a registration accepted with an
// Abschnitt that is no topic of the agenda (a stale or tampered form:
// another body's section, a deleted one, no number at all) ended on the
// generic error page, a dead end. Now the Verwaltung page comes back
// with the shared error summary naming the field, the reason at the
// section's choice, the registration unchanged and still offered.
func TestAcceptIntoUnknownSectionComesBack(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	it := pendingRegistration(t, ts, st, client(t, ts, "hessen"), url.Values{"titel": {"Deutschland-Stack"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	field := fmt.Sprintf("an-abschnitt-%d", it.ID)
	for _, section := range []string{"999999", "abc", "-3"} {
		code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)},
			"entscheidung": {"annehmen"}, "abschnitt": {section}})
		if code < 400 || code >= 500 {
			t.Fatalf("accepted into section %q: %d, want a refusal", section, code)
		}
		if !strings.Contains(page, `<h2 id="h-anmeldungen">Anmeldungen</h2>`) {
			t.Fatalf("section %q: not the Verwaltung page:\n%s", section, between(page, "<main", "</main>"))
		}
		box := between(page, `id="anmeldungen-fehler"`, "</div>")
		if !strings.Contains(box, "Die Anmeldung ist nicht angenommen") || !strings.Contains(box, "Abschnitt") || !strings.Contains(box, `href="#`+field+`"`) {
			t.Errorf("section %q: the error summary does not name the field: %s", section, box)
		}
		if strings.Contains(box, "Das Formular zeigt Ihre Eingabe") {
			t.Errorf("section %q: the box says the form shows the input, which it cannot: %s", section, box)
		}
		reasonsAtFields(t, page, `id="anmeldungen-fehler"`, map[string]string{field: "Abschnitt"})
		if !strings.Contains(page, fmt.Sprintf(`id="anmeldung-%d"`, it.ID)) {
			t.Errorf("section %q: the registration is no longer offered", section)
		}
		if got, _ := st.Item(ctx, it.ID); got.Status != model.ItemRegistered || got.Version != it.Version {
			t.Errorf("section %q: the registration changed: %s version %d", section, got.Status, got.Version)
		}
	}
	if list, _, _ := st.Notifications(ctx, store.OutboxFilter{Event: model.EventRegistrationDecided}); len(list) != 0 {
		t.Errorf("a refused acceptance notified: %+v", list)
	}
}

// TestChangeRequestedOfARegistration: besides accepting and declining,
// the secretariat asks the member office to change a registration, with
// a reason it must give. The office reads "Änderung erbeten: <reason>"
// on its registration, its "Mein Bereich" and the session page, and is
// notified as of a decline; the secretariat's list shows the
// registration waiting for the office. Changed by the office, it waits
// for the secretariat again; the reason stays in the audit log.
func TestChangeRequestedOfARegistration(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	subscribe(t, ts, "hessen", "buero@hessen.example", model.EventRegistrationDecided)
	gs, he := client(t, ts, "geschaeftsstelle"), client(t, ts, "hessen")
	it := pendingRegistration(t, ts, st, he, url.Values{"titel": {"Deutschland-Stack"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	decide := func(reason string, version int) (int, string) {
		return do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(version)},
			"entscheidung": {"aendern"}, "aenderung": {reason}})
	}
	field := fmt.Sprintf("aenderung-%d", it.ID)
	// Without a reason: refused at the field, nothing changed.
	code, page := decide("  ", it.Version)
	if code < 400 || code >= 500 {
		t.Fatalf("a change asked without reason: %d", code)
	}
	reasonsAtFields(t, page, `id="anmeldungen-fehler"`, map[string]string{field: "Bitte angeben, welche Änderung erbeten wird"})
	// With confidential marks: refused, the reason kept as typed.
	code, page = decide("Unterlage fehlt [[intern]]", it.Version)
	if code < 400 || code >= 500 || !strings.Contains(between(page, `<input id="`+field+`"`, ">"), `value="Unterlage fehlt [[intern]]"`) {
		t.Fatalf("a marked reason: %d, the reason not kept:\n%s", code, between(page, `<input id="`+field+`"`, ">"))
	}
	if got, _ := st.Item(ctx, it.ID); got.ChangeRequest != "" || got.Version != it.Version {
		t.Fatalf("after the refusals: %+v", got)
	}
	const reason = "Der Beschlussvorschlag ist unklar; bitte das Konzeptpapier beifügen."
	if code, page := decide(reason, it.Version); code != http.StatusSeeOther {
		t.Fatalf("change asked: %d %s", code, between(page, "<main", "</main>"))
	}
	got, _ := st.Item(ctx, it.ID)
	if got.Status != model.ItemRegistered || got.ChangeRequest != reason || !got.ChangeRequested() {
		t.Fatalf("after the change asked: %s %q", got.Status, got.ChangeRequest)
	}
	// Sent twice: done, not a conflict.
	if code, _ := decide(reason, it.Version); code != http.StatusSeeOther {
		t.Errorf("sent twice: %d", code)
	}
	// The secretariat's list: waiting for the member office.
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if row := between(page, fmt.Sprintf(`id="anmeldung-%d"`, it.ID), "</tr>"); !strings.Contains(row, "Wartet auf das Mitglied") || !strings.Contains(row, reason) {
		t.Errorf("the secretariat's row: %s", row)
	}
	// The member office: its registration, the session page, Mein Bereich.
	for _, path := range []string{fmt.Sprintf("/anmeldungen/%d", it.ID), "/sitzungen/48", "/mein-bereich", fmt.Sprintf("/anmeldungen/%d/aendern", it.ID)} {
		if _, page := do(t, he, "GET", ts.URL+path, nil); !strings.Contains(page, "Änderung erbeten:</strong> "+reason) {
			t.Errorf("%s does not show the change asked", path)
		}
	}
	// Notified as a decline is.
	sent := outboxOf(t, st, model.EventRegistrationDecided)["buero@hessen.example"]
	if len(sent) != 1 || !strings.Contains(sent[0].Subject, "Änderung erbeten") || !strings.Contains(sent[0].Body, "Grund: "+reason) {
		t.Errorf("the office's notification: %+v", sent)
	}
	// Changed by the office: back to the secretariat.
	got, _ = st.Item(ctx, it.ID)
	if code, page := do(t, he, "POST", fmt.Sprintf("%s/anmeldungen/%d/aendern", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(got.Version)},
		"titel": {"Deutschland-Stack mit Konzeptpapier"}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("changed by the office: %d %s", code, between(page, "<main", "</main>"))
	}
	got, _ = st.Item(ctx, it.ID)
	if got.Status != model.ItemRegistered || got.ChangeRequest != "" {
		t.Errorf("after the office's change: %s %q", got.Status, got.ChangeRequest)
	}
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if row := between(page, fmt.Sprintf(`id="anmeldung-%d"`, it.ID), "</tr>"); strings.Contains(row, "Wartet auf das Mitglied") || !strings.Contains(row, "Deutschland-Stack mit Konzeptpapier") {
		t.Errorf("the secretariat's row after the change: %s", row)
	}
	entries, err := st.AuditEntries(ctx, store.AuditFilter{Entity: "agenda_item", EntityID: it.ID})
	var kept bool
	for _, e := range entries.Entries {
		kept = kept || strings.Contains(e.After, reason) || strings.Contains(e.Before, reason)
	}
	if err != nil || !kept {
		t.Errorf("the reason is not in the item's audit log: %+v %v", entries.Entries, err)
	}
	// Asked again and then accepted: the request ends with the decision.
	if code, _ := decide("Bitte noch die Quelle nennen.", got.Version); code != http.StatusSeeOther {
		t.Fatalf("asked again: %d", code)
	}
	acceptRegistration(t, st, gs, ts.URL, it.ID)
	if got, _ = st.Item(ctx, it.ID); got.Status != model.ItemAccepted || got.ChangeRequest != "" {
		t.Errorf("accepted: %s %q", got.Status, got.ChangeRequest)
	}
}

// TestChangeRequestedIsNeverPublic: a registration whose change the
// secretariat asked for is not decided: nothing of it is public — not on
// the session's page, the calendars, the feed, the search, OParl or the
// JSON API — while the agenda is published.
func TestChangeRequestedIsNeverPublic(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	const title = "Quantenregister Wolkenkuckucksheim"
	it := pendingRegistration(t, ts, st, client(t, ts, "hessen"), url.Values{"titel": {title}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	se, err := st.Session(ctx, it.SessionID)
	if err != nil {
		t.Fatal(err)
	}
	se.AgendaPublished = true
	if err := st.UpdateSession(ctx, se); err != nil {
		t.Fatal(err)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)},
		"entscheidung": {"aendern"}, "aenderung": {"Bitte den Titel präzisieren."}}); code != http.StatusSeeOther {
		t.Fatalf("change asked: %d", code)
	}
	if got, _ := st.Item(ctx, it.ID); !got.ChangeRequested() {
		t.Fatalf("no change asked: %+v", got)
	}
	public := client(t, ts, "")
	for _, path := range []string{"/sitzungen/48", "/sitzungen", "/sitzungen.ics", "/beschluesse.atom", "/suche?q=Quantenregister",
		"/oparl/v1/body/1/agendaItem", "/oparl/v1/body/1/meeting", "/api/v1/sitzungen/48", "/"} {
		code, page := do(t, public, "GET", ts.URL+path, nil)
		if strings.HasPrefix(path, "/suche") {
			// The search box repeats the query: no hit is what counts.
			if !strings.Contains(page, "Keine Treffer") || strings.Contains(page, title) {
				t.Errorf("%s (%d) finds the registration whose change was asked", path, code)
			}
			continue
		}
		if strings.Contains(page, "Quantenregister") || strings.Contains(page, "präzisieren") {
			t.Errorf("%s (%d) shows the registration whose change was asked", path, code)
		}
	}
}
