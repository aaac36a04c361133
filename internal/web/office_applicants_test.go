package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// officeText gives the text of an HTML fragment without its tags, its
// spaces squashed.
func officeText(fragment string) string {
	return strings.Join(strings.Fields(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(fragment, " ")), " ")
}

// TestOfficeApplicantsInOneOrder: a registration's page named its
// co-applicants twice, in the box that says why the application does not
// (yet) suffice and in "Antrag von", each in an order of its own: the box
// in the order the co-applications were made (which a change of the form
// does not change), "Antrag von" in the order typed last, the registering
// member wherever it was typed. Now both, and the box on "Mein Bereich"
// and the co-applicant's page, name them in one order: the registering
// member first, then the others in the order of the members list (the
// Bund, then the Länder as the IT-Planungsrat lists them); the box groups
// them by where their confirmation stands, each group in that order.
func TestOfficeApplicantsInOneOrder(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, nw := client(t, ts, "hessen"), client(t, ts, "nordrhein-westfalen")
	reg := url.Values{"titel": {"Standard für Register"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt den Standard."}, "antrag": {"HE, NW, BY"}}
	id := registerAs(t, ts, he, reg)
	path := ts.URL + "/anmeldungen/" + strconv.FormatInt(id, 10)
	check := func(when, box, facts string) {
		t.Helper()
		_, page := do(t, he, "GET", path, nil)
		main := between(page, "<main", "</main>")
		if got := officeText(between(main, `class="notice-box warning application-short"`, "</div>")); !strings.Contains(got, box) {
			t.Errorf("%s: the box says %q, want %q", when, got, box)
		}
		if got := officeText(between(main, "<dt>Antrag von</dt>", "</dd>")); got != facts {
			t.Errorf("%s: Antrag von %q, want %q", when, got, facts)
		}
		_, page = do(t, he, "GET", ts.URL+"/mein-bereich", nil)
		if got := officeText(between(page, `id="h-anmeldungen"`, "</section>")); !strings.Contains(got, box) {
			t.Errorf("%s: Mein Bereich says %q, want %q", when, got, box)
		}
	}
	check("registered", "Beantragt von HE; Mitantrag von BY, NW noch nicht bestätigt;",
		"HE, BY (Mitantrag noch nicht bestätigt), NW (Mitantrag noch nicht bestätigt)")

	_, page := do(t, nw, "GET", ts.URL+"/mein-bereich", nil)
	action, seen := coAppFormOf(t, st, page, "NW")
	seen.Set("antwort", "bestaetigen")
	if code, _ := do(t, nw, "POST", ts.URL+action, seen); code != http.StatusSeeOther {
		t.Fatalf("NW confirms: %d", code)
	}
	check("NW confirmed", "Beantragt von HE, NW; Mitantrag von BY noch nicht bestätigt;",
		"HE, BY (Mitantrag noch nicht bestätigt), NW (Mitantrag bestätigt)")

	// Hessen names the applicants in another order (no change of what is
	// applied for: nobody is asked again) and itself not first.
	_, page = do(t, he, "GET", path+"/aendern", nil)
	change := postedForm(page, "/anmeldungen/"+strconv.FormatInt(id, 10)+"/aendern")
	for k, v := range reg {
		change[k] = v
	}
	change.Set("antrag", "BY, NW, HE, BB")
	if code, page := do(t, he, "POST", path+"/aendern", change); code != http.StatusSeeOther {
		t.Fatalf("Hessen's change: %d %s", code, between(page, "<main", "</main>"))
	}
	check("changed", "Beantragt von HE, NW; Mitantrag von BY, BB noch nicht bestätigt;",
		"HE, BY (Mitantrag noch nicht bestätigt), BB (Mitantrag noch nicht bestätigt), NW (Mitantrag bestätigt)")

	// The co-applicant reads the same order.
	_, page = do(t, nw, "GET", path, nil)
	if got := officeText(between(page, "<dt>Antrag von</dt>", "</dd>")); got != "HE, BY (Mitantrag noch nicht bestätigt), BB (Mitantrag noch nicht bestätigt), NW (Mitantrag bestätigt)" {
		t.Errorf("the co-applicant's page: Antrag von %q", got)
	}
}

// TestOfficeCoApplicantReadsPointsNumberedOnce: the co-applicant read
// the proposal it is asked to apply for with two markers before each
// point ("› 1. Der IT-Planungsrat …"), on "Mein Bereich" and on the
// registration's page, as the registering office's page had them before
// (TestRegistrationPageNumbersPointsOnce). They carry their number only.
func TestOfficeCoApplicantReadsPointsNumberedOnce(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, by := client(t, ts, "hessen"), client(t, ts, "bayern")
	id := registerAs(t, ts, he, url.Values{"titel": {"Standard für Register"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt den Standard.\nEr bittet um einen Bericht."}, "antrag": {"HE, BY, NW"}})
	const want = `<ol class="decision-points"><li><span class="plabel">1.</span> Der IT-Planungsrat beschließt den Standard.</li><li><span class="plabel">2.</span> Er bittet um einen Bericht.</li></ol>`
	_, page := do(t, by, "GET", ts.URL+"/mein-bereich", nil)
	if section := between(page, `id="mitantraege"`, "</section>"); !strings.Contains(section, want) {
		t.Errorf("Mein Bereich: %s", section)
	}
	_, page = do(t, by, "GET", ts.URL+"/anmeldungen/"+strconv.FormatInt(id, 10), nil)
	if proposal := between(page, "<dt>Beschlussvorschlag</dt>", "</dd>"); !strings.Contains(proposal, want) {
		t.Errorf("the registration's page: %s", proposal)
	}
}

// TestOfficeRegistrationFactsInOneOrder: the registering office and a
// named co-applicant read the same registration with its facts in two
// orders (the co-applicant "Ziel" before "Unterpunkte" and the proposal
// before "Antrag von"). Both read them in one order now; the
// co-applicant's page adds the documents at the end.
func TestOfficeRegistrationFactsInOneOrder(t *testing.T) {
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, by := client(t, ts, "hessen"), client(t, ts, "bayern")
	id := registerAs(t, ts, he, url.Values{"titel": {"Standard für Register"}, "punkte": {"Stand\nAusblick"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt den Standard."}, "antrag": {"HE, BY, NW"}})
	terms := func(c *http.Client) []string {
		t.Helper()
		_, page := do(t, c, "GET", ts.URL+"/anmeldungen/"+strconv.FormatInt(id, 10), nil)
		var out []string
		for _, m := range regexp.MustCompile(`<dt>([^<]*)</dt>`).FindAllStringSubmatch(between(page, `<dl class="registration-facts">`, "</dl>"), -1) {
			out = append(out, m[1])
		}
		return out
	}
	own, co := strings.Join(terms(he), " | "), strings.Join(terms(by), " | ")
	if want := own + " | Dokumente"; co != want || !strings.Contains(own, "Unterpunkte | Ziel") {
		t.Errorf("the co-applicant reads the facts as\n%s\nthe registering office as\n%s", co, own)
	}
}
