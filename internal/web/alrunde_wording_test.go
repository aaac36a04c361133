package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// TestALRundeDecisionReadsAsRecommendation: everything the AL-Runde
// adopts is a Beschlussempfehlung to the IT-Planungsrat, also where it
// recommends on a proposed Beschluss (whose kind it keeps, for the
// majority). Before, its records took the name of that kind: "Beschluss
// BE-2026/01-AL – beschlossen" beside "Empfehlung … – ausgesprochen". The
// session page, the live page, the minutes page and PDF, and the audit
// log name it "Beschlussempfehlung BE-2026/01-AL", adopted as
// "ausgesprochen".
func TestALRundeDecisionReadsAsRecommendation(t *testing.T) {
	ctx := store.WithActor(context.Background(), "test")
	st := demotest.StoreWithAccounts(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	prep, err := st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	day := model.NewDate(2026, 2, 12)
	se, err := st.CreateSession(ctx, model.Session{BodyID: prep.ID, Number: 41, Status: model.StatusEnded, Date: day, AgendaPublished: true})
	if err != nil {
		t.Fatal(err)
	}
	item, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: se, Number: "01", Title: "Registermodernisierung", Status: model.ItemAccepted, Position: 1})
	if err != nil {
		t.Fatal(err)
	}
	// The recommendation on a proposed Beschluss: its kind is that of the
	// proposal (the Beschluss's majority applies).
	if _, err := st.CreateDecision(ctx, model.Decision{BodyID: prep.ID, SessionID: se, ItemID: item, Kind: model.KindDecision, Status: model.DecisionAdopted,
		Number: model.DecisionNumber{Year: 2026, Seq: 1}, AdoptedOn: day, Scope: model.ScopeAll, Title: "Registermodernisierung – Empfehlung", Result: "einstimmig",
		Points: []model.Point{{Label: "1.", Text: "Die AL-Runde empfiehlt dem IT-Planungsrat die Annahme."}}}); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	flat := func(s string) string { return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00ad", "")), " ") }
	for path, want := range map[string]string{
		"":           "Beschlussempfehlung BE-2026/01-AL",
		"/protokoll": "Beschlussempfehlung BE-2026/01-AL",
		"/live":      "Beschlussempfehlung BE-2026/01-AL – ausgesprochen",
	} {
		code, page := do(t, gs, "GET", fmt.Sprintf("%s/gremien/al-runde/sitzungen/41%s", ts.URL, path), nil)
		page = flat(page)
		if code != http.StatusOK || !strings.Contains(page, want) || strings.Contains(page, "Beschluss BE-2026/01-AL") || strings.Contains(page, "– beschlossen") {
			t.Errorf("%s: %d, the AL-Runde's decision is not named as a recommendation (%q):\n%s", "/gremien/al-runde/sitzungen/41"+path, code, want, between(page, "<main", "</main>"))
		}
	}
	// The live page's form for a new proposal asks for a
	// Beschlussempfehlung and says what it recommends; the council's keeps
	// its Beschlussvorschlag. Before, the AL-Runde's form read
	// "Beschlussvorschlag (BV) … Art: Beschluss/Empfehlung … Beschlusspunkte".
	_, live := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/41/live", nil)
	live = flat(live)
	for _, want := range []string{"<summary>Beschlussempfehlung (BE)</summary>", "Empfohlen wird</label>", "Punkte der Empfehlung (einer je Zeile)", "Abgestimmt wird nach den Regeln des IT-Planungsrats"} {
		if !strings.Contains(live, want) {
			t.Errorf("AL-Runde live form lacks %q", want)
		}
	}
	if strings.Contains(live, "Beschlussvorschlag (BV)") {
		t.Error("the AL-Runde live form offers a Beschlussvorschlag (BV)")
	}
	_, councilLive := do(t, gs, "GET", ts.URL+"/sitzungen/47/live", nil)
	if councilLive = flat(councilLive); !strings.Contains(councilLive, "<summary>Beschlussvorschlag (BV)</summary>") || strings.Contains(councilLive, "Beschlussempfehlung (BE)") {
		t.Error("the council's live form does not offer a Beschlussvorschlag (BV)")
	}
	code, pdf := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/41/protokoll.pdf", nil)
	if text := flat(pdftest.Text(t, []byte(pdf))); code != http.StatusOK || !strings.Contains(text, "Beschlussempfehlung BE-2026/01-AL") || strings.Contains(text, "Beschluss BE-2026/01-AL") {
		t.Errorf("minutes PDF: %d\n%s", code, text)
	}
	_, audit := do(t, gs, "GET", ts.URL+"/aenderungsprotokoll", nil)
	if audit = flat(audit); !strings.Contains(audit, "Beschlussempfehlung BE-2026/01-AL") || strings.Contains(audit, "Beschluss BE-2026/01-AL") {
		t.Errorf("audit log:\n%s", between(audit, "<main", "</main>"))
	}
}
