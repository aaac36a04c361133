package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/pdftest"
)

// TestConferenceDatesReadAsOneSpan: a conference date over two days with
// times reads "20.05.2099, 10:00 Uhr bis 21.05.2099, 15:00 Uhr", not
// "… bis 21.05.2099 bis 15:00 Uhr"; one day with times reads "… 10:00 Uhr
// bis 15:00 Uhr" and a date whose end is its start names the day once.
func TestConferenceDatesReadAsOneSpan(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	for _, f := range []url.Values{
		{"titel": {"Frühjahrskonferenz 2099"}, "beginn": {"2099-05-20"}, "ende": {"2099-05-21"}, "von": {"10:00"}, "bis": {"15:00"}, "ort": {"Bremen"}},
		{"titel": {"Sondersitzung 2099"}, "beginn": {"2099-06-03"}, "von": {"09:30"}, "bis": {"12:00"}, "ort": {"Berlin"}},
		{"titel": {"Videokonferenz 2099"}, "beginn": {"2099-07-01"}, "ende": {"2099-07-01"}, "von": {"14:00"}, "bis": {"16:00"}},
	} {
		if code, body := do(t, gs, "POST", ts.URL+"/fachmk/FMK/termine", f); code != http.StatusSeeOther {
			t.Fatalf("add date %v: %d %s", f, code, body)
		}
	}
	_, page := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/FMK", nil)
	for _, want := range []string{
		"20.05.2099, 10:00 Uhr bis 21.05.2099, 15:00 Uhr: Frühjahrskonferenz 2099, Bremen",
		"03.06.2099, 09:30 Uhr bis 12:00 Uhr: Sondersitzung 2099, Berlin",
		"01.07.2099, 14:00 Uhr bis 16:00 Uhr: Videokonferenz 2099",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("FachMK page lacks %q:\n%s", want, between(page, "Anstehende Sitzungstermine", "</ul>"))
		}
	}
}

// TestPageBeyondTheLastSaysSo: a page of the register or of the search
// hits after the last one (an old link, a hand-edited address) said "6
// Beschlüsse" above nothing; it answers 404, says the list has fewer pages
// and links to the first page of the same selection.
func TestPageBeyondTheLastSaysSo(t *testing.T) {
	ts := demoServer(t)
	for _, c := range []struct{ path, first, text string }{
		{"/beschluesse?seite=2", `href="/beschluesse"`, "Beschlüsse auf 1 Seite"},
		{"/beschluesse?jahr=2025&seite=3", `href="/beschluesse?jahr=2025"`, "Beschlüsse auf 1 Seite"},
		{"/suche?q=Kooperation&seite=9", `href="/suche?q=Kooperation"`, "Treffer auf 1 Seite"},
	} {
		res, page := get(t, ts, c.path)
		main := between(page, "<main", "</main>")
		if res.StatusCode != http.StatusNotFound || !strings.Contains(main, c.first) || !strings.Contains(main, c.text) || !strings.Contains(main, "Zur ersten Seite") {
			t.Errorf("%s: %d, want 404 with %q, %q and a link to the first page:\n%s", c.path, res.StatusCode, c.text, c.first, main)
		}
		if p := wellFormedProblems(page); len(p) > 0 {
			t.Errorf("%s: %v", c.path, p)
		}
	}
	// A page that is no number from 1 on is refused, by the search as by
	// the register (the search gave its first page for seite=0 before).
	for _, path := range []string{"/suche?q=Kooperation&seite=0", "/suche?q=Kooperation&seite=x", "/suche?q=Kooperation&seite=101", "/beschluesse?seite=0"} {
		if res, page := get(t, ts, path); res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "Die Seite muss eine Zahl") {
			t.Errorf("%s: %d, want 400 naming the page", path, res.StatusCode)
		}
	}
	// The last page itself is still there.
	if res, _ := get(t, ts, "/beschluesse?seite=1"); res.StatusCode != http.StatusOK {
		t.Errorf("first page: %d", res.StatusCode)
	}
	if res, _ := get(t, ts, "/suche?q=Kooperation&seite=1"); res.StatusCode != http.StatusOK {
		t.Errorf("first page of hits: %d", res.StatusCode)
	}
}

