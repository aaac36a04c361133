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

// TestCoApplicationAnswerGoesBack: an office confirming a co-application on
// the registration's page was sent to "Mein Bereich#mitantraege", an
// anchor gone once nothing waits, away from what it was reading. Now an
// answer leads back to the page it was given on; from "Mein Bereich" a
// confirmation leads to the list it now stands in.
func TestCoApplicationAnswerGoesBack(t *testing.T) {
	ts, st := cycleServer(t)
	he, bw, nw := client(t, ts, "hessen"), client(t, ts, "baden-wuerttemberg"), client(t, ts, "nordrhein-westfalen")
	id := pendingRegistration(t, ts, st, he, url.Values{"titel": {"Cloud-Strategie"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt die Cloud-Strategie."}, "antrag": {"HE, BW, NW"}}).ID
	answer := func(c *http.Client, from, member, with string) string {
		t.Helper()
		_, page := do(t, c, "GET", ts.URL+from, nil)
		action, form := coAppFormOf(t, st, page, member)
		form.Set("antwort", with)
		res, err := c.PostForm(ts.URL+action, form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s answers %s: %d", member, with, res.StatusCode)
		}
		return res.Header.Get("Location")
	}
	reg := fmt.Sprintf("/anmeldungen/%d", id)
	if got := answer(bw, reg, "BW", "bestaetigen"); got != reg {
		t.Errorf("confirmed on the registration's page, led to %q, want %q", got, reg)
	}
	if got := answer(nw, "/mein-bereich", "NW", "bestaetigen"); got != "/mein-bereich#mitantraege-bestaetigt" {
		t.Errorf("confirmed on Mein Bereich, led to %q", got)
	}
	// Withdrawn on the registration's page, back there too.
	_, page := do(t, bw, "GET", ts.URL+reg, nil)
	action := "/mitantraege/" + between(page, `action="/mitantraege/`, `"`)
	f := postedForm(page, action)
	if f == nil || !strings.Contains(between(page, `action="`+action+`"`, "</form>"), `value="zurueckziehen"`) {
		t.Fatalf("no withdrawal form on the registration's page")
	}
	f.Set("antwort", "zurueckziehen")
	res, err := bw.PostForm(ts.URL+action, f)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != reg {
		t.Errorf("withdrawn on the registration's page: %d, led to %q", res.StatusCode, got)
	}
}
