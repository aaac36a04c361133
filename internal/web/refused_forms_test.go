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

// reasonsAtFields checks a refused form of a page of several forms: every
// field of want (its id) is marked invalid and described by its reason,
// the reason stands at the field, the box above the form (from its start
// to the next "</div>") gives every reason, and no other field of the page
// is marked invalid.
func reasonsAtFields(t *testing.T, page, box string, want map[string]string) {
	t.Helper()
	for id, reason := range want {
		tag := between(page, `id="`+id+`"`, ">")
		if !strings.Contains(tag, `aria-invalid="true" aria-describedby="`+id+`-fehler"`) {
			t.Errorf("the field %s is not marked invalid: %s", id, tag)
		}
		if at := between(page, `<p class="field-error" id="`+id+`-fehler">`, "</p>"); !strings.Contains(at, reason) {
			t.Errorf("at the field %s: %q, want %q", id, at, reason)
		}
		if b := between(page, box, "</div>"); !strings.Contains(b, reason) {
			t.Errorf("the box above the form lacks %q: %s", reason, b)
		}
	}
	if n := strings.Count(page, `aria-invalid="true"`); n != len(want) {
		t.Errorf("%d fields marked invalid, want %d", n, len(want))
	}
}

// reasonsLinked checks the box above a refused form (from box to the next
// "</div>"): each reason of want is a link of its own to the field (its
// id) it is about, as problems.List gives them.
func reasonsLinked(t *testing.T, page, box string, want map[string]string) {
	t.Helper()
	b := between(page, box, "</div>")
	for id, reason := range want {
		if link := between(b, `<a href="#`+id+`">`, "</a>"); !strings.Contains(link, reason) {
			t.Errorf("the box does not link %q to the field %s: %s", reason, id, b)
		}
	}
}