// TestHomeLeadsAFachMKSecretariatToItsPages: a FachMK secretariat lands on
// the start page after login, which had no word of its conference and no
// way to its requests (Anliegen) but the foot of its conference's page; the
// start page now links its conference, its requests and the evaluation.
// The public start page has none of it.
func TestHomeLeadsAFachMKSecretariatToItsPages(t *testing.T) {
	ts, _ := cycleServer(t)
	_, page := do(t, client(t, ts, "fmk"), "GET", ts.URL+"/", nil)
	main := between(page, "<main", "</main>")
	// The card headings break between the parts of the compound
	// ("Fach-/minister-/konferenzen"), not where the card ends: at 1366 px
	// the four cards broke "Fachministerkonferen" / "z" where the browser
	// has no German hyphenation (headless chromium).
	for _, want := range []string{">Ihre Fach&shy;minister&shy;konferenz<", ">Fach&shy;minister&shy;konferenzen<", `href="/fachmk/FMK"`, `href="/anliegen"`, `href="/evaluation"`} {
		if !strings.Contains(main, want) {
			t.Errorf("start page of the FMK secretariat lacks %q:\n%s", want, main)
		}
	}
	if p := wellFormedProblems(page); len(p) > 0 {
		t.Errorf("start page: %v", p)
	}
	_, public := do(t, client(t, ts, ""), "GET", ts.URL+"/", nil)
	if strings.Contains(public, `id="h-eigene"`) || strings.Contains(public, `href="/anliegen"`) {
		t.Errorf("the public start page names a conference of its own or the requests:\n%s", between(public, "<main", "</main>"))
	}
}

// TestDecisionPageSaysTheMinutesAreADraft: a journalist citing a decision
// follows "Protokoll: öffentliche Fassung" — for the 47th session that is
// a draft, which the decision page did not say; the 46th's minutes are
// approved and are not called a draft.
func TestDecisionPageSaysTheMinutesAreADraft(t *testing.T) {
	ts := demoServer(t)
	for path, draft := range map[string]bool{"/beschluesse/B-2025/26-IT": true, "/beschluesse/B-2025/13-IT": false} {
		_, page := get(t, ts, path)
		row := between(page, "<dt>Protokoll</dt>", "</dd>")
		if row == "" {
			t.Fatalf("%s: no minutes row", path)
		}
		if got := strings.Contains(row, "Entwurf, noch nicht genehmigt"); got != draft {
			t.Errorf("%s: minutes row %q, draft mark %v, want %v", path, row, got, draft)
		}
	}
}

// TestHomeLinksTheOpenData: the JSON API, OParl, the Atom feed and the
// session calendar were linked from no page of the site (only the feed,
// as a <link> in the head); whoever reuses the data had to guess the
// addresses. The start page lists them.
func TestHomeLinksTheOpenData(t *testing.T) {
	ts := demoServer(t)
	_, page := get(t, ts, "/")
	main := between(page, "<main", "</main>")
	for _, want := range []string{">Offene Daten<", `href="/api/v1/openapi.json"`, `href="/oparl/v1"`, `href="/beschluesse.atom"`, `href="/sitzungen.ics"`} {
		if !strings.Contains(main, want) {
			t.Errorf("start page lacks %q", want)
		}
	}
	if p := wellFormedProblems(page); len(p) > 0 {
		t.Errorf("start page: %v", p)
	}
}

// TestRequestReadsAsGerman: a FachMK secretariat read its request on its
// conference page as "… – eingegangen 01.12.2026 über …, eingegangen" (the
// date and the state run together) and under the lower-case label
// "eingegangen"; it reads "eingegangen am … über …; Stand: eingegangen" and
// "Eingegangen am".
func TestRequestReadsAsGerman(t *testing.T) {
	ts, st := cycleServer(t)
	fmk := client(t, ts, "fmk")
	if code, _ := do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {"E-Rechnung in den Ländern"}, "text": {"Bitte um Befassung"}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d", code)
	}
	qs, err := st.Requests(t.Context(), 0)
	if err != nil || len(qs) == 0 {
		t.Fatalf("requests: %v %v", qs, err)
	}
	var id int64
	for _, q := range qs {
		if q.Title == "E-Rechnung in den Ländern" {
			id = q.ID
		}
	}
	_, conf := do(t, fmk, "GET", ts.URL+"/fachmk/FMK", nil)
	if row := between(conf, "E-Rechnung in den Ländern</strong></a>", "</li>"); !strings.Contains(row, "eingegangen am ") || !strings.HasSuffix(row, "; Stand: eingegangen") {
		t.Errorf("conference page: request row %q", row)
	}
	_, page := do(t, fmk, "GET", ts.URL+"/anliegen/"+strconv.FormatInt(id, 10), nil)
	if !strings.Contains(page, "<dt>Eingegangen am</dt>") {
		t.Errorf("request page lacks the label Eingegangen am:\n%s", between(page, "<dl", "</dl>"))
	}
	_, list := do(t, fmk, "GET", ts.URL+"/anliegen", nil)
	if !strings.Contains(list, `<th scope="col">Eingegangen am</th>`) {
		t.Errorf("request list lacks the column Eingegangen am")
	}
}

