package web

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/store"
)

// costServer gives the handler of a server on the demo data with both the
// response cache and the stored pages off: every request renders.
func costServer(t *testing.T) (http.Handler, *store.Store) {
	t.Helper()
	st := demotest.Store(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetResponseCache(-1)
	srv.SetStoredPages(false)
	return srv.Handler(), st
}

// addHeldSession records the minutes of a held session with n agenda
// items, each with an adopted decision numbered year/1 … year/n that names
// the previous one as its source (one transaction, as an import).
func addHeldSession(t *testing.T, st *store.Store, number, year, n int) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	sections, err := st.Sections(ctx, council.ID)
	if err != nil || len(sections) == 0 {
		t.Fatalf("sections: %v", err)
	}
	date := model.NewDate(year, 3, 1)
	var items []store.MinutesItem
	for k := 1; k <= n; k++ {
		var sources []string
		if k > 1 {
			sources = []string{model.FormatDecisionNumber(council.DecisionPattern, model.DecisionNumber{Year: year, Seq: k - 1})}
		}
		items = append(items, store.MinutesItem{Section: sections[k%len(sections)],
			Item: model.AgendaItem{Number: fmt.Sprintf("%02d", k), Title: fmt.Sprintf("Punkt %d", k), Sources: sources, Reporters: []string{"HB"}, Position: k},
			Decisions: []model.Decision{{Kind: model.KindDecision, Number: model.DecisionNumber{Year: year, Seq: k}, Status: model.DecisionAdopted,
				Scope: model.ScopeAll, Result: "einstimmig", AdoptedOn: date, Title: fmt.Sprintf("Beschluss %d", k), Position: 1,
				Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}}}})
	}
	if _, err := st.SaveMinutes(ctx, council.ID, model.Session{BodyID: council.ID, Number: number, Date: date, Status: model.StatusMinutesDraft}, items, nil, store.ImportSource{}); err != nil {
		t.Fatal(err)
	}
}

// cost gives the statements and rows the store read to answer path: the
// least of three requests (the counters are global; work in the background
// of other tests' servers can only add to them).
func cost(t *testing.T, h http.Handler, path string) (queries, rows uint64) {
	t.Helper()
	queries, rows = ^uint64(0), ^uint64(0)
	for range 3 {
		q0, r0 := store.QueryCount(), store.RowsRead()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, rec.Code)
		}
		queries, rows = min(queries, store.QueryCount()-q0), min(rows, store.RowsRead()-r0)
	}
	return queries, rows
}

// A decision page costs the same whatever the size of its session: the
// same statements and the same rows for a decision in a session of 666
// items as in one of 10 (a page about one decision once loaded its whole
// session).
func TestDecisionPageCostIndependentOfSession(t *testing.T) {
	h, st := costServer(t)
	addHeldSession(t, st, 60, 2031, 10)
	addHeldSession(t, st, 61, 2032, 666)
	for _, p := range []string{"/beschluesse/B-%d/05-IT", "/api/v1/beschluesse/%d/5"} {
		cost(t, h, fmt.Sprintf(p, 2031)) // statements prepared, body and members kept
		smallQ, smallR := cost(t, h, fmt.Sprintf(p, 2031))
		largeQ, largeR := cost(t, h, fmt.Sprintf(p, 2032))
		if smallQ != largeQ || smallR != largeR || smallQ == 0 {
			t.Errorf("%s: 10 items: %d statements, %d rows; 666 items: %d statements, %d rows", p, smallQ, smallR, largeQ, largeR)
		}
		t.Logf("%s: %d statements, %d rows", p, smallQ, smallR)
	}
}

// linkOf gives the href of the link with rel in page ("" if none).
func linkOf(page, rel string) string {
	i := strings.Index(page, `rel="`+rel+`"`)
	if i < 0 {
		return ""
	}
	j := strings.LastIndex(page[:i], `href="`)
	if j < 0 {
		return ""
	}
	href := page[j+len(`href="`):]
	return html.UnescapeString(href[:strings.Index(href, `"`)])
}

