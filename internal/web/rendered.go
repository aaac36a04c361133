package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"gremium/internal/api"
	"gremium/internal/httpcache"
	"gremium/internal/model"
	"gremium/internal/oparl"
	"gremium/internal/store"
)

// Public pages rendered once per change: the public pages of storedPage
// (decision pages, JSON decisions, the register, the start page, the
// session list, OParl) are stored in the database (store.StorePage) the
// first time the public asks for them after a change, and served from
// there with one lookup until the next change of content, the next day or
// another build or configuration of the program (docs/performance.md,
// "Rendered once per change"). What is stored is exactly what the handler answered the public
// — rendered for a visitor without login, through the publication gate —
// so nothing reaches the public that the handler would not give it.

// storedHeaders are the headers of a stored page's response that its
// handler sets and that are kept with its bytes.
var storedHeaders = []string{"Content-Type", "Access-Control-Allow-Origin", "Link"}

// SetStoredPages turns pages rendered once per change on (the default) or
// off (every request renders; for benchmarks). Call it before Handler.
func (s *Server) SetStoredPages(on bool) { s.noStoredPages = !on }

// storedPage says whether the request is for a page kept rendered: a
// public GET or HEAD of the start page, the register and the session list
// (with the queries of storedQuery: filters, keyset, year), a decision
// page and a JSON decision (without query), or OParl (objects without
// query, list pages with the queries of oparlStoredQuery). Addresses with
// a query are not bounded by the data: the store bounds the bytes of the
// stored pages (store.DefaultPageBudget).
func storedPage(r *http.Request) bool {
	if (r.Method != http.MethodGet && r.Method != http.MethodHead) ||
		r.Header.Get("Cookie") != "" || r.Header.Get("Authorization") != "" {
		return false
	}
	// A path spelt with escapes its links never use (/oparl/v1/body/%31/
	// paper, /beschl%75esse): the same page under another key each, so
	// rendered per request and never stored.
	// (url.URL keeps RawPath only for a spelling other than the path's
	// own escaping.)
	if r.URL.RawPath != "" {
		return false
	}
	p := r.URL.Path
	switch p {
	case "/":
		return r.URL.RawQuery == ""
	case "/beschluesse", "/sitzungen":
		return storedQuery(listParams[p], r.URL.RawQuery)
	}
	if rest, ok := strings.CutPrefix(p, "/oparl/v1/"); ok {
		return r.URL.RawQuery == "" || oparlListPath(rest) && oparlStoredQuery(r.URL.RawQuery)
	}
	if r.URL.RawQuery != "" {
		return false
	}
	if rest, ok := strings.CutPrefix(p, "/beschluesse/"); ok {
		return rest != ""
	}
	if rest, ok := strings.CutPrefix(p, "/api/v1/beschluesse/"); ok {
		return strings.Count(rest, "/") == 1
	}
	return false
}

// listParams are the parameters of the list pages kept rendered with
// their query: the register's filters but its full text (q), page and
// keyset, the session list's year and keyset.
var listParams = map[string][]string{
	"/beschluesse": {"jahr", "thema", "fachmk", "be", "art", "umsetzung", "verfahren", "seite", "vor", "nach"},
	"/sitzungen":   {"jahr", "vor"},
}

// MaxStoredQuery bounds the query of a list page kept rendered, in bytes:
// the longest real selection of the register is far shorter.
const MaxStoredQuery = 200

// storedQuery says whether a list page with the query raw is kept
// rendered: a query of at most MaxStoredQuery bytes that names each
// parameter at most once and only those of params (and an empty q=, as
// the register's form sends it). Anything else is rendered for each
// request and never stored — a full-text filter (?q= with words:
// arbitrary words, like the site search, which is never stored) or a
// made-up parameter (?x=1, ?x=2, …) would each add a page and its gzip
// companion to rendered_pages. Values that cannot match (an unknown
// member, FachMK or topic, an impossible year) are answered 400 or 404
// and so not stored either (storedPages keeps 200 only).
func storedQuery(params []string, raw string) bool {
	return storableQuery(raw, func(name, value string) bool {
		// The register's form sends its text field empty (q=) with
		// every choice.
		return slices.Contains(params, name) || name == "q" && value == ""
	})
}

// storableQuery says whether a page with the query raw may be kept
// rendered: at most MaxStoredQuery bytes, parsed, each parameter named
// once, and each name with its value taken by ok. The list pages and the
// OParl lists differ only in ok.
func storableQuery(raw string, ok func(name, value string) bool) bool {
	if len(raw) > MaxStoredQuery {
		return false
	}
	v, err := url.ParseQuery(raw)
	if err != nil {
		return false
	}
	for name, values := range v {
		if len(values) > 1 || !ok(name, values[0]) {
			return false
		}
	}
	return true
}

