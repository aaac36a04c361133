package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestConferenceOutcomesThroughThePages: the FMK's secretariat and its
// spokesperson record what the conference decided at its sessions; the
// IT-PLR's internal readers and the FMK's secretariat read it, another
// conference's secretariat and the public do not; a refused form shows
// again as typed with the reason at its field; the spokesperson finds the
// outcomes on "Mein Bereich" and takes them into the report under
// "Reporting FachMK", whose confidential passage stays blacked out once
// the agenda is public.
func TestConferenceOutcomesThroughThePages(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	amk, _ := st.BodyByAbbrev(ctx, "AMK")
	hash, _ := auth.HashPassword(demo.AccountPassword)
	if _, err := st.CreateUser(ctx, model.User{Username: "amk", Name: "Geschäftsstelle AMK", Role: model.RoleFachMK, ConferenceID: amk.ID}, hash); err != nil {
		t.Fatal(err)
	}
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	yesterday := model.BerlinDate(time.Now().AddDate(0, 0, -1))
	fmk, hb, gs := client(t, ts, "fmk-geschaeftsstelle"), client(t, ts, "sprecher-hb"), client(t, ts, "geschaeftsstelle")

	outcome := url.Values{"datum": {yesterday.String()}, "sitzung": {"Herbstkonferenz"}, "nummer": {"TOP 9"},
		"titel": {"E-Rechnung in allen Landesverwaltungen"}, "text": {"Die FMK bittet um einen Bericht.\n[[Kosten: 12 Mio. EUR]]"}}
	if code, body := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/ergebnisse", outcome); code != http.StatusSeeOther {
		t.Fatalf("the FMK's secretariat records: %d %s", code, body)
	}
	// Who reads them.
	for who, sees := range map[string]bool{"fmk-geschaeftsstelle": true, "sprecher-hb": true, "geschaeftsstelle": true, "hessen": true, "amk": false, "": false} {
		_, page := do(t, client(t, ts, who), "GET", ts.URL+"/fachmk/FMK", nil)
		if got := strings.Contains(page, "E-Rechnung in allen Landesverwaltungen"); got != sees {
			t.Errorf("%q reads the FMK's outcome: %v, want %v", who, got, sees)
		}
		if strings.Contains(page, "Kosten: 12 Mio") != sees {
			t.Errorf("%q and the confidential passage: want %v", who, sees)
		}
	}
	// Only for its own conference; a session still to come is refused at
	// the date, the form open as typed.
	if code, _ := do(t, fmk, "POST", ts.URL+"/fachmk/UMK/ergebnisse", outcome); code != http.StatusForbidden {
		t.Errorf("the FMK's secretariat records for the UMK: %d", code)
	}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/fachmk/FMK/ergebnisse", outcome); code != http.StatusForbidden {
		t.Errorf("a member's office records: %d", code)
	}
	early := url.Values{"datum": {model.BerlinDate(time.Now().AddDate(0, 0, 3)).String()}, "titel": {"Vorab getippt"}}
	code, page := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/ergebnisse", early)
	if code != http.StatusUnprocessableEntity || !regexp.MustCompile(`<details id="ergebnis-neu" open>`).MatchString(page) ||
		!strings.Contains(page, `value="Vorab getippt"`) || !strings.Contains(page, `id="ergebnis-neu-datum" name="datum" type="date" required value="`+early.Get("datum")+`" aria-invalid="true"`) ||
		!strings.Contains(page, "hat noch nicht stattgefunden") {
		t.Errorf("a session to come: %d, form not shown again as typed with the reason at the date:\n%s", code, between(page, `id="ergebnisse"`, "</main>"))
	}
	// The spokesperson records for the conferences they speak for.
	jfmk := url.Values{"datum": {yesterday.String()}, "titel": {"Digitale Kinder- und Jugendhilfe"}}
	if code, body := do(t, hb, "POST", ts.URL+"/fachmk/JFMK/ergebnisse", jfmk); code != http.StatusSeeOther {
		t.Errorf("the spokesperson records for the JFMK: %d %s", code, body)
	}
	if code, _ := do(t, hb, "POST", ts.URL+"/fachmk/UMK/ergebnisse", jfmk); code != http.StatusUnprocessableEntity {
		t.Errorf("the spokesperson records for the UMK, which HB does not speak for: %d", code)
	}
	// A correction needs the version read.
	all, err := st.ConferenceOutcomes(ctx, mustBodyAbbrev(t, st, "FMK").ID, model.Date{}, 0)
	var os []model.ConferenceOutcome // the one recorded above (the demo has another)
	for _, o := range all {
		if o.Title == "E-Rechnung in allen Landesverwaltungen" {
			os = append(os, o)
		}
	}
	if err != nil || len(os) != 1 {
		t.Fatalf("the FMK's outcomes: %v %+v", err, all)
	}
	fix := url.Values{"version": {fmt.Sprint(os[0].Version)}, "datum": {yesterday.String()}, "sitzung": {os[0].Meeting}, "nummer": {os[0].Reference}, "titel": {"E-Rechnung: Bericht erbeten"}, "text": {editableMarks(os[0].Text)}}
	path := fmt.Sprintf("%s/fachmk/FMK/ergebnisse/%d", ts.URL, os[0].ID)
	if code, body := do(t, hb, "POST", path, fix); code != http.StatusSeeOther {
		t.Fatalf("correction: %d %s", code, body)
	}
	if code, page := do(t, hb, "POST", path, fix); code != http.StatusConflict || !strings.Contains(page, fmt.Sprintf(`<details id="berichtigung-%d" open>`, os[0].ID)) {
		t.Errorf("a correction on a stale version: %d, form not open", code)
	}

	// Mein Bereich: the spokesperson's conference card and the FMK's own page.
	if _, page := do(t, hb, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, "E-Rechnung: Bericht erbeten") || !strings.Contains(page, "Digitale Kinder- und Jugendhilfe") {
		t.Error("the spokesperson's Mein Bereich lacks the outcomes of their conferences")
	}
	if _, page := do(t, fmk, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, "E-Rechnung: Bericht erbeten") || strings.Contains(page, "Digitale Kinder- und Jugendhilfe") {
		t.Error("the FMK's Mein Bereich: its own outcome missing, or the JFMK's shown")
	}

	// Reporting FachMK: offered, taken into the report as a draft, saved.
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/reporting-fachmk", nil); !strings.Contains(page, "E-Rechnung: Bericht erbeten") {
		t.Error("the secretariat's reporting page lacks the outcomes since the last session")
	}
	_, page = do(t, hb, "GET", ts.URL+"/sitzungen/48/reporting-fachmk?vorlage=FMK", nil)
	draft := regexp.MustCompile(`(?s)<textarea id="bericht-FMK-bericht" name="bericht"[^>]*>(.*?)</textarea>`).FindStringSubmatch(page)
	if draft == nil || !strings.Contains(draft[1], "TOP 9: E-Rechnung: Bericht erbeten") || !strings.Contains(draft[1], "[[Kosten: 12 Mio. EUR]]") {
		t.Fatalf("the report's draft from the outcomes: %q", draft)
	}
	report := strings.ReplaceAll(draft[1], "&#43;", "+")
	if code, body := do(t, hb, "POST", ts.URL+"/sitzungen/48/reporting-fachmk", url.Values{"fachmk": {"FMK"}, "bericht": {report}, "version": {"0"}}); code != http.StatusSeeOther {
		t.Fatalf("save the report: %d %s", code, body)
	}
	se, _ = st.Session(ctx, se.ID)
	if code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", url.Values{"version": {fmt.Sprint(se.Version)}, "ohne_nummer": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("publish the agenda: %d", code)
	}
	if _, page := do(t, client(t, ts, ""), "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(page, "E-Rechnung: Bericht erbeten") || strings.Contains(page, "12 Mio") {
		t.Error("the public agenda: the report from the outcome missing, or its confidential passage shown")
	}
}

