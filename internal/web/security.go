package web

// Security plumbing shared by every page: the response headers, notices
// that survive a redirect (signed cookies, never the query string), safe
// redirect targets after login, the client address behind a proxy, and
// the gate that sends an account with a reset password to choose a new
// one.

import (
	"context"
	"encoding/json"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"gremium/internal/auth"
)

// securityHeaders sets the headers every response carries. HSTS only when
// the site is served over TLS (directly or, with --secure-cookies, behind a
// TLS proxy): over plain HTTP a browser ignores it anyway, and a test
// set-up on http://127.0.0.1 must not be pinned to HTTPS.
func (s *Server) securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.setSecurityHeaders(w, r)
		h.ServeHTTP(w, r)
	})
}

// setSecurityHeaders sets the headers of securityHeaders. The values are
// shared slices of length = capacity (an Add elsewhere copies them).
func (s *Server) setSecurityHeaders(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	for _, kv := range securityHeaderValues {
		hd[kv.name] = kv.value
	}
	if r.TLS != nil || s.sessions.Secure {
		hd["Strict-Transport-Security"] = hstsValue
	}
	allowOpenData(hd, r) // cors.go
}

// securityHeaderValues are the headers every response carries, in
// canonical form.
var securityHeaderValues = []struct {
	name  string
	value []string
}{
	{"Content-Security-Policy", []string{"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"}},
	{"X-Content-Type-Options", []string{"nosniff"}},
	{"X-Frame-Options", []string{"DENY"}},
	{"Referrer-Policy", []string{"same-origin"}},
	{"Cross-Origin-Opener-Policy", []string{"same-origin"}},
	{"Permissions-Policy", []string{"accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"}},
}

var hstsValue = []string{"max-age=31536000; includeSubDomains"}

// keyRing loads the server's signing key once from the store.
type keyRing struct {
	mu     sync.Mutex
	signer *auth.Signer
}

// signer gives the signer of notices and login state, loading its key on
// first use.
func (s *Server) signer(ctx context.Context) (*auth.Signer, error) {
	s.keys.mu.Lock()
	defer s.keys.mu.Unlock()
	if s.keys.signer == nil {
		key, err := s.st.ServerKey(ctx, "cookies")
		if err != nil {
			return nil, err
		}
		s.keys.signer = auth.NewSigner(key)
	}
	return s.keys.signer, nil
}

type signerKey struct{}

// withSigner makes the signer available to back and render (notices).
func (s *Server) withSigner(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sg, err := s.signer(r.Context())
		if err != nil {
			// Without a key there are no notices; the pages still work.
			s.log.Error("signing key", "err", err, "request_id", requestID(r))
		} else {
			r = r.WithContext(context.WithValue(r.Context(), signerKey{}, sg))
		}
		h.ServeHTTP(w, r)
	})
}

// noticeCookie holds the notice for the next page; noticeTTL is how long it
// waits to be shown. noticePurpose signs a notice with its kind (notice);
// a notice signed before kinds existed (purpose "hinweis", the text alone)
// is not taken, so none can be read as a kind it was not given.
const (
	noticeCookie  = "gremium_hinweis"
	noticePurpose = "hinweis-mit-art"
	noticeTTL     = 2 * time.Minute
)

// noticeKind is the kind of a notice: an information about what was done,
// or a warning that the page marks as one (its own style, the box an
// alert).
type noticeKind string

// The kinds of a notice.
const (
	noticeInfo    noticeKind = "info"
	noticeWarning noticeKind = "warnung"
)

// notice is the message of the action that led to a page (back,
// backWarning): what was done, and of kind noticeWarning a warning about
// it, which a page shows apart (manage.html) — styled from the kind, never
// from the words of the text.
type notice struct {
	Kind noticeKind `json:"k"`
	// Text says what was done.
	Text string `json:"t"`
	// Lead is a warning's opening words (shown in bold), Warning the rest;
	// both empty for an information.
	Lead    string `json:"l,omitempty"`
	Warning string `json:"w,omitempty"`
}

// IsWarning reports whether the notice is a warning.
func (n notice) IsWarning() bool { return n.Kind == noticeWarning }

// String gives the notice in one text, for the pages that show a notice
// as one paragraph: the text, then the warning; "" for no notice.
func (n notice) String() string {
	return strings.Join(slices.DeleteFunc([]string{n.Text, n.Lead, n.Warning}, func(s string) bool { return s == "" }), " ")
}

// valid reports whether the notice is one that keepNotice keeps: an
// information with a text and no warning, or a warning with both.
func (n notice) valid() bool {
	switch n.Kind {
	case noticeInfo:
		return n.Text != "" && n.Lead == "" && n.Warning == ""
	case noticeWarning:
		return n.Text != "" && n.Warning != ""
	}
	return false
}

// signNotice gives the signed form of a notice: its kind is signed with
// its text, so that a cookie cannot be turned into another kind.
func signNotice(sg *auth.Signer, n notice) string {
	b, _ := json.Marshal(n) // a struct of strings always marshals
	return sg.Sign(noticePurpose, string(b), noticeTTL)
}

