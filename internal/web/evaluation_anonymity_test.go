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

// TestEvaluationMeansOfThreeAreWithheld: the Finanzministerkonferenz's
// 2026 questionnaires are three — its spokespersons HB and NW and its
// secretariat. Two spokespersons who know their own answers would work
// the secretariat's rating of them back from a mean of three, so no reader
// but the Geschäftsstelle reads it: not the spokesperson, not a member who
// answered nothing (and could pass it on), on no surface — page, CSV, PDF.
// Before, the mean of three stood on every surface, per question and per
// FachMK ("3,3 – Fragebögen 3").
func TestEvaluationMeansOfThreeAreWithheld(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	qs, err := st.Questions(ctx)
	if err != nil || len(qs) < 1 {
		t.Fatalf("questions: %v %v", qs, err)
	}
	fmk, err := st.BodyByAbbrev(ctx, "FMK")
	if err != nil {
		t.Fatal(err)
	}
	openRound2026(t, ts.URL, gs, qs[:1])
	wert := fmt.Sprintf("wert_%d", qs[0].ID)
	const comment = "Die Sprecherin war nie erreichbar"
	hb := client(t, ts, "sprecher-hb")
	if code, body := do(t, hb, "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, wert: {"5"}}); code != http.StatusSeeOther {
		t.Fatalf("HB's answer: %d %.300s", code, body)
	}
	if err := st.SubmitAnswers(ctx, 2026, []model.EvaluationAnswer{{QuestionID: qs[0].ID, Respondent: "NW", ConferenceID: fmk.ID, Role: model.RoleSpokesperson, Score: 4}}); err != nil {
		t.Fatal(err)
	}
	if code, _ := do(t, client(t, ts, "fmk"), "POST", ts.URL+"/evaluation/2026/antworten", url.Values{"fachmk": {"FMK"}, wert: {"1"},
		fmt.Sprintf("kommentar_%d", qs[0].ID): {comment}}); code != http.StatusSeeOther {
		t.Fatalf("the FachMK secretariat's answer: %d", code)
	}
	r, _ := st.Round(ctx, 2026)
	if code, _ := do(t, gs, "POST", ts.URL+"/evaluation/2026/schliessen", url.Values{"version": {fmt.Sprint(r.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	pdfText := func(c *http.Client) string {
		t.Helper()
		code, pdf := do(t, c, "GET", ts.URL+"/evaluation/ergebnisse.pdf", nil)
		if code != http.StatusOK {
			t.Fatalf("results PDF: %d", code)
		}
		return pdftest.Words(t, []byte(pdf))
	}
	// 5, 4 and 1: 3,3 from three questionnaires.
	const mean = "3,3"
	for _, who := range []string{"sprecher-hb", "hessen"} {
		c := client(t, ts, who)
		_, page := do(t, c, "GET", ts.URL+"/evaluation/ergebnisse", nil)
		if strings.Contains(page, `<th scope="row">2026</th><td>`+mean+`</td>`) {
			t.Errorf("%s reads the mean of three questionnaires on the page", who)
		}
		if !strings.Contains(page, `<th scope="row">2026</th><td>–</td><td>3</td>`) {
			t.Errorf("%s: the page lacks the 2026 row withheld (– of 3)", who)
		}
		if strings.Contains(page, comment) {
			t.Errorf("%s reads the comment of three questionnaires", who)
		}
		if strings.Contains(strings.ReplaceAll(page, "\u00ad", ""), "Finanzministerkonferenz</h3>") {
			t.Errorf("%s reads a mean per FachMK", who)
		}
		_, csv := do(t, c, "GET", ts.URL+"/evaluation/ergebnisse.csv", nil)
		if strings.Contains(csv, ";2026;"+mean+";") || strings.Contains(csv, "je Fachministerkonferenz") {
			t.Errorf("%s: the CSV gives the mean of three or a mean per FachMK", who)
		}
		text := pdfText(c)
		if strings.Contains(text, "2026 "+mean+" 3") || strings.Contains(text, comment) {
			t.Errorf("%s: the PDF gives the mean of three", who)
		}
		if !strings.Contains(text, "2026 – 3") {
			t.Errorf("%s: the PDF lacks the 2026 row withheld (2026 – 3)", who)
		}
	}
	// The Geschäftsstelle, which runs the evaluation, reads them all.
	_, page := do(t, gs, "GET", ts.URL+"/evaluation/ergebnisse", nil)
	if !strings.Contains(page, `<th scope="row">2026</th><td>`+mean+`</td><td>3</td>`) || !strings.Contains(page, comment) {
		t.Error("the Geschäftsstelle does not read the mean of three")
	}
	if text := pdfText(gs); !strings.Contains(text, "2026 "+mean+" 3") {
		t.Errorf("the Geschäftsstelle's PDF lacks the mean of three:\n%s", text)
	}
}

// TestFachMKSecretariatIsToldWhoReadsTheResults: a FachMK secretariat,
// which answers the questionnaire, asking for the results gets a page of
// the site that says who reads them and how its answers stay unrecognised
// — for the page, the CSV and the PDF. Before, it got "Für diese Seite
// oder Aktion fehlt Ihnen die Berechtigung." and nothing else.
func TestFachMKSecretariatIsToldWhoReadsTheResults(t *testing.T) {
	ts, _ := cycleServer(t)
	fmkOffice := client(t, ts, "fmk")
	for _, p := range []string{"/evaluation/ergebnisse", "/evaluation/ergebnisse.csv", "/evaluation/ergebnisse.pdf"} {
		code, page := do(t, fmkOffice, "GET", ts.URL+p, nil)
		if code != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", p, code)
		}
		for _, want := range []string{`<main id="inhalt"`, "Die Ergebnisse der Evaluation sind intern", "Klausurtagung", "fachpolitischen Sprecher:innen", "Mittelwerte je Fachministerkonferenz sieht nur die Geschäftsstelle"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page lacks %q", p, want)
			}
		}
		if strings.Contains(page, "<svg") || strings.Contains(page, "Fragebögen</th>") {
			t.Errorf("%s: the FachMK secretariat reads results", p)
		}
	}
	// Not signed in: the sign-in, as before.
	anon := client(t, ts, "")
	if code, _ := do(t, anon, "GET", ts.URL+"/evaluation/ergebnisse", nil); code != http.StatusSeeOther {
		t.Errorf("not signed in: %d", code)
	}
}

// TestEvaluationReadersPagesInBrowser: what the rule of who reads the
// evaluation adds — a spokesperson's results without the means per
// FachMK, the page that tells a FachMK secretariat who reads them, and
// its "Mein Bereich" with the decisions for its conference — passes axe
// and does not scroll sideways at 320 px.
func TestEvaluationReadersPagesInBrowser(t *testing.T) {
	browserTest(t)
	ts, _ := cycleServer(t)
	b := newBrowser(t, ts.URL)
	b.login("sprecher-hb")
	b.page("/evaluation/ergebnisse")
	noSidewaysScroll(t, b, "evaluation-ergebnisse-sprecher")
	b.logout()
	b.login("fmk")
	b.page("/evaluation/ergebnisse")
	if !strings.Contains(b.text("main"), "Die Ergebnisse der Evaluation sind intern") {
		t.Error("the FachMK secretariat is not told who reads the results")
	}
	noSidewaysScroll(t, b, "evaluation-ergebnisse-fmk")
	b.page("/mein-bereich")
	if !strings.Contains(b.text("main"), "Beschlüsse für Ihre Konferenz") {
		t.Error("the FachMK secretariat's area lacks its decisions")
	}
	noSidewaysScroll(t, b, "mein-bereich-fmk")
}
