package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestMyPageKeepsAHalfFilledQuestionnaireOpen: a FachMK secretariat (and
// a spokesperson) that answered some of the round's questions was told on
// "Mein Bereich" "Ihre Antworten sind gespeichert" and asked no more,
// while /evaluation said "Noch unbeantwortet: 1 von 3 Fragen"
// (evaluationDue counted a questionnaire with any answer as done). The
// answers are counted against the round's catalogue: begun and not
// finished, the page says how many questions are still open and asks to
// complete it.
func TestMyPageKeepsAHalfFilledQuestionnaireOpen(t *testing.T) {
	ts, st := cycleServer(t)
	qs, err := st.Questions(context.Background())
	if err != nil || len(qs) < 3 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	openRound2026(t, ts.URL, client(t, ts, "geschaeftsstelle"), qs[:3])
	two := url.Values{"fachmk": {"FMK"}, fmt.Sprintf("wert_%d", qs[0].ID): {"3"}, fmt.Sprintf("wert_%d", qs[1].ID): {"4"}}

	office := client(t, ts, "fmk")
	if code, body := do(t, office, "POST", ts.URL+"/evaluation/2026/antworten", two); code != http.StatusSeeOther {
		t.Fatalf("answers: %d %s", code, body)
	}
	_, page := do(t, office, "GET", ts.URL+"/mein-bereich", nil)
	got := between(page, `<a href="/evaluation">Evaluation 2026</a>`, "</p>")
	if strings.Contains(got, "Ihre Antworten sind gespeichert") || !strings.Contains(got, "noch 1 von 3 Fragen unbeantwortet") || !strings.Contains(got, "ergänzen") {
		t.Errorf("the FachMK secretariat's Mein Bereich after 2 of 3 answers: %q", got)
	}

	hb := client(t, ts, "sprecher-hb")
	if code, body := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", two); code != http.StatusSeeOther {
		t.Fatalf("answers: %d %s", code, body)
	}
	_, page = do(t, hb, "GET", ts.URL+"/mein-bereich", nil)
	got = strings.ReplaceAll(between(page, `id="h-sprecher-evaluation"`, "</section>"), "\u00ad", "")
	if strings.Contains(got, "Gespeichert: Ihre Antworten für die Finanzministerkonferenz") || !strings.Contains(got, "Zu ergänzen: der Fragebogen für die Finanzministerkonferenz – <strong>noch 1 von 3 Fragen unbeantwortet</strong>.") {
		t.Errorf("the spokesperson's Mein Bereich after 2 of 3 answers for the FMK: %q", got)
	}
}