// TestOverdueFollowUpsSaySoEverywhere: the follow-up list said "offen,
// überfällig" of the demo's order to commission an institute by
// 31.08.2025, while the page of its decision and the page of its session
// said "(offen)" beside the same deadline. Every page that lists it says
// it is overdue; one without a deadline stays "(offen)".
func TestOverdueFollowUpsSaySoEverywhere(t *testing.T) {
	ts := demoServer(t)
	li := func(page, href string) string {
		i := strings.Index(page, `<li><a href="`+href+`"`)
		if i < 0 {
			return ""
		}
		return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(between(page[i:], "<li>", "</li>"), "")
	}
	for _, c := range []struct{ path, overdue, pending string }{
		{"/beschluesse/B-2025/27-IT", "/auftraege/nr/5", ""},
		{"/sitzungen/47", "/auftraege/nr/5", "/auftraege/nr/2"},
	} {
		_, page := get(t, ts, c.path)
		if got := li(page, c.overdue); !strings.Contains(got, "Frist: 31.08.2025") || !strings.Contains(got, "(offen, überfällig)") {
			t.Errorf("%s: the overdue follow-up reads %q, want its deadline and (offen, überfällig)", c.path, got)
		}
		if c.pending == "" {
			continue
		}
		if got := li(page, c.pending); !strings.Contains(got, "(offen)") {
			t.Errorf("%s: the follow-up without a deadline reads %q, want (offen)", c.path, got)
		}
	}
	if _, list := get(t, ts, "/auftraege"); !strings.Contains(list, "offen, überfällig") {
		t.Error("the follow-up list no longer says offen, überfällig")
	}
}

// TestSessionNumberIsCanonical: /sitzungen/047 and /sitzungen/+47 answered
// 200 with the page of the 47th session, a second address of the same
// page (a decision written /beschluesse/2025/026 and an OParl id with
// leading zeros are redirected). A session's pages are redirected to the
// address with its number as written everywhere, the query kept.
func TestSessionNumberIsCanonical(t *testing.T) {
	ts := demoServer(t)
	for path, want := range map[string]string{
		"/sitzungen/047":                                "/sitzungen/47",
		"/sitzungen/+47":                                "/sitzungen/47",
		"/sitzungen/047/protokoll":                      "/sitzungen/47/protokoll",
		"/sitzungen/0047/protokoll.pdf?herunterladen=1": "/sitzungen/47/protokoll.pdf?herunterladen=1",
	} {
		res, _ := get(t, ts, path)
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want 301 to %s", path, res.StatusCode, res.Header.Get("Location"), want)
		}
	}
	if res, _ := get(t, ts, "/sitzungen/47"); res.StatusCode != http.StatusOK {
		t.Errorf("GET /sitzungen/47: %d", res.StatusCode)
	}
}

// TestFollowUpCountOfAMember: a visitor's list of one member's follow-ups
// said "6 Aufträge für diese Auswahl" — the count of the whole list — above
// Hessen's none and above the Bund's two: the public's counts came from
// the kept counts of the whole list, which know no member. The count says
// what the list shows.
func TestFollowUpCountOfAMember(t *testing.T) {
	ts := demoServer(t)
	for _, path := range []string{"/auftraege?mitglied=HE", "/auftraege?mitglied=Bund", "/mitglieder/Bund/auftraege", "/mitglieder/FITKO/auftraege", "/auftraege"} {
		_, page := get(t, ts, path)
		cards := strings.Count(page, `<h2><a href="/auftraege/`)
		status := regexp.MustCompile(`<p role="status">(\d+) Auftr`).FindStringSubmatch(page)
		if status == nil {
			t.Errorf("%s: no count", path)
			continue
		}
		if n, _ := strconv.Atoi(status[1]); n != cards {
			t.Errorf("%s: the count says %s, the list shows %d", path, status[0], cards)
		}
	}
	// The PDF report of the selection counts the same ("6 Aufträge …
	// Der Bericht zeigt die ersten 0 Aufträge der Liste") and says which
	// selection it is: it read "Stand der Aufträge des IT-Planungsrats"
	// for a member's few as for all.
	res, pdf := get(t, ts, "/auftraege.pdf?mitglied=Bund&sitzung=47&status=offen")
	if text := pdftest.Words(t, []byte(pdf)); res.StatusCode != http.StatusOK || !strings.Contains(text, "2 Aufträge, davon 0 überfällig") || strings.Contains(text, "die ersten") ||
		!strings.Contains(text, "Auswahl: verantwortlich Bund, aus der 47. Sitzung, Stand offen") {
		t.Errorf("the Bund's report: %d\n%s", res.StatusCode, text)
	}
	_, pdf = get(t, ts, "/auftraege.pdf?mitglied=HE&status=ueberfaellig")
	if text := pdftest.Words(t, []byte(pdf)); !strings.Contains(text, "Auswahl: verantwortlich Hessen, Stand überfällig") {
		t.Errorf("Hessen's report:\n%s", text)
	}
	if _, pdf = get(t, ts, "/auftraege.pdf"); strings.Contains(pdftest.Text(t, []byte(pdf)), "Auswahl") {
		t.Error("the report of all follow-ups names a selection")
	}
}

