package api

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// /api/v1/beschluesse takes the register's full-text filter q as the page
// /beschluesse does (search.RegisterFilter): combined with the other
// filters, umlaut transcriptions folded, its links keeping it, a text
// without a word refused at q. Before, q was ignored and every decision
// listed.
func TestJSONRegisterText(t *testing.T) {
	ts, _ := demoAPI(t)
	for query, want := range map[string][]string{
		"q=Registermodernisierung":           {"B-2025/13-IT"},
		"q=Registermodernisierung&jahr=2025": {"B-2025/13-IT"},
		"q=Registermodernisierung&jahr=2024": nil,
		"q=Register":                         {"B-2025/26-IT", "B-2025/13-IT"},
		"q=Register&verfahren=gruene-liste":  {"B-2025/26-IT"},
		"q=Laender":                          {"B-2025/26-IT"},
		"q=xylophon":                         nil,
	} {
		var ds []Decision
		if code := getJSON(t, ts.URL+"/api/v1/beschluesse?"+query, &ds); code != http.StatusOK {
			t.Errorf("%s: %d", query, code)
		}
		var got []string
		for _, d := range ds {
			got = append(got, d.Number)
		}
		if !slices.Equal(got, want) {
			t.Errorf("/api/v1/beschluesse?%s gives %v, want %v", query, got, want)
		}
	}
	res, err := http.Get(ts.URL + "/api/v1/beschluesse?q=Register&seite=2")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("X-Total-Count") != "2" || !strings.Contains(res.Header.Get("Link"), "q=Register&seite=1>") || res.Header.Get("X-Search-Capped") != "" {
		t.Errorf("page 2 of q=Register: total %q, link %q, capped %q", res.Header.Get("X-Total-Count"), res.Header.Get("Link"), res.Header.Get("X-Search-Capped"))
	}
	for _, q := range []string{"!!!", strings.Repeat("Wort ", 61)} {
		var p refusal
		if code := getJSON(t, ts.URL+"/api/v1/beschluesse?q="+url.QueryEscape(q), &p); code != http.StatusBadRequest || len(p.Problems) != 1 || p.Problems[0].Param != "q" {
			t.Errorf("q=%.20q: %d %+v, want 400 naming q", q, code, p)
		}
	}
}
