package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAcceptanceWarningStandsOutAndRepeats: accepting a registration whose
// application does not yet suffice (Hamburg and Brandenburg named, not yet
// confirmed) warned in the style of an ordinary notice, read like "done";
// and "Annehmen" clicked again said "bereits angenommen" without it. Now
// the warning is marked as one (its own class, the box an alert) and comes
// again with the second click.
func TestAcceptanceWarningStandsOutAndRepeats(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	it := pendingRegistration(t, ts, st, client(t, ts, "hessen"), url.Values{"titel": {"Cloud-Strategie"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt die Cloud-Strategie."}, "antrag": {"HE, HH, BB"}})
	accept := url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"annehmen"}}
	// "Antrag von" of the pending registration on the Verwaltung page in
	// the order every page names the applicants (before, as typed: HE,
	// HH, BB).
	_, before := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if label := between(before, "<dt>Antrag von</dt><dd>", "</dd>"); !strings.HasPrefix(label, "HE") || !strings.Contains(label, "BB") || strings.Index(label, "BB") > strings.Index(label, "HH") {
		t.Errorf("the Verwaltung's Antrag von %q, want HE first, then BB before HH", label)
	}
	for _, click := range []string{"first", "second"} {
		if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), accept); code != http.StatusSeeOther {
			t.Fatalf("%s click: %d", click, code)
		}
		_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
		box := between(page, `<div class="notice-box"`, "</div>")
		if !strings.HasPrefix(box, ` role="alert">`) {
			t.Errorf("%s click: the notice with a warning is no alert: %s", click, box)
		}
		// The co-applicants in the members list's order (BB before HH), as
		// every page names them (proposalApplicants).
		warning := between(box, `<p class="notice-warning">`, "</p>")
		if !strings.Contains(warning, "Achtung, der Antrag reicht noch nicht aus:") || !strings.Contains(warning, "Mitantrag von BB, HH noch nicht bestätigt") ||
			!strings.Contains(warning, "Bis der Antrag ausreicht, kann über den Vorschlag nicht abgestimmt werden.") {
			t.Errorf("%s click: the warning: %q in %s", click, warning, box)
		}
	}
	// The style of the warning.
	_, css := do(t, gs, "GET", ts.URL+"/static/style.css", nil)
	if !strings.Contains(css, ".notice-box .notice-warning {") {
		t.Error("style.css has no rule for .notice-warning")
	}
	// Once the application suffices, the second click says no warning.
	for _, office := range []string{"hamburg", "brandenburg"} {
		c := client(t, ts, office)
		_, page := do(t, c, "GET", ts.URL+"/mein-bereich", nil)
		member := map[string]string{"hamburg": "HH", "brandenburg": "BB"}[office]
		action, seen := coAppFormOf(t, st, page, member)
		seen.Set("antwort", "bestaetigen")
		if code, _ := do(t, c, "POST", ts.URL+action, seen); code != http.StatusSeeOther {
			t.Fatalf("%s confirms: %d", office, code)
		}
	}
	do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), accept)
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	if box := between(page, `<div class="notice-box"`, "</div>"); !strings.Contains(box, "bereits angenommen") || strings.Contains(box, "Achtung") || !strings.HasPrefix(box, ` role="status">`) {
		t.Errorf("with the application confirmed: %s", box)
	}
}
