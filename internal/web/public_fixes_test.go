package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// storedRows gives the number of rows of rendered_pages once every page
// handed to the store is written.
func storedRows(t *testing.T, st *store.Store) int {
	t.Helper()
	ctx := context.Background()
	if err := st.FlushPages(ctx); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := st.DBForTests().QueryRowContext(ctx, `SELECT COUNT(*) FROM rendered_pages`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestMadeUpFiltersAreNotStored: anonymous requests with made-up filter
// values each added a page and its gzip copy to the page store
// (/beschluesse?be=<2000 random characters>, /beschluesse?q=x1, …), and
// ?be= took 20,000 characters. A value that cannot match is refused — an
// unknown member or FachMK 400, as the JSON API refuses it, an over-long
// abbreviation 400 — and arbitrary words
// or parameters are answered without being stored; the real pages are
// still stored.
func TestMadeUpFiltersAreNotStored(t *testing.T) {
	ts, st, _ := demoAccountsServer(t, func(s *Server) { s.SetResponseCache(-1) })
	// The real pages are stored (and the start of the count).
	for _, path := range []string{"/beschluesse", "/beschluesse?jahr=2025", "/sitzungen?jahr=2025"} {
		if res, _ := get(t, ts, path); res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
	}
	before := storedRows(t, st)
	if before == 0 {
		t.Fatal("no page stored: the real pages must be kept")
	}
	// The same form as sent by the register's filter (empty fields) is
	// stored too.
	if res, _ := get(t, ts, "/beschluesse?q=&jahr=2024&thema=&fachmk=&be=&art=&umsetzung=&verfahren="); res.StatusCode != http.StatusOK {
		t.Fatalf("form query: %d", res.StatusCode)
	}
	if n := storedRows(t, st); n <= before {
		t.Errorf("the register's form query was not stored: %d rows, before %d", n, before)
	} else {
		before = n
	}

	long := strings.Repeat("x", 2000)
	for _, c := range []struct {
		path   string
		status int
	}{
		{"/beschluesse?be=" + long, http.StatusBadRequest},
		{"/beschluesse?be=" + strings.Repeat("y", 20000), http.StatusBadRequest},
		{"/beschluesse?fachmk=" + long, http.StatusBadRequest},
		{"/beschluesse?be=XX", http.StatusBadRequest},
		{"/beschluesse?be=YY", http.StatusBadRequest},
		{"/beschluesse?fachmk=XYZ", http.StatusBadRequest},
		{"/beschluesse?q=x1", http.StatusOK},
		{"/beschluesse?q=x2", http.StatusOK},
		{"/beschluesse?jahr=2025&x=1", http.StatusOK},
		{"/beschluesse?jahr=2025&x=2", http.StatusOK},
		{"/beschluesse?jahr=2025&jahr=2025", http.StatusOK},
		{"/sitzungen?jahr=2025&x=3", http.StatusOK},
		{"/suche?q=x1", http.StatusOK},
		{"/suche?q=x2", http.StatusOK},
		{"/suche?q=Kooperation", http.StatusOK},
	} {
		res, _ := get(t, ts, c.path)
		if res.StatusCode != c.status {
			t.Errorf("%.60s: %d, want %d", c.path, res.StatusCode, c.status)
		}
	}
	if n := storedRows(t, st); n != before {
		t.Errorf("made-up filters were stored: %d rows, before %d", n, before)
	}
}

// TestUnknownReportingMemberIsRefused: ?be= with a made-up text gave 200
// with the text in the feed's title ("Berichterstattung Bitte melden Sie
// sich unter evil.example"), the register page said nothing and the API
// gave 200 []. An unknown member is refused at "be" on the page, in the
// feed and by the API, as an unknown topic is; a text longer than any
// abbreviation is refused as such; a real member still filters. All 400:
// the page and the feed said 404 before while the API said 400, and a
// visitor who mistyped a member got "not found" for an address whose
// mistake is the visitor's (a bad request). The page and the feed now
// answer with the register page, the reason — naming an abbreviation
// typed, never a text that is none (here "Ruf an: evil") — and the
// filter form to choose again (TestRegisterMistypedFilterKeepsTheForm).
func TestUnknownReportingMemberIsRefused(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	bait := url.QueryEscape("Bitte melden Sie sich unter evil.example")
	for _, c := range []struct {
		path   string
		status int
		reason string
	}{
		// Longer than any abbreviation (model.MaxAbbrev): refused as such.
		{"/beschluesse.atom?be=" + bait, http.StatusBadRequest, "Das Kürzel des Mitglieds ist zu lang"},
		{"/beschluesse?be=" + bait, http.StatusBadRequest, "Das Kürzel des Mitglieds ist zu lang"},
		{"/beschluesse?be=" + url.QueryEscape("Ruf an: evil"), http.StatusBadRequest, "Kein Mitglied hat das Kürzel in ?be= der Adresse"},
		{"/beschluesse?be=XX", http.StatusBadRequest, "Kein Mitglied hat das Kürzel „XX“"},
		{"/beschluesse.atom?be=XX&jahr=2025", http.StatusBadRequest, "Kein Mitglied hat das Kürzel „XX“"},
	} {
		path := c.path
		res, body := get(t, ts, path)
		if res.StatusCode != c.status || !strings.Contains(body, c.reason) {
			t.Errorf("%s: %d, want %d with %q:\n%.300s", path, res.StatusCode, c.status, c.reason, between(body, "<main", "</main>"))
		}
		if strings.Contains(body, "evil") || strings.Contains(body, "<feed") {
			t.Errorf("%s: echoes the text or is a feed: %q", path, body[max(0, strings.Index(body, "evil")-200):min(len(body), strings.Index(body, "evil")+50)])
		}
	}
	for _, path := range []string{"/api/v1/beschluesse?be=XX", "/api/v1/beschluesse?be=" + bait} {
		res, body := get(t, ts, path)
		var refusal struct {
			Error    string `json:"error"`
			Problems []struct {
				Param string `json:"parameter"`
			} `json:"probleme"`
		}
		_ = json.Unmarshal([]byte(body), &refusal)
		if res.StatusCode != http.StatusBadRequest || len(refusal.Problems) != 1 || refusal.Problems[0].Param != "be" || strings.Contains(body, "evil.example") {
			t.Errorf("%s: %d %s, want 400 at be", path, res.StatusCode, body)
		}
	}
	for _, path := range []string{"/beschluesse?be=HB", "/beschluesse.atom?be=HB", "/api/v1/beschluesse?be=HB"} {
		if res, _ := get(t, ts, path); res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d, want 200", path, res.StatusCode)
		}
	}
}

// TestEverySpellingOfADecisionNumber: /beschluesse/2025/026 led to
// B-2025/26-IT, but /beschluesse/B-2025/026-IT was not found, and
// /beschluesse/B-2025/1-IT said "keine Nummer eines Beschlusses" where
// /beschluesse/2025/1 said "nicht erfasst" ("nicht verzeichnet" now).
// Every spelling of a well-formed number of the council leads (301) to
// its one address, and one that is not recorded says so.
func TestEverySpellingOfADecisionNumber(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	for _, path := range []string{"/beschluesse/2025/026", "/beschluesse/B-2025/026-IT", "/beschluesse/b-2025/026-it", "/beschluesse/B-2025/0026-IT", "/beschluesse/Beschluss%202025/26"} {
		res, _ := get(t, ts, path)
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/beschluesse/B-2025/26-IT" {
			t.Errorf("%s: %d to %q, want 301 to /beschluesse/B-2025/26-IT", path, res.StatusCode, res.Header.Get("Location"))
		}
	}
	for _, path := range []string{"/beschluesse/2025/1", "/beschluesse/B-2025/1-IT", "/beschluesse/B-2025/01-IT", "/beschluesse/B-2025/001-IT"} {
		res, body := get(t, ts, path)
		if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "Ein Beschluss mit der Nummer B-2025/01-IT ist im Beschlussregister nicht verzeichnet.") {
			t.Errorf("%s: %d, want 404 saying B-2025/01-IT is not recorded:\n%s", path, res.StatusCode, between(body, "<main", "</main>"))
		}
	}
	if res, _ := get(t, ts, "/beschluesse/B-2025/26-IT"); res.StatusCode != http.StatusOK {
		t.Errorf("the decision itself: %d", res.StatusCode)
	}
	// Another body's form of the number stays another body's.
	if res, body := get(t, ts, "/beschluesse/X-2025/26-Y"); res.StatusCode != http.StatusNotFound || !strings.Contains(body, "keine Nummer eines Beschlusses") {
		t.Errorf("X-2025/26-Y: %d", res.StatusCode)
	}
}

