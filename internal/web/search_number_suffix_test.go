package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSearchNamesADecisionByNumberWithoutSuffix: a decision number as
// people copy it from print without the body's suffix ("B-2025/26" for
// B-2025/26-IT) named no decision on the search page; it names the
// council's decision as the whole label does, in every spelling of its
// sequence. A number with another body's prefix still names none of the
// council's (BE-2025/26 is the AL-Runde's form, and the AL-Runde has no
// such number in the demo).
func TestSearchNamesADecisionByNumberWithoutSuffix(t *testing.T) {
	const council = "B-{JJJJ}/{NN}-IT"
	for _, c := range []struct {
		pattern, q string
		ok         bool
	}{
		{council, "B-2025/26", true},
		{council, "b-2025/026", true},
		{council, "Beschluss B-2025/26", true},
		{council, "„B-2025/26“", true},
		{council, "2025/26-IT", true},
		{council, "B-2025/26-IT", true},
		{council, "BE-2025/26", false},
		{council, "B-2025/26-AL", false},
		{council, "X-2025/26", false},
		{"BE-{JJJJ}/{NN}-AL", "BE-2026/01", true},
		{"BE-{JJJJ}/{NN}-AL", "B-2026/01", false},
		{"{JJJJ}/{NN}", "2026/01", true},
	} {
		if _, ok := decisionNumberQuery(c.pattern, c.q); ok != c.ok {
			t.Errorf("decisionNumberQuery(%q, %q) = %v, want %v", c.pattern, c.q, ok, c.ok)
		}
	}

	ts, _, _ := demoAccountsServer(t, func(s *Server) { s.SetResponseCache(-1) })
	for _, q := range []string{"B-2025/26", "b-2025/026", "Beschluss B-2025/26"} {
		res, body := get(t, ts, "/suche?q="+url.QueryEscape(q))
		box := between(body, `<section class="number-hit"`, `</section>`)
		if res.StatusCode != http.StatusOK || !strings.Contains(box, `href="/beschluesse/B-2025/26-IT"`) {
			t.Errorf("%q: %d, no decision B-2025/26-IT named: %.600s", q, res.StatusCode, between(body, "<main", "</main>"))
		}
		if hits := between(body, `<ol class="hits"`, `</ol>`); !strings.Contains(hits, `href="/beschluesse/B-2025/26-IT"`) {
			t.Errorf("%q: the full text does not find B-2025/26-IT: %.600s", q, hits)
		}
	}
	_, body := get(t, ts, "/suche?q="+url.QueryEscape("BE-2025/26"))
	if strings.Contains(body, `class="number-hit"`) {
		t.Errorf("BE-2025/26 names a decision of the council: %.400s", between(body, `<section class="number-hit"`, `</section>`))
	}
}
