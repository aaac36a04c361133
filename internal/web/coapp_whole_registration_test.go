package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// acceptRegistration accepts the registration id onto the agenda as the
// secretariat does on its Verwaltung page.
func acceptRegistration(t *testing.T, st *store.Store, gs *http.Client, base string, id int64) {
	t.Helper()
	it, err := st.Item(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", base, id), url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"annehmen"}}); code != http.StatusSeeOther {
		t.Fatalf("accepting: %d", code)
	}
}

// impactOf gives the FachMK-impact statement (GO § 4) of a registration's
// page as it reads, soft hyphens taken out.
func impactOf(page string) string {
	return strings.ReplaceAll(between(page, "<dt>Betroffenheit von Fachministerkonferenzen (GO § 4)</dt>", "</dd>"), "\u00ad", "")
}

// TestCoApplicantReadsTheWholeRegistration: Bayern, named by Hessen as
// co-applicant of a Beschluss proposal, confirmed on a page without the
// registration's Quelle, Berichterstattung and the FachMK-impact
// statement (GO § 4) with its Erläuterung, which Hessen's page of the same
// address shows — and a Land co-signing a proposal needs that statement
// most. Once the secretariat declined a registration, Bayern read that it
// was declined but not why, though the notice had told it. And the page
// said "ändern kann sie nur das anmeldende Mitglied" after the
// secretariat had accepted it, when nobody but the secretariat could
// change it. Now Bayern reads all of it, the statement as Hessen reads it,
// and who can change the registration in its state.
func TestCoApplicantReadsTheWholeRegistration(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	imk, err := st.BodyByAbbrev(ctx, "IMK")
	if err != nil {
		t.Fatal(err)
	}
	he, by, gs := client(t, ts, "hessen"), client(t, ts, "bayern"), client(t, ts, "geschaeftsstelle")
	id := pendingRegistration(t, ts, st, he, url.Values{"titel": {"Gemeinsames Register"}, "ziel": {"Beschluss"}, "quelle": {"B-2025/26-IT"}, "berichterstattung": {"HE"},
		"fachmk": {"betroffen"}, "fachmk_ids": {fmt.Sprint(imk.ID)}, "fachmk_hinweis": {"Die IMK ist vorab beteiligt."},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register."}, "antrag": {"HE, BY, HH"}}).ID
	path := ts.URL + "/anmeldungen/" + strconv.FormatInt(id, 10)
	_, own := do(t, he, "GET", path, nil)
	code, page := do(t, by, "GET", path, nil)
	if code != http.StatusOK || !strings.Contains(page, "<h1>Mitantrag") {
		t.Fatalf("Bayern's page: %d %s", code, between(page, "<main", "</main>"))
	}
	facts := between(page, `<dl class="registration-facts">`, "</dl>")
	for _, want := range []string{"<dt>Quelle</dt><dd>B-2025/26-IT</dd>", "<dt>Berichterstattung (BE)</dt><dd>HE</dd>"} {
		if !strings.Contains(facts, want) {
			t.Errorf("Bayern's page lacks %q: %s", want, facts)
		}
	}
	impact := impactOf(page)
	if !strings.Contains(impact, "Innenministerkonferenz") || !strings.Contains(impact, "(Die IMK ist vorab beteiligt.)") || impact != impactOf(own) {
		t.Errorf("Bayern reads the GO § 4 statement %q, Hessen %q", impact, impactOf(own))
	}
	if strings.Contains(page, `name="version"`) || strings.Contains(page, "/aendern") {
		t.Errorf("Bayern's page offers a change: %s", between(page, "<main", "</main>"))
	}
	const member = "Sie lesen die Anmeldung. Ändern kann sie nur das anmeldende Mitglied."
	if !strings.Contains(page, member) {
		t.Errorf("before the secretariat's decision, Bayern's page does not say that Hessen changes it: %s", between(page, "<main", "</dl>"))
	}
	acceptRegistration(t, st, gs, ts.URL, id)
	_, page = do(t, by, "GET", path, nil)
	if strings.Contains(page, "nur das anmeldende Mitglied") || !strings.Contains(page, "Die Geschäftsstelle hat sie auf die Tagesordnung genommen; ändern kann sie nur noch die Geschäftsstelle") {
		t.Errorf("after the acceptance, Bayern's page says: %s", between(page, "<main", "</dl>"))
	}
	// Declined: Bayern reads the reason as Hessen does.
	declined := registerAs(t, ts, he, url.Values{"titel": {"Zweites Register"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt ein zweites Register."}, "antrag": {"HE, BY, HH"}})
	it, err := st.Item(ctx, declined)
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, declined), url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"ablehnen"}, "grund": {"Gehört zuerst in die AL-Runde."}}); code != http.StatusSeeOther {
		t.Fatalf("declining: %d", code)
	}
	_, page = do(t, by, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, declined), nil)
	if !strings.Contains(page, "Grund der Geschäftsstelle: Gehört zuerst in die AL-Runde.") || !strings.Contains(page, "Die Geschäftsstelle hat sie abgelehnt") {
		t.Errorf("Bayern's page of the declined registration: %s", between(page, "<main", "</dl>"))
	}
}

