package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestRequestSectionCarriedToTheAcceptForm: the FachMK's request
// registered as an item under "Informationssicherheit" came to the
// agenda's accept form with "– am Ende –" chosen in "in Abschnitt", and
// "Annehmen" as the form stood put the item last — after "Übergreifendes"
// and after "Reporting FachMK". The form offers the section the
// registration carries; accepted so, the item stands in its section
// before "Reporting FachMK". And a section that is no topic's id
// ("Übergreifendes" by name) was taken as none without a word: it is
// refused at its field, the request not registered.
func TestRequestSectionCarriedToTheAcceptForm(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	q := submittedRequest(t, ts, st, "Lagebild Cybersicherheit der Finanzverwaltungen", "Bitte um Befassung.")
	s48, _ := planSession48(t, ts, st)
	sections, _ := st.Sections(ctx, s48.BodyID)
	var security model.Section
	for _, sec := range sections {
		if sec.Name == "Informationssicherheit" {
			security = sec
		}
	}
	path := fmt.Sprintf("%s/anliegen/%d", ts.URL, q.ID)

	code, page := do(t, gs, "POST", path+"/top", url.Values{"sitzung": {"48"}, "abschnitt": {"Übergreifendes"}, "version": {fmt.Sprint(q.Version)}})
	if code != http.StatusBadRequest {
		t.Fatalf("a section by name: %d", code)
	}
	reasonsAtFields(t, page, `id="anliegen-fehler"`, map[string]string{"an-abschnitt": "Das gewählte Schwerpunktthema gibt es auf der Tagesordnung nicht"})
	if q, _ := st.Request(ctx, q.ID); q.ItemID != 0 {
		t.Fatal("the request was registered with a section that is none")
	}
	// The Grüne Liste is no topic a request is registered under.
	if !strings.Contains(page, `<option value="`+fmt.Sprint(security.ID)+`">Informationssicherheit</option>`) || strings.Contains(page, ">Grüne Liste</option>") {
		t.Errorf("the request's sections: %s", between(page, `id="an-abschnitt"`, "</select>"))
	}

	if code, body := do(t, gs, "POST", path+"/top", url.Values{"sitzung": {"48"}, "abschnitt": {fmt.Sprint(security.ID)}, "version": {fmt.Sprint(q.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("register: %d %.300s", code, body)
	}
	q, _ = st.Request(ctx, q.ID)
	_, page = do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	sel := between(page, fmt.Sprintf(`id="an-abschnitt-%d"`, q.ItemID), "</select>")
	if !strings.Contains(sel, fmt.Sprintf(`<option value="%d" selected>Informationssicherheit</option>`, security.ID)) || strings.Count(sel, " selected") != 1 {
		t.Fatalf("the accept form does not offer the registration's section: %s", sel)
	}
	// "Annehmen" as the form stands.
	action := fmt.Sprintf("/tops/%d/entscheidung", q.ItemID)
	form := postedForm(page, action)
	form.Set("abschnitt", regexp.MustCompile(`<option value="(\d+)" selected>`).FindStringSubmatch(sel)[1])
	if code, body := do(t, gs, "POST", ts.URL+action, form); code != http.StatusSeeOther {
		t.Fatalf("accept: %d %.300s", code, body)
	}
	items, _ := st.Items(ctx, s48.ID)
	var at, reporting int
	for _, it := range items {
		switch {
		case it.ID == q.ItemID:
			at = it.Position
			if it.SectionID != security.ID {
				t.Errorf("the accepted item's section: %d", it.SectionID)
			}
		case it.ReportingFachMK():
			reporting = it.Position
		}
	}
	if at == 0 || reporting == 0 || at > reporting {
		t.Errorf("the accepted item at %d, Reporting FachMK at %d", at, reporting)
	}
}
