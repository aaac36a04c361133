package web

import (
	"context"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestActedForConferencePageIsNotVacant: the page of a conference another
// body works with the IT-PLR for (the Justizministerkonferenz through the
// E-Justice-Rat) says so under "Fachpolitische Sprecher:innen" and links
// the acting body, as the overview says "über den E-Justice-Rat". Before,
// the overview said "über den E-Justice-Rat" and the conference's own page
// "Die Funktion ist zurzeit vakant."
func TestActedForConferencePageIsNotVacant(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	var jumiko, ejr model.Body
	for _, b := range must(st.Bodies(ctx, model.BodyFachMK)) {
		if b.ActsForID != 0 {
			ejr = b
			jumiko = must(st.Body(ctx, b.ActsForID))
		}
	}
	if ejr.ID == 0 {
		t.Fatal("the demo has no body acting for another")
	}
	code, page := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/"+url.PathEscape(jumiko.Abbrev), nil)
	if code != http.StatusOK {
		t.Fatalf("GET /fachmk/%s: %d", jumiko.Abbrev, code)
	}
	section := between(page, "Fachpolitische Sprecher:innen</h2>", "<h2")
	if strings.Contains(section, "vakant") {
		t.Errorf("the page of the %s says it is vacant: %s", jumiko.Abbrev, section)
	}
	if !strings.Contains(section, "über "+ejr.Accusative()) || !strings.Contains(section, `href="/fachmk/`+ejr.Abbrev+`"`) {
		t.Errorf("the page of the %s does not lead to the %s's spokespersons: %s", jumiko.Abbrev, ejr.Abbrev, section)
	}
	// A conference no one acts for and without spokespersons stays vacant.
	_, amk := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/AMK", nil)
	if !strings.Contains(between(amk, "Fachpolitische Sprecher:innen</h2>", "<h2"), "Die Funktion ist zurzeit vakant.") {
		t.Error("the AMK's page no longer says it is vacant")
	}
}

// TestRefusedProfileGivesEveryReason: a profile refused for a keyword's
// weight names beside it a confidential mark in the public chair
// (Vorsitz), at its field. Before, the bad weight returned at once and
// the mark was told only when the form was sent again.
func TestRefusedProfileGivesEveryReason(t *testing.T) {
	ts, st := cycleServer(t)
	b := must(st.BodyByAbbrev(context.Background(), "FMK"))
	fmk := client(t, ts, "fmk-geschaeftsstelle")
	code, page := do(t, fmk, "POST", ts.URL+"/fachmk/FMK", url.Values{"version": {fmt.Sprint(b.Version)},
		"vorsitz": {"Bayern [[bis Juni]]"}, "profil": {"Steuern"}, "begriffe": {"Steuer:abc\nZoll:2"}, "hinweise": {""}})
	if code != http.StatusBadRequest {
		t.Fatalf("refused profile: %d", code)
	}
	box := between(page, `id="profil-fehler"`, "</div>")
	for _, want := range []string{"Der Vorsitz ist öffentlich", "Stichwort „Steuer:abc“"} {
		if !strings.Contains(html.UnescapeString(box), want) {
			t.Errorf("the box does not say %q: %s", want, box)
		}
	}
	if !strings.Contains(page, `id="pf-vorsitz-fehler"`) {
		t.Error("the chair's field has no reason")
	}
	if got := must(st.BodyByAbbrev(context.Background(), "FMK")); got.Chair != b.Chair || got.Version != b.Version {
		t.Errorf("the refused profile was stored: %q", got.Chair)
	}
}

// TestTaskFormsAreNamedByTheirTask: on the role/task matrix every row's
// form and its button say which task they save. Before, a screen reader
// heard "Aufgabe speichern" once per task and could not tell them apart.
func TestTaskFormsAreNamedByTheirTask(t *testing.T) {
	ts, st := cycleServer(t)
	tasks := must(st.Tasks(context.Background()))
	if len(tasks) < 2 {
		t.Fatal("the demo matrix has fewer than two tasks")
	}
	_, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/aufgaben", nil)
	for _, task := range tasks {
		form := regexp.MustCompile(fmt.Sprintf(`(?s)<form [^>]*id="aufgabe-%d"[^>]*>.*?</form>`, task.ID)).FindString(page)
		if form == "" {
			t.Fatalf("no form for task %d", task.ID)
		}
		said := html.EscapeString(saidTitle(task.Text))
		open := form[:strings.Index(form, ">")]
		if !strings.Contains(open, `aria-label="Aufgabe `) || !strings.Contains(open, said) {
			t.Errorf("the form of task %d is not named by it: %s", task.ID, open)
		}
		if !strings.Contains(form, `Aufgabe speichern<span class="visually-hidden">: `+said+`</span></button>`) {
			t.Errorf("the button of task %d does not name it: %s", task.ID, between(form, "<button", "</button>"))
		}
	}
}

// TestCalendarImportSaysEveryEventIsPublished: the import of an .ics file
// on a conference's page says at its field that every event of the file
// is published, also one the calendar program marks private or
// confidential (the import reads no CLASS). Before, the form said
// nothing of it, and an exported calendar's "Kamingespräch" stood on the
// public page, in the feeds and in OParl. A refused file keeps the hint
// beside its reason.
func TestCalendarImportSaysEveryEventIsPublished(t *testing.T) {
	ts, _ := cycleServer(t)
	fmk := client(t, ts, "fmk-geschaeftsstelle")
	_, page := do(t, fmk, "GET", ts.URL+"/fachmk/FMK", nil)
	input := regexp.MustCompile(`<input id="tm-ics"[^>]*>`).FindString(page)
	if !strings.Contains(input, `aria-describedby="tm-ics-hinweis"`) {
		t.Errorf("the file field is described by no hint: %s", input)
	}
	hint := between(page, `id="tm-ics-hinweis">`, "</p>")
	for _, want := range []string{"Die übernommenen Termine sind öffentlich", "privat oder vertraulich", "nicht übernommen"} {
		if !strings.Contains(hint, want) {
			t.Errorf("the hint does not say %q: %s", want, hint)
		}
	}
	// A file that is none: the reason and the hint at the field.
	var body strings.Builder
	mw := multipart.NewWriter(&body)
	mw.WriteField("fachmk", "FMK")
	fw, _ := mw.CreateFormFile("datei", "termine.ics")
	fw.Write([]byte("kein Kalender"))
	mw.Close()
	res, err := fmk.Post(ts.URL+"/fachmk/termine/import", mw.FormDataContentType(), strings.NewReader(body.String()))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	input = regexp.MustCompile(`<input id="tm-ics"[^>]*>`).FindString(string(b))
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(input, `aria-invalid="true"`) || !strings.Contains(input, `aria-describedby="tm-ics-hinweis tm-ics-fehler"`) {
		t.Errorf("refused import: %d %s", res.StatusCode, input)
	}
}

// TestRefusedContactGivesEveryReason: a contact refused for its e-mail
// address names beside it a confidential mark in its public role, at its
// field, in the order of the form. Before, the address returned at once
// and the mark was told only when the form was sent again.
func TestRefusedContactGivesEveryReason(t *testing.T) {
	ts, _ := cycleServer(t)
	fmk := client(t, ts, "fmk-geschaeftsstelle")
	code, page := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/kontakte", url.Values{"name": {"Anna Lang"}, "rolle": {"Referentin [[bis März]]"},
		"email": {"keine-adresse"}, "telefon": {""}})
	if code != http.StatusBadRequest {
		t.Fatalf("refused contact: %d", code)
	}
	box := html.UnescapeString(between(page, `id="kontakt-fehler"`, "</div>"))
	role, mail := strings.Index(box, "Die Rolle der Ansprechperson ist öffentlich"), strings.Index(box, "Die E-Mail-Adresse ist ungültig.")
	if role < 0 || mail < 0 || role > mail {
		t.Errorf("the box does not give both reasons in the form's order: %s", box)
	}
	if !strings.Contains(page, `id="kt-rolle-fehler"`) {
		t.Error("the role's field has no reason")
	}
}

