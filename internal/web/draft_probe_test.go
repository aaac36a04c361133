package web

import (
	"context"
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
	// A contribution and a protocol note of the 47th session's minutes:
	// their forms looked the row up first too.
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	se, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	items, err := st.Items(ctx, se.ID)
	if err != nil {
		t.Fatal(err)
	}
	var contribution, note int64
	for _, it := range items {
		if cs, _ := st.Contributions(ctx, it.ID); len(cs) > 0 && contribution == 0 {
			contribution = cs[0].ID
		}
		if ns, _ := st.ProtocolNotes(ctx, it.ID); len(ns) > 0 && note == 0 {
			note = ns[0].ID
		}
	}
	if contribution == 0 || note == 0 {
		t.Fatalf("the 47th session has no contribution (%d) or note (%d)", contribution, note)
	}
	for _, account := range []string{"", demo.FachMKAccount, "hessen"} {
		c := client(t, ts, account)
		for _, p := range []struct {
			path string
			id   int64
		}{{"/entwuerfe/%d", d}, {"/entwuerfe/%d/abstimmung", d}, {"/entwuerfe/%d/abstimmung/eroeffnen", d}, {"/beitraege/%d", contribution}, {"/notizen/%d", note}} {
			path := p.path
			kc, kp := do(t, c, "POST", ts.URL+fmt.Sprintf(path, p.id), nil)
			uc, up := do(t, c, "POST", ts.URL+fmt.Sprintf(path, 987654), nil)
			// The public's login page keeps the form sent, sealed with
			// its address: only the status can be the same.
			if kc == http.StatusNotFound || kc != uc || account != "" && between(kp, "<main", "</main>") != between(up, "<main", "</main>") {
				t.Errorf("%q %s: known %d, unknown %d", account, path, kc, uc)
			}
		}
	}
}
