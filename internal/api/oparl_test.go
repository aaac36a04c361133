package api

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/store"
)

func demoAPI(t *testing.T) (*httptest.Server, *store.Store) {
	t.Helper()
	st := demotest.Store(t)
	mux := http.NewServeMux()
	New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev).Register(mux)
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	return ts, st
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
		id := oparlNS + strings.TrimSuffix(filepath.Base(f), ".json")
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

// TestOParlWalk fetches everything reachable from the System object and
// validates every object and list entry, embedded objects included.
func TestOParlWalk(t *testing.T) {
	ts, _ := demoAPI(t)
	sch := schemas(t)
	root := ts.URL + "/oparl/v1"
	seen := map[string]bool{}
	queue := []string{root}
	types := map[string]int{}
	var validate func(where string, v map[string]any)
	validate = func(where string, v map[string]any) {
		typ, _ := v["type"].(string)
		s := sch[typ]
		if s == nil {
			t.Errorf("%s: unknown type %q", where, typ)
			return
		}
		types[strings.TrimPrefix(typ, oparlNS)]++
		raw, _ := json.Marshal(v)
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(string(raw)))
		if err := s.Validate(inst); err != nil {
			t.Errorf("%s (%s): %v", where, typ, err)
		}
		for k, val := range v {
			switch x := val.(type) {
			case map[string]any:
				if _, ok := x["type"]; ok {
					validate(where+"."+k, x)
				}
			case []any:
				for _, e := range x {
					if m, ok := e.(map[string]any); ok {
						if _, typed := m["type"]; typed {
							validate(where+"."+k, m)
						}
					}
				}
			}
		}
	}
	var collect func(v any)
	collect = func(v any) {
		switch x := v.(type) {
		case string:
			if strings.HasPrefix(x, root) && !seen[x] {
				seen[x] = true
				queue = append(queue, x)
			}
		case map[string]any:
			for _, e := range x {
				collect(e)
			}
		case []any:
			for _, e := range x {
				collect(e)
			}
		}
	}
	seen[root] = true
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		err = json.NewDecoder(res.Body).Decode(&body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || err != nil {
			t.Errorf("%s: %d %v", u, res.StatusCode, err)
			continue
		}
		if list, ok := body["data"].([]any); ok {
			if _, ok := body["pagination"].(map[string]any); !ok {
				t.Errorf("%s: list without pagination", u)
			}
			links, _ := body["links"].(map[string]any)
			if links == nil {
				t.Errorf("%s: list without links", u)
			}
			for i, e := range list {
				m, _ := e.(map[string]any)
				validate(u+"#"+string(rune('0'+i%10)), m)
			}
			collect(body)
			continue
		}
		validate(u, body)
		collect(body)
	}
	for _, typ := range []string{"System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper", "Consultation", "File", "LegislativeTerm", "Location"} {
		if types[typ] == 0 {
			t.Errorf("the walk met no %s", typ)
		}
	}
	t.Logf("validated %d documents: %v", len(seen), types)
}

func get(t *testing.T, u string) (int, map[string]any) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var m map[string]any
	json.NewDecoder(res.Body).Decode(&m)
	return res.StatusCode, m
}

func TestOParlListsAndFilters(t *testing.T) {
	ts, st := demoAPI(t)
	a := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	_ = a
	itplr, _ := st.BodyByAbbrev(context.Background(), demo.CouncilAbbrev)
	list := ts.URL + "/oparl/v1/body/" + jsonID(itplr.ID) + "/organization"
	_, m := get(t, list+"?limit=5")
	links := m["links"].(map[string]any)
	pag := m["pagination"].(map[string]any)
	if pag["totalElements"].(float64) != 18 || pag["totalPages"].(float64) != 4 || links["next"] == nil || !strings.Contains(links["next"].(string), "limit=5") {
		t.Errorf("pagination = %v, links = %v", pag, links)
	}
	_, p2 := get(t, links["next"].(string))
	if p2["links"].(map[string]any)["prev"] == nil || len(p2["data"].([]any)) != 5 {
		t.Error("second page")
	}
	if code, _ := get(t, list+"?page=99"); code != http.StatusNotFound {
		t.Errorf("page beyond the end: %d", code)
	}
	if code, m := get(t, list+"?created_since=gestern"); code != http.StatusBadRequest || m["type"] != oparlNS+"Error" {
		t.Errorf("bad filter: %d %v", code, m)
	}
	if _, m := get(t, list+"?created_since=2999-01-01T00:00:00Z"); len(m["data"].([]any)) != 0 {
		t.Error("created_since in the future gave objects")
	}
	if _, m := get(t, list+"?modified_since=2000-01-01T00:00:00Z"); len(m["data"].([]any)) != 18 {
		t.Error("modified_since in the past")
	}
	meetings := ts.URL + "/oparl/v1/body/" + jsonID(itplr.ID) + "/meeting"
	if _, m := get(t, meetings+"?omit_internal=true"); strings.Contains(toJSON(m), `"agendaItem":[`) {
		t.Error("omit_internal kept the embedded agenda items")
	}
	if _, m := get(t, meetings); !strings.Contains(toJSON(m), `"agendaItem":[`) {
		t.Error("meetings without embedded agenda items")
	}
	// Nothing confidential.
	for _, l := range []string{"meeting", "paper", "agendaItem"} {
		_, m := get(t, ts.URL+"/oparl/v1/body/"+jsonID(itplr.ID)+"/"+l)
		if s := toJSON(m); strings.Contains(s, "REDACTED") || strings.Contains(s, "⟦") || strings.Contains(s, "vollständig geschwärzt") {
			t.Errorf("%s leaks confidential text", l)
		}
	}
	if code, m := get(t, ts.URL+"/oparl/v1/paper/99999"); code != http.StatusNotFound || m["type"] != oparlNS+"Error" {
		t.Errorf("missing object: %d", code)
	}
}

func jsonID(id int64) string { b, _ := json.Marshal(id); return string(b) }

func toJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

// Requests share one loaded snapshot; it is reloaded after a change.
func TestSnapshotSharedAndRenewed(t *testing.T) {
	ts, st := demoAPI(t)
	paths := []string{"/oparl/v1", "/oparl/v1/body/1/paper", "/oparl/v1/body/1/meeting", "/oparl/v1/body/1/agendaItem", "/oparl/v1/body/1/person"}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range paths {
				res, err := http.Get(ts.URL + p)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					t.Errorf("%s: %d", p, res.StatusCode)
				}
			}
		}()
	}
	wg.Wait()
	var before struct{ Data []map[string]any }
	getJSON(t, ts.URL+"/oparl/v1/body/1/person", &before)
	ctx := store.WithActor(context.Background(), "test")
	if _, err := st.CreatePerson(ctx, model.Person{Name: "Neue Person", MemberAbbrev: "HB"}); err != nil {
		t.Fatal(err)
	}
	var after struct{ Data []map[string]any }
	getJSON(t, ts.URL+"/oparl/v1/body/1/person", &after)
	if len(after.Data) != len(before.Data)+1 {
		t.Errorf("persons after a change: %d, before %d", len(after.Data), len(before.Data))
	}
}
