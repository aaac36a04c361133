package api

// The query parameters of the JSON API. Each operation takes the query
// parameters its OpenAPI description names, and no others: an unknown one
// (a misspelt ?jahre=2025, a filter the API does not have) is refused with
// 400 naming it, where it was silently ignored and the answer looked like
// the filtered one. The OpenAPI document is the one list, so the
// description and the check cannot drift apart. OParl (/oparl/v1) is not
// checked here: its lists read their own parameters and leave out every
// other (oparl.CanonicalQuery), as OParl clients expect.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// queryParams gives the query parameters each operation of the OpenAPI
// document names, by "METHOD /path" (an operation without any has an
// empty list).
func queryParams(doc []byte) (map[string][]string, error) {
	type param struct {
		Name string `json:"name"`
		In   string `json:"in"`
	}
	var d struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("api: openapi.json: %w", err)
	}
	out := map[string][]string{}
	for path, ops := range d.Paths {
		var shared []param
		if raw, ok := ops["parameters"]; ok {
			if err := json.Unmarshal(raw, &shared); err != nil {
				return nil, fmt.Errorf("api: openapi.json %s: %w", path, err)
			}
		}
		for method, raw := range ops {
			if method == "parameters" {
				continue
			}
			var op struct {
				Parameters []param `json:"parameters"`
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				return nil, fmt.Errorf("api: openapi.json %s %s: %w", method, path, err)
			}
			names := []string{}
			for _, p := range append(shared, op.Parameters...) {
				if p.In == "query" {
					names = append(names, p.Name)
				}
			}
			out[strings.ToUpper(method)+" "+path] = names
		}
	}
	return out, nil
}

// withKnownQuery refuses a request whose query names a parameter the
// operation does not take (known): 400, each unknown parameter named in
// "probleme", with the ones it takes.
func withKnownQuery(known []string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var unknown []string
		for name := range r.URL.Query() {
			if !slices.Contains(known, name) {
				unknown = append(unknown, name)
			}
		}
		if len(unknown) == 0 {
			h(w, r)
			return
		}
		slices.Sort(unknown)
		takes := "Diese Adresse nimmt keine Parameter."
		if len(known) > 0 {
			takes = "Diese Adresse nimmt nur: " + strings.Join(known, ", ") + "."
		}
		var out refusal
		var reasons []string
		for _, name := range unknown {
			reason := fmt.Sprintf("Den Parameter „%s“ gibt es hier nicht. %s", name, takes)
			reasons = append(reasons, reason)
			out.Problems = append(out.Problems, Problem{Param: name, Reason: reason})
		}
		out.Error = strings.Join(reasons, " ")
		writeJSON(w, http.StatusBadRequest, out)
	}
}
