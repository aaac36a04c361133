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

	"gremium/internal/model"
)

// summaryLinksResolve checks that every link of the box above a refused
// form (from box to the next "</div>") leads to an element of the page: a
// link to a form the page does not show leads nowhere.
func summaryLinksResolve(t *testing.T, page, box string) {
	t.Helper()
	b := between(page, box, "</div>")
	for _, m := range regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(b, -1) {
		if !strings.Contains(page, `id="`+m[1]+`"`) {
			t.Errorf("the box links to #%s, which the page does not have: %s", m[1], b)
		}
	}
}

// refusedTitle checks that the title of a page showing a refused form
// begins "Fehler: " and that the page loads the script that moves the
// focus to the box above the form (view.Refused).
func refusedTitle(t *testing.T, page string) {
	t.Helper()
	if title := between(page, "<title>", "</title>"); !strings.HasPrefix(title, "Fehler: ") {
		t.Errorf("the title of the refused form's page is %q, want the prefix „Fehler: “", title)
	}
	if !strings.Contains(page, `<script src="/static/refusal.js" defer></script>`) {
		t.Error("the refused form's page does not move the focus to its reasons")
	}
}

// TestErrorSummaryLinksEveryReason: the box above a refused form joined
// its reasons into one paragraph (the follow-up's report and edit, the
// notification settings, a new request (Anliegen), the FachMK's contact
// form, the checklist (checked in TestRefusedFormGivesEveryReasonAtItsField),
// a follow-up proposal) or offered only "Zum
// Formular": now, as the registration and the attendance do, every reason
// is a link to its field, which is marked invalid and described by it
// (WCAG 3.3.1). The report's "Die 99. Sitzung ist nicht erfasst" stood at
// the TOP's field, not the session's; a conflict said "das Formular Ihre
// Eingabe" twice; the recommendation's box linked to the form of an item
// the page no longer shows (it has a proposal by now).
func TestErrorSummaryLinksEveryReason(t *testing.T) {
	t.Run("follow-up report", func(t *testing.T) {
		hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
		f := demoFollowUp(t, st, "Matrix-Protokoll")
		form := url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"erledigt"}, "erledigt_am": {"31.02.2026"},
			"nachweis_sitzung": {"99"}, "nachweis_top": {"1"}, "kommentar": {"Anlage [[offen"}}
		code, page := do(t, client(t, hs.ts, "bund"), "POST", fmt.Sprintf("%s/auftraege/%d/stand", hs.ts.URL, f.ID), form)
		if code != http.StatusBadRequest {
			t.Fatalf("%d", code)
		}
		want := map[string]string{
			"erledigt-am":      "Das Datum der Erledigung ist kein gültiges Datum",
			"nachweis-sitzung": "Die 99. Sitzung ist nicht erfasst.",
			"stand-kommentar":  "„Anlage [[offen“",
		}
		reasonsAtFields(t, page, `id="melden-fehler"`, want)
		reasonsLinked(t, page, `id="melden-fehler"`, want)
		summaryLinksResolve(t, page, `id="melden-fehler"`)
		refusedTitle(t, page)
	})

	t.Run("follow-up edit", func(t *testing.T) {
		hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
		f := demoFollowUp(t, st, "Matrix-Protokoll")
		form := url.Values{"version": {fmt.Sprint(f.Version)}, "text": {"Geänderter Auftrag"}, "verantwortlich": {"BW"}, "frist": {"31.02.2026"}, "frist_sitzung": {"neunundvierzig"}}
		code, page := do(t, client(t, hs.ts, "geschaeftsstelle"), "POST", fmt.Sprintf("%s/auftraege/%d", hs.ts.URL, f.ID), form)
		if code != http.StatusBadRequest {
			t.Fatalf("%d", code)
		}
		reasonsLinked(t, page, `id="bearbeiten-fehler"`, map[string]string{"b-frist": "Die Frist ist kein gültiges Datum", "b-sitzung": "braucht eine Sitzungsnummer"})
	})

	ts, st := cycleServer(t)
	ctx := context.Background()

	// A conflict says once that the form shows what was typed.
	t.Run("follow-up report conflict", func(t *testing.T) {
		id := followUpOf47(t, st, "Bericht zur Landesanbindung vorlegen", "HE, BY", 20)
		f, _ := st.FollowUp(ctx, id)
		path := fmt.Sprintf("%s/auftraege/%d/stand", ts.URL, id)
		if code, _ := do(t, client(t, ts, "bayern"), "POST", path, url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"in_arbeit"}}); code != http.StatusSeeOther {
			t.Fatalf("Bayern's report: %d", code)
		}
		code, page := do(t, client(t, ts, "hessen"), "POST", path, url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"in_arbeit"}, "kommentar": {"Mit Anlage"}})
		if code != http.StatusConflict {
			t.Fatalf("%d", code)
		}
		box := between(page, `id="melden-fehler"`, "</div>")
		if n := strings.Count(box, "Ihre Eingabe"); n != 1 || !strings.Contains(box, "Bitte prüfen und erneut speichern.") {
			t.Errorf("the conflict's box says „Ihre Eingabe“ %d times: %s", n, box)
		}
		refusedTitle(t, page)
	})

	t.Run("notification settings", func(t *testing.T) {
		form := url.Values{"version": {"0"}, "email": {"keine-adresse"}, "matrix": {"#hessen:matrix.org"}, "vorlauf": {"0"}, "abo": {"umlauf_frist:email"}}
		code, page := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/benachrichtigungen", form)
		if code != http.StatusBadRequest {
			t.Fatalf("%d", code)
		}
		reasonsLinked(t, page, `id="benachrichtigungen-fehler"`, map[string]string{"bn-email": "E-Mail-Adresse", "bn-matrix": "keine Matrix-Raum-ID", "bn-vorlauf": "zwischen 1 und 90 Tagen"})
		summaryLinksResolve(t, page, `id="benachrichtigungen-fehler"`)
	})

	t.Run("new request", func(t *testing.T) {
		code, page := do(t, client(t, ts, "fmk-geschaeftsstelle"), "POST", ts.URL+"/anliegen", url.Values{"titel": {" "}, "text": {"Bitte um Befassung"}})
		if code != http.StatusBadRequest {
			t.Fatalf("%d", code)
		}
		want := map[string]string{"an-titel": "Bitte geben Sie dem Anliegen einen Titel."}
		reasonsAtFields(t, page, `id="anliegen-neu-fehler"`, want)
		reasonsLinked(t, page, `id="anliegen-neu-fehler"`, want)
	})

	t.Run("request decline", func(t *testing.T) {
		fmk, _ := st.BodyByAbbrev(ctx, "FMK")
		id, err := st.SubmitRequest(ctx, model.Request{ConferenceID: fmk.ID, Title: "Grundsteuer digital", SubmittedBy: "fmk", Via: "FachMK-Geschäftsstelle"})
		if err != nil {
			t.Fatal(err)
		}
		q, _ := st.Request(ctx, id)
		code, page := do(t, client(t, ts, "geschaeftsstelle"), "POST", fmt.Sprintf("%s/anliegen/%d/status", ts.URL, id), url.Values{"status": {"abgelehnt"}, "version": {fmt.Sprint(q.Version)}})
		if code != http.StatusBadRequest {
			t.Fatalf("%d", code)
		}
		reasonsLinked(t, page, `id="anliegen-fehler"`, map[string]string{"an-begruendung": "Bitte begründen Sie die Ablehnung"})
	})

	t.Run("contact", func(t *testing.T) {
		yesterday := model.BerlinDate(time.Now().AddDate(0, 0, -1)).String()
		code, page := do(t, client(t, ts, "sprecher-hb"), "POST", ts.URL+"/fachmk/FMK/gespraeche", url.Values{"art": {"gespraech"}, "datum": {yesterday}, "teilnehmende": {"FITKO"}})
		if code != http.StatusBadRequest {
			t.Fatalf("%d", code)
		}
		want := map[string]string{"gespraech-neu-mit": "mit wem der Kontakt stattfand", "gespraech-neu-themen": "Bitte Themen und Ergebnisse"}
		reasonsAtFields(t, page, "Der Kontakt ist nicht erfasst:", want)
		reasonsLinked(t, page, "Der Kontakt ist nicht erfasst:", want)
		refusedTitle(t, page)
	})

	// The checklist: in TestRefusedFormGivesEveryReasonAtItsField.

	t.Run("follow-up proposal", func(t *testing.T) {
		hs, _ := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
		gs := client(t, hs.ts, "geschaeftsstelle")
		page47 := hs.ts.URL + "/sitzungen/47/auftragsvorschlaege"
		_, page := do(t, gs, "GET", page47, nil)
		m := regexp.MustCompile(`name="schluessel" value="([^"]+)"`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("no proposal form")
		}
		code, page := do(t, gs, "POST", page47, url.Values{"schluessel": {m[1]}, "aktion": {"bestaetigen"}, "text": {"Projektplanung vorlegen"}, "verantwortlich": {"BY"}, "frist": {"morgen"}})
		if code != http.StatusBadRequest {
			t.Fatalf("%d", code)
		}
		f := regexp.MustCompile(`id="(v\d+-frist)"[^>]*aria-invalid="true"`).FindStringSubmatch(page)
		if f == nil {
			t.Fatal("the deadline is not marked invalid")
		}
		reasonsLinked(t, page, `id="vorschlag-fehler"`, map[string]string{f[1]: "Die Frist ist kein gültiges Datum"})
	})
}

