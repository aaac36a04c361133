package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestFollowUpFilterLineNamesARecommendation: the follow-up list filtered
// by the AL-Runde's recommendation (?beschluss=BE-2026/01-AL) said "Nur
// die Aufträge zum Beschluss BE-2026/01-AL" and linked it as a decision
// of the register (/beschluesse/BE-2026/01-AL). Now the line names it as
// every surface does (model.Decision.Name: "Beschlussempfehlung") and
// links its item on the AL-Runde's session page; the council's decision
// stays "zum Beschluss", linked to its register page.
func TestFollowUpFilterLineNamesARecommendation(t *testing.T) {
	w, _ := followUpsOfBoth(t)
	gs := client(t, w.ts, "geschaeftsstelle")
	for _, tc := range []struct{ path, want, not string }{
		{"/auftraege?beschluss=BE-2026/01-AL",
			`Nur die Aufträge zur Beschlussempfehlung <a href="/gremien/al-runde/sitzungen/41#top-01" class="nowrap">BE-2026/01-AL</a>`,
			`href="/beschluesse/BE-2026/01-AL"`},
		{"/mitglieder/HB/auftraege?beschluss=BE-2026/01-AL",
			`Nur die Aufträge zur Beschlussempfehlung <a href="/gremien/al-runde/sitzungen/41#top-01"`,
			"zum Beschluss"},
		{"/auftraege?beschluss=B-2026/01-IT",
			`Nur die Aufträge zum Beschluss <a href="/beschluesse/B-2026/01-IT" class="nowrap">B-2026/01-IT</a>`,
			"Beschlussempfehlung <a"},
	} {
		code, body := do(t, gs, "GET", w.ts.URL+tc.path, nil)
		if code != http.StatusOK || !strings.Contains(body, tc.want) || strings.Contains(body, tc.not) {
			t.Errorf("%s: %d, want %q and not %q:\n%s", tc.path, code, tc.want, tc.not, body)
		}
	}
}

// TestDecisionNumberLookupIsShared: the decision page and the follow-up
// filter resolve a number by one lookup (decisionByRef) and agree: the
// council's number its decision, the AL-Runde's its recommendation (never
// the council's decision of the same year and number), the number alone
// the council's decision, an unknown number nothing.
func TestDecisionNumberLookupIsShared(t *testing.T) {
	w := newALRundeWorld(t)
	gs := client(t, w.ts, "geschaeftsstelle")
	noRedirect := *gs
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, tc := range []struct {
		path     string
		code     int
		location string
	}{
		{"/beschluesse/B-2026/01-IT", http.StatusOK, ""},
		{"/beschluesse/2026/01", http.StatusMovedPermanently, "/beschluesse/B-2026/01-IT"},
		{"/beschluesse/BE-2026/01-AL", http.StatusSeeOther, "/gremien/al-runde/sitzungen/41#top-01"},
		{"/beschluesse/BE-2026/07-AL", http.StatusNotFound, ""},
		{"/beschluesse/B-2099/01-IT", http.StatusNotFound, ""},
		{"/auftraege?beschluss=B-2026/01-IT", http.StatusOK, ""},
		{"/auftraege?beschluss=2026/01", http.StatusMovedPermanently, "/auftraege?beschluss=B-2026%2F01-IT"},
		{"/auftraege?beschluss=BE-2026/01-AL", http.StatusOK, ""},
		{"/auftraege?beschluss=BE-2026/07-AL", http.StatusNotFound, ""},
	} {
		res, err := noRedirect.Get(w.ts.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.code || res.Header.Get("Location") != tc.location {
			t.Errorf("%s: %d %q, want %d %q", tc.path, res.StatusCode, res.Header.Get("Location"), tc.code, tc.location)
		}
	}
}
