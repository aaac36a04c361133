package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/itplr"
	"gremium/internal/model"
)

// TestChangedTextThroughWrittenProcedure: the AL-Runde's "Annahme mit
// Änderungen", started from the IT-PLR session's page of recommendations
// and adopted in written procedure (the members vote on the procedure's
// page, the secretariat ends it when all have voted), gives the council's
// proposal the changed text with its numbers, and the IT-PLR session's
// page shows that text under the item with the recommendation, not the
// text registered with the proposal — as a count in the AL-Runde's
// session does (store.TestRecommendationFollowsTheVoteRules).
func TestChangedTextThroughWrittenProcedure(t *testing.T) {
	ctx := context.Background()
	st := demotest.StoreWithAccounts(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s48Day := model.DaysAfter(model.BerlinDate(time.Now()), 5)
	s48, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: s48Day, Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	item := recommendationItem(t, st, s48) // proposal: "1. Der IT-Planungsrat beschließt das Portal."
	const registered = "Der IT-Planungsrat beschließt das Portal."
	changed := []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt das Portal bis 2028."}, {Label: "2.", Text: "Die FITKO berichtet zur 49. Sitzung."}}
	gs := client(t, ts, "geschaeftsstelle")
	deadline := model.DaysAfter(model.BerlinDate(time.Now()), 3)
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/empfehlungen/umlaufverfahren", url.Values{"top": {strconv.FormatInt(item, 10)},
		"empfehlung": {"annehmen_geaendert"}, "text": {"1. " + changed[0].Text + "\n2. " + changed[1].Text},
		"frist_datum": {deadline.German()}, "frist_zeit": {"12:00"}}); code != http.StatusSeeOther {
		t.Fatalf("start: %d %.300s", code, body)
	}
	ps, _ := st.Procedures(ctx)
	proc := ps[0]
	for _, p := range ps {
		if p.ID > proc.ID {
			proc = p
		}
	}
	if code, _ := do(t, client(t, ts, "hessen"), "POST", fmt.Sprintf("%s/umlaufverfahren/%d/stimme", ts.URL, proc.ID), url.Values{"stimme": {"ja"}, "gesehen": {""}}); code != http.StatusSeeOther {
		t.Fatalf("Hessen's vote: %d", code)
	}
	for _, m := range itplr.Members() {
		if m.Kind.Votes() && m.Abbrev != "HE" {
			if err := st.CastVote(ctx, proc.ID, m.Abbrev, model.VoteYes); err != nil {
				t.Fatal(err)
			}
		}
	}
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/umlaufverfahren/%d/beenden", ts.URL, proc.ID), nil); code != http.StatusSeeOther {
		t.Fatalf("end early: %d %.300s", code, body)
	}
	if d, _ := st.Decision(ctx, proc.DecisionID); d.Status != model.DecisionAdopted {
		t.Fatalf("the recommendation's proposal: %s", d.Status)
	}
	ds, _ := st.ItemDecisions(ctx, item)
	if len(ds) != 1 || len(ds[0].Points) != 2 || ds[0].Points[0] != changed[0] || ds[0].Points[1] != changed[1] {
		t.Fatalf("the council's proposal: %+v, want %+v", ds, changed)
	}
	// The council's agenda, for the secretariat: the changed text under
	// the item with the recommendation, the registered text not as the
	// proposal.
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48", nil)
	i := strings.Index(page, fmt.Sprintf(`id="%s"`, anchorFor(t, st, item)))
	if i < 0 {
		t.Fatalf("the item is not on the session's page")
	}
	at := page[i:]
	if j := strings.Index(at, "</article>"); j > 0 {
		at = at[:j]
	}
	text := strings.Join(strings.Fields(at), " ")
	for _, want := range []string{"Beschlussempfehlung der AL-Runde im Umlaufverfahren vom " + model.BerlinDate(time.Now()).German(), changed[0].Text, changed[1].Text} {
		if !strings.Contains(text, want) {
			t.Errorf("the item on the session's page lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, registered) {
		t.Errorf("the item on the session's page shows the registered text %q:\n%s", registered, text)
	}
}
