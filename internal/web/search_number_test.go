package web

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSearchFindsADecisionByNumber: the public search for "2025/26" — a
// decision number without its prefix, as people write it — or for
// another spelling the register's address accepts ("b-2025/026-it",
// "Beschluss 2025/26") did not lead to the decision B-2025/26-IT, though
// /beschluesse/2025/26 does. A query that is a decision number of the
// council now names that decision first, above the full-text hits, with
// its address; a decision the reader may not see (internal) is not named
// to the public, nor is a number of another body or a number in a longer
// query.
func TestSearchFindsADecisionByNumber(t *testing.T) {
	ts, _, _ := demoAccountsServer(t, func(s *Server) { s.SetResponseCache(-1) })
	for _, q := range []string{"2025/26", "B-2025/26-IT", "b-2025/026-it", "Beschluss 2025/26", "2025/026",
		" B-2025/26-IT ", "„B-2025/26-IT“", `"2025/26"`, "Beschluss-Nr. 2025/26", "Nr. 2025/26"} {
		res, body := get(t, ts, "/suche?q="+url.QueryEscape(q))
		box := between(body, `<section class="number-hit"`, `</section>`)
		if res.StatusCode != http.StatusOK || !strings.Contains(box, `href="/beschluesse/B-2025/26-IT"`) {
			t.Errorf("%q: %d, no decision B-2025/26-IT named: %.600s", q, res.StatusCode, between(body, "<main", "</main>"))
			continue
		}
		if hits := strings.Index(body, `<ol class="hits"`); hits >= 0 && hits < strings.Index(body, `<section class="number-hit"`) {
			t.Errorf("%q: the decision is not named first", q)
		}
	}
	for _, q := range []string{"2025/9999", "BE-2025/26-AL", "Kooperation 2025/26", "2025"} {
		_, body := get(t, ts, "/suche?q="+url.QueryEscape(q))
		if strings.Contains(body, `class="number-hit"`) {
			t.Errorf("%q names a decision: %.400s", q, between(body, `<section class="number-hit"`, `</section>`))
		}
	}

	// A recommendation of the AL-Runde, an internal body: not named to
	// the public (nor its address), named to the secretariat with the
	// place the register's address of its number leads to (its item on
	// the AL-Runde's session page).
	w := newALRundeWorld(t)
	for _, q := range []string{"BE-2026/01-AL", "be-2026/1-al", "Beschlussempfehlung BE-2026/01-AL"} {
		_, body := get(t, w.ts, "/suche?q="+url.QueryEscape(q))
		if strings.Contains(body, `class="number-hit"`) || strings.Contains(body, "/gremien/al-runde/sitzungen/41") {
			i := max(strings.Index(body, "number-hit"), strings.Index(body, "/gremien/al-runde/sitzungen/41"))
			t.Errorf("%q reveals the AL-Runde's recommendation to the public: %q", q, body[max(0, i-300):min(len(body), i+200)])
		}
	}
	gs := client(t, w.ts, "geschaeftsstelle")
	for _, q := range []string{"BE-2026/01-AL", "be-2026/1-al"} {
		res, err := gs.Get(w.ts.URL + "/suche?q=" + url.QueryEscape(q))
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		box := between(string(raw), `<section class="number-hit"`, `</section>`)
		if want := `href="/gremien/al-runde/sitzungen/41#top-01"`; !strings.Contains(box, want) || !strings.Contains(box, "Beschlussempfehlung BE-2026/01-AL") {
			t.Errorf("%q: the secretariat is not led to the recommendation (%s): %.600s", q, want, between(string(raw), "<main", "</main>"))
		}
	}
	// The council's decision of the same number is found by its own.
	_, body := get(t, w.ts, "/suche?q=2026/01")
	if !strings.Contains(between(body, `<section class="number-hit"`, `</section>`), `href="/beschluesse/B-2026/01-IT"`) {
		t.Errorf("2026/01: not the council's decision: %.600s", between(body, "<main", "</main>"))
	}
}