// TestRecommendationSummaryLinksNoMissingForm: a second proposal on an
// item that has one by now is refused; the page shows no form for that
// item any more, and the box above linked "Zum Formular" to it
// (#empfehlung-25, a dead anchor). It now gives the reason as text.
func TestRecommendationSummaryLinksNoMissingForm(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	main, _ := planPair48(t, st)
	item := acceptedReport(t, st, main, "Bericht zur Registermodernisierung")
	gs := client(t, ts, "geschaeftsstelle")
	u := ts.URL + "/gremien/al-runde/sitzungen/40/empfehlungen"
	proposal := url.Values{"top": {fmt.Sprint(item)}, "empfehlung": {"beraten"}}
	if code, page := do(t, gs, "POST", u, proposal); code != http.StatusSeeOther {
		t.Fatalf("the first proposal: %d %s", code, between(page, "<main", "</main>"))
	}
	code, page := do(t, gs, "POST", u, proposal)
	const box = "Die Empfehlung ist nicht vorgeschlagen:"
	if code < 400 || code >= 500 || !strings.Contains(page, box) {
		t.Fatalf("the second proposal: %d %s", code, between(page, "<main", "</main>"))
	}
	summaryLinksResolve(t, page, box)
	if strings.Contains(between(page, box, "</div>"), "Das Formular zeigt Ihre Eingabe") {
		t.Error("the box says the form shows the input, which the page does not show")
	}
	refusedTitle(t, page)
}

