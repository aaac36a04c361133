package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestOfficeEvaluationNavigationEveryRole: /evaluation and its results
// marked "Mein Bereich" as the current page for the secretariat, the
// spokespersons and the FachMK secretariats, but "FachMK und
// Sprecher:innen" for the member offices and the advisory members: the
// same page sat in two places of the menu, depending on who read it. It is
// one page for everyone — the round, its questions and results of the
// collaboration with the FachMK — and sits under "FachMK und
// Sprecher:innen" for every role that can open it.
func TestOfficeEvaluationNavigationEveryRole(t *testing.T) {
	ts, _ := cycleServer(t)
	const want = `<a href="/fachmk" aria-current="page">`
	for _, who := range []string{"geschaeftsstelle", "hessen", "bund", "dlt", "sprecher-he", "sprecher-hb", "fmk"} {
		c := client(t, ts, who)
		for _, p := range []string{"/evaluation", "/evaluation/ergebnisse"} {
			code, page := do(t, c, "GET", ts.URL+p, nil)
			if code != http.StatusOK {
				if who == "fmk" && p == "/evaluation/ergebnisse" {
					continue // the results are internal: not for a FachMK secretariat
				}
				t.Fatalf("%s on %s: %d", who, p, code)
			}
			nav := between(page, "<nav", "</nav>")
			if !strings.Contains(nav, want) || strings.Count(nav, `aria-current="page"`) != 1 {
				i := strings.Index(nav, `aria-current="page"`)
				t.Errorf("%s on %s: the navigation marks %q, want only %q", who, p, nav[max(0, i-60):max(0, i)], want)
			}
		}
	}
}

// TestOfficeEvaluationSaysWhatIsUnanswered: "Mein Bereich" told the
// spokesperson "noch 2 von 5 Fragen unbeantwortet" and led to
// /evaluation, which said it only once, in the notice right after the
// save; coming back, the questionnaire did not say which questions were
// still open. Now each begun questionnaire says where it stands.
func TestOfficeEvaluationSaysWhatIsUnanswered(t *testing.T) {
	ts, st := cycleServer(t)
	qs, err := st.Questions(context.Background())
	if err != nil || len(qs) < 5 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	openRound2026(t, ts.URL, client(t, ts, "geschaeftsstelle"), qs[:5])
	sp := client(t, ts, "sprecher-hb")
	_, page := do(t, sp, "GET", ts.URL+"/evaluation", nil)
	if strings.Contains(page, `id="e0-stand"`) {
		t.Errorf("a questionnaire not begun has a state: %s", between(page, `id="e0-stand"`, "</p>"))
	}
	two := url.Values{"fachmk": {"FMK"}, fmt.Sprintf("wert_%d", qs[0].ID): {"4"}, fmt.Sprintf("wert_%d", qs[2].ID): {"2"}}
	if code, body := do(t, sp, "POST", ts.URL+"/evaluation/2026/antworten", two); code != http.StatusSeeOther {
		t.Fatalf("the answers: %d %s", code, between(body, "<main", "</main>"))
	}
	_, page = do(t, sp, "GET", ts.URL+"/evaluation", nil)
	if got := officeText(between(page, `id="e0-stand"`, "</p>")); !strings.Contains(got, "Gespeichert sind Antworten auf 2 von 5 Fragen; noch unbeantwortet: Fragen 2, 4 und 5.") {
		t.Errorf("the questionnaire's state: %q", got)
	}
	_, page = do(t, sp, "GET", ts.URL+"/mein-bereich", nil)
	if got := officeText(between(page, `id="h-sprecher-evaluation"`, "</section>")); !strings.Contains(got, "noch 3 von 5 Fragen unbeantwortet") {
		t.Errorf("Mein Bereich: %q", got)
	}
	all := url.Values{"fachmk": {"FMK"}}
	for _, q := range qs[:5] {
		all.Set(fmt.Sprintf("wert_%d", q.ID), "3")
	}
	_, page = do(t, sp, "GET", ts.URL+"/evaluation", nil)
	all.Set("stand", postedForm(page, "/evaluation/2026/antworten").Get("stand"))
	if code, body := do(t, sp, "POST", ts.URL+"/evaluation/2026/antworten", all); code != http.StatusSeeOther {
		t.Fatalf("all answers: %d %s", code, between(body, "<main", "</main>"))
	}
	_, page = do(t, sp, "GET", ts.URL+"/evaluation", nil)
	if got := officeText(between(page, `id="e0-stand"`, "</p>")); !strings.Contains(got, "Alle 5 Fragen sind beantwortet") {
		t.Errorf("the finished questionnaire's state: %q", got)
	}
}
