package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestOpeningWaitsForTheRecommendationProcedure: "Sitzung eröffnen" on the
// session's day while the AL-Runde's written procedure on a recommendation
// for one of its items is open is refused on the management page with the
// reason naming the procedure. Before, the session opened at 14:33 and the
// procedure, ended at 14:34, put its recommendation under the running
// session's item.
func TestOpeningWaitsForTheRecommendationProcedure(t *testing.T) {
	ctx := context.Background()
	st := demotest.StoreWithAccounts(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 12, 9, 0, 0, 0, model.Berlin)
	clock := func() time.Time { return now }
	st.SetClock(clock)
	srv.SetClock(clock)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	prep, err := st.PreparatoryBody(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	s48, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.NewDate(2026, 3, 12), StartTime: "15:00", Status: model.StatusConvened, AgendaPublished: true})
	if err != nil {
		t.Fatal(err)
	}
	item := recommendationItem(t, st, s48)
	if _, _, err := st.ProposeRecommendationByProcedure(ctx, model.Recommendation{BodyID: prep.ID, TargetItemID: item, Kind: model.RecommendAdopt, GreenList: true},
		time.Date(2026, 3, 12, 14, 50, 0, 0, model.Berlin)); err != nil {
		t.Fatal(err)
	}
	now = time.Date(2026, 3, 12, 14, 33, 0, 0, model.Berlin)
	gs := client(t, ts, "geschaeftsstelle")
	se, _ := st.Session(ctx, s48)
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/status", url.Values{"version": {fmt.Sprint(se.Version)}, "naechster": {"laufend"}})
	if box := between(page, `id="status-fehler"`, "</div>"); code != http.StatusUnprocessableEntity || !strings.Contains(box, "Die 48. Sitzung kann noch nicht eröffnet werden: Das Umlaufverfahren") ||
		!strings.Contains(box, "läuft bis 12.03.2026, 14:50 Uhr") {
		t.Errorf("opening while the recommendation is voted on: %d %s", code, box)
	}
	if se, _ := st.Session(ctx, s48); se.Status != model.StatusConvened {
		t.Errorf("the session is %s", se.Status)
	}
}

// TestLateRecommendationSaysItTookNoEffect: the AL-Runde's vote on a
// recommendation for the Grüne Liste is closed after the 48th session
// opened. The recommendation takes no effect (store.recommendationDecidedTx);
// the AL-Runde's page of recommendations and its item say so, and the
// 48th session's page does not show it under the item. Before, the
// council's item read "Beschlussempfehlung der 40. AL-Runde …: Annahme wie
// vorgeschlagen, ohne Aussprache (Grüne Liste)" while nothing had been
// proposed for the list, and the AL-Runde's page said only "gegeben".
func TestLateRecommendationSaysItTookNoEffect(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	ctx := context.Background()
	w.st.SetClock(func() time.Time { return w.s48.Date.Time().Add(10 * time.Hour) })
	publishAgendaForTest(t, w.st, w.s48.ID)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := w.st.Session(ctx, w.s48.ID)
		if err := w.st.SetSessionStatus(ctx, w.s48.ID, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.st.CastShowOfHands(ctx, w.voteID, everyVoter(model.VoteYes)); err != nil {
		t.Fatal(err)
	}
	if out, err := w.st.CloseVote(ctx, w.voteID); err != nil || !out.Tally.Adopted {
		t.Fatalf("closing: %+v %v", out, err)
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	_, page := do(t, gs, "GET", w.ts.URL+"/gremien/al-runde/sitzungen/40/empfehlungen", nil)
	if !strings.Contains(page, "ohne Wirkung:</strong> Die 48. Sitzung hatte schon begonnen, als die Empfehlung beschlossen wurde") {
		t.Errorf("the AL-Runde's page of recommendations does not say the recommendation took no effect:\n%s", between(page, "<main", "</main>"))
	}
	_, page = do(t, gs, "GET", w.ts.URL+"/gremien/al-runde/sitzungen/40", nil)
	if !strings.Contains(page, "ohne Wirkung:</strong>") {
		t.Errorf("the AL-Runde's item does not say the recommendation took no effect:\n%s", between(page, "<main", "</main>"))
	}
	_, pdf := do(t, gs, "GET", w.ts.URL+"/gremien/al-runde/sitzungen/40/protokoll.pdf", nil)
	if text := pdftest.Words(t, []byte(pdf)); !strings.Contains(text, "Ohne Wirkung: Die 48. Sitzung hatte schon begonnen") {
		t.Errorf("the AL-Runde's minutes (PDF) do not say the recommendation took no effect:\n%s", text)
	}
	_, page = do(t, gs, "GET", w.ts.URL+"/sitzungen/48", nil)
	if strings.Contains(page, "Beschlussempfehlung der 40. AL-Runde") {
		t.Errorf("the 48th session's item shows the recommendation that took no effect:\n%s", between(page, "<main", "</main>"))
	}
}
