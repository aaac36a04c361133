package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestOpenDataAllowsAnyOrigin: the public feeds — the sessions and the
// FachMK dates as iCalendar, the register as Atom — answer with
// Access-Control-Allow-Origin: * as the JSON API and OParl do, twice (the
// second answer may come from the response cache or the stored pages);
// the pages and the personal calendar, whose address is its owner's
// secret, do not. Before, a web page of another origin could read the
// OParl sessions but not /sitzungen.ics.
func TestOpenDataAllowsAnyOrigin(t *testing.T) {
	ts, _ := cycleServer(t)
	pub := client(t, ts, "")
	code, page := do(t, client(t, ts, "hessen"), "POST", ts.URL+"/mein-kalender", url.Values{"bestaetigt": {"ja"}})
	m := regexp.MustCompile(`/kalender/kal_[^"]+\.ics`).FindString(page)
	if code != http.StatusOK || m == "" {
		t.Fatalf("personal calendar address: %d", code)
	}
	for path, open := range map[string]bool{
		"/sitzungen.ics": true, "/beschluesse.atom": true, "/beschluesse.atom?jahr=2025": true,
		"/fachmk/termine.ics": true, "/fachmk/FMK/termine.ics": true,
		"/api/v1/beschluesse": true, "/oparl/v1": true,
		"/": false, "/beschluesse": false, "/sitzungen/47": false, "/fachmk/FMK": false, m: false,
	} {
		for range 2 {
			res, err := pub.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			got := res.Header.Get("Access-Control-Allow-Origin")
			if res.StatusCode != http.StatusOK || (got == "*") != open || (!open && got != "") {
				t.Errorf("GET %s: %d, Access-Control-Allow-Origin %q, want open data: %v", path, res.StatusCode, got, open)
			}
			if strings.Contains(res.Header.Get("Access-Control-Allow-Credentials"), "true") {
				t.Errorf("GET %s allows credentials", path)
			}
		}
	}
}
