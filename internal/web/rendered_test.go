package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/store"
)

// storedMarker is what a planted stored page says: a response with it came
// from the store, not from rendering.
const storedMarker = "AUS-DEM-SPEICHER"

// plant stores a marker page for path as if it had been rendered from the
// current data today by this build.
func plant(t *testing.T, srv *Server, st *store.Store, base, path string) {
	t.Helper()
	ctx := context.Background()
	u, _ := url.Parse(base)
	key := u.Host + "||" + path
	day := model.BerlinDate(time.Now()).String()
	_, gen, _, err := st.StoredPage(ctx, key, srv.pageEpoch(), day)
	if err != nil {
		t.Fatal(err)
	}
	st.StorePage(store.RenderedPage{Key: key, Gen: gen, Epoch: srv.pageEpoch(), Day: day,
		Headers: "Content-Type: text/html; charset=utf-8\n", ETag: `W/"planted"`, Body: []byte(storedMarker)})
	if err := st.FlushPages(ctx); err != nil {
		t.Fatal(err)
	}
	if p, _, ok, err := st.StoredPage(ctx, key, srv.pageEpoch(), day); err != nil || !ok || string(p.Body) != storedMarker {
		t.Fatalf("planted page not stored: %v %v", ok, err)
	}
}

// getPlain fetches a page as a client that does not ask for gzip (the way
// of fastStored); get asks for gzip (the full middleware).
func getPlain(t *testing.T, base, path string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	req.Header.Set("Accept-Encoding", "identity")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// getEach fetches path both ways and fails unless both give the same
// bytes; it gives the body.
func getEach(t *testing.T, ts *httptest.Server, path string) string {
	t.Helper()
	_, zipped := get(t, ts, path)
	_, plain := getPlain(t, ts.URL, path)
	if zipped != plain {
		t.Fatalf("%s: with gzip %.100q, without %.100q", path, zipped, plain)
	}
	return plain
}

// Public decision pages and JSON decisions are rendered once per change
// and then served from the store; every change of content (in this process
// or another), another day and a logged-in visitor get a fresh rendering;
// the stored bytes are the public page (publication gate).
func TestStoredPages(t *testing.T) {
	st := demotest.StoreWithAccounts(t)
	ctx := store.WithActor(context.Background(), "test")
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	// The response cache in memory is off: what is not rendered comes
	// from the store.
	srv.SetResponseCache(-1)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := st.DecisionByNumber(ctx, council.ID, model.DecisionNumber{Year: 2025, Seq: 26})
	if err != nil {
		t.Fatal(err)
	}
	const page, json = "/beschluesse/B-2025/26-IT", "/api/v1/beschluesse/2025/26"

	// Rendered on the first request, stored, the same bytes the second time.
	for _, p := range []string{page, json, "/oparl/v1/body", "/oparl/v1/body/1/paper", "/", "/beschluesse", "/sitzungen",
		"/beschluesse?vor=2025-30&seite=2", "/sitzungen?jahr=2024", "/oparl/v1/body/1/paper?limit=2"} {
		res, first := get(t, ts, p)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", p, res.StatusCode)
		}
		if err := st.FlushPages(ctx); err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(ts.URL)
		stored, _, ok, err := st.StoredPage(ctx, u.Host+"||"+p, srv.pageEpoch(), model.BerlinDate(time.Now()).String())
		if err != nil || !ok || string(stored.Body) != first {
			t.Fatalf("%s not stored as answered (ok %v, err %v)", p, ok, err)
		}
		// From the store, the short way (no gzip asked) and the full
		// way: the same bytes and headers as rendered.
		for _, fetch := range []func() (*http.Response, string){
			func() (*http.Response, string) { return getPlain(t, ts.URL, p) },
			func() (*http.Response, string) { return get(t, ts, p) },
		} {
			again, second := fetch()
			if second != first {
				t.Errorf("%s from the store differs", p)
			}
			for name := range res.Header {
				switch name {
				case "Date", "X-Request-Id", "Content-Length", "Content-Encoding":
					continue
				}
				if again.Header.Get(name) != res.Header.Get(name) {
					t.Errorf("%s from the store: %s %q, rendered %q", p, name, again.Header.Get(name), res.Header.Get(name))
				}
			}
			if again.Header.Get("X-Request-Id") == "" {
				t.Errorf("%s from the store without a request id", p)
			}
			// A current copy is not sent again.
			req, _ := http.NewRequest("GET", ts.URL+p, nil)
			req.Header.Set("Accept-Encoding", "identity")
			req.Header.Set("If-None-Match", res.Header.Get("ETag"))
			nm, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			nm.Body.Close()
			if nm.StatusCode != http.StatusNotModified {
				t.Errorf("%s with its ETag: %d", p, nm.StatusCode)
			}
		}
	}
	if _, body := get(t, ts, json); !strings.Contains(body, `"nummer"`) && !strings.Contains(body, "2025") {
		t.Errorf("JSON decision: %s", body)
	}

	// HEAD of a stored page: its headers, no body.
	req, _ := http.NewRequest("HEAD", ts.URL+page, nil)
	req.Header.Set("Accept-Encoding", "identity")
	head, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(head.Body)
	head.Body.Close()
	if head.StatusCode != 200 || len(b) != 0 || head.Header.Get("ETag") == "" || head.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("HEAD of a stored page: %d, %d bytes, %v", head.StatusCode, len(b), head.Header)
	}

	// A planted page is served: the lookup answers, nothing is rendered.
	plant(t, srv, st, ts.URL, page)
	if body := getEach(t, ts, page); body != storedMarker {
		t.Fatalf("stored page not served: %.200s", body)
	}
	// A logged-in visitor gets the page rendered for them.
	if _, body := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+page, nil); body == storedMarker || !strings.Contains(body, "Beschluss") {
		t.Errorf("logged-in visitor got the stored page: %.200s", body)
	}
	// With a query the page is not taken from the store.
	if _, body := getPlain(t, ts.URL, page+"?x=1"); body == storedMarker || strings.Contains(body, storedMarker) {
		t.Error("a request with a query got the stored page")
	}

	// Every change of content makes the next request render again.
	writes := []struct {
		name  string
		write func(t *testing.T)
		want  string // on the page afterwards
	}{
		{"correction", func(t *testing.T) {
			if _, err := st.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: dec.ID, Title: "Berichtigter Titel der Zuständigkeit", Reason: "Schreibfehler"}); err != nil {
				t.Fatal(err)
			}
		}, "Berichtigter Titel der Zuständigkeit"},
		{"continuation in a later session", func(t *testing.T) { addContinuation(t, st) }, "B-2025/40-IT"},
		{"change by another process", func(t *testing.T) {
			other, err := st.OpenAgain(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			if _, err := other.CorrectDecision(ctx, model.DecisionCorrection{DecisionID: dec.ID, Title: "Zweite Berichtigung von nebenan", Reason: "Import"}); err != nil {
				t.Fatal(err)
			}
		}, "Zweite Berichtigung von nebenan"},
	}
	for _, w := range writes {
		plant(t, srv, st, ts.URL, page)
		w.write(t)
		body := getEach(t, ts, page)
		if body == storedMarker || !strings.Contains(body, w.want) {
			t.Errorf("after %s: stale page or %q missing: %.200s", w.name, w.want, body)
		}
	}

	// The publication gate: the stored page of a decision with internal
	// marks holds none of them; a draft is neither answered nor stored.
	for range 2 {
		body := getEach(t, ts, "/beschluesse/B-2025/40-IT")
		if strings.Contains(body, "Streitpunkt") || strings.Contains(body, "Kostenrahmen") || !strings.Contains(body, "Fortschreibung NOOTS") {
			t.Errorf("decision with internal marks: %.300s", body)
		}
		st.FlushPages(ctx)
	}
	u, _ := url.Parse(ts.URL)
	stored, _, ok, _ := st.StoredPage(ctx, u.Host+"||/beschluesse/B-2025/40-IT", srv.pageEpoch(), model.BerlinDate(time.Now()).String())
	if !ok || strings.Contains(string(stored.Body), "Streitpunkt") || strings.Contains(string(stored.Body), "Kostenrahmen") {
		t.Errorf("stored page with internal marks (stored %v)", ok)
	}
}

// The stored pages keep within their budget of bytes: a page that would
// exceed it is answered but not stored.
func TestStoredPagesBudget(t *testing.T) {
	st := demotest.Store(t)
	ctx := context.Background()
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetResponseCache(-1)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	st.SetPageBudget(4000)
	for _, p := range []string{"/beschluesse/B-2025/26-IT", "/beschluesse", "/sitzungen", "/beschluesse?jahr=2025", "/oparl/v1/body/1/paper"} {
		if res, _ := getPlain(t, ts.URL, p); res.StatusCode != 200 {
			t.Fatalf("%s: %d", p, res.StatusCode)
		}
	}
	if err := st.FlushPages(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := st.StoredPageBytes(ctx)
	if err != nil || n > 4000 {
		t.Errorf("stored %d bytes with a budget of 4000 (%v)", n, err)
	}
	st.SetPageBudget(0)
	getPlain(t, ts.URL, "/beschluesse")
	st.FlushPages(ctx)
	if m, _ := st.StoredPageBytes(ctx); m <= n {
		t.Errorf("with the default budget nothing more was stored (%d bytes, before %d)", m, n)
	}
}
