package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// demoLongTitle is the title of a registration of the demo
// (internal/demo/nextsession.go) whose compound is longer than a line of
// the live box at 320 px; demoLongTitleShy is how a heading or a line
// shows it (hyphenate).
const (
	demoLongTitle    = "Registermodernisierung – Bericht zum Stand der Umsetzung"
	demoLongTitleShy = "Register\u00admodernisierung – Bericht zum Stand der Umsetzung"
)

// liveTitleFixture runs the 48th session and calls a TOP 6 titled title,
// with a proposal of that title being voted on and a decision of that
// title taken. It gives the session and TOP 6.
func liveTitleFixture(t *testing.T, st *store.Store, title string) (int64, int64) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	sid, _, _ := runningSession(t, st, model.KindDecision)
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	item, err := st.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "6", Title: title, Position: 4, Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetCurrentItem(ctx, sid, item); err != nil {
		t.Fatal(err)
	}
	taken, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: sid, ItemID: item, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: title, Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat nimmt den Bericht zur Kenntnis."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordShowOfHands(ctx, sid, taken, everyVoter(model.VoteYes)); err != nil {
		t.Fatal(err)
	}
	draft, err := st.CreateDecision(ctx, model.Decision{BodyID: council.ID, SessionID: sid, ItemID: item, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll,
		Title: title, Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die nächsten Schritte."}}, Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.OpenVote(ctx, sid, draft); err != nil {
		t.Fatal(err)
	}
	return sid, item
}

// TestLiveBoxTitlesBreakAtJoints: the session page's live box
// ("Abstimmung läuft: …", "Aufgerufen: …", the decisions taken) and the
// heading of the running vote on the live page carried an item's title
// without soft hyphens, so at 320 px a long compound ran out of the
// line. They carry them at its joints now, as the other headings do
// (hyphenate); the <title> and the attributes keep the title as typed.
func TestLiveBoxTitlesBreakAtJoints(t *testing.T) {
	ts, st, _ := lawServer(t)
	_, item := liveTitleFixture(t, st, demoLongTitle)
	for _, user := range []string{"", "hessen"} {
		code, box := liveBoxOf(t, client(t, ts, user), ts.URL)
		if code != 200 {
			t.Fatalf("%q: the live box: %d", user, code)
		}
		wants := []string{"Aufgerufen: <strong>TOP 6 – " + demoLongTitleShy + "</strong>"}
		if user != "" {
			// The proposal voted on is kept from the public (loadVoteView).
			wants = append(wants, "Abstimmung läuft: "+demoLongTitleShy+"</strong>")
		}
		for _, want := range wants {
			if !strings.Contains(box, want) {
				t.Errorf("%q: the live box lacks %q:\n%s", user, strings.ReplaceAll(want, "\u00ad", "|"), strings.ReplaceAll(box, "\u00ad", "|"))
			}
		}
		if taken := between(box, `<div id="live-beschluesse">`, "</div>"); !strings.Contains(taken, " – "+demoLongTitleShy) {
			t.Errorf("%q: the decisions taken in the live box: %q", user, strings.ReplaceAll(taken, "\u00ad", "|"))
		}
		if bad := softHyphenOutsideText(box); len(bad) > 0 {
			t.Errorf("%q: soft hyphens in the live box's attributes: %q", user, bad)
		}
		_, page := do(t, client(t, ts, user), "GET", ts.URL+"/sitzungen/48", nil)
		if !strings.Contains(page, "Aufgerufen: <strong>TOP 6 – "+demoLongTitleShy) {
			t.Errorf("%q: the session page's live box lacks the title with its joints", user)
		}
		if bad := softHyphenOutsideText(page); len(bad) > 0 {
			t.Errorf("%q: soft hyphens on the session page where the title must stay as typed: %q", user, bad)
		}
	}
	code, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+fmt.Sprintf("/sitzungen/48/live?top=%d", item), nil)
	if code != 200 {
		t.Fatalf("the live page: %d", code)
	}
	if want := demoLongTitleShy + "</h2>"; !strings.Contains(between(page, `<h2 id="h-laufend">`, "</h2>")+"</h2>", want) {
		t.Errorf("the live page's vote heading: %q", strings.ReplaceAll(between(page, `<h2 id="h-laufend">`, "</h2>"), "\u00ad", "|"))
	}
	if bad := softHyphenOutsideText(page); len(bad) > 0 {
		t.Errorf("soft hyphens on the live page where the title must stay as typed: %q", bad)
	}
}

