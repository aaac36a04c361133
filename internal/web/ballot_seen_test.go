package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestBallotWithoutSeenIsRefused: the ballot says which vote of the
// member it showed ("gesehen"), so that a colleague's vote cast since is
// not replaced unseen. A post without it — a form from before the field,
// a hand-made request — was cast unchecked: Hessen's "ja", cast from one
// login, became "nein" from a post that had seen nothing. Now it is
// refused with the reason and the ballot shown again (the vote now
// stored as the one it shows), nothing recorded; sent again from that
// ballot it counts. Where no ballot stands (the vote closed) the post
// reads the real reason, not this one. The written procedure the same way.
func TestBallotWithoutSeenIsRefused(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	v := openVoteByPage(t, ts, st, gs, sid, d)
	action := fmt.Sprintf("/abstimmungen/%d/stimme", v.ID)
	he, colleague := client(t, ts, "hessen"), client(t, ts, "hessen")
	const unseen = "Der Stimmzettel hat nicht mitgeschickt, welche Stimme für Hessen er anzeigte"

	_, page := do(t, he, "GET", ts.URL+"/sitzungen/48/abstimmung", nil)
	form := postedForm(page, action)
	form.Set("stimme", "ja")
	if code, _ := do(t, he, "POST", ts.URL+action, form); code != http.StatusSeeOther {
		t.Fatalf("Hessen's vote from the ballot: %d", code)
	}
	code, page := do(t, colleague, "POST", ts.URL+action, url.Values{"stimme": {"nein"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, unseen) {
		t.Errorf("a vote without the vote its ballot showed: %d %s", code, between(page, "<main", "</main>"))
	}
	if got, _ := st.SessionVote(ctx, v.ID); got.Choices()["HE"] != model.VoteYes {
		t.Fatalf("Hessen's vote after a post that had seen none: %q", got.Choices()["HE"])
	}
	again := postedForm(page, action)
	if again.Get("gesehen") != "ja" || !strings.Contains(page, `value="nein" checked`) {
		t.Fatalf("the refused ballot shows %q as the vote so far, or not the choice given: %s", again.Get("gesehen"), between(page, `id="abst-zettel"`, "</form>"))
	}
	again.Set("stimme", "nein")
	if code, _ := do(t, colleague, "POST", ts.URL+action, again); code != http.StatusSeeOther {
		t.Fatalf("sent again from the ballot shown: %d", code)
	}
	if got, _ := st.SessionVote(ctx, v.ID); got.Choices()["HE"] != model.VoteNo {
		t.Errorf("Hessen's vote sent again: %q", got.Choices()["HE"])
	}
	// A first vote too: nothing is recorded without the ballot's word.
	by := client(t, ts, "bayern")
	if code, page := do(t, by, "POST", ts.URL+action, url.Values{"stimme": {"ja"}}); code != http.StatusUnprocessableEntity ||
		!strings.Contains(page, "welche Stimme für Bayern er anzeigte") {
		t.Errorf("Bavaria's first vote without its ballot's word: %d", code)
	}
	// The Bund with its article, as the ballot's legend says it ("für
	// Bund" before).
	if code, page := do(t, client(t, ts, "bund"), "POST", ts.URL+action, url.Values{"stimme": {"ja"}}); code != http.StatusUnprocessableEntity ||
		!strings.Contains(page, "welche Stimme für den Bund er anzeigte") {
		t.Errorf("the Bund's first vote without its ballot's word: %d", code)
	}
	if got, _ := st.SessionVote(ctx, v.ID); got.Choices()["BY"] != "" {
		t.Errorf("Bavaria's vote was recorded: %q", got.Choices()["BY"])
	}
	// No ballot stands once the vote is cancelled: the post reads why.
	if err := st.CancelVote(ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	if code, page := do(t, he, "POST", ts.URL+action, url.Values{"stimme": {"ja"}}); code != http.StatusUnprocessableEntity ||
		strings.Contains(page, unseen) || !strings.Contains(page, "Stimmen werden nicht mehr angenommen") {
		t.Errorf("a vote without its ballot's word after the cancel: %d %s", code, between(page, "<main", "</main>"))
	}

	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Empfehlung zur Cloud-Strategie", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/umlaufverfahren/%d", pid)
	_, page = do(t, he, "GET", ts.URL+path, nil)
	form = postedForm(page, path+"/stimme")
	form.Set("stimme", "ja")
	if code, _ := do(t, he, "POST", ts.URL+path+"/stimme", form); code != http.StatusSeeOther {
		t.Fatalf("Hessen's vote in writing from the ballot: %d", code)
	}
	code, page = do(t, colleague, "POST", ts.URL+path+"/stimme", url.Values{"stimme": {"nein"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, unseen) {
		t.Errorf("a vote in writing without the vote its ballot showed: %d %s", code, between(page, "<main", "</main>"))
	}
	if p, _ := st.Procedure(ctx, pid); len(p.Votes) != 1 || p.Votes[0].Choice != model.VoteYes {
		t.Fatalf("Hessen's vote in writing after a post that had seen none: %+v", p.Votes)
	}
	again = postedForm(page, path+"/stimme")
	if again.Get("gesehen") != "ja" {
		t.Fatalf("the refused ballot in writing shows %q as the vote so far", again.Get("gesehen"))
	}
	again.Set("stimme", "nein")
	if code, _ := do(t, colleague, "POST", ts.URL+path+"/stimme", again); code != http.StatusSeeOther {
		t.Fatalf("sent again from the procedure's ballot: %d", code)
	}
	if p, _ := st.Procedure(ctx, pid); len(p.Votes) != 1 || p.Votes[0].Choice != model.VoteNo {
		t.Errorf("Hessen's vote in writing sent again: %+v", p.Votes)
	}
}

// TestShowOfHandsKeepsAMembersOwnVote: the secretariat's grid offers a
// hand only for a member that has not voted; a hand for Hessen, typed
// while Hessen's office voted "ja" from its own account, replaced that
// vote unseen with "nein". The grid is refused with the reason and comes
// back, nothing recorded; Hessen's "ja" stands.
func TestShowOfHandsKeepsAMembersOwnVote(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision)
	gs := client(t, ts, "geschaeftsstelle")
	v := openVoteByPage(t, ts, st, gs, sid, d)
	hands := fmt.Sprintf("/abstimmungen/%d/handzeichen", v.ID)
	_, live := do(t, gs, "GET", ts.URL+"/sitzungen/48/live", nil)
	if !strings.Contains(live, `name="stimme_HE"`) {
		t.Fatal("the grid offers no hand for Hessen before it votes")
	}
	he := client(t, ts, "hessen")
	_, page := do(t, he, "GET", ts.URL+"/sitzungen/48/abstimmung", nil)
	form := postedForm(page, fmt.Sprintf("/abstimmungen/%d/stimme", v.ID))
	form.Set("stimme", "ja")
	if code, _ := do(t, he, "POST", fmt.Sprintf("%s/abstimmungen/%d/stimme", ts.URL, v.ID), form); code != http.StatusSeeOther {
		t.Fatalf("Hessen's own vote: %d", code)
	}
	code, page := do(t, gs, "POST", ts.URL+hands, url.Values{"stimme_HE": {"nein"}, "stimme_BY": {"ja"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Für Hessen wurde inzwischen abgestimmt") {
		t.Errorf("a hand over Hessen's own vote: %d %s", code, between(page, `id="handzeichen-abgelehnt"`, "</div>"))
	}
	if got, _ := st.SessionVote(ctx, v.ID); got.Choices()["HE"] != model.VoteYes || got.Choices()["BY"] != "" {
		t.Errorf("votes after the refused grid: %+v", got.Choices())
	}
	if code, _ := do(t, gs, "POST", ts.URL+hands, url.Values{"stimme_BY": {"ja"}}); code != http.StatusSeeOther {
		t.Errorf("Bavaria's hand alone: %d", code)
	}
	if got, _ := st.SessionVote(ctx, v.ID); got.Choices()["HE"] != model.VoteYes || got.Choices()["BY"] != model.VoteYes {
		t.Errorf("votes after Bavaria's hand: %+v", got.Choices())
	}
}

// TestVoteRefusalSaysWhyThereIsNoBallot: the ballot's page says why an
// account has no ballot; its post and the JSON API refused the same
// account without it ("Für diese Seite oder Aktion fehlt Ihnen die
// Berechtigung.", "Nur die Mitglieder (Bund und Länder) stimmen ab.") or,
// for the office of a member the body does not let vote, with 422 and
// other words. Each refusal now gives the page's reason, with 403; the
// API offers no stimmeUrl to such an office.
func TestVoteRefusalSaysWhyThereIsNoBallot(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	v, pid := voteAndProcedure(t, ts, st)
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	live, written := fmt.Sprintf("/abstimmungen/%d/stimme", v.ID), fmt.Sprintf("/umlaufverfahren/%d/stimme", pid)
	liveAPI, writtenAPI := "/api/v1/sitzungen/48/abstimmung/stimme", fmt.Sprintf("/api/v1/umlaufverfahren/%d/stimme", pid)
	liveBody, writtenBody := fmt.Sprintf(`{"stimme":"ja","abstimmung":%d}`, v.ID), `{"stimme":"ja"}`

	// check has the account read the ballot's page (unless page is "")
	// and post to the form and to the API of a vote, and expects the page
	// to give the reason and both posts to answer 403 with it.
	check := func(account, page, form, api, body, reason string) {
		t.Helper()
		c := client(t, ts, account)
		if _, p := do(t, c, "GET", ts.URL+page, nil); page != "" && !strings.Contains(p, reason) {
			t.Errorf("%s: the page %s does not give %q", account, page, reason)
		}
		if code, p := do(t, c, "POST", ts.URL+form, url.Values{"stimme": {"ja"}, "gesehen": {""}}); code != http.StatusForbidden || !strings.Contains(p, reason) {
			t.Errorf("%s: the form %s answers %d without the page's reason: %s", account, form, code, between(p, "<main", "</main>"))
		}
		if code, p := apiCall(t, ts, st, account, "POST", api, body); code != http.StatusForbidden || !strings.Contains(p, fmt.Sprintf(`{"error":%q}`, reason)) {
			t.Errorf("%s: the API %s answers %d %s, want 403 with %q", account, api, code, p, reason)
		}
	}
	spokesperson := "Sie sind als fachpolitische:r Sprecher:in angemeldet und stimmen nicht mit ab; die Stimme für Bremen gibt das Büro des Mitglieds ab."
	check("sprecher-hb", "/sitzungen/48/abstimmung", live, liveAPI, liveBody, spokesperson)
	check("sprecher-hb", fmt.Sprintf("/umlaufverfahren/%d", pid), written, writtenAPI, writtenBody, spokesperson)
	check("dlt", "/sitzungen/48/abstimmung", live, liveAPI, liveBody,
		"DLT ist beratendes Mitglied: beratende Mitglieder können sich zu Wort melden, stimmen aber nicht ab.")
	check("dlt", fmt.Sprintf("/umlaufverfahren/%d", pid), written, writtenAPI, writtenBody,
		"DLT ist beratendes Mitglied: beratende Mitglieder stimmen im Umlaufverfahren nicht ab.")
	// The secretariat runs the vote: its page says nothing of a ballot,
	// its post is refused with the rule's reason.
	check("geschaeftsstelle", "", written, writtenAPI, writtenBody, "Die Geschäftsstelle stimmt im Umlaufverfahren nicht mit ab.")

	// The council lets only the Bund, Bavaria and Berlin vote: Hessen's
	// office is told so, and nothing of it is recorded.
	council.Rules = model.ITPLRRules()
	council.Rules.Voters = []string{"Bund", "BY", "BE"}
	if err := st.UpdateBody(ctx, council); err != nil {
		t.Fatal(err)
	}
	notEntitled := "Hessen ist im Gremium IT-PLR nicht stimmberechtigt und stimmt nicht mit ab."
	check("hessen", "/sitzungen/48/abstimmung", live, liveAPI, liveBody, notEntitled)
	check("hessen", fmt.Sprintf("/umlaufverfahren/%d", pid), written, writtenAPI, writtenBody, notEntitled)
	if got, _ := st.SessionVote(ctx, v.ID); len(got.Votes) != 0 {
		t.Errorf("a refused vote in session was recorded: %+v", got.Votes)
	}
	if p, _ := st.Procedure(ctx, pid); len(p.Votes) != 0 {
		t.Errorf("a refused vote in writing was recorded: %+v", p.Votes)
	}
	// The API sends Hessen's system nowhere to vote (before: stimmeUrl).
	for _, read := range []string{"/api/v1/sitzungen/48/abstimmung", "/api/v1/umlaufverfahren"} {
		if code, p := apiCall(t, ts, st, "hessen", "GET", read, ""); code != http.StatusOK || strings.Contains(p, "stimmeUrl") {
			t.Errorf("%s offers Hessen a vote: %d %s", read, code, p)
		}
		if _, p := apiCall(t, ts, st, "bund", "GET", read, ""); !strings.Contains(p, "stimmeUrl") {
			t.Errorf("%s offers the Bund no vote: %s", read, p)
		}
	}
}

// TestALRundeBallotFollowsItsOwnVoters: a vote in the AL-Runde is the
// AL-Runde's, under its rules. Its page counted the council's voters:
// with the AL-Runde letting only the Bund, Bavaria and Berlin vote,
// Hessen's office got a ballot whose vote the store then refused, and
// the count read "von 17". It reads that Hessen does not vote in the
// AL-Runde, and the count is of the AL-Runde's voters.
func TestALRundeBallotFollowsItsOwnVoters(t *testing.T) {
	w := newALRundeVoteWorld(t)
	ctx := context.Background()
	prep, _ := w.st.BodyByAbbrev(ctx, itplr.PrepAbbrev)
	if prep.Rules.IsZero() {
		prep.Rules = model.ITPLRRules()
	}
	prep.Rules.Voters = []string{"Bund", "BY", "BE"}
	if err := w.st.UpdateBody(ctx, prep); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{w.al.Path() + "/abstimmung", w.al.Path() + "/abstimmung/stand"} {
		_, page := do(t, client(t, w.ts, "hessen"), "GET", w.ts.URL+path, nil)
		if !strings.Contains(page, "Hessen ist im Gremium AL-Runde nicht stimmberechtigt und stimmt nicht mit ab.") || strings.Contains(page, `name="stimme"`) ||
			!strings.Contains(page, "Abgestimmt haben 0 von 3 anwesenden") {
			t.Errorf("%s for Hessen: %s", path, between(page, `id="abstimmung-stand"`, "</section>"))
		}
		if _, page := do(t, client(t, w.ts, "bund"), "GET", w.ts.URL+path, nil); !strings.Contains(page, `name="stimme"`) {
			t.Errorf("%s: the Bund has no ballot", path)
		}
	}
}

// TestAPIVoteTakesNoSeen: the API deliberately takes no "gesehen" (the
// vote a web ballot showed): a member's system says what it sends, and a
// request naming it is refused at that member rather than read as if the
// check were made (docs/api.md, "No gesehen in the API").
func TestAPIVoteTakesNoSeen(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	v, pid := voteAndProcedure(t, ts, st)
	for path, body := range map[string]string{
		"/api/v1/sitzungen/48/abstimmung/stimme":              fmt.Sprintf(`{"stimme":"ja","abstimmung":%d,"gesehen":""}`, v.ID),
		fmt.Sprintf("/api/v1/umlaufverfahren/%d/stimme", pid): `{"stimme":"ja","gesehen":""}`,
	} {
		if code, p := apiCall(t, ts, st, "hessen", "POST", path, body); code != http.StatusBadRequest || !strings.Contains(p, "„gesehen“ ist kein Feld dieser Anfrage") {
			t.Errorf("%s with gesehen: %d %s", path, code, p)
		}
	}
	if got, _ := st.SessionVote(ctx, v.ID); len(got.Votes) != 0 {
		t.Errorf("recorded: %+v", got.Votes)
	}
}

// apiCall sends a request to the JSON API with a new token of the
// account and gives the status and the body.
func apiCall(t *testing.T, ts *httptest.Server, st *store.Store, account, method, path, body string) (int, string) {
	t.Helper()
	ctx := context.Background()
	u, _, err := st.UserLogin(ctx, account)
	if err != nil {
		t.Fatal(err)
	}
	token, err := auth.NewAPIToken(ctx, st, u.ID, "Test "+account)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(out)
}

// voteAndProcedure opens, in the running 48th session, a live vote by
// the secretariat's page and starts a written procedure of the council
// (a recommendation of the Bund, three days to go): a ballot of each kind.
func voteAndProcedure(t *testing.T, ts *httptest.Server, st *store.Store) (model.SessionVote, int64) {
	t.Helper()
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindDecision)
	v := openVoteByPage(t, ts, st, client(t, ts, "geschaeftsstelle"), sid, d)
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	pid, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: council.ID, Kind: model.KindRecommendation, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Empfehlung zur Cloud-Strategie", Applicants: []string{"Bund"}}, Deadline: time.Now().Add(72 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return v, pid
}
