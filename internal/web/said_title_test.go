package web

import (
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestHiddenNamesSayConfidentialTitles: the visually hidden parts of the
// names of links and buttons outside the Verwaltung — the deferral's
// summary (partials.html, shown at each row of the Verwaltung and the
// live page), the session page's and Mein Bereich's links of a
// registration — read a confidential title through plain, without the
// word "vertraulich" the page says everywhere else. They now use the
// template func said (saidTitle).
func TestHiddenNamesSayConfidentialTitles(t *testing.T) {
	page, err := parsePage(templateFS, "templates/manage.html")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	view := deferFormView{Item: model.AgendaItem{ID: 7, Title: "Datenportal " + model.Redact("Haushalt")}}
	if err := page.ExecuteTemplate(&b, "defer-form", view); err != nil {
		t.Fatal(err)
	}
	if want := `TOP vertagen<span class="visually-hidden">: Datenportal vertraulich: Haushalt (Ende vertraulich)</span>`; !strings.Contains(b.String(), want) {
		t.Errorf("the deferral's summary lacks %q: %s", want, b.String())
	}
	// No hidden name of any template reads a title through plain.
	for _, name := range []string{"templates/partials.html", "templates/mine.html", "templates/session.html", "templates/live.html"} {
		src, err := templateFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), `visually-hidden">: {{plain`) {
			t.Errorf("%s: a hidden name reads a title through plain", name)
		}
	}
}
