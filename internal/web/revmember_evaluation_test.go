package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestHessensSpokespersonHasAQuestionnaire: the README tells a visitor to
// log in as Hessen's office; Hessen holds the spokesperson post for the
// Verkehrsministerkonferenz (Tabelle 4), but the demo had a spokesperson
// account only for Bremen, so Hessen's part of the evaluation — the
// questionnaire for the VMK — could not be seen or answered in the demo.
// The demo has Hessen's spokesperson account (sprecher-he), and it gets
// the VMK's questionnaire in the open round.
func TestHessensSpokespersonHasAQuestionnaire(t *testing.T) {
	ts, st := cycleServer(t)
	qs, err := st.Questions(context.Background())
	if err != nil || len(qs) == 0 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	openRound2026(t, ts.URL, client(t, ts, "geschaeftsstelle"), qs)
	he := client(t, ts, "sprecher-he")
	code, page := do(t, he, "GET", ts.URL+"/evaluation", nil)
	page = strings.ReplaceAll(page, "\u00ad", "")
	if code != http.StatusOK || !strings.Contains(page, "Fragebogen für die Verkehrsministerkonferenz") || strings.Contains(page, "kein Fragebogen vorgesehen") {
		t.Errorf("Hessen's spokesperson on /evaluation: %d, no questionnaire for the VMK", code)
	}
	if _, mine := do(t, he, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(strings.ReplaceAll(mine, "\u00ad", ""), "Verkehrsministerkonferenz") {
		t.Errorf("Hessen's spokesperson's Mein Bereich does not name the VMK")
	}
}

// TestMemberOfficeIsToldWhoAnswersTheEvaluation: Hessen's office on
// /evaluation read only "Für Sie ist in dieser Runde kein Fragebogen
// vorgesehen." — not why, nor who answers for the Land, nor where to go.
// The page says that the spokespersons (for each FachMK they speak for)
// and the FachMK secretariats answer, and links the overview of who
// speaks for which conference.
func TestMemberOfficeIsToldWhoAnswersTheEvaluation(t *testing.T) {
	ts, st := cycleServer(t)
	qs, err := st.Questions(context.Background())
	if err != nil || len(qs) == 0 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	openRound2026(t, ts.URL, client(t, ts, "geschaeftsstelle"), qs)
	_, page := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/evaluation", nil)
	got := between(page, `id="ev-kein-fragebogen"`, "</p>")
	for _, want := range []string{"fachpolitischen Sprecher:innen", "Geschäftsstellen der Fachministerkonferenzen", `href="/fachmk"`} {
		if !strings.Contains(got, want) {
			t.Errorf("Hessen's office on /evaluation: %q lacks %q", got, want)
		}
	}
}