// TestRefusalTitleAndFocus: the page of a refused form came again with
// the same title and the focus at its top, so that nothing said the form
// was refused. The title now begins "Fehler: " and refusal.js moves the
// focus to the box of reasons (the registration, the attendance, the
// follow-up's report; the report above); a page shown without refusal,
// and the error page, keep their title.
func TestRefusalTitleAndFocus(t *testing.T) {
	ts, st := cycleServer(t)
	planSession48(t, ts, st)
	he := client(t, ts, "hessen")
	code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {" "}, "ziel": {""}})
	if code < 400 || code >= 500 || !strings.Contains(page, `id="anmeldung-fehler"`) {
		t.Fatalf("the refused registration: %d", code)
	}
	refusedTitle(t, page)
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/48/anmeldung", nil); strings.Contains(between(page, "<title>", "</title>"), "Fehler") || strings.Contains(page, "refusal.js") {
		t.Errorf("the registration's form, not refused, has the title %q", between(page, "<title>", "</title>"))
	}
	gs := client(t, ts, "geschaeftsstelle")
	code, page = do(t, gs, "POST", ts.URL+"/sitzungen/48/anwesenheit", url.Values{"anwesenheit_HE": {"vertreten"}, "person_HE": {""}, "version": {drawnAttendance(t, gs, ts.URL+"/sitzungen/48/anwesenheit")}})
	if code < 400 || code >= 500 || !strings.Contains(page, `id="anwesenheit-fehler"`) {
		t.Fatalf("the refused attendance: %d %s", code, between(page, "<main", "</main>"))
	}
	refusedTitle(t, page)
	if code, page := do(t, gs, "GET", ts.URL+"/sitzungen/9999", nil); code != http.StatusNotFound || strings.Contains(between(page, "<title>", "</title>"), "Fehler: ") {
		t.Errorf("the error page: %d, title %q", code, between(page, "<title>", "</title>"))
	}
}

