package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// insufficientItem registers and accepts Hessen's item of the session
// main whose proposal names Hamburg and Brandenburg as co-applicants, not yet confirmed:
// its application (the Bund or three Länder) does not suffice.
func insufficientItem(t *testing.T, st *store.Store, main int64, title string) int64 {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	item, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: main, Title: title, Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll,
		Title: title, Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt den Stack."}}, Applicants: []string{"HE", "HH", "BB"}},
		store.ConfirmCoApplicants())
	if err != nil {
		t.Fatal(err)
	}
	accept(t, st, item)
	return item
}

// TestRecommendationFormWaitsForTheApplication: an item whose proposal's
// application does not suffice yet (a co-applicant has not confirmed)
// takes no recommendation of any kind — the store refuses "Beratung im
// IT-Planungsrat" and "keine Annahme" as it refuses the adoption, as
// docs/decision-rules.md says: the recommendation is voted on under the
// proposal's application (store.recommendationBasis). Before, both forms
// (the AL-Runde's and the written procedure's) offered every kind,
// "Annahme wie vorgeschlagen" chosen, each refused at save; and on the
// council session's page the warning stood outside the item's box, after
// the previous item's button, without naming the item. Now the item's box
// says that no recommendation can be given until the application
// suffices, in the refusal's words, and its form is disabled.
func TestRecommendationFormWaitsForTheApplication(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	main, _ := planPair48(t, st)
	before := recommendationItem(t, st, main)
	item := insufficientItem(t, st, main, "Deutschland-Stack (Test)")
	gs := client(t, ts, "geschaeftsstelle")
	for _, c := range []struct {
		page, box, form, post string
	}{
		{"/gremien/al-runde/sitzungen/40/empfehlungen", `aria-labelledby="e-%d"`, "empfehlung-%d", "/gremien/al-runde/sitzungen/40/empfehlungen"},
		{"/sitzungen/48/empfehlungen", `aria-labelledby="uh-%d"`, "umlauf-%d", "/sitzungen/48/empfehlungen/umlaufverfahren"},
	} {
		_, page := do(t, gs, "GET", ts.URL+c.page, nil)
		box := between(page, fmt.Sprintf(c.box, item), "</section>")
		if box == "" {
			t.Errorf("%s: no box for the item", c.page)
			continue
		}
		for _, want := range []string{"Deutschland-Stack (Test)", "Der Antrag reicht noch nicht aus.", "Beantragt von HE; Mitantrag von BB, HH noch nicht bestätigt; nötig ist der Antrag des Bundes oder dreier Länder.",
			"Eine Empfehlung zu diesem TOP kann erst vorgeschlagen werden, wenn der Antrag ausreicht", "auch nicht „Beratung im IT-Planungsrat“ oder „keine Annahme“"} {
			if !strings.Contains(box, want) {
				t.Errorf("%s: the item's box lacks %q: %s", c.page, want, box)
			}
		}
		form := between(page, fmt.Sprintf(`id="`+c.form+`"`, item), "</form>")
		if !regexp.MustCompile(`<fieldset[^>]* disabled`).MatchString(form) || !strings.Contains(form, `<button type="submit" disabled`) {
			t.Errorf("%s: the item's form is not disabled: %s", c.page, form)
		}
		// The previous item's form says nothing of this application.
		if prev := between(page, fmt.Sprintf(`id="`+c.form+`"`, before), "</form>"); prev == "" || strings.Contains(prev, "Antrag reicht") || strings.Contains(prev, "disabled") {
			t.Errorf("%s: the previous item's form: %s", c.page, prev)
		}
		if strings.Count(page, "Der Antrag reicht noch nicht aus.") != 1 {
			t.Errorf("%s: the warning stands %d times", c.page, strings.Count(page, "Der Antrag reicht noch nicht aus."))
		}
		// The rule stands: a recommendation of any kind is refused.
		for _, kind := range []string{"beraten", "nicht_annehmen"} {
			form := url.Values{"top": {fmt.Sprint(item)}, "empfehlung": {kind}, "frist_datum": {"01.01.2099"}, "frist_zeit": {"12:00"}}
			if code, _ := do(t, gs, "POST", ts.URL+c.post, form); code != http.StatusUnprocessableEntity {
				t.Errorf("%s %s: %d, want 422", c.post, kind, code)
			}
		}
	}
}

