package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/search"
	"gremium/internal/store"
)

// longTitle is an agenda item's title with a compound longer than a line
// of a heading at 320 px (the finding of the browser review).
const longTitle = "Föderale Digitalisierungsinfrastrukturverordnung"

// longTitleShy is longTitle as the pages show it in a heading: with soft
// hyphens at the joints of the compound (hyphenate).
const longTitleShy = "Föderale Digitalisierungs\u00adinfrastruktur\u00adverordnung"

// longTitleWorld is the demo with an item of the 47th session titled
// longTitle: an adopted decision of that title recorded first (as a
// registered proposal is, before the session), then two contributions,
// the search index rebuilt. It gives the item's id.
func longTitleWorld(t *testing.T) (*httptest.Server, *store.Store, int64) {
	t.Helper()
	ts, st := cycleServer(t)
	ctx := store.WithActor(context.Background(), "test")
	council, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	se, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	itemID, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: se.ID, Number: "21", Title: longTitle, Goal: model.GoalDecision,
		Points: []string{"Umsetzungsstand der Digitalisierungsinfrastrukturverordnung"}, Reporters: []string{"Bund"}, Status: model.ItemAccepted, Position: 90})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: se.ID, ItemID: itemID, Kind: model.KindDecision, Status: model.DecisionAdopted,
		Number: model.DecisionNumber{Year: 2025, Seq: 90}, AdoptedOn: se.Date, Scope: model.ScopeAll, Title: longTitle, Result: "einstimmig",
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt den Entwurf der Verordnung."}}}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []model.Contribution{
		{ItemID: itemID, Speaker: "HE", Points: []string{"Erster Beitrag zur Verordnung."}},
		{ItemID: itemID, Speaker: "BY", Points: []string{"Zweiter Beitrag zur Verordnung."}},
	} {
		if _, err := st.CreateContribution(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := search.Rebuild(ctx, st, council.ID); err != nil {
		t.Fatal(err)
	}
	return ts, st, itemID
}

// softHyphenOutsideText lists the places of an HTML page where a soft
// hyphen must not stand: the <title> and the values of attributes
// (aria-label, value, title, href, content), which are copied, compared
// and read out as typed.
func softHyphenOutsideText(page string) []string {
	var bad []string
	z := html.NewTokenizer(strings.NewReader(page))
	inTitle := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return bad
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			inTitle = tok.Data == "title"
			for _, a := range tok.Attr {
				if strings.ContainsRune(a.Val, '\u00ad') {
					bad = append(bad, fmt.Sprintf("<%s %s=%q>", tok.Data, a.Key, a.Val))
				}
			}
		case html.EndTagToken:
			inTitle = false
		case html.TextToken:
			if inTitle && strings.ContainsRune(string(z.Text()), '\u00ad') {
				bad = append(bad, fmt.Sprintf("<title>%s", z.Text()))
			}
		}
	}
}