// TestYearOutOfRangeSaysTheRange: ?jahr=1800 was refused as "keine
// vierstellige Zahl" on the session list, the register, its feed and the
// API, and the session calendar answered ?jahr=99999 with "Bitte ein Jahr
// angeben". Each says the real rule: a year from 1900 to 9999.
func TestYearOutOfRangeSaysTheRange(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	const rule = "Das Jahr muss eine Zahl von 1900 bis 9999 sein"
	for _, path := range []string{"/sitzungen?jahr=1800", "/beschluesse?jahr=1800", "/beschluesse.atom?jahr=1800", "/api/v1/beschluesse?jahr=1800",
		"/sitzungen/kalender?jahr=99999", "/sitzungen/kalender?jahr=1800", "/sitzungen?jahr=abc"} {
		res, body := get(t, ts, path)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, rule) || strings.Contains(body, "vierstellige") {
			t.Errorf("%s: %d, want 400 with %q:\n%s", path, res.StatusCode, rule, between(body, "<main", "</main>"))
		}
	}
	if res, _ := get(t, ts, "/sitzungen/kalender?jahr=2025"); res.StatusCode != http.StatusOK {
		t.Errorf("calendar 2025: %d", res.StatusCode)
	}
}

// TestEmptyFeedHasARealDate: a feed of a selection without decisions
// said <updated>2000-01-01T00:00:00+01:00</updated>. It carries the
// newest change of the register, as the feed of all decisions does.
func TestEmptyFeedHasARealDate(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	updated := func(path string) (string, string) {
		res, body := get(t, ts, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		feed, _, _ := strings.Cut(body, "<entry")
		return between(feed, "<updated>", "</updated>"), body
	}
	all, _ := updated("/beschluesse.atom")
	for _, path := range []string{"/beschluesse.atom?jahr=2024&art=empfehlung", "/beschluesse.atom?jahr=1999"} {
		got, body := updated(path)
		if strings.Contains(body, "<entry") {
			t.Fatalf("%s has entries: not an empty selection", path)
		}
		if strings.Contains(got, "2000-01-01") || got != all || got == "" {
			t.Errorf("%s: updated %q, want the register's %q", path, got, all)
		}
	}
}

// TestSessionPagesOpenOnTheNextSessionsYear: on 06.12.2026 the session
// list opened on 2025 and the session calendar on 2026, and the next
// session (2027) was in neither. Both open on the year of the next
// session that takes place, and the list stays that one year. (The day
// here is after every session of the demo, whose next one is planned six
// weeks after the store's day.)
func TestSessionPagesOpenOnTheNextSessionsYear(t *testing.T) {
	today := time.Date(2030, 12, 6, 12, 0, 0, 0, model.Berlin)
	ts, st, _ := demoAccountsServer(t, func(s *Server) { s.SetClock(func() time.Time { return today }) })
	ctx := context.Background()
	council := must(st.BodyByAbbrev(ctx, "IT-PLR"))
	heading := func(path string) string {
		res, page := get(t, ts, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		return between(page, "<title>", "</title>")
	}
	// No session after today: the newest year with sessions before it,
	// on both pages alike.
	newest := must(st.SessionYears(ctx, council.ID))[0]
	if l, c := heading("/sitzungen"), heading("/sitzungen/kalender"); !strings.Contains(l, strconv.Itoa(newest)) || !strings.Contains(c, strconv.Itoa(newest)) {
		t.Errorf("without a next session: list %q, calendar %q, want %d on both", l, c, newest)
	}
	if _, err := st.CreateSession(ctx, model.Session{BodyID: council.ID, Number: 500, Status: model.StatusPlanned, Date: model.NewDate(2031, 3, 25)}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/sitzungen", "/sitzungen/kalender"} {
		if h := heading(path); !strings.Contains(h, "2031") {
			t.Errorf("%s opens on %q, want 2031, the year of the next session", path, h)
		}
	}
	if _, page := get(t, ts, "/sitzungen"); !strings.Contains(page, "500. Sitzung") || strings.Contains(page, "47. Sitzung") {
		t.Error("the session list does not show the next session's year only")
	}
}

// TestRobotsAndFavicon: /robots.txt was the HTML page "Diese Seite gibt es
// nicht". It is plain text keeping crawlers off the search, the filtered
// lists, the login and the internal areas; /favicon.ico is 204.
func TestRobotsAndFavicon(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	res, body := get(t, ts, "/robots.txt")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/robots.txt: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{"User-agent: *", "Disallow: /suche\n", "Disallow: /beschluesse?\n", "Disallow: /beschluesse.atom?\n",
		"Disallow: /sitzungen?\n", "Disallow: /anmelden\n", "Disallow: /konto\n", "Disallow: /mein-bereich\n", "Disallow: /kalender/\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("robots.txt lacks %q", want)
		}
	}
	if strings.Contains(body, "<") {
		t.Error("robots.txt is HTML")
	}
	if res, body := get(t, ts, "/favicon.ico"); res.StatusCode != http.StatusNoContent || body != "" {
		t.Errorf("/favicon.ico: %d %.80q", res.StatusCode, body)
	}
}

// TestKeysetPageLeadsBack: a keyset page opened directly
// (/beschluesse?vor=2025-27) had no link to the newer decisions nor to the
// start of the register.
func TestKeysetPageLeadsBack(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	res, body := get(t, ts, "/beschluesse?vor=2025-27")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%d", res.StatusCode)
	}
	nav := between(body, `aria-label="Seiten des Registers"`, "</nav>")
	if !strings.Contains(nav, `href="/beschluesse" rel="first">Zum Anfang</a>`) || !strings.Contains(nav, `href="/beschluesse?nach=2025-26" rel="prev"`) {
		t.Errorf("the keyset page lacks its way back:\n%s", nav)
	}
	if main := between(body, "<main", "</main>"); strings.Contains(main, ">B-2025/27-IT<") || strings.Contains(main, ">B-2025/40-IT<") {
		t.Error("the page shows the decision of its cursor or newer ones")
	}
	// With a filter the links keep it.
	_, body = get(t, ts, "/beschluesse?jahr=2025&vor=2025-27")
	if nav := between(body, `aria-label="Seiten des Registers"`, "</nav>"); !strings.Contains(nav, `href="/beschluesse?jahr=2025" rel="first"`) || !strings.Contains(nav, `href="/beschluesse?jahr=2025&amp;nach=`) {
		t.Errorf("the filtered keyset page lacks its way back:\n%s", nav)
	}
	// The first page has neither.
	if _, body := get(t, ts, "/beschluesse"); strings.Contains(body, "Zum Anfang") {
		t.Error("the first page links to itself as the start")
	}
}

