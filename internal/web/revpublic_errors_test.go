package web

import (
	"net/http"
	"strings"
	"testing"
)

// mainOf gives the <main> element of a page ("" without one), so that a
// test of the content is not fooled by the navigation's links.
func mainOf(page string) string {
	i := strings.Index(page, "<main")
	j := strings.LastIndex(page, "</main>")
	if i < 0 || j < i {
		return ""
	}
	return page[i:j]
}

// TestNotFoundLeadsToItsList: a mistyped session or decision number, or a
// conference that is not there, leads on to the list it was meant to be
// in; before, the error page offered only the start page.
func TestNotFoundLeadsToItsList(t *testing.T) {
	ts := demoServer(t)
	for _, c := range []struct{ path, link string }{
		{"/sitzungen/9999", `<a href="/sitzungen">Alle Sitzungen</a>`},
		{"/sitzungen/abc", `<a href="/sitzungen">Alle Sitzungen</a>`},
		{"/sitzungen/48/protokoll", `<a href="/sitzungen">Alle Sitzungen</a>`},
		{"/beschluesse/B-2099/1-IT", `<a href="/beschluesse">Zum Beschlussregister</a>`},
		{"/fachmk/XYZ", `<a href="/fachmk">Alle Fachministerkonferenzen</a>`},
		{"/auftraege/nr/999", `<a href="/auftraege">Alle Aufträge</a>`},
	} {
		res, page := get(t, ts, c.path)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", c.path, res.StatusCode)
		}
		if !strings.Contains(mainOf(page), c.link) {
			t.Errorf("%s: the error page has no %s", c.path, c.link)
		}
	}
	// An address in no list keeps the start page as its only way on.
	_, page := get(t, ts, "/gibtsnicht")
	if m := mainOf(page); strings.Count(m, "<a ") != 1 || !strings.Contains(m, `<a href="/">Zur Startseite</a>`) {
		t.Errorf("/gibtsnicht: want only the link to the start page, got %s", m)
	}
}