// TestItemTitlesBreakAtJoints: at 320 px an agenda item's title broke in
// the middle of its compound ("Digitalisierungsinfrastr|ukturverordnung")
// on the session page, in the minutes and wherever it is a heading or a
// line of its own: Chromium has no German hyphenation for hyphens: auto.
// Those places carry soft hyphens at the joints now (hyphenate);
// the <title>, attributes, form values, the feed, the JSON API, the text
// export and the PDF keep the title as typed.
func TestItemTitlesBreakAtJoints(t *testing.T) {
	ts, _, itemID := longTitleWorld(t)
	public, gs := client(t, ts, ""), client(t, ts, "geschaeftsstelle")
	for _, c := range []struct {
		path  string
		as    string
		wants []string
	}{
		{"/sitzungen/47", "", []string{
			"<h3 id=\"h-top-21\"><span class=\"nr\">TOP 21</span> " + longTitleShy + "</h3>",
			"TOP 21 – " + longTitleShy + "</a>",
			"<li>Umsetzungs\u00adstand der Digitalisierungs\u00adinfrastruktur\u00adverordnung</li>"}},
		{"/sitzungen/47/protokoll", "", []string{"<strong>" + longTitleShy + "</strong>",
			"<li>Umsetzungs\u00adstand der Digitalisierungs\u00adinfrastruktur\u00adverordnung</li>"}},
		{"/beschluesse/B-2025/90-IT", "", []string{"<span class=\"sub\">" + longTitleShy + "</span></h1>", "TOP 21 – " + longTitleShy + "</a>"}},
		{"/beschluesse", "", []string{"<td role=\"cell\">" + longTitleShy}},
		{"/suche?q=Digitalisierungsinfrastrukturverordnung", "", []string{"TOP 21 " + longTitleShy + " – 47. Sitzung</a>"}},
		{fmt.Sprintf("/sitzungen/47/live?top=%d", itemID), "geschaeftsstelle", []string{
			fmt.Sprintf("<h2 id=\"top-%d\">TOP 21 – %s</h2>", itemID, longTitleShy), "TOP 21 – " + longTitleShy + "</a>"}},
	} {
		c := c
		t.Run(c.path, func(t *testing.T) {
			cl := public
			if c.as != "" {
				cl = gs
			}
			code, page := do(t, cl, "GET", ts.URL+c.path, nil)
			if code != 200 {
				t.Fatalf("%s: %d", c.path, code)
			}
			for _, want := range c.wants {
				if !strings.Contains(page, want) {
					t.Errorf("%s lacks %q", c.path, strings.ReplaceAll(want, "\u00ad", "|"))
				}
			}
			if bad := softHyphenOutsideText(page); len(bad) > 0 {
				t.Errorf("%s: soft hyphens where the title must stay as typed: %q", c.path, bad)
			}
		})
	}
	// What is copied, compared and read by programs has the title as
	// typed, without soft hyphens.
	for _, path := range []string{"/beschluesse.atom", "/api/v1/sitzungen/47", "/api/v1/beschluesse/2025/90", "/sitzungen/47/protokoll.txt",
		"/sitzungen/47/protokoll.pdf"} {
		code, body := do(t, public, "GET", ts.URL+path, nil)
		if code != 200 {
			t.Errorf("%s: %d", path, code)
			continue
		}
		if strings.HasSuffix(path, ".pdf") {
			body = pdftest.Text(t, []byte(body))
		}
		if strings.ContainsRune(body, '\u00ad') || strings.Contains(body, "\\u00ad") || strings.Contains(body, "&shy;") {
			t.Errorf("%s carries soft hyphens", path)
		}
		if !strings.Contains(strings.Join(strings.Fields(body), ""), "Digitalisierungsinfrastrukturverordnung") {
			t.Errorf("%s lacks the title as typed", path)
		}
	}
}

// TestMinutesPageDiscussionBeforeDecision: the minutes page of an item
// whose decision was recorded before its discussion (a registered
// proposal is) gave the decision first; it gives the discussion, then
// the decision, as the published minutes do (minutes.Load).
func TestMinutesPageDiscussionBeforeDecision(t *testing.T) {
	ts, _, _ := longTitleWorld(t)
	for _, path := range []string{"/sitzungen/47/protokoll", "/sitzungen/47"} {
		_, page := do(t, client(t, ts, ""), "GET", ts.URL+path, nil)
		at := strings.Index(page, `top-21"`) // TOP 21's anchor (model.ItemAnchors)
		if at < 0 {
			t.Fatalf("%s lacks the item", path)
		}
		item := page[at:]
		first, second, decision := strings.Index(item, "Erster Beitrag"), strings.Index(item, "Zweiter Beitrag"), strings.Index(item, "Der IT-Planungsrat beschließt den Entwurf")
		if first < 0 || second < 0 || decision < 0 {
			t.Fatalf("%s lacks the item's rows", path)
		}
		if !(first < second && second < decision) {
			t.Errorf("%s: the decision stands before the discussion (contributions at %d and %d, decision at %d)", path, first, second, decision)
		}
	}
}

