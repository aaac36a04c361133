package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// pdfOf reads a PDF the client gets from u as text, its words separated
// by single spaces.
func pdfOf(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	code, pdf := do(t, c, "GET", u, nil)
	if code != http.StatusOK {
		t.Fatalf("%s: %d", u, code)
	}
	return pdftest.Words(t, []byte(pdf))
}

// TestFollowUpResponsibleMarksStayInternal: the responsible ones of a
// follow-up are published with it; a passage typed [[…]] there is kept
// back on every public surface (page, list, PDF, CSV, JSON API) and shown
// marked to the secretariat. Before, the form stored "[[…]]" as typed and
// every surface published it.
func TestFollowUpResponsibleMarksStayInternal(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	id := followUpOf47(t, st, "Bericht zur Anbindung vorlegen", "HE", 20)
	f, err := st.FollowUp(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "Staatssekretär Geheimname"
	form := url.Values{"version": {fmt.Sprint(f.Version)}, "text": {"Bericht zur Anbindung vorlegen"}, "verantwortlich": {"HE [[" + secret + "]]"}, "frist": {f.DueDate.String()}}
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/auftraege/%d", ts.URL, id), form); code != http.StatusSeeOther {
		t.Fatalf("edit: %d %s", code, body)
	}
	if f, _ = st.FollowUp(context.Background(), id); f.Responsible != "HE "+model.Redact(secret) {
		t.Fatalf("stored responsible %q", f.Responsible)
	}
	public := client(t, ts, "")
	for _, path := range []string{followUpPathOf(t, st, id), "/auftraege", "/auftraege.csv", "/api/v1/auftraege", apiFollowUpPathOf(t, st, id), "/sitzungen/47"} {
		code, body := do(t, public, "GET", ts.URL+path, nil)
		if code != http.StatusOK {
			t.Errorf("%s: %d", path, code)
		}
		if strings.Contains(body, secret) || strings.Contains(body, "[[") || strings.Contains(body, model.RedactOpen) {
			t.Errorf("%s publishes the marked responsible", path)
		}
	}
	if text := pdfOf(t, public, ts.URL+"/auftraege.pdf"); strings.Contains(text, "Geheimname") {
		t.Error("the PDF publishes the marked responsible")
	}
	if _, page := do(t, gs, "GET", ts.URL+followUpPathOf(t, st, id), nil); !strings.Contains(page, `value="HE [[`+secret+`]]"`) {
		t.Error("the edit form does not give the responsible with its typed marks")
	}
	// An open mark is refused at the field, the form kept as typed.
	form.Set("version", fmt.Sprint(f.Version))
	form.Set("verantwortlich", "HE [[offen")
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/auftraege/%d", ts.URL, id), form)
	if code != http.StatusBadRequest || !strings.Contains(page, "fehlt das schließende „]]“") || !strings.Contains(page, `value="HE [[offen"`) {
		t.Errorf("an open mark in the responsible: %d", code)
	}
}

// TestDebriefInvitationMarksStayBehind: the invitation to a debrief goes
// to the FachMK secretariats as public text; a passage typed [[…]] in it
// stays behind in the messages (before, the form stored it as typed and
// the outbox sent "[[…]]" with the passage), the form gives it back in
// the typed form, an open mark is refused at the field with the text kept,
// and marks in the place (read as typed by the secretariats) are refused.
func TestDebriefInvitationMarksStayBehind(t *testing.T) {
	ts, st := debriefServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if _, err := st.CreateContact(ctx, model.Contact{BodyID: fmk.ID, Name: "Geschäftsstelle FMK", Email: "gs@fmk.example"}); err != nil {
		t.Fatal(err)
	}
	const secret = "Haushaltsvorbehalt des Bundes"
	form := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Wir laden ein. [[" + secret + "]] Bis bald."}, "aufnehmen_0": {"1"}, "vorstellung_0": {"HH"}}
	open := url.Values{}
	for k, v := range form {
		open[k] = v
	}
	open.Set("einladung", "Wir laden ein. [[offen")
	code, page := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", open)
	if code == http.StatusSeeOther || !strings.Contains(page, "fehlt das schließende „]]“") || !strings.Contains(page, ">Wir laden ein. [[offen</textarea>") {
		t.Errorf("an open mark in the invitation: %d", code)
	}
	open.Set("einladung", form.Get("einladung"))
	open.Set("ort", "Bonn [[Raum 3]]")
	if code, page = postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", open); code == http.StatusSeeOther || !strings.Contains(page, "Den Ort lesen die Geschäftsstellen der Fachministerkonferenzen") {
		t.Errorf("a marked place: %d", code)
	}
	if code, body := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung/versenden", form); code != http.StatusSeeOther {
		t.Fatalf("send: %d %s", code, body)
	}
	list, _, err := st.Notifications(ctx, store.OutboxFilter{Event: model.EventDebriefInvitation})
	if err != nil || len(list) == 0 {
		t.Fatalf("no invitation queued: %v", err)
	}
	for _, n := range list {
		if strings.Contains(n.Body, secret) || strings.Contains(n.Body, "[[") || !strings.Contains(n.Body, model.RedactedPlaceholder) {
			t.Errorf("the invitation to %s carries the marked passage: %q", n.Recipient, n.Body)
		}
	}
	if text := pdfOf(t, gs, ts.URL+"/sitzungen/47/nachbesprechung.pdf"); strings.Contains(text, "Haushaltsvorbehalt") {
		t.Error("the debrief PDF carries the marked passage")
	}
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/nachbesprechung", nil); !strings.Contains(page, "[["+secret+"]]") {
		t.Error("the form does not give the invitation with its typed marks")
	}
}