// TestMinutesHeadingNamesTheSession: the only h1 of the minutes was
// "Protokoll – Entwurf"; the session stood in a paragraph above it. The
// heading names the session as the page's title and the PDF's metadata
// do (model.MinutesTitle).
func TestMinutesHeadingNamesTheSession(t *testing.T) {
	ts, _, _ := demoAccountsServer(t)
	for user, want := range map[string]string{
		"":                 "<h1>Protokoll der 47. Sitzung des IT-Planungsrats – Entwurf (öffentliche Fassung)</h1>",
		"geschaeftsstelle": "<h1>Protokoll der 47. Sitzung des IT-Planungsrats – Entwurf (interne Fassung)</h1>",
	} {
		_, page := do(t, client(t, ts, user), "GET", ts.URL+"/sitzungen/47/protokoll", nil)
		if !strings.Contains(page, want) || strings.Contains(page, "protocol-title") {
			t.Errorf("%q: the minutes' heading is not %q:\n%s", user, want, between(page, "<main", "<dl"))
		}
		if !strings.Contains(page, "<title>"+strings.TrimSuffix(strings.TrimPrefix(want, "<h1>"), "</h1>")) {
			t.Errorf("%q: the heading and the title differ", user)
		}
		if p := wellFormedProblems(page); len(p) > 0 {
			t.Errorf("%q: %v", user, p)
		}
	}
}

