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

// TestEvaluationSavedSaysWhenAndWhatIsLeft: a FachMK secretariat that
// saved its questionnaire came back to the same form with nothing telling
// it what was saved. The page it comes back to confirms it in the house's
// notice box, with the day and time it was saved and how many of the
// round's questions are still unanswered — or that all are answered.
func TestEvaluationSavedSaysWhenAndWhatIsLeft(t *testing.T) {
	now := time.Date(2026, 3, 10, 14, 5, 0, 0, model.Berlin)
	ts, st, _ := cycleServerOf(t, func(s *Server) { s.SetClock(func() time.Time { return now }) })
	qs, err := st.Questions(context.Background())
	if err != nil || len(qs) < 3 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	openRound2026(t, ts.URL, client(t, ts, "geschaeftsstelle"), qs[:3])
	fmk := client(t, ts, "fmk")
	save := func(answers url.Values) string {
		t.Helper()
		answers.Set("fachmk", "FMK")
		_, form := do(t, fmk, "GET", ts.URL+"/evaluation", nil)
		answers.Set("stand", questionnaireStand(form)) // the Stand the page shows
		if code, body := do(t, fmk, "POST", ts.URL+"/evaluation/2026/antworten", answers); code != http.StatusSeeOther {
			t.Fatalf("answers: %d %s", code, between(body, "<main", "</main>"))
		}
		_, page := do(t, fmk, "GET", ts.URL+"/evaluation", nil)
		return strings.ReplaceAll(between(page, `<div class="notice-box" role="status">`, "</div>"), "\u00ad", "")
	}
	got := save(url.Values{fmt.Sprintf("wert_%d", qs[0].ID): {"3"}})
	if want := "<p>Ihre Antworten für die Finanzministerkonferenz sind gespeichert (10.03.2026, 14:05 Uhr). Noch unbeantwortet: 2 von 3 Fragen. Sie können sie bis zum Abschluss der Runde ergänzen.</p>"; got != want {
		t.Errorf("after one answer the notice is\n%q, want\n%q", got, want)
	}
	got = save(url.Values{fmt.Sprintf("wert_%d", qs[0].ID): {"3"}, fmt.Sprintf("wert_%d", qs[1].ID): {"4"}, fmt.Sprintf("wert_%d", qs[2].ID): {"5"}})
	if want := "<p>Ihre Antworten für die Finanzministerkonferenz sind gespeichert (10.03.2026, 14:05 Uhr). Alle 3 Fragen sind beantwortet. Danke!</p>"; got != want {
		t.Errorf("after all answers the notice is\n%q, want\n%q", got, want)
	}
}
