package web

import (
	"context"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// The words a confidential passage is said with, and the markup around it
// that only the internal version has.
const (
	confidentialSaid    = "vertraulich: "
	confidentialEndSaid = " (Ende vertraulich)"
	hiddenWordsMarkup   = `<span class="visually-hidden">`
)

// TestMarkedSaysConfidentialInWords: a confidential passage was marked by
// colour, a dashed underline and a title only (and words the style sheet
// adds, which style sheets switched off or not read lose: WCAG F87), which
// screen readers do not announce reliably (WCAG 1.3.1, 1.4.1). The
// passage now says in words, in the page, visually hidden, where it
// starts and ends.
func TestMarkedSaysConfidentialInWords(t *testing.T) {
	got := string(marked("Bericht " + model.Redact("Projekt <Zebra>") + " offen"))
	want := `Bericht <mark class="confidential" title="vertraulich"><span class="visually-hidden">vertraulich: </span>Projekt &lt;Zebra&gt;<span class="visually-hidden"> (Ende vertraulich)</span></mark> offen`
	if got != want {
		t.Errorf("marked = %s\nwant     %s", got, want)
	}
	if got := string(marked("ohne Passage")); got != "ohne Passage" {
		t.Errorf("a text without passage: %s", got)
	}
	// The words are hidden by the style sheet's class for text that
	// screen readers read and the screen does not show.
	css, err := fs.ReadFile(staticFS, "static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	if rule := between(string(css), ".visually-hidden {", "}"); !strings.Contains(rule, "position: absolute") || !strings.Contains(rule, "clip") {
		t.Errorf("style.css hides no .visually-hidden text: %q", rule)
	}
}

// TestConfidentialWordsNeverPublic: the public pages of a published
// session whose item title, discussion and follow-up have a confidential
// passage ([[…]]) show neither the passage nor the words that say it is
// one (they come with the passage, in the internal version only); the
// internal pages show both, and so does the registration's page
// (/anmeldungen/{id}) to the registering office and its co-applicant.
func TestConfidentialWordsNeverPublic(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	itplr, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	s47, err := st.SessionByNumber(ctx, itplr.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	const passage = "Projekt Zebra"
	itemID, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: s47.ID, Number: "99", Title: "Bericht zum " + model.Redact(passage), Position: 99, Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateContribution(ctx, model.Contribution{ItemID: itemID, Speaker: "HE", Points: []string{"Stand " + model.Redact(passage) + " offen"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Bericht " + model.Redact(passage) + " vorlegen", Responsible: "HE", Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	public := client(t, ts, "")
	for _, path := range []string{"/sitzungen/47", "/sitzungen/47/protokoll", "/sitzungen/47/protokoll.txt", "/auftraege", "/auftraege.csv", "/mitglieder/HE/auftraege", "/beschluesse"} {
		code, body := do(t, public, "GET", ts.URL+path, nil)
		if code != http.StatusOK {
			t.Errorf("public %s: %d", path, code)
			continue
		}
		body = strings.ReplaceAll(body, "\u00ad", "")
		for _, leak := range []string{passage, "Zebra", confidentialSaid, "Ende vertraulich", hiddenWordsMarkup + "vertraulich", `class="confidential"`} {
			if i := strings.Index(body, leak); i >= 0 {
				t.Errorf("public %s shows %q: …%s…", path, leak, body[max(0, i-80):min(len(body), i+80)])
			}
		}
	}
	if _, body := do(t, public, "GET", ts.URL+"/sitzungen/47", nil); !strings.Contains(body, "Bericht zum [geschwärzt]") {
		t.Errorf("the public session page lacks the item's public title")
	}

	he := client(t, ts, "hessen")
	said := markOpen + passage + markClose
	for _, path := range []string{"/sitzungen/47", "/sitzungen/47/protokoll", "/auftraege", "/mitglieder/HE/auftraege"} {
		_, body := do(t, he, "GET", ts.URL+path, nil)
		if body = strings.ReplaceAll(body, "\u00ad", ""); !strings.Contains(body, said) {
			t.Errorf("internal %s does not say the passage is confidential", path)
		}
	}

	// The registration's page, where the reviewer heard nothing.
	it := pendingRegistration(t, ts, st, he, url.Values{"titel": {"Register [[" + passage + "]]"}, "ziel": {"Beschluss"}, "berichterstattung": {"HE"},
		"fachmk": {"keine"}, "beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register [[" + passage + "]]."}, "antrag": {"HE, NW, BY"}})
	path := ts.URL + "/anmeldungen/" + strconv.FormatInt(it.ID, 10)
	for name, c := range map[string]*http.Client{"hessen": he, "nordrhein-westfalen": client(t, ts, "nordrhein-westfalen")} {
		code, page := do(t, c, "GET", path, nil)
		if code != http.StatusOK {
			t.Fatalf("%s: %d", name, code)
		}
		main := strings.ReplaceAll(between(page, "<main", "</main>"), "\u00ad", "")
		if !strings.Contains(main, said) {
			t.Errorf("%s: the registration's page does not say the passage is confidential:\n%s", name, main)
		}
	}
}

// TestConfidentialWordsInBrowser: in chromium the words round a
// confidential passage are in the page's text, where screen readers read
// them, and out of sight (clipped to at most a pixel), on the
// registration's page as its co-applicant reads it; axe finds nothing.
func TestConfidentialWordsInBrowser(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	he := client(t, ts, "hessen")
	it := pendingRegistration(t, ts, st, he, url.Values{"titel": {"Register [[Projekt Zebra]]"}, "ziel": {"Beschluss"}, "berichterstattung": {"HE"},
		"fachmk": {"keine"}, "beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register."}, "antrag": {"HE, NW, BY"}})
	b := newBrowser(t, ts.URL)
	b.login("nordrhein-westfalen")
	b.page("/anmeldungen/" + strconv.FormatInt(it.ID, 10))
	var text string
	var hiddenWidest float64
	b.run("read the marked passage",
		chromedp.Evaluate(`document.querySelector("main mark.confidential").textContent`, &text),
		chromedp.Evaluate(`Math.max(0, ...[...document.querySelectorAll("main mark.confidential .visually-hidden")].map(e => e.getBoundingClientRect().width))`, &hiddenWidest))
	if want := "vertraulich: Projekt Zebra (Ende vertraulich)"; strings.ReplaceAll(text, "\u00ad", "") != want {
		t.Errorf("the passage reads %q, want %q", text, want)
	}
	if hiddenWidest > 1 {
		t.Errorf("the words round the passage are visible: %v px wide", hiddenWidest)
	}
	b.shot("anmeldung-vertraulich")
}
