package api

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestOParlEntryFromItsNeighbours: "/oparl/" and "/oparl/v1/" (a trailing
// slash, as many clients and people type it) answered 404 "Diese Adresse
// gibt es in der OParl-Schnittstelle nicht." without naming the entry
// point; they are sent to /oparl/v1, and every other unknown address says
// where the entry point is.
func TestOParlEntryFromItsNeighbours(t *testing.T) {
	ts, _ := demoAPI(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range []string{"/oparl/", "/oparl/v1/"} {
		res, err := client.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/oparl/v1" {
			t.Errorf("%s: %d to %q, want 301 to /oparl/v1", p, res.StatusCode, res.Header.Get("Location"))
		}
	}
	res, err := client.Get(ts.URL + "/oparl/v2/system")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound || !strings.Contains(string(b), "/oparl/v1") || res.Header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("unknown address: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), b)
	}
}
