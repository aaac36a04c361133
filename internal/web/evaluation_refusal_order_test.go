package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// evaluationIntro begins the round's introduction on the evaluation page.
const evaluationIntro = "<p>Jährlich bewerten die fachpolitischen Sprecher:innen"

// questionnaireStandFor gives the Stand the questionnaire of conference
// fachmk carries on page ("0" when the page has none).
func questionnaireStandFor(page, fachmk string) string {
	if i := strings.Index(page, `name="fachmk" value="`+fachmk+`"`); i >= 0 {
		return questionnaireStand(page[i:])
	}
	return "0"
}

// refusalFirst checks that page (of a refused form) opens with the box of
// id: in the page before the text intro, and the first alert of the page
// (the one refusal.js focuses, and the only one).
func refusalFirst(t *testing.T, name, page, id, intro string) {
	t.Helper()
	box, start := strings.Index(page, `id="`+id+`"`), strings.Index(page, intro)
	if box < 0 || start < 0 || box > start {
		t.Errorf("%s: the refusal box %s (at %d) does not precede the introduction (at %d)", name, id, box, start)
	}
	alerts := regexp.MustCompile(`<div class="error-box" role="alert" id="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(alerts) != 1 || alerts[0][1] != id {
		t.Errorf("%s: the alerts of the page are %v, want the box %s alone", name, alerts, id)
	}
	for _, p := range wellFormedProblems(page) {
		t.Errorf("%s: %s", name, p)
	}
}

// TestEvaluationRefusalStandsAboveTheIntroduction: a questionnaire refused
// as stale (another account or window saved meanwhile) showed its box in
// the form, below the round's long introduction: at 320 px its reason was
// one screen down, and a spokesperson's second questionnaire's two. The
// box now stands at the top of the page, as every refused form's does,
// names the conference and links the reason to the questionnaire; so do
// the box of answers sent after the round was closed and the box of a
// stale task of the role/task matrix (below the matrix and the list of
// conferences before).
func TestEvaluationRefusalStandsAboveTheIntroduction(t *testing.T) {
	ts, st, qs := evaluationRound(t, 2)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	wert := fmt.Sprintf("wert_%d", qs[0].ID)
	answers := func(fachmk, stand, score string) url.Values {
		return url.Values{"fachmk": {fachmk}, "stand": {stand}, wert: {score}}
	}
	plain := func(s string) string { return strings.ReplaceAll(s, "\u00ad", "") }

	// The FachMK secretariat's questionnaire, saved in another window.
	fmk := client(t, ts, "fmk")
	_, form := do(t, fmk, "GET", ts.URL+"/evaluation", nil)
	if code, body := do(t, fmk, "POST", ts.URL+"/evaluation/2026/antworten", answers("FMK", questionnaireStandFor(form, "FMK"), "5")); code != http.StatusSeeOther {
		t.Fatalf("answers from the other window: %d %s", code, between(body, "<main", "</main>"))
	}
	code, page := do(t, fmk, "POST", ts.URL+"/evaluation/2026/antworten", answers("FMK", questionnaireStandFor(form, "FMK"), "2"))
	if code != http.StatusConflict {
		t.Fatalf("answers from the older window: %d, want %d", code, http.StatusConflict)
	}
	refusalFirst(t, "the FachMK's stale questionnaire", page, "e0-fehler", evaluationIntro)
	box := plain(between(page, `id="e0-fehler"`, "</div>"))
	if !strings.Contains(box, "Ihre Antworten für die Finanzministerkonferenz sind nicht gespeichert:") || !strings.Contains(box, `<a href="#e0">Die Antworten dieses Fragebogens wurden inzwischen gespeichert`) {
		t.Errorf("the box does not name the conference or link the reason to the questionnaire: %s", box)
	}
	if !strings.Contains(page, `class="form wide evaluation-form" id="e0"`) || !strings.Contains(between(page, `id="e0-grund"`, "</div>"), "Nicht gespeichert: Die Antworten dieses Fragebogens wurden inzwischen gespeichert") {
		t.Errorf("the questionnaire does not say the reason again: %s", between(page, `id="e0"`, "</fieldset>"))
	}

	// A spokesperson's second questionnaire (the JFMK's).
	hb := client(t, ts, "sprecher-hb")
	_, form = do(t, hb, "GET", ts.URL+"/evaluation", nil)
	if code, _ := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", answers("JFMK", questionnaireStandFor(form, "JFMK"), "4")); code != http.StatusSeeOther {
		t.Fatalf("the spokesperson's answers from the other window: %d", code)
	}
	code, page = do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", answers("JFMK", questionnaireStandFor(form, "JFMK"), "3"))
	if code != http.StatusConflict {
		t.Fatalf("the spokesperson's answers from the older window: %d, want %d", code, http.StatusConflict)
	}
	refusalFirst(t, "the spokesperson's second questionnaire", page, "e1-fehler", evaluationIntro)
	if box := plain(between(page, `id="e1-fehler"`, "</div>")); !strings.Contains(box, "Ihre Antworten für die Jugend- und Familienministerkonferenz sind nicht gespeichert:") || !strings.Contains(box, `<a href="#e1">`) {
		t.Errorf("the spokesperson's box: %s", box)
	}

	// A reason at a question: the box on top links it there, the form
	// repeats no reason about the whole questionnaire.
	code, page = do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", answers("FMK", questionnaireStandFor(form, "FMK"), "7"))
	if code != http.StatusBadRequest {
		t.Fatalf("a score of 7: %d", code)
	}
	refusalFirst(t, "a score of 7", page, "e0-fehler", evaluationIntro)
	if box := between(page, `id="e0-fehler"`, "</div>"); !strings.Contains(box, fmt.Sprintf(`<a href="#e0-%d">Die Bewertung zu Frage 1 muss eine Zahl von 1 bis 5 sein.`, qs[0].ID)) || strings.Contains(page, `id="e0-grund"`) {
		t.Errorf("the reason at question 1: %s", box)
	}

	// Sent after the round was closed meanwhile.
	_, form = do(t, fmk, "GET", ts.URL+"/evaluation", nil)
	r, _ := st.Round(ctx, 2026)
	if code, _ := do(t, gs, "POST", ts.URL+"/evaluation/2026/schliessen", url.Values{"version": {fmt.Sprint(r.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	code, page = do(t, fmk, "POST", ts.URL+"/evaluation/2026/antworten", answers("FMK", questionnaireStandFor(form, "FMK"), "3"))
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("answers after the close: %d", code)
	}
	refusalFirst(t, "answers after the close", page, "ev-ungespeichert-fehler", evaluationIntro)
	if box := plain(between(page, `id="ev-ungespeichert-fehler"`, "</div>")); !strings.Contains(box, "Ihre Antworten für die Finanzministerkonferenz sind nicht gespeichert: Die Evaluationsrunde 2026 ist abgeschlossen") || !strings.Contains(box, `<a href="#ev-ungespeichert">`) {
		t.Errorf("the box of answers after the close: %s", box)
	}

	// A stale task of the role/task matrix.
	tasks, err := st.Tasks(ctx)
	if err != nil || len(tasks) == 0 {
		t.Fatalf("tasks: %v %v", tasks, err)
	}
	task := tasks[0]
	_, matrix := do(t, gs, "GET", ts.URL+"/aufgaben", nil)
	m := regexp.MustCompile(fmt.Sprintf(`(?s)id="aufgabe-%d".*?name="version" value="(\d+)"`, task.ID)).FindStringSubmatch(matrix)
	if m == nil {
		t.Fatalf("the matrix has no form for task %d", task.ID)
	}
	edit := func(text string) url.Values {
		return url.Values{"text": {text}, "sprecher": {string(task.Spokesperson)}, "fitko": {string(task.FITKO)},
			"wiederholung": {string(task.Recurrence)}, "position": {fmt.Sprint(task.Position)}, "version": {m[1]}}
	}
	path := fmt.Sprintf("%s/aufgaben/%d", ts.URL, task.ID)
	if code, _ := do(t, gs, "POST", path, edit(task.Text+" (erste Änderung)")); code != http.StatusSeeOther {
		t.Fatalf("the first edit of the task: %d", code)
	}
	code, page = do(t, gs, "POST", path, edit(task.Text+" (zweite Änderung)"))
	if code != http.StatusConflict {
		t.Fatalf("the edit from the older page: %d", code)
	}
	refusalFirst(t, "the stale task", page, "aufgabe-fehler", "<p>Die Übersicht der Aufgaben und Rollen")
	if box := between(page, `id="aufgabe-fehler"`, "</div>"); !strings.Contains(box, fmt.Sprintf(`<a href="#aufgabe-%d">Hier wurde inzwischen gespeichert`, task.ID)) {
		t.Errorf("the matrix's box does not lead to the form: %s", box)
	}
}

// TestEvaluationRefusalInTheFirstScreenInBrowser: at 320 px the box of a
// questionnaire refused as stale stood a screen below the top of the page,
// under the round's introduction. It now begins in the first screen, has
// the focus, and the page passes axe and does not scroll sideways; the
// role/task matrix's stacked cards name their cells there.
func TestEvaluationRefusalInTheFirstScreenInBrowser(t *testing.T) {
	browserTest(t)
	ts, _, qs := evaluationRound(t, 2)
	b := newBrowser(t, ts.URL)
	b.run("320 px", chromedp.EmulateViewport(320, 800))
	b.login("fmk")
	b.page("/evaluation")
	// The same questionnaire saved in another window.
	other := client(t, ts, "fmk")
	_, form := do(t, other, "GET", ts.URL+"/evaluation", nil)
	if code, _ := do(t, other, "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, "stand": {questionnaireStandFor(form, "FMK")}, fmt.Sprintf("wert_%d", qs[0].ID): {"5"}}); code != http.StatusSeeOther {
		t.Fatalf("answers from the other window: %d", code)
	}
	b.run("answer", chromedp.Click(fmt.Sprintf("#e0-%d-2", qs[0].ID), chromedp.ByID))
	b.submit("answers from the older window", `form[action="/evaluation/2026/antworten"]`)
	var where struct {
		Top, Screen float64
		Focused     string
		First       bool
	}
	b.run("where the box is", chromedp.Evaluate(`(() => {
		const box = document.getElementById("e0-fehler");
		const intro = Array.from(document.querySelectorAll("main p")).find(p => p.textContent.startsWith("Jährlich bewerten"));
		return {Top: box ? box.getBoundingClientRect().top + window.scrollY : -1, Screen: window.innerHeight,
			Focused: document.activeElement.id, First: !!(box && intro && (box.compareDocumentPosition(intro) & Node.DOCUMENT_POSITION_FOLLOWING))};
	})()`, &where))
	if where.Top < 0 || where.Top > where.Screen-100 || !where.First {
		t.Errorf("at 320 px the refusal box begins at %.0f px of a screen of %.0f px (before the introduction: %v), want its first lines in the first screen", where.Top, where.Screen, where.First)
	}
	if where.Focused != "e0-fehler" {
		t.Errorf("the focus is on %q, want the refusal box", where.Focused)
	}
	b.shot("evaluation-veraltet-320")
	noSidewaysScroll(t, b, "evaluation-veraltet")
	// The matrix's stacked cards name whose part a cell is.
	b.logout()
	b.login("geschaeftsstelle")
	b.run("320 px", chromedp.EmulateViewport(320, 800))
	b.page("/aufgaben")
	if got := b.text("table.stacked tbody tr td"); !strings.HasPrefix(got, "Sprecher:in: ") {
		t.Errorf("at 320 px the matrix's first cell reads %q, want it named Sprecher:in", got)
	}
	noSidewaysScroll(t, b, "aufgabenverteilung")
}

// TestTaskAndRoundTablesNameTheirCells: at phone width the tables of the
// role/task matrix, of a FachMK's checklist and of the evaluation rounds
// stack each row into a card and hide the column heads, and their cells
// stood there unnamed: "Verantwortlich" and "Unterstützend" without
// saying which is the spokesperson's and which FITKO's, a date without
// saying it is the deadline, "5" and "34" without saying they count
// questions and questionnaires. Each cell now carries its column's name
// for the stacked card (as the register's and the accounts' tables do).
func TestTaskAndRoundTablesNameTheirCells(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	for _, c := range []struct{ path, caption string }{
		{"/aufgaben", "Aufgaben"}, {"/fachmk/FMK/aufgaben", "Stand der Aufgaben"}, {"/evaluation", "Evaluationsrunden"},
	} {
		code, page := do(t, gs, "GET", ts.URL+c.path, nil)
		i := strings.Index(page, "<caption>"+c.caption+"</caption>")
		if code != http.StatusOK || i < 0 {
			t.Errorf("%s: %d, no table %q", c.path, code, c.caption)
			continue
		}
		open := page[strings.LastIndex(page[:i], "<table"):i]
		table := page[i : i+strings.Index(page[i:], "</table>")]
		cells := strings.Count(table, "<td")
		named := strings.Count(table, `<td role="cell"><span class="cell-label" aria-hidden="true">`)
		if !strings.Contains(open, `class="stacked"`) || cells == 0 || named != cells {
			t.Errorf("%s: %d of the %d cells of %q are named when stacked (%s)", c.path, named, cells, c.caption, open)
		}
		for _, p := range wellFormedProblems(page) {
			t.Errorf("%s: %s", c.path, p)
		}
	}
}
