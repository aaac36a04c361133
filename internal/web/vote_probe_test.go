package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/demo"
)

// TestNonVoterCannotProbeVoteIDs: a vote posted by an account that votes
// nowhere (a FachMK secretariat, which may not read the votes) was looked
// up first: an unknown id answered 404 ("gibt es nicht"), a known one 403
// naming the body ("… stimmen im Gremium IT-PLR nicht mit ab."), so the
// account learnt which procedures and votes exist. The form and the JSON
// API now refuse it before any lookup, with the same status and words for
// an id that exists and one that does not. The secretariat and an
// advisory member, whose reasons name no body, are refused alike.
func TestNonVoterCannotProbeVoteIDs(t *testing.T) {
	ts, st, _ := lawServer(t)
	ctx := context.Background()
	v, pid := voteAndProcedure(t, ts, st)
	const unknown = 987654
	form := url.Values{"stimme": {"ja"}, "gesehen": {""}}
	for _, account := range []string{demo.FachMKAccount, "geschaeftsstelle", "dlt"} {
		c := client(t, ts, account)
		// The web's forms: the written procedure's and the live vote's.
		for _, path := range []string{"/umlaufverfahren/%d/stimme", "/abstimmungen/%d/stimme"} {
			known, _ := map[string]int64{"/umlaufverfahren/%d/stimme": pid, "/abstimmungen/%d/stimme": v.ID}[path]
			kc, kp := do(t, c, "POST", ts.URL+fmt.Sprintf(path, known), form)
			uc, up := do(t, c, "POST", ts.URL+fmt.Sprintf(path, unknown), form)
			if kc != http.StatusForbidden || uc != kc || between(kp, "<main", "</main>") != between(up, "<main", "</main>") {
				t.Errorf("%s %s: known id %d, unknown id %d; the answers differ:\n%s\n%s", account, path, kc, uc, between(kp, "<main", "</main>"), between(up, "<main", "</main>"))
			}
			if account == demo.FachMKAccount && strings.Contains(kp, "IT-PLR") {
				t.Errorf("%s %s names the body of the vote: %s", account, path, between(kp, "<main", "</main>"))
			}
		}
		// The JSON API: the written procedure's vote names its id in the
		// path, the session's vote the session's number and the vote.
		for _, probe := range []struct{ known, unknown, body string }{
			{fmt.Sprintf("/api/v1/umlaufverfahren/%d/stimme", pid), fmt.Sprintf("/api/v1/umlaufverfahren/%d/stimme", unknown), `{"stimme":"ja"}`},
			{"/api/v1/sitzungen/48/abstimmung/stimme", fmt.Sprintf("/api/v1/sitzungen/%d/abstimmung/stimme", unknown), fmt.Sprintf(`{"stimme":"ja","abstimmung":%d}`, v.ID)},
		} {
			kc, kp := apiCall(t, ts, st, account, "POST", probe.known, probe.body)
			uc, up := apiCall(t, ts, st, account, "POST", probe.unknown, probe.body)
			if kc != http.StatusForbidden || uc != kc || kp != up {
				t.Errorf("%s %s: known %d %s, unknown %d %s", account, probe.known, kc, kp, uc, up)
			}
			if account == demo.FachMKAccount && strings.Contains(kp, "IT-PLR") {
				t.Errorf("%s %s names the body of the vote: %s", account, probe.known, kp)
			}
		}
	}
	if got, _ := st.SessionVote(ctx, v.ID); len(got.Votes) != 0 {
		t.Errorf("a refused vote in session was recorded: %+v", got.Votes)
	}
	if p, _ := st.Procedure(ctx, pid); len(p.Votes) != 0 {
		t.Errorf("a refused vote in writing was recorded: %+v", p.Votes)
	}
}
