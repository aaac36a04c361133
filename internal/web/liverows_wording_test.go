package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestRefusedRecommendationNamesIt: a new Empfehlung refused for its
// application read "Der Beschlussvorschlag ist nicht gespeichert".
func TestRefusedRecommendationNamesIt(t *testing.T) {
	ts, st, _ := lawServer(t)
	_, item, _ := runningSession(t, st, model.KindDecision, "SL")
	gs := client(t, ts, "geschaeftsstelle")
	code, page := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/beschluesse", ts.URL, item), url.Values{"art": {"empfehlung"}, "antrag": {"HE"}, "punkte": {"Der IT-Planungsrat empfiehlt."}})
	if code == http.StatusSeeOther || !strings.Contains(page, "Der Empfehlungsvorschlag ist nicht gespeichert") || strings.Contains(page, "Der Beschlussvorschlag ist nicht gespeichert") {
		t.Errorf("refused Empfehlung: %d %s", code, between(page, `id="eintrag-abgelehnt"`, "</div>"))
	}
}
