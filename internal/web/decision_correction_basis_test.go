package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestCorrectionDoesNotUndoAColleaguesCorrection: two secretariat windows
// opened the correction form of B-2025/26-IT; A corrected the title, B
// (its page still showing the old title) added a sentence to the points.
// Both were told "Berichtigung N ist gespeichert", and the register and
// the JSON API showed the old title again: A's correction undone without
// a word. Now the form carries the version it showed (fassung), B's save
// is refused as a conflict, and the page shows the current text with B's
// input kept and a form based on the current version, which then saves.
func TestCorrectionDoesNotUndoAColleaguesCorrection(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	ctx := context.Background()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := st.DecisionByNumber(ctx, council.ID, model.DecisionNumber{Year: 2025, Seq: 26})
	if err != nil {
		t.Fatal(err)
	}
	page := ts.URL + "/beschluesse/" + dec.Label
	action := fmt.Sprintf("%s/berichtigungen/%d", ts.URL, dec.ID)
	// The form as a window shows it: every field with its value.
	form := func(body string) url.Values {
		t.Helper()
		f := between(body, `<form method="post" action="/berichtigungen/`, "</form>")
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
	a, b := client(t, ts, "geschaeftsstelle"), client(t, ts, "geschaeftsstelle")
	_, pageA := do(t, a, "GET", page, nil)
	_, pageB := do(t, b, "GET", page, nil)
	formA, formB := form(pageA), form(pageB)
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
	again := form(refused)
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
