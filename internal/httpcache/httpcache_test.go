package httpcache

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var page = strings.Repeat("<p>Beschluss des IT-Planungsrats</p>\n", 100)

func serve(t *testing.T, h http.Handler, method, path string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestConditionalAndGzip(t *testing.T) {
	// The handler knows the time of what it sends (as the download of a
	// document does) and says so.
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Last-Modified", "Wed, 02 Jan 2030 03:04:05 GMT")
		fmt.Fprint(w, page)
	}), Options{})

	first := serve(t, h, "GET", "/", nil)
	etag := first.Header().Get("ETag")
	if first.Code != 200 || first.Body.String() != page || etag == "" || first.Header().Get("Last-Modified") != "Wed, 02 Jan 2030 03:04:05 GMT" {
		t.Fatalf("first response: %d %q %q", first.Code, etag, first.Header().Get("Last-Modified"))
	}
	if cc := first.Header().Get("Cache-Control"); cc != "public, no-cache" {
		t.Errorf("Cache-Control = %q", cc)
	}
	if got := serve(t, h, "GET", "/", map[string]string{"If-None-Match": etag}); got.Code != http.StatusNotModified || got.Body.Len() != 0 {
		t.Errorf("If-None-Match current: %d", got.Code)
	}
	if got := serve(t, h, "GET", "/", map[string]string{"If-None-Match": `W/"alt", ` + strings.TrimPrefix(etag, "W/")}); got.Code != http.StatusNotModified {
		t.Errorf("If-None-Match list with strong form: %d", got.Code)
	}
	if got := serve(t, h, "GET", "/", map[string]string{"If-None-Match": `W/"alt"`}); got.Code != 200 || got.Body.String() != page {
		t.Errorf("If-None-Match stale: %d", got.Code)
	}
	if got := serve(t, h, "GET", "/", map[string]string{"If-Modified-Since": "Wed, 02 Jan 2030 03:04:05 GMT"}); got.Code != http.StatusNotModified {
		t.Errorf("If-Modified-Since current: %d", got.Code)
	}
	if got := serve(t, h, "GET", "/", map[string]string{"If-Modified-Since": "Tue, 01 Jan 2030 00:00:00 GMT"}); got.Code != 200 {
		t.Errorf("If-Modified-Since older: %d", got.Code)
	}
	// If-None-Match wins over If-Modified-Since.
	if got := serve(t, h, "GET", "/", map[string]string{"If-None-Match": `W/"alt"`, "If-Modified-Since": "Wed, 02 Jan 2030 03:04:05 GMT"}); got.Code != 200 {
		t.Errorf("If-None-Match must win: %d", got.Code)
	}

	z := serve(t, h, "GET", "/", map[string]string{"Accept-Encoding": "br, gzip"})
	if z.Header().Get("Content-Encoding") != "gzip" || z.Body.Len() >= len(page) || !strings.Contains(z.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("gzip: %q, %d bytes", z.Header().Get("Content-Encoding"), z.Body.Len())
	}
	zr, err := gzip.NewReader(z.Body)
	if err != nil {
		t.Fatal(err)
	}
	if plain, _ := io.ReadAll(zr); string(plain) != page {
		t.Error("gzip body differs")
	}
	if z.Header().Get("ETag") != GzipETag(etag) {
		t.Errorf("the gzip answer's ETag %q, want %q", z.Header().Get("ETag"), GzipETag(etag))
	}
	if got := serve(t, h, "GET", "/", map[string]string{"Accept-Encoding": "gzip;q=0"}); got.Header().Get("Content-Encoding") != "" {
		t.Error("gzip;q=0 must not be compressed")
	}
	head := serve(t, h, "HEAD", "/", nil)
	if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("ETag") != etag {
		t.Errorf("HEAD: %d, %d bytes", head.Code, head.Body.Len())
	}
	if got := serve(t, h, "GET", "/", map[string]string{"Cookie": "gremium_sitzung=x"}); got.Header().Get("Cache-Control") != "private, no-cache" {
		t.Errorf("logged-in Cache-Control = %q", got.Header().Get("Cache-Control"))
	}
}

