package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"gremium/internal/demo/demotest"
	"gremium/internal/httpcache"
	"gremium/internal/model"
)

// TestStoredCompanionOnlySmaller: a stored page gets a companion for
// clients that ask for gzip only when compressing makes it smaller; a
// short page (the JSON decision of the demo, below httpcache.MinGzip) is
// stored once and such a client gets it as it is, from the store.
func TestStoredCompanionOnlySmaller(t *testing.T) {
	st := demotest.Store(t)
	ctx := context.Background()
	srv, ts := storedPagesServer(t, st)
	u, _ := url.Parse(ts.URL)
	epoch, day := srv.pageEpoch(), model.BerlinDate(time.Now()).String()
	const short, long = "/api/v1/beschluesse/2025/19", "/beschluesse/B-2025/26-IT"
	for _, p := range []string{short, long} {
		getGzip(t, ts.URL, p)
	}
	if err := st.FlushPages(ctx); err != nil {
		t.Fatal(err)
	}
	var sum int64
	for _, p := range []string{short, long} {
		key := u.Host + "||" + p
		plain, _, ok, err := st.StoredPage(ctx, key, epoch, day)
		if err != nil || !ok {
			t.Fatalf("%s: not stored (%v)", p, err)
		}
		sum += int64(len(plain.Body))
		z, _, zok, err := st.StoredPage(ctx, gzipKey(key), epoch, day)
		if err != nil {
			t.Fatal(err)
		}
		if p == short {
			if len(plain.Body) >= httpcache.MinGzip {
				t.Fatalf("%s has %d bytes: not short", p, len(plain.Body))
			}
			if zok {
				t.Errorf("%s: a companion of %d bytes stored for a page of %d", p, len(z.Body), len(plain.Body))
			}
			continue
		}
		if !zok || len(z.Body) >= len(plain.Body) || z.ETag != httpcache.GzipETag(plain.ETag) {
			t.Errorf("%s: companion %v, %d bytes for %d, ETag %q for %q", p, zok, len(z.Body), len(plain.Body), z.ETag, plain.ETag)
		}
		sum += int64(len(z.Body))
	}
	if n, err := st.StoredPageBytes(ctx); err != nil || n != sum {
		t.Errorf("the stored pages take %d bytes, the pages and the one companion %d (%v)", n, sum, err)
	}
	// The short page is served to a gzip client from the store (a
	// planted body proves it) as it is.
	plantPlain(t, srv, st, ts.URL, short)
	res, body := getGzip(t, ts.URL, short)
	if string(body) != storedMarker || res.Header.Get("Content-Encoding") != "" || res.Header.Get("ETag") != `W/"planted"` {
		t.Errorf("%s to a gzip client: %.80q, Content-Encoding %q, ETag %q", short, body, res.Header.Get("Content-Encoding"), res.Header.Get("ETag"))
	}
}

// TestGzipOwnETagEverywhere: every answer gremium compresses — stored
// pages (by the short way and the full one), OParl, the feeds, the
// calendars, the JSON API, a page compressed on each request — has an
// ETag of its own for the gzip representation, Vary: Accept-Encoding
// with both, and a conditional request is answered 304 only for the tag
// of the representation that would be sent.
func TestGzipOwnETagEverywhere(t *testing.T) {
	st := demotest.Store(t)
	for _, cache := range []int{-1, 0} {
		_, ts := serverWithCache(t, st, cache)
		for _, p := range []string{"/beschluesse/B-2025/26-IT", "/", "/beschluesse", "/sitzungen", "/oparl/v1/body", "/oparl/v1/body/1/paper",
			"/beschluesse.atom", "/sitzungen.ics", "/api/v1/beschluesse", "/api/v1/beschluesse/2025/26", "/suche?q=Cloud", "/fachmk"} {
			for round := range 2 { // rendered, then stored (or kept)
				plain, _ := getPlain(t, ts.URL, p)
				zipped, _ := getGzip(t, ts.URL, p)
				pe, ze := plain.Header.Get("ETag"), zipped.Header.Get("ETag")
				if plain.StatusCode != 200 || zipped.StatusCode != 200 || pe == "" {
					t.Fatalf("%s: %d %d, ETag %q", p, plain.StatusCode, zipped.StatusCode, pe)
				}
				if zipped.Header.Get("Content-Encoding") != "gzip" {
					t.Errorf("cache %d, round %d, %s: not compressed", cache, round, p)
					continue
				}
				if ze != httpcache.GzipETag(pe) {
					t.Errorf("cache %d, round %d, %s: ETag plain %q, gzip %q", cache, round, p, pe, ze)
				}
				if plain.Header.Get("Vary") != "Accept-Encoding" || zipped.Header.Get("Vary") != "Accept-Encoding" {
					t.Errorf("cache %d, round %d, %s: Vary %q and %q", cache, round, p, plain.Header.Get("Vary"), zipped.Header.Get("Vary"))
				}
				for _, c := range []struct {
					gzip bool
					inm  string
					want int
				}{{true, ze, http.StatusNotModified}, {true, pe, http.StatusOK}, {false, ze, http.StatusOK}, {false, pe, http.StatusNotModified}} {
					enc := "identity"
					if c.gzip {
						enc = "gzip"
					}
					if res, _ := fetchEncoded(t, ts.URL, p, enc, "If-None-Match", c.inm); res.StatusCode != c.want {
						t.Errorf("cache %d, round %d, %s, %s, If-None-Match %s: %d, want %d", cache, round, p, enc, c.inm, res.StatusCode, c.want)
					}
				}
			}
			if err := st.FlushPages(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
	}
}
