package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestAcceptNoticeShowsNoStorageMarks: the notice after the secretariat
// accepts a registration whose title has a confidential passage names
// the title as the page shows it, never with the storage marks ⟦…⟧
// (it read „Steuerverwaltung ⟦Projekt Zebra⟧ Schnittstellen“: auf der
// Tagesordnung).
func TestAcceptNoticeShowsNoStorageMarks(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	it := pendingRegistration(t, ts, st, client(t, ts, "hessen"), url.Values{"titel": {"Steuerverwaltung [[Projekt Zebra]] Schnittstellen"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	if !strings.Contains(it.Title, model.RedactOpen) {
		t.Fatalf("the title's passage is not stored as confidential: %q", it.Title)
	}
	acceptRegistration(t, st, gs, ts.URL, it.ID)
	_, page := do(t, gs, "GET", ts.URL+"/sitzungen/48/verwaltung", nil)
	notice := between(page, `class="notice`, "</p>")
	if !strings.Contains(notice, "Projekt Zebra") {
		t.Fatalf("no notice of the acceptance: %s", notice)
	}
	if strings.ContainsAny(notice, model.RedactOpen+model.RedactClose) {
		t.Errorf("the notice shows the storage marks: %s", notice)
	}
}

// TestStaticUnknownFileIsGerman: a path under /static/ that names no file
// gets the site's German page (it got the file server's English "404
// page not found"); a file there is still served and cached.
func TestStaticUnknownFileIsGerman(t *testing.T) {
	ts, _ := cycleServer(t)
	for _, path := range []string{"/static/nope.css", "/static/", "/static/sub/"} {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body := readAll(res)
		if res.StatusCode != http.StatusNotFound || strings.Contains(body, "404 page not found") || !strings.Contains(body, "Diese Datei gibt es nicht.") {
			t.Errorf("%s: %d %q", path, res.StatusCode, body[:min(len(body), 200)])
		}
	}
	res, err := http.Get(ts.URL + "/static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "public, max-age=3600" {
		t.Errorf("a static file: %d, Cache-Control %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
}
