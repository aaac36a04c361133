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
	"gremium/internal/model"
	"gremium/internal/store"
)

// recommendationItem registers and accepts an item of the 48th session
// with a proposal (a Beschluss of the Bund), for the AL-Runde to
// recommend on.
func recommendationItem(t *testing.T, st *store.Store, main int64) int64 {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	item, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: main, Title: "Föderales Datenportal", Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll,
		Title: "Föderales Datenportal", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt das Portal."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	accept(t, st, item)
	return item
}

// TestRecommendationGivesEveryReason: a recommendation proposed in the
// AL-Runde's session gives every reason at once, each at its field —
// "Beratung" on the Grüne Liste with a changed text is refused at the
// Grüne Liste and at the text — and a changed text with "Beratung" is
// refused, not dropped unsaid (docs/session-cycle.md: a changed text
// belongs to "Annahme mit Änderungen" only). Before, the Grüne Liste's
// reason hid the text's, and "Beratung" with a text was stored without it.
func TestRecommendationGivesEveryReason(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	main, _ := planPair48(t, st)
	item := recommendationItem(t, st, main)
	gs := client(t, ts, "geschaeftsstelle")
	u := ts.URL + "/gremien/al-runde/sitzungen/40/empfehlungen"
	for _, c := range []struct {
		form url.Values
		want map[string]string
	}{
		{url.Values{"top": {fmt.Sprint(item)}, "empfehlung": {"beraten"}, "gruene_liste": {"1"}, "text": {"Der IT-Planungsrat beschließt das Portal 2028."}},
			map[string]string{fmt.Sprintf("g-%d", item): "Für die Grüne Liste kann nur die Annahme empfohlen werden", fmt.Sprintf("t-%d", item): "Einen geänderten Beschlusstext gibt es nur"}},
		{url.Values{"top": {fmt.Sprint(item)}, "empfehlung": {"beraten"}, "text": {"Der IT-Planungsrat beschließt das Portal 2028."}},
			map[string]string{fmt.Sprintf("t-%d", item): "Einen geänderten Beschlusstext gibt es nur"}},
	} {
		code, page := do(t, gs, "POST", u, c.form)
		if code != http.StatusUnprocessableEntity {
			t.Errorf("%v: %d, want 422", c.form, code)
			continue
		}
		reasonsAtFields(t, page, fmt.Sprintf(`id="empfehlung-%d"`, item), c.want)
	}
	if recs, _ := st.Recommendations(context.Background(), store.RecommendationFilter{TargetSessionID: main}); len(recs) != 0 {
		t.Errorf("a refused proposal left %d recommendations", len(recs))
	}
}

// TestRecommendationByProcedureGivesEveryReason: a written procedure on a
// recommendation without the changed text it names, with a deadline after
// the session's start, is told both, each at its field. Before, the
// missing text hid "Die Frist muss vor Beginn …".
func TestRecommendationByProcedureGivesEveryReason(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	main, _ := planPair48(t, st)
	item := recommendationItem(t, st, main)
	se, _ := st.Session(context.Background(), main)
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/empfehlungen/umlaufverfahren", url.Values{"top": {fmt.Sprint(item)},
		"empfehlung": {"annehmen_geaendert"}, "text": {""}, "frist_datum": {model.DaysAfter(se.Date, 1).German()}, "frist_zeit": {"09:30"}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("%d, want 422", code)
	}
	reasonsAtFields(t, page, fmt.Sprintf(`id="umlauf-%d"`, item), map[string]string{
		fmt.Sprintf("ut-%d", item): "gehört der geänderte Beschlusstext zur Empfehlung",
		fmt.Sprintf("ud-%d", item): "Die Frist muss vor Beginn der 48. Sitzung"})
	// A time that is none: at the time, not at the date.
	_, page = do(t, gs, "POST", ts.URL+"/sitzungen/48/empfehlungen/umlaufverfahren", url.Values{"top": {fmt.Sprint(item)},
		"empfehlung": {"annehmen"}, "frist_datum": {model.DaysAfter(se.Date, -1).German()}, "frist_zeit": {"25:99"}})
	reasonsAtFields(t, page, fmt.Sprintf(`id="umlauf-%d"`, item), map[string]string{fmt.Sprintf("uz-%d", item): "„25:99“ ist keine gültige Uhrzeit"})
}