// TestFachMKFooterSaysWhatItSees: the footer told a FachMK secretariat
// "Öffentliche Fassung: vertrauliche Passagen sind geschwärzt" on the
// pages of its own conference's outcomes, which it reads with their
// confidential passages.
func TestFachMKFooterSaysWhatItSees(t *testing.T) {
	ts, _ := cycleServer(t)
	for _, tc := range []struct{ user, want string }{
		{"fmk", "Die Anliegen und Ergebnisse Ihrer Fachministerkonferenz sehen Sie vollständig"},
		{"", "Öffentliche Fassung: vertrauliche Passagen sind geschwärzt."},
		{"hessen", "Interne Ansicht"},
	} {
		_, page := do(t, client(t, ts, tc.user), "GET", ts.URL+"/fachmk", nil)
		if footer := between(page, `<footer class="site">`, "</footer>"); !strings.Contains(footer, tc.want) {
			t.Errorf("%q reads in the footer: %s", tc.user, footer)
		}
	}
}

// TestOutcomeNoticeSkipsTheRecorder: an outcome recorded through the page
// is announced to the Geschäftsstelle, not to the spokesperson who
// recorded it (the form passes the account on).
func TestOutcomeNoticeSkipsTheRecorder(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	subscribeByEmail(t, st, model.EventOutcomeRecorded, "geschaeftsstelle", "sprecher-hb")
	outcome := url.Values{"datum": {model.BerlinDate(time.Now().AddDate(0, 0, -1)).String()}, "titel": {"E-Rechnung in allen Landesverwaltungen"}, "text": {"Bericht erbeten."}}
	if code, body := do(t, client(t, ts, "sprecher-hb"), "POST", ts.URL+"/fachmk/FMK/ergebnisse", outcome); code != http.StatusSeeOther {
		t.Fatalf("HB records: %d %s", code, body)
	}
	list, _, err := st.Notifications(ctx, store.OutboxFilter{Event: model.EventOutcomeRecorded})
	if err != nil || len(list) != 1 || list[0].Recipient != "geschaeftsstelle@example.org" {
		t.Errorf("notices %+v %v, want one to the Geschäftsstelle", list, err)
	}
}
