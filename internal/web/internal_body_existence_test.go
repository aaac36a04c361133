package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
)

// TestInternalBodySessionsDoNotTellExistence: the public got 303 (to the
// login) for the AL-Runde's sessions 39 and 40 and 404 ("Die 41. Sitzung
// ist nicht erfasst.") for 38 and 41, and so learnt which sessions of the
// internal body exist and that a 40th is planned. Every number now gets
// the same answer, on every address of such a session.
func TestInternalBodySessionsDoNotTellExistence(t *testing.T) {
	st := demotest.StoreWithAccounts(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	public := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, nr := range []string{"38", "39", "40", "41", "999"} {
		for _, tail := range []string{"", "/protokoll", "/protokoll.pdf", "/protokoll.txt", "/live/stand"} {
			path := "/gremien/al-runde/sitzungen/" + nr + tail
			resp, err := public.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/anmelden") {
				t.Errorf("public %s: %d %s, want the login as for every other number", path, resp.StatusCode, resp.Header.Get("Location"))
			}
		}
	}
	// Who may read the body still tells a missing session from a held one.
	gs := client(t, ts, "geschaeftsstelle")
	if code, _ := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/999", nil); code != http.StatusNotFound {
		t.Errorf("secretariat, missing AL-Runde: %d, want 404", code)
	}
	if code, _ := do(t, gs, "GET", ts.URL+"/gremien/al-runde/sitzungen/39", nil); code != http.StatusOK {
		t.Errorf("secretariat, 39th AL-Runde: %d, want 200", code)
	}
}
