package api_test

// The OParl conformance suite: a client that walks the demo from the
// System object with small pages and every filter, validates every object
// against the official OParl 1.1 schemas (../shared/oparl/schema), and
// checks the MUSTs of chapters 2 and 3 that requests can show. docs/api.md
// lists each MUST with the test that covers it.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	_ "modernc.org/sqlite" // the database, opened beside the store

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/oparl"
	"gremium/internal/site"
	"gremium/internal/store"
	"gremium/internal/web"
)

// public is the configured public URL of the test servers; requests go to
// 127.0.0.1 with other Host headers, and every id must still start here.
const public = "https://gremium.example.org"

const root = public + "/oparl/v1"

// clock is a store clock the tests move forward.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

// oparlServer is the whole web server (OParl, pages, PDFs) over the demo
// store with a configured public URL.
func oparlServer(t *testing.T) (*client, *store.Store, *clock) {
	t.Helper()
	st := demotest.Store(t)
	// The demo was written with the real clock; the test clock starts later.
	clk := &clock{t: time.Now().UTC().Truncate(time.Second).Add(time.Hour)}
	st.SetClock(clk.now)
	conferenceDates(t, st, clk.now())
	srv, err := web.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := site.Parse(public)
	srv.SetPublicURL(p)
	srv.SetDocumentDir(t.TempDir())
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &client{t: t, ts: ts, host: "oparl.test", sch: schemas(t), refs: referenced(t)}, st, clk
}

// client fetches like an OParl client: no cookies, a foreign Host header,
// ids taken as the server gives them.
type client struct {
	t    *testing.T
	ts   *httptest.Server
	host string
	sch  map[string]*jsonschema.Schema
	refs map[string]map[string]bool
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// fetch GETs an absolute URL on the public address from the test server.
func (c *client) fetch(u string) response {
	c.t.Helper()
	if !strings.HasPrefix(u, public) {
		c.t.Fatalf("URL %q is not on the public address %s", u, public)
	}
	req, _ := http.NewRequestWithContext(context.Background(), "GET", c.ts.URL+strings.TrimPrefix(u, public), nil)
	req.Host = c.host
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	res, err := (&http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header, b}
}

// object GETs a JSON object, checking the rules of every answer.
func (c *client) object(u string) map[string]any {
	c.t.Helper()
	r := c.fetch(u)
	if r.status != http.StatusOK {
		c.t.Fatalf("%s: %d %s", u, r.status, r.body)
	}
	checkJSON(c.t, u, r)
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		c.t.Fatalf("%s: %v", u, err)
	}
	return m
}

// checkJSON: 2.4 UTF-8 without BOM, no HTML escaping, JSON content type.
func checkJSON(t *testing.T, u string, r response) {
	t.Helper()
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Errorf("%s: Content-Type %q", u, r.header.Get("Content-Type"))
	}
	if bytes.HasPrefix(r.body, []byte("\xef\xbb\xbf")) || !utf8.Valid(r.body) {
		t.Errorf("%s: not UTF-8 without BOM", u)
	}
	for _, esc := range []string{`\u003c`, `\u003e`, `\u0026`, "&amp;", "&lt;"} {
		if bytes.Contains(r.body, []byte(esc)) {
			t.Errorf("%s: HTML escaping %s", u, esc)
		}
	}
	if bytes.Contains(r.body, []byte(oparl.Base)) || bytes.Contains(r.body, []byte(oparl.License)) {
		t.Errorf("%s: placeholder left in the answer", u)
	}
}

// list walks a list from its first page, following next links, and gives
// its objects in order.
func (c *client) list(first string) []map[string]any {
	c.t.Helper()
	var out []map[string]any
	seen := map[string]bool{}
	filters := filtersOf(first)
	for u := first; u != ""; {
		if seen[u] {
			c.t.Fatalf("list loops at %s", u)
		}
		seen[u] = true
		page := c.object(u)
		data, okD := page["data"].([]any)
		_, okP := page["pagination"].(map[string]any)
		links, okL := page["links"].(map[string]any)
		if !okD || !okP || !okL {
			c.t.Fatalf("%s: a list page must have data, pagination and links", u)
		}
		for _, e := range data {
			out = append(out, e.(map[string]any))
		}
		if total, ok := page["pagination"].(map[string]any)["totalElements"].(float64); ok && u == first && next(links) == "" && int(total) != len(data) {
			c.t.Errorf("%s: totalElements %v, %d objects", u, total, len(data))
		}
		next, _ := links["next"].(string)
		if next != "" {
			// 2.3: one canonical form of the query (parameters sorted).
			if p, err := url.Parse(next); err != nil || p.RawQuery != p.Query().Encode() {
				c.t.Errorf("%s: next link %s is not in canonical form", u, next)
			}
			// 2.5: the links keep the filters.
			for k, v := range filters {
				if got := filtersOf(next)[k]; got != v {
					c.t.Errorf("%s: next link %s lost filter %s=%s", u, next, k, v)
				}
			}
		}
		u = next
	}
	if len(out) > 0 {
		if total, ok := c.object(first)["pagination"].(map[string]any)["totalElements"].(float64); ok && int(total) != len(out) {
			c.t.Errorf("%s: totalElements %v, the pages hold %d objects", first, total, len(out))
		}
	}
	return out
}

