package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// planPair48 plans the 48th IT-PLR session two months ahead and the 40th
// AL-Runde three weeks before it, as the AL-Runde's page does.
func planPair48(t *testing.T, st *store.Store) (main, al int64) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	prep, _ := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	day := model.BerlinDate(time.Now().AddDate(0, 2, 0))
	main, al, err := st.PlanSessionPair(ctx, model.Session{BodyID: council.ID, Number: 48, Date: day, Status: model.StatusPlanned}, nil,
		model.Session{BodyID: prep.ID, Number: 40, Date: model.DaysAfter(day, -21), Status: model.StatusPlanned}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return main, al
}

// accept accepts a registration onto its session's agenda.
func accept(t *testing.T, st *store.Store, item int64) {
	t.Helper()
	it, err := st.Item(context.Background(), item)
	if err != nil {
		t.Fatal(err)
	}
	it.Status = model.ItemAccepted
	if err := st.UpdateItem(store.WithActor(context.Background(), "test"), it); err != nil {
		t.Fatal(err)
	}
}

// TestAlRundeKeepsPendingRegistrations: a registration the secretariat has
// not accepted (or has declined) is seen only by the secretariat and the
// registering member (model.Audience.SeesItem), on the AL-Runde's pages as
// everywhere. Before, the AL-Runde's page of recommendations listed every
// registration of the session it prepares to every internal account:
// Bayern read Hessen's pending registration; and a recommendation proposed
// on it (in the session or in written procedure) copied its title onto the
// AL-Runde's agenda, live page, minutes and the procedure, where every
// member reads it. The AL-Runde now recommends on accepted items only.
func TestAlRundeKeepsPendingRegistrations(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	ctx := store.WithActor(context.Background(), "test")
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	main, al := planPair48(t, st)
	register := func(title, member string) int64 {
		id, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: main, Title: title, Goal: model.GoalDecision, Status: model.ItemRegistered,
			RegisteredBy: member, Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll,
			Title: title, Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt " + title + "."}}, Applicants: []string{"Bund"}})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	const pendingTitle, acceptedTitle = "Hessisches Vorhaben noch nicht angenommen", "Bayerisches Vorhaben angenommen"
	pending := register(pendingTitle, "HE")
	accepted := register(acceptedTitle, "BY")
	accept(t, st, accepted)
	gs, he, by := client(t, ts, "geschaeftsstelle"), client(t, ts, "hessen"), client(t, ts, "bayern")
	alRecs, councilRecs := ts.URL+"/gremien/al-runde/sitzungen/40/empfehlungen", ts.URL+"/sitzungen/48/empfehlungen"
	for _, c := range []struct {
		who    string
		client *http.Client
		sees   bool
	}{{"geschaeftsstelle", gs, true}, {"hessen", he, true}, {"bayern", by, false}, {"dlt", client(t, ts, "dlt"), false}} {
		code, page := do(t, c.client, "GET", alRecs, nil)
		if code != http.StatusOK || strings.Contains(page, pendingTitle) != c.sees || !strings.Contains(page, acceptedTitle) {
			t.Errorf("%s on the AL-Runde's recommendations: %d, sees the pending registration %v (want %v)", c.who, code, strings.Contains(page, pendingTitle), c.sees)
		}
		if _, page := do(t, c.client, "GET", councilRecs, nil); strings.Contains(page, pendingTitle) && !c.sees {
			t.Errorf("%s reads the pending registration on the 48th session's recommendations", c.who)
		}
	}
	// The registering member is named by its abbreviation with its name,
	// as everywhere in the minutes.
	if _, page := do(t, gs, "GET", alRecs, nil); !strings.Contains(page, `angemeldet von <abbr title="Bayern">BY</abbr>`) {
		t.Error("the AL-Runde's page does not name the registering member with its name")
	}
	// The pending registration has no form to propose; proposing it anyway
	// is refused with the reason and leaves nothing behind, in the session
	// and in written procedure.
	if _, page := do(t, gs, "GET", alRecs, nil); strings.Contains(page, fmt.Sprintf(`name="top" value="%d"`, pending)) ||
		!strings.Contains(page, fmt.Sprintf(`name="top" value="%d"`, accepted)) {
		t.Error("the AL-Runde's page offers the pending registration for a recommendation, or not the accepted one")
	}
	if _, page := do(t, gs, "GET", councilRecs, nil); strings.Contains(page, fmt.Sprintf(`name="top" value="%d"`, pending)) {
		t.Error("the 48th session's page offers a written procedure on the pending registration")
	}
	code, page := do(t, gs, "POST", alRecs, url.Values{"top": {fmt.Sprint(pending)}, "empfehlung": {"annehmen"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "noch nicht angenommen") {
		t.Errorf("a recommendation on the pending registration: %d", code)
	}
	before := len(must(st.Procedures(ctx)))
	deadline := model.DaysAfter(model.BerlinDate(time.Now()), 3).German()
	code, page = do(t, gs, "POST", councilRecs+"/umlaufverfahren", url.Values{"top": {fmt.Sprint(pending)}, "empfehlung": {"annehmen"},
		"frist_datum": {deadline}, "frist_zeit": {"12:00"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "noch nicht angenommen") {
		t.Errorf("a written procedure on the pending registration: %d", code)
	}
	items, _ := st.Items(ctx, al)
	for _, it := range items {
		if it.Title == pendingTitle {
			t.Error("the pending registration is on the AL-Runde's agenda")
		}
	}
	if ps, _ := st.Procedures(ctx); len(ps) != before {
		t.Error("a written procedure on the pending registration was started")
	}
	// Hessen's "Mein Bereich" says what its registration waits for: the
	// acceptance first (before: "wartet auf die Beschlussempfehlung").
	if _, page := do(t, he, "GET", ts.URL+"/mein-bereich", nil); !strings.Contains(page, pendingTitle+"</a> (48. Sitzung) – noch nicht angenommen; nach der Annahme durch die Geschäftsstelle empfiehlt die 40. AL-Runde am") {
		t.Errorf("Hessen's page: %s", between(page, `id="h-al-runde"`, "</section>"))
	}
	// The accepted one is recommended as before; Bayern reads it on the
	// AL-Runde's session page, Hessen's pending one nowhere.
	// The AL-Runde is planned: the proposal leads back to its
	// recommendations, not to its live page, which takes no entry before
	// the session runs and says so (before: the live page, whose every
	// save was refused).
	res, err := gs.PostForm(alRecs, url.Values{"top": {fmt.Sprint(accepted)}, "empfehlung": {"annehmen"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/gremien/al-runde/sitzungen/40/empfehlungen" {
		t.Fatalf("a recommendation on the accepted registration: %d → %s", res.StatusCode, res.Header.Get("Location"))
	}
	if _, page := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/40/live", nil); !strings.Contains(page, `id="nicht-offen"`) || !strings.Contains(page, "Die 40. AL-Runde ist „geplant“") {
		t.Error("the planned AL-Runde's live page does not say it takes no entry yet")
	}
	for _, path := range []string{"/gremien/al-runde/sitzungen/40", "/gremien/al-runde/sitzungen/40/live", "/gremien/al-runde/sitzungen/40/protokoll.txt", "/umlaufverfahren", "/mein-bereich"} {
		if _, page := do(t, by, "GET", ts.URL+path, nil); strings.Contains(page, pendingTitle) {
			t.Errorf("bayern reads the pending registration on %s", path)
		}
	}
	if _, page := do(t, by, "GET", ts.URL+"/gremien/al-runde/sitzungen/40", nil); !strings.Contains(page, acceptedTitle) {
		t.Error("the accepted registration is not on the AL-Runde's agenda")
	}
}

// acceptedReport registers Hessen's report item title to the session main
// and accepts it, for a recommendation on it.
func acceptedReport(t *testing.T, st *store.Store, main int64, title string) int64 {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	item, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: main, Title: title, Goal: model.GoalReport, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	accept(t, st, item)
	return item
}

// TestRecommendationFormKeepsWhatWasTyped: a proposal of a recommendation
// in the AL-Runde that the store refuses ("Annahme mit Änderungen" without
// the changed text, a second proposal on the same item) shows the page of
// recommendations again with the reason at the item's form and what was
// typed. Before, an error page ("Eingabe nicht möglich", "Zur Startseite")
// replaced the page, the choice and the Grüne Liste lost.
func TestRecommendationFormKeepsWhatWasTyped(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	ctx := store.WithActor(context.Background(), "test")
	main, _ := planPair48(t, st)
	item := acceptedReport(t, st, main, "Bericht ohne Beschlussvorschlag")
	gs := client(t, ts, "geschaeftsstelle")
	u := ts.URL + "/gremien/al-runde/sitzungen/40/empfehlungen"
	code, page := do(t, gs, "POST", u, url.Values{"top": {fmt.Sprint(item)}, "empfehlung": {"annehmen_geaendert"}, "gruene_liste": {"1"},
		"text": {"Der IT-Planungsrat nimmt den Bericht zur Kenntnis."}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Die Empfehlung ist nicht vorgeschlagen") {
		t.Fatalf("a changed text without a proposal: %d %s", code, between(page, "<main", "</h1>"))
	}
	form := between(page, fmt.Sprintf(`id="empfehlung-%d"`, item), "</form>")
	for _, want := range []string{`class="error-box"`, "kein Beschlussvorschlag vor", `value="annehmen_geaendert" checked`,
		fmt.Sprintf(`id="g-%d" name="gruene_liste" value="1" checked`, item), ">Der IT-Planungsrat nimmt den Bericht zur Kenntnis.</textarea>"} {
		if !strings.Contains(form, want) {
			t.Errorf("the refused form lacks %s", want)
		}
	}
	// The reason stands at the text's field, which is marked invalid.
	if ta := between(form, fmt.Sprintf(`<textarea id="t-%d"`, item), ">"); !strings.Contains(ta, fmt.Sprintf(`aria-invalid="true" aria-describedby="t-%d-fehler"`, item)) {
		t.Errorf("the text field is not marked: %s", ta)
	}
	if at := between(form, fmt.Sprintf(`<p class="field-error" id="t-%d-fehler">`, item), "</p>"); !strings.Contains(at, "kein Beschlussvorschlag vor") {
		t.Errorf("at the text field: %q", at)
	}
	if recs, _ := st.Recommendations(ctx, store.RecommendationFilter{TargetSessionID: main}); len(recs) != 0 {
		t.Errorf("a refused proposal left %d recommendations", len(recs))
	}
}

// TestAlRundeOffersNothingOnDeferredItem: an item of the prepared session
// deferred to a later one is shown as deferred on the AL-Runde's page of
// recommendations and on the session's own, with no form to recommend on
// it in the AL-Runde's session or in written procedure (found when the
// branches of the Vertagung and the AL-Runde met: both forms were
// offered, and the store took the recommendation).
func TestAlRundeOffersNothingOnDeferredItem(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	ctx := store.WithActor(context.Background(), "test")
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	main, _ := planPair48(t, st)
	later := model.BerlinDate(time.Now().AddDate(0, 5, 0))
	if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 49, Date: later, Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	item, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: main, Title: "Vertagtes Vorhaben", Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	accept(t, st, item)
	it, _ := st.Item(ctx, item)
	if _, _, err := st.DeferItem(ctx, store.Deferral{ItemID: item, Version: it.Version, Target: 49}); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	form := fmt.Sprintf(`name="top" value="%d"`, item)
	for _, path := range []string{"/gremien/al-runde/sitzungen/40/empfehlungen", "/sitzungen/48/empfehlungen"} {
		code, page := do(t, gs, "GET", ts.URL+path, nil)
		if code != http.StatusOK || strings.Contains(page, form) {
			t.Errorf("%s: %d, offers a recommendation on the deferred item", path, code)
		}
	}
	if _, page := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/40/empfehlungen", nil); !strings.Contains(page, "vertagt auf die 49. Sitzung") {
		t.Error("the AL-Runde's page does not say the item is deferred")
	}
}

// TestHeldAlRundeTakesNoProposal: once the AL-Runde is held, its page no
// longer offers the form that proposes a recommendation and says why, and
// a proposal sent anyway is refused with the reason (store.ErrAgendaClosed)
// and adds nothing to its agenda. Before, the proposal added an item and a
// draft to the held session.
func TestHeldAlRundeTakesNoProposal(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	ctx := store.WithActor(context.Background(), "test")
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	prep, _ := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	// The AL-Runde today (it opens on its day), the 48th session to come.
	today := model.BerlinDate(time.Now())
	main, al, err := st.PlanSessionPair(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.DaysAfter(today, 30), Status: model.StatusPlanned}, nil,
		model.Session{BodyID: prep.ID, Number: 40, Date: today, Status: model.StatusPlanned}, nil)
	if err != nil {
		t.Fatal(err)
	}
	item, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: main, Title: "Bayerisches Vorhaben", Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "BY", Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll,
		Title: "Bayerisches Vorhaben", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt das Vorhaben."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	accept(t, st, item)
	publishAgendaForTest(t, st, al)
	for _, status := range []model.SessionStatus{model.StatusConvened, model.StatusRunning, model.StatusEnded} {
		se, err := st.Session(ctx, al)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetSessionStatus(ctx, al, se.Version, status); err != nil {
			t.Fatal(err)
		}
	}
	gs := client(t, ts, "geschaeftsstelle")
	recs := ts.URL + "/gremien/al-runde/sitzungen/40/empfehlungen"
	if _, page := do(t, gs, "GET", recs, nil); strings.Contains(page, fmt.Sprintf(`name="top" value="%d"`, item)) ||
		!strings.Contains(page, "Die 40. AL-Runde hat stattgefunden (Stand: „beendet“); Empfehlungen werden in ihr nicht mehr vorgeschlagen.") {
		t.Errorf("the held AL-Runde's page: %s", between(page, "<main", "</main>"))
	}
	before, _ := st.Items(ctx, al)
	code, page := do(t, gs, "POST", recs, url.Values{"top": {fmt.Sprint(item)}, "empfehlung": {"annehmen"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Tagesordnung ist geschlossen") {
		t.Errorf("a proposal in the held AL-Runde: %d %s", code, between(page, `class="error-box"`, "</div>"))
	}
	if after, _ := st.Items(ctx, al); len(after) != len(before) {
		t.Errorf("%d items on the held AL-Runde's agenda after the refusal, want %d", len(after), len(before))
	}
}
