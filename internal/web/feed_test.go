package web

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/site"
)

// publicServer is the demo server with a configured public URL.
func publicServer(t *testing.T, public string) *httptest.Server {
	t.Helper()
	st := demotest.Store(t)
	addContinuation(t, st)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	p, err := site.Parse(public)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetPublicURL(p)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// getHost sends a GET with a foreign Host header.
func getHost(t *testing.T, ts *httptest.Server, path, host string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), "GET", ts.URL+path, nil)
	req.Host = host
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

var feedLink = regexp.MustCompile(`<a href="(/beschluesse\.atom[^"]*)"`)

// The register's "Atom-Feed dieser Auswahl" link gives the feed of that
// selection (it was percent-encoded to ?be%3dHE%26jahr%3d2025 and served
// the unfiltered feed), and the page links keep the filter too.
func TestRegisterFeedLinkKeepsSelection(t *testing.T) {
	ts := publicServer(t, "https://gremium.example.org")
	_, page := getHost(t, ts, "/beschluesse?be=HB&jahr=2025", "ts.local")
	m := feedLink.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no feed link on the register page")
	}
	href := html.UnescapeString(m[1])
	if href != "/beschluesse.atom?be=HB&jahr=2025" {
		t.Errorf("feed link = %q", href)
	}
	res, body := getHost(t, ts, href, "ts.local")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("feed: %d", res.StatusCode)
	}
	feed, err := gofeed.NewParser().ParseString(body)
	if err != nil {
		t.Fatalf("feed does not parse: %v", err)
	}
	if feed.FeedType != "atom" || len(feed.Items) != 1 || !strings.HasSuffix(feed.Items[0].Link, "/beschluesse/B-2025/40-IT") {
		t.Errorf("selection feed: type %s, %d items", feed.FeedType, len(feed.Items))
	}
}

// Feed ids and links come from the public URL, whatever Host the request
// named; the feed parses as Atom and keeps RFC 4287's rules.
func TestFeedOnPublicURL(t *testing.T) {
	ts := publicServer(t, "https://gremium.example.org")
	for _, host := range []string{"ts.local", "evil.example:8443"} {
		t.Run(host, func(t *testing.T) {
			res, body := getHost(t, ts, "/beschluesse.atom?fachmk=FMK", host)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("feed: %d", res.StatusCode)
			}
			feed, err := gofeed.NewParser().ParseString(body)
			if err != nil {
				t.Fatalf("feed does not parse: %v", err)
			}
			if feed.FeedType != "atom" || feed.Title == "" || feed.UpdatedParsed == nil || len(feed.Authors) == 0 {
				t.Errorf("feed head: %+v", feed)
			}
			if feed.FeedLink != "https://gremium.example.org/beschluesse.atom?fachmk=FMK" || feed.Link != "https://gremium.example.org/beschluesse?fachmk=FMK" {
				t.Errorf("feed links: self %q, alternate %q", feed.FeedLink, feed.Link)
			}
			if len(feed.Items) == 0 {
				t.Fatal("no entries")
			}
			seen := map[string]bool{}
			for _, e := range feed.Items {
				// RFC 4287 4.1.2: every entry has id, title, updated; ids
				// are IRIs that do not repeat.
				if !strings.HasPrefix(e.GUID, "https://gremium.example.org/beschluesse/") || e.Title == "" || e.UpdatedParsed == nil || seen[e.GUID] {
					t.Errorf("entry %+v", e)
				}
				seen[e.GUID] = true
				if !strings.HasPrefix(e.Link, "https://gremium.example.org/") {
					t.Errorf("entry link %q", e.Link)
				}
			}
			if strings.Contains(body, host) {
				t.Errorf("the feed names the request's host %s", host)
			}
		})
	}
}
