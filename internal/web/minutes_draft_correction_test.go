package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestCorrectionSaysWhereItIsApproved: the approved minutes, the
// correction form and the notice after proposing one said a correction
// is approved "wie das Protokoll in der nächsten Sitzung", though a
// correction of the IT-Planungsrat's minutes may as well be approved by
// written procedure ("Mein Bereich" and the Verwaltung page offer it).
// All three now name both ways.
func TestCorrectionSaysWhereItIsApproved(t *testing.T) {
	ts, _, _ := lawServer(t)
	c := client(t, ts, "geschaeftsstelle")
	const ways = "in einer späteren Sitzung oder im Umlaufverfahren"
	_, frozen := do(t, c, "GET", ts.URL+"/sitzungen/46/live", nil)
	if !strings.Contains(frozen, ways) || strings.Contains(frozen, "in der nächsten Sitzung genehmigt") {
		t.Errorf("the approved minutes do not say %q:\n%s", ways, between(frozen, `<div class="frozen-banner"`, "</div>"))
	}
	m := regexp.MustCompile(`berichtigen\?art=ON&amp;zeile=(\d+)`).FindStringSubmatch(frozen)
	if m == nil {
		t.Fatal("no row to correct on the approved minutes")
	}
	_, form := do(t, c, "GET", ts.URL+"/sitzungen/46/berichtigen?art=ON&zeile="+m[1], nil)
	if !strings.Contains(form, ways) || strings.Contains(form, "in der nächsten Sitzung genehmigt") {
		t.Errorf("the correction form does not say %q", ways)
	}
	code, _ := do(t, c, "POST", ts.URL+"/sitzungen/46/berichtigungen", url.Values{"art": {"ON"}, "zeile": {m[1]}, "text": {"Berichtigter Punkt."}, "grund": {"Schreibfehler"}})
	if code != 303 {
		t.Fatalf("proposing the correction: %d", code)
	}
	_, after := do(t, c, "GET", ts.URL+"/sitzungen/46/live", nil)
	if notice := between(after, `role="status"`, "</div>"); !strings.Contains(notice, "Die Berichtigung ist angelegt; sie wird wie das Protokoll "+ways+" genehmigt.") {
		t.Errorf("the notice after proposing says %q", notice)
	}
	// The Verwaltung's list of the minutes' versions says it alike.
	_, manage := do(t, c, "GET", ts.URL+"/sitzungen/46/verwaltung", nil)
	if !strings.Contains(manage, "genehmigten Protokoll</a> angelegt") || !strings.Contains(manage, ways) || strings.Contains(manage, "in der nächsten Sitzung genehmigt") {
		t.Errorf("the Verwaltung does not say %q: %s", ways, between(manage, `<h2 id="fassungen">`, "</section>"))
	}
}
