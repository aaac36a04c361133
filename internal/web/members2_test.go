package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestMinutesCommentsShowTime: a comment on the draft minutes shows when it
// was written, in German time, on the session page and on the secretariat's
// management page.
func TestMinutesCommentsShowTime(t *testing.T) {
	ts, st := cycleServer(t)
	st.SetClock(func() time.Time { return time.Date(2026, 1, 15, 16, 5, 0, 0, time.UTC) })
	he := client(t, ts, "hessen")
	if code, _ := do(t, he, "POST", ts.URL+"/sitzungen/47/kommentare", url.Values{"kommentar": {"Bitte TOP 3 prüfen."}}); code != http.StatusSeeOther {
		t.Fatalf("comment: %d", code)
	}
	const want = "15.01.2026, 17:05 Uhr"
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/47", nil); !strings.Contains(page, want) {
		t.Errorf("the session page does not show when the comment was written (%s)", want)
	}
	gs := client(t, ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/verwaltung", nil); !strings.Contains(page, want) {
		t.Errorf("the management page does not show when the comment was written (%s)", want)
	}
}

// TestRevokingNeedsConfirmation: revoking the calendar address or an API
// token, replacing the calendar address and "Überall abmelden" each show a
// confirmation page first (a form without JavaScript); only its second
// submit acts, so one stray click revokes nothing.
func TestRevokingNeedsConfirmation(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	he := client(t, ts, "hessen")
	confirmPage := func(what, path, action string) {
		t.Helper()
		code, page := do(t, he, "POST", ts.URL+path, url.Values{})
		if code != http.StatusOK || !strings.Contains(page, `name="bestaetigt" value="ja"`) || !strings.Contains(page, `action="`+action+`"`) {
			t.Errorf("%s: no confirmation page (%d)", what, code)
		}
		if p := wellFormedProblems(page); len(p) > 0 {
			t.Errorf("%s: confirmation page: %v", what, p)
		}
	}
	// The calendar address.
	if code, _ := do(t, he, "POST", ts.URL+"/mein-kalender", url.Values{}); code != http.StatusOK {
		t.Fatalf("first calendar address: %d", code)
	}
	acc, _, _ := st.UserLogin(ctx, "hessen")
	since, _ := st.CalendarTokenSince(ctx, acc.ID)
	confirmPage("new calendar address", "/mein-kalender", "/mein-kalender")
	confirmPage("revoke calendar address", "/mein-kalender/widerrufen", "/mein-kalender/widerrufen")
	if now, _ := st.CalendarTokenSince(ctx, acc.ID); now.IsZero() || !now.Equal(since) {
		t.Error("the calendar address was replaced or revoked without confirmation")
	}
	if code, _ := do(t, he, "POST", ts.URL+"/mein-kalender/widerrufen", url.Values{"bestaetigt": {"ja"}}); code != http.StatusSeeOther {
		t.Errorf("confirmed revocation: %d", code)
	}
	if now, _ := st.CalendarTokenSince(ctx, acc.ID); !now.IsZero() {
		t.Error("the confirmed revocation did not revoke")
	}
	// An API token.
	if code, _ := do(t, he, "POST", ts.URL+"/konto/tokens", url.Values{"bezeichnung": {"Landesportal"}, "tage": {"90"}}); code != http.StatusCreated {
		t.Fatalf("new token: %d", code)
	}
	tokens, _ := st.APITokens(ctx, acc.ID)
	if len(tokens) != 1 {
		t.Fatalf("tokens: %+v", tokens)
	}
	revoke := fmt.Sprintf("/konto/tokens/%d/widerrufen", tokens[0].ID)
	confirmPage("revoke token", revoke, revoke)
	if code, _ := do(t, client(t, ts, "bund"), "POST", ts.URL+revoke, url.Values{}); code != http.StatusNotFound {
		t.Errorf("another account is asked to confirm the revocation of a token not its own: %d", code)
	}
	if tokens, _ := st.APITokens(ctx, acc.ID); len(tokens) != 1 {
		t.Error("the token was revoked without confirmation")
	}
	// Überall abmelden.
	other := client(t, ts, "hessen")
	confirmPage("logout everywhere", "/konto/abmelden-ueberall", "/konto/abmelden-ueberall")
	if !loggedInAs(t, he, ts.URL) || !loggedInAs(t, other, ts.URL) {
		t.Error("logged out everywhere without confirmation")
	}
}

// TestOpenProcedureHidesOthersChoices: while a written procedure is open a
// member sees its own choice and whether the others voted, not how (as in a
// session, where online votes stay hidden until the vote closes); the
// secretariat sees every choice; once closed everyone does.
func TestOpenProcedureHidesOthersChoices(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	deadline := time.Now().Add(48 * time.Hour)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: itplr.ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Verlängerung Kooperation", Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat verlängert."}}, Applicants: []string{"Bund"}}, Deadline: deadline})
	if err != nil {
		t.Fatal(err)
	}
	for m, c := range map[string]model.VoteChoice{"HE": model.VoteNo, "Bund": model.VoteYes, "BY": model.VoteAbstain} {
		if err := st.CastVote(ctx, pid, m, c); err != nil {
			t.Fatal(err)
		}
	}
	path := fmt.Sprintf("%s/umlaufverfahren/%d", ts.URL, pid)
	cells := func(page string) (yes, no, abstain, voted int) {
		return strings.Count(page, "<td>ja</td>"), strings.Count(page, "<td>nein</td>"), strings.Count(page, "<td>enthaltung</td>"), strings.Count(page, "<td>hat abgestimmt</td>")
	}
	for _, c := range []struct {
		user                        string
		yes, no, abstain, votedOnly int
	}{
		{"hessen", 0, 1, 0, 2},
		{"bund", 1, 0, 0, 2},
		{"sprecher-hb", 0, 0, 0, 3},
		{"geschaeftsstelle", 1, 1, 1, 0},
	} {
		_, page := do(t, client(t, ts, c.user), "GET", path, nil)
		if y, n, a, v := cells(page); y != c.yes || n != c.no || a != c.abstain || v != c.votedOnly {
			t.Errorf("%s sees ja %d, nein %d, enthaltung %d, hat abgestimmt %d; want %d %d %d %d", c.user, y, n, a, v, c.yes, c.no, c.abstain, c.votedOnly)
		}
	}
	if _, err := st.CloseDueProcedures(ctx, deadline.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	_, page := do(t, client(t, ts, "hessen"), "GET", path, nil)
	if y, n, a, v := cells(page); y != 1 || n != 1 || a != 1 || v != 0 {
		t.Errorf("after the close Hessen sees ja %d, nein %d, enthaltung %d, hat abgestimmt %d", y, n, a, v)
	}
}
