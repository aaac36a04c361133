package web

import (
	"bytes"
	"compress/gzip"
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
	"gremium/internal/httpcache"
	"gremium/internal/model"
	"gremium/internal/store"
)

// storedMarker is what a planted stored page says: a response with it came
// from the store, not from rendering.
const storedMarker = "AUS-DEM-SPEICHER"

// plant stores a marker page for path as if it had been rendered from the
// current data today by this build, for clients with and without gzip.
func plant(t *testing.T, srv *Server, st *store.Store, base, path string) {
	t.Helper()
	p := plantPlain(t, srv, st, base, path)
	// The marker is short: it has no companion, and one stored before
	// would go before it.
	if _, err := st.DBForTests().ExecContext(context.Background(), `DELETE FROM rendered_pages WHERE key = ?`, gzipKey(p.Key)); err != nil {
		t.Fatal(err)
	}
}

// plantPlain stores the marker page of plant for clients without gzip
// only and gives it.
func plantPlain(t *testing.T, srv *Server, st *store.Store, base, path string) store.RenderedPage {
	t.Helper()
	ctx := context.Background()
	u, _ := url.Parse(base)
	key := u.Host + "||" + path
	day := model.BerlinDate(time.Now()).String()
	_, gen, _, err := st.StoredPage(ctx, key, srv.pageEpoch(), day)
	if err != nil {
		t.Fatal(err)
	}
	p := store.RenderedPage{Key: key, Gen: gen, Epoch: srv.pageEpoch(), Day: day,
		Headers: "Content-Type: text/html; charset=utf-8\n", ETag: `W/"planted"`, Body: []byte(storedMarker)}
	st.StorePage(p)
	if err := st.FlushPages(ctx); err != nil {
		t.Fatal(err)
	}
	if p, _, ok, err := st.StoredPage(ctx, key, srv.pageEpoch(), day); err != nil || !ok || string(p.Body) != storedMarker {
		t.Fatalf("planted page not stored: %v %v", ok, err)
	}
	return p
}

// getPlain fetches a page as a client that does not ask for gzip (the way
// of fastStored); get asks for gzip (the full middleware).
func getPlain(t *testing.T, base, path string) (*http.Response, string) {
	t.Helper()
	res, b := fetchEncoded(t, base, path, "identity")
	return res, string(b)
}