// An answer gets no Last-Modified its handler did not set: the time of
// the last change of the data would tell the public when something
// internal changed. If-Modified-Since alone then never gives 304 — a
// client's date says nothing about bytes this package only knows by
// their tag.
func TestNoLastModifiedOfItsOwn(t *testing.T) {
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, page) }),
		Options{Version: func() uint64 { return 1 }, Cacheable: func(*http.Request) bool { return true }})
	for _, round := range []string{"rendered", "kept"} {
		got := serve(t, h, "GET", "/", nil)
		if lm := got.Header().Get("Last-Modified"); lm != "" || got.Header().Get("ETag") == "" {
			t.Errorf("%s: Last-Modified %q, ETag %q", round, lm, got.Header().Get("ETag"))
		}
		if got := serve(t, h, "GET", "/", map[string]string{"If-Modified-Since": time.Now().Add(time.Hour).Format(http.TimeFormat)}); got.Code != 200 {
			t.Errorf("%s: If-Modified-Since without Last-Modified: %d", round, got.Code)
		}
	}
}

// The validator depends on the bytes alone: equal bodies, equal tags;
// one byte more or changed, another tag.
func TestETagFromBytes(t *testing.T) {
	a := ETag([]byte(page))
	if a != ETag([]byte(strings.Clone(page))) {
		t.Error("equal bodies, different tags")
	}
	seen := map[string]string{a: "page"}
	for _, other := range []string{page + " ", page[:len(page)-1] + "x", "", strings.Repeat("\x00", 10), strings.Repeat("\x00", 11)} {
		tag := ETag([]byte(other))
		if prev, ok := seen[tag]; ok {
			t.Errorf("%q and %q share the tag %s", prev, other, tag)
		}
		seen[tag] = other
		if !strings.HasPrefix(tag, `W/"`) || !strings.HasSuffix(tag, `"`) || strings.ContainsAny(tag[3:len(tag)-1], `"+`) {
			t.Errorf("tag %s is not a weak tag GzipETag can extend", tag)
		}
	}
}

func TestLeftAlone(t *testing.T) {
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/fehlt":
			http.Error(w, page, http.StatusNotFound)
		case "/anmelden":
			http.SetCookie(w, &http.Cookie{Name: "gremium_sitzung", Value: "neu"})
			fmt.Fprint(w, page)
		default:
			w.Write([]byte(page))
		}
	}), Options{})
	for _, path := range []string{"/fehlt", "/anmelden"} {
		got := serve(t, h, "GET", path, map[string]string{"If-None-Match": "*"})
		if got.Code == http.StatusNotModified || got.Header().Get("ETag") != "" {
			t.Errorf("%s: %d, ETag %q", path, got.Code, got.Header().Get("ETag"))
		}
	}
	if got := serve(t, h, "POST", "/", map[string]string{"Accept-Encoding": "gzip"}); got.Header().Get("ETag") != "" || got.Body.String() != page {
		t.Error("POST must pass through")
	}
	if ct := serve(t, h, "GET", "/", nil).Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/") {
		t.Errorf("sniffed Content-Type = %q", ct)
	}
}

// A handler that flushes streams; nothing waits for its end.
func TestStreamsPassThrough(t *testing.T) {
	release := make(chan struct{})
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "data: eins\n\n")
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("flush: %v", err)
		}
		<-release
		fmt.Fprint(w, "data: zwei\n\n")
	}), Options{})
	ts := httptest.NewServer(h)
	defer ts.Close()
	req, _ := http.NewRequest("GET", ts.URL, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	buf := make([]byte, len("data: eins\n\n"))
	if _, err := io.ReadFull(res.Body, buf); err != nil || !bytes.Equal(buf, []byte("data: eins\n\n")) {
		t.Fatalf("first event before the handler ended: %q %v", buf, err)
	}
	if res.Header.Get("ETag") != "" || res.Header.Get("Content-Encoding") != "" {
		t.Error("a stream gets neither ETag nor gzip")
	}
	close(release)
	rest, _ := io.ReadAll(res.Body)
	if string(rest) != "data: zwei\n\n" {
		t.Errorf("rest = %q", rest)
	}
}

