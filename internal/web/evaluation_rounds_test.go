package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestEvaluationRoundsCountQuestionnaires: the Geschäftsstelle's table of
// rounds counted answers (one per question) under "Antworten": one
// spokesperson's questionnaire of three questions stood as "3", the
// demo's 34 questionnaires of 2025 as "170" — read as people, five times
// too many, and not the count the results page gives ("Fragebögen"). And
// once answers were in, the form to change the round's questions was
// still offered, though saving it is refused. Now the table counts
// questionnaires under "Fragebögen", and the questions of a round with
// answers are listed, not offered for change.
func TestEvaluationRoundsCountQuestionnaires(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	qs, err := st.Questions(ctx)
	if err != nil || len(qs) < 5 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	openRound2026(t, ts.URL, gs, qs[:3])
	rows := func() string {
		_, page := do(t, gs, "GET", ts.URL+"/evaluation", nil)
		return between(page, "<caption>Evaluationsrunden</caption>", "</table>")
	}
	if got := rows(); !strings.Contains(got, `<th scope="col" role="columnheader">Fragebögen</th>`) || strings.Contains(got, ">Antworten<") {
		t.Errorf("the table of rounds does not count questionnaires:\n%s", got)
	}
	if _, page := do(t, gs, "GET", ts.URL+"/evaluation", nil); !strings.Contains(page, `action="/evaluation/2026/fragen"`) {
		t.Error("without answers the round's questions cannot be changed")
	}
	hb := client(t, ts, "sprecher-hb")
	answers := url.Values{"fachmk": {"FMK"}}
	for _, q := range qs[:3] {
		answers.Set(fmt.Sprintf("wert_%d", q.ID), "4")
	}
	if code, body := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", answers); code != http.StatusSeeOther {
		t.Fatalf("answers: %d %s", code, body)
	}
	got := rows()
	if !strings.Contains(got, `<th scope="row" role="rowheader">2026</th><td role="cell"><span class="cell-label" aria-hidden="true">Stand: </span>offen für Antworten</td><td role="cell"><span class="cell-label" aria-hidden="true">Fragen: </span>3</td><td role="cell"><span class="cell-label" aria-hidden="true">Fragebögen: </span>1</td>`) {
		t.Errorf("one questionnaire of three questions is not counted as one:\n%s", got)
	}
	if !strings.Contains(got, `<th scope="row" role="rowheader">2025</th><td role="cell"><span class="cell-label" aria-hidden="true">Stand: </span>abgeschlossen</td><td role="cell"><span class="cell-label" aria-hidden="true">Fragen: </span>5</td><td role="cell"><span class="cell-label" aria-hidden="true">Fragebögen: </span>34</td>`) {
		t.Errorf("the demo's 34 questionnaires of 2025 are not counted as 34:\n%s", got)
	}
	_, page := do(t, gs, "GET", ts.URL+"/evaluation", nil)
	if strings.Contains(page, `action="/evaluation/2026/fragen"`) || !strings.Contains(page, "Zur Runde 2026 liegen schon Antworten vor") || !strings.Contains(page, qs[2].Text) {
		t.Errorf("with answers in, the round's questions are still offered for change, or not listed:\n%s", between(page, "Runden verwalten", "abschließen"))
	}
}

// TestFachMKMyPageSaysItsQuestionnaireIsIn: the FachMK secretariat's "Mein
// Bereich" asked "den Fragebogen Ihrer Konferenz ausfüllen" while the round
// was open, also after it had answered — as if its answers were not
// stored. Once answered it says so and that they can be changed until the
// round closes.
func TestFachMKMyPageSaysItsQuestionnaireIsIn(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	qs, err := st.Questions(ctx)
	if err != nil || len(qs) < 3 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	openRound2026(t, ts.URL, gs, qs[:3])
	office := client(t, ts, "fmk")
	evaluation := func() string {
		_, page := do(t, office, "GET", ts.URL+"/mein-bereich", nil)
		return between(page, `<a href="/evaluation">Evaluation 2026</a>`, "</p>")
	}
	if got := evaluation(); !strings.Contains(got, "den Fragebogen Ihrer Konferenz ausfüllen") {
		t.Errorf("before answering: %q", got)
	}
	answers := url.Values{"fachmk": {"FMK"}}
	for _, q := range qs[:3] {
		answers.Set(fmt.Sprintf("wert_%d", q.ID), "3")
	}
	if code, body := do(t, office, "POST", ts.URL+"/evaluation/2026/antworten", answers); code != http.StatusSeeOther {
		t.Fatalf("answers: %d %s", code, body)
	}
	if got := evaluation(); strings.Contains(got, "ausfüllen") || !strings.Contains(got, "Ihre Antworten sind gespeichert") || !strings.Contains(got, "ändern") {
		t.Errorf("after answering, Mein Bereich says: %q", got)
	}
}

// TestSpokespersonMyPageAsksForTheQuestionnaires: a spokesperson answers
// the evaluation once per conference they speak for, yet their "Mein
// Bereich" said nothing of an open round (only a link "Evaluation" in a
// row of others), while the FachMK secretariat's asked it to fill its
// questionnaire in. Now it names the questionnaires still to fill in and
// those saved.
func TestSpokespersonMyPageAsksForTheQuestionnaires(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	hb := client(t, ts, "sprecher-hb")
	section := func() string {
		_, page := do(t, hb, "GET", ts.URL+"/mein-bereich", nil)
		return between(page, `id="h-sprecher-evaluation"`, "</section>")
	}
	if got := section(); got != "" {
		t.Errorf("without an open round: %q", got)
	}
	qs, err := st.Questions(ctx)
	if err != nil || len(qs) < 3 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	openRound2026(t, ts.URL, gs, qs[:3])
	got := strings.ReplaceAll(section(), "\u00ad", "")
	// The conferences joined with "und" (before: "für die …, für die …").
	if !strings.Contains(got, "Noch auszufüllen: der Fragebogen für die Finanzministerkonferenz und die Jugend- und Familienministerkonferenz.") || strings.Contains(got, "Gespeichert") {
		t.Errorf("with the round open, Mein Bereich says: %q", got)
	}
	answers := url.Values{"fachmk": {"FMK"}}
	for _, q := range qs[:3] {
		answers.Set(fmt.Sprintf("wert_%d", q.ID), "4")
	}
	if code, body := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", answers); code != http.StatusSeeOther {
		t.Fatalf("answers: %d %s", code, body)
	}
	got = strings.ReplaceAll(section(), "\u00ad", "")
	if !strings.Contains(got, "Noch auszufüllen: der Fragebogen für die Jugend- und Familienministerkonferenz.") || !strings.Contains(got, "Gespeichert: Ihre Antworten für die Finanzministerkonferenz;") {
		t.Errorf("after answering for the FMK, Mein Bereich says: %q", got)
	}
}
