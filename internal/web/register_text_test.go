package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// addSecretWrittenDecision records B-2025/41-IT, adopted in written
// procedure, whose title and point were typed with confidential passages
// in [[…]] (the secretariat's typed form), and indexes it as the written
// procedure does; and indexes the 48th session of addContinuation, whose
// B-2025/40-IT has confidential passages too.
func addSecretWrittenDecision(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	council := mustBody(t, st)
	title, err := model.ConfidentialMarks("Haushaltsrahmen Digitalisierung [[Zauberbohne Verhandlungslinie]]")
	if err != nil {
		t.Fatal(err)
	}
	point, err := model.ConfidentialMarks("Der IT-Planungsrat beschließt den Haushaltsrahmen. [[Intern: Rückstellung Quittenmus]]")
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, Kind: model.KindDecision, Number: model.DecisionNumber{Year: 2025, Seq: 41},
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig", AdoptedOn: model.NewDate(2025, 11, 3),
		Title: title, Points: []model.Point{{Label: "1.", Text: point}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := search.IndexDecision(ctx, st, id); err != nil {
		t.Fatal(err)
	}
	se, err := st.SessionByNumber(ctx, council.ID, 48)
	if err != nil {
		t.Fatal(err)
	}
	if err := search.IndexSession(ctx, st, se.ID); err != nil {
		t.Fatal(err)
	}
}

// The register's full-text filter (q): it combines with the other
// filters, folds umlauts and word forms as the site search does, shows
// the text in the form, the number of hits, snippets and a "keine
// Treffer" state, and keeps the text in its page and feed links. Before,
// q was ignored and the whole register listed.
func TestRegisterTextFilter(t *testing.T) {
	ts, st := cycleServer(t)
	addContinuation(t, st)
	addSecretWrittenDecision(t, st)

	cases := []struct {
		query      string
		want, lack []string
	}{
		{"?q=Registermodernisierung", []string{">B-2025/13-IT<", "1 Beschluss mit „Registermodernisierung“", `value="Registermodernisierung"`, "<mark>Registermodernisierung</mark>"},
			[]string{"B-2025/26-IT", "B-2025/40-IT", "B-2024/48-IT"}},
		// A part of a compound, as in the site search.
		{"?q=Register", []string{">B-2025/13-IT<", ">B-2025/26-IT<", "2 Beschlüsse"}, []string{"B-2025/40-IT"}},
		// Combined with the year: the visitor's "2024 mit Registermodernisierung".
		{"?q=Registermodernisierung&jahr=2025", []string{">B-2025/13-IT<", "1 Beschluss"}, nil},
		{"?q=Registermodernisierung&jahr=2024", []string{"Keine Treffer: kein Beschluss dieser Auswahl enthält „Registermodernisierung“.", `href="/beschluesse?q=Registermodernisierung"`},
			[]string{"B-2025/13-IT"}},
		{"?q=Register&verfahren=gruene-liste", []string{">B-2025/26-IT<", "1 Beschluss"}, []string{"B-2025/13-IT"}},
		// Transcribed umlauts and word forms.
		{"?q=Laender", []string{">B-2025/26-IT<"}, nil},
		{"?q=Steuerung&be=HB", []string{">B-2025/40-IT<", "1 Beschluss"}, nil},
		{"?q=Haushaltsrahmen", []string{">B-2025/41-IT<", "1 Beschluss"}, nil},
		{"?q=xylophon", []string{"Keine Treffer: kein Beschluss enthält „xylophon“.", `href="/suche?q=xylophon"`}, []string{"B-2025/13-IT"}},
	}
	for _, c := range cases {
		res, body := get(t, ts, "/beschluesse"+c.query)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", c.query, res.StatusCode)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("/beschluesse%s lacks %q", c.query, w)
			}
		}
		for _, l := range c.lack {
			if strings.Contains(body, ">"+l+"<") {
				t.Errorf("/beschluesse%s must not list %q", c.query, l)
			}
		}
	}
	// The feed of the selection and the feed link keep the text.
	_, body := get(t, ts, "/beschluesse?q=Register")
	if !strings.Contains(body, `href="/beschluesse.atom?q=Register"`) {
		t.Errorf("the feed link lacks the text:\n%s", between(body, "<h1>", "<form"))
	}
	_, feed := get(t, ts, "/beschluesse.atom?q=Registermodernisierung")
	if !strings.Contains(feed, "/beschluesse/B-2025/13-IT") || strings.Contains(feed, "/beschluesse/B-2025/26-IT") || !strings.Contains(feed, "mit „Registermodernisierung“") {
		t.Errorf("feed with q:\n%s", feed)
	}
	// The site search leads to the register with the same words, where
	// the register's filters apply.
	if _, body := get(t, ts, "/suche?q=Registermodernisierung"); !strings.Contains(body, `href="/beschluesse?q=Registermodernisierung"`) {
		t.Errorf("/suche lacks the link to the register's filter")
	}
	// A text without any word, or too long, is refused with the form.
	for _, bad := range []string{"?q=" + url.QueryEscape("!!!"), "?q=" + strings.Repeat("a", model.RegisterMaxText+1)} {
		res, body := get(t, ts, "/beschluesse"+bad)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "ließ sich nicht anwenden") || !strings.Contains(body, `id="f-q"`) {
			t.Errorf("/beschluesse%.30s: %d, want 400 with the form", bad, res.StatusCode)
		}
	}
}

