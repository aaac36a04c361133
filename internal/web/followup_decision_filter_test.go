package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// followUpsOfBoth is the AL-Runde world (newALRundeWorld) with a
// follow-up of the council's decision B-2026/01-IT ("Register in Bayern
// modernisieren", for BY) and one of the AL-Runde's recommendation
// BE-2026/01-AL ("Empfehlung vorbereiten", for HB), and the context that
// created them.
func followUpsOfBoth(t *testing.T) (alRundeWorld, context.Context) {
	t.Helper()
	w := newALRundeWorld(t)
	ctx := store.WithActor(context.Background(), "test")
	for _, fu := range []model.FollowUp{
		{DecisionID: w.itDec, ItemID: w.itItem, Text: "Register in Bayern modernisieren", Responsible: "BY", Status: model.FollowUpOpen},
		{DecisionID: w.alDec, ItemID: w.alItem, Text: "Empfehlung vorbereiten", Responsible: "HB", Status: model.FollowUpOpen},
	} {
		if _, err := w.st.CreateFollowUp(ctx, fu); err != nil {
			t.Fatal(err)
		}
	}
	return w, ctx
}

// TestFollowUpListFilteredByDecisionNumber: the follow-up list's filter
// "Aufträge dieses Beschlusses" names the decision by its number
// (?beschluss=B-2026/01-IT), on the decision's page, a follow-up's page,
// the member's list and the exports (Public ids last; before: by its row
// id). An address by the row id, published before, is led on (301) to
// the number when the reader sees the decision; for the public the row id
// of the AL-Runde's recommendation (internal), an id no decision has and
// a number of no decision it sees are not found alike. The AL-Runde's
// number BE-2026/01-AL never names the council's B-2026/01-IT.
func TestFollowUpListFilteredByDecisionNumber(t *testing.T) {
	w, ctx := followUpsOfBoth(t)
	if _, err := w.st.CreateFollowUp(ctx, model.FollowUp{ItemID: w.itItem, Text: "Ohne Beschluss berichten", Responsible: "BY", Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	pub, gs := client(t, w.ts, ""), client(t, w.ts, "geschaeftsstelle")
	const byNumber = "/auftraege?beschluss=B-2026%2f01-IT"
	links := func(c *http.Client, path, want string) {
		t.Helper()
		_, body := do(t, c, "GET", w.ts.URL+path, nil)
		if !strings.Contains(body, `href="`+want+`"`) || regexp.MustCompile(`beschluss=\d`).MatchString(body) {
			t.Errorf("%s: no link %s (or a link by a row id):\n%s", path, want, body)
		}
	}

	// The links name the number, never the row id.
	links(pub, "/beschluesse/B-2026/01-IT", byNumber)
	fs, err := w.st.FollowUps(ctx, store.FollowUpFilter{DecisionID: w.itDec})
	if err != nil || len(fs) != 1 || fs[0].Number == 0 {
		t.Fatalf("follow-up of the public decision: %+v, %v", fs, err)
	}
	links(pub, fs[0].Path(), byNumber)
	al, err := w.st.FollowUps(ctx, store.FollowUpFilter{DecisionID: w.alDec})
	if err != nil || len(al) != 1 {
		t.Fatalf("follow-up of the recommendation: %+v, %v", al, err)
	}
	links(gs, al[0].Path(), "/auftraege?beschluss=BE-2026%2f01-AL")

	// The list by the number: the decision's follow-ups only; the
	// member's page and the exports alike.
	for _, tt := range []struct {
		c          *http.Client
		path, want string
	}{
		{pub, byNumber, "Register in Bayern modernisieren"},
		{pub, "/mitglieder/BY/auftraege?beschluss=B-2026/01-IT", "Register in Bayern modernisieren"},
		{pub, "/auftraege.csv?beschluss=B-2026/01-IT", "Register in Bayern modernisieren"},
		{gs, "/auftraege?beschluss=BE-2026/01-AL", "Empfehlung vorbereiten"},
	} {
		code, body := do(t, tt.c, "GET", w.ts.URL+tt.path, nil)
		if code != http.StatusOK || !strings.Contains(body, tt.want) || strings.Count(body, "Ohne Beschluss berichten")+strings.Count(body, "Empfehlung vorbereiten")+strings.Count(body, "Register in Bayern modernisieren") != 1 {
			t.Errorf("%s: %d, not the decision's follow-ups only:\n%s", tt.path, code, body)
		}
	}
	if _, body := do(t, pub, "GET", w.ts.URL+byNumber, nil); !strings.Contains(body, `name="beschluss" value="B-2026/01-IT"`) {
		t.Errorf("the filter form does not keep the number:\n%s", body)
	}

	// Addresses by the row id (and a number written without its zero):
	// led on to the number where the reader sees the decision, with the
	// rest of the filter.
	for _, tt := range []struct {
		c        *http.Client
		path     string
		location string
	}{
		{pub, fmt.Sprintf("/auftraege?beschluss=%d", w.itDec), "/auftraege?beschluss=B-2026%2F01-IT"},
		{pub, fmt.Sprintf("/auftraege?beschluss=%d&status=ausstehend", w.itDec), "/auftraege?beschluss=B-2026%2F01-IT&status=ausstehend"},
		{pub, fmt.Sprintf("/auftraege.csv?beschluss=%d", w.itDec), "/auftraege.csv?beschluss=B-2026%2F01-IT"},
		{pub, fmt.Sprintf("/mitglieder/BY/auftraege?beschluss=%d", w.itDec), "/mitglieder/BY/auftraege?beschluss=B-2026%2F01-IT"},
		{pub, "/auftraege?beschluss=B-2026/1-IT", "/auftraege?beschluss=B-2026%2F01-IT"},
		{gs, fmt.Sprintf("/auftraege?beschluss=%d", w.alDec), "/auftraege?beschluss=BE-2026%2F01-AL"},
	} {
		res, err := tt.c.Get(w.ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != tt.location {
			t.Errorf("%s: %d to %q, want 301 to %q", tt.path, res.StatusCode, res.Header.Get("Location"), tt.location)
		}
	}

	// Not found alike for the public.
	var reason string
	for i, u := range []string{fmt.Sprintf("/auftraege?beschluss=%d", w.alDec), "/auftraege?beschluss=999999", "/auftraege?beschluss=BE-2026/01-AL",
		"/auftraege?beschluss=B-2099/01-IT", "/auftraege.pdf?beschluss=B-2099/01-IT"} {
		code, body := do(t, pub, "GET", w.ts.URL+u, nil)
		if code != http.StatusNotFound || strings.Contains(body, "Empfehlung vorbereiten") {
			t.Errorf("%s: %d, want 404", u, code)
		}
		r := notFoundReason(body)
		if i == 0 {
			reason = r
		} else if r != reason {
			t.Errorf("%s: reason %q, not the same as %q", u, r, reason)
		}
	}
}

// notFoundReason gives the reason an error page states.
func notFoundReason(page string) string {
	if m := regexp.MustCompile(`(?s)</h1>.*?<p>(.*?)</p>`).FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}
