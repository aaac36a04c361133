package web

import (
	"fmt"
	"net/http"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestDraftIDsCannotBeProbed: the live page's forms on a proposal (its
// change, its show of hands, the opening of its vote) looked the proposal
// up before asking for the right to record the minutes: the public got
// 401 for a proposal that exists and 404 for one that does not, a FachMK
// secretariat 403 against 404, and so learnt which drafts exist. They
// are refused before the lookup, the same for every id.
func TestDraftIDsCannotBeProbed(t *testing.T) {
	ts, st, _ := lawServer(t)
	_, _, d := runningSession(t, st, model.KindDecision)
	for _, account := range []string{"", demo.FachMKAccount, "hessen"} {
		c := client(t, ts, account)
		for _, path := range []string{"/entwuerfe/%d", "/entwuerfe/%d/abstimmung", "/entwuerfe/%d/abstimmung/eroeffnen"} {
			kc, kp := do(t, c, "POST", ts.URL+fmt.Sprintf(path, d), nil)
			uc, up := do(t, c, "POST", ts.URL+fmt.Sprintf(path, 987654), nil)
			// The public's login page keeps the form sent, sealed with
			// its address: only the status can be the same.
			if kc == http.StatusNotFound || kc != uc || account != "" && between(kp, "<main", "</main>") != between(up, "<main", "</main>") {
				t.Errorf("%q %s: known %d, unknown %d", account, path, kc, uc)
			}
		}
	}
}