func next(links map[string]any) string { n, _ := links["next"].(string); return n }

func filtersOf(u string) map[string]string {
	out := map[string]string{}
	p, err := url.Parse(u)
	if err != nil {
		return out
	}
	for k, v := range p.Query() {
		if k != "after" {
			out[k] = v[0]
		}
	}
	return out
}

// schemas compiles the official OParl 1.1 schemas by type URL.
func schemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "oparl", "schema")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
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
		dropRefBesideURL(doc)
		id := oparl.NS + strings.TrimSuffix(filepath.Base(f), ".json")
		if err := c.AddResource(id, doc); err != nil {
			t.Fatal(err)
		}
		// The schemas refer to each other as "File.json" and so on.
		if err := c.AddResource(id+".json", doc); err != nil {
			t.Fatal(err)
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

// dropRefBesideURL removes a "$ref" from each property of a schema
// document that declares itself a URL ("type": "string", "format":
// "url"). Body.mainOrganization has one beside its URL type; draft 7
// ignores the type beside a "$ref", so the validator would ask for an
// embedded Organization where the schema's type, its "references" and
// chapter 3.0 (which lists the objects output inside others, an
// Organization in none) ask for its URL.
func dropRefBesideURL(doc any) {
	m, _ := doc.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	for _, p := range props {
		if q, ok := p.(map[string]any); ok && q["type"] == "string" && q["format"] == "url" {
			delete(q, "$ref")
		}
	}
}

// referenced gives, per type (its schema URL), the properties the schema
// declares as references by URL ("type": "string", "format": "url"),
// alone or as the items of a list. Their "$ref" beside the type names the
// object referred to; JSON Schema draft 7 ignores the keywords beside a
// "$ref", so the validator lets an embedded object pass where the schema
// asks for its URL (Body.mainOrganization was embedded so).
func referenced(t *testing.T) map[string]map[string]bool {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "oparl", "schema", "*.json"))
	type prop struct {
		Type   string `json:"type"`
		Format string `json:"format"`
		Items  *prop  `json:"items"`
	}
	out := map[string]map[string]bool{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var sch struct {
			Properties map[string]prop `json:"properties"`
		}
		if err := json.Unmarshal(raw, &sch); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		typ := oparl.NS + strings.TrimSuffix(filepath.Base(f), ".json")
		out[typ] = map[string]bool{}
		for name, p := range sch.Properties {
			if p.Items != nil {
				p = *p.Items
			}
			if p.Type == "string" && p.Format == "url" {
				out[typ][name] = true
			}
		}
	}
	return out
}