func TestResponseCache(t *testing.T) {
	calls := 0
	var version uint64 = 1
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "%s %d %s", r.Host, version, page)
	}), Options{
		Version:   func() uint64 { return version },
		Cacheable: func(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/beschluesse") },
	})
	first := serve(t, h, "GET", "/beschluesse/B-2025/26-IT", nil)
	second := serve(t, h, "GET", "/beschluesse/B-2025/26-IT", map[string]string{"Accept-Encoding": "gzip"})
	if calls != 1 || GzipETag(first.Header().Get("ETag")) != second.Header().Get("ETag") || second.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("second request: %d renderings, gzip %q", calls, second.Header().Get("Content-Encoding"))
	}
	if got := serve(t, h, "GET", "/beschluesse/B-2025/26-IT", map[string]string{"If-None-Match": first.Header().Get("ETag")}); got.Code != http.StatusNotModified || calls != 1 {
		t.Errorf("conditional hit: %d, %d renderings", got.Code, calls)
	}
	serve(t, h, "GET", "/beschluesse/B-2025/26-IT", map[string]string{"Cookie": "gremium_sitzung=x"})
	serve(t, h, "GET", "/sitzungen/47", nil)
	serve(t, h, "GET", "/sitzungen/47", nil)
	if calls != 4 {
		t.Errorf("logged-in and uncacheable requests must render: %d renderings, want 4", calls)
	}
	version++
	if got := serve(t, h, "GET", "/beschluesse/B-2025/26-IT", nil); calls != 5 || !strings.Contains(got.Body.String(), " 2 ") {
		t.Errorf("after a change: %d renderings", calls)
	}
	r := httptest.NewRequest("GET", "/beschluesse/B-2025/26-IT", nil)
	r.Host = "anders.example"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if calls != 6 || !strings.HasPrefix(w.Body.String(), "anders.example") {
		t.Errorf("another host shares the entry: %d renderings", calls)
	}
}

func TestCacheBudget(t *testing.T) {
	c := newStore(8 * 4096)
	day := time.Now()
	for i := 0; i < 100; i++ {
		c.put(fmt.Sprint(i), 1, day, &prepared{body: make([]byte, 3000)})
	}
	if c.use > c.max || len(c.byKey) != c.order.Len() || c.get("99", 1, day) == nil || c.get("0", 1, day) != nil {
		t.Errorf("budget %d, use %d, %d entries", c.max, c.use, len(c.byKey))
	}
	if c.get("99", 2, day) != nil || c.get("99", 1, day) != nil {
		t.Error("an entry of an old version must go")
	}
}

// TestNoStoreIsNotKept: a response its handler marks Cache-Control:
// no-store (the search page while the index is rebuilt) is answered but
// not kept, so the next request renders again.
func TestNoStoreIsNotKept(t *testing.T) {
	calls := 0
	h := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprint(w, page)
	}), Options{
		Version:   func() uint64 { return 1 },
		Cacheable: func(*http.Request) bool { return true },
	})
	for range 2 {
		if got := serve(t, h, "GET", "/suche?q=x", nil); got.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("Cache-Control %q, want the handler's no-store", got.Header().Get("Cache-Control"))
		}
	}
	if calls != 2 {
		t.Errorf("%d renderings of a no-store response asked twice, want 2", calls)
	}
}

