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

	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestEvaluationThroughThePages: the secretariat opens the round, a
// spokesperson and a FachMK secretariat answer, the round closes, the
// results show the new year beside the demo's two past rounds, as charts
// with tables, CSV and PDF.
func TestEvaluationThroughThePages(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	qs, err := st.Questions(ctx)
	if err != nil || len(qs) < 5 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	// The demo's past rounds give the trend already.
	_, page := do(t, gs, "GET", ts.URL+"/evaluation/ergebnisse", nil)
	for _, want := range []string{"<svg", "2024", "2025", qs[0].Text, "Finanzministerkonferenz", `role="img"`} {
		if !strings.Contains(page, want) {
			t.Errorf("results page lacks %q", want)
		}
	}
	// A FachMK secretariat is asked to fill in the questionnaire only
	// while a round is open (before: always, and the evaluation page then
	// said no round was open).
	fmkOffice := client(t, ts, "fmk")
	if _, page := do(t, fmkOffice, "GET", ts.URL+"/mein-bereich", nil); strings.Contains(page, "Fragebogen Ihrer Konferenz ausfüllen") || !strings.Contains(page, "Zurzeit ist keine Evaluationsrunde offen") {
		t.Error("without an open round the FachMK secretariat is asked to fill in the questionnaire")
	}
	openRound2026(t, ts.URL, gs, qs[:3])
	if _, page := do(t, fmkOffice, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, "Evaluation 2026</a> – den Fragebogen Ihrer Konferenz ausfüllen") {
		t.Error("the open round is not offered to the FachMK secretariat")
	}
	hb := client(t, ts, "sprecher-hb")
	_, page = do(t, hb, "GET", ts.URL+"/evaluation", nil)
	// The heading breaks between the parts of the name (soft hyphens).
	if !strings.Contains(strings.ReplaceAll(page, "\u00ad", ""), "Fragebogen für die Finanzministerkonferenz") || strings.Contains(page, qs[4].Text) {
		t.Fatalf("the spokesperson's questionnaire is wrong")
	}
	answers := url.Values{"fachmk": {"FMK"}, fmt.Sprintf("wert_%d", qs[0].ID): {"5"}, fmt.Sprintf("wert_%d", qs[1].ID): {"4"},
		fmt.Sprintf("kommentar_%d", qs[1].ID): {"Gemeinsamer Workshop zur E-Rechnung"}}
	if code, body := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", answers); code != http.StatusSeeOther {
		t.Fatalf("answers: %d %s", code, body)
	}
	if code, _ := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"GMK"}, fmt.Sprintf("wert_%d", qs[0].ID): {"1"}}); code != http.StatusForbidden {
		t.Errorf("answer for a conference HB does not speak for: %d", code)
	}
	if code, _ := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, fmt.Sprintf("wert_%d", qs[0].ID): {"7"}}); code != http.StatusBadRequest {
		t.Errorf("score 7: %d", code)
	}
	if code, _ := do(t, client(t, ts, "fmk"), "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, fmt.Sprintf("wert_%d", qs[0].ID): {"3"}}); code != http.StatusSeeOther {
		t.Errorf("the FachMK secretariat's answer: %d", code)
	}
	// While the round runs, a spokesperson does not see it: its means
	// would move with each questionnaire.
	if _, page := do(t, hb, "GET", ts.URL+"/evaluation/ergebnisse", nil); strings.Contains(page, `<th scope="row">2026</th>`) {
		t.Error("a spokesperson reads the running round's results")
	}
	r, _ := st.Round(ctx, 2026)
	if code, _ := do(t, gs, "POST", ts.URL+"/evaluation/2026/schliessen", url.Values{"version": {fmt.Sprint(r.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	// Closed, a mean of fewer than three questionnaires is withheld from
	// the spokesperson, and its comments: two questionnaires, one of them
	// the FachMK secretariat's rating of the spokesperson reading it
	// (before: "2,0 – Fragebögen 1" was that rating).
	for _, p := range []string{"/evaluation/ergebnisse", "/evaluation/ergebnisse.csv"} {
		_, page := do(t, hb, "GET", ts.URL+p, nil)
		if strings.Contains(page, "4,0") && strings.Contains(page, "2026") && (strings.Contains(page, `<th scope="row">2026</th><td>4,0</td>`) || strings.Contains(page, ";2026;4,0;")) {
			t.Errorf("%s: the spokesperson reads a mean of two questionnaires", p)
		}
		if strings.Contains(page, "Gemeinsamer Workshop zur E-Rechnung") {
			t.Errorf("%s: the spokesperson reads the comment of a year of two questionnaires", p)
		}
	}
	if _, page := do(t, hb, "GET", ts.URL+"/evaluation/ergebnisse", nil); !strings.Contains(page, `<th scope="row">2026</th><td>–</td><td>2</td>`) {
		t.Error("the spokesperson's results do not show the 2026 row withheld")
	}
	if code, _ := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", answers); code != http.StatusUnprocessableEntity {
		t.Errorf("answer after closing: %d", code)
	}
	_, page = do(t, gs, "GET", ts.URL+"/evaluation/ergebnisse", nil)
	i := strings.Index(page, qs[0].Text+"</h3>")
	if i < 0 {
		t.Fatal("no block for the first question")
	}
	block := page[i:]
	block = block[:strings.Index(block, "</section>")]
	if !strings.Contains(block, `<th scope="row">2026</th><td>4,0</td><td>2</td>`) || !strings.Contains(block, "2026: 4,0") {
		t.Errorf("2026 result of question 1 (5 and 3 → 4,0 of 2):\n%s", block)
	}
	if !strings.Contains(page, "Gemeinsamer Workshop zur E-Rechnung") {
		t.Error("the comment is missing")
	}
	_, csv := do(t, gs, "GET", ts.URL+"/evaluation/ergebnisse.csv", nil)
	if !strings.HasPrefix(csv, "\ufeff") || !strings.Contains(csv, "je Frage;"+qs[0].Text+";2026;4,0;2") {
		t.Errorf("csv:\n%s", csv)
	}
	// Per FachMK the count is of questionnaires: HB's two answers and the
	// FMK secretariat's one are two forms (before: "3 Antworten", the
	// answers to all questions, read as three people).
	if !strings.Contains(csv, "je Fachministerkonferenz;Finanzministerkonferenz;2026;4,0;2\r\n") && !strings.Contains(csv, "je Fachministerkonferenz;Finanzministerkonferenz;2026;4,0;2\n") {
		t.Errorf("csv, FMK 2026 (5, 4 and 3 → 4,0 from 2 questionnaires):\n%s", csv)
	}
	if i := strings.Index(strings.ReplaceAll(page, "\u00ad", ""), "Finanzministerkonferenz</h3>"); i < 0 || !strings.Contains(strings.ReplaceAll(page, "\u00ad", "")[i:], `<th scope="row">2026</th><td>4,0</td><td>2</td>`) {
		t.Error("results page, FMK 2026: not 4,0 from 2 questionnaires")
	}
	res, err := gs.Get(ts.URL + "/evaluation/ergebnisse.pdf")
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if txt := pdftest.Words(t, pdf); !strings.Contains(txt, "2026 4,0 2") || !strings.Contains(txt, "Finanzministerkonferenz") {
		t.Errorf("pdf text:\n%s", txt)
	}
	// The results are internal.
	if code, _ := do(t, client(t, ts, "fmk"), "GET", ts.URL+"/evaluation/ergebnisse", nil); code != http.StatusForbidden {
		t.Errorf("a FachMK secretariat reads the results: %d", code)
	}
}

// TestCollaborationPagesAreWellFormed: the pages of issue 16, as the
// secretariat, a spokesperson and a FachMK secretariat see them, are
// well-formed HTML.
func TestCollaborationPagesAreWellFormed(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 30)))
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	bs, _ := st.Briefings(ctx, fmk.ID)
	qs, _ := st.Requests(ctx, 0)
	pages := map[string][]string{
		"geschaeftsstelle": {"/anliegen", fmt.Sprintf("/anliegen/%d", qs[0].ID), "/sitzungen/48/reporting-fachmk", "/evaluation", "/evaluation/ergebnisse",
			"/briefings", fmt.Sprintf("/briefings/%d", bs[0].ID), "/aufgaben", "/fachmk/FMK/aufgaben", "/sitzungen/48", "/sitzungen/48/verwaltung"},
		"sprecher-hb": {"/mein-bereich", "/sitzungen/48/reporting-fachmk", "/evaluation", "/fachmk/FMK/aufgaben"},
		"fmk":         {"/anliegen", "/evaluation", "/fachmk/FMK"},
	}
	for user, paths := range pages {
		c := client(t, ts, user)
		for _, p := range paths {
			code, body := do(t, c, "GET", ts.URL+p, nil)
			if code != http.StatusOK {
				t.Errorf("%s %s: %d", user, p, code)
				continue
			}
			for _, problem := range wellFormedProblems(body) {
				t.Errorf("%s %s: %s", user, p, problem)
			}
		}
	}
}