var (
	dateTimeRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$`)
	dateRe     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// validate checks one object (and the objects embedded in it) against its
// schema and the rules of chapters 2.4, 2.5 and 3.1; embedded objects are
// collected in found.
func (c *client) validate(where string, v map[string]any, embedded bool, found map[string]map[string]any) {
	c.t.Helper()
	typ, _ := v["type"].(string)
	s := c.sch[typ]
	if s == nil {
		c.t.Errorf("%s: unknown type %q", where, typ)
		return
	}
	raw, _ := json.Marshal(v)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err := s.Validate(inst); err != nil {
		c.t.Errorf("%s (%s): %v", where, typ, err)
	}
	id, _ := v["id"].(string)
	if !strings.HasPrefix(id, root) {
		c.t.Errorf("%s: id %q not on the public URL", where, id)
	}
	// 3.1: created and modified in every object, embedded ones too.
	for _, k := range []string{"created", "modified"} {
		if s, _ := v[k].(string); !dateTimeRe.MatchString(s) {
			c.t.Errorf("%s: %s = %v, want yyyy-mm-ddThh:mm:ss±hh:mm", where, k, v[k])
		}
	}
	if v["deleted"] == true && embedded {
		c.t.Errorf("%s: a deleted object is embedded (2.5)", where)
	}
	for k, val := range v {
		switch x := val.(type) {
		case nil:
			c.t.Errorf("%s: %s is null (2.4)", where, k)
		case string:
			if x == "" {
				c.t.Errorf("%s: %s is an empty string (2.4)", where, k)
			}
			switch k {
			case "start", "end", "created", "modified", "licenseValidSince", "oparlSince":
				if !dateTimeRe.MatchString(x) {
					c.t.Errorf("%s: %s = %q is not a date-time", where, k, x)
				}
			case "date", "startDate", "endDate":
				if !dateRe.MatchString(x) {
					c.t.Errorf("%s: %s = %q is not a date", where, k, x)
				}
			}
		case map[string]any:
			if c.refs[typ][k] {
				c.t.Errorf("%s: %s embeds an object; the schema references it by URL", where, k)
			}
			if _, ok := x["type"]; ok {
				c.validate(where+"."+k, x, true, found)
				found[x["id"].(string)] = x
			}
		case []any:
			if len(x) == 0 && k != "legislativeTerm" && k != "data" {
				c.t.Errorf("%s: %s is an empty list (2.4)", where, k)
			}
			for _, e := range x {
				if m, ok := e.(map[string]any); ok {
					if c.refs[typ][k] {
						c.t.Errorf("%s: %s embeds objects; the schema references them by URL", where, k)
					}
					if _, typed := m["type"]; typed {
						c.validate(where+"."+k, m, true, found)
						found[m["id"].(string)] = m
					}
				}
			}
		}
	}
}

// walk fetches everything reachable from the System object like a client:
// every list page by page (limit), every referenced object. It gives the
// objects by id.
func (c *client) walk(limit int) map[string]map[string]any {
	c.t.Helper()
	objects := map[string]map[string]any{}
	embedded := map[string]map[string]any{}
	queue := []string{root}
	queued := map[string]bool{root: true}
	enqueue := func(v any) {
		var walkRefs func(v any)
		walkRefs = func(v any) {
			switch x := v.(type) {
			case string:
				if strings.HasPrefix(x, root) && !queued[x] {
					queued[x] = true
					queue = append(queue, x)
				}
			case map[string]any:
				for _, e := range x {
					walkRefs(e)
				}
			case []any:
				for _, e := range x {
					walkRefs(e)
				}
			}
		}
		walkRefs(v)
	}
	isList := func(u string) bool {
		p := strings.TrimPrefix(u, root)
		return p == "/body" || strings.Count(p, "/") == 3
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if isList(u) {
			sep := "?"
			if strings.Contains(u, "?") {
				sep = "&"
			}
			for i, o := range c.list(u + sep + "limit=" + fmt.Sprint(limit)) {
				c.validate(fmt.Sprintf("%s[%d]", u, i), o, false, embedded)
				objects[o["id"].(string)] = o
				enqueue(o)
			}
			continue
		}
		o := c.object(u)
		c.validate(u, o, false, embedded)
		if o["id"] != u {
			c.t.Errorf("GET %s gives the object %v: the id is the URL (3.1)", u, o["id"])
		}
		objects[u] = o
		enqueue(o)
	}
	// 3.0: every embedded object can be fetched at its id.
	for id, e := range embedded {
		o, ok := objects[id]
		if !ok {
			o = c.object(id)
			objects[id] = o
		}
		if o["type"] != e["type"] || o["modified"] != e["modified"] || o["created"] != e["created"] {
			c.t.Errorf("embedded %s differs from the object at its id: %v/%v vs %v/%v", id, e["type"], e["modified"], o["type"], o["modified"])
		}
	}
	return objects
}

func TestOParlConformanceWalk(t *testing.T) {
	c, _, _ := oparlServer(t)
	objects := c.walk(3)
	types := map[string]int{}
	for _, o := range objects {
		types[strings.TrimPrefix(o["type"].(string), oparl.NS)]++
	}
	for typ := range oparl.Types {
		name := oparl.Types[typ]
		if types[name] == 0 {
			t.Errorf("the walk met no %s", name)
		}
	}
	t.Logf("validated %d objects: %v", len(objects), types)
	sys := objects[root]
	if sys["license"] != oparl.DefaultLicense || sys["product"] == nil || sys["created"] == nil {
		t.Errorf("system: %v", sys)
	}
	for id, o := range objects {
		if o["license"] != oparl.DefaultLicense {
			t.Errorf("%s: license %v", id, o["license"])
		}
	}
	// 2.5 stable order: the same walk gives the same order.
	var bodyID string
	for id, o := range objects {
		if o["type"] == oparl.NS+"Body" {
			bodyID = id
		}
	}
	first := c.list(bodyID + "/agendaItem?limit=4")
	again := c.list(bodyID + "/agendaItem?limit=7")
	if len(first) != len(again) || len(first) == 0 {
		t.Fatalf("agenda items: %d then %d", len(first), len(again))
	}
	for i := range first {
		if first[i]["id"] != again[i]["id"] {
			t.Errorf("order differs at %d: %v vs %v", i, first[i]["id"], again[i]["id"])
		}
	}
}

// TestOParlHostAndCanonicalURLs: ids do not follow the Host header (2.3),
// numbers with leading zeros redirect to the canonical URL.
func TestOParlHostAndCanonicalURLs(t *testing.T) {
	c, _, _ := oparlServer(t)
	var bodies []string
	for _, host := range []string{"oparl.test", "evil.example:8443", "127.0.0.1"} {
		c.host = host
		r := c.fetch(root + "/body")
		if bytes.Contains(r.body, []byte(host)) {
			t.Errorf("Host %s appears in the answer", host)
		}
		bodies = append(bodies, string(r.body))
	}
	if bodies[0] != bodies[1] || bodies[1] != bodies[2] {
		t.Error("the body list differs by Host")
	}
	c.host = "oparl.test"
	sys := c.object(root)
	body := c.list(sys["body"].(string))[0]
	meetings := c.list(body["meeting"].(string))
	id := meetings[0]["id"].(string)
	n := id[strings.LastIndex(id, "/")+1:]
	r := c.fetch(strings.TrimSuffix(id, n) + "00" + n)
	if r.status != http.StatusMovedPermanently || r.header.Get("Location") != id {
		t.Errorf("leading zeros: %d %s", r.status, r.header.Get("Location"))
	}
	// 2.9: errors are error objects with an error status.
	for _, u := range []string{root + "/meeting/999999", root + "/gibtsnicht", root + "/meeting/abc"} {
		r := c.fetch(u)
		var e map[string]any
		json.Unmarshal(r.body, &e)
		if r.status != http.StatusNotFound || e["type"] != oparl.NS+"Error" || e["message"] == "" {
			t.Errorf("%s: %d %s", u, r.status, r.body)
		}
	}
	req, _ := http.NewRequest("POST", c.ts.URL+"/oparl/v1/meeting/1", nil)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Errorf("POST: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	r = c.fetch(body["meeting"].(string) + "?created_since=gestern")
	if r.status != http.StatusBadRequest {
		t.Errorf("bad filter: %d", r.status)
	}
}

// TestOParlFilters: all four filters on every list, including the exact
// boundary: X_until and X_since with an object's own time include it.
func TestOParlFilters(t *testing.T) {
	c, st, clk := oparlServer(t)
	// A second generation of objects, one minute later.
	clk.advance(time.Minute)
	addSession(t, st, 60, model.StatusEnded, 2)
	sys := c.object(root)
	body := c.list(sys["body"].(string))[0]
	for name := range oparl.Lists {
		all := c.list(body[name].(string) + "?limit=5")
		if len(all) == 0 {
			t.Errorf("%s: empty", name)
			continue
		}
		for _, field := range []string{"created", "modified"} {
			times := map[string]bool{}
			for _, o := range all {
				times[o[field].(string)] = true
			}
			for tm := range times {
				want := map[string]bool{}
				for _, o := range all {
					if o[field].(string) <= tm { // same offset everywhere: text order is time order
						want[o["id"].(string)] = true
					}
				}
				q := url.Values{field + "_until": {tm}, "limit": {"2"}}
				got := c.list(body[name].(string) + "?" + q.Encode())
				if len(got) != len(want) {
					t.Errorf("%s %s_until=%s: %d objects, want %d", name, field, tm, len(got), len(want))
				}
				for _, o := range got {
					if !want[o["id"].(string)] {
						t.Errorf("%s %s_until=%s gave %s", name, field, tm, o["id"])
					}
				}
				q = url.Values{field + "_since": {tm}, "limit": {"2"}}
				for _, o := range c.list(body[name].(string) + "?" + q.Encode()) {
					if o[field].(string) < tm {
						t.Errorf("%s %s_since=%s gave %s of %s", name, field, tm, o["id"], o[field])
					}
				}
				// Exact boundary, both ends: the object's own time.
				q = url.Values{field + "_since": {tm}, field + "_until": {tm}}
				exact := c.list(body[name].(string) + "?" + q.Encode())
				n := 0
				for _, o := range all {
					if o[field] == tm {
						n++
					}
				}
				if len(exact) != n {
					t.Errorf("%s %s between %s and itself: %d, want %d", name, field, tm, len(exact), n)
				}
			}
		}
	}
	// The same instant in UTC ("Z") and in German time selects the same.
	meetings := c.list(body["meeting"].(string))
	tm, _ := time.Parse(time.RFC3339, meetings[len(meetings)-1]["modified"].(string))
	a := c.list(body["meeting"].(string) + "?modified_since=" + url.QueryEscape(tm.UTC().Format(time.RFC3339)))
	b := c.list(body["meeting"].(string) + "?modified_since=" + url.QueryEscape(tm.Format(time.RFC3339)))
	if len(a) == 0 || len(a) != len(b) {
		t.Errorf("UTC and local bounds: %d vs %d", len(a), len(b))
	}
}

// addSession records a held session of the council with n agenda items
// (the first one with an adopted decision) through the store, as the
// minutes import does.
func addSession(t *testing.T, st *store.Store, number int, status model.SessionStatus, n int) int64 {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	var items []store.MinutesItem
	for i := 1; i <= n; i++ {
		mi := store.MinutesItem{Item: model.AgendaItem{Number: fmt.Sprintf("%02d", i), Title: fmt.Sprintf("Punkt %d der %d. Sitzung", i, number), Position: i,
			Status: model.ItemAccepted}}
		if i == 1 {
			mi.Decisions = []model.Decision{{BodyID: council.ID, Kind: model.KindDecision, Number: model.DecisionNumber{Year: 2026, Seq: number*10 + i},
				Status: model.DecisionAdopted, Scope: model.ScopeAll, Result: "einstimmig", AdoptedOn: model.NewDate(2026, 3, 2),
				Title: fmt.Sprintf("Beschluss der %d. Sitzung", number), Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Position: 1}}
		}
		items = append(items, mi)
	}
	id, err := st.SaveMinutes(ctx, council.ID, model.Session{Number: number, Date: model.NewDate(2026, 3, 2), StartTime: "10:00", EndTime: "12:00",
		Place: "Berlin", Status: status}, items, nil, store.ImportSource{})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// findBy gives the object of a list whose field has the value.
func findBy(objs []map[string]any, field string, value any) map[string]any {
	for _, o := range objs {
		if o[field] == value {
			return o
		}
	}
	return nil
}

// TestOParlDeletedAndModified runs a deletion, a depublication and an
// embedded change and checks deleted and modified (2.8, 3.1).
func TestOParlDeletedAndModified(t *testing.T) {
	c, st, clk := oparlServer(t)
	ctx := store.WithActor(context.Background(), "test")
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sys := c.object(root)
	body := c.list(sys["body"].(string))[0]
	t0 := clk.advance(time.Minute)
	addSession(t, st, 61, model.StatusRunning, 3) // running: its items still change (a held session keeps its agenda)
	since := oparl.Time(t0)
	items := c.list(body["agendaItem"].(string) + "?modified_since=" + url.QueryEscape(since))
	if len(items) != 3 {
		for _, o := range items {
			t.Log(o["name"], o["created"], o["modified"])
		}
		t.Fatalf("%d new items", len(items))
	}
	third := findBy(items, "name", "Punkt 3 der 61. Sitzung")
	second := findBy(items, "name", "Punkt 2 der 61. Sitzung")
	meeting := c.object(third["meeting"].(string))
	meetingModified := meeting["modified"]

	// An embedded change: the item's title changes, and the meeting that
	// embeds it is modified in the same transaction.
	t1 := clk.advance(time.Minute)
	it := itemByTitle(t, st, "Punkt 1 der 61. Sitzung")
	it.Title = "Punkt 1 der 61. Sitzung (geändert)"
	if err := st.UpdateItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	changed := c.list(body["meeting"].(string) + "?modified_since=" + url.QueryEscape(oparl.Time(t1)))
	if len(changed) != 1 || changed[0]["id"] != meeting["id"] || changed[0]["modified"] == meetingModified || changed[0]["modified"] != oparl.Time(t1) {
		t.Errorf("meeting after its item changed: %v", changed)
	}
	if ch := c.list(body["agendaItem"].(string) + "?modified_since=" + url.QueryEscape(oparl.Time(t1))); len(ch) != 1 || ch[0]["name"] != it.Title {
		t.Errorf("items changed: %v", ch)
	}
	// Unchanged objects keep their modified: the paper and other meetings.
	if ch := c.list(body["paper"].(string) + "?modified_since=" + url.QueryEscape(oparl.Time(t1))); len(ch) != 0 {
		t.Errorf("papers modified by an item title: %v", ch)
	}

	// A depublication: an item on the agenda is declined (a registration
	// taken back); it is deleted for OParl, its meeting changes.
	t2 := clk.advance(time.Minute)
	it2 := itemByTitle(t, st, "Punkt 2 der 61. Sitzung")
	it2.Status = model.ItemDeclined
	if err := st.UpdateItem(ctx, it2); err != nil {
		t.Fatal(err)
	}
	gone := c.object(second["id"].(string))
	checkTombstone(t, gone, second, t2)
	if m := c.object(meeting["id"].(string)); m["modified"] != oparl.Time(t2) || strings.Contains(toJSON(m), second["id"].(string)) {
		t.Errorf("meeting after the depublication: modified %v, still embeds the item: %v", m["modified"], strings.Contains(toJSON(m), second["id"].(string)))
	}
	// Deleted objects are listed with modified_since only (2.5).
	withDeleted := c.list(body["agendaItem"].(string) + "?modified_since=" + url.QueryEscape(oparl.Time(t2)))
	if findBy(withDeleted, "id", second["id"]) == nil || findBy(withDeleted, "id", second["id"])["deleted"] != true {
		t.Errorf("modified_since list lacks the deleted item: %v", withDeleted)
	}
	if findBy(c.list(body["agendaItem"].(string)), "id", second["id"]) != nil {
		t.Error("the list without modified_since shows a deleted item")
	}
	if findBy(c.list(body["agendaItem"].(string)+"?created_since="+url.QueryEscape(since)), "id", second["id"]) != nil {
		t.Error("the list with created_since only shows a deleted item")
	}

	// A deletion: a corrected import drops the last item (the highest
	// rowid); a later item takes the same rowid — and gets a new public id,
	// the old one stays a tombstone.
	t3 := clk.advance(time.Minute)
	lastRow := itemByTitle(t, st, "Punkt 3 der 61. Sitzung").ID
	se, _ := st.SessionByNumber(ctx, council.ID, 61)
	if err := st.SetSessionStatus(ctx, se.ID, se.Version, model.StatusEnded); err != nil {
		t.Fatal(err)
	}
	se, _ = st.SessionByNumber(ctx, council.ID, 61)
	items61, _ := st.Items(ctx, se.ID)
	var keep []store.MinutesItem
	for _, it := range items61 {
		if it.Status != model.ItemAccepted || it.ID == lastRow {
			continue // the declined registration is not part of the minutes
		}
		ds, err := st.ItemDecisions(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		keep = append(keep, store.MinutesItem{Item: it, Decisions: ds})
	}
	if _, err := st.SaveMinutes(ctx, council.ID, se, keep, nil, store.ImportSource{}); err != nil {
		t.Fatal(err)
	}
	gone = c.object(third["id"].(string))
	checkTombstone(t, gone, third, t3)
	clk.advance(time.Minute)
	newID, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: se.ID, Number: "09", Title: "Neuer Punkt", Position: 9, Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	// The store no longer gives a deleted row's id again (migration
	// 00910); before, the new item took the deleted row's id here, and the
	// OParl id had to stay apart on its own.
	if newID == lastRow {
		t.Fatalf("the store gave the new item the deleted item's row id %d", lastRow)
	}
	fresh := findBy(c.list(body["agendaItem"].(string)), "name", "Neuer Punkt")
	if fresh == nil || fresh["id"] == third["id"] {
		t.Fatalf("the new item reuses the deleted item's id %v", third["id"])
	}
	if again := c.object(third["id"].(string)); again["deleted"] != true || again["created"] != third["created"] {
		t.Errorf("the tombstone was overwritten: %v", again)
	}
}

func itemByTitle(t *testing.T, st *store.Store, title string) model.AgendaItem {
	t.Helper()
	ctx := context.Background()
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	ses, _ := st.Sessions(ctx, council.ID)
	for _, se := range ses {
		its, _ := st.Items(ctx, se.ID)
		for _, it := range its {
			if it.Title == title {
				return it
			}
		}
	}
	t.Fatalf("no item %q", title)
	return model.AgendaItem{}
}

// checkTombstone: 2.8 — deleted: true, modified is the time of deletion,
// id, type and created kept, HTTP 200 (object() checked it).
func checkTombstone(t *testing.T, gone, before map[string]any, at time.Time) {
	t.Helper()
	if gone["deleted"] != true || gone["id"] != before["id"] || gone["type"] != before["type"] || gone["created"] != before["created"] || gone["modified"] != oparl.Time(at) {
		t.Errorf("tombstone %v of %v (deleted at %s)", gone, before["id"], oparl.Time(at))
	}
}

func toJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

// TestOParlFiles: 2.7 — accessUrl answers without Content-Disposition
// attachment, downloadUrl with attachment and the file name.
func TestOParlFiles(t *testing.T) {
	c, _, _ := oparlServer(t)
	sys := c.object(root)
	body := c.list(sys["body"].(string))[0]
	files := c.list(body["file"].(string))
	if len(files) == 0 {
		t.Fatal("no files")
	}
	for _, f := range files {
		r := c.fetch(f["accessUrl"].(string))
		if r.status != http.StatusOK || r.header.Get("Content-Type") != f["mimeType"] || strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment") {
			t.Errorf("accessUrl %s: %d %s %s", f["accessUrl"], r.status, r.header.Get("Content-Type"), r.header.Get("Content-Disposition"))
		}
		d := c.fetch(f["downloadUrl"].(string))
		want := `attachment; filename="` + f["fileName"].(string) + `"`
		if d.status != http.StatusOK || d.header.Get("Content-Disposition") != want || !bytes.Equal(d.body, r.body) {
			t.Errorf("downloadUrl %s: %d %q", f["downloadUrl"], d.status, d.header.Get("Content-Disposition"))
		}
	}
}

// TestOParlNoConfidential: nothing marked confidential reaches OParl.
func TestOParlNoConfidential(t *testing.T) {
	c, _, _ := oparlServer(t)
	for id, o := range c.walk(50) {
		s := toJSON(o)
		for _, secret := range []string{"REDACTED", "⟦", "vollständig geschwärzt"} {
			if strings.Contains(s, secret) {
				t.Errorf("%s leaks %q", id, secret)
			}
		}
	}
}

// TestOParlFirstRequestAfterWrite: the objects are written with the
// change, so the first request after a write reads them like any other (no
// snapshot to load); the new object is there at once.
func TestOParlFirstRequestAfterWrite(t *testing.T) {
	c, st, _ := oparlServer(t)
	sys := c.object(root)
	body := c.list(sys["body"].(string))[0]
	before := len(c.list(body["person"].(string)))
	ctx := store.WithActor(context.Background(), "test")
	// A public person: a new member's representative in the council (OParl
	// publishes the persons the public pages name).
	if _, err := st.CreateMember(ctx, model.Member{Abbrev: "XX", Name: "Neues Mitglied", Kind: model.MemberLand}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetRepresentativeNamed(ctx, "XX", "Neue Person"); err != nil {
		t.Fatal(err)
	}
	persons := c.list(body["person"].(string))
	if len(persons) != before+1 || findBy(persons, "name", "Neue Person") == nil {
		t.Errorf("persons after a change: %d, before %d", len(persons), before)
	}
	// totalElements counts the live objects.
	page := c.object(body["person"].(string))
	if n := page["pagination"].(map[string]any)["totalElements"]; n != float64(len(persons)) {
		t.Errorf("totalElements %v, %d persons", n, len(persons))
	}
	ids := make([]string, 0, len(persons))
	for _, p := range persons {
		ids = append(ids, p["id"].(string))
	}
	if !sort.SliceIsSorted(ids, func(i, j int) bool { return idNum(ids[i]) < idNum(ids[j]) }) {
		t.Error("the list is not ordered by id")
	}
}

func idNum(id string) int {
	var n int
	fmt.Sscan(id[strings.LastIndex(id, "/")+1:], &n)
	return n
}

// TestOParlBuiltForStoredData: data written before OParl was built (a
// database of an older version, a corpus written directly) is built by
// store.SyncOParl at start: the same objects from the same source rows,
// created taken from the audit log. The ids may differ: a new object takes
// the next id of its kind, the build per change in the order the objects
// became public (a person once it holds a function), the first build in
// the order of their rows; so each object is matched by its source row.
func TestOParlBuiltForStoredData(t *testing.T) {
	c, st, _ := oparlServer(t)
	before := c.walk(50)
	db := st.DBForTests()
	// sources gives the URL of each object with a source row by kind and
	// source row.
	sources := func() map[string]string {
		t.Helper()
		rows, err := db.Query(`SELECT kind, id, src FROM oparl_objects WHERE src IS NOT NULL`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string]string{}
		for rows.Next() {
			var kind string
			var id, src int64
			if err := rows.Scan(&kind, &id, &src); err != nil {
				t.Fatal(err)
			}
			out[fmt.Sprintf("%s %d", kind, src)] = fmt.Sprintf("%s/%s/%d", root, kind, id)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	sourcesBefore := sources()
	// What migration 00051 finds and marks in an older database.
	for _, q := range []string{
		`DELETE FROM oparl_objects`, `DELETE FROM oparl_counts`, `DELETE FROM oparl_dirty`,
		`INSERT INTO oparl_dirty (entity, id) SELECT 'body', id FROM bodies`,
		`INSERT INTO oparl_dirty (entity, id) SELECT 'person', id FROM persons`,
		`INSERT INTO oparl_dirty (entity, id) SELECT 'assignment', id FROM spokesperson_assignments`,
		`INSERT INTO oparl_dirty (entity, id) SELECT 'session', id FROM sessions`,
		`INSERT INTO oparl_dirty (entity, id) SELECT 'decision', id FROM decisions`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	progressed := false
	if err := st.SyncOParl(context.Background(), func(done, left int) { progressed = true }); err != nil {
		t.Fatal(err)
	}
	if !progressed {
		t.Error("no progress reported")
	}
	after := c.walk(50)
	if len(after) != len(before) {
		t.Errorf("%d objects before, %d after the build", len(before), len(after))
	}
	// The URL after the build of each URL before (the object of the same
	// source row), and the URLs under it (an Organization's meeting list).
	renamed := map[string]string{}
	sourcesAfter := sources()
	for key, was := range sourcesBefore {
		if is, ok := sourcesAfter[key]; ok {
			renamed[was] = is
		}
	}
	var rename func(v any) any
	rename = func(v any) any {
		switch v := v.(type) {
		case string:
			if is, ok := renamed[v]; ok {
				return is
			}
			if i := strings.LastIndex(v, "/"); i > 0 {
				if is, ok := renamed[v[:i]]; ok {
					return is + v[i:]
				}
			}
		case map[string]any:
			out := map[string]any{}
			for k, x := range v {
				out[k] = rename(x)
			}
			return out
		case []any:
			out := make([]any, len(v))
			for i, x := range v {
				out[i] = rename(x)
			}
			return out
		}
		return v
	}
	for was, o := range before {
		id := rename(was).(string)
		o = rename(o).(map[string]any)
		a, ok := after[id]
		if !ok {
			t.Errorf("%s (before: %s) missing after the build", id, was)
			continue
		}
		// created from the audit log: the write's time, where the build
		// per change took the time of its sync right after the commit —
		// the same second, or the next when the write crossed one (the
		// test's clock is an hour later, so a build that stamped its own
		// time would be an hour off).
		if a["type"] != o["type"] || !sameSecondOrNext(a["created"], o["created"]) {
			t.Errorf("%s: created %v, before %v", id, a["created"], o["created"])
		}
		// The batched build gives the objects the build per change gave
		// (modified follows the audit log there; created is checked above).
		if got, want := withoutTimes(a), withoutTimes(o); !reflect.DeepEqual(got, want) {
			t.Errorf("%s after the build:\n%v\nbefore:\n%v", id, got, want)
		}
	}
}

// withoutModified gives a decoded object without its modified times (also
// those of embedded objects).
// sameSecondOrNext tells whether the OParl time built (built) is the
// time before (before) or one second earlier.
func sameSecondOrNext(built, before any) bool {
	b, err1 := time.Parse(time.RFC3339, fmt.Sprint(built))
	o, err2 := time.Parse(time.RFC3339, fmt.Sprint(before))
	if err1 != nil || err2 != nil {
		return built == before
	}
	d := o.Sub(b)
	return d >= 0 && d <= time.Second
}

// withoutTimes is v without "created" and "modified", at every depth.
func withoutTimes(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			if k != "modified" && k != "created" {
				out[k] = withoutTimes(x)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = withoutTimes(x)
		}
		return out
	}
	return v
}

// TestOParlMembershipFollowsRepresentative: a spokesperson function without
// a person of its own is held by the member's representative; when the
// secretariat records a new representative, the OParl Membership and both
// Persons change in the same transaction.
func TestOParlMembershipFollowsRepresentative(t *testing.T) {
	c, st, _ := oparlServer(t)
	ctx := store.WithActor(context.Background(), "test")
	all, err := st.Assignments(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var follows model.Assignment
	for _, a := range all {
		if a.FollowsRepresentative && a.PersonID != 0 {
			follows = a
			break
		}
	}
	if follows.ID == 0 {
		t.Fatal("the demo has no spokesperson function that follows the representative")
	}
	old, err := st.Person(ctx, follows.PersonID)
	if err != nil {
		t.Fatal(err)
	}
	sys := c.object(root)
	body := c.list(sys["body"].(string))[0]
	memberships := func(name string) []any {
		p := findBy(c.list(body["person"].(string)), "name", name)
		if p == nil {
			return nil
		}
		ms, _ := p["membership"].([]any)
		return ms
	}
	before := len(memberships(old.Name))
	if before == 0 {
		t.Fatalf("the OParl person %s lists no membership of the function it holds as representative", old.Name)
	}
	if err := st.SetRepresentativeNamed(ctx, follows.Member, "Neue Vertretung"); err != nil {
		t.Fatal(err)
	}
	moved := 0
	for _, a := range all {
		if a.FollowsRepresentative && a.Member == follows.Member {
			moved++
		}
	}
	if got := len(memberships("Neue Vertretung")); got != moved {
		t.Errorf("the new representative has %d OParl memberships, want %d", got, moved)
	}
	person := findBy(c.list(body["person"].(string)), "name", "Neue Vertretung")
	for _, m := range memberships("Neue Vertretung") {
		m := m.(map[string]any)
		if p, named := m["person"]; named && p != person["id"] { // embedded in its person, a membership may leave it out
			t.Errorf("membership %v names the person %v, not the new representative %v", m["id"], m["person"], person["id"])
		}
		if own := c.object(m["id"].(string)); own["person"] != person["id"] {
			t.Errorf("the membership object %v names the person %v", m["id"], own["person"])
		}
	}
	if got := len(memberships(old.Name)); got != before-moved {
		t.Errorf("the former representative keeps %d OParl memberships, want %d", got, before-moved)
	}
}

// TestOParlDeferredItem: a TOP of the running meeting deferred to the next
// one keeps its AgendaItem in the original meeting, with the minutes' line
// (the reason as the public reads it) as its result.
func TestOParlDeferredItem(t *testing.T) {
	c, st, _ := oparlServer(t)
	ctx := store.WithActor(context.Background(), "test")
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s48, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusRunning})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 49, Date: model.NewDate(2026, 6, 18), Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	item, err := st.CreateItem(ctx, model.AgendaItem{SessionID: s48, Number: "03", Title: "Vertagter TOP", Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.DeferItem(ctx, store.Deferral{ItemID: item, Version: 1, Reason: "Unterlagen " + model.Redact("intern") + " fehlen"}); err != nil {
		t.Fatal(err)
	}
	sys := c.object(root)
	body := c.list(sys["body"].(string))[0]
	var found map[string]any
	for _, m := range c.list(body["meeting"].(string)) {
		items, _ := m["agendaItem"].([]any)
		for _, x := range items {
			if it, ok := x.(map[string]any); ok && it["name"] == "Vertagter TOP" {
				found = it
			}
		}
	}
	if found == nil {
		t.Fatal("the deferred item is not in its meeting")
	}
	if found["result"] != "Vertagt auf die 49. Sitzung – Grund: Unterlagen [geschwärzt] fehlen" {
		t.Errorf("result %q", found["result"])
	}
}

// TestOParlConsentItemInItsSection: an item put on the Grüne Liste stands
// there on the session page and in the minutes (model.SectionOf); OParl
// named the section it was registered under ("Digitale Anwendungen" for
// the 46th session's TOP 11, found comparing the surfaces as an open-data
// client).
func TestOParlConsentItemInItsSection(t *testing.T) {
	c, st, _ := oparlServer(t)
	ctx := store.WithActor(context.Background(), "test")
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	sections, err := st.Sections(ctx, council.ID)
	if err != nil {
		t.Fatal(err)
	}
	var own int64
	for _, s := range sections {
		if s.Name == "Digitale Anwendungen" {
			own = s.ID
		}
	}
	s48, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusRunning})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range []model.AgendaItem{
		{SessionID: s48, Number: "04", Title: "Auf der Grünen Liste", SectionID: own, Consent: true, Status: model.ItemAccepted},
		{SessionID: s48, Number: "05", Title: "In der Aussprache", SectionID: own, Status: model.ItemAccepted},
	} {
		if _, err := st.CreateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	sys := c.object(root)
	body := c.list(sys["body"].(string))[0]
	got := map[string]any{}
	for _, m := range c.list(body["meeting"].(string)) {
		items, _ := m["agendaItem"].([]any)
		for _, x := range items {
			if it, ok := x.(map[string]any); ok {
				got[fmt.Sprint(it["name"])] = it["keyword"]
			}
		}
	}
	for name, want := range map[string]string{"Auf der Grünen Liste": "Grüne Liste", "In der Aussprache": "Digitale Anwendungen"} {
		if kw, _ := got[name].([]any); len(kw) != 1 || kw[0] != want {
			t.Errorf("%s: keyword %v, want [%s]", name, got[name], want)
		}
	}
}
