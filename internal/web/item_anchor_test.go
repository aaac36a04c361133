package web

import (
	"context"
	"fmt"
	"html"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// anchorFor gives the anchor of the agenda item id on its session's page
// (model.ItemAnchors, as the store reads it).
func anchorFor(t *testing.T, st *store.Store, id int64) string {
	t.Helper()
	a, err := st.ItemAnchor(context.Background(), id)
	if err != nil || a == "" {
		t.Fatalf("anchor of item %d: %q, %v", id, a, err)
	}
	return a
}

// anchorWorld is the demo's 47th session with TOP 21 (an adopted decision
// B-2025/90-IT with a follow-up) and an item without number recorded
// after hidden rows of the same table (registrations to a later session,
// not on its agenda), the search index rebuilt. It gives the ids of
// TOP 21 and of its follow-up.
func anchorWorld(t *testing.T) (*httptest.Server, *store.Store, int64, int64) {
	t.Helper()
	ts, st := cycleServer(t)
	ctx := store.WithActor(context.Background(), "test")
	council, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	se, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	later, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 60, Date: model.NewDate(2027, 3, 11), Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := st.CreateItem(ctx, model.AgendaItem{SessionID: later, Title: fmt.Sprintf("Verborgen %d", i), Position: 80 + i, Status: model.ItemRegistered, RegisteredBy: "HE"}); err != nil {
			t.Fatal(err)
		}
	}
	itemID, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: se.ID, Number: "21", Title: "Ankerprobe Verordnung", Goal: model.GoalDecision,
		Reporters: []string{"Bund"}, Status: model.ItemAccepted, Position: 90})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: se.ID, Title: "Ankerprobe Nachtrag", Status: model.ItemAccepted, Position: 91}); err != nil {
		t.Fatal(err)
	}
	dec, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: se.ID, ItemID: itemID, Kind: model.KindDecision, Status: model.DecisionAdopted,
		Number: model.DecisionNumber{Year: 2025, Seq: 90}, AdoptedOn: se.Date, Scope: model.ScopeAll, Title: "Ankerprobe Verordnung", Result: "einstimmig",
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Ankerprobe."}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateContribution(ctx, model.Contribution{ItemID: itemID, Speaker: "HE", Points: []string{"Ein Beitrag zur Ankerprobe."}}); err != nil {
		t.Fatal(err)
	}
	// Given in the discussion: its page links the item (one given by
	// the decision links the decision).
	fu, err := st.CreateFollowUp(ctx, model.FollowUp{DecisionID: dec, ItemID: itemID, Text: "Ankerprobe umsetzen", Responsible: "Bund",
		Status: model.FollowUpOpen, Source: model.SourceItem})
	if err != nil {
		t.Fatal(err)
	}
	if err := search.Rebuild(ctx, st, council.ID); err != nil {
		t.Fatal(err)
	}
	return ts, st, itemID, fu
}

var (
	idAttr   = regexp.MustCompile(`\sid="([^"]+)"`)
	hrefAttr = regexp.MustCompile(`\shref="([^"]+)"`)
)

// pageIDs gives the ids of the elements of page.
func pageIDs(page string) map[string]bool {
	out := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(page, -1) {
		out[html.UnescapeString(m[1])] = true
	}
	return out
}

// linksTo gives the fragments of the links of page to path ("" for the
// page itself: "#…").
func linksTo(page, path string) []string {
	var out []string
	for _, m := range hrefAttr.FindAllStringSubmatch(page, -1) {
		if p, frag, ok := strings.Cut(html.UnescapeString(m[1]), "#"); ok && p == path {
			out = append(out, frag)
		}
	}
	return out
}

