package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

func decisionID(t *testing.T, st *store.Store, seq int) int64 {
	t.Helper()
	itplr, _ := st.BodyByAbbrev(context.Background(), demo.CouncilAbbrev)
	d, err := st.DecisionByNumber(context.Background(), itplr.ID, model.DecisionNumber{Year: 2025, Seq: seq})
	if err != nil {
		t.Fatal(err)
	}
	return d.ID
}

func TestDecisionProfileAndDebrief(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	wmk, _ := st.BodyByAbbrev(ctx, "WMK")
	d26, d27 := decisionID(t, st, 26), decisionID(t, st, 27)
	he := client(t, ts, "hessen")
	// The profile page shows the proposals with their terms.
	_, page := do(t, he, "GET", fmt.Sprintf("%s/steckbrief/%d", ts.URL, d26), nil)
	if !strings.Contains(page, "Vorschläge aus dem Text") || !strings.Contains(page, "Steuerungsgruppe NOOTS") {
		t.Errorf("profile page of decision 26 incomplete")
	}
	// Hessen reports on item 12 (decision 27), not on item 08 (decision 26).
	form := url.Values{fmt.Sprintf("relevant_%d", fmk.ID): {"ja"}, fmt.Sprintf("grund_%d", fmk.ID): {"Finanzierung der EfA-Leistungen"}}
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, d26), form); code != http.StatusForbidden {
		t.Errorf("Hessen assessed decision 26: %d", code)
	}
	if code, body := do(t, he, "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, d27), url.Values{fmt.Sprintf("relevant_%d", fmk.ID): {"ja"}}); code != http.StatusBadRequest || !strings.Contains(body, "begründen") {
		t.Errorf("relevant without reason: %d", code)
	}
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, d27), form); code != http.StatusSeeOther {
		t.Fatalf("Hessen's profile of 27: %d", code)
	}
	gs := client(t, ts, "geschaeftsstelle")
	// The secretariat adds a term to the WMK profile; decision 26 gets the
	// WMK proposed with it.
	wmkTerms := "NOOTS:2\nRegistermodernisierung:2"
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/WMK", url.Values{"begriffe": {wmkTerms}, "profil": {wmk.TopicProfile}, "version": {fmt.Sprint(wmk.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("edit WMK terms: %d", code)
	}
	if _, page := do(t, gs, "GET", fmt.Sprintf("%s/steckbrief/%d", ts.URL, d26), nil); !strings.Contains(page, "Wirtschafts\u00administer\u00adkonferenz</strong> – Punktzahl 2: NOOTS") {
		t.Errorf("no WMK proposal from the new term")
	}
	form26 := url.Values{fmt.Sprintf("relevant_%d", wmk.ID): {"ja"}, fmt.Sprintf("grund_%d", wmk.ID): {"Registermodernisierung (NOOTS)"}}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, d26), form26); code != http.StatusSeeOther {
		t.Fatalf("secretariat's profile of 26: %d", code)
	}
	// Saving taught the profiles: the proposal shows the learned weight.
	if _, page := do(t, gs, "GET", fmt.Sprintf("%s/steckbrief/%d", ts.URL, d26), nil); !strings.Contains(page, "Punktzahl 2,5: NOOTS (gelerntes Gewicht 2,5 statt 2)") {
		t.Errorf("no learned weight on the profile page after the assessment")
	}
	if code, _ := do(t, client(t, ts, "fmk"), "GET", fmt.Sprintf("%s/steckbrief/%d", ts.URL, d26), nil); code != http.StatusForbidden {
		t.Errorf("a FachMK secretariat sees the internal profile: %d", code)
	}

	// The debrief pack of the 47th session: relevant decisions per FachMK with presenters.
	_, pack := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	for _, want := range []string{"Finanzministerkonferenz", "B-2025/27-IT", `value="HE"`, "Wirtschaftsministerkonferenz", "B-2025/26-IT", `value="HH"`, "Nachbesprechung der 47. Sitzung"} {
		if !strings.Contains(pack, want) {
			t.Errorf("debrief pack lacks %q", want)
		}
	}
	if strings.Contains(pack, "B-2025/30-IT") {
		t.Error("a decision without relevance is in the pack")
	}
	for _, p := range wellFormedProblems(pack) {
		t.Errorf("debrief page: %s", p)
	}
	save := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}, "aufnehmen_1": {"1"}, "vorstellung_1": {"HE"}}
	if code, _ := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", save); code != http.StatusSeeOther {
		t.Fatalf("save debrief: %d", code)
	}
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil || len(db.Entries) != 2 || db.HeldOn != model.NewDate(2025, 7, 10) {
		t.Fatalf("saved debrief = %+v %v", db, err)
	}
	checkDebriefDelivery(t, ts, st, gs, db)
	res, pdf := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung.pdf", nil)
	if res != http.StatusOK || !strings.HasPrefix(pdf, "%PDF-") {
		t.Errorf("debrief PDF: %d", res)
	}
	// Bayern presents nothing of the 47th session (Hessen does, and reads
	// its debrief: debrief_presenter_test.go).
	if code, _ := do(t, client(t, ts, "bayern"), "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil); code != http.StatusForbidden {
		t.Errorf("a member opened the debrief: %d", code)
	}
}

