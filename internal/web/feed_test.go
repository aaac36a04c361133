package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
	"github.com/mmcdole/gofeed"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/ical"
	"gremium/internal/model"
	"gremium/internal/site"
	"gremium/internal/store"
)

// publicServer is the demo server with a configured public URL.
func publicServer(t *testing.T, public string) (*httptest.Server, *store.Store) {
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
	return ts, st
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
	ts, _ := publicServer(t, "https://gremium.example.org")
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

// TestSelectionFeedsAreNamed: every feed of a selection was titled
// "Beschlüsse – IT-Planungsrat", so a reader who subscribed to the feeds
// of two conferences saw two feeds of one name. A selection's feed names
// its filters in words; the feed of all decisions keeps its title.
func TestSelectionFeedsAreNamed(t *testing.T) {
	ts, _ := publicServer(t, "https://gremium.example.org")
	_, register := getHost(t, ts, "/beschluesse", "ts.local")
	sections := regexp.MustCompile(`<option value="(\d+)"[^>]*>Datennutzung<`).FindStringSubmatch(register)
	if sections == nil {
		t.Fatal("no section Datennutzung in the register's form")
	}
	for _, c := range []struct{ query, title string }{
		{"", "Beschlüsse – IT-Planungsrat"},
		{"?fachmk=FMK", "Beschlüsse – IT-Planungsrat (relevant für FMK)"},
		{"?fachmk=DMK", "Beschlüsse – IT-Planungsrat (relevant für DMK)"},
		{"?verfahren=gruene-liste", "Beschlüsse – IT-Planungsrat (Grüne Liste ohne Aussprache)"},
		{"?jahr=2025&be=HB&art=empfehlung&umsetzung=offen&thema=" + sections[1],
			"Beschlüsse – IT-Planungsrat (2025, Schwerpunktthema Datennutzung, Berichterstattung Bremen, nur Empfehlungen, Umsetzung offen)"},
	} {
		res, body := getHost(t, ts, "/beschluesse.atom"+c.query, "ts.local")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", c.query, res.StatusCode)
		}
		feed, err := gofeed.NewParser().ParseString(body)
		if err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
		if feed.Title != c.title {
			t.Errorf("feed%s is titled %q, want %q", c.query, feed.Title, c.title)
		}
	}
}

