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

// TestReportsAreFoundOnceTheAgendaIsPublic: a spokesperson's report under
// "Reporting FachMK" stands on the public session page once the agenda is
// published, so the public search finds it there — its confidential
// passage not at all — and a report changed or withdrawn afterwards is
// found as it now stands. Before, the search page, which says it searches
// the published agendas, found no report's text.
func TestReportsAreFoundOnceTheAgendaIsPublic(t *testing.T) {
	ts, st := cycleServer(t)
	se := planSessionOn(t, st, 49, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	hb := client(t, ts, "sprecher-hb")
	pub := client(t, ts, "")
	found := func(q string) bool {
		t.Helper()
		_, page := do(t, pub, "GET", ts.URL+"/suche?q="+url.QueryEscape(q), nil)
		return strings.Contains(page, `href="/sitzungen/49#`)
	}
	if code, body := do(t, hb, "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"FMK"},
		"bericht": {"Die FMK hat die Kuckucksuhrensteuer beraten. [[Die Haushaltsmittel sind strittig.]]"}, "version": {"0"}}); code != http.StatusSeeOther {
		t.Fatalf("save report: %d %s", code, body)
	}
	if found("Kuckucksuhrensteuer") {
		t.Error("the report is found before the agenda is published")
	}
	se, _ = st.Session(context.Background(), se.ID)
	if code, _ := do(t, client(t, ts, "geschaeftsstelle"), "POST", ts.URL+"/sitzungen/49/veroeffentlichen", url.Values{"version": {fmt.Sprint(se.Version)}, "ohne_nummer": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("publish agenda: %d", code)
	}
	if !found("Kuckucksuhrensteuer") {
		t.Error("the published report is not found")
	}
	if found("Haushaltsmittel") {
		t.Error("the report's confidential passage is found")
	}
	if code, body := do(t, hb, "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"FMK"},
		"bericht": {"Die FMK hat die Grundsteuerreform beraten."}, "version": {"1"}}); code != http.StatusSeeOther {
		t.Fatalf("change report: %d %s", code, body)
	}
	if !found("Grundsteuerreform") || found("Kuckucksuhrensteuer") {
		t.Error("the changed report is not found as it now stands")
	}
	if code, _ := do(t, hb, "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "aktion": {"zurueckziehen"}, "version": {"2"}, "bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", code)
	}
	if found("Grundsteuerreform") {
		t.Error("the withdrawn report is still found")
	}
}

// TestReportsPageSpeaksToItsReader: the Reporting FachMK page asked every
// reader "Berichte bitte bis zum … eintragen" and promised "Ihr Bericht
// ist nach dem Speichern öffentlich" — also the Bund's office and advisory
// members, who have no form and whose post is refused. Now it says to
// them who reports by when; the spokesperson is still asked.
func TestReportsPageSpeaksToItsReader(t *testing.T) {
	ts, st := cycleServer(t)
	se := planSessionOn(t, st, 49, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	se, _ = st.Session(context.Background(), se.ID)
	if code, _ := do(t, client(t, ts, "geschaeftsstelle"), "POST", ts.URL+"/sitzungen/49/veroeffentlichen", url.Values{"version": {fmt.Sprint(se.Version)}, "ohne_nummer": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("publish agenda: %d", code)
	}
	for _, reader := range []string{"bund", "dlt"} {
		_, page := do(t, client(t, ts, reader), "GET", ts.URL+"/sitzungen/49/reporting-fachmk", nil)
		intro := between(page, "<main", "</p>")
		if strings.Contains(intro, "bitte bis zum") || strings.Contains(intro, "Ihr Bericht") || !strings.Contains(intro, "Die Sprecher:innen tragen ihre Berichte bis zum") {
			t.Errorf("%s, who does not report, reads:\n%s", reader, intro)
		}
	}
	_, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/sitzungen/49/reporting-fachmk", nil)
	if intro := between(page, "<main", "</p>"); !strings.Contains(intro, "Berichte bitte bis zum") || !strings.Contains(intro, "Ihr Bericht ist nach dem Speichern öffentlich") {
		t.Errorf("the spokesperson is no longer asked:\n%s", intro)
	}
}

// TestStaleReportSaysItOnce: a report saved from a second window (a stale
// version) was refused with "… das Formular Ihre Eingabe. Bitte prüfen und
// erneut speichern. Das Formular zeigt Ihre Eingabe." — the reason and
// the box each said it. Now the box says it once.
func TestStaleReportSaysItOnce(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 49, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	hb := client(t, ts, "sprecher-hb")
	if code, body := do(t, hb, "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "bericht": {"Erster Stand."}, "version": {"0"}}); code != http.StatusSeeOther {
		t.Fatalf("save report: %d %s", code, body)
	}
	code, page := do(t, hb, "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "bericht": {"Zweiter Stand."}, "version": {"0"}})
	box := between(page, `class="error-box"`, "</div>")
	if code != http.StatusConflict || !strings.Contains(box, "Hier wurde inzwischen gespeichert") {
		t.Fatalf("stale report: %d\n%s", code, box)
	}
	if n := strings.Count(box, "Ihre Eingabe"); n != 1 {
		t.Errorf("the box says %d times that the form shows the input:\n%s", n, box)
	}
}
