package web

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"gremium/internal/oparl"
)

// oparlLinkPage is a list page as TestOParlListLinks reads it.
type oparlLinkPage struct {
	ids        []string
	links      map[string]string
	pagination map[string]any
}

// TestOParlListLinks walks the demo's OParl lists with small pages, with
// and without filters: forward with next to the end, backward with prev
// to the start, the same pages; prev of every page is the self of the
// page next came from, and the first page has none; first is the first
// page; last names a page without next that ends the list (of an
// unfiltered list, the page next reaches last, and totalPages counts the
// pages); every link keeps the request's filters; every object is valid
// against the official OParl 1.1 schemas.
func TestOParlListLinks(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	schemas := oparlLinkSchemas(t)
	fetch := func(path string) oparlLinkPage {
		t.Helper()
		res, body := get(t, ts, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %.300s", path, res.StatusCode, body)
		}
		var doc struct {
			Data       []json.RawMessage `json:"data"`
			Pagination map[string]any    `json:"pagination"`
			Links      map[string]string `json:"links"`
		}
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		p := oparlLinkPage{links: doc.Links, pagination: doc.Pagination}
		for _, raw := range doc.Data {
			var o struct{ ID, Type string }
			if err := json.Unmarshal(raw, &o); err != nil {
				t.Fatal(err)
			}
			p.ids = append(p.ids, o.ID)
			if s := schemas[o.Type]; s == nil {
				t.Errorf("%s: %s has no schema (type %q)", path, o.ID, o.Type)
			} else if v, err := jsonschema.UnmarshalJSON(strings.NewReader(string(raw))); err != nil {
				t.Fatal(err)
			} else if err := s.Validate(v); err != nil {
				t.Errorf("%s: %s does not conform: %v", path, o.ID, err)
			}
		}
		return p
	}
	rel := func(u string) string {
		t.Helper()
		i := strings.Index(u, "/oparl/")
		if i < 0 {
			t.Fatalf("link %q is no OParl address", u)
		}
		return u[i:]
	}
	since := url.QueryEscape("2000-01-01T00:00:00+01:00")
	for _, list := range []string{"paper", "meeting", "agendaItem", "person", "organization", "consultation"} {
		for _, query := range []string{"limit=2", "limit=1&omit_internal=true", "limit=2&modified_since=" + since, "limit=1&created_since=" + since + "&omit_internal=true"} {
			start := "/oparl/v1/body/1/" + list + "?" + query
			what := start
			filters := oparlLinkFilters(start)
			unfiltered := !strings.Contains(query, "_since")
			// Forward with next.
			var pages []oparlLinkPage
			var all []string
			for path := start; ; {
				p := fetch(path)
				for name, link := range p.links {
					if got := oparlLinkFilters(link); !maps.Equal(got, filters) {
						t.Errorf("%s: links.%s %s has the parameters %v, want %v", what, name, link, got, filters)
					}
				}
				switch {
				case len(pages) == 0 && p.links["prev"] != "":
					t.Errorf("%s: the first page has a prev link %s", what, p.links["prev"])
				case len(pages) > 0 && p.links["prev"] != pages[len(pages)-1].links["self"]:
					t.Errorf("%s: prev of page %d is %q, want the self of the page next came from %q", what, len(pages)+1, p.links["prev"], pages[len(pages)-1].links["self"])
				}
				if p.links["first"] == "" || p.links["self"] == "" || (p.links["last"] == "") == unfiltered {
					t.Errorf("%s: page %d lacks first or self, or has a last only when filtered: %v", what, len(pages)+1, p.links)
				}
				pages = append(pages, p)
				all = append(all, p.ids...)
				if p.links["next"] == "" {
					break
				}
				if len(pages) > 500 {
					t.Fatalf("%s: next does not end", what)
				}
				path = rel(p.links["next"])
			}
			if len(pages) < 2 {
				t.Fatalf("%s: %d pages, too few to walk", what, len(pages))
			}
			final := pages[len(pages)-1]
			if unfiltered && final.links["last"] != final.links["self"] {
				t.Errorf("%s: the last page's last is %s, want itself %s", what, final.links["last"], final.links["self"])
			}
			// Backward with prev.
			p := final
			for k := len(pages) - 1; k > 0; k-- {
				if p.links["prev"] == "" {
					t.Fatalf("%s: page %d has no prev", what, k+1)
				}
				p = fetch(rel(p.links["prev"]))
				if !slices.Equal(p.ids, pages[k-1].ids) {
					t.Errorf("%s: prev from page %d gives %v, want %v", what, k+1, p.ids, pages[k-1].ids)
				}
			}
			if p.links["prev"] != "" {
				t.Errorf("%s: backward, the first page has a prev %s", what, p.links["prev"])
			}
			// First and last, from the second page.
			second := pages[1]
			if first := fetch(rel(second.links["first"])); !slices.Equal(first.ids, pages[0].ids) || first.links["self"] != pages[0].links["self"] {
				t.Errorf("%s: first gives %v (%s), want the first page %v", what, first.ids, first.links["self"], pages[0].ids)
			}
			if unfiltered {
				last := fetch(rel(second.links["last"]))
				if last.links["next"] != "" || len(last.ids) == 0 || !slices.Equal(last.ids, all[len(all)-len(last.ids):]) {
					t.Errorf("%s: last gives %v (next %q), which does not end the list %v", what, last.ids, last.links["next"], all)
				}
				if second.links["last"] != final.links["self"] {
					t.Errorf("%s: last is %s, want the page next reaches last %s", what, second.links["last"], final.links["self"])
				}
				if n, _ := second.pagination["totalPages"].(float64); int(n) != len(pages) {
					t.Errorf("%s: totalPages %v, want the %d pages next walked", what, second.pagination["totalPages"], len(pages))
				}
				if n, _ := second.pagination["totalElements"].(float64); int(n) != len(all) {
					t.Errorf("%s: totalElements %v, want %d", what, second.pagination["totalElements"], len(all))
				}
			}
		}
	}
}