// TestRecommendationByProcedureProposesATakableDeadline: on the day before
// the session, in the afternoon, the written procedure's form proposes a
// deadline that can be taken (before the session's start, in the future:
// model.Session.ProposedRecommendationDeadline), and sent unchanged it is
// refused only for what else is wrong — here the item's proposal, whose
// co-applicant has not confirmed — said at once with a deadline's reason
// when both are wrong. Before, the form proposed the day before at 12:00,
// already past ("Die Frist muss in der Zukunft liegen."), and the
// co-applicant's reason came only on the next submit.
func TestRecommendationByProcedureProposesATakableDeadline(t *testing.T) {
	ts, st, srv := demoAccountsServer(t)
	ctx := store.WithActor(context.Background(), "test")
	main, _ := planPair48(t, st)
	se, _ := st.Session(ctx, main)
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	item, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: main, Title: "Föderales Datenportal", Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll,
		Title: "Föderales Datenportal", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt das Portal."}}, Applicants: []string{"HE", "BY", "SN"}},
		store.ConfirmCoApplicants())
	if err != nil {
		t.Fatal(err)
	}
	accept(t, st, item)
	// The afternoon before the session (which has no start time: it
	// begins with its day).
	now := time.Date(se.Date.Year, se.Date.Month, se.Date.Day-1, 14, 30, 0, 0, model.Berlin)
	srv.SetClock(func() time.Time { return now })
	st.SetClock(func() time.Time { return now })
	t.Cleanup(func() { st.SetClock(time.Now) })
	gs := client(t, ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/empfehlungen", nil)
	// The page says before the form is sent that the application does not
	// suffice yet (before: only the refusal after sending said so).
	if above := between(page, `id="umlauf"`, fmt.Sprintf(`id="umlauf-%d"`, item)); !strings.Contains(above, "Der Antrag reicht noch nicht aus.") || !strings.Contains(above, "Mitantrag von BY, SN noch nicht bestätigt") {
		t.Errorf("no word above the form that the application does not suffice yet: %s", above)
	}
	form := between(page, fmt.Sprintf(`id="umlauf-%d"`, item), "</form>")
	date := between(between(form, fmt.Sprintf(`id="ud-%d"`, item), ">"), `value="`, `"`)
	clock := between(between(form, fmt.Sprintf(`id="uz-%d"`, item), ">"), `value="`, `"`)
	deadline, err := model.ParseBerlinTime(date, clock)
	if err != nil || !deadline.After(now) || se.RecommendationDeadline(deadline) != nil {
		t.Fatalf("the form proposes %q %q: %v; want a deadline after %s and before the session", date, clock, err, model.BerlinDateTime(now))
	}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/empfehlungen/umlaufverfahren", url.Values{"top": {fmt.Sprint(item)},
		"empfehlung": {"annehmen"}, "frist_datum": {date}, "frist_zeit": {clock}})
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("sent unchanged: %d, want 422 (co-applicants not confirmed)", code)
	}
	box := between(page, `id="umlauf-fehler"`, "</div>")
	if !strings.Contains(box, "Mitantrag von BY, SN noch nicht bestätigt") || strings.Contains(box, "Frist") {
		t.Errorf("sent unchanged, the box says: %s", box)
	}
	// A past deadline and the co-applicants: both at once.
	_, page = do(t, gs, "POST", ts.URL+"/sitzungen/48/empfehlungen/umlaufverfahren", url.Values{"top": {fmt.Sprint(item)},
		"empfehlung": {"annehmen"}, "frist_datum": {model.BerlinDate(now).German()}, "frist_zeit": {"12:00"}})
	box = between(page, `id="umlauf-fehler"`, "</div>")
	for _, want := range []string{"Die Frist muss in der Zukunft liegen.", "Mitantrag von BY, SN noch nicht bestätigt"} {
		if !strings.Contains(box, want) {
			t.Errorf("the box lacks %q: %s", want, box)
		}
	}
	if recs, _ := st.Recommendations(ctx, store.RecommendationFilter{TargetSessionID: main}); len(recs) != 0 {
		t.Errorf("a refused procedure left %d recommendations", len(recs))
	}
}
