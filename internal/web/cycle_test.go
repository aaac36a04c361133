package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gremium/internal/auth"
	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/store"
)

// cycleServer is the demo server with the demo accounts and a FachMK
// account.
func cycleServer(t *testing.T) (*httptest.Server, *store.Store) {
	t.Helper()
	ts, st, _ := cycleServerOf(t)
	return ts, st
}

// cycleServerOf is cycleServer that also gives the Server, for tests that
// set its clocks; configure is applied before the handler is built.
func cycleServerOf(t *testing.T, configure ...func(*Server)) (*httptest.Server, *store.Store, *Server) {
	t.Helper()
	ts, st, srv := demoAccountsServer(t, configure...)
	ctx := context.Background()
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	hash, _ := auth.HashPassword(demo.AccountPassword)
	if _, err := st.CreateUser(ctx, model.User{Username: "fmk", Name: "Geschäftsstelle FMK", Role: model.RoleFachMK, ConferenceID: fmk.ID}, hash); err != nil {
		t.Fatal(err)
	}
	return ts, st, srv
}

// demoAccountsServer serves the demo data with the demo accounts (one per role and
// every Land) and a document directory of the test; configure runs before
// the handler is built (e.g. to turn the response cache off). The server
// is closed when the test ends, after the browsers the test opened later.
func demoAccountsServer(t testing.TB, configure ...func(*Server)) (*httptest.Server, *store.Store, *Server) {
	t.Helper()
	st := demotest.StoreWithAccounts(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	srv.SetDocumentDir(t.TempDir())
	for _, c := range configure {
		c(srv)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, st, srv
}

// client gives an HTTP client logged in as user ("" for the public) that
// does not follow redirects.
func client(t *testing.T, ts *httptest.Server, user string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if user == "" {
		return c
	}
	res, err := c.PostForm(ts.URL+"/anmelden", url.Values{"benutzer": {user}, "passwort": {demo.AccountPassword}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: %d", user, res.StatusCode)
	}
	return c
}

func do(t *testing.T, c *http.Client, method, u string, form url.Values) (int, string) {
	t.Helper()
	var res *http.Response
	var err error
	if method == "GET" {
		res, err = c.Get(u)
	} else {
		res, err = c.PostForm(u, form)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestLoginPage(t *testing.T) {
	ts, _ := cycleServer(t)
	c := client(t, ts, "")
	code, body := do(t, c, "POST", ts.URL+"/anmelden", url.Values{"benutzer": {"hessen"}, "passwort": {"falsch-falsch-falsch"}})
	if code != http.StatusUnauthorized || !strings.Contains(body, "Benutzername oder Passwort sind falsch.") {
		t.Errorf("wrong password: %d", code)
	}
	he := client(t, ts, "hessen")
	if _, body := do(t, he, "GET", ts.URL+"/", nil); !strings.Contains(body, "Angemeldet: Büro des IT-PLR-Mitglieds Hessen") {
		t.Error("logged-in user not shown")
	}
	// Redirect targets stay on the site.
	code, _ = do(t, c, "POST", ts.URL+"/anmelden", url.Values{"benutzer": {"hessen"}, "passwort": {demo.AccountPassword}, "weiter": {"//evil.example/"}})
	if code != http.StatusSeeOther {
		t.Fatalf("login: %d", code)
	}
}

// TestPermissions walks the actions of the session cycle with every role:
// a role that may not take an action gets 403 (the public a login
// redirect for pages), never the data.
func TestPermissions(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	// A planned 48th session to register items for.
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"48"}, "datum": {"2025-11-20"}, "beginn": {"09:00"}, "ende": {"13:00"}, "ort": {"Berlin"}, "vorsitz": {"MV"}}); code != http.StatusSeeOther {
		t.Fatalf("create session 48: %d %s", code, body)
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	top := items[1].ID
	contribution := url.Values{"sprecher": {"HE"}, "punkte": {"Ein Punkt."}}

	type check struct {
		method, path string
		form         url.Values
		allowed      []string // roles that may; all others get 403
	}
	checks := []check{
		{"GET", "/sitzungen/neu", nil, []string{"geschaeftsstelle"}},
		{"POST", "/sitzungen", url.Values{"nummer": {"99"}, "datum": {"2026-01-01"}}, []string{"geschaeftsstelle"}},
		{"GET", "/sitzungen/47/verwaltung", nil, []string{"geschaeftsstelle"}},
		// GET …/live sends a signed-in member on to the session page
		// (TestMemberOfficeFindsTheRunningSession); its writes stay the
		// Geschäftsstelle's (the row below).
		{"POST", fmt.Sprintf("/tops/%d/beitraege", top), contribution, []string{"geschaeftsstelle"}},
		{"POST", "/sitzungen/47/status", url.Values{"naechster": {"einberufen"}}, []string{"geschaeftsstelle"}},
		{"GET", "/sitzungen/48/anmeldung", nil, []string{"geschaeftsstelle", "hessen", "bund"}},
		{"POST", "/sitzungen/47/kommentare", url.Values{"kommentar": {"Bitte Rechtschreibung prüfen."}}, []string{"geschaeftsstelle", "hessen", "bund", "dlt"}},
		{"GET", "/sitzungen/47/protokoll/fassungen/1", nil, []string{"geschaeftsstelle", "hessen", "bund", "dlt", "sprecher-hb"}},
		// The vote page's box is as internal as the page (a proposal is
		// voted on).
		{"GET", "/sitzungen/47/abstimmung/stand", nil, []string{"geschaeftsstelle", "hessen", "bund", "dlt", "sprecher-hb"}},
		// A FachMK secretariat keeps its own conference only.
		{"POST", "/fachmk/AMK/kontakte", url.Values{"name": {"Eingeschleust"}}, []string{"geschaeftsstelle"}},
		{"POST", "/fachmk/AMK/termine", url.Values{"titel": {"Eingeschleust"}, "beginn": {"2026-05-04"}}, []string{"geschaeftsstelle"}},
	}
	roles := []string{"", "geschaeftsstelle", "hessen", "bund", "dlt", "sprecher-hb", "fmk"}
	clients := map[string]*http.Client{}
	for _, r := range roles {
		clients[r] = client(t, ts, r)
	}
	for _, c := range checks {
		for _, role := range roles {
			code, body := do(t, clients[role], c.method, ts.URL+c.path, c.form)
			allowed := false
			for _, a := range c.allowed {
				allowed = allowed || a == role
			}
			switch {
			case allowed && (code == http.StatusForbidden || code == http.StatusSeeOther && strings.Contains(body, "anmelden")):
				t.Errorf("%s %s as %q: %d, want allowed", c.method, c.path, role, code)
			case !allowed && role == "" && c.method == "GET" && code != http.StatusSeeOther:
				t.Errorf("%s %s as public: %d, want redirect to login", c.method, c.path, code)
			case !allowed && role == "" && c.method != "GET" && code != http.StatusUnauthorized:
				// The login page, the form kept (loginExpired).
				t.Errorf("%s %s as public: %d, want 401", c.method, c.path, code)
			case !allowed && role != "" && code != http.StatusForbidden:
				t.Errorf("%s %s as %q: %d, want 403", c.method, c.path, role, code)
			}
			if !allowed && strings.Contains(body, "Steuerungsgruppe") {
				t.Errorf("%s %s as %q shows data", c.method, c.path, role)
			}
		}
	}
	// A member registers only for itself: Hessen cannot register for Bayern.
	he := clients["hessen"]
	code, _ := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"mitglied": {"BY"}, "titel": {"Test"}, "ziel": {"Bericht"}, "fachmk": {"keine"}})
	if code != http.StatusSeeOther {
		t.Fatalf("registration by HE: %d", code)
	}
	s48, _ := st.SessionByNumber(ctx, itplr.ID, 48)
	all, _ := st.Items(ctx, s48.ID)
	if last := all[len(all)-1]; last.RegisteredBy != "HE" || last.Status != model.ItemRegistered {
		t.Errorf("registration = %+v", last)
	}
}

// editedMeanwhile is a contribution of the 47th session that two editors
// opened and the first saved ("Erste Fassung."): it gives the address
// of its form and the version the second editor's page still carries.
func editedMeanwhile(t *testing.T, ts *httptest.Server, st *store.Store, gs *http.Client) (model.Contribution, string, string) {
	t.Helper()
	ctx := context.Background()
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	cs, _ := st.Contributions(ctx, items[1].ID)
	c := cs[0]
	path := fmt.Sprintf("%s/beitraege/%d", ts.URL, c.ID)
	version := fmt.Sprint(c.Version)
	if code, body := do(t, gs, "POST", path, url.Values{"version": {version}, "sprecher": {"BSI"}, "punkte": {"Erste Fassung."}}); code != http.StatusSeeOther {
		t.Fatalf("first edit: %d %s", code, body)
	}
	return c, path, version
}

func TestStaleEditGets409(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	// Two editors opened the same contribution; the first saves …
	c, path, version := editedMeanwhile(t, ts, st, gs)
	// … the second, still on the old version, gets 409 and changes nothing.
	// The reason is true also when the "other" editor is the same user in
	// another window, as here (it said "von jemand anderem geändert" only).
	code, body := do(t, gs, "POST", path, url.Values{"version": {version}, "sprecher": {"BSI"}, "punkte": {"Zweite Fassung."}})
	if code != http.StatusConflict {
		t.Fatalf("stale edit: %d", code)
	}
	if !strings.Contains(body, "inzwischen geändert – von jemand anderem oder von Ihnen in einem anderen Fenster") {
		t.Errorf("the conflict's reason does not allow for the user's own other window: %s", between(body, "<main", "</main>"))
	}
	got, _ := st.Contribution(ctx, c.ID)
	if len(got.Points) != 1 || got.Points[0] != "Erste Fassung." {
		t.Errorf("the first edit was not kept: %+v", got.Points)
	}
	// The htmx autosave gets a short message instead of a page.
	if code, b := hxPost(t, gs, path, url.Values{"version": {version}, "punkte": {"Dritte."}}); code != http.StatusConflict || !strings.Contains(b, "Nicht gespeichert") {
		t.Errorf("htmx stale edit: %d %s", code, b)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	req, _ := http.NewRequest("POST", ts.URL+"/sitzungen", strings.NewReader(url.Values{"nummer": {"77"}, "datum": {"2026-01-01"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := gs.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %d", res.StatusCode)
	}
	itplr, _ := st.BodyByAbbrev(context.Background(), demo.CouncilAbbrev)
	if _, err := st.SessionByNumber(context.Background(), itplr.ID, 77); err == nil {
		t.Error("a cross-site request created a session")
	}
}

func TestMembersSeeInternalVersion(t *testing.T) {
	ts, _ := cycleServer(t)
	_, public := do(t, client(t, ts, ""), "GET", ts.URL+"/sitzungen/47", nil)
	_, internal := do(t, client(t, ts, "hessen"), "GET", ts.URL+"/sitzungen/47", nil)
	_, fmk := do(t, client(t, ts, "fmk"), "GET", ts.URL+"/sitzungen/47", nil)
	for _, secret := range []string{"[REDACTED]", model.SourceRedactionShown} {
		if strings.Contains(public, secret) || strings.Contains(fmk, secret) {
			t.Error("the public or a FachMK secretariat sees confidential text")
		}
	}
	// A passage the source blacked out reads in German, never as the
	// source tool's "[REDACTED]", which a member took for text withheld.
	if !strings.Contains(internal, markOpen+`im Quelldokument geschwärzt`+markClose) || !strings.Contains(internal, "Interne Fassung") ||
		strings.Contains(internal, "REDACTED") {
		t.Error("members must see the internal version with marked passages, what the source blacked out in German")
	}
}

func TestApprovalIsNoStatusStep(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	itplr, _ := st.BodyByAbbrev(context.Background(), demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(context.Background(), itplr.ID, 47)
	code, _ := do(t, gs, "POST", ts.URL+"/sitzungen/47/status", url.Values{"naechster": {"protokoll_genehmigt"}, "version": {fmt.Sprint(s47.Version)}})
	if code != http.StatusBadRequest {
		t.Errorf("approving by status step: %d", code)
	}
	if se, _ := st.SessionByNumber(context.Background(), itplr.ID, 47); se.Status != model.StatusMinutesDraft {
		t.Errorf("status = %s", se.Status)
	}
}

func upload(t *testing.T, c *http.Client, u, filename string, content []byte) (int, string) {
	t.Helper()
	var body strings.Builder
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("datei", filename)
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest("POST", u, strings.NewReader(body.String()))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// uploadTo posts a document with form fields.
func uploadTo(t *testing.T, c *http.Client, u string, fields map[string]string, filename string, content []byte) (int, string) {
	t.Helper()
	var body strings.Builder
	ctype := multipartWriter(&body, fields, "datei", filename, string(content))
	req, _ := http.NewRequest("POST", u, strings.NewReader(body.String()))
	req.Header.Set("Content-Type", ctype)
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// planSession48 lets the secretariat plan the 48th session and Hessen
// register an item for it; it gives the session and the item.
func planSession48(t *testing.T, ts *httptest.Server, st *store.Store) (model.Session, model.AgendaItem) {
	t.Helper()
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	if code, body := do(t, gs, "POST", ts.URL+"/sitzungen", url.Values{"nummer": {"48"}, "datum": {"2026-11-20"}, "beginn": {"09:00"}, "ende": {"13:00"}, "ort": {"Berlin"}, "vorsitz": {"MV"}}); code != http.StatusSeeOther {
		t.Fatalf("create session 48: %d %s", code, body)
	}
	he := client(t, ts, "hessen")
	if code, body := do(t, he, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Hessischer Bericht"}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("registration by HE: %d %s", code, body)
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s48, _ := st.SessionByNumber(ctx, itplr.ID, 48)
	items, _ := st.Items(ctx, s48.ID)
	return s48, items[len(items)-1]
}

// planSession48Until is planSession48 with the 48th session's own
// registration deadline set to deadline, as its edit page sets it.
func planSession48Until(t *testing.T, ts *httptest.Server, st *store.Store, deadline model.Date) {
	t.Helper()
	planSession48(t, ts, st)
	ctx := context.Background()
	s48, err := st.SessionByNumber(ctx, mustBody(t, st).ID, 48)
	if err != nil {
		t.Fatal(err)
	}
	s48.RegistrationDeadline = deadline
	if err := st.UpdateSession(ctx, s48); err != nil {
		t.Fatal(err)
	}
}

func TestDocuments(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, mine := planSession48(t, ts, st)
	he := client(t, ts, "hessen")
	pdf := []byte("%PDF-1.4\n% Unterlage\n")
	if code, body := upload(t, he, ts.URL+"/sitzungen/48/dokumente", "Unterlage.pdf", pdf); code != http.StatusSeeOther {
		t.Fatalf("upload pdf: %d %s", code, body)
	}
	if code, body := uploadTo(t, he, ts.URL+"/sitzungen/48/dokumente", map[string]string{"top": fmt.Sprint(mine.ID)}, "Anlage.pdf", pdf); code != http.StatusSeeOther {
		t.Fatalf("upload to the own registration: %d %s", code, body)
	}
	for _, bad := range []struct {
		name    string
		content []byte
		msg     string
	}{
		{"virus.exe", []byte("MZ\x90\x00"), "nur PDF- und DOCX-Dateien"},
		{"falsch.pdf", []byte("kein pdf"), "nur PDF- und DOCX-Dateien"},
		{"gross.pdf", append([]byte("%PDF-"), make([]byte, MaxDocumentSize)...), "zu groß"},
	} {
		if code, body := upload(t, he, ts.URL+"/sitzungen/48/dokumente", bad.name, bad.content); code != http.StatusBadRequest || !strings.Contains(body, bad.msg) {
			t.Errorf("upload %s: %d", bad.name, code)
		}
	}
	if code, _ := upload(t, client(t, ts, "dlt"), ts.URL+"/sitzungen/48/dokumente", "x.pdf", pdf); code != http.StatusForbidden {
		t.Errorf("upload by an advisory member: %d", code)
	}
	docs, _ := st.Documents(ctx, s48.ID)
	if len(docs) != 2 || docs[0].Filename != "Unterlage.pdf" || docs[0].ContentType != "application/pdf" || docs[1].ItemID != mine.ID {
		t.Fatalf("documents = %+v", docs)
	}
	path := fmt.Sprintf("%s/dokumente/%d", ts.URL, docs[0].ID)
	if code, body := do(t, client(t, ts, "dlt"), "GET", path, nil); code != http.StatusOK || body != string(pdf) {
		t.Errorf("download by a member of the council: %d", code)
	}
	if code, _ := do(t, client(t, ts, "fmk"), "GET", path, nil); code != http.StatusForbidden {
		t.Errorf("download by a FachMK secretariat: %d", code)
	}
	if code, _ := do(t, client(t, ts, ""), "GET", path, nil); code != http.StatusSeeOther {
		t.Errorf("download by the public: %d", code)
	}
}

// TestUploadsOnlyToOpenSessionsAndOwnItems: members upload only to sessions
// open for registrations and only to their own registrations; nobody
// attaches a document to another session's item or to a session whose
// minutes are approved.
func TestUploadsOnlyToOpenSessionsAndOwnItems(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, heItem := planSession48(t, ts, st)
	by := client(t, ts, "bund")
	if code, body := do(t, by, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {"Bericht des Bundes"}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
		t.Fatalf("registration by Bund: %d %s", code, body)
	}
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items47, _ := st.Items(ctx, s47.ID)
	he, gs := client(t, ts, "hessen"), client(t, ts, "geschaeftsstelle")
	pdf := []byte("%PDF-1.4\n")
	for _, tt := range []struct {
		name   string
		c      *http.Client
		path   string
		item   int64
		status int
	}{
		{"member to a session whose minutes are in draft", he, "/sitzungen/47/dokumente", 0, http.StatusUnprocessableEntity},
		{"member to an approved session", he, "/sitzungen/46/dokumente", 0, http.StatusUnprocessableEntity},
		{"member to another member's registration", he, "/sitzungen/48/dokumente", heItem.ID + 1, http.StatusForbidden},
		{"member to another session's item", he, "/sitzungen/48/dokumente", items47[1].ID, http.StatusForbidden},
		{"secretariat to an approved session", gs, "/sitzungen/46/dokumente", 0, http.StatusUnprocessableEntity},
		{"secretariat to another session's item", gs, "/sitzungen/48/dokumente", items47[1].ID, http.StatusBadRequest},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fields := map[string]string{}
			if tt.item != 0 {
				fields["top"] = fmt.Sprint(tt.item)
			}
			if code, body := uploadTo(t, tt.c, ts.URL+tt.path, fields, "x.pdf", pdf); code != tt.status {
				t.Errorf("status %d, want %d: %s", code, tt.status, between(body, "<main", "</main>"))
			}
		})
	}
	for _, se := range []int64{s47.ID, s48.ID} {
		if docs, _ := st.Documents(ctx, se); len(docs) != 0 {
			t.Errorf("session %d has documents: %+v", se, docs)
		}
	}
	// The secretariat still adds documents after the session, until the
	// minutes are approved.
	if code, body := upload(t, gs, ts.URL+"/sitzungen/47/dokumente", "Nachtrag.pdf", pdf); code != http.StatusSeeOther {
		t.Errorf("secretariat to a session with draft minutes: %d %s", code, body)
	}
}

// multipartWriter writes a multipart form with fields and one file into b
// and gives the content type.
func multipartWriter(b *strings.Builder, fields map[string]string, fileField, fileName, content string) string {
	mw := multipart.NewWriter(b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile(fileField, fileName)
	fw.Write([]byte(content))
	mw.Close()
	return mw.FormDataContentType()
}

// TestRegisterPageOfClosedSession: the registration page of a session that
// takes no more items (the 47th, whose minutes are in draft) says so and
// leads back to the session instead of offering a form that every submit
// refuses; an open session (the 48th) still has the form.
func TestRegisterPageOfClosedSession(t *testing.T) {
	ts, st := cycleServer(t)
	planSession48(t, ts, st)
	he := client(t, ts, "hessen")
	code, page := do(t, he, "GET", ts.URL+"/sitzungen/47/anmeldung", nil)
	if code != http.StatusOK {
		t.Fatalf("registration page of the 47th: %d", code)
	}
	if strings.Contains(page, `action="/sitzungen/47/anmeldung"`) {
		t.Error("the 47th session's registration page offers a form that can only be refused")
	}
	if !strings.Contains(page, "können keine Tagesordnungspunkte mehr angemeldet werden (Stand der Sitzung: Protokoll im Entwurf)") || !strings.Contains(page, `<a href="/sitzungen/47">Zur Sitzung</a>`) {
		t.Error("the closed registration is not explained, or there is no way back to the session")
	}
	if _, page := do(t, he, "GET", ts.URL+"/sitzungen/48/anmeldung", nil); !strings.Contains(page, `action="/sitzungen/48/anmeldung"`) || strings.Contains(page, "keine Tagesordnungspunkte mehr") {
		t.Error("the open 48th session's registration page lost its form")
	}
	// The secretariat's management page links "TOP anmelden" only where
	// registering is open (before: also for the 47th, whose page refuses).
	gs := client(t, ts, "geschaeftsstelle")
	for nr, want := range map[int]bool{47: false, 48: true} {
		_, page := do(t, gs, "GET", fmt.Sprintf("%s/sitzungen/%d/verwaltung", ts.URL, nr), nil)
		if got := strings.Contains(page, fmt.Sprintf(`href="/sitzungen/%d/anmeldung"`, nr)); got != want {
			t.Errorf("management page of the %d.: link \"TOP anmelden\" %v, want %v", nr, got, want)
		}
	}
	// A refused submit still shows what was typed.
	if code, page := do(t, he, "POST", ts.URL+"/sitzungen/47/anmeldung", url.Values{"titel": {"Hessischer Nachtrag"}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code == http.StatusSeeOther || !strings.Contains(page, `value="Hessischer Nachtrag"`) {
		t.Errorf("refused registration for the 47th: %d, input not kept", code)
	}
}

// TestRefusedUploadShowsTheFormAgain: a refused upload gave an error page
// with one reason (the kind of document and the file were checked one
// after the other) and the form was gone with what was chosen. The page
// of the form — the session page for a member, the management page for
// the secretariat — now comes back with the other fields as chosen,
// every reason at its field and all of them above the form, each linked,
// and the file field says to choose the file again.
func TestRefusedUploadShowsTheFormAgain(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, mine := planSession48(t, ts, st)
	checkField := func(t *testing.T, page, id, reason string) {
		t.Helper()
		if !strings.Contains(between(page, `id="`+id+`"`, ">"), `aria-invalid="true"`) || !strings.Contains(between(page, `id="`+id+`"`, ">"), id+`-fehler`) {
			t.Errorf("the field %s is not marked invalid: %s", id, between(page, `id="`+id+`"`, ">"))
		}
		if at := between(page, `<p class="field-error" id="`+id+`-fehler">`, "</p>"); !strings.Contains(at, reason) {
			t.Errorf("at the field %s: %q, want %q", id, at, reason)
		}
		if box := between(page, `<div class="error-box" id="dokument-fehler">`, "</div>"); !strings.Contains(box, `<a href="#`+id+`">`+reason) {
			t.Errorf("the box does not link %q to %s: %s", reason, id, box)
		}
	}
	t.Run("member", func(t *testing.T) {
		code, page := uploadTo(t, client(t, ts, "hessen"), ts.URL+"/sitzungen/48/dokumente", map[string]string{"art": "memo", "top": fmt.Sprint(mine.ID)}, "virus.exe", []byte("MZ\x90\x00"))
		if code != http.StatusBadRequest {
			t.Errorf("%d", code)
		}
		checkField(t, page, "dok-art", "Bitte die Art des Dokuments wählen")
		checkField(t, page, "datei", "Es können nur PDF- und DOCX-Dateien hochgeladen werden.")
		if !strings.Contains(page, fmt.Sprintf(`<option value="%d" selected>`, mine.ID)) {
			t.Error("the chosen registration is lost")
		}
		if !strings.Contains(page, `id="datei-erneut"`) || !strings.Contains(page, `href="#dokument">Zum Formular mit Ihrer Auswahl</a>`) {
			t.Error("the page does not say to choose the file again or lead to the form")
		}
		for _, p := range wellFormedProblems(page) {
			t.Error(p)
		}
	})
	t.Run("secretariat", func(t *testing.T) {
		code, page := uploadTo(t, client(t, ts, "geschaeftsstelle"), ts.URL+"/sitzungen/48/dokumente", map[string]string{"art": "bericht", "top": "drei"}, "falsch.pdf", []byte("kein pdf"))
		if code != http.StatusBadRequest {
			t.Errorf("%d", code)
		}
		if !strings.Contains(page, "<h1>48. Sitzung <span class=\"sub\">Verwaltung</span></h1>") {
			t.Errorf("not the management page: %s", between(page, "<h1", "</h1>"))
		}
		checkField(t, page, "dok-top", "Bitte wählen Sie einen Tagesordnungspunkt der Liste")
		checkField(t, page, "datei", "Es können nur PDF- und DOCX-Dateien hochgeladen werden.")
		if !strings.Contains(page, `<option value="bericht" selected>`) {
			t.Error("the chosen kind is lost")
		}
		for _, p := range wellFormedProblems(page) {
			t.Error(p)
		}
	})
	if docs, _ := st.Documents(ctx, s48.ID); len(docs) != 0 {
		t.Errorf("a refused upload was stored: %+v", docs)
	}
}

// TestMemberUploadsToItsAcceptedItem: the upload form on the session page
// offers a member its own items, pending and accepted onto the agenda
// (not another member's), and a document sent for the accepted one is
// attached to it. Before, an accepted item left the select, which then
// was not shown at all, and Hessen's "Beschlussvorschlag" landed under
// "Zur Sitzung allgemein".
func TestMemberUploadsToItsAcceptedItem(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	s48, accepted := planSession48(t, ts, st)
	he, bund := client(t, ts, "hessen"), client(t, ts, "bund")
	for c, title := range map[*http.Client]string{he: "Hessische Anmeldung", bund: "Bericht des Bundes"} {
		if code, body := do(t, c, "POST", ts.URL+"/sitzungen/48/anmeldung", url.Values{"titel": {title}, "ziel": {"Bericht"}, "fachmk": {"keine"}}); code != http.StatusSeeOther {
			t.Fatalf("registration %q: %d %s", title, code, body)
		}
	}
	accept(t, st, accepted.ID)
	_, page := do(t, he, "GET", ts.URL+"/sitzungen/48", nil)
	choice := between(page, `<select id="dok-top" name="top"`, "</select>")
	for title, want := range map[string]bool{"Hessischer Bericht": true, "Hessische Anmeldung": true, "Bericht des Bundes": false} {
		if got := strings.Contains(choice, ">"+title+"<"); got != want {
			t.Errorf("the upload form offers %q: %v, want %v (%s)", title, got, want, choice)
		}
	}
	if code, body := uploadTo(t, he, ts.URL+"/sitzungen/48/dokumente", map[string]string{"top": fmt.Sprint(accepted.ID), "art": "beschlussvorschlag"}, "Beschlussvorschlag.pdf", []byte("%PDF-1.4\n")); code != http.StatusSeeOther {
		t.Fatalf("upload to the accepted item: %d %s", code, between(body, "<main", "</main>"))
	}
	docs, err := st.Documents(ctx, s48.ID)
	if err != nil || len(docs) != 1 || docs[0].ItemID != accepted.ID {
		t.Errorf("documents: %+v %v; want one at item %d", docs, err, accepted.ID)
	}
}

// hxPost posts a form as htmx's autosave does.
func hxPost(t *testing.T, c *http.Client, u string, form url.Values) (int, string) {
	t.Helper()
	return postWithHeader(t, c, u, form, "HX-Request", "true")
}

// postWithHeader posts form to u with the request header name set to
// value.
func postWithHeader(t *testing.T, c *http.Client, u string, form url.Values, name, value string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set(name, value)
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestAutosaveTwiceInARow: the live page's autosave of a row saves on every
// pause while typing. Each save answers with the version it made, for the
// form's hidden field, so the second pause is not refused as a change by
// someone else (before: the answer had no version, the form kept the one
// it was drawn with, and the second autosave said "Nicht gespeichert").
func TestAutosaveTwiceInARow(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := context.Background()
	gs := client(t, ts, "geschaeftsstelle")
	itplr, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	s47, _ := st.SessionByNumber(ctx, itplr.ID, 47)
	items, _ := st.Items(ctx, s47.ID)
	cs, _ := st.Contributions(ctx, items[1].ID)
	c := cs[0]
	noteID, err := st.CreateProtocolNote(ctx, model.ProtocolNote{ItemID: items[1].ID, Author: "HE", Text: "Hessen gibt zu Protokoll."})
	if err != nil {
		t.Fatal(err)
	}
	versionIn := regexp.MustCompile(`<input type="hidden" name="version" id="([^"]+)" value="(\d+)" hx-swap-oob="true">`)
	for _, row := range []struct {
		path, field, text string
		version           int
	}{
		{fmt.Sprintf("%s/beitraege/%d", ts.URL, c.ID), fmt.Sprintf("version-beitrag-%d", c.ID), "punkte", c.Version},
		{fmt.Sprintf("%s/notizen/%d", ts.URL, noteID), fmt.Sprintf("version-notiz-%d", noteID), "text", 1},
	} {
		version := strconv.Itoa(row.version)
		for i, typed := range []string{"Hessen unterstützt", "Hessen unterstützt die Strategie."} {
			code, body := hxPost(t, gs, row.path, url.Values{"version": {version}, "sprecher": {"BSI"}, row.text: {typed}})
			if code != http.StatusOK || !strings.Contains(body, "Gespeichert") {
				t.Fatalf("%s: autosave %d: %d %s", row.path, i+1, code, body)
			}
			m := versionIn.FindStringSubmatch(body)
			if m == nil || m[1] != row.field {
				t.Fatalf("%s: autosave %d gives no version for the form's field %s: %s", row.path, i+1, row.field, body)
			}
			version = m[2]
		}
	}
	if got, _ := st.Contribution(ctx, c.ID); len(got.Points) != 1 || got.Points[0] != "Hessen unterstützt die Strategie." {
		t.Errorf("contribution after two autosaves: %+v", got.Points)
	}
	if got, _ := st.ProtocolNote(ctx, noteID); got.Text != "Hessen unterstützt die Strategie." {
		t.Errorf("note after two autosaves: %q", got.Text)
	}
}
