package web

import (
	"net/http"
	"net/url"
	"testing"
)

// TestEarlierDecisionGivesEveryReasonAtItsField: the form recording an
// earlier decision (before gremium) on a conference's page refused a
// number that is no number and a missing date one after the other, and
// neither at its field; a number and date of different years named no
// field either. Each reason now stands at its field, all of them above.
func TestEarlierDecisionGivesEveryReasonAtItsField(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	const box = `<div class="error-box" role="alert"><p>Der frühere Beschluss ist nicht erfasst:`
	for _, tc := range []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"no number, no date", url.Values{"fachmk": {"FMK"}, "nummer": {"2022-43"}, "datum": {"20.10."}, "titel": {"Ernennung"}},
			map[string]string{"fb-nummer": "Bitte die Nummer des Beschlusses angeben", "fb-datum": "Bitte das Datum des Beschlusses angeben"}},
		{"number and date of different years", url.Values{"fachmk": {"FMK"}, "nummer": {"B-2022/43-IT"}, "datum": {"2021-10-20"}},
			map[string]string{"fb-datum": "Nummer und Datum nennen verschiedene Jahre"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, page := do(t, gs, "POST", ts.URL+"/fachmk/fruehere-beschluesse", tc.form)
			if code != http.StatusBadRequest {
				t.Fatalf("%d", code)
			}
			reasonsAtFields(t, page, box, tc.want)
		})
	}
}