// Feed ids and links come from the public URL, whatever Host the request
// named; the feed parses as Atom and keeps RFC 4287's rules.
func TestFeedOnPublicURL(t *testing.T) {
	ts, _ := publicServer(t, "https://gremium.example.org")
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

// Every calendar feed keeps the byte-level rules of RFC 5545, parses back,
// and names the public URL whatever the Host; the IT-PLR's session
// calendar is linked from the session list.
func TestCalendarFeeds(t *testing.T) {
	ts, st := publicServer(t, "https://gremium.example.org")
	ctx := store.WithActor(context.Background(), "test")
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	imk, _ := st.BodyByAbbrev(ctx, "IMK")
	for _, d := range []model.ConferenceDate{
		{BodyID: fmk.ID, Title: "Frühjahrskonferenz; Teil 1, Beratung", Starts: model.NewDate(2026, 5, 20), Ends: model.NewDate(2026, 5, 21), StartTime: "10:00", EndTime: "13:30", Place: "Lübeck"},
		{BodyID: imk.ID, Title: "Herbsttagung", Starts: model.NewDate(2026, 11, 4), Place: "Berlin"},
	} {
		if _, err := st.CreateConferenceDate(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	_, list := getHost(t, ts, "/sitzungen", "ts.local")
	if !strings.Contains(list, `href="/sitzungen.ics"`) {
		t.Error("the session list does not link the session calendar")
	}
	for _, c := range []struct {
		path   string
		events int
		want   []string
	}{
		{"/sitzungen.ics", 4, []string{"UID:sitzung-it-plr-47@gremium.example.org", "DTSTART;TZID=Europe/Berlin:20250626T", "URL:https://gremium.example.org/sitzungen/47"}},
		{"/fachmk/termine.ics", 2, []string{"DTSTART;VALUE=DATE:20261104", "DTSTART;TZID=Europe/Berlin:20260520T100000", "DTEND;TZID=Europe/Berlin:20260521T133000"}},
		{"/fachmk/FMK/termine.ics", 1, []string{"URL:https://gremium.example.org/fachmk/FMK", `Teil 1\, Beratung`}},
	} {
		t.Run(c.path, func(t *testing.T) {
			res, body := getHost(t, ts, c.path, "evil.example")
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
				t.Fatalf("%d %s", res.StatusCode, res.Header.Get("Content-Type"))
			}
			if bad := ical.Check([]byte(body)); bad != nil {
				t.Errorf("RFC 5545: %v", bad)
			}
			cal, err := ics.ParseCalendar(strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if c.events >= 0 && len(cal.Events()) != c.events {
				t.Errorf("%d events, want %d", len(cal.Events()), c.events)
			}
			for _, e := range cal.Events() {
				if ds, err := e.GetDtStampTime(); err != nil || ds.Year() < 2021 {
					t.Errorf("DTSTAMP %v %v", ds, err)
				}
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			if strings.Contains(body, "evil.example") {
				t.Error("names the request's host")
			}
			// UIDs are stable: the same on the next request.
			_, again := getHost(t, ts, c.path, "ts.local")
			if again != body {
				t.Error("the feed changed between two requests without a change")
			}
		})
	}
}

// TestFeedOfNoSuchSelection: a feed subscribed with a mistyped conference
// (?fachmk=XYZ) or a topic the council does not have answered 200 with
// no entries and the mistyped name in its title, so the reader never
// learnt that it will never get an entry. Such a feed is a bad request
// (400, as the JSON API answers it; 404 before), as is a filter that
// cannot be read (?jahr=abc): the register page with the reason in
// German and the filter form. Neither is an Atom document.
func TestFeedOfNoSuchSelection(t *testing.T) {
	ts, _ := publicServer(t, "https://gremium.example.org")
	for _, c := range []struct {
		query  string
		status int
		reason string
	}{
		{"?fachmk=XYZ", http.StatusBadRequest, "Keine Fachministerkonferenz „XYZ“"},
		{"?fachmk=IT-PLR", http.StatusBadRequest, "Keine Fachministerkonferenz „IT-PLR“"},
		{"?thema=999999", http.StatusBadRequest, "Kein Schwerpunktthema Nr. 999999"},
		{"?jahr=abc", http.StatusBadRequest, "Das Jahr muss eine Zahl von 1900 bis 9999 sein"},
	} {
		res, body := getHost(t, ts, "/beschluesse.atom"+c.query, "ts.local")
		if res.StatusCode != c.status || !strings.Contains(body, c.reason) {
			t.Errorf("feed%s: %d, want %d with %q:\n%.300s", c.query, res.StatusCode, c.status, c.reason, body)
		}
		if strings.Contains(body, "<feed") {
			t.Errorf("feed%s: an Atom document for a selection that does not exist", c.query)
		}
	}
}

// TestRegisterAddressesAgree: the register's feed and the JSON API read
// the same filter the same way — a value one refuses the other refuses
// for the same reason, and a value one takes the other takes. Before,
// each had its own reader: the API took ?jahr=1800 and refused
// ?umsetzung=erledigt, which the page and its feed read the other way
// round, and they gave the reasons in different words.
func TestRegisterAddressesAgree(t *testing.T) {
	ts, st := publicServer(t, "https://gremium.example.org")
	council := must(st.BodyByAbbrev(context.Background(), "IT-PLR"))
	sections := must(st.Sections(context.Background(), council.ID))
	var notTopic int64
	for _, s := range sections {
		if !s.Topic() {
			notTopic = s.ID
		}
	}
	queries := []string{"", "jahr=2025", "jahr=1800", "jahr=abc", "umsetzung=erledigt", "umsetzung=bald", "umsetzung=in_umsetzung",
		"art=empfehlung", "art=gesetz", "verfahren=gruene-liste", "verfahren=los", "thema=x", "thema=999999",
		fmt.Sprintf("thema=%d", notTopic), "fachmk=XYZ", "fachmk=IT-PLR", "fachmk=FMK", "be=HE", "seite=0", "seite=2000000",
		"q=Register", "q=%21%21", "q=" + strings.Repeat("x", 301), "q=Register&fachmk=XYZ"}
	for _, q := range queries {
		res, feed := getHost(t, ts, "/beschluesse.atom?"+q, "ts.local")
		apiRes, api := getHost(t, ts, "/api/v1/beschluesse?"+q, "ts.local")
		feedOK, apiOK := res.StatusCode == http.StatusOK, apiRes.StatusCode == http.StatusOK
		if feedOK != apiOK {
			t.Errorf("?%s: feed %d, API %d", q, res.StatusCode, apiRes.StatusCode)
			continue
		}
		if feedOK {
			continue
		}
		var refusal struct {
			Error string `json:"error"`
		}
		if err := json.Unmarshal([]byte(api), &refusal); err != nil || refusal.Error == "" {
			t.Errorf("?%s: API %d without a reason: %s", q, apiRes.StatusCode, api)
			continue
		}
		if !strings.Contains(feed, html.EscapeString(refusal.Error)) {
			t.Errorf("?%s: the API says %q, the feed:\n%.400s", q, refusal.Error, feed)
		}
	}
}