// oparlLinkFilters gives the parameters of a list address but its key
// (after).
func oparlLinkFilters(u string) map[string]string {
	out := map[string]string{}
	p, err := url.Parse(u)
	if err != nil {
		return out
	}
	for k, v := range p.Query() {
		if k != "after" {
			out[k] = strings.Join(v, ",")
		}
	}
	return out
}

// oparlLinkSchemas compiles the official OParl 1.1 schemas
// (../shared/oparl/schema) by type URL, as the conformance suite of
// package api does (a "$ref" beside a property declared a URL dropped).
func oparlLinkSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "shared", "oparl", "schema", "*.json"))
	if err != nil || len(files) == 0 {
		if os.Getenv("CI") == "true" {
			t.Fatalf("OParl schemas missing in CI: %v", err)
		}
		t.Skip("OParl schemas not found in ../shared/oparl/schema")
	}
	c := jsonschema.NewCompiler()
	var ids []string
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		m, _ := doc.(map[string]any)
		props, _ := m["properties"].(map[string]any)
		for _, p := range props {
			if q, ok := p.(map[string]any); ok && q["type"] == "string" && q["format"] == "url" {
				delete(q, "$ref")
			}
		}
		id := oparl.NS + strings.TrimSuffix(filepath.Base(f), ".json")
		for _, name := range []string{id, id + ".json"} {
			if err := c.AddResource(name, doc); err != nil {
				t.Fatal(err)
			}
		}
		ids = append(ids, id)
	}
	out := map[string]*jsonschema.Schema{}
	for _, id := range ids {
		s, err := c.Compile(id)
		if err != nil {
			t.Fatalf("compile %s: %v", id, err)
		}
		out[id] = s
	}
	return out
}