func mustBody(t *testing.T, st *store.Store) model.Body {
	t.Helper()
	b, err := st.BodyByAbbrev(context.Background(), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSpokespersonsInTheBrowserPages(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	for _, bad := range []struct {
		form url.Values
		msg  string
	}{
		{url.Values{"mitglied": {"HE"}, "person": {"Stefan Sauer"}, "beschluss": {"per Zuruf"}}, "per Beschluss vergeben"},
		{url.Values{"mitglied": {"DLT"}, "beschluss": {"B-2025/31-IT"}}, "Mitglied des IT-Planungsrats"},
	} {
		if code, body := do(t, gs, "POST", ts.URL+"/fachmk/AMK/sprecher", bad.form); code != http.StatusUnprocessableEntity || !strings.Contains(body, bad.msg) {
			t.Errorf("assignment %v: %d", bad.form, code)
		}
	}
	// The decision must be in the register (B-2025/31-IT is not).
	if code, body := do(t, gs, "POST", ts.URL+"/fachmk/AMK/sprecher", url.Values{"mitglied": {"MV"}, "beschluss": {"B-2025/31-IT"}, "sitzung": {"47"}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "nicht im Beschlussregister") {
		t.Errorf("assignment citing a decision not in the register: %d", code)
	}
	// The session must be the decision's (B-2025/26-IT was taken in the
	// 47th): before, "999" was stored, and the resignation, effective with
	// a later session, could never be recorded.
	for _, session := range []string{"999", "46"} {
		code, body := do(t, gs, "POST", ts.URL+"/fachmk/AMK/sprecher", url.Values{"mitglied": {"MV"}, "person": {"Ina-Maria Ulbrich"}, "beschluss": {"B-2025/26-IT"}, "sitzung": {session}})
		if code != http.StatusBadRequest || !strings.Contains(body, "wurde in der 47. Sitzung gefasst, nicht in der "+session+". Sitzung") || !strings.Contains(body, `id="sp-sitzung-fehler"`) {
			t.Errorf("assignment in session %s: %d", session, code)
		}
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/AMK/sprecher", url.Values{"mitglied": {"MV"}, "person": {"Ina-Maria Ulbrich"}, "beschluss": {"B-2025/26-IT"}, "sitzung": {"47"}}); code != http.StatusSeeOther {
		t.Fatalf("assign AMK: %d", code)
	}
	_, overview := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk", nil)
	i := strings.Index(overview, "Agrarministerkonferenz")
	if i < 0 || strings.Contains(overview[i:i+400], "vakant") || !strings.Contains(overview[i:i+600], "Ina-Maria Ulbrich") {
		t.Error("AMK still vacant after the assignment")
	}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/fachmk/AMK/sprecher", url.Values{"mitglied": {"HE"}, "beschluss": {"B-2025/31-IT"}}); code != http.StatusForbidden {
		t.Errorf("a member assigned a spokesperson: %d", code)
	}
	// Resignation: announced now, effective with the next regular session
	// — one that exists: without a planned session it is refused rather
	// than given a number that does not exist (before, "48" was invented).
	amk, _ := st.BodyByAbbrev(context.Background(), "AMK")
	as, _ := st.Assignments(context.Background(), amk.ID)
	// The button asks first: one click announced it, and it cannot be
	// taken back. The confirmation page says so and carries the version.
	first := url.Values{"version": {fmt.Sprint(as[0].Version)}}
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/sprecher/%d/ruecktritt", ts.URL, as[0].ID), first); code != http.StatusOK ||
		!strings.Contains(body, "kann nicht zurückgenommen werden") || !strings.Contains(body, `name="bestaetigt" value="ja"`) || !strings.Contains(body, fmt.Sprintf(`name="version" value="%d"`, as[0].Version)) {
		t.Errorf("the resignation's first click: %d, no confirmation page", code)
	}
	if a, _ := st.Assignment(context.Background(), as[0].ID); a.EndsWithSession != 0 {
		t.Fatal("the first click announced the resignation")
	}
	resign := url.Values{"version": {fmt.Sprint(as[0].Version)}, "bestaetigt": {"ja"}}
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/sprecher/%d/ruecktritt", ts.URL, as[0].ID), resign); code != http.StatusUnprocessableEntity || !strings.Contains(body, "keine nächste ordentliche Sitzung geplant") {
		t.Errorf("resignation without a planned session: %d", code)
	}
	itplr, _ := st.BodyByAbbrev(context.Background(), demo.CouncilAbbrev)
	if _, err := st.CreateSession(context.Background(), model.Session{BodyID: itplr.ID, Number: 48, Status: model.StatusPlanned, Kind: model.SessionSpecial, Applicants: []string{"Bund"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateSession(context.Background(), model.Session{BodyID: itplr.ID, Number: 49, Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/sprecher/%d/ruecktritt", ts.URL, as[0].ID), resign); code != http.StatusSeeOther {
		t.Fatalf("resignation: %d", code)
	}
	// The 48th is a special session: the resignation takes effect with the
	// 49th, the next regular one.
	if _, page := do(t, gs, "GET", ts.URL+"/fachmk/AMK", nil); !strings.Contains(page, "endet mit der 49. Sitzung") {
		t.Error("the resignation is not shown as ending with the 49th session")
	}
	// Exports.
	res, err := http.Get(ts.URL + "/fachmk/sprecher.csv")
	if err != nil {
		t.Fatal(err)
	}
	b := new(strings.Builder)
	fmt.Fprint(b, readAll(res))
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !strings.Contains(b.String(), "FachMK;Mitglied;Sprecher:in") || !strings.Contains(b.String(), "Finanzministerkonferenz;Bremen;Dr. Martin Hagen") {
		t.Errorf("CSV: %s", b.String()[:min(200, b.Len())])
	}
	if _, pdf := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/sprecher.pdf", nil); !strings.HasPrefix(pdf, "%PDF-") {
		t.Error("PDF overview")
	}
}

func readAll(res *http.Response) string {
	defer res.Body.Close()
	b := new(strings.Builder)
	buf := make([]byte, 4096)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}

func TestConferenceCalendarAndProfile(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/FMK/termine", url.Values{"titel": {"Frühjahrssitzung"}, "beginn": {"2099-05-20"}, "ende": {"2099-05-21"}, "ort": {"Bremen"}}); code != http.StatusSeeOther {
		t.Fatalf("add date: %d", code)
	}
	// A refused date shows the page again, the form open with what was
	// typed and the reason (before: an error page that lost title and
	// place).
	for _, c := range []struct {
		form   url.Values
		reason string
	}{
		{url.Values{"titel": {"Herbstkonferenz in Bremen"}, "beginn": {"2099-05-20"}, "ende": {"2099-05-01"}, "ort": {"Bremen, Rathaus"}}, "Das Ende liegt vor dem Beginn."},
		{url.Values{"titel": {"Herbstkonferenz in Bremen"}, "beginn": {"2099-05-20"}, "bis": {"15:00"}, "ort": {"Bremen, Rathaus"}}, "Eine Endzeit braucht eine Anfangszeit."},
	} {
		code, page := do(t, gs, "POST", ts.URL+"/fachmk/FMK/termine", c.form)
		if code != http.StatusBadRequest || !strings.Contains(page, c.reason) {
			t.Errorf("%s: %d", c.reason, code)
		}
		for _, want := range []string{`<details id="termin-eintragen" open>`, `value="Herbstkonferenz in Bremen"`, `value="Bremen, Rathaus"`, `value="2099-05-20"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the form does not hold %s", c.reason, want)
			}
		}
	}
	_, feed := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/FMK/termine.ics", nil)
	if !strings.Contains(feed, "SUMMARY:Finanzministerkonferenz: Frühjahrssitzung") || !strings.Contains(feed, "DTSTART;VALUE=DATE:20990520") {
		t.Errorf("feed:\n%s", feed)
	}
	// Import an iCalendar file for the JFMK.
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//DE\r\nBEGIN:VEVENT\r\nUID:jfmk-2099@test\r\nDTSTAMP:20250101T000000Z\r\nSUMMARY:JFMK Hauptkonferenz\r\nDTSTART;VALUE=DATE:20990612\r\nDTEND;VALUE=DATE:20990614\r\nLOCATION:Bremerhaven\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	// The third round is the same file after the JFMK moved its session
	// by a day: the known date takes the new one (before, the import said
	// "0 Termine übernommen, 1 waren schon erfasst" and kept the old date).
	moved := strings.NewReplacer("20990612", "20990611", "20990614", "20990613", "Bremerhaven", "Bremen").Replace(ics)
	for round, c := range []struct{ ics, want string }{
		{ics, "1 Termine übernommen, 0 geändert, 0 waren schon erfasst"},
		{ics, "0 Termine übernommen, 0 geändert, 1 waren schon erfasst"},
		{moved, "0 Termine übernommen, 1 geändert, 0 waren schon erfasst"},
	} {
		want := c.want
		var body strings.Builder
		mw := multipartWriter(&body, map[string]string{"fachmk": "JFMK"}, "datei", "jfmk.ics", c.ics)
		req, _ := http.NewRequest("POST", ts.URL+"/fachmk/termine/import", strings.NewReader(body.String()))
		req.Header.Set("Content-Type", mw)
		res, err := gs.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || loc != "/fachmk/JFMK" {
			t.Errorf("import round %d: %d %s", round, res.StatusCode, loc)
		}
		// The notice is on the page the browser is sent to.
		if _, page := do(t, gs, "GET", ts.URL+loc, nil); !strings.Contains(page, want) {
			t.Errorf("import round %d: notice %q not on the page", round, want)
		}
	}
	// The spokesperson for FMK and JFMK (HB) sees the dates on their page.
	_, mine := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil)
	for _, want := range []string{"Finanzministerkonferenz", "20.05.2099", "Jugend- und Familienministerkonferenz", "11.06.2099 bis 12.06.2099: JFMK Hauptkonferenz, Bremen", "Vorstellung wichtiger IT-PLR-Beschlüsse"} {
		if !strings.Contains(mine, want) {
			t.Errorf("Mein Bereich lacks %q", want)
		}
	}
	if strings.Contains(mine, "12.06.2099 bis 13.06.2099") {
		t.Error("Mein Bereich still shows the JFMK's date before it moved")
	}
	// Editing the profile: terms with weights.
	_, page := do(t, gs, "GET", ts.URL+"/fachmk/UMK", nil)
	version := between(page, `name="version" value="`, `"`)
	if code, body := do(t, gs, "POST", ts.URL+"/fachmk/UMK", url.Values{"version": {version}, "begriffe": {"Hochwasser:viel"}}); code != http.StatusBadRequest || !strings.Contains(body, "positive Zahl") {
		t.Errorf("bad weight: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/UMK", url.Values{"version": {version}, "begriffe": {"Hochwasser:2\nKlima"}, "profil": {"Klima und Umwelt"}}); code != http.StatusSeeOther {
		t.Fatalf("edit profile: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/UMK", url.Values{"version": {version}, "begriffe": {"Klima"}}); code != http.StatusConflict {
		t.Errorf("stale profile edit: %d", code)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/UMK/kontakte", url.Values{"name": {"Geschäftsstelle UMK"}, "email": {"gs-umk@example.org"}}); code != http.StatusSeeOther {
		t.Errorf("add contact: %d", code)
	}
}

func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	return s[:strings.Index(s, end)]
}

// TestDebriefKeepsStatedConference: a profile that assesses one conference
// does not drop another the registration states as affected. Before, any
// assessment replaced the whole statement: Hessen marked the DMK relevant
// for B-2025/27-IT and the FMK, named in the registration and never
// assessed, vanished from the debrief pack and from its spokesperson's area.
func TestDebriefKeepsStatedConference(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	dmk, _ := st.BodyByAbbrev(ctx, "DMK")
	form := url.Values{fmt.Sprintf("relevant_%d", dmk.ID): {"ja"}, fmt.Sprintf("grund_%d", dmk.ID): {"Digitalisierung der Verfahren"}}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, decisionID(t, st, 27)), form); code != http.StatusSeeOther {
		t.Fatalf("Hessen's profile of 27: %d", code)
	}
	_, pack := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil)
	for _, want := range []string{"B-2025/27-IT für Digitalministerkonferenz aufnehmen", "B-2025/27-IT für Finanzministerkonferenz aufnehmen"} {
		if !strings.Contains(pack, want) {
			t.Errorf("debrief pack lacks %q", want)
		}
	}
	_, mine := do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/mein-bereich", nil)
	if !strings.Contains(mine, "relevant für die Finanzministerkonferenz ("+store.ImpactReason+")") {
		t.Error("the FMK's spokesperson does not see B-2025/27-IT")
	}
}

// TestConferenceFormsKeepInput: every form of a conference's page that
// gremium refuses shows the page again with that form open, filled in as
// typed, and the reason. Before, the profile (with its hundred keywords),
// the contact, the spokesperson assignment and the earlier decision went
// to an error page that lost everything typed; a profile saved over
// someone else's change lost it with "Bitte … übertragen Sie Ihre Änderung
// erneut".
func TestConferenceFormsKeepInput(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	fmk, err := st.BodyByAbbrev(context.Background(), "FMK")
	if err != nil {
		t.Fatal(err)
	}
	version := fmt.Sprint(fmk.Version)
	for _, c := range []struct {
		name, path, form string
		values           url.Values
		status           int
		reason           string
		want             []string
	}{
		{"profile, bad weight", "/fachmk/FMK", "profil",
			url.Values{"version": {version}, "vorsitz": {"Sachsen (2027)"}, "profil": {"Neues Themenprofil der Finanzministerkonferenz"}, "begriffe": {"Grundsteuer:2\nSteuer:abc"}, "hinweise": {"Hinweis zur Sitzung"}},
			http.StatusBadRequest, "das Gewicht muss eine positive Zahl sein",
			[]string{`value="Sachsen (2027)"`, ">Neues Themenprofil der Finanzministerkonferenz</textarea>", ">Grundsteuer:2\nSteuer:abc</textarea>", ">Hinweis zur Sitzung</textarea>"}},
		// The profile is public: a passage marked confidential would be
		// published as typed.
		{"profile, confidential marks", "/fachmk/FMK", "profil",
			url.Values{"version": {version}, "vorsitz": {"Sachsen (2027)"}, "profil": {"Grundsteuer [[Streit mit dem Bund]]"}, "hinweise": {"Hinweis"}},
			http.StatusBadRequest, "Das Themenprofil ist öffentlich; vertrauliche Passagen ([[…]]) gibt es hier nicht.",
			[]string{`value="Sachsen (2027)"`, ">Grundsteuer [[Streit mit dem Bund]]</textarea>"}},
		{"contact, bad address", "/fachmk/FMK/kontakte", "kontakt",
			url.Values{"name": {"Dr. Anna Lang"}, "rolle": {"Referentin"}, "email": {"anna.lang.fmk.example"}, "telefon": {"030 1234"}},
			http.StatusBadRequest, "Die E-Mail-Adresse ist ungültig.",
			[]string{`value="Dr. Anna Lang"`, `value="Referentin"`, `value="anna.lang.fmk.example"`, `value="030 1234"`}},
		{"spokesperson, unknown member", "/fachmk/FMK/sprecher", "sprecher",
			url.Values{"mitglied": {"XX"}, "person": {"Dr. Jana Neu"}, "funktion": {"Staatssekretärin"}, "beschluss": {"B-2025/31-IT"}, "sitzung": {"48"}},
			http.StatusBadRequest, "kein erfasstes Mitglied",
			[]string{`value="Dr. Jana Neu"`, `value="Staatssekretärin"`, `value="B-2025/31-IT"`, `value="48"`}},
		{"earlier decision, bad number", "/fachmk/fruehere-beschluesse", "fruehere",
			url.Values{"fachmk": {"FMK"}, "nummer": {"2022-43"}, "datum": {"2022-10-20"}, "titel": {"Ernennung der Sprecher:innen"}, "hinweis": {"Umlaufverfahren"}},
			http.StatusBadRequest, "Bitte die Nummer des Beschlusses angeben",
			[]string{`value="2022-43"`, `value="2022-10-20"`, `value="Ernennung der Sprecher:innen"`, `value="Umlaufverfahren"`}},
	} {
		code, page := do(t, gs, "POST", ts.URL+c.path, c.values)
		if code != c.status || !strings.Contains(page, c.reason) {
			t.Errorf("%s: %d, reason %q shown: %v", c.name, code, c.reason, strings.Contains(page, c.reason))
		}
		// The box at the top links the reason to its field in the form.
		if box := between(page, `id="`+c.form+`-fehler"`, "</div>"); !strings.Contains(box, `<a href="#`) {
			t.Errorf("%s: the box at the top does not lead to the form's field: %q", c.name, box)
		}
		for _, want := range append(c.want, `<details id="`+c.form+`" open>`) {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page does not hold %q", c.name, want)
			}
		}
		for _, p := range wellFormedProblems(page) {
			t.Errorf("%s: %s", c.name, p)
		}
	}
	// Someone else saves the profile first: the page shows their state,
	// the form what was typed, with the current version to save again.
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/FMK", url.Values{"version": {version}, "profil": {"Erste Fassung"}, "begriffe": {"Steuer:2"}}); code != http.StatusSeeOther {
		t.Fatalf("first save: %d", code)
	}
	code, page := do(t, gs, "POST", ts.URL+"/fachmk/FMK", url.Values{"version": {version}, "profil": {"Zweite Fassung, lang getippt"}, "begriffe": {"Haushalt:2"}})
	if code != http.StatusConflict || !strings.Contains(page, "Erste Fassung") || !strings.Contains(page, ">Zweite Fassung, lang getippt</textarea>") || !strings.Contains(page, ">Haushalt:2</textarea>") {
		t.Errorf("conflict: %d, the typed profile is lost", code)
	}
	fresh, _ := st.BodyByAbbrev(context.Background(), "FMK")
	if !strings.Contains(page, fmt.Sprintf(`name="version" value="%d"`, fresh.Version)) {
		t.Errorf("conflict: the form does not carry the current version %d", fresh.Version)
	}
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/fruehere-beschluesse", url.Values{"fachmk": {"FMK"}, "nummer": {"B-2021/12-IT"}, "datum": {"2021-10-20"}}); code != http.StatusSeeOther {
		t.Errorf("earlier decision: %d", code)
	}
}

