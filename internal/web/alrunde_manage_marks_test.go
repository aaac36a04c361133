package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestManageRowSaysTheALRundesRecommendation: the secretariat ticks
// "Grüne Liste" in an item's row of the IT-PLR session's Verwaltung, and
// the row did not say what the AL-Runde had recommended for it — on the
// list or with debate —; that stood only on the page of recommendations.
// Now the row says it beside the tick, in words, with the AL-Runde
// session it came from, the tick described by it, and that the item
// stands otherwise where it does.
func TestManageRowSaysTheALRundesRecommendation(t *testing.T) {
	for _, tc := range []struct {
		greenList bool
		says      string
		summary   string
	}{
		{true, "AL-Runde empfiehlt: Grüne Liste", "Annahme wie vorgeschlagen, ohne Aussprache (Grüne Liste) – für die Grüne Liste vorgeschlagen"},
		{false, "AL-Runde empfiehlt: Aussprache", "Annahme wie vorgeschlagen"},
	} {
		w := newALRundeVoteWorldFor(t, tc.greenList)
		gs := client(t, w.ts, "geschaeftsstelle")
		_, page := do(t, gs, "GET", w.ts.URL+"/sitzungen/48/verwaltung", nil)
		row := between(page, fmt.Sprintf(`id="top-%d"`, w.target), "</form>")
		if want := "AL-Runde: Beschlussempfehlung noch nicht beschlossen"; !strings.Contains(row, want) {
			t.Errorf("while the AL-Runde votes, the row lacks %q: %s", want, row)
		}
		w.adopt(t)
		_, page = do(t, gs, "GET", w.ts.URL+"/sitzungen/48/verwaltung", nil)
		row = between(page, fmt.Sprintf(`id="top-%d"`, w.target), "</form>")
		want := fmt.Sprintf(`<p class="hint" id="gl-%d-empfehlung"><strong>%s</strong> (Beschlussempfehlung der 40. AL-Runde vom %s: %s).`, w.target, tc.says, w.al.Date.German(), tc.summary)
		if !strings.Contains(row, want) {
			t.Errorf("the row lacks %q: %s", want, row)
		}
		if want := fmt.Sprintf(`aria-describedby="gl-%d-empfehlung"`, w.target); !strings.Contains(between(row, `id="gl-`, ">"), want) {
			t.Errorf("the tick is not described by the recommendation: %s", between(row, `id="gl-`, ">"))
		}
		// Proposed for the list and not confirmed: the item is not on it.
		differs := strings.Contains(row, "Abweichend davon steht der TOP nicht auf der Grünen Liste.")
		if differs != tc.greenList {
			t.Errorf("recommended for the list %v: the row says it differs %v: %s", tc.greenList, differs, row)
		}
		if !tc.greenList {
			tickGreenList(t, w, gs, w.target)
			_, page = do(t, gs, "GET", w.ts.URL+"/sitzungen/48/verwaltung", nil)
			row = between(page, fmt.Sprintf(`id="top-%d"`, w.target), "</form>")
			if !strings.Contains(row, "Abweichend davon steht der TOP auf der Grünen Liste.") {
				t.Errorf("ticked against the recommendation, the row does not say so: %s", row)
			}
		}
	}
}