// A word of a confidential passage ([[…]] as typed, ⟦…⟧ as kept) or of an
// unpublished draft finds nothing in the public register, its feed, the
// JSON API or the site search; the public words of the same decisions
// find them.
func TestRegisterTextFilterFindsNoSecret(t *testing.T) {
	ts, st := cycleServer(t)
	addContinuation(t, st)
	addSecretWrittenDecision(t, st)

	for _, word := range []string{"Zauberbohne", "Quittenmus", "Verhandlungslinie", "Streitpunkt", "Kostenrahmen", "Vertraulich", "Geheimer"} {
		q := "?q=" + url.QueryEscape(word)
		res, body := get(t, ts, "/beschluesse"+q)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "Keine Treffer") || strings.Contains(body, "B-2025/4") {
			t.Errorf("/beschluesse%s: %d, finds a confidential word:\n%s", q, res.StatusCode, between(body, `role="status"`, "</main>"))
		}
		if _, feed := get(t, ts, "/beschluesse.atom"+q); strings.Contains(feed, "<entry>") {
			t.Errorf("/beschluesse.atom%s has entries", q)
		}
		res, api := get(t, ts, "/api/v1/beschluesse"+q)
		if res.StatusCode != http.StatusOK || strings.TrimSpace(api) != "[]" || res.Header.Get("X-Total-Count") != "0" {
			t.Errorf("/api/v1/beschluesse%s: %d %s", q, res.StatusCode, api)
		}
		if _, body := get(t, ts, "/suche"+q); !strings.Contains(body, "Keine Treffer") {
			t.Errorf("/suche%s finds a confidential word", q)
		}
	}
	for _, c := range []struct{ word, label string }{{"Haushaltsrahmen", "B-2025/41-IT"}, {"Fortschreibung", "B-2025/40-IT"}} {
		_, body := get(t, ts, "/beschluesse?q="+c.word)
		if !strings.Contains(body, ">"+c.label+"<") {
			t.Errorf("/beschluesse?q=%s lacks %s", c.word, c.label)
		}
		for _, secret := range []string{"Zauberbohne", "Quittenmus", "Streitpunkt", "Kostenrahmen", "⟦"} {
			if strings.Contains(body, secret) {
				t.Errorf("/beschluesse?q=%s leaks %q", c.word, secret)
			}
		}
	}
}

// More decisions hold the words than the register reads
// (store.RegisterTextCap): the page says so beside the number of hits, in
// words, and the JSON API in X-Search-Capped; a page without hits says
// that none is among those read, not that no decision holds the words.
func TestRegisterTextFilterCapped(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	// Documents indexed after the demo's decisions, holding the word.
	docs := make([]store.SearchDoc, store.RegisterTextCap)
	for i := range docs {
		docs[i] = store.SearchDoc{Kind: "beschluss", URL: fmt.Sprintf("/beschluesse/X-%d", i), Terms: search.Terms("Registermodernisierung")}
	}
	if err := st.ReplaceSearchDocs(ctx, "test:bulk", docs); err != nil {
		t.Fatal(err)
	}
	res, body := get(t, ts, "/beschluesse?q=Registermodernisierung")
	want := fmt.Sprintf("Keine Treffer unter den %d zuletzt erfassten Beschlüssen mit „Registermodernisierung“.", store.RegisterTextCap)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, want) || !strings.Contains(body, "es können also Beschlüsse fehlen") {
		t.Errorf("capped without hits: %d\n%s", res.StatusCode, between(body, `role="status"`, "</main>"))
	}
	// One more, of a real decision, indexed last: among those read.
	if err := search.IndexDecision(ctx, st, mustDecision(t, st, "B-2025/13-IT")); err != nil {
		t.Fatal(err)
	}
	_, body = get(t, ts, "/beschluesse?q=Registermodernisierung")
	if want := fmt.Sprintf("1 Beschluss mit „Registermodernisierung“ unter den %d zuletzt erfassten", store.RegisterTextCap); !strings.Contains(body, want) || !strings.Contains(body, ">B-2025/13-IT<") {
		t.Errorf("capped with a hit lacks %q:\n%s", want, between(body, `role="status"`, "</main>"))
	}
	res, _ = get(t, ts, "/api/v1/beschluesse?q=Registermodernisierung")
	if res.Header.Get("X-Search-Capped") != fmt.Sprint(store.RegisterTextCap) || res.Header.Get("X-Total-Count") != "1" {
		t.Errorf("API: X-Search-Capped %q, X-Total-Count %q", res.Header.Get("X-Search-Capped"), res.Header.Get("X-Total-Count"))
	}
}

// mustDecision gives the id of the council's decision with the label.
func mustDecision(t *testing.T, st *store.Store, label string) int64 {
	t.Helper()
	n, ok := model.ParseDecisionRef(label)
	if !ok {
		t.Fatalf("label %q", label)
	}
	d, err := st.DecisionByNumber(context.Background(), mustBody(t, st).ID, n)
	if err != nil {
		t.Fatal(err)
	}
	return d.ID
}