// oparlListPath says whether rest, an OParl path after "/oparl/v1/",
// names a list: the bodies, a list of the body or the meetings of an
// organization (the routes of api.Server.Register).
func oparlListPath(rest string) bool {
	segs := strings.Split(rest, "/")
	switch len(segs) {
	case 1:
		return segs[0] == "body"
	case 3:
		return segs[0] == "body" && oparl.Lists[segs[2]] != "" ||
			segs[0] == "organization" && segs[2] == "meeting"
	}
	return false
}

// oparlStoredQuery says whether an OParl list page with the query raw is
// kept rendered: a query of at most MaxStoredQuery bytes that names only
// the parameters the lists read (oparl.Params), each once and each in the
// one spelling the list's own links use — limit a number from 1 to
// api.MaxPerPage without leading zeros, omit_internal=true, after a page
// key as the list writes it, a time filter as RFC 3339 writes it. Any
// other spelling answers what a stored page answers (limit=02 is limit=2,
// limit=1000 is the largest page, omit_internal=x is none) and would
// add a page and its gzip companion to rendered_pages per made-up value:
// it is rendered for each request and never stored. A query the list
// refuses (400) is not stored either (storedPages keeps 200 only). The
// query arrives here in its canonical form already (oparlCanonical
// leaves out unknown parameters); the names are checked again so that
// nothing depends on the order of the middleware.
func oparlStoredQuery(raw string) bool {
	return storableQuery(raw, oparlStoredValue)
}

// oparlStoredValue says whether the OParl list parameter name has value
// in the one spelling the list's own links use (oparlStoredQuery).
func oparlStoredValue(name, val string) bool {
	switch {
	case !slices.Contains(oparl.Params, name):
		return false
	case name == "limit":
		n, err := strconv.Atoi(val)
		return err == nil && n >= 1 && n <= api.MaxPerPage && strconv.Itoa(n) == val
	case name == "omit_internal":
		return val == "true"
	case name == "after":
		c, err := store.ParseOParlCursor(val)
		return err == nil && c.String() == val
	case slices.Contains(oparl.TimeParams, name):
		t, err := time.Parse(time.RFC3339, val)
		return err == nil && t.Format(time.RFC3339) == val
	}
	return false
}

// pageKey names what a stored page answers: host, scheme, path and query.
func pageKey(r *http.Request) string {
	return r.Host + "|" + r.Header.Get("X-Forwarded-Proto") + "|" + r.URL.RequestURI()
}

// gzipKey names the stored page a client that asks for gzip gets for the
// page of key (gzipVariant). No key of pageKey ends in " gzip": a request
// target holds no space.
func gzipKey(key string) string { return key + " gzip" }

// gzipVariant gives the stored page a client that asks for gzip gets in
// place of p, its companion: its body compressed as httpcache compresses
// answers, with Content-Encoding and the validator of that representation
// (httpcache.GzipETag). ok is false where httpcache would send p as it is
// (short, not text, or no smaller compressed): then no companion is
// stored, and such a client gets p itself (store.StoredPageOr). Stored
// beside p, it answers such a client, as most are, with one lookup too,
// and nothing is compressed per request.
func gzipVariant(p store.RenderedPage, contentType string) (z store.RenderedPage, ok bool) {
	body, compressed := httpcache.Gzipped(p.Body, contentType)
	if !compressed {
		return p, false
	}
	p.Key, p.Body, p.ETag = gzipKey(p.Key), body, httpcache.GzipETag(p.ETag)
	p.Headers += "Content-Encoding: gzip\n"
	return p, true
}

// storeGzipVariant stores the companion of p if it has one (gzipVariant).
func (s *Server) storeGzipVariant(p store.RenderedPage, contentType string) {
	if z, ok := gzipVariant(p, contentType); ok {
		s.st.StorePage(z)
	}
}

// storedHeader gives the value of a header kept with a stored page.
func storedHeader(p store.RenderedPage, name string) string {
	for _, line := range strings.Split(p.Headers, "\n") {
		if n, value, ok := strings.Cut(line, ": "); ok && strings.EqualFold(n, name) {
			return value
		}
	}
	return ""
}

// renderEpoch names the build of the program: stored pages of another
// build are not served (templates and handlers may have changed).
var renderEpoch = httpcache.Build