// TestPublishWarnsWhereGreenListDiffers: before the agenda is published,
// the Verwaltung warned only of items on the Grüne Liste without the
// AL-Runde's recommendation for it, not of items the AL-Runde recommended
// for the list that are not on it (the recommendation proposed and never
// confirmed), and publishing said "Die Tagesordnung ist veröffentlicht."
// and nothing else. Now the page names such items above the button
// (which is described by the warnings), and the publication — not
// refused — repeats both directions in its notice.
func TestPublishWarnsWhereGreenListDiffers(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	w.adopt(t)
	cloud := secondItem(t, w)
	gs := client(t, w.ts, "geschaeftsstelle")
	tickGreenList(t, w, gs, cloud)
	_, page := do(t, gs, "GET", w.ts.URL+"/sitzungen/48/verwaltung", nil)
	box := between(page, `id="empfohlen-nicht-auf-liste"`, "</div>")
	if want := fmt.Sprintf(`<a href="#top-%d">Föderales Datenportal</a>: Beschlussempfehlung der 40. AL-Runde vom %s, für die Grüne Liste vorgeschlagen und noch nicht bestätigt`, w.target, w.al.Date.German()); !strings.Contains(box, want) {
		t.Errorf("the warning lacks %q: %q", want, box)
	}
	if strings.Contains(box, "Cloud-Strategie") {
		t.Errorf("an item on the list is named as missing: %q", box)
	}
	if want := `aria-describedby="gruene-liste-ohne-empfehlung empfohlen-nicht-auf-liste">Tagesordnung veröffentlichen`; !strings.Contains(page, want) {
		t.Errorf("the button is not described by the warnings: %s", between(page, `id="tagesordnung-veroeffentlichen"`, "</form>"))
	}
	se, err := w.st.Session(context.Background(), w.s48.ID)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gs.PostForm(w.ts.URL+"/sitzungen/48/veroeffentlichen", url.Values{"version": {fmt.Sprint(se.Version)}, "ohne_nummer": {"ja"}, "ausser_reihe": {"ja"}, "gruene_liste_getrennt": {"ja"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publishing: %d", res.StatusCode)
	}
	if se, _ := w.st.Session(context.Background(), w.s48.ID); !se.AgendaPublished {
		t.Fatal("the warning refused the publication")
	}
	_, page = do(t, gs, "GET", w.ts.URL+res.Header.Get("Location"), nil)
	notice := between(page, `<div class="notice-box`, "</div>")
	for _, want := range []string{
		"Die Tagesordnung ist veröffentlicht.",
		"<strong>Achtung, die Grüne Liste weicht von der Beschlussempfehlung ab:</strong>",
		"„Cloud-Strategie“ steht auf der Grünen Liste: keine Beschlussempfehlung der AL-Runde",
		"„Föderales Datenportal“ steht nicht auf der Grünen Liste, empfohlen war sie (Beschlussempfehlung der 40. AL-Runde vom " + w.al.Date.German() + ", für die Grüne Liste vorgeschlagen und noch nicht bestätigt).",
	} {
		if !strings.Contains(notice, want) {
			t.Errorf("the notice lacks %q: %q", want, notice)
		}
	}
}

// TestPublishWithoutDifferenceSaysNoWarning: a Grüne Liste as the
// AL-Runde recommended it is published with the plain notice, and an
// item a member took off the list is no difference to put right.
func TestPublishWithoutDifferenceSaysNoWarning(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	w.adopt(t)
	ctx := store.WithActor(context.Background(), "test")
	rec, err := w.st.Recommendation(ctx, w.rec)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.st.PullFromGreenList(ctx, rec.ID, "HE"); err != nil {
		t.Fatal(err)
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", w.ts.URL+"/sitzungen/48/verwaltung", nil)
	if strings.Contains(page, `id="empfohlen-nicht-auf-liste"`) {
		t.Errorf("an item pulled at a member's request is warned of: %s", between(page, `id="empfohlen-nicht-auf-liste"`, "</div>"))
	}
	row := between(page, fmt.Sprintf(`id="top-%d"`, w.target), "</form>")
	if !strings.Contains(row, "AL-Runde empfiehlt: Grüne Liste") || !strings.Contains(row, "von der Grünen Liste genommen (auf Wunsch von HE)") || strings.Contains(row, "Abweichend") {
		t.Errorf("the pulled item's row: %s", row)
	}
	se, _ := w.st.Session(ctx, w.s48.ID)
	res, err := gs.PostForm(w.ts.URL+"/sitzungen/48/veroeffentlichen", url.Values{"version": {fmt.Sprint(se.Version)}, "ohne_nummer": {"ja"}, "ausser_reihe": {"ja"}, "gruene_liste_getrennt": {"ja"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	_, page = do(t, gs, "GET", w.ts.URL+res.Header.Get("Location"), nil)
	if notice := between(page, `<div class="notice-box`, "</div>"); !strings.Contains(notice, "Die Tagesordnung ist veröffentlicht.") || strings.Contains(notice, "Achtung") {
		t.Errorf("the notice: %q", notice)
	}
}

// TestManageButtonsSayConfidentialTitles: the buttons of a registration
// and of an agenda row on the Verwaltung are named by the item's title,
// visually hidden ("Annehmen: …"); a confidential passage of the title
// was read there without the word "vertraulich", which the page says
// everywhere else (marked). Now the hidden names say it the same way.
func TestManageButtonsSayConfidentialTitles(t *testing.T) {
	w := newALRundeVoteWorldFor(t, false)
	ctx := store.WithActor(context.Background(), "test")
	council, _ := w.st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	title := "Cloud " + model.Redact("Verhandlungslinie") + " Bund"
	pending, err := w.st.RegisterItem(ctx, model.AgendaItem{SessionID: w.s48.ID, Title: title, Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll,
		Title: "Cloud", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	it, _ := w.st.Item(ctx, w.target)
	it.Title = "Datenportal " + model.Redact("Haushalt")
	if err := w.st.UpdateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	_, page := do(t, client(t, w.ts, "geschaeftsstelle"), "GET", w.ts.URL+"/sitzungen/48/verwaltung", nil)
	reg := between(page, fmt.Sprintf(`id="anmeldung-%d"`, pending), "</tr>")
	said := "Cloud vertraulich: Verhandlungslinie (Ende vertraulich) Bund"
	for _, button := range []string{"Annehmen", "Änderung erbitten", "Ablehnen"} {
		if want := button + `<span class="visually-hidden">: ` + said + `</span>`; !strings.Contains(reg, want) {
			t.Errorf("the registration's button lacks %q: %s", want, reg)
		}
	}
	row := between(page, fmt.Sprintf(`<div class="agenda-edit" id="top-%d">`, w.target), `</section>`)
	rowSaid := "Datenportal vertraulich: Haushalt (Ende vertraulich)"
	for _, want := range []string{
		`Speichern<span class="visually-hidden">: ` + rowSaid + `</span>`,
		`aria-label="` + rowSaid + ` nach oben"`,
		`Verschieben<span class="visually-hidden">: ` + rowSaid + `</span>`,
	} {
		if !strings.Contains(row, want) {
			t.Errorf("the row lacks %q: %s", want, row)
		}
	}
	if strings.Contains(page, ": Cloud Verhandlungslinie Bund</span>") {
		t.Errorf("a hidden name still reads the confidential title without the word")
	}
}

// TestDecisionRowMarkerSaysItsWords: a decision's row of the minutes is
// marked "BV" (the layout's letters), explained by a title only, which
// touch users cannot read and screen readers do not announce reliably —
// and in the AL-Runde, whose decisions are Beschlussempfehlungen, the
// title said "Beschluss". Now the marker says what the row is in words,
// for screen readers in place of the letters and visibly below them.
func TestDecisionRowMarkerSaysItsWords(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	w.adopt(t)
	gs := client(t, w.ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", w.ts.URL+"/gremien/al-runde/sitzungen/40", nil)
	tag := between(page, `<div class="row row-BV"><div class="tag">`, "</div>")
	if want := `<abbr title="Beschlussempfehlung" aria-hidden="true">BV</abbr><span class="visually-hidden">Beschlussempfehlung</span><br><span class="sub" aria-hidden="true">Emp&shy;feh&shy;lung</span>`; tag != want {
		t.Errorf("the AL-Runde's decision row is marked %q, want %q", tag, want)
	}
	_, page = do(t, gs, "GET", w.ts.URL+"/sitzungen/47", nil)
	tag = between(page, `<div class="row row-BV"><div class="tag">`, "</div>")
	if want := `<abbr title="Beschluss" aria-hidden="true">BV</abbr><span class="visually-hidden">Beschluss</span><br><span class="sub" aria-hidden="true">Be&shy;schluss</span>`; tag != want {
		t.Errorf("the IT-PLR's decision row is marked %q, want %q", tag, want)
	}
}

// TestWrittenProcedureFormSaysConfidentialTitle: the form starting the
// AL-Runde's written procedure on an item (the page of recommendations of
// the IT-PLR session) is named by the item's title, visually hidden; a
// confidential passage was read without "vertraulich" there too.
func TestWrittenProcedureFormSaysConfidentialTitle(t *testing.T) {
	w := newALRundeVoteWorldFor(t, false)
	cloud := secondItem(t, w)
	ctx := store.WithActor(context.Background(), "test")
	it, _ := w.st.Item(ctx, cloud)
	it.Title = "Cloud " + model.Redact("Verhandlungslinie")
	if err := w.st.UpdateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	_, page := do(t, client(t, w.ts, "geschaeftsstelle"), "GET", w.ts.URL+"/sitzungen/48/empfehlungen", nil)
	form := between(page, fmt.Sprintf(`id="umlauf-%d"`, cloud), "</form>")
	said := "Cloud vertraulich: Verhandlungslinie (Ende vertraulich)"
	for _, want := range []string{
		`Empfehlung im Umlaufverfahren<span class="visually-hidden"> zu ` + said + `</span>`,
		`einleiten<span class="visually-hidden">: ` + said + `</span>`,
	} {
		if !strings.Contains(form, want) {
			t.Errorf("the written procedure's form lacks %q: %s", want, form)
		}
	}
}
