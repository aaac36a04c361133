package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestLiveDraftRefusalKeepsTheForm: without JavaScript, a change of an open
// proposal's applicants that was refused (DLT is no applicant) led to an
// error page with the applicants as typed, and the form's other edits —
// title, points, kind — were gone. Now the live page comes again with the
// proposal's form as typed, the reason at the field (marked invalid,
// described by it) and in the box above the form, each reason a link to
// its field; nothing is stored.
func TestLiveDraftRefusalKeepsTheForm(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	_, item, id := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item), nil)
	action := fmt.Sprintf("/entwuerfe/%d", id)
	form := postedForm(page, action)
	if form == nil {
		t.Fatal("no proposal form on the live page")
	}
	before, _ := st.Decision(ctx, id)
	form.Set("titel", "Rahmenarchitektur 2027")
	form.Set("punkte", "Der IT-Planungsrat empfiehlt die Rahmenarchitektur.\nEr bittet die FITKO um einen Bericht.")
	form.Set("art", "empfehlung")
	form.Set("antrag", "HE, HH, DLT")
	code, page := do(t, gs, "POST", ts.URL+action, form)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("refused applicants: %d %s", code, between(page, "<main", "</main>"))
	}
	if !strings.Contains(page, "<h1>Live-Protokoll") {
		t.Fatalf("not the live page: %s", between(page, "<main", "</main>"))
	}
	fid := fmt.Sprintf("entwurf-%d", id)
	draft := between(page, fmt.Sprintf(`id="%s"`, fid), "</form>")
	if draft == "" {
		t.Fatalf("the proposal's form has no id %s: %s", fid, between(page, fmt.Sprintf(`action="%s"`, action), "</form>"))
	}
	for _, want := range []string{
		`value="Rahmenarchitektur 2027"`,
		"Der IT-Planungsrat empfiehlt die Rahmenarchitektur.\nEr bittet die FITKO um einen Bericht.",
		`<option value="empfehlung" selected>`,
		`value="HE, HH, DLT"`,
	} {
		if !strings.Contains(html.UnescapeString(draft), want) {
			t.Errorf("the form does not keep %q: %s", want, draft)
		}
	}
	reasonsAtFields(t, page, fmt.Sprintf(`id="%s-fehler"`, fid), map[string]string{
		fmt.Sprintf("bn-%d", id): "DLT ist nicht antragsberechtigt",
	})
	reasonsLinked(t, page, fmt.Sprintf(`id="%s-fehler"`, fid), map[string]string{
		fmt.Sprintf("bn-%d", id): "DLT ist nicht antragsberechtigt",
	})
	if top := between(page, `id="eintrag-abgelehnt"`, "</div>"); !strings.Contains(top, "DLT ist nicht antragsberechtigt") || !strings.Contains(top, `href="#`+fid+`"`) {
		t.Errorf("the box at the top: %s", top)
	}
	if after, _ := st.Decision(ctx, id); after.Version != before.Version || after.Title != before.Title || after.Kind != before.Kind {
		t.Errorf("a refused change was stored: %+v", after)
	}

	// Every reason at once: a title and points with an open mark too.
	form.Set("titel", "Rahmen [[architektur")
	form.Set("punkte", "Punkt [[offen")
	code, page = do(t, gs, "POST", ts.URL+action, form)
	if code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
		t.Fatalf("three reasons: %d", code)
	}
	reasonsAtFields(t, page, fmt.Sprintf(`id="%s-fehler"`, fid), map[string]string{
		fmt.Sprintf("bn-%d", id): "DLT ist nicht antragsberechtigt",
		fmt.Sprintf("bt-%d", id): "„Rahmen [[architektur“",
		fmt.Sprintf("bp-%d", id): "„Punkt [[offen“",
	})

	// Sent again as corrected, from the page shown, it is stored.
	form = postedForm(page, action)
	form.Set("version", between(page, fmt.Sprintf(`id="version-entwurf-%d" value="`, id), `"`))
	form.Set("titel", "Rahmenarchitektur 2027")
	form.Set("punkte", "Der IT-Planungsrat empfiehlt die Rahmenarchitektur.")
	form.Set("art", "empfehlung")
	form.Set("antrag", "HE, HH, BB")
	form.Set("alle_feld", "1")
	if code, body := do(t, gs, "POST", ts.URL+action, form); code != http.StatusSeeOther {
		t.Fatalf("corrected: %d %s", code, between(body, "<main", "</main>"))
	}
	if after, _ := st.Decision(ctx, id); after.Title != "Rahmenarchitektur 2027" || after.Kind != model.KindRecommendation || !slices.Equal(after.Applicants, []string{"HE", "HH", "BB"}) {
		t.Errorf("after the corrected send: %+v", after)
	}

	// The autosave (htmx) still gets its short answer, no page.
	form.Set("version", strconv.Itoa(before.Version+1))
	form.Set("antrag", "DLT")
	if code, body := hxPost(t, gs, ts.URL+action, form); code != http.StatusUnprocessableEntity || strings.Contains(body, "<html") || !strings.Contains(body, "Nicht gespeichert: DLT ist nicht antragsberechtigt") {
		t.Errorf("autosave refused: %d %s", code, body)
	}
}