// TestRefusedFormGivesEveryReasonAtItsField: a form among several on a
// page (refusedForm) carried one reason at one field, so a form that broke
// two rules showed the first only and the other field looked valid: the
// follow-up's edit with an open mark, a deadline that is no date and a
// session that is no number said only the mark (and at no field); the
// spokesperson's contact form without counterpart and topics said only
// the counterpart; with a date that is no date and an open mark in the
// topics, only the date; the outcome form, the FachMK checklist and the
// conference's date form and contact person likewise; the follow-up's
// report, the notification settings, the FachMK's profile and the forms
// of a request (Anliegen) said their first reason above the form only
// (refusal: one text), the decision profile one sentence on an error page. Every reason now stands at its field,
// marked invalid, and all of them above the form.
func TestRefusedFormGivesEveryReasonAtItsField(t *testing.T) {
	t.Run("follow-up edit", func(t *testing.T) {
		hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
		f := demoFollowUp(t, st, "Matrix-Protokoll")
		form := url.Values{"version": {fmt.Sprint(f.Version)}, "text": {"Geänderter Auftrag [[offen"}, "verantwortlich": {"BW"},
			"frist": {"31.02.2026"}, "frist_sitzung": {"neunundvierzig"}}
		code, page := do(t, client(t, hs.ts, "geschaeftsstelle"), "POST", fmt.Sprintf("%s/auftraege/%d", hs.ts.URL, f.ID), form)
		if code != http.StatusBadRequest {
			t.Fatalf("%d", code)
		}
		reasonsAtFields(t, page, `id="bearbeiten-fehler"`, map[string]string{
			"b-text":    "fehlt das schließende",
			"b-frist":   "Die Frist ist kein gültiges Datum",
			"b-sitzung": "braucht eine Sitzungsnummer",
		})
		if got, _ := st.FollowUp(context.Background(), f.ID); got.Version != f.Version {
			t.Errorf("the refused edit was saved: %+v", got)
		}
	})

	// The follow-up's report: a day of completion that is no date, open
	// marks in the evidence and the comment, a decision not recorded (it
	// said the first, above the form only); and the follow-up's own rules
	// (model.FollowUp.Validate): done without date and evidence.
	t.Run("follow-up report", func(t *testing.T) {
		hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
		f := demoFollowUp(t, st, "Matrix-Protokoll")
		gs := client(t, hs.ts, "geschaeftsstelle")
		path := fmt.Sprintf("%s/auftraege/%d/stand", hs.ts.URL, f.ID)
		form := url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"erledigt"}, "erledigt_am": {"31.02.2026"}, "nachweis": {"Bericht [[offen"},
			"nachweis_beschluss": {"B-2099/99-IT"}, "kommentar": {"Anlage [[offen"}}
		code, page := do(t, gs, "POST", path, form)
		if code != http.StatusBadRequest || !strings.Contains(page, "Anlage [[offen</textarea>") {
			t.Fatalf("%d, the typed comment not kept", code)
		}
		reasonsAtFields(t, page, `id="melden-fehler"`, map[string]string{
			"erledigt-am":        "Das Datum der Erledigung ist kein gültiges Datum",
			"nachweis":           "„Bericht [[offen“",
			"nachweis-beschluss": "B-2099/99-IT",
			"stand-kommentar":    "„Anlage [[offen“",
		})
		code, page = do(t, gs, "POST", path, url.Values{"version": {fmt.Sprint(f.Version)}, "status": {"erledigt"}, "erledigt_am": {""}})
		if code != http.StatusBadRequest {
			t.Fatalf("done without date and evidence: %d", code)
		}
		reasonsAtFields(t, page, `id="melden-fehler"`, map[string]string{
			"erledigt-am": "braucht das Datum der Erledigung",
			"nachweis":    "braucht einen Nachweis",
		})
		if got, _ := st.FollowUp(context.Background(), f.ID); got.Version != f.Version {
			t.Errorf("the refused report was saved: %+v", got)
		}
	})

	ts, st := cycleServer(t)
	yesterday := model.BerlinDate(time.Now().AddDate(0, 0, -1)).String()
	hb := client(t, ts, "sprecher-hb")
	for _, tc := range []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"contact without counterpart and topics", url.Values{"art": {"gespraech"}, "datum": {yesterday}, "teilnehmende": {"FITKO"}},
			map[string]string{"gespraech-neu-mit": "mit wem der Kontakt stattfand", "gespraech-neu-themen": "Bitte Themen und Ergebnisse"}},
		{"contact with a date that is no date and an open mark", url.Values{"art": {"gespraech"}, "datum": {"gestern"}, "mit": {"Vorsitz der FMK"}, "themen": {"Haushalt [[offen"}},
			map[string]string{"gespraech-neu-datum": "„gestern“ ist kein gültiges Datum", "gespraech-neu-themen": "fehlt das schließende"}},
		// The contact's own rules (a day in the future, no counterpart)
		// beside the open mark: before, only the mark's reason came back.
		{"contact in the future without counterpart and an open mark", url.Values{"art": {"gespraech"}, "datum": {model.BerlinDate(time.Now().AddDate(1, 0, 0)).String()}, "mit": {" "}, "themen": {"[[offen"}},
			map[string]string{"gespraech-neu-datum": "liegt in der Zukunft", "gespraech-neu-mit": "mit wem der Kontakt stattfand", "gespraech-neu-themen": "fehlt das schließende"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, page := do(t, hb, "POST", ts.URL+"/fachmk/FMK/gespraeche", tc.form)
			if code != http.StatusBadRequest || !strings.Contains(page, `<details id="gespraech-neu" open>`) {
				t.Fatalf("%d, the form not open", code)
			}
			reasonsAtFields(t, page, "Der Kontakt ist nicht erfasst:", tc.want)
		})
	}

	fmk := client(t, ts, "fmk-geschaeftsstelle")
	for _, tc := range []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"outcome to come without title", url.Values{"datum": {model.BerlinDate(time.Now().AddDate(0, 0, 3)).String()}, "sitzung": {"Herbstkonferenz"}},
			map[string]string{"ergebnis-neu-datum": "hat noch nicht stattgefunden", "ergebnis-neu-titel": "Bitte das Ergebnis in einem Titel benennen"}},
		{"outcome with a date that is no date and an open mark", url.Values{"datum": {"morgen"}, "titel": {"E-Rechnung"}, "text": {"Bericht [[offen"}},
			map[string]string{"ergebnis-neu-datum": "„morgen“ ist kein gültiges Datum", "ergebnis-neu-text": "fehlt das schließende"}},
		// The outcome's own rules beside the open mark (before, only the
		// mark's reason came back).
		{"outcome to come without title and an open mark", url.Values{"datum": {model.BerlinDate(time.Now().AddDate(0, 0, 3)).String()}, "text": {"Bericht [[offen"}},
			map[string]string{"ergebnis-neu-datum": "hat noch nicht stattgefunden", "ergebnis-neu-titel": "Bitte das Ergebnis in einem Titel benennen", "ergebnis-neu-text": "fehlt das schließende"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, page := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/ergebnisse", tc.form)
			if code != http.StatusUnprocessableEntity && code != http.StatusBadRequest || !strings.Contains(page, `<details id="ergebnis-neu" open>`) {
				t.Fatalf("%d, the form not open", code)
			}
			reasonsAtFields(t, page, "Das Ergebnis ist nicht erfasst:", tc.want)
		})
	}

	// The checklist: a day of completion and a deadline that are no dates
	// (it said the first, at no field).
	t.Run("checklist", func(t *testing.T) {
		tasks, err := st.Tasks(context.Background())
		if err != nil || len(tasks) == 0 {
			t.Fatal(err)
		}
		once := tasks[0]
		form := url.Values{"aufgabe": {fmt.Sprint(once.ID)}, "zeitraum": {""}, "erledigt": {"ja"}, "datum": {"2026-13-45"}, "frist": {"bald"}, "version": {"0"}}
		code, page := do(t, hb, "POST", ts.URL+"/fachmk/FMK/aufgaben", form)
		if code != http.StatusBadRequest {
			t.Fatalf("%d", code)
		}
		want := map[string]string{
			fmt.Sprintf("dt-%d", once.ID): "Den 2026-13-45 gibt es nicht",
			fmt.Sprintf("fr-%d", once.ID): "„bald“ ist kein gültiges Datum",
		}
		reasonsAtFields(t, page, "Die Aufgabe ist nicht gespeichert:", want)
		// Each reason a link to its field (TestErrorSummaryLinksEveryReason).
		reasonsLinked(t, page, "Die Aufgabe ist nicht gespeichert:", want)
	})

	// The conference's date form: an end before the start and an end time
	// without a start time (it said the first, at no field).
	t.Run("conference date", func(t *testing.T) {
		form := url.Values{"titel": {"Herbstkonferenz"}, "beginn": {"2099-05-20"}, "ende": {"2099-05-01"}, "bis": {"15:00"}}
		code, page := do(t, client(t, ts, "geschaeftsstelle"), "POST", ts.URL+"/fachmk/FMK/termine", form)
		if code != http.StatusBadRequest || !strings.Contains(page, `<details id="termin-eintragen" open>`) {
			t.Fatalf("%d, the form not open", code)
		}
		reasonsAtFields(t, page, "Der Termin ist nicht eingetragen:", map[string]string{
			"tm-ende": "Das Ende liegt vor dem Beginn.",
			"tm-bis":  "Eine Endzeit braucht eine Anfangszeit.",
		})
	})

	// The conference's contact person: no name and an address that is
	// none (it said the name only, at no field). Both fields keep the
	// hint on what is public beside their reason.
	t.Run("contact person", func(t *testing.T) {
		form := url.Values{"name": {""}, "rolle": {"Geschäftsstelle"}, "email": {"keine-adresse"}}
		code, page := do(t, client(t, ts, "geschaeftsstelle"), "POST", ts.URL+"/fachmk/FMK/kontakte", form)
		if code != http.StatusBadRequest || !strings.Contains(page, `<details id="kontakt" open>`) {
			t.Fatalf("%d, the form not open", code)
		}
		for id, reason := range map[string]string{"kt-name": "Bitte den Namen der Ansprechperson angeben.", "kt-email": "Die E-Mail-Adresse ist ungültig."} {
			if tag := between(page, `id="`+id+`"`, ">"); !strings.Contains(tag, `aria-invalid="true" aria-describedby="kt-hinweis `+id+`-fehler"`) {
				t.Errorf("the field %s is not marked invalid: %s", id, tag)
			}
			if at := between(page, `<p class="field-error" id="`+id+`-fehler">`, "</p>"); at != reason {
				t.Errorf("at the field %s: %q, want %q", id, at, reason)
			}
		}
		if n := strings.Count(page, `aria-invalid="true"`); n != 2 {
			t.Errorf("%d fields marked invalid, want 2", n)
		}
	})

	// The FachMK's profile: two keywords whose weight is none (it said
	// the first, above the form only).
	t.Run("conference profile", func(t *testing.T) {
		fmk, err := st.BodyByAbbrev(context.Background(), "FMK")
		if err != nil {
			t.Fatal(err)
		}
		form := url.Values{"version": {fmt.Sprint(fmk.Version)}, "vorsitz": {"Sachsen"}, "begriffe": {"Grundsteuer:2\nSteuer:abc\nHaushalt:-1"}}
		code, page := do(t, client(t, ts, "geschaeftsstelle"), "POST", ts.URL+"/fachmk/FMK", form)
		if code != http.StatusBadRequest || !strings.Contains(page, `<details id="profil" open>`) {
			t.Fatalf("%d, the form not open", code)
		}
		reasonsAtFields(t, page, "Das Profil ist nicht gespeichert:", map[string]string{"pf-begriffe": "Stichwort „Steuer:abc“"})
		if at := between(page, `<p class="field-error" id="pf-begriffe-fehler">`, "</p>"); !strings.Contains(at, "Stichwort „Haushalt:-1“") {
			t.Errorf("the second bad keyword not at the field: %q", at)
		}
	})

	// A new request (Anliegen) the secretariat records without choosing
	// the conference and without title (it said the conference only).
	t.Run("new request", func(t *testing.T) {
		code, page := do(t, client(t, ts, "geschaeftsstelle"), "POST", ts.URL+"/anliegen", url.Values{"fachmk": {""}, "titel": {" "}, "text": {"Bitte um Befassung"}})
		if code != http.StatusBadRequest || !strings.Contains(page, "Bitte um Befassung</textarea>") {
			t.Fatalf("%d, the typed text not kept", code)
		}
		reasonsAtFields(t, page, `id="anliegen-neu-fehler"`, map[string]string{
			"an-fachmk": "Bitte wählen Sie die Fachministerkonferenz",
			"an-titel":  "Bitte geben Sie dem Anliegen einen Titel.",
		})
	})

	// A request's forms on its page: a decline without reason marked the
	// reason's field for any refusal, described by the box; a session
	// that is not there gave the error page.
	t.Run("request forms", func(t *testing.T) {
		ctx := context.Background()
		fmk, _ := st.BodyByAbbrev(ctx, "FMK")
		id, err := st.SubmitRequest(ctx, model.Request{ConferenceID: fmk.ID, Title: "Grundsteuer digital", SubmittedBy: "fmk", Via: "FachMK-Geschäftsstelle"})
		if err != nil {
			t.Fatal(err)
		}
		q, _ := st.Request(ctx, id)
		gs := client(t, ts, "geschaeftsstelle")
		path := fmt.Sprintf("%s/anliegen/%d", ts.URL, id)
		code, page := do(t, gs, "POST", path+"/status", url.Values{"status": {"abgelehnt"}, "version": {fmt.Sprint(q.Version)}})
		if code != http.StatusBadRequest {
			t.Fatalf("declined without reason: %d", code)
		}
		reasonsAtFields(t, page, `id="anliegen-fehler"`, map[string]string{"an-begruendung": "Bitte begründen Sie die Ablehnung"})
		code, page = do(t, gs, "POST", path+"/status", url.Values{"status": {"als_top_angemeldet"}, "version": {fmt.Sprint(q.Version)}})
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("on the agenda by hand: %d", code)
		}
		reasonsAtFields(t, page, `id="anliegen-fehler"`, map[string]string{"an-status": "ergibt sich aus der Anmeldung als Tagesordnungspunkt"})
		planSession48(t, ts, st)
		code, page = do(t, gs, "POST", path+"/top", url.Values{"sitzung": {"999"}, "abschnitt": {"0"}, "version": {fmt.Sprint(q.Version)}})
		if code != http.StatusBadRequest {
			t.Fatalf("to a session that is not there: %d", code)
		}
		reasonsAtFields(t, page, `id="anliegen-fehler"`, map[string]string{"an-sitzung": "Bitte wählen Sie eine geplante Sitzung."})
	})

	// The decision profile (Steckbrief): two conferences marked relevant
	// without reason (it said one sentence on an error page, and what was
	// chosen was lost).
	t.Run("decision profile", func(t *testing.T) {
		ctx := context.Background()
		fmk, _ := st.BodyByAbbrev(ctx, "FMK")
		wmk, _ := st.BodyByAbbrev(ctx, "WMK")
		form := url.Values{fmt.Sprintf("relevant_%d", fmk.ID): {"ja"}, fmt.Sprintf("relevant_%d", wmk.ID): {"ja"}, fmt.Sprintf("grund_%d", wmk.ID): {" "}}
		code, page := do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, decisionID(t, st, 27)), form)
		if code != http.StatusBadRequest || strings.Count(page, `value="ja" selected`) != 2 {
			t.Fatalf("%d, the choices not kept", code)
		}
		reasonsAtFields(t, page, `id="steckbrief-fehler"`, map[string]string{
			fmt.Sprintf("grund-%d", fmk.ID): "relevant ist",
			fmt.Sprintf("grund-%d", wmk.ID): "für die " + wmk.Name + " relevant ist",
		})
		// A choice the form does not offer (it was ignored as "not
		// assessed" without a word and the rest saved).
		form = url.Values{fmt.Sprintf("relevant_%d", fmk.ID): {"vielleicht"}, fmt.Sprintf("relevant_%d", wmk.ID): {"nein"}}
		code, page = do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/steckbrief/%d", ts.URL, decisionID(t, st, 27)), form)
		if code != http.StatusBadRequest {
			t.Fatalf("relevant „vielleicht“: %d", code)
		}
		reasonsAtFields(t, page, `id="steckbrief-fehler"`, map[string]string{
			fmt.Sprintf("rel-%d", fmk.ID): "„vielleicht“ ist keine Beurteilung der Relevanz für die " + fmk.Name,
		})
	})

	// The notification settings: an address that is none, a room id that
	// is none and a lead time of 0 days (it said the address only, above
	// the form). The addresses keep their hint beside the reason.
	t.Run("notification settings", func(t *testing.T) {
		form := url.Values{"version": {"0"}, "email": {"keine-adresse"}, "matrix": {"#hessen:matrix.org"}, "vorlauf": {"0"}, "abo": {"umlauf_frist:email"}}
		code, page := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/benachrichtigungen", form)
		if code != http.StatusBadRequest || !strings.Contains(page, `value="keine-adresse"`) {
			t.Fatalf("%d, the typed address not kept", code)
		}
		box := between(page, `id="benachrichtigungen-fehler"`, "</div>")
		for id, reason := range map[string]string{"bn-email": "E-Mail-Adresse", "bn-matrix": "keine Matrix-Raum-ID", "bn-vorlauf": "zwischen 1 und 90 Tagen"} {
			describedBy := id + "-hinweis " + id + "-fehler"
			if id == "bn-vorlauf" {
				describedBy = id + "-fehler"
			}
			if tag := between(page, `id="`+id+`"`, ">"); !strings.Contains(tag, `aria-invalid="true" aria-describedby="`+describedBy+`"`) {
				t.Errorf("the field %s is not marked invalid: %s", id, tag)
			}
			if at := between(page, `<p class="field-error" id="`+id+`-fehler">`, "</p>"); !strings.Contains(at, reason) || !strings.Contains(box, at) {
				t.Errorf("at the field %s: %q, want %q, also in the box %q", id, at, reason, box)
			}
		}
		if n := strings.Count(page, `aria-invalid="true"`); n != 3 {
			t.Errorf("%d fields marked invalid, want 3", n)
		}
	})
}

