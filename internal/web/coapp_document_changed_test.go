package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestCoApplicantSeesTheProposalDocumentChanged: Bayern confirmed its
// co-application to Hessen's registration, then Hessen uploaded a new
// version of the Beschlussvorschlag. Bayern's page of the registration
// listed the new version like any other document; it now says that the
// proposal's document changed since the confirmation, at the document and
// under "Ihr Mitantrag". A report uploaded since is listed without it.
func TestCoApplicantSeesTheProposalDocumentChanged(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	he, by := client(t, ts, "hessen"), client(t, ts, "bayern")
	pendingRegistration(t, ts, st, he, url.Values{"titel": {"Gemeinsames Register"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register."}, "antrag": {"HE, BY, HH"}})
	pending, err := st.PendingCoApplications(ctx, "BY")
	if err != nil || len(pending) != 1 {
		t.Fatalf("Bayern's co-applications: %+v %v", pending, err)
	}
	item := pending[0].ItemID
	upload := func(name, kind string) {
		t.Helper()
		if code, body := uploadTo(t, he, ts.URL+"/sitzungen/48/dokumente", map[string]string{"top": fmt.Sprint(item), "art": kind}, name, []byte("%PDF-1.4\n")); code != http.StatusSeeOther {
			t.Fatalf("upload %s: %d %s", name, code, between(body, "<main", "</main>"))
		}
	}
	upload("Vorschlag-1.pdf", "beschlussvorschlag")
	if code, _ := do(t, by, "POST", fmt.Sprintf("%s/mitantraege/%d", ts.URL, pending[0].ID), url.Values{"antwort": {"bestaetigen"}, "fassung": {pending[0].Fingerprint()}}); code != http.StatusSeeOther {
		t.Fatalf("confirm: %d", code)
	}
	page := func() string {
		t.Helper()
		_, body := do(t, by, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, item), nil)
		return between(body, "<main", "</main>")
	}
	if body := page(); strings.Contains(body, "seit Ihrer Bestätigung") {
		t.Errorf("the page says the document changed before it did:\n%s", body)
	}
	// The confirmation and the uploads must not share a second.
	time.Sleep(1100 * time.Millisecond)
	upload("Vorschlag-2.pdf", "beschlussvorschlag")
	upload("Bericht.pdf", "bericht")
	body := page()
	if !strings.Contains(body, "Vorschlag-2.pdf</a> – Beschlussvorschlag, Fassung 2") || !strings.Contains(between(body, "Vorschlag-2.pdf", "</li>"), "neu seit Ihrer Bestätigung") {
		t.Errorf("the new version is not marked as new since the confirmation:\n%s", between(body, "<dt>Dokumente", "</dl>"))
	}
	if strings.Contains(between(body, "Bericht.pdf", "</li>"), "seit Ihrer Bestätigung") || strings.Contains(between(body, "Vorschlag-1.pdf", "</li>"), "seit Ihrer Bestätigung") {
		t.Errorf("a report or the confirmed version is marked:\n%s", between(body, "<dt>Dokumente", "</dl>"))
	}
	if own := between(body, "h-ihr-mitantrag", "</section>"); !strings.Contains(own, "Seit Ihrer Bestätigung ist der Beschlussvorschlag als Unterlage neu hochgeladen: „<a href=\"/dokumente/") ||
		!strings.Contains(own, "Vorschlag-2.pdf</a>“ (Fassung 2).") || strings.Contains(own, "Bericht.pdf") {
		t.Errorf("the co-application does not say the document changed:\n%s", between(body, "h-ihr-mitantrag", "</section>"))
	}
}