// The register pages by keyset: following "Nächste Seite" from the first
// page shows every decision once, newest first, and "Vorherige Seite" leads
// back through the same pages; a deep page reads what the first reads.
func TestRegisterKeysetPaging(t *testing.T) {
	h, st := costServer(t)
	addHeldSession(t, st, 60, 2031, 120)
	get := func(path string) string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, rec.Code)
		}
		return rec.Body.String()
	}
	labels := regexp.MustCompile(`<th scope="row"[^>]*><a href="[^"]*">([^<]*)</a>`)
	var pages []string
	var seen []string
	for path := "/beschluesse"; path != ""; {
		page := get(path)
		pages = append(pages, path)
		for _, m := range labels.FindAllStringSubmatch(page, -1) {
			seen = append(seen, m[1])
		}
		path = linkOf(page, "next")
		if len(pages) > 10 {
			t.Fatal("no end of the register")
		}
	}
	total := len(seen)
	if len(pages) < 3 || total < 120 {
		t.Fatalf("%d pages, %d decisions", len(pages), total)
	}
	uniq := map[string]bool{}
	for _, l := range seen {
		uniq[l] = true
	}
	if len(uniq) != total || seen[0] != "B-2031/120-IT" {
		t.Errorf("%d decisions, %d different, first %s", total, len(uniq), seen[0])
	}
	if body := get("/beschluesse"); !strings.Contains(body, fmt.Sprintf("%d Beschlüsse, Seite 1 von %d", total, len(pages))) {
		t.Errorf("status line of page 1: want %d decisions on %d pages", total, len(pages))
	}
	// Back from the last page.
	path := pages[len(pages)-1]
	for i := len(pages) - 1; i > 0; i-- {
		prev := linkOf(get(path), "prev")
		a, b := labels.FindAllString(get(prev), -1), labels.FindAllString(get(pages[i-1]), -1)
		if strings.Join(a, "") != strings.Join(b, "") {
			t.Fatalf("previous page of %s (%s) differs from %s", path, prev, pages[i-1])
		}
		path = prev
	}
	if path != "/beschluesse" {
		t.Errorf("back at %s, not at the first page", path)
	}
	firstQ, firstR := cost(t, h, "/beschluesse")
	deepQ, deepR := cost(t, h, pages[len(pages)-1])
	if deepQ != firstQ {
		t.Errorf("first page %d statements (%d rows), last page %d (%d rows)", firstQ, firstR, deepQ, deepR)
	}
	if firstQ > 3 {
		t.Errorf("a register page takes %d statements; want the page, its sessions and its votes at most", firstQ)
	}
	for _, bad := range []string{"?vor=2031", "?vor=x-1", "?nach=2031-0", "?vor=2031-2&nach=2031-1"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/beschluesse"+bad, nil))
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: %d", bad, rec.Code)
		}
	}
}

// The start page, the session list and the register read a fixed number of
// statements and — the start page and a register page — a fixed number of
// rows, however many sessions and decisions there are (the start page once
// read every session and every open follow-up, the session list every
// session).
func TestListPagesFixedQueries(t *testing.T) {
	h, st := costServer(t)
	paths := []string{"/", "/sitzungen", "/sitzungen?jahr=2025", "/beschluesse", "/beschluesse?jahr=2025"}
	type costs struct{ q, r uint64 }
	measure := func() map[string]costs {
		out := map[string]costs{}
		for _, p := range paths {
			cost(t, h, p) // kept values loaded once per data version
			q, r := cost(t, h, p)
			out[p] = costs{q, r}
		}
		return out
	}
	add := func(from, to int) {
		for n := from; n < to; n++ {
			addHeldSession(t, st, n, 2031+n-100, 3)
		}
	}
	// Full pages first, then as many sessions and decisions again.
	add(100, 140)
	before := measure()
	add(140, 180)
	after := measure()
	for _, p := range paths {
		b, a := before[p], after[p]
		if a.q != b.q {
			t.Errorf("%s: %d statements before, %d with 40 sessions and 120 decisions more", p, b.q, a.q)
		}
		if a.r != b.r {
			t.Errorf("%s: %d rows before, %d with 40 sessions and 120 decisions more", p, b.r, a.r)
		}
		t.Logf("%s: %d statements, %d rows (then %d, %d)", p, b.q, b.r, a.q, a.r)
	}
	// One year only: the list of the newest year (2110, session 179;
	// without ?jahr= /sitzungen opens on the current year or the newest
	// before it, defaultSessionYear).
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/sitzungen?jahr=2110", nil))
	if body := rec.Body.String(); !strings.Contains(body, "179. Sitzung") || strings.Contains(body, "178. Sitzung") {
		t.Error("the session list does not show one year only")
	}
}

// The public live box is kept per data version: viewers after a change get
// the new box, not the kept one; a logged-in viewer's box is rendered for
// them.
func TestLiveBoxKeptUntilChange(t *testing.T) {
	ctx := context.Background()
	ts, st, _ := lawServer(t)
	sid, _, d := runningSession(t, st, model.KindDecision, "SL")
	const box = "/sitzungen/48/live/stand"
	_, before := get(t, ts, box)
	if _, again := get(t, ts, box); again != before {
		t.Fatal("the same data gave two different boxes")
	}
	vote, err := st.OpenVote(ctx, sid, d)
	if err != nil {
		t.Fatal(err)
	}
	_, opened := get(t, ts, box)
	if opened == before {
		t.Fatal("the box did not change when the vote opened")
	}
	if err := st.CastSessionVote(ctx, vote, "HE", model.VoteYes, false); err != nil {
		t.Fatal(err)
	}
	if _, voted := get(t, ts, box); voted == opened {
		t.Error("the box did not change when a member voted")
	}
	if code, body := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+box, nil); code != http.StatusOK || body == "" {
		t.Errorf("box for a logged-in viewer: %d", code)
	}
}