// TestCalendarImportWithholdsPrivateAndCancelledEvents: the import
// published every event of the file — one the calendar program marked
// confidential (a fireside talk at a minister's home) on the conference's
// page, its calendar feed and OParl, and a cancelled one as if it took
// place (found by the FachMK review of 2026-12-07). They are not taken
// now, the notice says so, and one published by an earlier import that
// the file now marks confidential is removed.
func TestCalendarImportWithholdsPrivateAndCancelledEvents(t *testing.T) {
	ts, _ := cycleServer(t)
	fmk := client(t, ts, "fmk-geschaeftsstelle")
	event := func(uid, summary, extra string) string {
		return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:" + summary + "\r\nLOCATION:Ort " + summary + "\r\nDTSTART;VALUE=DATE:20991110\r\n" + extra + "END:VEVENT\r\n"
	}
	upload := func(events ...string) (int, string) {
		t.Helper()
		var body strings.Builder
		mw := multipart.NewWriter(&body)
		mw.WriteField("fachmk", "FMK")
		fw, _ := mw.CreateFormFile("datei", "termine.ics")
		fw.Write([]byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//DE\r\n" + strings.Join(events, "") + "END:VCALENDAR\r\n"))
		mw.Close()
		res, err := fmk.Post(ts.URL+"/fachmk/termine/import", mw.FormDataContentType(), strings.NewReader(body.String()))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			return res.StatusCode, ""
		}
		// The notice is shown on the page the import leads back to.
		return do(t, fmk, "GET", ts.URL+res.Header.Get("Location"), nil)
	}
	code, page := upload(event("herbst@test", "Herbstkonferenz", ""), event("vorabend@test", "Vorabendtreffen", ""),
		event("kamin@test", "Kamingespraech", "CLASS:CONFIDENTIAL\r\n"), event("abgesagt@test", "Sondersitzung", "STATUS:CANCELLED\r\n"))
	if code != http.StatusOK || !strings.Contains(page, "2 Termine übernommen") ||
		!strings.Contains(page, "1 als privat oder vertraulich gekennzeichneter Termin wurde nicht übernommen.") ||
		!strings.Contains(page, "1 abgesagter Termin wurde nicht übernommen.") {
		t.Errorf("the first import's notice: %d %s", code, between(page, "<main", "</form>"))
	}
	// The Vorabendtreffen is now marked private: removed.
	code, page = upload(event("herbst@test", "Herbstkonferenz", ""), event("vorabend@test", "Vorabendtreffen", "CLASS:PRIVATE\r\n"))
	if code != http.StatusOK || !strings.Contains(page, "1 früher übernommener Termin ist deshalb nicht mehr veröffentlicht.") {
		t.Errorf("the second import's notice: %d %s", code, between(page, "<main", "</form>"))
	}
	public := &http.Client{}
	for _, path := range []string{"/fachmk/FMK", "/fachmk/FMK/termine.ics", "/fachmk/termine", "/fachmk/termine.ics", "/oparl/v1/body/1/meeting?limit=100"} {
		_, got := do(t, public, "GET", ts.URL+path, nil)
		if !strings.Contains(got, "Herbstkonferenz") {
			t.Errorf("%s lacks the public date", path)
		}
		for _, secret := range []string{"Kamingespraech", "Sondersitzung", "Vorabendtreffen"} {
			if strings.Contains(got, secret) {
				t.Errorf("%s publishes %q", path, secret)
			}
		}
	}
}
