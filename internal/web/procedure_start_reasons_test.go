package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestProcedureStartGivesEveryReasonAtOnce: an Empfehlung with „Zustimmung
// aller Mitglieder“ ticked, a deadline gone by and the application "HH,
// BY, DLT" showed the deadline's and DLT's reasons only; that "Zustimmung
// aller" is a Beschluss's (model.Decision.Validate, the store's check)
// came on the next submit. Every reason comes at once, each at its
// field — the tick's too — and in the order of the form.
func TestProcedureStartGivesEveryReasonAtOnce(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	past := time.Now().Add(-48 * time.Hour)
	form := url.Values{"art": {"empfehlung"}, "alle": {"1"}, "titel": {"Empfehlung zur Cloud-Strategie"}, "punkte": {"Der IT-Planungsrat empfiehlt die Cloud-Strategie."},
		"antrag": {"HH, BY, DLT"}, "frist_datum": {model.BerlinDate(past).String()}, "frist_zeit": {"12:00"}}
	code, page := do(t, gs, "POST", ts.URL+"/umlaufverfahren", form)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("%d", code)
	}
	box := `<div class="error-box" role="alert" id="umlauf-fehler" tabindex="-1">`
	reasonsAtFields(t, page, box, map[string]string{
		"alle":        "„Zustimmung aller Mitglieder erforderlich“ gibt es nur für einen Beschluss",
		"antrag":      "DLT ist nicht antragsberechtigt",
		"frist_datum": "Die Frist muss in der Zukunft liegen.",
	})
	summary := between(page, box, "</div>")
	if a, d := strings.Index(summary, "nur für einen Beschluss"), strings.Index(summary, "in der Zukunft"); a < 0 || d < 0 || a > d {
		t.Errorf("the reasons are not in the order of the form:\n%s", summary)
	}
	if !strings.Contains(page, `id="alle" name="alle" value="1" checked`) {
		t.Error("the refused form lost the tick")
	}
	// Mended but for the tick: the store's own check still refuses it.
	form.Set("antrag", "HH, BY, BE")
	form.Set("frist_datum", model.BerlinDate(time.Now().Add(72*time.Hour)).String())
	if code, page := do(t, gs, "POST", ts.URL+"/umlaufverfahren", form); code != http.StatusUnprocessableEntity || !strings.Contains(page, "nur für einen Beschluss") {
		t.Errorf("an Empfehlung with „Zustimmung aller“: %d", code)
	}
}