// TestHyphenateCompoundsJoints: the soft hyphens stand at the joints the
// compound splitter is sure of, never inside a part it guessed
// ("Architekt|urvorgaben" would show "Architekt-" at a line end); the
// listed joints of conference names and narrow cells stand too; in a
// heading or a line a short word stays whole, in a narrow cell
// (cellMeasure) it gets its listed joints.
func TestHyphenateCompoundsJoints(t *testing.T) {
	for _, c := range []struct {
		in, want string
		at       measure
	}{
		{longTitle, "Föderale Digitalisierungs|infrastruktur|verordnung", lineMeasure},
		{"Registermodernisierung – Bericht zum Stand der Umsetzung", "Register|modernisierung – Bericht zum Stand der Umsetzung", lineMeasure},
		{"Informationssicherheitsleitlinie", "Informations|sicherheits|leitlinie", lineMeasure},
		{"Steuerungsgruppe NOOTS", "Steuerungs|gruppe NOOTS", lineMeasure},
		{"Zielarchitektur Postfach- und Kommunikationslösungen", "Zielarchitektur Postfach- und Kommunikations|lösungen", lineMeasure},
		{"Umsetzungsstand der Interoperabilitätsstandards", "Umsetzungs|stand der Interoperabilitäts|standards", lineMeasure},
		{"Haushalt ⟦Verhandlungslinie Bund⟧", "Haushalt ⟦Verhandlungs|linie Bund⟧", lineMeasure},
		// Guessed parts and suffixes are no joints.
		{"Deutschland-Stack – gemeinsame Architekturvorgaben für Bund und Länder", "Deutschland-Stack – gemeinsame Architekturvorgaben für Bund und Länder", lineMeasure},
		{"Ministerinnen und Minister", "Ministerinnen und Minister", lineMeasure},
		{"Gemeinsame EfA-Finanzierung", "Gemeinsame EfA-Finanzierung", lineMeasure},
		// The listed joints stand too; in a heading or a line their
		// short words stay whole.
		{"Bericht aus der Gesundheitsministerkonferenz", "Bericht aus der Gesundheits|minister|konferenz", lineMeasure},
		{"Bericht der Innenministerkonferenz", "Bericht der Innen|minister|konferenz", lineMeasure},
		{"Jugend- und Familienministerkonferenz", "Jugend- und Familien|minister|konferenz", lineMeasure},
		{"Tagesordnungspunkt", "Tages|ordnungs|punkt", lineMeasure},
		{"Anmeldung: angemeldet", "Anmeldung: angemeldet", lineMeasure},
		{"Anmeldung: angemeldet", "Anmeldung: an|gemeldet", cellMeasure},
		{"Tagesordnung veröffentlicht", "Tages|ordnung ver|öffentlicht", cellMeasure},
		{"Umlaufverfahren eingeleitet", "Umlauf|verfahren eingeleitet", cellMeasure},
		{"Neuer Kommentar der Geschäftsstelle", "Neuer Kommentar der Geschäfts|stelle", cellMeasure},
		// A word that has soft hyphens already keeps them as they are.
		{"Finanz\u00administer\u00adkonferenz", "Finanz|minister|konferenz", cellMeasure},
	} {
		if got := strings.ReplaceAll(hyphenate(c.in, c.at), "\u00ad", "|"); got != c.want {
			t.Errorf("hyphenate(%q, %d) = %q, want %q", c.in, c.at, got, c.want)
		}
	}
	if got := hyphenate("Anmeldung: angemeldet"); got != hyphenate("Anmeldung: angemeldet", lineMeasure) {
		t.Errorf("hyphenate without a measure gives %q, not as in a heading", got)
	}
}

// BenchmarkHyphenate: a title with three long words.
func BenchmarkHyphenate(b *testing.B) {
	for b.Loop() {
		hyphenate("Umsetzungsstand der Föderalen Digitalisierungsinfrastrukturverordnung – Registermodernisierung")
	}
}

// TestJointsMemoIsBounded: the memo of the long words' joints answers as
// the splitter does, and holds no more than jointsMemoMax words however
// many distinct titles a crawl brings.
func TestJointsMemoIsBounded(t *testing.T) {
	m := &jointsMemo{m: map[string]string{}}
	const word = "Digitalisierungsinfrastrukturverordnung"
	if got, want := m.get(word), sureJoints(word); got != want || m.get(word) != want {
		t.Errorf("memo %q, splitter %q", got, want)
	}
	for i := range jointsMemoMax + 10 {
		m.get(fmt.Sprintf("Verwaltungsdigitalisierung%d", i))
	}
	if n := len(m.m); n > jointsMemoMax {
		t.Errorf("the memo holds %d words, more than %d", n, jointsMemoMax)
	}
}
