package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestOParlMadeUpQueriesAreNotStored: every OParl address was kept
// rendered with any query, so /oparl/v1/paper/1?limit=1, ?limit=2, …,
// /oparl/v1/body?limit=05 or ?omit_internal=x1, ?omit_internal=x2, … each
// added a page and its gzip companion to rendered_pages, though they
// answer what the address without them (or with the canonical value)
// answers. Only a list page's own parameters, each in its one canonical
// spelling, are stored; an object or the system without a query.
func TestOParlMadeUpQueriesAreNotStored(t *testing.T) {
	ts, st, _ := demoAccountsServer(t, func(s *Server) { s.SetResponseCache(-1) })
	// The real pages are stored (and the start of the count).
	for _, path := range []string{"/oparl/v1", "/oparl/v1/body", "/oparl/v1/body/1/paper",
		"/oparl/v1/body/1/paper?limit=2", "/oparl/v1/body/1/paper?omit_internal=true",
		"/oparl/v1/body/1/paper?modified_since=2025-01-01T00:00:00%2B01:00"} {
		if res, _ := get(t, ts, path); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
	}
	before := storedRows(t, st)
	if before == 0 {
		t.Fatal("no page stored: the real pages must be kept")
	}
	// A list's next page (its keyset) is stored too.
	_, body := get(t, ts, "/oparl/v1/body/1/paper?limit=2")
	next := between(body, `"next":"`, `"`)
	next = strings.TrimPrefix(next, `"next":"`)
	if i := strings.Index(next, "/oparl/"); i >= 0 {
		next = next[i:]
	}
	if !strings.Contains(next, "after=") {
		t.Fatalf("no next page in %.300s", body)
	}
	if res, _ := get(t, ts, next); res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d", next, res.StatusCode)
	}
	if n := storedRows(t, st); n <= before {
		t.Errorf("the next page %s was not stored: %d rows, before %d", next, n, before)
	} else {
		before = n
	}

	for _, path := range []string{
		"/oparl/v1?x=1",
		"/oparl/v1?limit=3",
		"/oparl/v1/body?x=1",
		"/oparl/v1/body?x=2&limit=0002",
		"/oparl/v1/body/1/paper?limit=02",
		"/oparl/v1/body/1/paper?limit=000002",
		"/oparl/v1/body/1/paper?limit=100000",
		"/oparl/v1/body/1/paper?limit=100001",
		"/oparl/v1/body/1/paper?omit_internal=x1",
		"/oparl/v1/body/1/paper?omit_internal=x2",
		"/oparl/v1/body/1/paper?modified_since=2025-01-01T00:00:00.000%2B01:00",
		"/oparl/v1/body/1/paper?modified_since=2025-01-01T00:00:00.0000%2B01:00",
		next + "&x=1",
		"/oparl/v1/paper/1?limit=1",
		"/oparl/v1/paper/1?limit=2",
		"/oparl/v1/paper/1?omit_internal=true",
		"/oparl/v1/paper/1?modified_since=2025-01-01T00:00:00%2B01:00",
		// The path spelt with escapes the links never use: the same
		// page under another key each.
		"/oparl/v1/body/%31/paper",
		"/oparl/v1/body/1/%70aper",
		"/oparl/v1/body/1/%70%61per",
		"/oparl/v1/body/%31/paper?limit=2",
	} {
		if res, _ := get(t, ts, path); res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d, want 200", path, res.StatusCode)
		}
		if n := storedRows(t, st); n != before {
			t.Errorf("%s was stored: %d rows, before %d", path, n, before)
			before = n
		}
	}
	// Refused by the handler: never stored either — also a page key
	// whose time carries fractional seconds the list never writes
	// (before: taken, and answered with another page than the list's).
	_, body = get(t, ts, "/oparl/v1/body/1/paper?limit=2&modified_since=2000-01-01T00:00:00Z")
	timed := between(body, `"next":"`, `"`)
	if i := strings.Index(timed, "/oparl/"); i >= 0 {
		timed = timed[i:]
	}
	if !strings.Contains(timed, "Z_") {
		t.Fatalf("no time in the page key of %s", timed)
	}
	before = storedRows(t, st)
	for _, path := range []string{"/oparl/v1/body/1/paper?limit=0", "/oparl/v1/body/1/paper?after=x",
		"/oparl/v1/body/1/paper?created_since=gestern", strings.Replace(timed, "Z_", ".5Z_", 1), strings.Replace(timed, "Z_", ".0Z_", 1)} {
		if res, _ := get(t, ts, path); res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", path, res.StatusCode)
		}
	}
	if n := storedRows(t, st); n != before {
		t.Errorf("refused queries were stored: %d rows, before %d", n, before)
	}
}
