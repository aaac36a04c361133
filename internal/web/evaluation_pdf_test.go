package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestEvaluationPDFWithholdsSmallCounts: the results PDF follows the
// rule of the results page and CSV (TestEvaluationThroughThePages) for a
// reader other than the secretariat: a running round is not in it at
// all, and a mean of fewer than model.EvaluationMinForms questionnaires
// stands as "–" with its number of questionnaires and without its
// comments; the means of the demo's past rounds stay. The secretariat's
// PDF gives the mean; a FachMK secretariat gets no results at all.
func TestEvaluationPDFWithholdsSmallCounts(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	hb := client(t, ts, "sprecher-hb")
	qs, err := st.Questions(t.Context())
	if err != nil || len(qs) < 3 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	pdfText := func(c *http.Client) string {
		t.Helper()
		code, pdf := do(t, c, "GET", ts.URL+"/evaluation/ergebnisse.pdf", nil)
		if code != http.StatusOK {
			t.Fatalf("results PDF: %d", code)
		}
		return pdftest.Words(t, []byte(pdf))
	}
	// A FachMK secretariat reads no results, in no format.
	for _, p := range []string{"/evaluation/ergebnisse.pdf", "/evaluation/ergebnisse.csv"} {
		if code, _ := do(t, client(t, ts, "fmk"), "GET", ts.URL+p, nil); code != http.StatusForbidden {
			t.Errorf("a FachMK secretariat reads %s: %d", p, code)
		}
	}
	openRound2026(t, ts.URL, gs, qs[:3])
	const comment = "Gemeinsamer Workshop zur E-Rechnung"
	if code, body := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"},
		fmt.Sprintf("wert_%d", qs[0].ID): {"5"}, fmt.Sprintf("wert_%d", qs[1].ID): {"4"}, fmt.Sprintf("kommentar_%d", qs[0].ID): {comment}}); code != http.StatusSeeOther {
		t.Fatalf("HB's answers: %d %.300s", code, body)
	}
	if code, _ := do(t, client(t, ts, "fmk"), "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, fmt.Sprintf("wert_%d", qs[0].ID): {"3"}}); code != http.StatusSeeOther {
		t.Fatalf("the FachMK secretariat's answer: %d", code)
	}
	// A year's row of a results table: "2026 4,0 2" (mean, questionnaires).
	row := regexp.MustCompile(`\b2026 (\d,\d|–) (\d+)\b`)
	past := regexp.MustCompile(`\b2025 \d,\d \d+\b`)

	// The round runs: the spokesperson's PDF has no 2026 at all.
	text := pdfText(hb)
	if m := row.FindString(text); m != "" {
		t.Errorf("the spokesperson's PDF shows the running round: %q\n%s", m, text)
	}
	if strings.Contains(text, comment) {
		t.Errorf("the spokesperson's PDF shows a comment of the running round")
	}
	if !past.MatchString(text) {
		t.Errorf("the spokesperson's PDF lacks the means of the past rounds:\n%s", text)
	}
	if text := pdfText(gs); !strings.Contains(text, "2026 4,0 2") {
		t.Errorf("the secretariat's PDF lacks the running round's mean (5 and 3 → 4,0 of 2):\n%s", text)
	}

	r, _ := st.Round(t.Context(), 2026)
	if code, _ := do(t, gs, "POST", ts.URL+"/evaluation/2026/schliessen", url.Values{"version": {fmt.Sprint(r.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	// Closed: no 2026 mean for the spokesperson — the first question's
	// rests on two questionnaires, the others' on fewer — and no mean of
	// any year from fewer than three.
	text = pdfText(hb)
	if !strings.Contains(text, "2026 – 2") {
		t.Errorf("the spokesperson's PDF lacks the closed round 2026 with its mean withheld (2026 – 2):\n%s", text)
	}
	if m := row.FindAllStringSubmatch(text, -1); len(m) == 0 {
		t.Errorf("the spokesperson's PDF lacks the closed round 2026:\n%s", text)
	}
	anyYear := regexp.MustCompile(`\b20\d\d (\d,\d) (\d+)\b`)
	for _, m := range anyYear.FindAllStringSubmatch(text, -1) {
		if n, _ := strconv.Atoi(m[2]); n < model.EvaluationMinForms {
			t.Errorf("the spokesperson's PDF shows the mean %q of fewer than %d questionnaires", m[0], model.EvaluationMinForms)
		}
	}
	if strings.Contains(text, comment) {
		t.Error("the spokesperson's PDF shows the comment of a year of two questionnaires")
	}
	if !past.MatchString(text) {
		t.Errorf("the spokesperson's PDF lacks the means of the past rounds:\n%s", text)
	}
	if text := pdfText(gs); !strings.Contains(text, "2026 4,0 2") || !strings.Contains(text, comment) {
		t.Errorf("the secretariat's PDF lacks the closed round's mean or comment:\n%s", text)
	}
}
