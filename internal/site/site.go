// Package site knows gremium's canonical public address: the one base URL
// from which every absolute URL that leaves the server is built (OParl ids,
// Atom ids and links, iCalendar URLs, links in mails). OParl requires one
// unchangeable URL per object (OParl 1.1, 2.3), so the address comes from
// the configuration (--public-url, GREMIUM_PUBLIC_URL), never from the Host
// header of a request.
package site

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Public is the canonical public address of an installation, such as
// "https://gremium.example.org" or "https://example.org/gremium". The zero
// value has none and falls back to the address of each request, which is
// only good for tests and local development.
type Public struct {
	base string // without trailing slash
}

// Parse checks a configured public URL: absolute, http or https, no query
// or fragment. A trailing slash is dropped.
func Parse(raw string) (Public, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return Public{}, fmt.Errorf("site: public URL %q: expected an absolute http(s) URL such as https://gremium.example.org", raw)
	}
	return Public{base: strings.TrimRight(u.Scheme+"://"+u.Host+u.EscapedPath(), "/")}, nil
}

// FromListenAddr gives the public URL of a server reachable at its listen
// address ("127.0.0.1:8080" → "http://127.0.0.1:8080"; ":8080" →
// "http://localhost:8080"): the default when none is configured.
func FromListenAddr(addr string) Public {
	if strings.HasPrefix(addr, ":") {
		addr = "localhost" + addr
	}
	return Public{base: "http://" + addr}
}

// IsSet says whether an address is configured.
func (p Public) IsSet() bool { return p.base != "" }

// String gives the configured address without trailing slash ("" if none).
func (p Public) String() string { return p.base }

// Base gives the address without trailing slash: the configured one, or,
// without configuration, the one the request was sent to (honouring a TLS
// proxy's X-Forwarded-Proto).
func (p Public) Base(r *http.Request) string {
	if p.base != "" {
		return p.base
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// URL gives the absolute URL of a path ("/beschluesse/B-2025/26-IT") for a
// request.
func (p Public) URL(r *http.Request, path string) string { return p.Base(r) + path }

// Abs gives the absolute URL of a path outside any request (mails, feeds
// built in the background); without configuration it gives the path.
func (p Public) Abs(path string) string { return p.base + path }
