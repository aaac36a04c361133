// Package httpcache makes GET responses cacheable and small: it buffers a
// response, gives it a validator (an ETag from its bytes), answers
// conditional requests with 304 Not Modified and compresses text with gzip. Public responses of
// chosen paths are also kept in memory, ready to send, until the data
// changes.
//
// Streams are left alone: a handler that flushes (Server-Sent Events) gets
// its bytes through unbuffered from that moment on.
package httpcache

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"gremium/internal/model"
)

// MinGzip is the smallest body worth compressing, in bytes.
const MinGzip = 1024

// DefaultMaxBytes bounds the memory of the response cache.
const DefaultMaxBytes = 32 << 20

// Options configure Handler.
type Options struct {
	// Version gives a number that changes with every change of the data;
	// nil turns the response cache off.
	Version func() uint64
	// Cacheable says which requests' responses may be kept; only requests
	// without cookie and Authorization (the public) are ever kept.
	Cacheable func(*http.Request) bool
	// MaxBytes bounds the cache; 0 means DefaultMaxBytes.
	MaxBytes int
}

// Handler wraps h as the package comment says.
func Handler(h http.Handler, o Options) http.Handler {
	c := newStore(o.MaxBytes)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.ServeHTTP(w, r)
			return
		}
		now := time.Now()
		day := startOfDay(now)
		keep := o.Version != nil && o.Cacheable != nil && r.Header.Get("Cookie") == "" &&
			r.Header.Get("Authorization") == "" && o.Cacheable(r)
		var key string
		var version uint64
		if keep {
			key = cacheKey(r)
			// Read before rendering: a change during rendering leaves the
			// entry stale, never a stale entry current.
			version = o.Version()
			if p := c.get(key, version, day); p != nil {
				p.serve(w, r)
				return
			}
		}
		rec := &recorder{w: w, status: http.StatusOK, req: r}
		h.ServeHTTP(rec, asGet(r))
		if rec.streaming {
			return
		}
		if rec.status != http.StatusOK || w.Header().Get("Set-Cookie") != "" {
			rec.sendPlain()
			return
		}
		// A response its handler marks no-store is not kept (RFC 9111,
		// 5.2.2.5): it is valid for this request only.
		keep = keep && !noStore(w.Header())
		p := rec.prepare(keep || acceptsGzip(r))
		if keep {
			c.put(key, version, day, p)
		}
		p.serve(w, r)
	})
}

// asGet gives the request a handler is asked for: a HEAD request as the
// GET it stands for. The recorder needs the body to give a HEAD response
// the validator and the length a GET would get (RFC 9110, 9.3.2), and a
// handler such as http.FileServer writes no body for HEAD; the body is
// dropped when the response is sent (prepared.serve, sendPlain).
func asGet(r *http.Request) *http.Request {
	if r.Method != http.MethodHead {
		return r
	}
	g := *r
	g.Method = http.MethodGet
	return &g
}

// noStore tells whether a Cache-Control header forbids keeping the
// response.
func noStore(h http.Header) bool {
	for _, v := range h.Values("Cache-Control") {
		for _, d := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(d), "no-store") {
				return true
			}
		}
	}
	return false
}

// cacheKey names a response: the same path gives different bytes for
// another host or scheme (absolute links in feeds and OParl).
func cacheKey(r *http.Request) string {
	return r.Host + "|" + r.Header.Get("X-Forwarded-Proto") + "|" + r.Method + "|" + r.URL.RequestURI()
}