// TestItemAcceptedOntoPublishedAgendaIsSearchable: a registration accepted
// after the agenda was published stood on the public agenda (session page,
// JSON API, OParl) but the search did not find it until some other change
// reindexed the session; the acceptance reindexes it, as every other
// change of a published agenda does.
func TestItemAcceptedOntoPublishedAgendaIsSearchable(t *testing.T) {
	ts, st := cycleServer(t)
	s48, item := planSession48(t, ts, st)
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", url.Values{"version": {strconv.Itoa(s48.Version)}, "ohne_nummer": {"ja"}}); code != http.StatusSeeOther {
		t.Fatalf("publish the agenda: %d %s", code, body)
	}
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, item.ID), url.Values{"entscheidung": {"annehmen"}, "version": {strconv.Itoa(item.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", code, body)
	}
	pub := client(t, ts, "")
	if _, page := do(t, pub, "GET", ts.URL+"/sitzungen/48", nil); !strings.Contains(page, "Hessischer Bericht") {
		t.Fatal("the accepted item is not on the public agenda")
	}
	if _, page := do(t, pub, "GET", ts.URL+"/suche?q=Hessischer+Bericht", nil); !strings.Contains(page, `href="/sitzungen/48#`+anchorFor(t, st, item.ID)+`"`) {
		t.Errorf("the search does not find the accepted item:\n%s", between(page, `role="status"`, "</main>"))
	}
}

// TestConferenceNamedOnce: a conference whose abbreviation is its name
// read "E-Justice-Rat (E-Justice-Rat)" as its page's heading and
// "E-Justice-Rat – E-Justice-Rat" in the register's FachMK filter.
func TestConferenceNamedOnce(t *testing.T) {
	ts := demoServer(t)
	_, page := get(t, ts, "/fachmk/E-Justice-Rat")
	if h1 := regexp.MustCompile(`<[^>]*>|\x{00AD}`).ReplaceAllString(between(page, "<h1>", "</h1>"), ""); h1 != "E-Justice-Rat" {
		t.Errorf("heading %q, want E-Justice-Rat", h1)
	}
	if _, page := get(t, ts, "/fachmk/FMK"); !strings.Contains(between(page, "<h1>", "</h1>"), "(FMK)") {
		t.Error("the FMK's heading lost its abbreviation")
	}
	_, register := get(t, ts, "/beschluesse")
	if strings.Contains(register, "E-Justice-Rat – E-Justice-Rat") || !strings.Contains(register, `<option value="FMK">FMK – Finanzministerkonferenz</option>`) {
		t.Errorf("the register's FachMK choices: %s", between(register, `id="f-fachmk"`, "</select>"))
	}
}

// TestHomeOffersTheSecretariatToPlanASession: the secretariat's start
// page said "Zurzeit ist keine Sitzung geplant." and offered no way to
// plan one (the button is on /sitzungen only). Whoever may plan sessions
// finds "Sitzung planen" in the card of upcoming sessions; a member office
// and a visitor do not.
func TestHomeOffersTheSecretariatToPlanASession(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	for user, want := range map[string]bool{"geschaeftsstelle": true, "hessen": false, "": false} {
		_, page := do(t, client(t, ts, user), "GET", ts.URL+"/", nil)
		card := between(page, `id="h-kommend"`, "</section>")
		if card == "" {
			t.Fatalf("%q: no card of upcoming sessions", user)
		}
		if got := strings.Contains(card, `<a href="/sitzungen/neu">Sitzung planen</a>`); got != want {
			t.Errorf("%q: planning link %v, want %v:\n%s", user, got, want, card)
		}
	}
}