// TestPublicContactRefusesMarks: a FachMK contact's name, role and e-mail
// are public as a whole (page, JSON API); marks there are refused at
// their field with the reason, the form kept as typed — in the store, so
// whoever writes the contact.
func TestPublicContactRefusesMarks(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	form := url.Values{"name": {"Dr. Muster [[privat]]"}, "rolle": {"Vorsitz [[kommissarisch"}, "email": {"gs@fmk.example"}}
	code, page := do(t, gs, "POST", ts.URL+"/fachmk/FMK/kontakte", form)
	if code != http.StatusBadRequest {
		t.Fatalf("%d", code)
	}
	for _, want := range []string{"Der Name der Ansprechperson ist öffentlich; vertrauliche Passagen ([[…]]) gibt es hier nicht.", "Die Rolle der Ansprechperson ist öffentlich", `id="kt-rolle-fehler"`, `value="Dr. Muster [[privat]]"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused contact lacks %s", want)
		}
	}
	fmk, _ := st.BodyByAbbrev(context.Background(), "FMK")
	if _, err := st.CreateContact(context.Background(), model.Contact{BodyID: fmk.ID, Name: "X", Email: "a" + model.Redact("b") + "@c.de"}); model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != "email" {
		t.Errorf("the store took a marked e-mail address: %v", err)
	}
}

// TestEvaluationQuestionRefusesMarks: the questions go as typed to the
// FachMK secretariats that answer them; marks are refused with the
// reason at the field and the question kept (before, "[[…]]" went into
// the questionnaire, and a refused question lost what was typed).
func TestEvaluationQuestionRefusesMarks(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", ts.URL+"/evaluation/fragen", url.Values{"text": {"Wie [[intern]] war es?"}, "gruppe": {"Austausch"}})
	if code != http.StatusBadRequest {
		t.Fatalf("%d", code)
	}
	for _, want := range []string{"Die Frage lesen die Geschäftsstellen der Fachministerkonferenzen, die den Fragebogen beantworten; vertrauliche Passagen ([[…]]) gibt es hier nicht.", `id="ev-text-fehler"`, `value="Wie [[intern]] war es?"`, `value="Austausch"`, `href="#ev-text"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused question lacks %s", want)
		}
	}
}

// TestInternalFieldsTakeMarks: texts only internal readers see — comments
// on the draft minutes (form and API), members' notes on documents, the
// checklist's notes, earlier decisions, briefing titles and guiding
// questions — take [[…]] as the decision text does: stored as passages,
// shown marked, an open or nested mark refused with the German reason
// and nothing stored (before, "[[" was stored as typed).
func TestInternalFieldsTakeMarks(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	open := "Die Markierung vertraulicher Passagen ist unvollständig"
	// The store, whoever calls it.
	if _, err := st.CreateComment(ctx, store.Comment{SessionID: 1, Author: "X", Text: "Zu TOP 3: [[offen"}); model.FieldOf(err) != "kommentar" || !strings.Contains(fmt.Sprint(err), open) {
		t.Errorf("comment with an open mark: %v", err)
	}
	if _, err := st.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: mustBody(t, st).ID, Number: model.DecisionNumber{Year: 2019, Seq: 4}, AdoptedOn: model.NewDate(2019, 3, 1), Title: "Titel", Note: "Akte ]] 12"}); model.FieldOf(err) != "hinweis" {
		t.Errorf("earlier decision with a stray close: %v", err)
	}
	if _, err := st.SaveDocumentNote(ctx, model.DocumentNote{DocumentID: 1, UserID: 1, Text: "[[a [[b]] c]]"}); !strings.Contains(fmt.Sprint(err), "verschachtelt") {
		t.Errorf("note with nested marks: %v", err)
	}
	tasks, err := st.Tasks(ctx)
	if err != nil || len(tasks) == 0 {
		t.Fatal(err)
	}
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if err := st.SaveTaskCheck(ctx, model.TaskCheck{TaskID: tasks[0].ID, ConferenceID: fmk.ID, Note: "[[offen"}, true); model.FieldOf(err) != "notiz" {
		t.Errorf("task check with an open mark: %v", err)
	}
	id, err := st.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: mustBody(t, st).ID, Number: model.DecisionNumber{Year: 2019, Seq: 4}, AdoptedOn: model.NewDate(2019, 3, 1), Title: "Titel [[intern]]"})
	if err != nil || id == 0 {
		t.Fatalf("earlier decision: %v", err)
	}

	// Briefings: title and guiding questions, through the form.
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", ts.URL+"/briefings", url.Values{"titel": {"Handakte [[Entwurf"}, "inhalt": {"Text"}, "leitfragen": {"Erste Frage\nZweite [[a [[b]]]]"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `id="br-titel-fehler"`) || !strings.Contains(page, `id="br-leitfragen-fehler"`) || !strings.Contains(page, `value="Handakte [[Entwurf"`) {
		t.Errorf("a briefing with open and nested marks: %d", code)
	}
	if code, body := do(t, gs, "POST", ts.URL+"/briefings", url.Values{"titel": {"Handakte [[Entwurf]]"}, "inhalt": {"Text"}, "leitfragen": {"Wie steht es um [[X]]?"}}); code != http.StatusSeeOther {
		t.Fatalf("briefing: %d %s", code, body)
	}
	_, page = do(t, gs, "GET", ts.URL+"/briefings", nil)
	if !strings.Contains(page, `Handakte `+markOpen+`Entwurf`+markClose) {
		t.Error("the briefing's title is not shown marked")
	}
}
