package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// decisionToCorrect serves the demo with its accounts and gives the
// council's decision B-2025/seq-IT, whose correction (Berichtigung) the
// tests send.
func decisionToCorrect(t *testing.T, seq int) (*httptest.Server, *store.Store, model.Decision) {
	t.Helper()
	ts, st, _ := demoAccountsServer(t)
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := st.DecisionByNumber(ctx, council.ID, model.DecisionNumber{Year: 2025, Seq: seq})
	if err != nil {
		t.Fatal(err)
	}
	return ts, st, dec
}

// postCorrection sends form as a correction of decision id from client c,
// based — as the decision's page gives its form — on the version of the
// text the decision has now ("fassung"), unless form names one.
func postCorrection(t *testing.T, c *http.Client, ts *httptest.Server, st *store.Store, id int64, form url.Values) (int, string) {
	t.Helper()
	if !form.Has("fassung") {
		d, err := st.Decision(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		form = cloneValues(form)
		form.Set("fassung", fmt.Sprint(d.Fassung()))
	}
	return do(t, c, "POST", fmt.Sprintf("%s/berichtigungen/%d", ts.URL, id), form)
}

// correctionFormOf reads the correction form of a decision's page as a
// window shows it: every field with its value ("fassung" only if the form
// has it).
func correctionFormOf(t *testing.T, page string) url.Values {
	t.Helper()
	f := between(page, `<form method="post" action="/berichtigungen/`, "</form>")
	if f == "" {
		t.Fatal("no correction form on the decision's page")
	}
	textarea := between(f, `<textarea id="punkte"`, "</textarea>")
	v := url.Values{
		"titel":  {html.UnescapeString(between(between(f, `<input id="titel"`, ">"), `value="`, `"`))},
		"punkte": {html.UnescapeString(textarea[strings.Index(textarea, ">")+1:])},
		"anlass": {html.UnescapeString(between(between(f, `<input id="anlass"`, ">"), `value="`, `"`))},
	}
	if strings.Contains(f, `name="fassung"`) {
		v.Set("fassung", between(between(f, `name="fassung"`, ">"), `value="`, `"`))
	}
	return v
}

// TestCorrectionDoesNotUndoAColleaguesCorrection: two secretariat windows
// opened the correction form of B-2025/26-IT; A corrected the title, B
// (its page still showing the old title) added a sentence to the points.
// Both were told "Berichtigung N ist gespeichert", and the register and
// the JSON API showed the old title again: A's correction undone without
// a word. Now the form carries the version it showed (fassung), B's save
// is refused as a conflict, and the page shows the current text with B's
// input kept and a form based on the current version, which then saves.
func TestCorrectionDoesNotUndoAColleaguesCorrection(t *testing.T) {
	ts, st, dec := decisionToCorrect(t, 26)
	ctx := context.Background()
	page := ts.URL + "/beschluesse/" + dec.Label
	action := fmt.Sprintf("%s/berichtigungen/%d", ts.URL, dec.ID)
	a, b := client(t, ts, "geschaeftsstelle"), client(t, ts, "geschaeftsstelle")
	_, pageA := do(t, a, "GET", page, nil)
	_, pageB := do(t, b, "GET", page, nil)
	formA, formB := correctionFormOf(t, pageA), correctionFormOf(t, pageB)
	if formB.Get("fassung") != "0" {
		t.Errorf("the form does not say which version it shows: fassung=%q", formB.Get("fassung"))
	}

	const title = "Berichtigter Titel aus Fenster A"
	formA.Set("titel", title)
	formA.Set("anlass", "Schreibfehler im Titel")
	if code, body := do(t, a, "POST", action, formA); code != http.StatusSeeOther {
		t.Fatalf("A's correction: %d %.300s", code, body)
	}

	const sentence = "Der Satz aus Fenster B."
	formB.Set("punkte", formB.Get("punkte")+"\n"+sentence)
	formB.Set("anlass", "Satz ergänzt")
	code, refused := do(t, b, "POST", action, formB)
	if code != http.StatusConflict {
		t.Fatalf("B's correction on the old text: %d, want 409 (%.300s)", code, refused)
	}
	box := between(refused, `id="berichtigung-fehler"`, "</div>")
	if !strings.Contains(box, "wurde inzwischen berichtigt") || !strings.Contains(box, "Fassung 1 vom") {
		t.Errorf("the refusal does not say that the decision was corrected meanwhile: %q", box)
	}
	if h1 := between(refused, "<h1>", "</h1>"); !strings.Contains(h1, title) {
		t.Errorf("the page does not show the current title: %q", h1)
	}
	again := correctionFormOf(t, refused)
	if !strings.Contains(again.Get("punkte"), sentence) || again.Get("anlass") != "Satz ergänzt" {
		t.Errorf("B's input is lost: %+v", again)
	}
	if again.Get("fassung") != "1" {
		t.Errorf("the form shown again is not based on the current version: fassung=%q", again.Get("fassung"))
	}
	check := func(want string) {
		t.Helper()
		got, err := st.Decision(ctx, dec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cur, _ := got.Current(); cur != want {
			t.Errorf("the decision's title is %q, want %q", cur, want)
		}
		_, api := get(t, ts, fmt.Sprintf("/api/v1/beschluesse/%d/%d", dec.Number.Year, dec.Number.Seq))
		var j struct {
			Titel string `json:"titel"`
		}
		if err := json.Unmarshal([]byte(api), &j); err != nil || j.Titel != want {
			t.Errorf("the JSON API's title is %q (%v), want %q", j.Titel, err, want)
		}
	}
	check(title)

	// B, having read the current text, keeps A's title and saves.
	again.Set("titel", title)
	if code, body := do(t, b, "POST", action, again); code != http.StatusSeeOther {
		t.Fatalf("B's correction on the current text: %d %.300s", code, body)
	}
	check(title)
	got, err := st.Decision(ctx, dec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, points := got.Current(); len(got.Corrections) != 2 || !strings.Contains(points[len(points)-1].Text, sentence) {
		t.Errorf("corrections %d, points %+v", len(got.Corrections), points)
	}
}

// TestCorrectionWithoutBasisIsRefused: a correction posted without the
// field "fassung" — from a form loaded before the field existed, or by a
// client that does not send it — was saved unchecked: after window A
// corrected the title, such a post took it back without a word. It is
// refused now with the reason, the page showing the current text and the
// form the input as typed, based on the current version; sent again from
// there, it saves. Nothing is kept from the refused post.
func TestCorrectionWithoutBasisIsRefused(t *testing.T) {
	ts, st, dec := decisionToCorrect(t, 26)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	const title = "Berichtigter Titel aus Fenster A"
	if code, body := postCorrection(t, gs, ts, st, dec.ID, url.Values{"titel": {title}, "anlass": {"Schreibfehler im Titel"}}); code != http.StatusSeeOther {
		t.Fatalf("A's correction: %d %.300s", code, body)
	}
	const sentence = "Der Satz aus dem alten Formular."
	typed := url.Values{"titel": {dec.Title}, "punkte": {"1. " + sentence}, "anlass": {"Satz ergänzt"}}
	for _, tc := range []struct {
		name    string
		fassung []string
	}{{"no field", nil}, {"no version", []string{"zwei"}}} {
		t.Run(tc.name, func(t *testing.T) {
			form := cloneValues(typed)
			if tc.fassung != nil {
				form["fassung"] = tc.fassung
			}
			code, page := do(t, gs, "POST", fmt.Sprintf("%s/berichtigungen/%d", ts.URL, dec.ID), form)
			if code != http.StatusConflict {
				t.Fatalf("a correction without its basis: %d, want 409 (%.300s)", code, page)
			}
			box := between(page, `id="berichtigung-fehler"`, "</div>")
			for _, want := range []string{"Ihre Berichtigung zu Beschluss " + dec.Label + " ist nicht gespeichert", "auf welcher Fassung", "Fassung 1 vom", "das Formular zeigt Ihre Eingabe"} {
				if !strings.Contains(box, want) {
					t.Errorf("the refusal lacks %q: %q", want, box)
				}
			}
			if strings.Contains(box, "Seite neu") {
				t.Errorf("the refusal asks for a reload, which loses the typed text: %q", box)
			}
			shown := correctionFormOf(t, page)
			if shown.Get("titel") != dec.Title || !strings.Contains(shown.Get("punkte"), sentence) || shown.Get("anlass") != "Satz ergänzt" || shown.Get("fassung") != "1" {
				t.Errorf("the form shown again: %+v, want the typed input based on version 1", shown)
			}
		})
	}
	got, err := st.Decision(ctx, dec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cur, _ := got.Current(); len(got.Corrections) != 1 || cur != title {
		t.Fatalf("after the refusals: %d corrections, title %q", len(got.Corrections), cur)
	}
	// Sent from the form shown again (after reading the current title).
	_, page := do(t, gs, "POST", fmt.Sprintf("%s/berichtigungen/%d", ts.URL, dec.ID), typed)
	again := correctionFormOf(t, page)
	again.Set("titel", title)
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/berichtigungen/%d", ts.URL, dec.ID), again); code != http.StatusSeeOther {
		t.Fatalf("the correction sent again: %d %.300s", code, body)
	}
	if got, _ := st.Decision(ctx, dec.ID); len(got.Corrections) != 2 {
		t.Errorf("corrections: %d, want 2", len(got.Corrections))
	}
}
