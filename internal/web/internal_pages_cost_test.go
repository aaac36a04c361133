package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// clientCost gives the statements and rows the store read to answer u for
// the client: the least of three requests (see cost).
func clientCost(t *testing.T, c *http.Client, u string) (queries, rows uint64) {
	t.Helper()
	return clientCostOf(t, c, u, func(code int) bool { return code == http.StatusOK })
}

// clientCostOf is clientCost for an answer whose status ok accepts.
func clientCostOf(t *testing.T, c *http.Client, u string, ok func(code int) bool) (queries, rows uint64) {
	t.Helper()
	queries, rows = ^uint64(0), ^uint64(0)
	for range 3 {
		q0, r0 := store.QueryCount(), store.RowsRead()
		if code, _ := do(t, c, "GET", u, nil); !ok(code) {
			t.Fatalf("%s: %d", u, code)
		}
		queries, rows = min(queries, store.QueryCount()-q0), min(rows, store.RowsRead()-r0)
	}
	return queries, rows
}

// addPastSessions records the council's sessions numbered from to to−1
// (plus 1000), held long ago: approved minutes, dated in the 20th century.
func addPastSessions(t *testing.T, st *store.Store, from, to int) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	for n := from; n < to; n++ {
		if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 1000 + n, Date: model.NewDate(1900+n/5, 3, 1+n%5),
			Status: model.StatusMinutesApproved, Place: "Berlin"}); err != nil {
			t.Fatal(err)
		}
	}
}

// The internal pages, the calendar feeds and the JSON session list read
// the same statements and rows however many past sessions the council has
// (each once read every session of the council: the new procedure and new
// session forms, a running session's management page, the session
// calendar and both feeds, the follow-up lists and a session's deadlines,
// the FachMK checklist, a request, the AL-Runde's page, the API).
func TestInternalPagesReadBoundedSessions(t *testing.T) {
	ts, st, _ := demoAccountsServer(t, func(s *Server) { s.SetResponseCache(-1); s.SetStoredPages(false) })
	runningSession(t, st, model.KindDecision) // the 48th: its management page offers earlier draft minutes
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", ts.URL+"/mein-kalender", nil)
	feed := regexp.MustCompile(`value="https?://[^"]+(/kalender/kal_[^"]+\.ics)"`).FindStringSubmatch(page)
	if code != http.StatusOK || feed == nil {
		t.Fatalf("calendar address: %d", code)
	}
	qs, err := st.Requests(context.Background(), 0)
	if err != nil || len(qs) == 0 {
		t.Fatalf("requests: %v", err)
	}
	paths := []string{"/", "/umlaufverfahren/neu", "/sitzungen/neu", "/sitzungen/48/verwaltung", "/sitzungen/47", "/sitzungen/47/protokoll",
		"/sitzungen/kalender?jahr=2025", "/sitzungen.ics", feed[1], "/auftraege", "/auftraege?sitzung=47", "/mitglieder/FITKO/auftraege",
		"/fachmk/FMK/aufgaben", fmt.Sprintf("/anliegen/%d", qs[0].ID), "/gremien/al-runde", "/api/v1/sitzungen"}
	type costs struct{ q, r uint64 }
	measure := func() map[string]costs {
		out := map[string]costs{}
		for _, p := range paths {
			q, r := clientCost(t, gs, ts.URL+p)
			out[p] = costs{q, r}
		}
		return out
	}
	// Past the bounds first (the calendar feeds' CalendarSessions), then
	// as many again.
	addPastSessions(t, st, 0, CalendarSessions+10)
	before := measure()
	addPastSessions(t, st, CalendarSessions+10, 2*CalendarSessions+20)
	after := measure()
	for _, p := range paths {
		b, a := before[p], after[p]
		if a != b {
			t.Errorf("%s: %d statements, %d rows; with %d past sessions more %d statements, %d rows", p, b.q, b.r, CalendarSessions+10, a.q, a.r)
		}
		t.Logf("%s: %d statements, %d rows", p, b.q, b.r)
	}
	// The content the bounds must not cut: the new session's number, the
	// draft minutes of the 47th on the new procedure form, the 48th as the
	// checklist's session, the follow-up filter's sessions.
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/neu", nil); !strings.Contains(page, fmt.Sprintf(`value="%d"`, 1000+2*CalendarSessions+20)) {
		t.Error("the new session form does not propose the number after the highest")
	}
	if _, page := do(t, gs, "GET", ts.URL+"/auftraege?sitzung=47", nil); !strings.Contains(page, `<option value="47" selected>`) ||
		!strings.Contains(page, fmt.Sprintf(`<option value="%d">`, 1000+2*CalendarSessions+19)) || strings.Contains(page, `<option value="1000">`) {
		t.Error("the follow-up filter does not offer the newest sessions and the chosen one")
	}
}
