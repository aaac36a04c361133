package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestConferencePageSaysWhereARequestStands: the conference page
// /fachmk/{kürzel} said "Stand: als TOP angemeldet" of a request whose
// agenda item the Geschäftsstelle had accepted and numbered, while the
// list /anliegen, the request's page and "Mein Bereich" said "auf der
// Tagesordnung der 48. Sitzung am … als TOP 02". The page says it as they
// do (model.RequestStanding.Summary), while the registration waits and
// once it stands on the agenda.
func TestConferencePageSaysWhereARequestStands(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk, gs := client(t, ts, "fmk"), client(t, ts, "geschaeftsstelle")
	if code, body := do(t, fmk, "POST", ts.URL+"/anliegen", url.Values{"titel": {"Grundsteuerdaten"}, "text": {"Bitte um Befassung"}}); code != http.StatusSeeOther {
		t.Fatalf("submit: %d %.300s", code, body)
	}
	fmkBody, _ := st.BodyByAbbrev(ctx, "FMK")
	qs, _ := st.Requests(ctx, fmkBody.ID)
	if len(qs) != 1 {
		t.Fatalf("requests: %+v", qs)
	}
	q := qs[0]
	s48, _ := planSession48(t, ts, st)
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/anliegen/%d/top", ts.URL, q.ID), url.Values{"sitzung": {"48"}, "abschnitt": {"0"}, "version": {fmt.Sprint(q.Version)}}); code != http.StatusSeeOther {
		t.Fatalf("register: %d %.300s", code, body)
	}
	stand := func() string {
		t.Helper()
		code, page := do(t, fmk, "GET", ts.URL+"/fachmk/FMK", nil)
		if code != http.StatusOK {
			t.Fatalf("conference page: %d", code)
		}
		row := between(page, "Grundsteuerdaten</strong></a>", "</li>")
		if row == "" {
			t.Fatalf("the conference page lists no request:\n%s", between(page, "<main", "</main>"))
		}
		_, after, _ := strings.Cut(row, "Stand: ")
		return strings.Join(strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(after, "")), " ")
	}
	when := "am " + s48.Date.German()
	if got, want := stand(), "als TOP zur 48. Sitzung "+when+" angemeldet; über die Aufnahme entscheidet die Geschäftsstelle"; got != want {
		t.Errorf("registered: Stand %q, want %q", got, want)
	}
	q, _ = st.Request(ctx, q.ID)
	it, _ := st.Item(ctx, q.ItemID)
	if code, body := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"annehmen"}}); code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", code, between(body, "<main", "</main>"))
	}
	if _, err := st.NumberAgenda(ctx, s48.ID); err != nil {
		t.Fatal(err)
	}
	s48, _ = st.Session(ctx, s48.ID)
	s48.AgendaPublished = true
	if err := st.UpdateSession(ctx, s48); err != nil {
		t.Fatal(err)
	}
	it, _ = st.Item(ctx, it.ID)
	if it.Number == "" {
		t.Fatalf("the accepted item has no number: %+v", it)
	}
	if got, want := stand(), "auf der Tagesordnung der 48. Sitzung "+when+" als TOP "+it.Number; got != want {
		t.Errorf("on the published agenda: Stand %q, want %q", got, want)
	}
}
