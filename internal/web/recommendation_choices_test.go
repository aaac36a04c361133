package web

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// radioValues gives the values of the radio buttons "empfehlung" in form,
// in order, the checked one marked with a "*".
func radioValues(form string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<input type="radio"[^>]* name="empfehlung" value="([^"]+)"( checked)?`).FindAllStringSubmatch(form, -1) {
		v := m[1]
		if m[2] != "" {
			v += "*"
		}
		out = append(out, v)
	}
	return out
}

// TestRecommendationFormFitsAnItemWithoutProposal: for a report without a
// decision proposal, the AL-Runde's form (and the written procedure's on
// the council session's page) offered "Annahme wie vorgeschlagen" first
// and chosen, "Annahme mit Änderungen", the Grüne Liste and the changed
// text — each refused at save (store: recommendationBasis). Now it offers
// what the rule lets stand, "Beratung im IT-Planungsrat" first and chosen,
// and says why the rest is not offered; an item with a proposal keeps all
// choices.
func TestRecommendationFormFitsAnItemWithoutProposal(t *testing.T) {
	ts, st, _ := demoAccountsServer(t)
	main, _ := planPair48(t, st)
	report := acceptedReport(t, st, main, "Bericht zur Registermodernisierung")
	proposal := recommendationItem(t, st, main)
	gs := client(t, ts, "geschaeftsstelle")
	for _, c := range []struct {
		page, form, green, text string
	}{
		{"/gremien/al-runde/sitzungen/40/empfehlungen", "empfehlung-%d", "g-%d", "t-%d"},
		{"/sitzungen/48/empfehlungen", "umlauf-%d", "ug-%d", "ut-%d"},
	} {
		_, page := do(t, gs, "GET", ts.URL+c.page, nil)
		form := between(page, fmt.Sprintf(`id="`+c.form+`"`, report), "</form>")
		if form == "" {
			t.Fatalf("%s: no form for the report", c.page)
		}
		if got := strings.Join(radioValues(form), " "); got != "beraten* nicht_annehmen" {
			t.Errorf("%s: the report's choices: %s", c.page, got)
		}
		for _, absent := range []string{fmt.Sprintf(`id="`+c.green+`"`, report), fmt.Sprintf(`id="`+c.text+`"`, report)} {
			if strings.Contains(form, absent) {
				t.Errorf("%s: the report's form offers %s", c.page, absent)
			}
		}
		if !strings.Contains(form, "Zu diesem TOP liegt kein Beschlussvorschlag vor") || !strings.Contains(form, "Annahme wie vorgeschlagen") || !strings.Contains(form, "Grüne Liste") {
			t.Errorf("%s: the report's form does not say why some choices are missing: %s", c.page, form)
		}
		form = between(page, fmt.Sprintf(`id="`+c.form+`"`, proposal), "</form>")
		if got := strings.Join(radioValues(form), " "); got != "annehmen* annehmen_geaendert beraten nicht_annehmen" {
			t.Errorf("%s: the choices for a proposal: %s", c.page, got)
		}
		for _, present := range []string{fmt.Sprintf(`id="`+c.green+`"`, proposal), fmt.Sprintf(`id="`+c.text+`"`, proposal)} {
			if !strings.Contains(form, present) {
				t.Errorf("%s: the form for a proposal lacks %s", c.page, present)
			}
		}
		if strings.Contains(form, "kein Beschlussvorschlag") {
			t.Errorf("%s: the form for a proposal says there is none", c.page)
		}
	}
}