// pageEpoch names what besides the data a stored page depends on: the
// build, the public address and the data license of the configuration.
func (s *Server) pageEpoch() string {
	return renderEpoch() + "|" + s.site.String() + "|" + s.license
}

// storedPages serves the pages of storedPage from the store, rendering
// and storing those not stored for the current data.
func (s *Server) storedPages(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.noStoredPages || !storedPage(r) {
			h.ServeHTTP(w, r)
			return
		}
		key := pageKey(r)
		epoch, day := s.pageEpoch(), model.BerlinDate(s.clock()).String()
		p, gen, ok, err := s.st.StoredPage(r.Context(), key, epoch, day)
		if err != nil {
			s.log.Error("stored page", "err", err)
			h.ServeHTTP(w, r)
			return
		}
		if ok {
			hd := w.Header()
			for _, line := range strings.Split(p.Headers, "\n") {
				if name, value, ok := strings.Cut(line, ": "); ok {
					hd.Set(name, value)
				}
			}
			hd.Set("ETag", p.ETag)
			if httpcache.AcceptsGzip(r) && r.Method == http.MethodGet {
				// fastStored found no companion for such a client: it is
				// stored now, from these bytes (httpcache compresses them
				// for this answer).
				s.storeGzipVariant(p, hd.Get("Content-Type"))
			}
			w.WriteHeader(http.StatusOK)
			if r.Method != http.MethodHead {
				w.Write(p.Body)
			}
			return
		}
		rec := &pageRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		if rec.status != http.StatusOK || r.Method != http.MethodGet || w.Header().Get("Set-Cookie") != "" || rec.buf.Len() == 0 {
			return
		}
		var headers strings.Builder
		for _, name := range storedHeaders {
			if v := w.Header().Get(name); v != "" {
				headers.WriteString(name + ": " + v + "\n")
			}
		}
		body := rec.buf.Bytes()
		etag := w.Header().Get("ETag") // the handler's own validator, if any
		if etag == "" {
			etag = httpcache.ETag(body)
		}
		page := store.RenderedPage{Key: key, Gen: gen, Epoch: epoch, Day: day,
			Headers: headers.String(), ETag: etag, Body: body}
		s.st.StorePage(page)
		s.storeGzipVariant(page, w.Header().Get("Content-Type"))
	})
}

// pageRecorder passes a response through and keeps a copy of its body.
type pageRecorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (rec *pageRecorder) WriteHeader(code int) {
	rec.status = code
	rec.ResponseWriter.WriteHeader(code)
}

func (rec *pageRecorder) Write(p []byte) (int, error) {
	rec.buf.Write(p)
	return rec.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the writer below.
func (rec *pageRecorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// fastStored answers a public request for a stored page before the rest
// of the middleware (user lookup, signer, cross-origin check, response
// buffering): the security headers, a request id, the stored bytes with
// their validators (httpcache.ServeKept) — to a client that asks for gzip
// the page's gzipVariant, compressed once when it was stored, or the page
// itself where compressing does not make it smaller. Everything
// else — a miss, a logged-in visitor — takes the full way.
func (s *Server) fastStored(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.noStoredPages || !storedPage(r) {
			next.ServeHTTP(w, r)
			return
		}
		key := pageKey(r)
		epoch, day := s.pageEpoch(), model.BerlinDate(s.clock()).String()
		var p store.RenderedPage
		var ok bool
		var err error
		if httpcache.AcceptsGzip(r) {
			p, _, ok, err = s.st.StoredPageOr(r.Context(), gzipKey(key), key, epoch, day)
			// The page itself where it has a companion that is not
			// stored (yet, or over the budget): the full way compresses
			// this answer and stores the companion.
			ok = ok && (p.Key != key || !httpcache.MayGzip(p.Body, storedHeader(p, "Content-Type")))
		} else {
			p, _, ok, err = s.st.StoredPage(r.Context(), key, epoch, day)
		}
		if err != nil || !ok {
			next.ServeHTTP(w, r)
			return
		}
		s.setSecurityHeaders(w, r)
		hd := w.Header()
		id := newRequestID()
		hd["X-Request-Id"] = []string{id}
		for _, line := range strings.Split(p.Headers, "\n") {
			if name, value, ok := strings.Cut(line, ": "); ok {
				hd.Set(name, value)
			}
		}
		httpcache.ServeKept(w, r, p.Body, p.ETag)
		if s.log.Enabled(r.Context(), slog.LevelDebug) {
			s.log.Debug("request", "method", r.Method, "path", logPath(r), "status", http.StatusOK, "stored", true, "request_id", id)
		}
	})
}
