package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// TestCoApplicationIDsCannotBeProbedOnTheSite: an office not named on a
// co-application (Berlin) that answers it got 403 and on a missing id 404,
// so it learnt which ids named another member's pending registration —
// with "ablehnen" too, which asks first only for an office's own. Now both
// are the same 404 page, and the named office (Bayern) still confirms.
func TestCoApplicationIDsCannotBeProbedOnTheSite(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	pendingRegistration(t, ts, st, client(t, ts, "hessen"), url.Values{"titel": {"Gemeinsames Register"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register."}, "antrag": {"HE, BY, HH"}})
	pending, err := st.PendingCoApplications(ctx, "BY")
	if err != nil || len(pending) != 1 {
		t.Fatalf("Bayern's co-applications: %+v %v", pending, err)
	}
	c := pending[0]
	be := client(t, ts, "berlin")
	for _, answer := range []string{"bestaetigen", "ablehnen"} {
		form := url.Values{"antwort": {answer}, "fassung": {c.Fingerprint()}}
		otherCode, other := do(t, be, "POST", fmt.Sprintf("%s/mitantraege/%d", ts.URL, c.ID), form)
		missingCode, missing := do(t, be, "POST", fmt.Sprintf("%s/mitantraege/%d", ts.URL, c.ID+1000), form)
		if otherCode != http.StatusNotFound || missingCode != http.StatusNotFound || other != missing {
			t.Errorf("%s: Berlin answers Bayern's co-application: %d %s; a missing one: %d %s — want the same 404",
				answer, otherCode, between(other, "<main", "</main>"), missingCode, between(missing, "<main", "</main>"))
		}
	}
	if code, page := do(t, client(t, ts, "bayern"), "POST", fmt.Sprintf("%s/mitantraege/%d", ts.URL, c.ID), url.Values{"antwort": {"bestaetigen"}, "fassung": {c.Fingerprint()}}); code != http.StatusSeeOther {
		t.Errorf("Bayern confirms: %d %s", code, between(page, "<main", "</main>"))
	}
}
