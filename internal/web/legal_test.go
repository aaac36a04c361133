package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestLegalPages: the site had no Impressum, no Erklärung zur
// Barrierefreiheit and no Datenschutzerklärung. Every page's footer links
// them; the public sees the operator's text (here the demo's, marked as
// demo) or that the page is not set yet; the secretariat previews a text
// as the public will see it without saving, saves it (a refused or stale
// text is shown again as typed), and its start page names what is missing.
func TestLegalPages(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	public, gs := client(t, ts, ""), client(t, ts, "geschaeftsstelle")
	for _, path := range []string{"/", "/sitzungen/47", "/beschluesse", "/anmelden", "/gibt-es-nicht"} {
		_, page := do(t, public, "GET", ts.URL+path, nil)
		footer := between(page, `<footer class="site">`, "</footer>")
		for _, want := range []string{`href="/impressum"`, `href="/barrierefreiheit"`, `href="/datenschutz"`} {
			if !strings.Contains(footer, want) {
				t.Errorf("%s: footer lacks %s", path, want)
			}
		}
	}
	code, page := do(t, public, "GET", ts.URL+"/barrierefreiheit", nil)
	main := between(page, "<main", "</main>")
	for _, want := range []string{"<h1>Erklärung zur Barrierefreiheit</h1>", "Demo:", "<h2>Schlichtungsverfahren</h2>", "Mauerstraße 53<br>", "<ul><li>Die PDF-Dateien (Protokolle, Nachbesprechung, Stand der Aufträge, Übersicht der Sprecher:innen, Evaluation, Briefings) sind getaggt",
		`<a href="mailto:barrierefreiheit@fitko.example">barrierefreiheit@fitko.example</a>`, `<a href="https://www.schlichtungsstelle-bgg.de">`} {
		if code != http.StatusOK || !strings.Contains(main, want) {
			t.Errorf("public accessibility statement (%d) lacks %q", code, want)
		}
	}
	if p := wellFormedProblems(page); len(p) > 0 {
		t.Errorf("accessibility statement: %v", p)
	}
	for _, k := range model.LegalPageKinds {
		if _, page := do(t, public, "GET", ts.URL+k.Path(), nil); !strings.Contains(page, "<h1>"+k.Title()+"</h1>") || !strings.Contains(page, "Zum Gottschalkhof 3") && k != model.LegalAccessibility {
			t.Errorf("%s: %s", k.Path(), between(page, "<main", "</main>"))
		}
	}
	if _, home := do(t, gs, "GET", ts.URL+"/", nil); strings.Contains(home, "Rechtliche Seiten fehlen") {
		t.Error("the secretariat's start page says pages are missing though all are set")
	}

	// The secretariat empties the accessibility statement: unset.
	p, _ := st.LegalPage(ctx, model.LegalAccessibility)
	post := func(c *http.Client, kind string, v url.Values) (int, string) {
		t.Helper()
		return do(t, c, "POST", ts.URL+"/rechtliche-seiten/"+kind, v)
	}
	if code, body := post(gs, "barrierefreiheit", url.Values{"text": {""}, "version": {"1"}, "aktion": {"speichern"}}); code != http.StatusSeeOther {
		t.Fatalf("empty the page: %d %s", code, body)
	}
	_, page = do(t, public, "GET", ts.URL+"/barrierefreiheit", nil)
	if main := between(page, "<main", "</main>"); !strings.Contains(main, "noch nicht hinterlegt") || strings.Contains(main, "Schlichtungsverfahren") {
		t.Errorf("unset page: %s", main)
	}
	_, home := do(t, gs, "GET", ts.URL+"/", nil)
	if missing := between(home, "Rechtliche Seiten fehlen", "</div>"); !strings.Contains(missing, `href="/rechtliche-seiten/barrierefreiheit"`) || strings.Contains(missing, "Impressum") {
		t.Errorf("the secretariat's start page: %q", missing)
	}
	if _, home := do(t, public, "GET", ts.URL+"/", nil); strings.Contains(home, "Rechtliche Seiten fehlen") {
		t.Error("the public start page names missing legal pages")
	}
	_, list := do(t, gs, "GET", ts.URL+"/rechtliche-seiten", nil)
	if row := between(list, `href="/barrierefreiheit"`, "</li>"); !strings.Contains(row, "Fehlt") {
		t.Errorf("overview row: %q", row)
	}

	// Preview: shown as the public will see it, nothing saved.
	text := "## Feedback\nSchreiben Sie an [unser Team](mailto:team@fitko.example).\n\nMehr: https://www.bitv-test.example"
	code, page = post(gs, "barrierefreiheit", url.Values{"text": {text}, "version": {"2"}, "aktion": {"vorschau"}})
	preview := between(page, `id="h-vorschau"`, "</section>")
	if code != http.StatusOK || !strings.Contains(preview, "<h2>Feedback</h2>") || !strings.Contains(preview, `<a href="mailto:team@fitko.example">unser Team</a>`) ||
		!strings.Contains(page, html.EscapeString(text)[:20]) || !strings.Contains(page, "Schlichtungsstelle nach § 16 BGG") {
		t.Errorf("preview (%d): %s", code, between(page, "<main", "</main>"))
	}
	if p2, _ := st.LegalPage(ctx, model.LegalAccessibility); p2.Set() {
		t.Error("the preview saved the text")
	}
	if p := wellFormedProblems(page); len(p) > 0 {
		t.Errorf("edit page: %v", p)
	}

	// HTML is refused, the typed text is shown again, nothing saved.
	bad := "Hallo <script>alert(1)</script>"
	code, page = post(gs, "barrierefreiheit", url.Values{"text": {bad}, "version": {"2"}, "aktion": {"speichern"}})
	if code != http.StatusBadRequest || !strings.Contains(page, "reinen Text ohne HTML") || !strings.Contains(page, html.EscapeString(bad)) || strings.Contains(page, "<script>alert") {
		t.Errorf("HTML (%d): %s", code, between(page, "<main", "</main>"))
	}
	// A stale version: refused, typed text kept.
	code, page = post(gs, "barrierefreiheit", url.Values{"text": {"Meine Fassung"}, "version": {"1"}, "aktion": {"speichern"}})
	if code != http.StatusConflict || !strings.Contains(between(page, "<textarea", "</textarea>"), "Meine Fassung") {
		t.Errorf("stale (%d): %s", code, between(page, "<main", "</main>"))
	}
	// The same user saved the newer version (another window): the reason
	// allows for it (it said "von jemand anderem geändert" only).
	if !strings.Contains(page, "von jemand anderem oder von Ihnen in einem anderen Fenster") {
		t.Errorf("stale: the reason does not allow for the user's own other window: %s", between(page, "<main", "</main>"))
	}
	if p2, _ := st.LegalPage(ctx, model.LegalAccessibility); p2.Set() || p2.Version != p.Version+1 {
		t.Errorf("after refused saves: %+v", p2)
	}
	// Saved: public at once.
	if code, _ := post(gs, "barrierefreiheit", url.Values{"text": {text}, "version": {"2"}, "aktion": {"speichern"}}); code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	if _, page := do(t, public, "GET", ts.URL+"/barrierefreiheit", nil); !strings.Contains(page, `<a href="https://www.bitv-test.example">`) {
		t.Errorf("saved page: %s", between(page, "<main", "</main>"))
	}

	// Only the secretariat edits.
	if code, _ := post(client(t, ts, "hessen"), "impressum", url.Values{"text": {"x"}, "version": {"1"}, "aktion": {"speichern"}}); code != http.StatusForbidden {
		t.Errorf("a member saves the Impressum: %d", code)
	}
	if res, _ := get(t, ts, "/rechtliche-seiten/impressum"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the public opens the edit page: %d", res.StatusCode)
	}
	if code, _ := do(t, gs, "GET", ts.URL+"/rechtliche-seiten/agb", nil); code != http.StatusNotFound {
		t.Errorf("unknown legal page: %d", code)
	}
	if p, _ := st.LegalPage(ctx, model.LegalImprint); !strings.HasPrefix(p.Text, demo.DemoLegalNote) {
		t.Errorf("impressum changed: %q", p.Text)
	}
}