// TestGzipOwnETag: the gzip answer is another representation (RFC 9110,
// 8.8.3) and has a validator of its own; a conditional request is
// answered 304 only when it names the tag of the representation that
// would be sent, and both carry Vary: Accept-Encoding. The same for
// answers compressed on every request, answers kept by the response
// cache and answers whose handler sets its own ETag (OParl).
func TestGzipOwnETag(t *testing.T) {
	content := func(etag string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if etag != "" {
				w.Header().Set("ETag", etag)
			}
			fmt.Fprint(w, page)
		})
	}
	kept := Options{Version: func() uint64 { return 1 }, Cacheable: func(*http.Request) bool { return true }}
	for name, h := range map[string]http.Handler{
		"compressed per request": Handler(content(""), Options{}),
		"response cache":         Handler(content(""), kept),
		"handler's own ETag":     Handler(content(`W/"o7-abc"`), Options{}),
		"own ETag, kept":         Handler(content(`"strong"`), kept),
	} {
		gz := map[string]string{"Accept-Encoding": "gzip"}
		plain := serve(t, h, "GET", "/x", nil)
		zipped := serve(t, h, "GET", "/x", gz)
		pe, ze := plain.Header().Get("ETag"), zipped.Header().Get("ETag")
		if zipped.Header().Get("Content-Encoding") != "gzip" || pe == "" || ze == pe || ze != GzipETag(pe) {
			t.Errorf("%s: ETag plain %q, gzip %q (%q)", name, pe, ze, zipped.Header().Get("Content-Encoding"))
		}
		for _, res := range []*httptest.ResponseRecorder{plain, zipped} {
			if res.Header().Get("Vary") != "Accept-Encoding" {
				t.Errorf("%s: Vary %q", name, res.Header().Get("Vary"))
			}
		}
		for _, c := range []struct {
			gzip bool
			inm  string
			want int
			etag string
		}{
			{false, pe, http.StatusNotModified, pe},
			{false, ze, http.StatusOK, pe},
			{true, ze, http.StatusNotModified, ze},
			{true, pe, http.StatusOK, ze},
			{true, pe + ", " + ze, http.StatusNotModified, ze},
			{false, ze + ", " + pe, http.StatusNotModified, pe},
		} {
			hd := map[string]string{"If-None-Match": c.inm}
			if c.gzip {
				hd["Accept-Encoding"] = "gzip"
			}
			got := serve(t, h, "GET", "/x", hd)
			if got.Code != c.want || got.Header().Get("ETag") != c.etag || got.Header().Get("Vary") != "Accept-Encoding" {
				t.Errorf("%s: gzip %v, If-None-Match %s: %d ETag %q Vary %q, want %d %q", name, c.gzip, c.inm, got.Code, got.Header().Get("ETag"), got.Header().Get("Vary"), c.want, c.etag)
			}
		}
	}
	if got := GzipETag(`W/"abc"`); got != `W/"abc+gzip"` {
		t.Errorf("GzipETag = %q", got)
	}
}

// TestHeadAsGet: a HEAD request gets the headers a GET would get (RFC 9110,
// 9.3.2), also from a handler that writes no body for HEAD, as
// http.FileServer does. Before, the validator and the length were those of
// the empty body: a HEAD of /static/live.js said "Content-Length: 0" and an
// ETag no GET ever sent.
func TestHeadAsGet(t *testing.T) {
	h := Handler(http.FileServerFS(fstest.MapFS{"live.js": {Data: []byte(page)}}), Options{})
	get := serve(t, h, "GET", "/live.js", nil)
	head := serve(t, h, "HEAD", "/live.js", nil)
	if get.Code != 200 || head.Code != 200 {
		t.Fatalf("GET %d, HEAD %d", get.Code, head.Code)
	}
	if head.Body.Len() != 0 {
		t.Errorf("HEAD sent %d bytes of body", head.Body.Len())
	}
	for _, k := range []string{"ETag", "Content-Length", "Content-Type", "Last-Modified"} {
		if g, h := get.Header().Get(k), head.Header().Get(k); g != h {
			t.Errorf("%s: GET %q, HEAD %q", k, g, h)
		}
	}
	if n := get.Header().Get("Content-Length"); n != strconv.Itoa(len(page)) {
		t.Errorf("Content-Length = %q, want %d", n, len(page))
	}
}

// BenchmarkETag measures the validator of an OParl list page's size
// (100 KB): docs/performance.md, "Validators from the bytes alone".
func BenchmarkETag(b *testing.B) {
	body := bytes.Repeat([]byte(`{"id":"https://example.org/oparl/v1/paper/1","type":"https://schema.oparl.org/1.1/Paper"},`), 100<<10/90)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		ETag(body)
	}
}
