package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// planSessionOn plans a session of the IT-PLR on a date, with the standard
// items (among them "Reporting FachMK").
func planSessionOn(t *testing.T, st *store.Store, number int, on model.Date) model.Session {
	t.Helper()
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sections, err := st.Sections(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.PlanSession(ctx, model.Session{BodyID: council.ID, Number: number, Status: model.StatusPlanned, Date: on, Place: "Berlin"},
		itplr.StandardItems(number, sections))
	if err != nil {
		t.Fatal(err)
	}
	se, err := st.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return se
}

// TestReportingFachMK: a spokesperson enters a report by the deadline; it
// shows under "Reporting FachMK" internally at once and publicly once the
// agenda is published, its confidential passage blacked out; only the
// spokespersons in office report, and after the deadline only the
// secretariat.
func TestReportingFachMK(t *testing.T) {
	ts, st := cycleServer(t)
	in30 := model.BerlinDate(time.Now().AddDate(0, 0, 30))
	se := planSessionOn(t, st, 49, in30)
	hb := client(t, ts, "sprecher-hb")
	_, page := do(t, hb, "GET", ts.URL+"/sitzungen/49/reporting-fachmk", nil)
	if !strings.Contains(page, "Bericht für die Finanzministerkonferenz") || !strings.Contains(page, model.ReportDeadline(se).German()) {
		t.Fatalf("the spokesperson's report page lacks the FMK form or the deadline")
	}
	if !strings.Contains(page, "Die Berichte sind intern, bis die Tagesordnung veröffentlicht ist") {
		t.Error("before publication the page does not say the reports are internal until then")
	}
	text := "Die FMK hat die Digitalisierung der Grundsteuer beraten. [[Haushaltsmittel sind strittig.]]"
	if code, body := do(t, hb, "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "bericht": {text}, "version": {"0"}}); code != http.StatusSeeOther {
		t.Fatalf("save report: %d %s", code, body)
	}
	if code, _ := do(t, hb, "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"GMK"}, "bericht": {"Bericht"}, "version": {"0"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("report for a conference HB does not speak for: %d", code)
	}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "bericht": {"x"}}); code != http.StatusForbidden {
		t.Errorf("a member's office reports: %d", code)
	}
	reporting := func(page string) string {
		i := strings.Index(page, model.ReportingFachMKTitle+"</h3>")
		if i < 0 {
			return ""
		}
		return page[i:]
	}
	_, internal := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/49", nil)
	if r := reporting(internal); !strings.Contains(r, "Digitalisierung der Grundsteuer") || !strings.Contains(r, "Haushaltsmittel sind strittig") {
		t.Errorf("the internal agenda lacks the report under Reporting FachMK")
	}
	pub := client(t, ts, "")
	if _, page := do(t, pub, "GET", ts.URL+"/sitzungen/49", nil); strings.Contains(page, "Digitalisierung der Grundsteuer") {
		t.Error("the report is public before the agenda")
	}
	se, _ = st.Session(context.Background(), se.ID)
	if code, _ := do(t, client(t, ts, "geschaeftsstelle"), "POST", ts.URL+"/sitzungen/49/veroeffentlichen", url.Values{"version": {fmt.Sprint(se.Version)}, "ohne_nummer": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("publish agenda: %d", code)
	}
	_, page = do(t, pub, "GET", ts.URL+"/sitzungen/49", nil)
	if r := reporting(page); !strings.Contains(r, "Digitalisierung der Grundsteuer") || strings.Contains(r, "Haushaltsmittel") {
		t.Errorf("public agenda: report missing or confidential passage shown:\n%s", r)
	}
	// The JSON API gives the report under the item as the page does
	// (before: the item had no reports at all).
	if _, js := do(t, pub, "GET", ts.URL+"/api/v1/sitzungen/49", nil); !strings.Contains(js, `"berichte":[{"fachmk":"Finanzministerkonferenz","mitglied":"HB","text":"Die FMK hat die Digitalisierung der Grundsteuer beraten. [geschwärzt]"}]`) || strings.Contains(js, "Haushaltsmittel") {
		t.Errorf("the JSON API's session: the report missing or its passage shown: %s", js)
	}
	// After publication a saved report is public at once; the note said
	// "intern, bis die Tagesordnung veröffentlicht ist" still.
	_, page = do(t, hb, "GET", ts.URL+"/sitzungen/49/reporting-fachmk", nil)
	if strings.Contains(page, "intern, bis die Tagesordnung") || !strings.Contains(page, "Die Tagesordnung ist veröffentlicht: Ihr Bericht ist nach dem Speichern öffentlich") {
		t.Error("after publication the page still says the reports are internal until the agenda is published")
	}
	// The minutes (internal PDF and page) carry the report under the item.
	gsc := client(t, ts, "geschaeftsstelle")
	defer func() {
		// Withdrawn, the public report is gone (before, a report could be
		// corrected but never taken back); a stale version is refused.
		if _, page := do(t, hb, "GET", ts.URL+"/sitzungen/49/reporting-fachmk", nil); !strings.Contains(page, `name="aktion" value="zurueckziehen"`) {
			t.Error("the spokesperson's page offers no withdrawal of the saved report")
		}
		if code, _ := do(t, hb, "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "aktion": {"zurueckziehen"}, "version": {"0"}, "bestaetigt": {"ja"}}); code != http.StatusConflict {
			t.Errorf("withdrawn with a stale version: %d", code)
		}
		// One stray click withdraws nothing: the first submit asks.
		code, page := do(t, hb, "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "aktion": {"zurueckziehen"}, "version": {"1"}})
		if code != http.StatusOK || !strings.Contains(page, "Wollen Sie den Bericht für die Finanzministerkonferenz zur 49. Sitzung zurückziehen?") {
			t.Errorf("the withdrawal's first submit: %d\n%s", code, between(page, "<main", "</main>"))
		}
		if _, page := do(t, pub, "GET", ts.URL+"/sitzungen/49", nil); !strings.Contains(page, "Digitalisierung der Grundsteuer") {
			t.Error("the first submit withdrew the report without confirmation")
		}
		if code, _ := do(t, hb, "POST", ts.URL+"/sitzungen/49/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "aktion": {"zurueckziehen"}, "version": {"1"}, "bestaetigt": {"ja"}}); code != http.StatusSeeOther {
			t.Fatalf("withdraw: %d", code)
		}
		if _, page := do(t, pub, "GET", ts.URL+"/sitzungen/49", nil); strings.Contains(page, "Digitalisierung der Grundsteuer") {
			t.Error("the withdrawn report is still on the public agenda")
		}
	}()
	res, err := gsc.Get(ts.URL + "/sitzungen/49/protokoll.pdf")
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if txt := pdftest.Text(t, pdf); !strings.Contains(strings.Join(strings.Fields(txt), " "), "Digitalisierung der Grundsteuer") {
		t.Errorf("the minutes PDF lacks the report:\n%s", txt)
	}
	if _, page := do(t, gsc, "GET", ts.URL+"/sitzungen/49/protokoll", nil); !strings.Contains(page, "Berichte der fachpolitischen Sprecher:innen") {
		t.Error("the minutes page lacks the reports")
	}
	// A session a few days ahead: the deadline has passed.
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 3)))
	if code, _ := do(t, hb, "POST", ts.URL+"/sitzungen/48/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "bericht": {"spät"}, "version": {"0"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("report after the deadline: %d", code)
	}
	if code, _ := do(t, client(t, ts, "geschaeftsstelle"), "POST", ts.URL+"/sitzungen/48/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "mitglied": {"HB"}, "bericht": {"Nachtrag"}, "version": {"0"}}); code != http.StatusSeeOther {
		t.Errorf("the secretariat's late entry: %d", code)
	}
}

