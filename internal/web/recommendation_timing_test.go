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
	s48, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.NewDate(2026, 3, 12), StartTime: "15:00", Status: model.StatusConvened})
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
