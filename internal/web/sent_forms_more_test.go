package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestOutcomeFormSentTwice: a FachMK's outcome (Ergebnis) sent twice
// was recorded twice, and its subscribers were told twice. Now the second
// send stores nothing and leads to the conference's outcomes, saying so;
// a refused form keeps its key.
func TestOutcomeFormSentTwice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	fmk := client(t, ts, "fmk")
	_, page := do(t, fmk, "GET", ts.URL+"/fachmk/FMK", nil)
	form := postedForm(page, "/fachmk/FMK/ergebnisse")
	form.Set("datum", model.BerlinDate(time.Now().AddDate(0, 0, 7)).String())
	form.Set("titel", "Einmal erfasst")
	form.Set("text", "Die FMK beschließt einmal.")
	// Refused (a day to come): the form comes back with its key.
	code, refused := do(t, fmk, "POST", ts.URL+"/fachmk/FMK/ergebnisse", form)
	if code < 400 {
		t.Fatalf("an outcome of a day to come: %d", code)
	}
	if again := postedForm(refused, "/fachmk/FMK/ergebnisse"); again.Get("formular") != form.Get("formular") {
		t.Errorf("the refused form's key %q, want the key it was sent with %q", again.Get("formular"), form.Get("formular"))
	}
	form.Set("datum", model.BerlinDate(time.Now().AddDate(0, 0, -1)).String())
	where := sendTwice(t, fmk, ts.URL, "/fachmk/FMK/ergebnisse", form)
	os, err := st.ConferenceOutcomes(ctx, fmkBody.ID, model.Date{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, o := range os {
		if o.Title == "Einmal erfasst" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d outcomes from one form, want 1", n)
	}
	sentAgainSaid(t, fmk, ts.URL, where[1])
}

// TestBriefingFormSentTwice: "Briefing anlegen" sent twice made two
// briefings of the same title, each going on in its own Fassungen. Now
// the second send makes nothing and leads to the first briefing.
func TestBriefingFormSentTwice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/briefings", nil)
	form := postedForm(page, "/briefings")
	form.Set("titel", "Einmal angelegt")
	// Refused (no content): the form comes back with its key.
	code, refused := do(t, gs, "POST", ts.URL+"/briefings", form)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("a briefing without content: %d", code)
	}
	if again := postedForm(refused, "/briefings"); again.Get("formular") != form.Get("formular") {
		t.Errorf("the refused form's key %q, want the key it was sent with %q", again.Get("formular"), form.Get("formular"))
	}
	form.Set("inhalt", "Der Inhalt steht einmal da.")
	where := sendTwice(t, gs, ts.URL, "/briefings", form)
	bs, err := st.Briefings(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, b := range bs {
		if b.Title == "Einmal angelegt" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d briefings from one form, want 1", n)
	}
	sentAgainSaid(t, gs, ts.URL, where[1])
}

// TestDocumentFormSentTwice: an upload sent twice (the back button, a
// double click) stored the document twice — of a kind, as its second
// version. Now the second send stores nothing and leads where the first
// did; a refused upload keeps its key.
func TestDocumentFormSentTwice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, council.ID, 47)
	gs := client(t, ts, "geschaeftsstelle")
	path := "/sitzungen/47/dokumente"
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/verwaltung", nil)
	key := postedForm(page, path).Get("formular")
	if !formKeyPattern.MatchString(key) {
		t.Fatalf("the upload form carries no one-time key: %q", key)
	}
	fields := map[string]string{"formular": key, "art": string(model.DocumentKinds[0])}
	// Refused (not a PDF): the form comes back with its key.
	code, refused := uploadTo(t, gs, ts.URL+path, fields, "Nachtrag.txt", []byte("kein PDF"))
	if code < 400 {
		t.Fatalf("a text file: %d", code)
	}
	if again := postedForm(refused, path); again.Get("formular") != key {
		t.Errorf("the refused upload's key %q, want the key it was sent with %q", again.Get("formular"), key)
	}
	before, _ := st.Documents(ctx, s47.ID)
	pdf := []byte("%PDF-1.4\n% Einmal hochgeladen\n")
	var where [2]string
	for i := range where {
		var body strings.Builder
		ctype := multipartWriter(&body, fields, "datei", "Einmal.pdf", string(pdf))
		req, _ := http.NewRequest("POST", ts.URL+path, strings.NewReader(body.String()))
		req.Header.Set("Content-Type", ctype)
		res, err := gs.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload %d: %d", i+1, res.StatusCode)
		}
		where[i] = strings.SplitN(res.Header.Get("Location"), "?", 2)[0]
	}
	if where[0] != where[1] {
		t.Errorf("the upload sent twice leads to %v, want where the first led", where)
	}
	if after, _ := st.Documents(ctx, s47.ID); len(after) != len(before)+1 {
		t.Errorf("%d documents from one form, want 1", len(after)-len(before))
	}
	sentAgainSaid(t, gs, ts.URL, where[1])
}

// TestTokenFormSentTwice: "Token anlegen" sent twice (reloading the page
// that shows the new token) made a second token, shown in place of the
// first one, which stayed valid unseen. Now the second send makes none
// and says that the token was made and shown the first time.
func TestTokenFormSentTwice(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	he := client(t, ts, "hessen")
	_, page := do(t, he, "GET", ts.URL+"/konto", nil)
	form := postedForm(page, "/konto/tokens")
	form.Set("bezeichnung", "Einmal-System")
	form.Set("tage", "7")
	// Refused (no offered lifetime): the form comes back with its key.
	code, refused := do(t, he, "POST", ts.URL+"/konto/tokens", form)
	if code != http.StatusBadRequest {
		t.Fatalf("a lifetime not offered: %d", code)
	}
	if again := postedForm(refused, "/konto/tokens"); again.Get("formular") != form.Get("formular") {
		t.Errorf("the refused form's key %q, want the key it was sent with %q", again.Get("formular"), form.Get("formular"))
	}
	if !formKeyPattern.MatchString(form.Get("formular")) {
		t.Fatalf("the token form carries no one-time key: %v", form)
	}
	form.Set("tage", "90")
	code, first := do(t, he, "POST", ts.URL+"/konto/tokens", form)
	if code != http.StatusCreated || !strings.Contains(first, `id="neues-token"`) {
		t.Fatalf("first send: %d", code)
	}
	if next := postedForm(first, "/konto/tokens"); next.Get("formular") == form.Get("formular") {
		t.Error("the page with the new token gives the same key again")
	}
	res, err := he.PostForm(ts.URL+"/konto/tokens", form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second send: %d, want a redirect", res.StatusCode)
	}
	u, _, err := st.UserLogin(ctx, "hessen")
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := st.APITokens(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, tk := range tokens {
		if tk.Name == "Einmal-System" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d tokens from one form, want 1", n)
	}
	sentAgainSaid(t, he, ts.URL, strings.SplitN(res.Header.Get("Location"), "?", 2)[0])
}