// TestEvaluationRemarkWithoutScoreIsKept: a remark typed to a question
// left without a score was dropped without a word while the page said the
// answers were saved. The questionnaire now comes back unsaved, naming
// the question, with the scores and remarks as typed.
func TestEvaluationRemarkWithoutScoreIsKept(t *testing.T) {
	ts, st := cycleServer(t)
	qs, err := st.Questions(context.Background())
	if err != nil || len(qs) < 3 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	openRound2026(t, ts.URL, client(t, ts, "geschaeftsstelle"), qs[:3])
	hb := client(t, ts, "sprecher-hb")
	answers := url.Values{"fachmk": {"FMK"}, fmt.Sprintf("wert_%d", qs[0].ID): {"4"},
		fmt.Sprintf("kommentar_%d", qs[1].ID): {"Enge Abstimmung mit der FMK-Geschäftsstelle"}}
	code, page := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", answers)
	if code != http.StatusBadRequest || !strings.Contains(page, "Zu Frage 2 steht eine Anmerkung, aber keine Bewertung.") {
		t.Fatalf("remark without a score: %d, the question is not named", code)
	}
	if !strings.Contains(page, ">Enge Abstimmung mit der FMK-Geschäftsstelle</textarea>") {
		t.Error("the remark is not kept")
	}
	if !strings.Contains(page, fmt.Sprintf(`name="wert_%d" value="4" checked`, qs[0].ID)) {
		t.Error("the score of question 1 is not kept")
	}
	if got, _ := st.Answers(context.Background(), 2026); len(got) != 0 {
		t.Errorf("answers saved although refused: %v", got)
	}
	answers.Set(fmt.Sprintf("wert_%d", qs[1].ID), "3")
	if code, _ := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", answers); code != http.StatusSeeOther {
		t.Fatalf("with the score: %d", code)
	}
	if _, page := do(t, hb, "GET", ts.URL+"/evaluation", nil); !strings.Contains(page, ">Enge Abstimmung mit der FMK-Geschäftsstelle</textarea>") {
		t.Error("the remark was not saved with its score")
	}
}

