package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestTaskStaleEditIsRefused: two edits of a row of the role/task matrix
// both saved, the second from a page read before the first, and the
// first change was gone. The form now carries the task's version; a save
// on an old one is refused with the reason and the typed input kept, and
// the stored row keeps the first change.
func TestTaskStaleEditIsRefused(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	tasks, err := st.Tasks(ctx)
	if err != nil || len(tasks) == 0 {
		t.Fatalf("tasks: %v %v", tasks, err)
	}
	task := tasks[0]
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/aufgaben", nil)
	version := "1" // the version the page shows for a task never changed
	if m := regexp.MustCompile(fmt.Sprintf(`(?s)id="aufgabe-%d".*?name="version" value="(\d+)"`, task.ID)).FindStringSubmatch(page); m != nil {
		version = m[1]
	}
	form := func(text string, rec model.Recurrence) url.Values {
		return url.Values{"text": {text}, "sprecher": {string(task.Spokesperson)}, "fitko": {string(task.FITKO)},
			"wiederholung": {string(rec)}, "position": {fmt.Sprint(task.Position)}, "version": {version}}
	}
	path := fmt.Sprintf("%s/aufgaben/%d", ts.URL, task.ID)
	if code, body := do(t, gs, "POST", path, form("Auftaktgespräch mit der FachMK-Geschäftsstelle", task.Recurrence)); code != http.StatusSeeOther {
		t.Fatalf("the first edit: %d %s", code, between(body, "<main", "</main>"))
	}
	other := model.RecurYear
	if task.Recurrence == model.RecurYear {
		other = model.RecurSession
	}
	code, page := do(t, gs, "POST", path, form(task.Text, other))
	if code != http.StatusConflict {
		t.Errorf("an edit from the older page: %d, want %d", code, http.StatusConflict)
	}
	if !strings.Contains(page, "Hier wurde inzwischen gespeichert") || !strings.Contains(page, fmt.Sprintf(`value="%s" selected`, other)) {
		t.Errorf("the refused form does not say why or lost the typed input: %s", between(page, "<main", "</main>"))
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}
	after, _ := st.Tasks(ctx)
	for _, x := range after {
		if x.ID == task.ID && (x.Text != "Auftaktgespräch mit der FachMK-Geschäftsstelle" || x.Recurrence != task.Recurrence) {
			t.Errorf("the first change is overwritten: %+v", x)
		}
	}
	// The refused form carries the version now stored: sent again on
	// purpose, it saves.
	m := regexp.MustCompile(fmt.Sprintf(`(?s)id="aufgabe-%d".*?name="version" value="(\d+)"`, task.ID)).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the refused form has no version")
	}
	version = m[1]
	if code, _ := do(t, gs, "POST", path, form(task.Text, other)); code != http.StatusSeeOther {
		t.Errorf("sent again from the refused form: %d", code)
	}
}

// TestDuplicateTaskAndQuestionNameTheField: a second task or evaluation
// question with a text that exists got "Ein Eintrag mit dieser Nummer
// oder diesem Namen existiert bereits." with no field; now the reason
// names the text at its field, as key messages do.
func TestDuplicateTaskAndQuestionNameTheField(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	tasks, _ := st.Tasks(ctx)
	qs, _ := st.Questions(ctx)
	if len(tasks) == 0 || len(qs) == 0 {
		t.Fatal("demo matrix or catalogue empty")
	}
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", ts.URL+"/aufgaben", url.Values{"text": {tasks[0].Text}, "sprecher": {"verantwortlich"}, "fitko": {""}, "wiederholung": {"einmalig"}, "position": {"20"}})
	want := fmt.Sprintf(`<p class="field-error" id="tx-0-fehler">Eine Aufgabe „%s“ gibt es bereits.`, tasks[0].Text)
	if code == http.StatusSeeOther || !strings.Contains(page, want) {
		t.Errorf("a second task of the same text: %d, want %q in %s", code, want, between(page, "<main", "</main>"))
	}
	code, page = do(t, gs, "POST", ts.URL+"/evaluation/fragen", url.Values{"text": {qs[0].Text}, "gruppe": {"Neu"}})
	want = fmt.Sprintf(`<p class="field-error" id="ev-text-fehler">Eine Evaluationsfrage „%s“ gibt es bereits.`, qs[0].Text)
	if code == http.StatusSeeOther || !strings.Contains(page, want) || !strings.Contains(page, `value="Neu"`) {
		t.Errorf("a second question of the same text: %d, want %q in %s", code, want, between(page, "<main", "</main>"))
	}
}

// questionnaireStand gives the Stand a questionnaire's form carries ("0" when the
// page has none).
func questionnaireStand(page string) string {
	if m := regexp.MustCompile(`name="stand" value="(\d+)"`).FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return "0"
}

