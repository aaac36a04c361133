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

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/oparl"
	"gremium/internal/store"
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

// oparlAll gives every object of an OParl list, page by page.
func oparlAll(t *testing.T, base, public, path string) []map[string]any {
	t.Helper()
	var all []map[string]any
	for next := path; next != ""; {
		code, _, page := oparlGet(t, base, next)
		if code != http.StatusOK {
			t.Fatalf("%s: %d %v", next, code, page)
		}
		data, _ := page["data"].([]any)
		for _, d := range data {
			all = append(all, d.(map[string]any))
		}
		n, _ := page["links"].(map[string]any)["next"].(string)
		next = strings.TrimPrefix(n, public)
	}
	return all
}

// TestOParlOneLocationPerVenue: every meeting had its own OParl Location,
// so Schwerin was two Locations, and locality held the whole venue text
// ("Berlin, Bundesministerium; Raum 1"). Now a venue (the same text) is one
// Location that every meeting there embeds, its description the text and
// its locality the town only when the text is a town's name alone; a
// session that changes its venue moves to the other venue's Location.
func TestOParlOneLocationPerVenue(t *testing.T) {
	const public = "https://gremium.example.org"
	ts, st := publicServer(t, public)
	ctx := store.WithActor(context.Background(), "test")
	body, err := st.OParlBodyID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	// check compares the live Locations with the venues of the sessions
	// and gives the Location of each venue.
	check := func(step string) map[string]map[string]any {
		t.Helper()
		sessions, err := st.Sessions(ctx, council.ID)
		if err != nil {
			t.Fatal(err)
		}
		venues := map[string]bool{}
		for _, se := range sessions {
			if se.Place != "" {
				venues[se.Place] = true
			}
		}
		byPlace := map[string]map[string]any{}
		for _, l := range oparlAll(t, ts.URL, public, fmt.Sprintf("/oparl/v1/body/%d/locationList?limit=100", body)) {
			d, _ := l["description"].(string)
			if byPlace[d] != nil {
				t.Errorf("%s: two Locations of %q: %v and %v", step, d, byPlace[d]["id"], l["id"])
			}
			byPlace[d] = l
			if !venues[d] {
				t.Errorf("%s: Location %v of %q, where no session is held", step, l["id"], d)
			}
			if _, ok := l["meeting"]; ok {
				t.Errorf("%s: Location %v names meetings", step, l["id"])
			}
		}
		if len(byPlace) != len(venues) {
			t.Errorf("%s: %d Locations for %d venues", step, len(byPlace), len(venues))
		}
		for _, m := range oparlAll(t, ts.URL, public, fmt.Sprintf("/oparl/v1/body/%d/meeting?limit=100", body)) {
			var number int
			fmt.Sscanf(m["web"].(string), public+"/sitzungen/%d", &number)
			se, err := st.SessionByNumber(ctx, council.ID, number)
			if err != nil {
				t.Fatal(err)
			}
			loc, _ := m["location"].(map[string]any)
			switch {
			case se.Place == "" && loc != nil:
				t.Errorf("%s: meeting %d without a place has a Location", step, number)
			case se.Place != "" && (loc == nil || byPlace[se.Place] == nil || loc["id"] != byPlace[se.Place]["id"] || loc["description"] != se.Place):
				t.Errorf("%s: meeting %d in %q embeds %v, not its venue's Location %v", step, number, se.Place, loc, byPlace[se.Place])
			}
		}
		return byPlace
	}
	before := check("demo")
	schwerin := before["Schwerin"]
	if schwerin == nil || schwerin["locality"] != "Schwerin" {
		t.Fatalf("Schwerin: %v", schwerin)
	}
	venue := "Berlin, Bundesministerium; Raum 1"
	for n, place := range map[int]string{60: venue, 61: "Schwerin"} {
		if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: n, Date: model.NewDate(2027, 3, n-50), Place: place, Status: model.StatusPlanned}); err != nil {
			t.Fatal(err)
		}
	}
	after := check("new sessions")
	if after["Schwerin"]["id"] != schwerin["id"] {
		t.Errorf("Schwerin's Location changed its id: %v, was %v", after["Schwerin"]["id"], schwerin["id"])
	}
	if l := after[venue]; l == nil || l["locality"] != nil {
		t.Errorf("the venue %q: %v, want a Location without locality", venue, l)
	}
	// A session in Schwerin moves: Rostock gets a Location, Schwerin's
	// stays; the session embeds its new venue's. (The first session in
	// Schwerin, whose minutes are approved, no longer moves: an approved
	// session's record is kept, store.UpdateSession; the one planned in
	// Schwerin above does.)
	sessions, _ := st.Sessions(ctx, council.ID)
	var first model.Session
	for _, se := range sessions {
		if se.Place == "Schwerin" && se.Number == 61 {
			first = se
		}
	}
	first.Place = "Rostock"
	if err := st.UpdateSession(ctx, first); err != nil {
		t.Fatal(err)
	}
	moved := check("moved")
	if moved["Rostock"] == nil || moved["Schwerin"] == nil {
		t.Errorf("after the move: %v", moved)
	}
	// Back again: still one Location per venue.
	first, _ = st.Session(ctx, first.ID)
	first.Place = "Schwerin"
	if err := st.UpdateSession(ctx, first); err != nil {
		t.Fatal(err)
	}
	check("back")
}