// TestRecommendationHintNamesTheGoal: the hint of the form for an item
// without a proposal named every such item a report ("Zu einem Bericht
// empfehlen Sie …"), also one whose goal is Kenntnisnahme; and the hint
// (kv-…, uv-…) was not tied to the choices it explains. Now it names the
// item's goal as it is, and every choice is described by it
// (aria-describedby, WCAG 1.3.1/3.3.2), beside the reason of a refused
// form.
func TestRecommendationHintNamesTheGoal(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	ctx := store.WithActor(context.Background(), "test")
	main, _ := planPair48(t, st)
	item, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: main, Title: "Lagebild zur Kenntnis", Goal: model.GoalNoting, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	accept(t, st, item)
	report := acceptedReport(t, st, main, "Bericht zur Registermodernisierung")
	gs := client(t, ts, "geschaeftsstelle")
	radio := regexp.MustCompile(`<input type="radio"[^>]*>`)
	for _, c := range []struct {
		page, post, form, hint, radio string
	}{
		{"/gremien/al-runde/sitzungen/40/empfehlungen", "/gremien/al-runde/sitzungen/40/empfehlungen", "empfehlung-%d", "kv-%d", "k-%d"},
		{"/sitzungen/48/empfehlungen", "/sitzungen/48/empfehlungen/umlaufverfahren", "umlauf-%d", "uv-%d", "u-%d"},
	} {
		_, page := do(t, gs, "GET", ts.URL+c.page, nil)
		for _, x := range []struct {
			id          int64
			want, wrong string
		}{{item, "Ziel des TOP ist die Kenntnisnahme", "Bericht"}, {report, "Ziel des TOP ist ein Bericht", "Kenntnisnahme:"}} {
			form := between(page, fmt.Sprintf(`id="`+c.form+`"`, x.id), "</form>")
			hintID := fmt.Sprintf(c.hint, x.id)
			hint := between(form, `id="`+hintID+`">`, "</p>")
			if !strings.Contains(hint, x.want) || strings.Contains(hint, x.wrong) {
				t.Errorf("%s: the hint for %d: %q, want %q", c.page, x.id, hint, x.want)
			}
			radios := radio.FindAllString(form, -1)
			if len(radios) == 0 {
				t.Errorf("%s: no choices for %d", c.page, x.id)
			}
			for _, r := range radios {
				if !strings.Contains(r, `aria-describedby="`+hintID+`"`) {
					t.Errorf("%s: a choice not described by the hint: %s", c.page, r)
				}
			}
		}
		// A refused form: the hint and the reason, in one attribute.
		code, page := do(t, gs, "POST", ts.URL+c.post, url.Values{"top": {fmt.Sprint(item)}, "empfehlung": {"annehmen"}, "frist_datum": {"01.01.2099"}, "frist_zeit": {"12:00"}})
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d, want 422", c.post, code)
		}
		form := between(page, fmt.Sprintf(`id="`+c.form+`"`, item), "</form>")
		want := fmt.Sprintf(`aria-describedby="`+c.hint+` `+c.radio+`-fehler"`, item, item)
		for _, r := range radio.FindAllString(form, -1) {
			if !strings.Contains(r, want) || strings.Count(r, "aria-describedby") != 1 || !strings.Contains(r, `aria-invalid="true"`) {
				t.Errorf("%s refused: a choice %s, want %s", c.post, r, want)
			}
		}
	}
}

// TestDisabledFormLooksDisabled: the recommendation form an insufficient
// application holds back was disabled, but its button kept the look of an
// active one (the brand's dark blue), so the secretariat clicked a button
// that did nothing. A disabled button looks disabled now.
func TestDisabledFormLooksDisabled(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ts, st, _ := demoAccountsServer(t)
	main, _ := planPair48(t, st)
	other := recommendationItem(t, st, main)
	item := insufficientItem(t, st, main, "Deutschland-Stack (Test)")
	b := newBrowser(t, ts.URL)
	b.login("geschaeftsstelle")
	b.page("/gremien/al-runde/sitzungen/40/empfehlungen")
	var disabled, enabled string
	b.run("button colours", chromedp.Evaluate(fmt.Sprintf(`getComputedStyle(document.querySelector('#empfehlung-%d button[disabled]')).backgroundColor`, item), &disabled),
		chromedp.Evaluate(fmt.Sprintf(`getComputedStyle(document.querySelector('#empfehlung-%d button:not([disabled])')).backgroundColor`, other), &enabled))
	if disabled == "" || disabled == enabled {
		t.Errorf("the disabled button's background %q is the active one's %q", disabled, enabled)
	}
}
