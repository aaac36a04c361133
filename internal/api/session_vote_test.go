package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"gremium/internal/api"
	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/web"
)

// TestAPISessionVoteNamesItsBallot: a member's system answers the vote it
// read. Before, POST …/abstimmung/stimme recorded the vote on whatever vote
// was open when it arrived: when the chair closed one vote and opened the
// next between the member's read and its post, the member's "ja" landed on
// the other proposal. Now the post names the vote (abstimmung, as the GET
// gives it); without it 400, a vote no longer open 422.
func TestAPISessionVoteNamesItsBallot(t *testing.T) {
	st := demotest.Store(t)
	ctx := context.Background()
	if _, err := demo.LoadAccounts(ctx, st); err != nil {
		t.Fatal(err)
	}
	he, _, _ := st.UserLogin(ctx, "hessen")
	heToken, _ := auth.NewAPIToken(ctx, st, he.ID, "Landesportal Hessen")
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	_ = runningVote(t, st, itplr.ID)
	s48, _ := st.SessionByNumber(ctx, itplr.ID, 48)
	srv, err := web.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	call := func(method, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+"/api/v1/sitzungen/48/abstimmung"+map[string]string{"GET": "", "POST": "/stimme"}[method], strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+heToken)
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

	// Hessen's system reads the open vote and learns its id.
	code, body := call("GET", "")
	var read api.OpenSessionVote
	if err := json.Unmarshal([]byte(body), &read); code != http.StatusOK || err != nil || !read.Open || read.Ballot == 0 {
		t.Fatalf("read of the open vote: %d %s", code, body)
	}
	first := read.Ballot

	// The chair closes it and opens the vote on the next proposal.
	if err := st.CancelVote(ctx, first); err != nil {
		t.Fatal(err)
	}
	items, _ := st.Items(ctx, s48.ID)
	next, err := st.CreateDecision(ctx, model.Decision{BodyID: itplr.ID, SessionID: s48.ID, ItemID: items[0].ID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Ein anderer Vorschlag", Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	second, err := st.OpenVote(ctx, s48.ID, next)
	if err != nil {
		t.Fatal(err)
	}

	// Hessen's "ja", meant for the first vote, does not land on the second.
	if code, body := call("POST", fmt.Sprintf(`{"stimme":"ja","abstimmung":%d}`, first)); code != http.StatusUnprocessableEntity || !strings.Contains(body, "nicht mehr offen") {
		t.Errorf("vote on a closed vote: %d %s", code, body)
	}
	if v, _ := st.SessionVote(ctx, second); len(v.Votes) != 0 {
		t.Errorf("the vote meant for the closed vote landed on the next one: %+v", v.Votes)
	}
	// A post that does not name its vote is refused at the member.
	if code, body := call("POST", `{"stimme":"ja"}`); code != http.StatusBadRequest || !strings.Contains(body, `"/abstimmung"`) {
		t.Errorf("vote without its vote named: %d %s", code, body)
	}
	// A vote of another session is not this session's vote.
	if code, body := call("POST", `{"stimme":"ja","abstimmung":999999}`); code != http.StatusUnprocessableEntity {
		t.Errorf("vote naming an unknown vote: %d %s", code, body)
	}
	if v, _ := st.SessionVote(ctx, second); len(v.Votes) != 0 {
		t.Errorf("a refused post was recorded: %+v", v.Votes)
	}
	// Named, it counts where it was meant.
	if code, body := call("GET", ""); code != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`"abstimmung":%d`, second)) {
		t.Errorf("read of the next vote: %d %s", code, body)
	}
	if code, body := call("POST", fmt.Sprintf(`{"stimme":"nein","abstimmung":%d}`, second)); code != http.StatusOK {
		t.Errorf("vote on the open vote: %d %s", code, body)
	}
	if v, _ := st.SessionVote(ctx, second); len(v.Votes) != 1 || v.Votes[0].Member != "HE" || v.Votes[0].Choice != model.VoteChoice("nein") {
		t.Errorf("votes of the open vote: %+v", v.Votes)
	}
}