// TestEvaluationAnswersOfAnotherAccountAreNotOverwritten: a FachMK's
// answers are its secretariat's, whichever account gives them; a second
// account that sent its older page replaced the first one's score and
// deleted its comment without a word. The form now carries the Stand of
// the answers it showed; on another Stand nothing is saved, the page says
// who changed the answers when, and shows the saved answers beside the
// typed ones.
func TestEvaluationAnswersOfAnotherAccountAreNotOverwritten(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	qs, err := st.Questions(ctx)
	if err != nil || len(qs) < 1 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	hash, _ := auth.HashPassword(demo.AccountPassword)
	if _, err := st.CreateUser(ctx, model.User{Username: "fmk-zwei", Name: "Zweites Konto FMK", Role: model.RoleFachMK, ConferenceID: fmk.ID}, hash); err != nil {
		t.Fatal(err)
	}
	openRound2026(t, ts.URL, client(t, ts, "geschaeftsstelle"), qs[:1])
	first, second := client(t, ts, "fmk"), client(t, ts, "fmk-zwei")
	_, page1 := do(t, first, "GET", ts.URL+"/evaluation", nil)
	_, page2 := do(t, second, "GET", ts.URL+"/evaluation", nil)
	wert, kommentar := fmt.Sprintf("wert_%d", qs[0].ID), fmt.Sprintf("kommentar_%d", qs[0].ID)
	if code, body := do(t, first, "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, "stand": {questionnaireStand(page1)}, wert: {"5"}, kommentar: {"Sehr gute Abstimmung"}}); code != http.StatusSeeOther {
		t.Fatalf("the first account's answers: %d %s", code, between(body, "<main", "</main>"))
	}
	code, page := do(t, second, "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, "stand": {questionnaireStand(page2)}, wert: {"2"}, kommentar: {""}})
	if code != http.StatusConflict {
		t.Errorf("answers from the older page: %d, want %d", code, http.StatusConflict)
	}
	for _, want := range []string{"inzwischen", "Geschäftsstelle FMK", "Sehr gute Abstimmung", fmt.Sprintf(`name="%s" value="2" checked`, wert)} {
		if !strings.Contains(page, want) {
			t.Errorf("the refused questionnaire lacks %q: %s", want, between(page, "<main", "</main>"))
		}
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}
	answers, _ := st.Answers(ctx, 2026)
	if len(answers) != 1 || answers[0].Score != 5 || answers[0].Comment != "Sehr gute Abstimmung" {
		t.Errorf("the first account's answer is overwritten: %+v", answers)
	}
	// Sent again from the refused page, on purpose: saved.
	if code, _ := do(t, second, "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, "stand": {questionnaireStand(page)}, wert: {"2"}, kommentar: {"Nach Rücksprache"}}); code != http.StatusSeeOther {
		t.Errorf("sent again on the Stand shown: %d", code)
	}
	if answers, _ := st.Answers(ctx, 2026); len(answers) != 1 || answers[0].Score != 2 {
		t.Errorf("the answer sent again: %+v", answers)
	}
}

// TestEvaluationAnswersAfterTheRoundClosedAreKept: answers sent after the
// round was closed meanwhile got the plain error page, the typed comments
// lost. The evaluation page now says why and shows what was typed.
func TestEvaluationAnswersAfterTheRoundClosedAreKept(t *testing.T) {
	ts, st, qs := evaluationRound(t, 1)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	fmk := client(t, ts, "fmk")
	_, form := do(t, fmk, "GET", ts.URL+"/evaluation", nil)
	r, _ := st.Round(ctx, 2026)
	if code, _ := do(t, gs, "POST", ts.URL+"/evaluation/2026/schliessen", url.Values{"version": {fmt.Sprint(r.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	code, page := do(t, fmk, "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, "stand": {questionnaireStand(form)}, fmt.Sprintf("wert_%d", qs[0].ID): {"4"},
		fmt.Sprintf("kommentar_%d", qs[0].ID): {"Die Nachbesprechungen helfen sehr"}})
	if code != http.StatusUnprocessableEntity {
		t.Errorf("answers after the close: %d", code)
	}
	for _, want := range []string{"<h1>Evaluation der Zusammenarbeit", "Die Evaluationsrunde 2026 ist abgeschlossen", "Die Nachbesprechungen helfen sehr", qs[0].Text} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q: %s", want, between(page, "<main", "</main>"))
		}
	}
	for _, p := range wellFormedProblems(page) {
		t.Error(p)
	}
	if answers, _ := st.Answers(ctx, 2026); len(answers) != 0 {
		t.Errorf("answers saved in a closed round: %+v", answers)
	}
}

// evaluationRound is the demo with the evaluation round 2026 opened by
// the secretariat on the first n of the questions, which it gives.
func evaluationRound(t *testing.T, n int) (*httptest.Server, *store.Store, []model.EvaluationQuestion) {
	t.Helper()
	ts, st := cycleServer(t)
	qs, err := st.Questions(context.Background())
	if err != nil || len(qs) < n {
		t.Fatalf("questions: %v %v", qs, err)
	}
	openRound2026(t, ts.URL, client(t, ts, "geschaeftsstelle"), qs[:n])
	return ts, st, qs
}
