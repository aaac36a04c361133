package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestTitlesHaveTheirLimitOnTheServer: an Anliegen's title of 5,000
// characters was stored (maxlength="300" in the HTML only), and so was an
// agenda registration's title, on the form and (TestAPIProblemsNameJSON
// Members) the JSON API, and a changed title on the session's management
// page. The outcome form's rule ("Der Titel ist länger als 300 Zeichen",
// model.CheckTitleLength) now holds for each, the reason at its field.
func TestTitlesHaveTheirLimitOnTheServer(t *testing.T) {
	ts, st := cycleServer(t)
	_, item := planSession48(t, ts, st)
	long := strings.Repeat("Digitalisierung ", 313) // 5,008 characters

	fmk := client(t, ts, "fmk-geschaeftsstelle")
	code, page := do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {long}, "text": {strings.Repeat("x", 20001)}})
	if code != http.StatusBadRequest || !strings.Contains(page, `value="`+long[:100]) {
		t.Errorf("request: %d, the typed title not kept", code)
	}
	reasonsAtFields(t, page, `id="anliegen-neu-fehler"`, map[string]string{
		"an-titel": "Der Titel ist länger als 300 Zeichen.",
		"an-text":  "Der Text ist mit 20.001 Zeichen zu lang; höchstens 20.000 sind möglich.",
	})
	fmkBody, _ := st.BodyByAbbrev(context.Background(), "FMK")
	qs, _ := st.Requests(context.Background(), fmkBody.ID)
	for _, q := range qs {
		if len(q.Title) > 300 {
			t.Errorf("a request of %d characters was stored", len(q.Title))
		}
	}

	he := client(t, ts, "hessen")
	code, page = do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {long}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	if code != http.StatusUnprocessableEntity {
		t.Errorf("registration: %d", code)
	}
	reasonsAtFields(t, page, `id="anmeldung-fehler"`, map[string]string{"titel": "Der Titel ist länger als 300 Zeichen."})

	// The management page: a changed title too long is refused; the
	// item keeps its title.
	gs := client(t, ts, "geschaeftsstelle")
	code, page = do(t, gs, "POST", fmt.Sprintf("%s/tops/%d", ts.URL, item.ID), url.Values{"version": {fmt.Sprint(item.Version)}, "nummer": {""}, "titel": {long}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Der Titel ist länger als 300 Zeichen.") {
		t.Errorf("management page: %d", code)
	}
	if got, _ := st.Item(context.Background(), item.ID); got.Title != item.Title {
		t.Errorf("the item's title is now %d characters", len(got.Title))
	}
}
