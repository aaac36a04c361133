package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestCoApplicationDeclineCancelGoesBack: the confirmation of a
// co-application's decline led "Abbrechen" to "Mein Bereich" also when the
// office had declined on the registration's page. Now it leads back to the
// page the form was sent from — a path of this site only: an address of
// another site (or one a browser would read as one) leads to "Mein
// Bereich" as before.
func TestCoApplicationDeclineCancelGoesBack(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	he, bw := client(t, ts, "hessen"), client(t, ts, "baden-wuerttemberg")
	id := pendingRegistration(t, ts, st, he, url.Values{"titel": {"Cloud-Strategie"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt die Cloud-Strategie."}, "antrag": {"HE, BW, NW"}}).ID
	cancel := func(page string) string {
		return between(between(page, `<form method="post" action="/mitantraege/`, "</form>"), `<a href="`, `"`)
	}

	// From the registration's page.
	_, page := do(t, bw, "GET", fmt.Sprintf("%s/anmeldungen/%d", ts.URL, id), nil)
	action, form := coAppFormOf(t, st, page, "BW")
	form.Set("antwort", "ablehnen")
	code, page := do(t, bw, "POST", ts.URL+action, form)
	if code != http.StatusOK || !strings.Contains(page, "Ja, Mitantrag ablehnen") {
		t.Fatalf("decline from the registration's page: %d %s", code, between(page, "<main", "</main>"))
	}
	if got, want := cancel(page), fmt.Sprintf("/anmeldungen/%d", id); got != want {
		t.Errorf("Abbrechen from the registration's page leads to %q, want %q", got, want)
	}

	// From "Mein Bereich", as before.
	_, page = do(t, bw, "GET", ts.URL+"/mein-bereich", nil)
	action, form = coAppFormOf(t, st, page, "BW")
	form.Set("antwort", "ablehnen")
	_, page = do(t, bw, "POST", ts.URL+action, form)
	if got := cancel(page); got != "/mein-bereich#mitantraege" {
		t.Errorf("Abbrechen from Mein Bereich leads to %q", got)
	}

	// Never to another site.
	for _, bad := range []string{"https://example.org/", "//example.org/", "/\\example.org", "javascript:alert(1)", "/\t/example.org", "anmeldungen/1"} {
		form.Set("zurueck", bad)
		_, page = do(t, bw, "POST", ts.URL+action, form)
		if got := cancel(page); got != "/mein-bereich#mitantraege" {
			t.Errorf("Abbrechen with zurueck=%q leads to %q", bad, got)
		}
	}
	if pending, _ := st.PendingCoApplications(ctx, "BW"); len(pending) != 1 {
		t.Errorf("declined without confirmation: %+v", pending)
	}
}