// TestLegalPageGivesEveryReason: a refused legal text said its first
// reason only (model.CheckLegalText stopped there), in a box not tied to
// the field: the secretariat removed the HTML, saved, and only then
// learned about the confidential mark, and then about each bad link.
// Every reason now stands at the text field, marked invalid, and all of
// them in the box, each linked to the field; previewing says the same.
func TestLegalPageGivesEveryReason(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	before, _ := st.LegalPage(context.Background(), model.LegalImprint)
	bad := "Hallo <b>Welt</b>\n\n[[intern]]\n\n[klick](javascript:alert) und [Bild](data:x)"
	reasons := []string{
		"Bitte schreiben Sie reinen Text ohne HTML (gefunden: „&lt;b&gt;“)",
		"Diese Seite ist öffentlich; vertrauliche Passagen ([[…]]) gibt es hier nicht",
		"Der Link „javascript:alert“ führt nicht",
		"Der Link „data:x“ führt nicht",
	}
	for _, action := range []string{"speichern", "vorschau"} {
		code, page := do(t, gs, "POST", ts.URL+"/rechtliche-seiten/impressum", url.Values{"text": {bad}, "version": {"1"}, "aktion": {action}})
		if code != http.StatusBadRequest {
			t.Fatalf("%s: %d", action, code)
		}
		box := between(page, `<div class="error-box" role="alert" id="seite-fehler" tabindex="-1">`, "</div>")
		at := between(page, `<p class="field-error" id="text-fehler">`, "</p>")
		for _, reason := range reasons {
			if !strings.Contains(box, `<a href="#text">`+reason) {
				t.Errorf("%s: the box does not link %q to the field: %s", action, reason, box)
			}
			if !strings.Contains(at, reason) {
				t.Errorf("%s: the field lacks %q: %s", action, reason, at)
			}
		}
		if !strings.Contains(between(page, "<textarea", ">"), `aria-describedby="text-hilfe text-fehler" aria-invalid="true"`) {
			t.Errorf("%s: the field is not marked invalid: %s", action, between(page, "<textarea", ">"))
		}
		if !strings.Contains(page, html.EscapeString(bad)) {
			t.Errorf("%s: the typed text is lost", action)
		}
		for _, p := range wellFormedProblems(page) {
			t.Errorf("%s: %s", action, p)
		}
	}
	if after, _ := st.LegalPage(context.Background(), model.LegalImprint); after.Version != before.Version {
		t.Errorf("the refused text was saved: %+v", after)
	}
}