// TestFachMKSecretariatKeepsItsConference: a FachMK's own secretariat
// keeps its profile, contacts and dates (the task brief: "keep the
// conference's profile and dates"); before, every one of these forms was
// the Geschäftsstelle's alone (403), and the FMK had to send its dates to
// FITKO. Another conference's page and the spokesperson assignment stay
// closed to it.
func TestFachMKSecretariatKeepsItsConference(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	own := client(t, ts, "fmk")
	_, page := do(t, own, "GET", ts.URL+"/fachmk/FMK", nil)
	for _, want := range []string{`<details id="profil"`, `<details id="kontakt"`, `<details id="termin-eintragen"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the FMK secretariat has no form %s on its page", want)
		}
	}
	if strings.Contains(page, `<details id="sprecher"`) {
		t.Error("the FMK secretariat gets the spokesperson form")
	}
	for _, c := range []struct {
		path   string
		values url.Values
	}{
		{"/fachmk/FMK/termine", url.Values{"titel": {"Sonderkonferenz"}, "beginn": {"2099-03-12"}, "ort": {"Berlin"}}},
		{"/fachmk/FMK/kontakte", url.Values{"name": {"Dr. Anna Lang"}, "rolle": {"Referentin"}, "email": {"lang@fmk.example"}}},
		{"/fachmk/FMK", url.Values{"version": {fmt.Sprint(fmk.Version)}, "vorsitz": {"Sachsen (2027)"}, "profil": {fmk.TopicProfile}, "begriffe": {"Grundsteuer:2"}}},
	} {
		if code, body := do(t, own, "POST", ts.URL+c.path, c.values); code != http.StatusSeeOther {
			t.Errorf("%s: %d %s", c.path, code, between(body, "<main", "</main>"))
		}
	}
	_, page = do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/FMK", nil)
	for _, want := range []string{"Sonderkonferenz", "Dr. Anna Lang", "Vorsitz: Sachsen (2027)"} {
		if !strings.Contains(page, want) {
			t.Errorf("the conference page lacks %q", want)
		}
	}
	_, other := do(t, own, "GET", ts.URL+"/fachmk/GMK", nil)
	if strings.Contains(other, `<details id="termin-eintragen"`) {
		t.Error("the FMK secretariat gets the forms of the GMK")
	}
	for _, c := range []struct {
		path   string
		values url.Values
	}{
		{"/fachmk/GMK/termine", url.Values{"beginn": {"2099-03-12"}}},
		{"/fachmk/GMK/kontakte", url.Values{"name": {"Jemand"}}},
		{"/fachmk/FMK/sprecher", url.Values{"mitglied": {"HB"}, "beschluss": {"B-2022/43-IT"}}},
		{"/fachmk/fruehere-beschluesse", url.Values{"fachmk": {"FMK"}, "nummer": {"B-2021/12-IT"}, "datum": {"2021-10-20"}}},
	} {
		if code, _ := do(t, own, "POST", ts.URL+c.path, c.values); code != http.StatusForbidden {
			t.Errorf("%s by the FMK secretariat: %d", c.path, code)
		}
	}
	if code, _ := do(t, client(t, ts, "sprecher-hb"), "POST", ts.URL+"/fachmk/FMK/termine", url.Values{"beginn": {"2099-03-13"}}); code != http.StatusForbidden {
		t.Errorf("a spokesperson enters a date: %d", code)
	}
}

// TestRefusedAssignmentLeavesNoPerson: the person typed into a refused
// spokesperson assignment is not created. Before, the handler created the
// person first and the assignment in a second transaction: a typo in the
// decision number left "Dr. Jana Neu" among the persons.
func TestRefusedAssignmentLeavesNoPerson(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	form := url.Values{"mitglied": {"HB"}, "person": {"Dr. Jana Neu"}, "funktion": {"Staatsrätin"}, "beschluss": {"B-2019/99-IT"}}
	if code, _ := do(t, gs, "POST", ts.URL+"/fachmk/GMK/sprecher", form); code == http.StatusSeeOther {
		t.Fatal("an assignment citing an unknown decision was accepted")
	}
	if _, err := st.PersonByName(ctx, "Dr. Jana Neu"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the refused assignment left its person behind: %v", err)
	}
	form.Set("beschluss", "B-2022/43-IT")
	if code, body := do(t, gs, "POST", ts.URL+"/fachmk/GMK/sprecher", form); code != http.StatusSeeOther {
		t.Fatalf("assignment: %d %s", code, between(body, "<main", "</main>"))
	}
	p, err := st.PersonByName(ctx, "Dr. Jana Neu")
	if err != nil || p.MemberAbbrev != "HB" || p.Function != "Staatsrätin" {
		t.Errorf("the assigned person: %+v %v", p, err)
	}
}

// TestContactFormSaysWhatIsPublished: the contact form of a FachMK told
// nothing of the public page that shows its entries; it says at the fields
// which are published (name, role, e-mail) and which not (telephone), and
// the public page shows no telephone number, while the conference's own
// secretariat sees the number it entered.
func TestContactFormSaysWhatIsPublished(t *testing.T) {
	ts, _ := cycleServer(t)
	fmk := client(t, ts, "fmk")
	_, page := do(t, fmk, "GET", ts.URL+"/fachmk/FMK", nil)
	form := between(page, `action="/fachmk/FMK/kontakte"`, "</form>")
	if !strings.Contains(form, "Hinweis zum Datenschutz") || !strings.Contains(form, "öffentlich angezeigt") || !strings.Contains(form, `aria-describedby="kt-hinweis"`) {
		t.Errorf("the contact form has no notice of publication:\n%s", form)
	}
	if code, _ := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/kontakte", url.Values{"name": {"Erika Muster"}, "rolle": {"Geschäftsstelle"}, "email": {"gs@fmk.example"}, "telefon": {"+49 30 1234-567"}}); code != http.StatusSeeOther {
		t.Fatalf("contact: %d", code)
	}
	_, public := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/FMK", nil)
	if !strings.Contains(public, "Erika Muster") || !strings.Contains(public, "gs@fmk.example") || strings.Contains(public, "1234-567") {
		t.Error("the public page does not show name and e-mail only")
	}
	if _, own := do(t, fmk, "GET", ts.URL+"/fachmk/FMK", nil); !strings.Contains(own, "1234-567") {
		t.Error("the conference's own secretariat does not see the number it entered")
	}
	if _, internal := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/fachmk/FMK", nil); !strings.Contains(internal, "1234-567") {
		t.Error("the secretariat does not see the number")
	}
}

// TestConferencePageFoldsItsTermsAndLinksItsDecisions: a conference page
// listed its some 150 relevance terms open before the contacts and dates
// (about 2,000 px at 320 px) and did not lead to the decisions stated as
// relevant for the conference. The terms are folded away, counted, and
// the page links the register filtered to the conference.
func TestConferencePageFoldsItsTermsAndLinksItsDecisions(t *testing.T) {
	ts, _ := cycleServer(t)
	_, page := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/FMK", nil)
	terms := between(page, `<details class="topic-terms">`, "</details>")
	if !strings.Contains(terms, "<summary>Stichworte (") || !strings.Contains(terms, "XRechnung") {
		t.Errorf("the terms are not folded away:\n%s", between(page, "<h2>Digitalthemen</h2>", "<h2"))
	}
	link := `<a href="/beschluesse?fachmk=FMK">Für diese Konferenz relevante Beschlüsse des IT-Planungsrats</a>`
	if !strings.Contains(page, link) {
		t.Fatalf("the page does not link the decisions relevant for the conference")
	}
	if _, reg := do(t, client(t, ts, ""), "GET", ts.URL+"/beschluesse?fachmk=FMK", nil); !strings.Contains(reg, "B-2025/27-IT") {
		t.Errorf("the linked register does not list the FMK's decision B-2025/27-IT")
	}
}

// TestContactCanBeRemoved: a contact person who has left is removed by the
// conference's keepers — from the public page and the JSON API — with an
// audit entry; not by another conference's secretariat, nor through
// another conference's address. A telephone number that is none ("abc")
// is refused at its field. Before, contacts could only be added: the
// public name and address of someone who had left stayed.
func TestContactCanBeRemoved(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	fmk := client(t, ts, "fmk-geschaeftsstelle")
	code, page := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/kontakte", url.Values{"name": {"Dr. Anna Lang"}, "rolle": {"Referentin"}, "email": {"anna.lang@fmk.example"}, "telefon": {"abc"}})
	if code != http.StatusBadRequest || !strings.Contains(page, "Die Telefonnummer besteht aus Ziffern") {
		t.Errorf("telephone abc: %d", code)
	}
	if code, _ := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/kontakte", url.Values{"name": {"Dr. Anna Lang"}, "rolle": {"Referentin"}, "email": {"anna.lang@fmk.example"}, "telefon": {"+49 30 1234-567"}}); code != http.StatusSeeOther {
		t.Fatalf("add: %d", code)
	}
	var id int64
	for _, c := range must(st.Contacts(ctx, fmkBody.ID)) {
		if c.Name == "Dr. Anna Lang" {
			id = c.ID
		}
	}
	if id == 0 {
		t.Fatal("the contact is not stored")
	}
	remove := fmt.Sprintf("/kontakte/%d/entfernen", id)
	if _, page := do(t, fmk, "GET", ts.URL+"/fachmk/FMK", nil); !strings.Contains(page, `action="/fachmk/FMK`+remove+`"`) {
		t.Error("the keeper's page offers no removal")
	}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/fachmk/FMK"+remove, nil); code != http.StatusForbidden {
		t.Errorf("a member office removes a contact: %d", code)
	}
	if code, _ := do(t, client(t, ts, "geschaeftsstelle"), "POST", ts.URL+"/fachmk/GMK"+remove, nil); code != http.StatusNotFound {
		t.Errorf("removed through another conference's address: %d", code)
	}
	// One stray click removes nothing: the first submit asks, naming the
	// contact; only the confirmed form removes it.
	code, page = do(t, fmk, "POST", ts.URL+"/fachmk/FMK"+remove, nil)
	if code != http.StatusOK || !strings.Contains(page, "Wollen Sie „Dr. Anna Lang“ als Ansprechperson der Finanzministerkonferenz entfernen?") ||
		!strings.Contains(page, `name="bestaetigt" value="ja"`) {
		t.Errorf("the removal's first submit: %d\n%s", code, between(page, "<main", "</main>"))
	}
	kept := false
	for _, c := range must(st.Contacts(ctx, fmkBody.ID)) {
		kept = kept || c.ID == id
	}
	if !kept {
		t.Error("the first submit removed the contact without confirmation")
	}
	if code, _ := do(t, fmk, "POST", ts.URL+"/fachmk/FMK"+remove, url.Values{"bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("remove: %d", code)
	}
	public := client(t, ts, "")
	for _, p := range []string{"/fachmk/FMK", "/api/v1/fachmk"} {
		if _, page := do(t, public, "GET", ts.URL+p, nil); strings.Contains(page, "Anna Lang") {
			t.Errorf("%s still names the removed contact", p)
		}
	}
	entries := must(st.AuditEntries(ctx, store.AuditFilter{Entity: "contact", EntityID: id}))
	if len(entries.Entries) == 0 || entries.Entries[0].Action != "remove" {
		t.Errorf("the removal has no audit entry: %+v", entries.Entries)
	}
}

// TestConferenceActedForIsNotVacant: a conference another body works with
// the IT-PLR for (the Justizministerkonferenz through the E-Justice-Rat,
// concept 2.2) is not listed as vacant on the overview and in its CSV,
// but as "über den E-Justice-Rat".
func TestConferenceActedForIsNotVacant(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	var jumiko, ejr model.Body
	bodies, _ := st.Bodies(ctx, model.BodyFachMK)
	for _, b := range bodies {
		if b.ActsForID != 0 {
			ejr = b
			jumiko, _ = st.Body(ctx, b.ActsForID)
		}
	}
	if ejr.ID == 0 {
		t.Fatal("the demo has no body acting for another")
	}
	_, page := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk", nil)
	i := strings.Index(page, ">"+jumiko.Name+"</a>")
	if i < 0 {
		t.Fatalf("the overview lacks %s", jumiko.Name)
	}
	row := page[i:min(len(page), i+800)]
	row = row[:strings.Index(row, "</tr>")]
	if strings.Contains(row, "vakant") || !strings.Contains(row, "über "+ejr.Accusative()) {
		t.Errorf("the %s's row: %s", jumiko.Abbrev, row)
	}
	_, csv := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/sprecher.csv", nil)
	if !strings.Contains(csv, jumiko.Name+";;;;;über "+ejr.Accusative()) {
		t.Errorf("the CSV's %s line: %s", jumiko.Abbrev, csv)
	}
}

// TestConferenceDateCorrections: the FMK's secretariat removes a date
// entered by mistake. The first submit asks, naming the date; only the
// confirmed form removes it, and it leaves the conference's page and the
// overview of dates. Another conference's secretariat cannot.
func TestConferenceDateCorrections(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	fmk := client(t, ts, "fmk-geschaeftsstelle")
	day := model.BerlinDate(time.Now().AddDate(0, 2, 0))
	if code, page := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/termine", url.Values{"titel": {"Sonderkonferenz"}, "beginn": {day.German()}, "ort": {"Berlin"}}); code != http.StatusSeeOther {
		t.Fatalf("entering the date: %d %s", code, between(page, "<main", "</main>"))
	}
	dates := must(st.ConferenceDates(ctx, fmkBody.ID, model.BerlinDate(time.Now())))
	if len(dates) == 0 {
		t.Fatal("the date is not stored")
	}
	d := dates[len(dates)-1]
	remove := fmt.Sprintf("%s/fachmk/FMK/termine/%d/entfernen", ts.URL, d.ID)
	if code, _ := do(t, client(t, ts, "hessen"), "POST", remove, url.Values{"bestaetigt": {"ja"}}); code != http.StatusForbidden {
		t.Errorf("a member office removes a date: %d", code)
	}
	code, page := do(t, fmk, "POST", remove, nil)
	want := fmt.Sprintf("Wollen Sie den Termin „%s“ am %s der Finanzministerkonferenz entfernen?", d.Title, d.Starts.German())
	if code != http.StatusOK || !strings.Contains(page, want) {
		t.Errorf("the removal's first submit: %d, want %q\n%s", code, want, between(page, "<main", "</main>"))
	}
	if len(must(st.ConferenceDates(ctx, fmkBody.ID, model.BerlinDate(time.Now())))) != len(dates) {
		t.Fatal("the first submit removed the date without confirmation")
	}
	if code, _ := do(t, fmk, "POST", remove, url.Values{"bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("remove: %d", code)
	}
	if len(must(st.ConferenceDates(ctx, fmkBody.ID, model.BerlinDate(time.Now())))) != len(dates)-1 {
		t.Error("the confirmed removal left the date")
	}
	if code, _ := do(t, fmk, "POST", remove, url.Values{"bestaetigt": {"ja"}}); code != http.StatusNotFound {
		t.Errorf("removing the removed date again: %d", code)
	}
}

// TestProfileReasonRefusesMarks: a reason in the decision profile is shown
// as typed (profile, "Mein Bereich"); a passage typed there as
// confidential is refused at its field, with the text kept — before it
// was stored and shown with its brackets.
func TestProfileReasonRefusesMarks(t *testing.T) {
	ts, st := debriefServer(t)
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	d27 := decisionID(t, st, 27)
	he := client(t, ts, "hessen")
	form := url.Values{fmt.Sprintf("relevant_%d", fmk.ID): {"ja"}, fmt.Sprintf("grund_%d", fmk.ID): {"Haushalt betroffen [[GEHEIM-STECKBRIEF]]"}}
	code, body := do(t, he, "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, d27), form)
	if code != http.StatusBadRequest || !strings.Contains(body, "vertrauliche Passagen") || !strings.Contains(body, "GEHEIM-STECKBRIEF") {
		t.Fatalf("a marked reason: %d %s", code, between(body, "<main", "</form>"))
	}
	if as, _ := st.Assessments(ctx, d27); len(as) != 0 {
		t.Errorf("the refused profile was stored: %+v", as)
	}
}