// TestGreenListRefusalLinksTheSessionPage: a Nein refuses the Grüne Liste
// en bloc, and the reason sends the secretariat to the session page to
// take items off the list — named, not linked. Now the refusal links the
// session page at the Grüne Liste's first item (where "Von der Grünen
// Liste nehmen" is): after a show of hands in one step and after closing
// the members' vote.
func TestGreenListRefusalLinksTheSessionPage(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, item, _ := runningSession(t, st, model.KindDecision)
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	consent, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "6", Title: "Standards", Position: 4, Status: model.ItemAccepted, Consent: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: sid, ItemID: consent, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: "Standard XÖV", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt den Standard."}}, Applicants: []string{"Bund"}}); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	link := `<a href="/sitzungen/48#top-6">` // TOP 6's anchor (model.ItemAnchors)

	// The show of hands in one step.
	_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/48/live?top=%d", ts.URL, item), nil)
	gl := "/sitzungen/48/gruene-liste"
	form := postedForm(page, gl)
	for k, v := range everyoneBut("ja", "HE") {
		form[k] = v
	}
	form.Set("stimme_HE", "nein")
	code, page := do(t, gs, "POST", ts.URL+gl, form)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("the Grüne Liste with a Nein: %d", code)
	}
	if box := between(page, `id="handzeichen-abgelehnt"`, "</div>"); !strings.Contains(box, "Gegenstimme von Hessen") || !strings.Contains(box, link) {
		t.Errorf("the refusal does not link the session page: %s", box)
	}
	// A refusal for another reason (a choice that does not exist) names
	// no pulling.
	form.Set("stimme_HE", "vielleicht")
	if _, page := do(t, gs, "POST", ts.URL+gl, form); strings.Contains(between(page, `id="handzeichen-abgelehnt"`, "</div>"), link) {
		t.Errorf("a refusal without a Nein links the pull: %s", between(page, `id="handzeichen-abgelehnt"`, "</div>"))
	}

	// The members' vote, closed with a Nein.
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/gruene-liste/eroeffnen", url.Values{}); code != http.StatusSeeOther {
		t.Fatalf("open the Grüne Liste: %d %s", code, between(body, "<main", "</main>"))
	}
	v, open, err := st.OpenSessionVote(ctx, sid)
	if err != nil || !open {
		t.Fatalf("no open vote: %v", err)
	}
	for k := range everyoneBut("ja") {
		m := strings.TrimPrefix(k, "stimme_")
		c := model.VoteYes
		if m == "HE" {
			c = model.VoteNo
		}
		if err := st.CastSessionVote(ctx, v.ID, m, c, false); err != nil {
			t.Fatal(err)
		}
	}
	code, page = do(t, gs, "POST", fmt.Sprintf("%s/abstimmungen/%d/schliessen", ts.URL, v.ID), url.Values{"bestaetigt": {"ja"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("closing with a Nein: %d %s", code, between(page, "<main", "</main>"))
	}
	if box := between(page, `id="eintrag-abgelehnt"`, "</div>"); !strings.Contains(box, "Gegenstimme von Hessen") || !strings.Contains(box, link) {
		t.Errorf("the refused close does not link the session page: %s", box)
	}
	if box := between(page, `id="abstimmung-fehler"`, "</div>"); !strings.Contains(box, link) {
		t.Errorf("the box at the vote does not link the session page: %s", box)
	}
}
