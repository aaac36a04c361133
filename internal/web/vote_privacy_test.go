package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestPublicNamesNoVoterOfACountedVote: after a vote counted in gremium
// (show of hands here) with Hessen abstaining and Bayern against, the
// public decision page showed "mehrheitlich bei Gegenstimme von BY und
// Enthaltung von HE" and a table of every member's vote, and so did the
// register, its feed, the JSON API and OParl — where the public minutes of
// the source black out exactly this ("einstimmig, bei Enthaltung von
// [REDACTED]"). The public versions name no voter ("[geschwärzt]") and
// show no member's vote; members and the secretariat see both.
func TestPublicNamesNoVoterOfACountedVote(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	sid, _, d := runningSession(t, st, model.KindRecommendation)
	votes := everyVoter(model.VoteYes)
	votes["HE"], votes["BY"] = model.VoteAbstain, model.VoteNo
	if _, err := st.RecordShowOfHands(ctx, sid, d, votes); err != nil {
		t.Fatal(err)
	}
	got, err := st.Decision(ctx, d)
	if err != nil || got.Label == "" || !strings.Contains(got.Result, "BY") || !strings.Contains(got.Result, "HE") {
		t.Fatalf("decision %+v: %v", got, err)
	}
	page := decisionURL(got.Label) // /beschluesse/B-2026/01-IT
	public := client(t, ts, "")
	for _, path := range []string{page, "/beschluesse", "/beschluesse.atom", "/api/v1/beschluesse/2026/1",
		"/sitzungen/48", "/oparl/v1/body/1/paper", "/oparl/v1/body/1/meeting"} {
		code, body := do(t, public, "GET", ts.URL+path, nil)
		if code != http.StatusOK {
			t.Errorf("%s: %d", path, code)
			continue
		}
		for _, leak := range []string{"von BY", "von HE", "Enthaltung</td>", "Stimmen der Mitglieder"} {
			if strings.Contains(body, leak) {
				t.Errorf("%s shows the public %q:\n%s", path, leak, between(body, "<main", "</main>"))
			}
		}
		// One vote against, as the count beside it says (it read
		// "Gegenstimmen" over "1 Nein-Stimme").
		if path == page && (!strings.Contains(body, "mehrheitlich bei Gegenstimme von [geschwärzt] und Enthaltung von [geschwärzt]") || !strings.Contains(body, "gegen 1 Nein-Stimme")) {
			t.Errorf("%s: the public result is not the redacted phrase:\n%s", path, between(body, "<main", "</main>"))
		}
	}
	_, internal := do(t, client(t, ts, "hessen"), "GET", ts.URL+page, nil)
	for _, want := range []string{"mehrheitlich bei Gegenstimme von BY und Enthaltung von HE", "Stimmen der Mitglieder", "Enthaltung</td>"} {
		if !strings.Contains(internal, want) {
			t.Errorf("a member's decision page lacks %q", want)
		}
	}
}
