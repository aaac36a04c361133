package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestClosedAgendaOnTheSecretariatsForms: the agenda of a held or
// cancelled session is closed. Before, a FachMK request could be
// registered as an item of the held 47th or of a cancelled session (the
// request's form even offered the cancelled one), a cancelled session's
// agenda could be published, and the held 47th's management page said
// "Tagesordnung nicht veröffentlicht" although its agenda is public since
// the session began.
func TestClosedAgendaOnTheSecretariatsForms(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	s48, _ := planSession48(t, ts, st)
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	id, err := st.SubmitRequest(ctx, model.Request{ConferenceID: fmk.ID, Title: "Grundsteuer digital", SubmittedBy: "fmk", Via: "FachMK-Geschäftsstelle"})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("%s/anliegen/%d", ts.URL, id)
	if _, page := do(t, gs, "GET", path, nil); !strings.Contains(page, `<option value="48"`) {
		t.Fatal("the planned 48th is not offered for the request")
	}
	s48, _ = st.Session(ctx, s48.ID)
	if err := st.CancelSession(ctx, s48.ID, s48.Version, "Terminkollision"); err != nil {
		t.Fatal(err)
	}
	if _, page := do(t, gs, "GET", path, nil); strings.Contains(page, `<option value="48"`) || strings.Contains(page, `<option value="47"`) {
		t.Errorf("the request's form offers a cancelled or held session:\n%s", between(page, `id="an-sitzung"`, "</select>"))
	}
	q, _ := st.Request(ctx, id)
	for nr, want := range map[string]string{"48": "Die 48. Sitzung ist abgesagt; ihre Tagesordnung ist geschlossen", "47": "Die 47. Sitzung ist bereits durchgeführt"} {
		code, page := do(t, gs, "POST", path+"/top", url.Values{"sitzung": {nr}, "abschnitt": {"0"}, "version": {strconv.Itoa(q.Version)}})
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
			t.Errorf("request as item of the %s.: %d, want 422 with %q\n%s", nr, code, want, between(page, "<main", "</form>"))
		}
	}
	if q, _ = st.Request(ctx, id); q.ItemID != 0 {
		t.Errorf("the request became item %d of a closed agenda", q.ItemID)
	}

	s48, _ = st.Session(ctx, s48.ID)
	code, page := do(t, gs, "POST", ts.URL+"/sitzungen/48/veroeffentlichen", url.Values{"version": {strconv.Itoa(s48.Version)}, "ohne_nummer": {"ja"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Die 48. Sitzung ist abgesagt; ihre Tagesordnung ist geschlossen") {
		t.Errorf("publication of the cancelled 48th: %d\n%s", code, between(page, "<main", "</section>"))
	}
	if s48, _ = st.Session(ctx, s48.ID); s48.AgendaPublished {
		t.Error("the cancelled 48th's agenda is published")
	}
	for _, nr := range []string{"47", "48"} {
		_, page := do(t, gs, "GET", ts.URL+"/sitzungen/"+nr+"/verwaltung", nil)
		if status := between(page, `id="h-status"`, "</section>"); strings.Contains(status, "Tagesordnung nicht veröffentlicht") || strings.Contains(status, "/veroeffentlichen") {
			t.Errorf("the %s.'s management page speaks of publishing its closed agenda:\n%s", nr, status)
		}
	}
}
