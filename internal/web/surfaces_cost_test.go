package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/oparl"
	"gremium/internal/store"
)

// publicSurfaces are the public answers that are not HTML pages and list
// something (the JSON API, OParl, the feeds and calendars), with the
// OParl addresses as placeholders ({body}, {organization}) filled in by
// the test. Left out, since they grow with the history by what they are:
//
//   - /auftraege.csv, the export of the whole list (streamed a page at a
//     time, but every follow-up is in it);
//   - /auftraege.pdf, the first FollowUpsInPDF (1,000) follow-ups: bounded,
//     but by more than the test's history has;
//   - /aenderungsprotokoll.csv and /evaluation/ergebnisse.csv, which are
//     not public.
var publicSurfaces = []string{
	"/api/v1/openapi.json",
	"/api/v1/sitzungen",
	"/api/v1/sitzungen?vor=1100",
	"/api/v1/sitzungen/47",
	"/api/v1/beschluesse",
	"/api/v1/beschluesse?seite=2",
	"/api/v1/auftraege",
	"/api/v1/auftraege?status=offen",
	"/api/v1/auftraege?status=erledigt",
	"/api/v1/fachmk",
	"/api/v1/sprecher",
	"/beschluesse.atom",
	"/sitzungen.ics",
	"/fachmk/termine.ics",
	"/fachmk/FMK/termine.ics",
	"/fachmk/sprecher.csv",
	"/sitzungen/47/protokoll.txt",
	"/oparl/v1",
	"/oparl/v1/body",
	"{body}",
	"{organization}",
	"{organization}/meeting",
}

// TestPublicSurfacesReadBoundedRows holds the statements and rows the
// store reads for every public list that is not an HTML page fixed however
// long the council's history is, as TestEveryPageReadsBoundedRows does for
// the pages: /api/v1/auftraege read every follow-up of a status, with
// three lookups each (minutes a request at a million decisions; issue 18).
func TestPublicSurfacesReadBoundedRows(t *testing.T) {
	if testing.Short() {
		t.Skip("walks the public surfaces three times; skipped in -short mode")
	}
	ts, st, _ := cycleServerOf(t, func(s *Server) { s.SetResponseCache(-1); s.SetStoredPages(false) })
	ctx := context.Background()
	if err := demo.LoadCalendar(ctx, st); err != nil {
		t.Fatal(err)
	}
	c := client(t, ts, "")
	// The OParl addresses as the API gives them, on the test server.
	first := func(u string) string {
		t.Helper()
		code, body := do(t, c, "GET", u, nil)
		var list struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
		}
		if err := json.Unmarshal([]byte(body), &list); code != http.StatusOK || err != nil || len(list.Data) == 0 {
			t.Fatalf("%s: %d %v", u, code, err)
		}
		return list.Data[0].ID
	}
	local := func(u string) string { return strings.TrimPrefix(u, ts.URL) }
	body := local(first(ts.URL + "/oparl/v1/body"))
	paths := []string{}
	for _, p := range publicSurfaces {
		paths = append(paths, strings.NewReplacer("{body}", body, "{organization}", local(first(ts.URL+body+"/organization"))).Replace(p))
	}
	for name := range oparl.Lists {
		paths = append(paths, body+"/"+name)
	}
	type costs struct{ q, r uint64 }
	measure := func() map[string]costs {
		out := map[string]costs{}
		for _, p := range paths {
			// The least of three requests, as TestEveryPageReadsBoundedRows.
			m := costs{^uint64(0), ^uint64(0)}
			for range 3 {
				q0, r0 := store.QueryCount(), store.RowsRead()
				if code, _ := do(t, c, "GET", ts.URL+p, nil); code != http.StatusOK {
					t.Fatalf("%s: %d", p, code)
				}
				m = costs{min(m.q, store.QueryCount()-q0), min(m.r, store.RowsRead()-r0)}
			}
			out[p] = m
		}
		return out
	}
	more := CalendarSessions + 10
	addPastHistory(t, st, 0, more)
	before := measure()
	addPastHistory(t, st, more, 2*more)
	after := measure()
	for _, p := range paths {
		if b, a := before[p], after[p]; a != b {
			t.Errorf("%s: %d statements, %d rows; with %d past sessions (%d decisions, %d follow-ups) more: %d statements, %d rows",
				p, b.q, b.r, more, 3*more, 3*more, a.q, a.r)
		}
	}
}
