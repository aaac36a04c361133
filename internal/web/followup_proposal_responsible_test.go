package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestProposalConfirmedNeedsResponsible: on the proposals page a
// follow-up was confirmed with "Verantwortlich" empty, listed as
// "Verantwortlich –", and its reminder reached nobody; the live page's
// form refuses the same. Now the proposal's form refuses it at the field,
// keeps what was typed, and stores nothing.
func TestProposalConfirmedNeedsResponsible(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	body := mustBody(t, st)
	if _, err := st.CreateSession(ctx, model.Session{BodyID: body.ID, Number: 48, Date: model.BerlinDate(time.Now().AddDate(0, 3, 0)), Place: "Berlin", Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	order := "Die AG berichtet bis zum 30.06.2027 über den Stand."
	if code, page := do(t, gs, "POST", ts.URL+"/umlaufverfahren", url.Values{"titel": {"Bericht der AG"}, "punkte": {"Der IT-Planungsrat beschließt den Rahmen.\n" + order},
		"antrag": {"Bund"}, "art": {"beschluss"}, "frist_datum": {model.BerlinDate(time.Now().AddDate(0, 0, 7)).String()}, "frist_zeit": {"12:00"}}); code != http.StatusSeeOther {
		t.Fatalf("start: %d %s", code, page)
	}
	ps, _ := st.Procedures(ctx)
	p := ps[len(ps)-1]
	voters, _ := st.VotingMembers(ctx)
	for _, m := range voters {
		if err := st.CastVote(ctx, p.ID, m.Abbrev, model.VoteYes); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.EndProcedureEarly(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/auftragsvorschlaege", nil)
	m := regexp.MustCompile(`name="schluessel" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no proposal:\n%s", page)
	}
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/auftragsvorschlaege", url.Values{"schluessel": {m[1]}, "aktion": {"bestaetigen"},
		"text": {order + " (berichtigt)"}, "verantwortlich": {"  "}, "frist": {"2027-06-30"}})
	if code != http.StatusUnprocessableEntity && code != http.StatusBadRequest {
		t.Fatalf("confirmed without anyone responsible: %d", code)
	}
	if !strings.Contains(page, "Bitte die verantwortliche Stelle eintragen.") || !strings.Contains(page, `aria-invalid="true"`) || !strings.Contains(page, "(berichtigt)") {
		t.Errorf("the refusal is not at the field with the typed text kept:\n%s", between(page, "<h1", "</form>"))
	}
	d, _ := st.Decision(ctx, p.DecisionID)
	if fs, _ := st.FollowUps(ctx, store.FollowUpFilter{DecisionID: d.ID}); len(fs) != 0 {
		t.Errorf("stored without anyone responsible: %+v", fs)
	}
}