// TestLiveProposalGivesEveryReasonAtItsField: the live page's form of a
// decision proposal (BV) said the first of its reasons only, at no field:
// points with an open mark, an application of one Land and a title with
// an open mark now each give their reason at their field, all of them
// above the form. The follow-up form beside it likewise, and the forms of
// a contribution, a protocol note and a remark.
func TestLiveProposalGivesEveryReasonAtItsField(t *testing.T) {
	ts, st, _ := lawServer(t)
	_, item, _ := runningSession(t, st, model.KindDecision)
	form := url.Values{"art": {"beschluss"}, "titel": {"Neue [[Fassung"}, "antrag": {"HE"}, "punkte": {"Punkt [[offen"}}
	code, page := do(t, client(t, ts, "geschaeftsstelle"), "POST", fmt.Sprintf("%s/tops/%d/beschluesse", ts.URL, item), form)
	if code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
		t.Fatalf("%d", code)
	}
	reasonsAtFields(t, page, `id="eintrag-abgelehnt"`, map[string]string{
		"neu-bpunkte": "„Punkt [[offen“",
		"neu-antrag":  "nötig ist der Antrag des Bundes oder dreier Länder",
		"neu-btitel":  "„Neue [[Fassung“",
	})

	// The live follow-up form: a deadline that is no date and no
	// responsible body (it said the date only).
	code, page = do(t, client(t, ts, "geschaeftsstelle"), "POST", fmt.Sprintf("%s/tops/%d/auftraege", ts.URL, item),
		url.Values{"text": {"Bericht nachreichen"}, "verantwortlich": {""}, "frist": {"31.02.2027"}})
	if code != http.StatusBadRequest {
		t.Errorf("the live follow-up form: %d", code)
	}
	reasonsAtFields(t, page, `id="eintrag-abgelehnt"`, map[string]string{"neu-frist": "Die Frist ist kein gültiges Datum", "neu-verantw": "Bitte die verantwortliche Stelle eintragen."})

	// The contribution (ON), the protocol note (PN) and the remark: each
	// said one reason for both fields, or the first, above the form only.
	for _, tc := range []struct {
		name, path string
		form       url.Values
		want       map[string]string
	}{
		{"contribution", "beitraege", url.Values{"sprecher": {""}, "punkte": {"Punkt [[offen"}},
			map[string]string{"neu-sprecher": "braucht die sprechende Stelle", "neu-punkte": "„Punkt [[offen“"}},
		{"protocol note", "notizen", url.Values{"autor": {""}, "text": {" "}},
			map[string]string{"neu-autor": "braucht das Mitglied", "neu-pn": "braucht den Text"}},
		{"remark", "vermerke", url.Values{"text": {"Vermerk [[offen"}},
			map[string]string{"neu-vermerk": "„Vermerk [[offen“"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, page := do(t, client(t, ts, "geschaeftsstelle"), "POST", fmt.Sprintf("%s/tops/%d/%s", ts.URL, item, tc.path), tc.form)
			if code != http.StatusBadRequest {
				t.Fatalf("%d", code)
			}
			reasonsAtFields(t, page, `id="eintrag-abgelehnt"`, tc.want)
		})
	}
}
