package web

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestWholeRegistrationPagesInBrowser: the registering office's page with
// the way forward under "Der Antrag reicht noch nicht aus." (the link
// "Anmeldung ändern" in the box) and the co-applicant's page with Quelle,
// Berichterstattung and the GO § 4 statement pass axe and fit 320 px.
func TestWholeRegistrationPagesInBrowser(t *testing.T) {
	browserTest(t)
	ts, st := cycleServer(t)
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	imk, err := st.BodyByAbbrev(context.Background(), "IMK")
	if err != nil {
		t.Fatal(err)
	}
	id := registerAs(t, ts, client(t, ts, "hessen"), url.Values{"titel": {"Gemeinsames Register"}, "ziel": {"Beschluss"}, "quelle": {"B-2025/26-IT"},
		"berichterstattung": {"HE"}, "fachmk": {"betroffen"}, "fachmk_ids": {fmt.Sprint(imk.ID)}, "fachmk_hinweis": {"Die IMK ist vorab beteiligt."},
		"beschlussvorschlag": {"Der IT-Planungsrat beschließt das Register."}, "antrag": {"HE, BY, HH"}})
	path := fmt.Sprintf("/anmeldungen/%d", id)
	he := newBrowser(t, ts.URL)
	he.login("hessen")
	he.page(path)
	if !pageShows(t, he, ".application-short .application-remedy a[href$='/aendern']", "Anmeldung ändern") {
		t.Errorf("Hessen's page shows no link to the change in the shortfall's box")
	}
	noSidewaysScroll(t, he, "anmeldung-antrag-reicht-nicht")
	by := newBrowser(t, ts.URL)
	by.login("bayern")
	by.page(path)
	if !pageShows(t, by, "main dl.registration-facts dd", "Die IMK ist vorab beteiligt.") {
		t.Errorf("Bayern's page shows no GO § 4 note")
	}
	noSidewaysScroll(t, by, "mitantrag-ganze-anmeldung")
}
