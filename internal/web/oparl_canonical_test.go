package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gremium/internal/oparl"
)

// oparlGet GETs path (with its raw query) from the test server without
// following redirects.
func oparlGet(t *testing.T, base, path string) (int, http.Header, map[string]any) {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), "GET", base+path, nil)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var v map[string]any
	json.Unmarshal(b, &v)
	return res.StatusCode, res.Header, v
}

// TestOParlCanonicalURLs: docs/api.md promises one canonical form of every
// OParl path and query (chapter 2.3). Before, /oparl/v1/Paper/5 and
// /oparl/v1/paper/5/ were not found (only leading zeros were redirected), a
// date-time with an unencoded "+" was linked as `…18+01%3A00` beside the
// `%2B01%3A00` form, unknown parameters were copied into the links, and a
// page key of the unfiltered list given to a filtered one started the list
// again instead of being refused.
func TestOParlCanonicalURLs(t *testing.T) {
	const public = "https://gremium.example.org"
	ts, st := publicServer(t, public)
	ctx := context.Background()
	body, err := st.OParlBodyID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	list := fmt.Sprintf("/oparl/v1/body/%d/paper", body)
	code, _, page := oparlGet(t, ts.URL, list+"?limit=1")
	data, _ := page["data"].([]any)
	if code != http.StatusOK || len(data) != 1 {
		t.Fatalf("paper list: %d %v", code, page)
	}
	id := data[0].(map[string]any)["id"].(string)
	n := id[strings.LastIndex(id, "/")+1:]

	// 3: case and slashes are part of the canonical path.
	for path, want := range map[string]string{
		"/oparl/v1/Paper/" + n:        id,
		"/oparl/v1/paper/" + n + "/":  id,
		"/oparl/v1//paper/00" + n:     id,
		"/OParl/v1/paper/" + n:        id,
		strings.ToLower(list) + "/":   public + list,
		list + "/?limit=2&foo=bar":    public + list + "?limit=2",
		"/oparl/v1/body/1/AgendaItem": public + "/oparl/v1/body/1/agendaItem",
		"/oparl/v1/":                  public + "/oparl/v1",
	} {
		code, hd, _ := oparlGet(t, ts.URL, path)
		if code != http.StatusMovedPermanently || hd.Get("Location") != want {
			t.Errorf("%s: %d to %q, want 301 to %s", path, code, hd.Get("Location"), want)
		}
	}
	for _, path := range []string{"/oparl/v1/Gibtsnicht/" + n, "/oparl/v1/paper/x" + n, "/oparl/v1/paper/" + n + "/consultation"} {
		if code, _, e := oparlGet(t, ts.URL, path); code != http.StatusNotFound || e["type"] != oparl.NS+"Error" {
			t.Errorf("%s: %d %v, want 404 with an error object", path, code, e)
		}
	}

	// 2: one canonical query: "+" unencoded or encoded, unknown
	// parameters left out of the links.
	since := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02T15:04:05") + "+01:00"
	want := public + list + "?limit=1&modified_since=" + url.QueryEscape(since)
	var links []map[string]any
	for _, q := range []string{"modified_since=" + since + "&limit=1", "limit=1&modified_since=" + url.QueryEscape(since) + "&foo=bar&utm_source=x"} {
		code, _, page := oparlGet(t, ts.URL, list+"?"+q)
		if code != http.StatusOK {
			t.Fatalf("%s: %d %v", q, code, page)
		}
		l, _ := page["links"].(map[string]any)
		if l["first"] != want || l["self"] != want {
			t.Errorf("%s: links %v, want first and self %s", q, l, want)
		}
		next, _ := l["next"].(string)
		if p, err := url.Parse(next); next == "" || err != nil || p.RawQuery != p.Query().Encode() || strings.Contains(next, "foo") {
			t.Errorf("%s: next %q is not in canonical form", q, next)
		}
		links = append(links, l)
	}
	if links[0]["next"] != links[1]["next"] {
		t.Errorf("the same page has two next links: %v and %v", links[0]["next"], links[1]["next"])
	}

	// 4: a page key belongs to the order of its list.
	_, _, unfiltered := oparlGet(t, ts.URL, list+"?limit=1")
	plainNext := unfiltered["links"].(map[string]any)["next"].(string)
	plainKey, _ := url.Parse(plainNext)
	filteredKey, _ := url.Parse(links[0]["next"].(string))
	_, _, created := oparlGet(t, ts.URL, list+"?limit=1&created_since="+url.QueryEscape(since))
	createdKey, _ := url.Parse(created["links"].(map[string]any)["next"].(string))
	for _, c := range []struct{ name, query string }{
		{"unfiltered key in a modified list", "modified_since=" + url.QueryEscape(since) + "&after=" + plainKey.Query().Get("after")},
		{"unfiltered key in a created list", "created_since=" + url.QueryEscape(since) + "&after=" + plainKey.Query().Get("after")},
		{"modified key in the unfiltered list", "after=" + url.QueryEscape(filteredKey.Query().Get("after"))},
		{"modified key in a created list", "created_since=" + url.QueryEscape(since) + "&after=" + url.QueryEscape(filteredKey.Query().Get("after"))},
		{"created key in a modified list", "modified_since=" + url.QueryEscape(since) + "&after=" + url.QueryEscape(createdKey.Query().Get("after"))},
	} {
		code, _, e := oparlGet(t, ts.URL, list+"?"+c.query)
		if code != http.StatusBadRequest || e["type"] != oparl.NS+"Error" || e["message"] != "Ungültige Listenposition." {
			t.Errorf("%s (%s): %d %v, want 400 Ungültige Listenposition.", c.name, c.query, code, e)
		}
	}
	for _, next := range []string{plainNext, links[0]["next"].(string), createdKey.String()} {
		u, _ := url.Parse(next)
		if code, _, page := oparlGet(t, ts.URL, u.RequestURI()); code != http.StatusOK {
			t.Errorf("its own next page %s: %d %v", next, code, page)
		}
	}
}
