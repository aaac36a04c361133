package web

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

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
	"/api/v1/sitzungen?nach=1100",
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
	checkBoundedByHistory(t, st, paths, func(p string) (uint64, uint64) { return clientCost(t, c, ts.URL+p) })
}

// checkBoundedByHistory measures each key with cost after enough past
// sessions (addPastHistory) to pass every bound of the newest sessions
// (CalendarSessions+10) and to give each member more pending follow-ups
// than a page of the list reads (so that the page fills from the pending
// ones alone), and again after CalendarSessions+10 more, and reports each
// key whose statements or rows changed.
func checkBoundedByHistory(t *testing.T, st *store.Store, keys []string, cost func(key string) (queries, rows uint64)) {
	t.Helper()
	type costs struct{ q, r uint64 }
	measure := func() map[string]costs {
		out := map[string]costs{}
		for _, k := range keys {
			q, r := cost(k)
			out[k] = costs{q, r}
		}
		return out
	}
	// add writes past the store, moving the page generation as any
	// process does with a change of content: SQLite's store notices within
	// PollInterval and moves its version, which reloads what the server
	// keeps per version (one more statement in whichever request comes
	// first). Waiting for that keeps it out of the measures (PostgreSQL's
	// store notices only its own writes and notifications).
	add := func(from, to int) {
		v := st.Version()
		addPastHistory(t, st, from, to)
		deadline := time.Now().Add(10 * store.PollInterval)
		for st.Dialect() == store.SQLite && st.Version() == v {
			if time.Now().After(deadline) {
				t.Fatal("the store never noticed the history written past it")
			}
			time.Sleep(store.PollInterval / 10)
		}
	}
	more := CalendarSessions + 10
	first := max(more, len(pastMembers)*(FollowUpsPerPage+1))
	add(0, first)
	before := measure()
	add(first, first+more)
	after := measure()
	for _, k := range keys {
		if b, a := before[k], after[k]; a != b {
			t.Errorf("%s: %d statements, %d rows; with %d past sessions (%d decisions, %d follow-ups) more: %d statements, %d rows",
				k, b.q, b.r, more, 3*more, 3*more, a.q, a.r)
		}
	}
}

// TestPersonalFeedsReadBoundedRows holds the statements and rows of the
// personal calendar feed (/kalender/{token}.ics) of the secretariat, a
// member, an advisory member and a spokesperson fixed however long the
// council's history is: it read every pending follow-up of the member (the
// secretariat's every one, 15,090 at a million decisions) and every
// written procedure.
func TestPersonalFeedsReadBoundedRows(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the feeds three times twice; skipped in -short mode")
	}
	ts, st, _ := cycleServerOf(t, func(s *Server) { s.SetResponseCache(-1); s.SetStoredPages(false) })
	if err := demo.LoadCalendar(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	feeds := []string{}
	for _, role := range []string{"geschaeftsstelle", "hessen", "dlt", "sprecher-hb"} {
		code, page := do(t, client(t, ts, role), "POST", ts.URL+"/mein-kalender", nil)
		m := regexp.MustCompile(`value="https?://[^"]+(/kalender/kal_[^"]+\.ics)"`).FindStringSubmatch(page)
		if code != http.StatusOK || m == nil {
			t.Fatalf("%s: calendar address: %d", role, code)
		}
		feeds = append(feeds, m[1])
	}
	c := client(t, ts, "")
	checkBoundedByHistory(t, st, feeds, func(p string) (uint64, uint64) { return clientCost(t, c, ts.URL+p) })
}
