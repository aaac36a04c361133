package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestUnknownResponsibleIsNotFound: the follow-up list's ?mitglied= and
// /mitglieder/{x}/auftraege took any text: /mitglieder/<text>/auftraege
// said "Aufträge: <text>" in its title, heading and introduction, the PDF
// report said "Auswahl: verantwortlich <text>", and the list, its CSV and
// PDF answered 200 with nothing in them. A name that is neither a member
// nor responsible for a follow-up the reader sees is not found (404, a
// German reason without the text) on every surface; a text longer than
// any name is refused (400); members (by abbreviation or name) and the
// other responsible bodies (FITKO) still filter.
func TestUnknownResponsibleIsNotFound(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	bait := "Bitte melden Sie sich unter evil.example"
	short := "Ruf an evil"
	long := strings.Repeat("evil", 100)
	for _, c := range []struct {
		path   string
		status int
	}{
		{"/auftraege?mitglied=" + url.QueryEscape(short), http.StatusNotFound},
		{"/auftraege?mitglied=XX&status=ausstehend", http.StatusNotFound},
		{"/auftraege.csv?mitglied=" + url.QueryEscape(short), http.StatusNotFound},
		{"/auftraege.pdf?mitglied=" + url.QueryEscape(short), http.StatusNotFound},
		{"/auftraege.pdf?mitglied=" + url.QueryEscape(bait), http.StatusNotFound},
		{"/mitglieder/" + url.PathEscape(short) + "/auftraege", http.StatusNotFound},
		{"/mitglieder/" + url.PathEscape(bait) + "/auftraege", http.StatusNotFound},
		{"/mitglieder/XX/auftraege?status=ueberfaellig", http.StatusNotFound},
		{"/auftraege?mitglied=" + long, http.StatusBadRequest},
		{"/auftraege.csv?mitglied=" + long, http.StatusBadRequest},
		{"/auftraege.pdf?mitglied=" + long, http.StatusBadRequest},
		{"/mitglieder/" + long + "/auftraege", http.StatusBadRequest},
	} {
		res, body := get(t, ts, c.path)
		if res.StatusCode != c.status {
			t.Errorf("%.80s: %d, want %d", c.path, res.StatusCode, c.status)
		}
		if strings.Contains(body, "evil") || strings.Contains(body, "Ruf an") {
			i := strings.Index(body, "evil")
			t.Errorf("%.80s echoes the text: %q", c.path, body[max(0, i-200):min(len(body), i+50)])
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%.80s: %s, want an error page", c.path, ct)
		}
		want := "Kein Mitglied und keine andere Stelle"
		if c.status == http.StatusBadRequest {
			want = "zu lang"
		}
		if !strings.Contains(body, want) {
			t.Errorf("%.80s: no reason %q in %.400s", c.path, want, between(body, "<main", "</main>"))
		}
	}
	// Members by abbreviation or name, and a body that is no member but
	// responsible for a public follow-up (a project group), filter as
	// before.
	pg := url.QueryEscape("PG EfA-Finanzierung")
	for _, path := range []string{"/auftraege?mitglied=HE", "/auftraege?mitglied=Hessen", "/auftraege?mitglied=FITKO",
		"/auftraege?mitglied=" + pg, "/auftraege.csv?mitglied=" + pg, "/auftraege.pdf?mitglied=" + pg, "/auftraege.pdf?mitglied=HE",
		"/mitglieder/HE/auftraege", "/mitglieder/Hessen/auftraege", "/mitglieder/FITKO/auftraege", "/mitglieder/DLT/auftraege", "/mitglieder/HB/auftraege",
		"/mitglieder/" + url.PathEscape("PG EfA-Finanzierung") + "/auftraege", "/mitglieder/" + url.PathEscape("pg efa-finanzierung") + "/auftraege"} {
		if res, body := get(t, ts, path); res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d, want 200: %.300s", path, res.StatusCode, between(body, "<main", "</main>"))
		}
	}
	// The list's filter offers the body as chosen.
	_, body := get(t, ts, "/auftraege?mitglied="+pg)
	if !strings.Contains(body, `<option value="PG EfA-Finanzierung" selected>PG EfA-Finanzierung</option>`) {
		t.Errorf("the filter does not show the chosen project group: %.600s", between(body, "<select id=\"a-mitglied\"", "</select>"))
	}
	_, body = get(t, ts, "/auftraege?mitglied=Hessen")
	if !strings.Contains(body, `<option value="HE" selected>`) {
		t.Errorf("the filter does not show the member chosen by name: %.600s", between(body, "<select id=\"a-mitglied\"", "</select>"))
	}
	_, body = get(t, ts, "/mitglieder/"+url.PathEscape("PG EfA-Finanzierung")+"/auftraege")
	if !strings.Contains(body, "Aufträge: PG EfA-Finanzierung") || !strings.Contains(body, "Beauftragung eines wissenschaftlichen Instituts") {
		t.Errorf("the project group's follow-ups: %.600s", between(body, "<main", "</main>"))
	}
}