// TestSearchHelpSaysWhatIsFound: the search page said that a word finds
// the compound words it is in, but "Grundgesetz" does not find
// "Grundgesetzänderung": compounds are split into their smallest parts by
// a word list, and a word finds a compound when it is one of those parts
// (search.PartTerms). The help says so, with examples that hold.
func TestSearchHelpSaysWhatIsFound(t *testing.T) {
	has := func(word, compound string) bool {
		return slices.Contains(search.PartTerms(compound), search.Term(word))
	}
	if !has("Register", "Registermodernisierung") || !has("Gesetz", "Grundgesetzänderung") || has("Grundgesetz", "Grundgesetzänderung") {
		t.Fatal("the rule of package search changed: update the help of the search page")
	}
	ts, _, _ := demoAccountsServer(t)
	_, page := get(t, ts, "/suche")
	hint := between(page, `<p class="hint">`, "</p>")
	for _, want := range []string{"„Register“ findet „Registermodernisierung“", "„Gesetz“ findet „Grundgesetzänderung“", "„Grundgesetz“ findet „Grundgesetzänderung“ nicht"} {
		if !strings.Contains(hint, want) {
			t.Errorf("the search help lacks %q:\n%s", want, hint)
		}
	}
	if strings.Contains(hint, "in denen es steckt") {
		t.Error("the search help still promises every compound a word is in")
	}
}
