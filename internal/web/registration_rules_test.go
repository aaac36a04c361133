package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestRegistrationFormRefusesEachFieldForItsOwnReason: the registration
// form refuses a field typed wrong for that only and runs the other rules
// on the rest. Before, a proposal with an open mark also drew "bitte den
// Beschlussvorschlag eintragen" and the applicant rule (HE alone) waited
// for the next round; "keine betroffen" with conferences ticked was
// stored as "keine" (the ticks dropped); unknown reporting members were
// stored ("BE HE, XY"); an unknown applicant was "nicht antragsberechtigt".
func TestRegistrationFormRefusesEachFieldForItsOwnReason(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	se := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 6, 0)))
	before, _ := st.Items(ctx, se.ID)
	he := client(t, ts, "hessen")
	confs, err := st.Bodies(ctx, model.BodyFachMK)
	if err != nil || len(confs) < 2 {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		form url.Values
		want map[string]string
		not  string
	}{
		{"proposal with an open mark", url.Values{"titel": {"E-Akte"}, "ziel": {"Beschluss"}, "antrag": {"HE"}, "fachmk": {"keine"},
			"beschlussvorschlag": {"1. Der IT-PLR [[beschließt"}},
			map[string]string{"beschlussvorschlag": "fehlt das schließende", "antrag": "nötig ist der Antrag des Bundes oder dreier Länder"},
			"Beschlussvorschlag eintragen"},
		{"none affected, conferences ticked", url.Values{"titel": {"E-Akte"}, "ziel": {"Bericht"}, "fachmk": {"keine"},
			"fachmk_ids": {fmt.Sprint(confs[0].ID), fmt.Sprint(confs[1].ID)}},
			map[string]string{"fachmk": "widerspricht sich"}, ""},
		// A conference the form does not offer (it was dropped unsaid).
		{"affected, a conference that is none", url.Values{"titel": {"E-Akte"}, "ziel": {"Bericht"}, "fachmk": {"betroffen"},
			"fachmk_ids": {fmt.Sprint(confs[0].ID), "abc"}},
			map[string]string{"fachmk": "„abc“ ist keine Fachministerkonferenz"}, "ankreuzen oder"},
		{"unknown reporting members and applicant", url.Values{"titel": {"E-Akte"}, "ziel": {"Beschluss"}, "antrag": {"Bund, HE, NRW"}, "fachmk": {"keine"},
			"berichterstattung": {"HE, XY"}, "beschlussvorschlag": {"Der IT-PLR beschließt."}},
			map[string]string{"berichterstattung": "„XY“ ist kein Mitglied des IT-Planungsrats", "antrag": "„NRW“ ist kein Mitglied des IT-Planungsrats"},
			"antragsberechtigt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", tc.form)
			if code != http.StatusUnprocessableEntity {
				t.Fatalf("%d", code)
			}
			for field, reason := range tc.want {
				if at := between(page, `id="`+field+`-fehler">`, "</p>"); !strings.Contains(at, reason) {
					t.Errorf("at %s: %q, want %q", field, at, reason)
				}
			}
			box := between(page, `id="anmeldung-fehler"`, "</div>")
			if n := strings.Count(box, "<li>"); n != len(tc.want) {
				t.Errorf("%d reasons above the form, want %d: %s", n, len(tc.want), box)
			}
			if tc.not != "" && strings.Contains(box, tc.not) {
				t.Errorf("the reasons say %q: %s", tc.not, box)
			}
		})
	}
	// An unknown applicant beside one Land: both reasons at once.
	_, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"E-Akte"}, "ziel": {"Beschluss"}, "antrag": {"HE, NRW"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-PLR beschließt."}})
	if at := between(page, `id="antrag-fehler">`, "</p>"); !strings.Contains(at, "„NRW“ ist kein Mitglied des IT-Planungsrats.") || !strings.Contains(at, "Beantragt von HE; nötig ist der Antrag des Bundes oder dreier Länder.") {
		t.Errorf("at antrag: %q", at)
	}
	if items, _ := st.Items(ctx, se.ID); len(items) != len(before) {
		t.Errorf("refused registrations were stored: %d items, want %d", len(items), len(before))
	}
}