// TestRequiredFieldsMarked: the registration and the FachMK's contact form
// marked their required fields nowhere visibly (only `required`, and not
// on the statement's radios), and the contact form's placeholder named
// the GMK on every conference's page. The required fields now say
// "(Pflichtfeld)" in their label, explained above the form, and carry
// `required`; the placeholder names the page's conference.
func TestRequiredFieldsMarked(t *testing.T) {
	ts, st := cycleServer(t)
	planSession48(t, ts, st)
	_, page := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/sitzungen/48/anmeldung", nil)
	form := between(page, `Felder mit „(Pflichtfeld)“ müssen ausgefüllt sein.`, "</form>")
	if form == "" {
		t.Error("no note on the required fields above the registration form")
		form = between(page, `<form method="post" action="/sitzungen/48/anmeldung"`, "</form>")
	}
	for _, want := range []string{`<label for="titel">Titel <span class="required-mark">(Pflichtfeld)</span></label>`,
		`<label for="ziel">Ziel <span class="required-mark">(Pflichtfeld)</span></label>`,
		`(GO § 4) <span class="required-mark">(Pflichtfeld)</span></legend>`,
		`name="fachmk" value="keine" required`, `name="fachmk" value="betroffen" required`} {
		if !strings.Contains(form, want) {
			t.Errorf("the registration form lacks %s", want)
		}
	}
	_, page = do(t, client(t, ts, "sprecher-hb"), "GET", ts.URL+"/fachmk/FMK", nil)
	form = between(page, `id="gespraech-neu-form"`, "</form>")
	if !strings.Contains(form, `Felder mit „(Pflichtfeld)“ müssen ausgefüllt sein.`) {
		t.Error("no note on the required fields above the contact form")
	}
	for _, f := range []string{"datum", "mit", "themen"} {
		label := between(form, `<label for="gespraech-neu-`+f+`">`, "</label>")
		if !strings.Contains(label, "(Pflichtfeld)") {
			t.Errorf("the contact form's %s is not marked required: %q", f, label)
		}
		if tag := between(form, `id="gespraech-neu-`+f+`"`, ">"); !strings.Contains(tag, " required") {
			t.Errorf("the contact form's %s has no required: %s", f, tag)
		}
	}
	if !strings.Contains(form, `placeholder="Vorsitz der FMK, Ministerin X"`) || strings.Contains(page, "GMK, Ministerin") {
		t.Errorf("the placeholder does not name the page's conference: %s", between(form, `id="gespraech-neu-mit"`, ">"))
	}
}