// TestVotePageHeadingBreaksAtJoints: a member's ballot page (and the
// fragment live.js fetches for it) headed the running vote with the
// title without soft hyphens, as the live page did.
func TestVotePageHeadingBreaksAtJoints(t *testing.T) {
	ts, st, _ := lawServer(t)
	liveTitleFixture(t, st, demoLongTitle)
	for _, path := range []string{"/sitzungen/48/abstimmung", "/sitzungen/48/abstimmung/stand"} {
		code, page := do(t, client(t, ts, "hessen"), "GET", ts.URL+path, nil)
		if code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		if h := between(page, `<h2 id="h-abst"`, "</h2>"); !strings.Contains(h, demoLongTitleShy) {
			t.Errorf("%s: the vote's heading reads %q", path, strings.ReplaceAll(h, "\u00ad", "|"))
		}
		if bad := softHyphenOutsideText(page); len(bad) > 0 {
			t.Errorf("%s: soft hyphens in attributes: %q", path, bad)
		}
	}
}

// TestProjectorShowsTitlesMarked: the projector printed the called item's
// title and the result's title as stored, so a confidential passage stood
// on the room's screen with its storage marks (⟦…⟧); it shows it marked,
// as every internal page does.
func TestProjectorShowsTitlesMarked(t *testing.T) {
	ts, st, _ := lawServer(t)
	liveTitleFixture(t, st, "Verwaltungscloud "+model.Redact("Projekt Zebra")+" – Bericht")
	for _, path := range []string{"/sitzungen/48/beamer", "/sitzungen/48/beamer/stand"} {
		code, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+path, nil)
		if code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		state := between(page, `<div id="beamer"`, `<div class="beamer-floor"`)
		if strings.ContainsAny(state, model.RedactOpen+model.RedactClose) || !strings.Contains(state, markOpen+`Projekt Zebra`+markClose) {
			t.Errorf("%s: the projector shows %s", path, state)
		}
	}
}

// TestProjectorTitlesBreakAtJoints: the projector headed the called item
// with its title without soft hyphens, so a long compound broke mid-word
// on the room's screen ("…verordn|ung", at 1280 px too); the item's
// heading and the result's title carry them at the joints now, as the
// live box does (hyphenate). The <title> keeps the session's title as
// typed.
func TestProjectorTitlesBreakAtJoints(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := store.WithActor(context.Background(), "test")
	sid, _ := liveTitleFixture(t, st, demoLongTitle)
	check := func(what string) {
		t.Helper()
		for _, path := range []string{"/sitzungen/48/beamer", "/sitzungen/48/beamer/stand"} {
			code, page := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+path, nil)
			if code != 200 {
				t.Fatalf("%s: %d", path, code)
			}
			part := between(page, `<h2 class="beamer-item">`, "</h2>")
			if what == "result" {
				part = between(page, `<div class="beamer-result`, "</div>")
			}
			if !strings.Contains(part, demoLongTitleShy) {
				t.Errorf("%s: the %s reads %q", path, what, strings.ReplaceAll(part, "\u00ad", "|"))
			}
			if bad := softHyphenOutsideText(page); len(bad) > 0 {
				t.Errorf("%s: soft hyphens in attributes: %q", path, bad)
			}
		}
	}
	check("item's heading")
	// With the vote closed, the projector shows its result.
	v, open, err := st.OpenSessionVote(ctx, sid)
	if err != nil || !open {
		t.Fatalf("the open vote: %v %v", open, err)
	}
	if err := st.CancelVote(ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	check("result")
}