// setNotice keeps an information for the next page the browser shows
// (keepNotice).
func setNotice(w http.ResponseWriter, r *http.Request, text string) {
	keepNotice(w, r, notice{Kind: noticeInfo, Text: text})
}

// backWarning redirects after a successful POST (303), as back does, with
// a notice of kind warning: what was done, the warning's opening words
// (lead) and the rest of it.
func backWarning(w http.ResponseWriter, r *http.Request, to, done, lead, warning string) {
	keepNotice(w, r, notice{Kind: noticeWarning, Text: done, Lead: lead, Warning: warning})
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// keepNotice keeps a notice for the next page the browser shows: a signed
// cookie, so that only gremium can put text there (a link with
// ?hinweis=… cannot), nor change its kind.
func keepNotice(w http.ResponseWriter, r *http.Request, n notice) {
	sg, _ := r.Context().Value(signerKey{}).(*auth.Signer)
	if sg == nil || !n.valid() {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: noticeCookie, Value: signNotice(sg, n), Path: "/",
		MaxAge: int(noticeTTL / time.Second), HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || secureRequest(r)})
}

// takeNotice gives the notice kept for this page, if any (the zero notice
// when none), and clears it. A cookie whose signature does not hold, or
// that holds no valid notice, gives none.
func takeNotice(w http.ResponseWriter, r *http.Request) notice {
	c, err := r.Cookie(noticeCookie)
	if err != nil {
		return notice{}
	}
	http.SetCookie(w, &http.Cookie{Name: noticeCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || secureRequest(r)})
	sg, _ := r.Context().Value(signerKey{}).(*auth.Signer)
	if sg == nil {
		return notice{}
	}
	signed, ok := sg.Verify(noticePurpose, c.Value)
	if !ok {
		return notice{}
	}
	var n notice
	if err := json.Unmarshal([]byte(signed), &n); err != nil || !n.valid() {
		return notice{}
	}
	return n
}

type secureKey struct{}

// secureRequest reports whether the server marks cookies Secure
// (--secure-cookies), as withUser notes in the context.
func secureRequest(r *http.Request) bool {
	on, _ := r.Context().Value(secureKey{}).(bool)
	return on
}

// safeNext keeps a redirect target after login on this site: a path
// beginning with one slash. Control characters and spaces are removed
// first (browsers drop tab, CR and LF in URLs, so "/\t/evil.example" would
// become the off-site "//evil.example"), and the target is cleaned of
// backslashes, which some browsers read as slashes.
func safeNext(next string) string {
	next = strings.Map(func(c rune) rune {
		if unicode.IsControl(c) || unicode.IsSpace(c) {
			return -1
		}
		return c
	}, next)
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.User != nil ||
		!strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') {
		return "/"
	}
	return next
}

// SetClientIPHeader names the request header that carries the client's
// address when gremium runs behind a reverse proxy ("X-Forwarded-For" or
// "X-Real-IP"); the login protection and the audit log then count and
// record that address instead of the proxy's. Set it only behind a proxy
// that sets the header: otherwise clients choose their own address. Call
// it before Handler.
func (s *Server) SetClientIPHeader(name string) {
	name = http.CanonicalHeaderKey(strings.TrimSpace(name))
	s.ops.clientIPHeader = name
	if name == "" {
		s.sessions.ClientAddr = auth.PeerAddr
		return
	}
	s.sessions.ClientAddr = func(r *http.Request) string {
		// The last address is the one the trusted proxy added.
		vals := r.Header.Values(name)
		if len(vals) == 0 {
			return auth.PeerAddr(r)
		}
		parts := strings.Split(vals[len(vals)-1], ",")
		if ip, err := netip.ParseAddr(strings.TrimSpace(parts[len(parts)-1])); err == nil {
			return ip.Unmap().String()
		}
		return auth.PeerAddr(r)
	}
}

// SetIdleTimeout sets after how long without a request a login ends
// (default auth.DefaultIdle). Call it before Handler.
func (s *Server) SetIdleTimeout(d time.Duration) {
	if d > 0 {
		s.sessions.Idle = d
	}
}

// passwordChangeAllowed lists what an account that must choose a new
// password may still reach.
func passwordChangeAllowed(r *http.Request) bool {
	p := r.URL.Path
	return p == "/konto/passwort" || p == "/abmelden" || p == "/healthz" || strings.HasPrefix(p, "/static/")
}

// requireAction lets the request on to h only for a user who may take
// the action a at all (Server.require answers the others: the login page,
// the form kept, or 403). routes.go puts it in front of a handler whose
// own check asks only for the member, where the role matters as well: a
// spokesperson of a Land shares its member abbreviation with the Land's
// office but does not act for it.
func (s *Server) requireAction(a auth.Action, h func(http.ResponseWriter, *http.Request)) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, ok := s.require(w, r, a, ""); ok {
			h(w, r)
		}
	}
}
