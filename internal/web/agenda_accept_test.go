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

// TestAgendaRowShowsStatedImpact: once the secretariat has put a
// registration on the agenda, the item's row still says which
// Fachministerkonferenzen the member office stated affected (GO § 4),
// beside gremium's proposal — before, the row showed only the proposal
// ("laut Vorschlag: Digitalministerkonferenz") and the office's statement
// (Innenministerkonferenz) was gone from the page; and the line stands
// below the row's buttons, not between the row and its arrows.
func TestAgendaRowShowsStatedImpact(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	imk, err := st.BodyByAbbrev(ctx, "IMK")
	if err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	it := acceptedRegistration(t, ts, st, client(t, ts, "hessen"), gs, url.Values{"titel": {"Deutschland-Stack – Architekturvorgaben"}, "ziel": {"Bericht"},
		"fachmk": {"betroffen"}, "fachmk_ids": {fmt.Sprint(imk.ID)}})
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	row := between(page, fmt.Sprintf(`<div class="agenda-edit" id="top-%d">`, it.ID), "</section>")
	row, _, _ = strings.Cut(row, `<div class="agenda-edit"`) // the rows after it, if any
	row = strings.ReplaceAll(row, "\u00ad", "")
	stated := strings.Index(row, "Betroffene FachMK laut Anmeldung: Innenministerkonferenz")
	proposed := strings.Index(row, "Vorschlag von gremium: Digitalministerkonferenz")
	arrows := strings.LastIndex(row, "/verschieben")
	if stated < 0 || proposed < stated {
		t.Errorf("the agenda row does not give the stated impact before gremium's proposal:\n%s", row)
	}
	if arrows < 0 || stated < arrows {
		t.Errorf("the impact line stands between the row and its arrows:\n%s", row)
	}
}

// TestAcceptIntoSectionOnTheManagePage: beside "Annehmen" the secretariat
// chooses the section (Schwerpunktthema) the registration goes into —
// the form offers the topics, not the opening nor the Grüne Liste — and
// the item stands at the end of that section, before "Reporting FachMK"
// (Übergreifendes); before, it went to the very end without a section and
// had to be given one and moved up row by row.
func TestAcceptIntoSectionOnTheManagePage(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	it := pendingRegistration(t, ts, st, client(t, ts, "hessen"), url.Values{"titel": {"Deutschland-Stack"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	choice := between(page, fmt.Sprintf(`<select id="an-abschnitt-%d" name="abschnitt">`, it.ID), "</select>")
	sections, err := st.Sections(ctx, mustBody(t, st).ID)
	if err != nil {
		t.Fatal(err)
	}
	var apps int64
	for _, c := range sections {
		if offered := strings.Contains(choice, ">"+c.Name+"<"); offered != c.Topic() {
			t.Errorf("the accept form offers %q: %v, want %v", c.Name, offered, c.Topic())
		}
		if c.Name == "Digitale Anwendungen" {
			apps = c.ID
		}
	}
	if apps == 0 {
		t.Fatal("no section Digitale Anwendungen")
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)},
		"entscheidung": {"annehmen"}, "abschnitt": {fmt.Sprint(apps)}}); code != http.StatusSeeOther {
		t.Fatalf("accepting into Digitale Anwendungen: %d", code)
	}
	items, err := st.Items(ctx, it.SessionID)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, x := range items {
		if x.Status == model.ItemAccepted || x.Status == "" {
			titles = append(titles, x.Title)
			if x.ID == it.ID && x.SectionID != apps {
				t.Errorf("the accepted item is in section %d, want %d", x.SectionID, apps)
			}
		}
	}
	if got := strings.Join(titles, ", "); !strings.HasSuffix(got, "Deutschland-Stack, "+model.ReportingFachMKTitle) {
		t.Errorf("agenda after the acceptance: %s", got)
	}
}

// TestAcceptWarnsOfAShortApplication: a registration whose proposal's
// application does not yet suffice (Hamburg and Brandenburg named as
// co-applicants, not yet confirmed) was accepted with "auf der
// Tagesordnung" only; the secretariat learnt it when the vote was
// refused on the session day. Now the acceptance says so.
func TestAcceptWarnsOfAShortApplication(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	acceptedRegistration(t, ts, st, client(t, ts, "hessen"), gs, url.Values{"titel": {"Cloud-Strategie"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt die Cloud-Strategie."}, "antrag": {"HE, HH, BB"}})
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if notice := between(page, `class="notice-box"`, "</div>"); !strings.Contains(notice, "„Cloud-Strategie“: ") || !strings.Contains(notice, "Achtung, der Antrag reicht noch nicht aus:") ||
		!strings.Contains(notice, "Bis der Antrag ausreicht, kann über den Vorschlag nicht abgestimmt werden.") {
		t.Errorf("the acceptance's notice: %s", notice)
	}
}
