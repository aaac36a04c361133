package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestDecisionCorrectionKeepsConfidentialPassages: the correction form of
// a decision (Berichtigung) was filled with the public text, so a
// confidential passage stood there as "[geschwärzt]" and a correction of
// the title alone stored that word as the decision's text, the passage
// lost; the secretariat read the redacted text on the page too. The
// occasion (Anlass) of a correction was stored as typed: "[[…]]" in it
// reached the public page and the JSON API verbatim. And a refused
// correction went to the error page, the typed title lost. Now the
// secretariat edits the internal text with its marks, the occasion's
// marks are confidential like the title's, and a refused correction shows
// the form again with every reason at its field.
func TestDecisionCorrectionKeepsConfidentialPassages(t *testing.T) {
	ts, st, dec := decisionToCorrect(t, 30)
	ctx := context.Background()
	const passage, occasion = "Geheimpassage", "Anlassgeheim"
	// A decision whose text carries a confidential passage.
	if _, err := st.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: dec.ID, Reason: "Ergänzung",
		Points: []model.Point{{Label: "1.", Text: "Der Beschlusspunkt " + model.Redact(passage) + " gilt."}}}); err != nil {
		t.Fatal(err)
	}
	page := "/beschluesse/" + dec.Label
	gs := client(t, ts, "geschaeftsstelle")
	_, body := do(t, gs, "GET", ts.URL+page, nil)
	textarea := between(body, `<textarea id="punkte"`, "</textarea>")
	typed := textarea[strings.Index(textarea, ">")+1:]
	if !strings.Contains(typed, "[["+passage+"]]") {
		t.Errorf("the correction form does not hold the internal text with its marks: %q", typed)
	}
	if !strings.Contains(body, markOpen+passage+markClose) {
		t.Error("the secretariat does not read the confidential passage, marked, on the decision's page")
	}

	// Refused: no occasion, an open mark in the title; the form comes back
	// with what was typed and every reason at its field.
	post := func(form url.Values) (int, string) {
		return postCorrection(t, gs, ts, st, dec.ID, form)
	}
	code, refused := post(url.Values{"titel": {"Neuer Titel [[offen"}, "punkte": {"1. Der Beschlusspunkt [[" + passage + "]] gilt."}, "anlass": {""}})
	if code != http.StatusBadRequest {
		t.Fatalf("refused correction: %d", code)
	}
	reasonsAtFields(t, refused, `<div class="error-box" role="alert"`, map[string]string{
		"titel": "Die Markierung vertraulicher Passagen ist unvollständig", "anlass": "Eine Berichtigung braucht ihren Anlass."})
	if !strings.Contains(between(refused, `<input id="titel"`, ">"), `value="Neuer Titel [[offen"`) {
		t.Error("the refused correction lost the typed title")
	}

	// The title alone corrected, the points sent back as the form gave
	// them; the occasion has a confidential part.
	if code, body := post(url.Values{"titel": {"Kooperation berichtigt"}, "punkte": {typed},
		"anlass": {"Hinweis von [[" + occasion + "]] BY"}}); code != http.StatusSeeOther {
		t.Fatalf("correction: %d %.300s", code, body)
	}
	got, err := st.Decision(ctx, dec.ID)
	if err != nil {
		t.Fatal(err)
	}
	title, points := got.Current()
	if title != "Kooperation berichtigt" || len(points) != 1 || !strings.Contains(points[0].Text, model.Redact(passage)) {
		t.Errorf("the correction lost the confidential passage: %q %+v", title, points)
	}
	for _, p := range []string{page, fmt.Sprintf("/api/v1/beschluesse/%d/%d", got.Number.Year, got.Number.Seq)} {
		code, pub := get(t, ts, p)
		if code.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", p, code.StatusCode)
		}
		for _, secret := range []string{occasion, passage, "[["} {
			if strings.Contains(pub, secret) {
				t.Errorf("%s shows %q to the public", p, secret)
			}
		}
		if !strings.Contains(pub, "Hinweis von") {
			t.Errorf("%s lacks the public part of the occasion", p)
		}
	}
}

// TestDecisionCorrectionThatChangesNothing: the decision's correction form
// sent back as it came (its title and its "1. …" points) with an occasion
// is refused at the points — "ändert nichts" — and nothing is kept; before,
// the decision read "Berichtigt 1-mal" with the same text.
func TestDecisionCorrectionThatChangesNothing(t *testing.T) {
	ts, st, dec := decisionToCorrect(t, 30)
	gs := client(t, ts, "geschaeftsstelle")
	_, body := do(t, gs, "GET", ts.URL+"/beschluesse/"+dec.Label, nil)
	shown := correctionFormOf(t, body)
	points, title := shown.Get("punkte"), shown.Get("titel")
	if points == "" || title == "" {
		t.Fatalf("no correction form: %q %q", title, points)
	}
	for _, form := range []url.Values{
		{"titel": {title}, "punkte": {points}, "anlass": {"Schreibfehler"}},
		// With an open mark in the occasion as well: both reasons at once.
		{"titel": {title}, "punkte": {points + "\n"}, "anlass": {"laut [[HE"}},
	} {
		code, page := postCorrection(t, gs, ts, st, dec.ID, form)
		if code != http.StatusBadRequest {
			t.Errorf("unchanged correction: %d, want 400", code)
			continue
		}
		want := map[string]string{"punkte": "Die Berichtigung ändert nichts"}
		if strings.Contains(form.Get("anlass"), "[[") {
			want["anlass"] = "Die Markierung vertraulicher Passagen ist unvollständig"
		}
		reasonsAtFields(t, page, `<div class="error-box" role="alert"`, want)
	}
	if got, _ := st.Decision(context.Background(), dec.ID); len(got.Corrections) != 0 {
		t.Errorf("an unchanged correction was kept: %+v", got.Corrections)
	}
}