// TestEvaluationGivesEveryReasonAtItsQuestion: a refused questionnaire
// said its reasons in one sentence above the form, tied to no question,
// and a score that was no number from 1 to 5 (a client bypassing the
// radio buttons) gave an error page that lost every answer typed; opening
// a round with a year that is no number gave an error page, and only
// after correcting it the next one said that no question was checked.
// Every reason now stands at its question or field and all of them above
// the form, each linked to it, with everything typed kept.
func TestEvaluationGivesEveryReasonAtItsQuestion(t *testing.T) {
	ts, st := cycleServer(t)
	qs, err := st.Questions(context.Background())
	if err != nil || len(qs) < 3 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	roundsBefore, _ := st.Rounds(context.Background())
	// Opening a round: no year, no question.
	code, page := do(t, gs, "POST", ts.URL+"/evaluation/runden", url.Values{"jahr": {"zweitausendsechsundzwanzig"}})
	if code != http.StatusBadRequest {
		t.Errorf("open a round without year and questions: %d", code)
	}
	box := between(page, `<div class="error-box" role="alert" id="runde-neu-fehler" tabindex="-1">`, "</div>")
	for id, reason := range map[string]string{"ev-jahr": "Bitte das Jahr der Runde als Zahl angeben", "ev-fragen": "Eine Evaluationsrunde braucht mindestens eine Frage."} {
		if !strings.Contains(box, `<a href="#`+id+`">`+reason) {
			t.Errorf("the box does not link %q to %s: %s", reason, id, box)
		}
		if !strings.Contains(between(page, `<p class="field-error" id="`+id+`-fehler">`, "</p>"), reason) || !strings.Contains(page, `aria-describedby="`+id+`-fehler"`) {
			t.Errorf("%q is not at the field %s", reason, id)
		}
	}
	if !strings.Contains(page, `value="zweitausendsechsundzwanzig"`) || strings.Contains(between(page, `action="/evaluation/runden"`, "</form>"), " checked") {
		t.Error("the form does not show what was typed")
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}
	if rounds, _ := st.Rounds(context.Background()); len(rounds) != len(roundsBefore) {
		t.Errorf("a refused round was opened: %+v", rounds)
	}

	// A FachMK secretariat is asked to fill in the questionnaire only
	// while a round is open (before: always, and the evaluation page then
	// said no round was open).
	fmkOffice := client(t, ts, "fmk")
	if _, page := do(t, fmkOffice, "GET", ts.URL+"/mein-bereich", nil); strings.Contains(page, "Fragebogen Ihrer Konferenz ausfüllen") || !strings.Contains(page, "Zurzeit ist keine Evaluationsrunde offen") {
		t.Error("without an open round the FachMK secretariat is asked to fill in the questionnaire")
	}
	openRound2026(t, ts.URL, gs, qs[:3])
	if _, page := do(t, fmkOffice, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, "Evaluation 2026</a> – den Fragebogen Ihrer Konferenz ausfüllen") {
		t.Error("the open round is not offered to the FachMK secretariat")
	}
	hb := client(t, ts, "sprecher-hb")
	answers := url.Values{"fachmk": {"FMK"},
		fmt.Sprintf("wert_%d", qs[0].ID): {"7"}, fmt.Sprintf("kommentar_%d", qs[0].ID): {"Sehr gut"},
		fmt.Sprintf("kommentar_%d", qs[1].ID): {"Enge Abstimmung"},
		fmt.Sprintf("kommentar_%d", qs[2].ID): {"Regelmäßige Treffen"}}
	code, page = do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", answers)
	if code != http.StatusBadRequest {
		t.Fatalf("refused answers: %d", code)
	}
	box = between(page, `<div class="error-box" role="alert" id="e0-fehler" tabindex="-1">`, "</div>")
	for i, reason := range []string{"Die Bewertung zu Frage 1 muss eine Zahl von 1 bis 5 sein.",
		"Zu Frage 2 steht eine Anmerkung, aber keine Bewertung.", "Zu Frage 3 steht eine Anmerkung, aber keine Bewertung."} {
		id := fmt.Sprintf("e0-%d", qs[i].ID)
		if !strings.Contains(box, `<a href="#`+id+`">`+reason) {
			t.Errorf("the box does not link %q to %s: %s", reason, id, box)
		}
		if !strings.Contains(page, `<fieldset class="scale" id="`+id+`" aria-describedby="`+id+`-fehler">`) ||
			!strings.Contains(between(page, `<p class="field-error" id="`+id+`-fehler">`, "</p>"), reason) {
			t.Errorf("%q is not at question %d", reason, i+1)
		}
	}
	for _, kept := range []string{">Sehr gut</textarea>", ">Enge Abstimmung</textarea>", ">Regelmäßige Treffen</textarea>"} {
		if !strings.Contains(page, kept) {
			t.Errorf("the remark %s is lost", kept)
		}
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}
	if got, _ := st.Answers(context.Background(), 2026); len(got) != 0 {
		t.Errorf("answers saved although refused: %v", got)
	}
}

