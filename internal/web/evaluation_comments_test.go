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
)

// TestEvaluationCommentsAreShownAsTheFormSays: the evaluation's free-text
// "Anmerkung" stood verbatim on the results, in the order of the
// answering accounts, for every internal reader, while the form promised
// that the answers go into means only, none of them recognisable. The
// comments now come sorted by their text (never by respondent), only
// where the question's mean is shown, on the page and in the PDF; and the
// form says at the field that they are read word for word without a
// name, so nobody writes one in believing it private.
func TestEvaluationCommentsAreShownAsTheFormSays(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	qs, err := st.Questions(ctx)
	if err != nil || len(qs) < 1 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	openRound2026(t, ts.URL, gs, qs[:1])
	// The form says what becomes of a comment.
	for _, who := range []string{"fmk", "sprecher-hb"} {
		_, page := do(t, client(t, ts, who), "GET", ts.URL+"/evaluation", nil)
		for _, want := range []string{"Anmerkung (optional, wird wörtlich ohne Namen gezeigt)", `aria-describedby="e0-anmerkungen"`,
			`id="e0-anmerkungen">Anmerkungen sind nicht vertraulich`, "Schreiben Sie keine Namen hinein"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the questionnaire lacks %q", who, want)
			}
		}
		if strings.Contains(page, "Ihre Antworten gehen nur so in Mittelwerte ein") || who == "fmk" && !strings.Contains(page, "Die Geschäftsstelle selbst sieht jeden Mittelwert und jede Anmerkung, auch während die Runde läuft.") {
			t.Errorf("%s: the questionnaire still promises that all answers go into means only", who)
		}
		for _, p := range wellFormedProblems(page) {
			t.Errorf("%s: %s", who, p)
		}
	}
	// Five questionnaires, each on its own conference: the mean and its
	// comments are shown to every internal reader once the round closes.
	// By respondent (BE, FMK, HB, NW, TH) the comments would read Z, M, A, …
	bodies := map[string]string{"BE": "DMK", "HB": "JFMK", "NW": "SMK", "TH": "FMK"}
	comments := map[string]string{"BE": "Zu selten informiert", "HB": "Auftakt war gut", "NW": "Briefings früher", "TH": "Mehr Nachbesprechungen"}
	for who, abbrev := range bodies {
		b, err := st.BodyByAbbrev(ctx, abbrev)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SubmitAnswers(ctx, 2026, []model.EvaluationAnswer{{QuestionID: qs[0].ID, Respondent: who, ConferenceID: b.ID, Role: model.RoleSpokesperson, Score: 4, Comment: comments[who]}}); err != nil {
			t.Fatal(err)
		}
	}
	// A passage marked confidential was shown as typed, "[[…]]" and all:
	// refused, the questionnaire kept.
	if code, page := do(t, client(t, ts, "fmk"), "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, fmt.Sprintf("wert_%d", qs[0].ID): {"3"},
		fmt.Sprintf("kommentar_%d", qs[0].ID): {"Mehr [[nur für FITKO]] Austausch"}}); code == http.StatusSeeOther ||
		!strings.Contains(page, "Die Anmerkung wird den internen Leser:innen wörtlich gezeigt; vertrauliche Passagen ([[…]]) gibt es hier nicht.") || !strings.Contains(page, "Mehr [[nur für FITKO]] Austausch") {
		t.Errorf("a marked comment: %d %s", code, between(page, "<main", "</main>"))
	}
	if code, _ := do(t, client(t, ts, "fmk"), "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, fmt.Sprintf("wert_%d", qs[0].ID): {"3"},
		fmt.Sprintf("kommentar_%d", qs[0].ID): {"Mehr Austausch"}}); code != http.StatusSeeOther {
		t.Fatalf("the FachMK secretariat's answer: %d", code)
	}
	r, _ := st.Round(ctx, 2026)
	if code, _ := do(t, gs, "POST", ts.URL+"/evaluation/2026/schliessen", url.Values{"version": {fmt.Sprint(r.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	sorted := []string{"Auftakt war gut", "Briefings früher", "Mehr Austausch", "Mehr Nachbesprechungen", "Zu selten informiert"}
	inOrder := func(who, what, text string) {
		t.Helper()
		at := -1
		for _, c := range sorted {
			i := strings.Index(text, c)
			if i < 0 {
				t.Errorf("%s: the %s lacks the comment %q", who, what, c)
				continue
			}
			if i < at {
				t.Errorf("%s: the %s does not give the comments sorted by their text (%q):\n%s", who, what, c, text)
			}
			at = i
		}
	}
	for _, who := range []string{"hessen", "sprecher-hb", "geschaeftsstelle"} {
		c := client(t, ts, who)
		_, page := do(t, c, "GET", ts.URL+"/evaluation/ergebnisse", nil)
		inOrder(who, "page", page)
		if !strings.Contains(page, "; wörtlich, ohne Namen, nach dem Text geordnet)</summary>") {
			t.Errorf("%s: the results do not say how the comments are shown:\n%s", who, between(page, "<summary>Anmerkungen", "</summary>"))
		}
		code, pdf := do(t, c, "GET", ts.URL+"/evaluation/ergebnisse.pdf", nil)
		if code != http.StatusOK {
			t.Fatalf("%s: results PDF: %d", who, code)
		}
		inOrder(who, "PDF", pdftest.Words(t, []byte(pdf)))
	}
}