// TestShortApplicationSaysTheWayForward: "Der Antrag reicht (noch) nicht
// aus." gave Hessen no way forward. Now, while the registration may be
// changed, its page and "Mein Bereich" link "Anmeldung ändern" to name
// further applicants, who count once confirmed; once the secretariat has
// accepted it, they say that only the secretariat can enter further
// applicants, in the session, and that the proposal cannot be voted on
// until then — which is so: the secretariat enters two Länder on the live
// page and the application suffices (BY and HH still unconfirmed). The
// secretariat's Verwaltung keeps
// its words.
func TestShortApplicationSaysTheWayForward(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := store.WithActor(context.Background(), "test")
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	reg := pendingRegistration(t, ts, st, he, url.Values{"titel": {"Registermodernisierung"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt die Registermodernisierung."}, "antrag": {"HE, BY, HH"}})
	id := reg.ID
	box := func(c *http.Client, path string) string {
		t.Helper()
		_, page := do(t, c, "GET", ts.URL+path, nil)
		return between(page, `<div class="notice-box warning application-short">`, "</div>")
	}
	own := "/anmeldungen/" + strconv.FormatInt(id, 10)
	link := fmt.Sprintf(`<a href="/anmeldungen/%d/aendern">Anmeldung ändern</a>`, id)
	for _, p := range []string{own, "/mein-bereich"} {
		b := box(he, p)
		if !strings.Contains(b, "Der Antrag reicht noch nicht aus.") || !strings.Contains(b, link) || !strings.Contains(b, "weitere Mitglieder als Antragsteller nennen") ||
			!strings.Contains(b, "zählt jedes erst für den Antrag, wenn es seinen Mitantrag bestätigt hat") {
			t.Errorf("%s, while the registration may be changed: %s", p, b)
		}
	}
	if b := box(gs, "/sitzungen/48/verwaltung"); !strings.Contains(b, "Der Antrag reicht noch nicht aus.") || strings.Contains(b, "application-remedy") {
		t.Errorf("the secretariat's Verwaltung: %s", b)
	}
	acceptRegistration(t, st, gs, ts.URL, id)
	for _, p := range []string{own, "/mein-bereich"} {
		b := box(he, p)
		if !strings.Contains(b, "Weitere Antragsteller kann nur noch die Geschäftsstelle eintragen, in der Sitzung im Beschlussvorschlag") ||
			!strings.Contains(b, model.NoVoteUntilApplication) || strings.Contains(b, "/aendern") {
			t.Errorf("%s, accepted: %s", p, b)
		}
	}
	// It is so: in the session (held today) the secretariat enters two
	// more Länder.
	today, err := st.Session(ctx, reg.SessionID)
	if err != nil {
		t.Fatal(err)
	}
	today.Date = model.BerlinDate(time.Now())
	if err := st.UpdateSession(ctx, today); err != nil {
		t.Fatal(err)
	}
	publishAgendaForTest(t, st, reg.SessionID)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		now, err := st.Session(ctx, reg.SessionID)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetSessionStatus(ctx, reg.SessionID, now.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	drafts, err := st.Decisions(ctx, store.DecisionFilter{ItemID: id, Status: model.DecisionDraft, Limit: 1})
	if err != nil || len(drafts) != 1 {
		t.Fatalf("the proposal: %v %v", drafts, err)
	}
	if code, page := do(t, gs, "POST", fmt.Sprintf("%s/entwuerfe/%d", ts.URL, drafts[0].ID), url.Values{"version": {fmt.Sprint(drafts[0].Version)}, "antrag": {"HE, BY, HH, NW, SN"}}); code != http.StatusSeeOther {
		t.Fatalf("the secretariat enters applicants: %d %s", code, between(page, "<main", "</main>"))
	}
	if _, page := do(t, he, "GET", ts.URL+own, nil); strings.Contains(page, "Der Antrag reicht") {
		t.Errorf("the application still falls short after the secretariat entered NW and SN: %s", between(page, "<main", "</dl>"))
	}
}