// fetchEncoded fetches a page with the Accept-Encoding given and further
// headers as name and value pairs, and gives the bytes as sent.
func fetchEncoded(t *testing.T, base, path, encoding string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	req.Header.Set("Accept-Encoding", encoding)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

// storedPagesServer serves st with the response cache in memory off: what
// is not rendered comes from the stored pages.
func storedPagesServer(t *testing.T, st *store.Store) (*Server, *httptest.Server) {
	t.Helper()
	return serverWithCache(t, st, -1)
}

// serverWithCache is storedPagesServer with the response cache's budget
// given (SetResponseCache: 0 the default, -1 off).
func serverWithCache(t *testing.T, st *store.Store, cacheBytes int) (*Server, *httptest.Server) {
	t.Helper()
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetResponseCache(cacheBytes)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return srv, ts
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
				case "Etag":
					// Each representation has its own (GzipETag).
					want := plainETag(res.Header.Get(name))
					if again.Uncompressed {
						want = httpcache.GzipETag(want)
					}
					if again.Header.Get(name) != want {
						t.Errorf("%s from the store: ETag %q, want %q", p, again.Header.Get(name), want)
					}
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
			req.Header.Set("If-None-Match", plainETag(res.Header.Get("ETag")))
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
	_, ts := storedPagesServer(t, st)
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

// getGzip fetches a page as a client that asks for gzip (a browser), with
// the bytes as sent.
func getGzip(t *testing.T, base, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	return fetchEncoded(t, base, path, "gzip, deflate, br", header...)
}

// A client that asks for gzip (as browsers do) gets a stored page by the
// short way too: its compressed form is stored once beside the page, not
// compressed on every request; the same bytes, validators and headers as
// rendered.
func TestStoredPagesGzip(t *testing.T) {
	st := demotest.Store(t)
	ctx := context.Background()
	srv, ts := storedPagesServer(t, st)
	u, _ := url.Parse(ts.URL)
	epoch, day := srv.pageEpoch(), model.BerlinDate(time.Now()).String()
	compressed := 0
	for _, p := range []string{"/beschluesse/B-2025/26-IT", "/api/v1/beschluesse/2025/26", "/", "/oparl/v1/body"} {
		res, first := getGzip(t, ts.URL, p)
		_, plain := getPlain(t, ts.URL, p)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", p, res.StatusCode)
		}
		if err := st.FlushPages(ctx); err != nil {
			t.Fatal(err)
		}
		stored, _, ok, err := st.StoredPage(ctx, gzipKey(u.Host+"||"+p), epoch, day)
		if err != nil || !ok {
			t.Fatalf("%s: no page stored for clients that ask for gzip (%v)", p, err)
		}
		if !bytes.Equal(stored.Body, first) {
			t.Errorf("%s: stored for gzip clients are other bytes than answered", p)
		}
		zipped := res.Header.Get("Content-Encoding") == "gzip"
		if got := gunzip(t, first, zipped); got != plain {
			t.Errorf("%s: gzip answer %.80q, plain %.80q", p, got, plain)
		}
		if zipped {
			compressed++
		}
		again, second := getGzip(t, ts.URL, p)
		if !bytes.Equal(second, first) {
			t.Errorf("%s: from the store for a gzip client other bytes", p)
		}
		for _, name := range []string{"Content-Type", "Content-Encoding", "Vary", "ETag", "Cache-Control", "Content-Security-Policy", "Last-Modified"} {
			if again.Header.Get(name) != res.Header.Get(name) {
				t.Errorf("%s from the store: %s %q, rendered %q", p, name, again.Header.Get(name), res.Header.Get(name))
			}
		}
		if nm, _ := getGzip(t, ts.URL, p, "If-None-Match", res.Header.Get("ETag")); nm.StatusCode != http.StatusNotModified {
			t.Errorf("%s with its ETag, asking for gzip: %d", p, nm.StatusCode)
		}
	}
	if compressed == 0 {
		t.Error("no page was compressed")
	}

	// The page stored for gzip clients is what they get: nothing is
	// rendered or compressed.
	const page = "/beschluesse/B-2025/26-IT"
	key := u.Host + "||" + page
	_, gen, _, _ := st.StoredPage(ctx, key, epoch, day)
	marker := store.RenderedPage{Key: key, Gen: gen, Epoch: epoch, Day: day,
		Headers: "Content-Type: text/html; charset=utf-8\n", ETag: `W/"planted"`, Body: []byte(strings.Repeat(storedMarker+" ", 200))}
	srv.storeGzipVariant(marker, "text/html; charset=utf-8")
	st.FlushPages(ctx)
	res, body := getGzip(t, ts.URL, page)
	if got := gunzip(t, body, res.Header.Get("Content-Encoding") == "gzip"); !strings.HasPrefix(got, storedMarker) || res.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("the page stored for gzip clients is not served: %.100q, Vary %q", got, res.Header.Get("Vary"))
	}
	if _, plain := getPlain(t, ts.URL, page); strings.Contains(plain, storedMarker) {
		t.Error("a client without gzip got the page stored for gzip clients")
	}
	// A page stored for clients without gzip only (its companion did not
	// fit the budget then): the first gzip client gets it compressed by
	// httpcache and stores the companion.
	if _, err := st.DBForTests().ExecContext(ctx, `DELETE FROM rendered_pages WHERE key = ?`, gzipKey(key)); err != nil {
		t.Fatal(err)
	}
	marker.Body = []byte(strings.Repeat(storedMarker+" ", 100))
	st.StorePage(marker)
	st.FlushPages(ctx)
	if res, body := getGzip(t, ts.URL, page); res.Header.Get("Content-Encoding") != "gzip" || gunzip(t, body, true) != string(marker.Body) ||
		res.Header.Get("ETag") != `W/"planted+gzip"` {
		t.Fatalf("planted page not served compressed to a gzip client: %q %q %.100q", res.Header.Get("Content-Encoding"), res.Header.Get("ETag"), body)
	}
	st.FlushPages(ctx)
	if p, _, ok, _ := st.StoredPage(ctx, gzipKey(key), epoch, day); !ok || gunzip(t, p.Body, true) != string(marker.Body) || p.ETag != `W/"planted+gzip"` {
		t.Errorf("the companion was not stored from the stored page: %v %q", ok, p.ETag)
	}
	// A short page has no companion: a gzip client gets it as it is,
	// from the store, and nothing is stored for it.
	if _, err := st.DBForTests().ExecContext(ctx, `DELETE FROM rendered_pages WHERE key = ?`, gzipKey(key)); err != nil {
		t.Fatal(err)
	}
	plantPlain(t, srv, st, ts.URL, page)
	if res, body := getGzip(t, ts.URL, page); string(body) != storedMarker || res.Header.Get("Content-Encoding") != "" || res.Header.Get("ETag") != `W/"planted"` {
		t.Fatalf("short planted page to a gzip client: %q %.100q", res.Header.Get("Content-Encoding"), body)
	}
	st.FlushPages(ctx)
	if _, _, ok, _ := st.StoredPage(ctx, gzipKey(key), epoch, day); ok {
		t.Error("a companion stored for a short page")
	}
}

// plainETag gives the validator of the plain representation of an
// answer whose ETag is etag (the gzip representation's, GzipETag, or the
// plain one's).
func plainETag(etag string) string { return strings.Replace(etag, `+gzip"`, `"`, 1) }

// gunzip gives body, decompressed if zipped.
func gunzip(t *testing.T, body []byte, zipped bool) string {
	t.Helper()
	if !zipped {
		return string(body)
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