// openRound2026 has the secretariat (gs) open the evaluation round 2026
// with the questions qs.
func openRound2026(t *testing.T, base string, gs *http.Client, qs []model.EvaluationQuestion) {
	t.Helper()
	open := url.Values{"jahr": {"2026"}}
	for _, q := range qs {
		open.Add("frage", fmt.Sprint(q.ID))
	}
	if code, body := do(t, gs, "POST", base+"/evaluation/runden", open); code != http.StatusSeeOther {
		t.Fatalf("open round: %d %s", code, body)
	}
}

// TestOpenRoundSaysTheYearWithTheQuestions: a round for a year that has
// one, without a question, is told both at their fields. Before, "mindestens
// eine Frage" hid "Für … gibt es bereits eine Evaluationsrunde".
func TestOpenRoundSaysTheYearWithTheQuestions(t *testing.T) {
	ts, st := cycleServer(t)
	rounds, err := st.Rounds(context.Background())
	if err != nil || len(rounds) == 0 {
		t.Fatalf("no round in the demo: %v", err)
	}
	year := fmt.Sprint(rounds[0].Year)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "POST", ts.URL+"/evaluation/runden", url.Values{"jahr": {year}})
	box := between(page, `<div class="error-box" role="alert" id="runde-neu-fehler" tabindex="-1">`, "</div>")
	for id, reason := range map[string]string{"ev-jahr": "Für " + year + " gibt es bereits eine Evaluationsrunde.", "ev-fragen": "Eine Evaluationsrunde braucht mindestens eine Frage."} {
		if !strings.Contains(box, `<a href="#`+id+`">`+reason) {
			t.Errorf("the box does not link %q to %s: %s", reason, id, box)
		}
		if !strings.Contains(between(page, `<p class="field-error" id="`+id+`-fehler">`, "</p>"), reason) {
			t.Errorf("%q is not at the field %s", reason, id)
		}
	}
}