// ETag gives the validator of a body as this package makes it: a weak tag
// from the body alone — its length and two CRC-32 checksums (Castagnoli
// and IEEE, both computed by the processor at over 10 GB/s) — so that
// it says nothing but whether the bytes changed, the same on every
// instance. Handlers that keep a rendered body set it beforehand, so that
// it is not computed again on every request.
func ETag(body []byte) string {
	var sum [16]byte
	binary.BigEndian.PutUint32(sum[0:], crc32.Checksum(body, castagnoli))
	binary.BigEndian.PutUint32(sum[4:], crc32.ChecksumIEEE(body))
	n := binary.PutUvarint(sum[8:], uint64(len(body)))
	return `W/"` + base64.RawURLEncoding.EncodeToString(sum[:8+n]) + `"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Build names the build of the running program (its executable's path,
// size and time): answers kept or validated across requests are only good
// for the build that made them.
var Build = sync.OnceValue(func() string {
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			return fmt.Sprintf("%s|%d|%d", exe, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return fmt.Sprintf("start|%d", time.Now().UnixNano())
})

// recorder buffers a response until the handler is done or flushes.
type recorder struct {
	w           http.ResponseWriter
	req         *http.Request
	status      int
	wroteHeader bool
	buf         bytes.Buffer
	streaming   bool
}

func (rec *recorder) Header() http.Header { return rec.w.Header() }

func (rec *recorder) WriteHeader(code int) {
	if rec.streaming {
		rec.w.WriteHeader(code)
		return
	}
	if !rec.wroteHeader {
		rec.status, rec.wroteHeader = code, true
	}
}

func (rec *recorder) Write(p []byte) (int, error) {
	if rec.streaming {
		return rec.w.Write(p)
	}
	rec.wroteHeader = true
	if rec.buf.Len() == 0 {
		// Handlers that build their answer first write it at once: one
		// allocation of the right size instead of doubling up to it.
		rec.buf.Grow(len(p))
	}
	return rec.buf.Write(p)
}

// FlushError switches to streaming: what is buffered goes out now and all
// later writes go straight through. http.ResponseController finds it.
func (rec *recorder) FlushError() error {
	if !rec.streaming {
		rec.streaming = true
		rec.w.WriteHeader(rec.status)
		if _, err := rec.w.Write(rec.buf.Bytes()); err != nil {
			return err
		}
		rec.buf.Reset()
	}
	return http.NewResponseController(rec.w).Flush()
}

// Flush is FlushError for callers of http.Flusher.
func (rec *recorder) Flush() { rec.FlushError() }

// Unwrap lets http.ResponseController reach the real writer (deadlines).
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.w }

// prepared is a finished response, ready to be sent again.
type prepared struct {
	header   http.Header
	body, gz []byte // gz is nil if not worth compressing
	etag     string
	modified time.Time
}

func (p *prepared) size() int { return len(p.body) + len(p.gz) + 512 }

// prepare completes the buffered 200 response with its validator and, if
// withGzip, a compressed copy. It sends no Last-Modified of its own: the
// time of the last change of the data would tell the public when
// something internal changed (docs/asvs.md, 8.x); a handler that knows
// the time of what it sends (a document's upload) sets the header itself,
// and If-Modified-Since is answered from it.
func (rec *recorder) prepare(withGzip bool) *prepared {
	h := rec.w.Header()
	// The recorder lives for one request: its buffer becomes the body.
	body := rec.buf.Bytes()
	if h.Get("Content-Type") == "" && len(body) > 0 {
		h.Set("Content-Type", http.DetectContentType(body))
	}
	etag := h.Get("ETag")
	if etag == "" {
		etag = ETag(body)
		h.Set("ETag", etag)
	}
	modified := lastModified(h)
	if h.Get("Cache-Control") == "" {
		// Everyone revalidates; pages for logged-in users stay out of
		// shared caches.
		if rec.req.Header.Get("Cookie") != "" || rec.req.Header.Get("Authorization") != "" {
			h.Set("Cache-Control", "private, no-cache")
		} else {
			h.Set("Cache-Control", "public, no-cache")
		}
	}
	p := &prepared{body: body, etag: etag, modified: modified}
	if h.Get("Content-Encoding") == "" && MayGzip(body, h.Get("Content-Type")) {
		h.Add("Vary", "Accept-Encoding")
		if withGzip {
			if z, ok := Gzipped(body, h.Get("Content-Type")); ok {
				p.gz = z
			}
		}
	}
	h.Del("Content-Length")
	p.header = h.Clone()
	return p
}

// serve sends the response, as 304 if the client's copy is current,
// compressed if the client accepts it.
func (p *prepared) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range p.header {
		h[k] = v
	}
	// The representation is chosen first: its own validator answers the
	// conditional request (GzipETag).
	body, etag := p.body, p.etag
	if p.gz != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body, etag = p.gz, GzipETag(p.etag)
		h.Set("ETag", etag)
	}
	if notModified(r, etag, p.modified) {
		h.Del("Content-Type")
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// sendPlain sends a response that gets no validators (errors, redirects,
// responses that set a cookie).
func (rec *recorder) sendPlain() {
	if rec.w.Header().Get("Content-Type") == "" && rec.buf.Len() > 0 {
		rec.w.Header().Set("Content-Type", http.DetectContentType(rec.buf.Bytes()))
	}
	rec.w.WriteHeader(rec.status)
	if rec.req.Method != http.MethodHead {
		rec.w.Write(rec.buf.Bytes())
	}
}

func compress(body []byte) []byte {
	zb := gzipPool.Get().(*gzipBuffer)
	defer gzipPool.Put(zb)
	zb.buf.Reset()
	zb.w.Reset(&zb.buf)
	zb.w.Write(body)
	zb.w.Close()
	return append([]byte(nil), zb.buf.Bytes()...)
}

type gzipBuffer struct {
	buf bytes.Buffer
	w   *gzip.Writer
}

var gzipPool = sync.Pool{New: func() any {
	zb := &gzipBuffer{}
	zb.w, _ = gzip.NewWriterLevel(&zb.buf, gzip.BestSpeed)
	return zb
}}

// notModified applies RFC 9110 §13.2.2: If-None-Match wins over
// If-Modified-Since; ETags compare weakly. If-Modified-Since counts only
// for an answer with a Last-Modified (modified not zero).
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		want := strings.TrimPrefix(etag, "W/")
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimSpace(tag)
			if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !modified.IsZero() {
		t, err := http.ParseTime(ims)
		return err == nil && !modified.After(t)
	}
	return false
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q := 1.0
			if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
				q, _ = strconv.ParseFloat(v, 64)
			}
			return q > 0
		}
	}
	return false
}

func compressible(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	return strings.HasPrefix(ct, "text/") || strings.HasSuffix(ct, "json") || strings.HasSuffix(ct, "xml") ||
		ct == "application/javascript" || ct == "image/svg+xml"
}

// lastModified gives the Last-Modified a handler set (zero if none or
// unreadable).
func lastModified(h http.Header) time.Time {
	t, err := http.ParseTime(h.Get("Last-Modified"))
	if err != nil {
		return time.Time{}
	}
	return t
}

// AcceptsGzip says whether the client accepts gzip-compressed answers.
func AcceptsGzip(r *http.Request) bool { return acceptsGzip(r) }

// Gzipped gives the body as this package sends it to a client that asks
// for gzip: compressed if it is compressible text of at least MinGzip bytes
// and compressing makes it smaller (compressed true), else as it is.
func Gzipped(body []byte, contentType string) (out []byte, compressed bool) {
	if !MayGzip(body, contentType) {
		return body, false
	}
	if z := compress(body); len(z) < len(body) {
		return z, true
	}
	return body, false
}

// MayGzip says whether this package compresses a body of the content type
// for a client that asks for gzip (if compressing makes it smaller,
// Gzipped): compressible text of at least MinGzip bytes. Such an answer
// varies with Accept-Encoding.
func MayGzip(body []byte, contentType string) bool {
	return len(body) >= MinGzip && compressible(contentType)
}

// ServeKept sends a body kept ready by the caller (a stored page) as this
// package sends the responses it keeps: the validator, 304 Not Modified
// for a current copy, the public Cache-Control and Vary of compressible
// text. The caller has set the content type (and Content-Encoding for a
// body compressed by Gzipped, for a client that asked for gzip) and etag
// is the validator of the representation sent (GzipETag for a compressed
// one); the body goes as it is.
func ServeKept(w http.ResponseWriter, r *http.Request, body []byte, etag string) {
	h := w.Header()
	h.Set("ETag", etag)
	modified := lastModified(h)
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, no-cache")
	}
	if h.Get("Content-Encoding") != "" || MayGzip(body, h.Get("Content-Type")) {
		h.Add("Vary", "Accept-Encoding")
	}
	if notModified(r, etag, modified) {
		h.Del("Content-Type")
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.In(model.Berlin).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, model.Berlin).UTC()
}

// GzipETag gives the validator of the gzip-compressed representation of a
// body whose validator is etag: another representation needs another tag
// (RFC 9110, 8.8.3), lest a cache holding one answer a request for the
// other with it. The suffix goes inside the quotes; "+" occurs in no tag
// of this program (base64url, base36) and so makes no tag of a plain
// representation.
func GzipETag(etag string) string {
	if strings.HasSuffix(etag, `"`) {
		return etag[:len(etag)-1] + `+gzip"`
	}
	return etag + "+gzip"
}