// TestReportingAfterTheSession: once the session is held, the page says so.
// Before, the spokesperson saw two empty, greyed-out report fields, "die
// Frist ist abgelaufen; Nachträge nimmt die Geschäftsstelle auf" (which
// the secretariat can no longer do) and every report as "ausstehend".
func TestReportingAfterTheSession(t *testing.T) {
	ts, _ := cycleServer(t)
	_, page := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/sitzungen/47/reporting-fachmk", nil)
	page = between(page, "<main", "</main>")
	if !strings.Contains(page, "Die Sitzung hat stattgefunden; Berichte werden nicht mehr aufgenommen.") || !strings.Contains(page, "kein Bericht") {
		t.Error("the page does not say that the session is held and reports are no longer taken")
	}
	for _, not := range []string{"Nachträge nimmt die Geschäftsstelle auf", "ausstehend", "<textarea", "Meine Berichte"} {
		if strings.Contains(page, not) {
			t.Errorf("after the session the page shows %q", not)
		}
	}
}

// TestRefusedReportKeepsTheText: a report refused for its text (an open
// confidential mark, more than model.ReportTextMax characters) shows the
// page again with the text as typed and the reason at its field, and is
// not stored. Before, the open mark went to the error page (the text was
// lost) and a report of 300 KB was stored and rendered in full.
func TestRefusedReportKeepsTheText(t *testing.T) {
	ts, st := cycleServer(t)
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	hb := client(t, ts, "sprecher-hb")
	code, page := do(t, hb, "POST", ts.URL+"/sitzungen/48/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "bericht": {"Bericht [[offen"}, "version": {"0"}})
	if code != http.StatusBadRequest {
		t.Fatalf("open mark: %d", code)
	}
	form := between(page, `id="bericht-FMK"`, "</form>")
	if !strings.Contains(form, `id="bericht-FMK-bericht" name="bericht"`) || !strings.Contains(form, ">Bericht [[offen</textarea>") ||
		!strings.Contains(form, `aria-invalid="true" aria-describedby="bericht-FMK-bericht-fehler"`) || !strings.Contains(form, `<p class="field-error" id="bericht-FMK-bericht-fehler">`) {
		t.Errorf("the refused report is not shown as typed with its reason at the field:\n%s", form)
	}
	if !strings.Contains(page, `class="error-box"`) || !strings.Contains(page, `<a href="#bericht-FMK-bericht">`) {
		t.Error("the reasons above the form (linked to the field) are missing")
	}
	long := strings.Repeat("Die FMK hat beraten. ", 300000/21)
	code, page = do(t, hb, "POST", ts.URL+"/sitzungen/48/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "bericht": {long}, "version": {"0"}})
	if code != http.StatusBadRequest || !strings.Contains(between(page, `id="bericht-FMK"`, "</form>"), "zu lang") {
		t.Errorf("a report of 300 KB: %d", code)
	}
	// The secretariat's form: the conference and the member kept, the
	// reason at the text.
	gs := client(t, ts, "geschaeftsstelle")
	code, page = do(t, gs, "POST", ts.URL+"/sitzungen/48/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "mitglied": {"HB"}, "bericht": {"  "}, "version": {"0"}})
	form = between(page, `id="bericht-gs"`, "</form>")
	if code != http.StatusBadRequest || !strings.Contains(form, `value="HB"`) || !strings.Contains(form, `id="bericht-gs-bericht-fehler">Der Bericht ist leer.`) {
		t.Errorf("the secretariat's empty report: %d\n%s", code, form)
	}
	if reps, _ := st.Reports(context.Background(), se.ID); len(reps) != 0 {
		t.Errorf("refused reports were stored: %d", len(reps))
	}
}

// TestReportsOverviewNamesTheMembers: the secretariat's overview "Stand
// der Berichte" names each spokesperson's member ("Bremen"), as the form
// beside it offers them; before, it showed the abbreviation ("HB").
func TestReportsOverviewNamesTheMembers(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 49, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	_, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/49/reporting-fachmk", nil)
	table := between(page, "<h2>Stand der Berichte</h2>", "</table>")
	if !strings.Contains(table, `Sprecher:in: </span>Bremen</td>`) || strings.Contains(table, `</span>HB</td>`) {
		t.Errorf("the overview of the reports:\n%s", table)
	}
}
