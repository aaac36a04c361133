package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestRegisterAbbreviationsAnyCase: ?be=he found nothing although HE
// reports B-2025/27-IT, and ?fachmk=fmk nothing although the FMK is
// affected by B-2025/40-IT: the register compared abbreviations as
// typed, and visitors and links type them in lower case. The page, its
// feed and both exports take an abbreviation whatever its case and
// write it as the register does: the form shows "HE" chosen and every
// link the page writes says be=HE.
func TestRegisterAbbreviationsAnyCase(t *testing.T) {
	ts, st := cycleServer(t)
	addContinuation(t, st)
	for _, c := range []struct {
		query, canonical, option string
		want, lack               string
	}{
		{"be=he", "be=HE", `<option value="HE" selected>`, "B-2025/27-IT", "B-2025/40-IT"},
		{"be=hE", "be=HE", `<option value="HE" selected>`, "B-2025/27-IT", "B-2025/40-IT"},
		{"fachmk=fmk", "fachmk=FMK", `<option value="FMK" selected>`, "B-2025/40-IT", "B-2025/26-IT"},
		{"be=hb&fachmk=Fmk", "be=HB&fachmk=FMK", `<option value="HB" selected>`, "B-2025/40-IT", "B-2025/27-IT"},
	} {
		res, body := get(t, ts, "/beschluesse?"+c.query)
		if res.StatusCode != http.StatusOK {
			t.Errorf("/beschluesse?%s: %d, want 200:\n%.400s", c.query, res.StatusCode, between(body, "<main", "</main>"))
			continue
		}
		if !strings.Contains(body, ">"+c.want+"<") || strings.Contains(body, ">"+c.lack+"<") {
			t.Errorf("/beschluesse?%s: want %s listed, %s not", c.query, c.want, c.lack)
		}
		if !strings.Contains(body, c.option) {
			t.Errorf("/beschluesse?%s: the form does not show %s", c.query, c.option)
		}
		for _, link := range []string{`/beschluesse.atom?` + c.canonical, `/beschluesse.csv?` + c.canonical, `/beschluesse.pdf?` + c.canonical} {
			if !strings.Contains(body, strings.ReplaceAll(link, "&", "&amp;")) {
				t.Errorf("/beschluesse?%s: no link %s", c.query, link)
			}
		}
		low := strings.SplitN(c.query, "&", 2)[0]
		if low != strings.SplitN(c.canonical, "&", 2)[0] && strings.Contains(body, low) {
			t.Errorf("/beschluesse?%s: a link keeps the abbreviation as typed", c.query)
		}

		res, feed := get(t, ts, "/beschluesse.atom?"+c.query)
		if res.StatusCode != http.StatusOK || !strings.Contains(feed, "/beschluesse/"+c.want) || strings.Contains(feed, "/beschluesse/"+c.lack+"<") ||
			!strings.Contains(feed, "/beschluesse.atom?"+strings.ReplaceAll(c.canonical, "&", "&amp;")) {
			t.Errorf("/beschluesse.atom?%s: %d, want %s and its self link with %s:\n%.600s", c.query, res.StatusCode, c.want, c.canonical, feed)
		}
		res, csv := get(t, ts, "/beschluesse.csv?"+c.query)
		if res.StatusCode != http.StatusOK || !strings.Contains(csv, c.want) || strings.Contains(csv, c.lack+";") {
			t.Errorf("/beschluesse.csv?%s: %d, want %s only:\n%.400s", c.query, res.StatusCode, c.want, csv)
		}
		if res, _ := get(t, ts, "/beschluesse.pdf?"+c.query); res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("/beschluesse.pdf?%s: %d %s", c.query, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
}

// TestRegisterAPIAbbreviationsAnyCase: /api/v1/beschluesse?be=he was
// refused (400 at be) although HE exists; the API reads the register's
// filter as the page does (TestRegisterAbbreviationsAnyCase).
func TestRegisterAPIAbbreviationsAnyCase(t *testing.T) {
	ts, st := cycleServer(t)
	addContinuation(t, st)
	for _, c := range []struct{ query, want, lack string }{
		{"be=he", "B-2025/27-IT", "B-2025/40-IT"},
		{"fachmk=fmk", "B-2025/40-IT", "B-2025/26-IT"},
	} {
		res, body := get(t, ts, "/api/v1/beschluesse?"+c.query)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, c.want) || strings.Contains(body, c.lack) {
			t.Errorf("/api/v1/beschluesse?%s: %d, want %s only:\n%.400s", c.query, res.StatusCode, c.want, body)
		}
	}
}

// TestRegisterMistypedFilterKeepsTheForm: a FachMK or member that does
// not exist (a mistyped ?be=HX) was a 404 on the page — an empty list —
// and an error page without a way on for the feed and the exports, while
// the API said 400. Every surface of the register answers 400, as the
// API does; the page, the feed and the exports show the register with
// the reason naming the value at the top (the error summary, linked to
// its field, which says it again), the filter form to choose again and
// the rest of the selection applied; a text that is no abbreviation is
// not repeated.
func TestRegisterMistypedFilterKeepsTheForm(t *testing.T) {
	ts, st := cycleServer(t)
	addContinuation(t, st)
	for _, c := range []struct {
		query, field, reason, want string
	}{
		{"be=HX&jahr=2025", "f-be", "Kein Mitglied hat das Kürzel „HX“", "B-2025/40-IT"},
		{"fachmk=FMX&art=beschluss", "f-fachmk", "Keine Fachministerkonferenz „FMX“", "B-2025/40-IT"},
		{"be=" + url.QueryEscape("Ruf an: evil"), "f-be", "Kein Mitglied hat das Kürzel in ?be= der Adresse", "B-2025/40-IT"},
	} {
		for _, path := range []string{"/beschluesse?", "/beschluesse.atom?", "/beschluesse.csv?", "/beschluesse.pdf?"} {
			res, body := get(t, ts, path+c.query)
			main := between(body, "<main", "</main>")
			if res.StatusCode != http.StatusBadRequest || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				t.Errorf("%s%s: %d %s, want 400 with the page", path, c.query, res.StatusCode, res.Header.Get("Content-Type"))
				continue
			}
			summary := between(main, `<div class="error-box" role="alert"`, "</div>")
			if !strings.Contains(summary, c.reason) || !strings.Contains(summary, `href="#`+c.field+`"`) || !strings.Contains(summary, "bitte wählen Sie unten neu") {
				t.Errorf("%s%s: no summary with %q linked to #%s:\n%s", path, c.query, c.reason, c.field, main)
			}
			if !strings.Contains(main, `aria-label="Beschlüsse filtern"`) || !strings.Contains(main, `id="`+c.field+`" name=`) ||
				!strings.Contains(between(main, `id="`+c.field+`"`, "</div>"), `aria-invalid="true"`) {
				t.Errorf("%s%s: no filter form with %s marked:\n%s", path, c.query, c.field, main)
			}
			if !strings.Contains(main, ">"+c.want+"<") {
				t.Errorf("%s%s: the rest of the selection is not listed (%s)", path, c.query, c.want)
			}
			if strings.Contains(body, "evil") {
				t.Errorf("%s%s: repeats the address's text", path, c.query)
			}
		}
	}
}