// TestItemAnchorsAreTOPNumbers: the public session page, its minutes and
// every link to an item (the agenda's list, the decision page, search
// hits, OParl's AgendaItem.web, a follow-up's page) gave the item's row
// id ("#top-1234"), whose gaps counted the hidden rows of the table (the
// AL-Runde's items, pending registrations, agendas not yet published).
// Now the items' anchors are their TOP numbers and the places of the
// items without number (model.ItemAnchors) — on the pages exactly those —
// and every link's fragment is an id on the page it leads to.
func TestItemAnchorsAreTOPNumbers(t *testing.T) {
	ts, st, itemID, fu := anchorWorld(t)
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	se, _ := st.SessionByNumber(ctx, council.ID, 47)
	items, err := st.Items(ctx, se.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The anchors the public may know: the numbers as shown, the items
	// without number counted.
	want, minutesWant := map[string]bool{}, map[string]bool{}
	unnumbered := 0
	for _, it := range items {
		if !it.OnAgenda() {
			continue
		}
		a := "top-" + it.Number
		if it.Number == "" {
			unnumbered++
			a = fmt.Sprintf("top-ohne-nr-%d", unnumbered)
		}
		if want[a] {
			t.Fatalf("the demo has %s twice; the test wants the plain numbers", a)
		}
		want[a], minutesWant["p-"+a] = true, true
	}
	if unnumbered == 0 || !want["top-21"] {
		t.Fatalf("the world lacks TOP 21 or an item without number: %v", want)
	}
	public := client(t, ts, "")
	_, session := do(t, public, "GET", ts.URL+"/sitzungen/47", nil)
	_, minutesPage := do(t, public, "GET", ts.URL+"/sitzungen/47/protokoll", nil)
	sessionIDs, minutesIDs := pageIDs(session), pageIDs(minutesPage)
	only := func(where string, ids map[string]bool, prefix string, want map[string]bool) {
		t.Helper()
		for id := range ids {
			if strings.HasPrefix(id, prefix) && !want[id] {
				t.Errorf("%s: id %q is no TOP number's anchor", where, id)
			}
		}
		for id := range want {
			if !ids[id] {
				t.Errorf("%s lacks the anchor %q", where, id)
			}
		}
	}
	only("the session page", sessionIDs, "top-", want)
	only("the minutes", minutesIDs, "p-top-", minutesWant)
	for _, it := range items {
		for _, page := range []string{session, minutesPage} {
			if rowID := "top-" + strconv.FormatInt(it.ID, 10); strings.Contains(page, rowID+`"`) && !want[rowID] {
				t.Errorf("a page carries the row id of item %d (%s)", it.ID, it.Label())
			}
		}
	}
	lands := func(where string, frags []string, ids map[string]bool, min int) {
		t.Helper()
		if len(frags) < min {
			t.Errorf("%s: %d links, want at least %d", where, len(frags), min)
		}
		for _, f := range frags {
			if !ids[f] {
				t.Errorf("%s: the link #%s lands nowhere", where, f)
			}
		}
	}
	lands("the agenda's list", linksTo(session, ""), sessionIDs, len(want))
	_, decision := do(t, public, "GET", ts.URL+"/beschluesse/B-2025/90-IT", nil)
	lands("the decision page", linksTo(decision, "/sitzungen/47"), sessionIDs, 1)
	if !slices.Contains(linksTo(decision, "/sitzungen/47"), "top-21") {
		t.Errorf("the decision page does not link TOP 21 at #top-21: %v", linksTo(decision, "/sitzungen/47"))
	}
	_, hits := do(t, public, "GET", ts.URL+"/suche?q=Ankerprobe", nil)
	lands("the search hits", linksTo(hits, "/sitzungen/47"), sessionIDs, 2)
	lands("the search hits in the minutes", linksTo(hits, "/sitzungen/47/protokoll"), minutesIDs, 1)
	_, followUp := do(t, public, "GET", ts.URL+followUpPathOf(t, st, fu), nil)
	lands("the follow-up's page", linksTo(followUp, "/sitzungen/47"), sessionIDs, 1)
	item := oparlObjectWithWeb(t, ts.URL, "/oparl/v1/body/1/agendaItem", "/sitzungen/47#top-21")
	if order, _ := item["order"].(float64); int(order) != len(want)-1 {
		t.Errorf("OParl: TOP 21 is at order %v, want %d (its place in the agenda)", item["order"], len(want)-1)
	}
	if a := anchorFor(t, st, itemID); a != "top-21" {
		t.Errorf("the store gives TOP 21 the anchor %q", a)
	}
}
