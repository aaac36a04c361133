package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

// TestDebriefPresenterByName: the invitation names presenters by name
// ("(Vorstellung: Hessen)"), and the secretariat typed them so: "Hessen"
// was refused as "kein Mitglied des IT-Planungsrats; bitte das Kürzel
// … angeben", though the registration form and the API take a member by
// name. A presenter typed by name or in any case is stored as the
// member's abbreviation; a name that is no member is still refused at its
// field.
func TestDebriefPresenterByName(t *testing.T) {
	ts, st := debriefServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	assessFMKAndWMK(t, ts, st, gs)
	form := url.Values{"datum": {"2025-07-10"}, "ort": {"Videokonferenz"}, "einladung": {"Einladung"},
		"aufnehmen_0": {"1"}, "vorstellung_0": {"Hessen"}, "aufnehmen_1": {"1"}, "vorstellung_1": {"hh"}}
	if code, page := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", form); code != http.StatusSeeOther {
		t.Fatalf("presenters by name: %d %s", code, between(page, `id="nb-fehler"`, "</div>"))
	}
	ctx := context.Background()
	s47, _ := st.SessionByNumber(ctx, mustBody(t, st).ID, 47)
	db, err := st.DebriefOfSession(ctx, s47.ID)
	if err != nil || len(db.Entries) != 2 || db.Entries[0].Presenter != "HE" || db.Entries[1].Presenter != "HH" {
		t.Fatalf("stored presenters: %+v %v", db.Entries, err)
	}
	form.Set("vorstellung_0", "Hesse")
	form.Set("version", "1")
	code, page := postDebrief(t, gs, ts.URL+"/sitzungen/47/nachbesprechung", form)
	if code != http.StatusBadRequest {
		t.Fatalf("a name of no member: %d", code)
	}
	reasonsAtFields(t, page, `<div class="error-box" role="alert" id="nb-fehler" tabindex="-1">`,
		map[string]string{presenterID(t, page, 0): "„Hesse“ ist kein Mitglied des IT-Planungsrats; bitte das vorstellende Mitglied mit Kürzel oder Namen angeben"})
}
