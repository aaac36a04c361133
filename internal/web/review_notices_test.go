package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestAcceptNoticeShowsNoStorageMarks: the notice after the secretariat
// accepts a registration whose title has a confidential passage names
// the title as the page shows it, never with the storage marks ⟦…⟧
// (it read „Steuerverwaltung ⟦Projekt Zebra⟧ Schnittstellen“: auf der
// Tagesordnung).
func TestAcceptNoticeShowsNoStorageMarks(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	if code, page := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Steuerverwaltung [[Projekt Zebra]] Schnittstellen"}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(page, "<main", "</main>"))
	}
	pending, err := st.PendingRegistrations(ctx, mustBody(t, st).ID)
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending registrations: %d %v", len(pending), err)
	}
	it := pending[0]
	if !strings.Contains(it.Title, model.RedactOpen) {
		t.Fatalf("the title's passage is not stored as confidential: %q", it.Title)
	}
	if code, _ := do(t, gs, "POST", fmt.Sprintf("%s/tops/%d/entscheidung", ts.URL, it.ID), url.Values{"version": {fmt.Sprint(it.Version)}, "entscheidung": {"annehmen"}}); code != http.StatusSeeOther {
		t.Fatalf("accepting: %d", code)
	}
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
