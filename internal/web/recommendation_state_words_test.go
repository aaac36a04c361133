package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestRecommendationStateWords: the AL-Runde's page of its
// recommendations said „– gegeben“ for a recommendation whose vote was
// won and „– nicht beschlossen“ for one whose vote was lost, a pair that
// reads as two different things. It now says what every other surface
// says of an Empfehlung (model.Decision.StatusLabel): „ausgesprochen“ and
// „abgelehnt“.
func TestRecommendationStateWords(t *testing.T) {
	for _, tc := range []struct {
		name       string
		decide     func(alRundeVoteWorld, *testing.T)
		want, gone string
	}{
		{"adopted", alRundeVoteWorld.adopt, "– <strong>ausgesprochen</strong>", "gegeben</strong>"},
		{"rejected", alRundeVoteWorld.reject, "– abgelehnt</p>", "nicht beschlossen"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newALRundeVoteWorld(t)
			tc.decide(w, t)
			code, page := do(t, client(t, w.ts, "geschaeftsstelle"), "GET", w.ts.URL+w.al.Path()+"/empfehlungen", nil)
			if code != http.StatusOK {
				t.Fatalf("%d", code)
			}
			if !strings.Contains(page, tc.want) || strings.Contains(page, tc.gone) {
				t.Errorf("want %q, not %q:\n%s", tc.want, tc.gone, between(page, "<main", "</main>"))
			}
		})
	}
}
