package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"gremium/internal/demo"
	"gremium/internal/demo/demotest"
	"gremium/internal/model"
	"gremium/internal/store"
)

func demoServer(t *testing.T) *httptest.Server {
	t.Helper()
	st := demotest.Store(t)
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// get fetches a page without following redirects.
func get(t *testing.T, ts *httptest.Server, path string) (*http.Response, string) {
	t.Helper()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// wellFormedProblems lists what is wrong with a page: elements not closed in
// order, duplicate ids, not exactly one h1, no lang="de".
func wellFormedProblems(page string) []string {
	z := html.NewTokenizer(strings.NewReader(page))
	var stack, problems []string
	ids := map[string]bool{}
	h1 := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				problems = append(problems, z.Err().Error())
			}
			if len(stack) > 0 {
				problems = append(problems, fmt.Sprintf("unclosed elements %v", stack))
			}
			if h1 != 1 {
				problems = append(problems, fmt.Sprintf("%d h1 elements, want 1", h1))
			}
			if !strings.Contains(page, `<html lang="de">`) {
				problems = append(problems, "missing lang=de")
			}
			return problems
		case html.StartTagToken:
			tok := z.Token()
			for _, a := range tok.Attr {
				if a.Key == "id" {
					if ids[a.Val] {
						problems = append(problems, fmt.Sprintf("duplicate id %q", a.Val))
					}
					ids[a.Val] = true
				}
			}
			if tok.Data == "h1" {
				h1++
			}
			if !voidElements[tok.Data] {
				stack = append(stack, tok.Data)
			}
		case html.EndTagToken:
			tok := z.Token()
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				return append(problems, fmt.Sprintf("unexpected </%s>, open: %v", tok.Data, stack))
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func TestWellFormedChecker(t *testing.T) {
	good := `<!DOCTYPE html><html lang="de"><body><h1 id="a">x</h1><p>y<br></p></body></html>`
	if p := wellFormedProblems(good); len(p) != 0 {
		t.Errorf("good page: %v", p)
	}
	for _, bad := range []string{
		`<html lang="de"><h1>x</h1><div><p></div></html>`,
		`<html lang="de"><h1 id="a">x</h1><p id="a"></p></html>`,
		`<html lang="de"><p></p></html>`,
		`<html><h1>x</h1></html>`,
		`<html lang="de"><h1>x</h1><ul>`,
	} {
		if len(wellFormedProblems(bad)) == 0 {
			t.Errorf("no problem found in %s", bad)
		}
	}
}

func TestPagesAreWellFormed(t *testing.T) {
	ts := demoServer(t)
	for _, path := range []string{"/", "/sitzungen", "/sitzungen/47", "/sitzungen/46", "/sitzungen/47/protokoll", "/sitzungen/46/protokoll", "/beschluesse", "/beschluesse?jahr=2025",
		"/beschluesse/B-2025/26-IT", "/beschluesse/B-2025/27-IT", "/beschluesse/B-2025/30-IT", "/fachmk", "/fachmk/E-Justice-Rat", "/fachmk/AMK", "/fachmk/JuMiKo", "/nirgends"} {
		res, body := get(t, ts, path)
		want := http.StatusOK
		if path == "/nirgends" {
			want = http.StatusNotFound
		}
		if res.StatusCode != want {
			t.Errorf("%s: status %d, want %d", path, res.StatusCode, want)
			continue
		}
		if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s: content type %q", path, ct)
		}
		if res.Header.Get("Content-Security-Policy") == "" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: security headers missing", path)
		}
		for _, p := range wellFormedProblems(body) {
			t.Errorf("%s: %s", path, p)
		}
	}
}

func TestSession47Page(t *testing.T) {
	ts := demoServer(t)
	_, body := get(t, ts, "/sitzungen/47")
	for _, want := range []string{
		"47. Sitzung des IT-Planungsrats", "26.06.2025", "09:00 – 12:15 Uhr", "Schwerin", "08.12.2025",
		"Steuerungsgruppe NOOTS", `<a href="/beschluesse/B-2025/26-IT">B-2025/26-IT</a>`,
		"Protokollnotiz (Berlin)", "Protokollnotiz (Hamburg)", "Protokollnotiz (FITKO)", "Protokollnotiz (Hessen)",
		"Grüne Liste", "Bericht des Themenpaten", "Kooperation D21", "[unleserlich]", "[geschwärzt]",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("session 47 page lacks %q", want)
		}
	}
	// Nothing confidential reaches the public page.
	for _, secret := range []string{"[REDACTED]", model.SourceRedactionShown, "vollständig geschwärzt", "⟦", "⟧"} {
		if strings.Contains(body, secret) {
			t.Errorf("session 47 page leaks %q", secret)
		}
	}
	// TOP 10's speakers in the order of the minutes.
	i10 := strings.Index(body, "TOP 10</span>")
	end := strings.Index(body[i10:], "</article>")
	section := body[i10 : i10+end]
	last := -1
	for _, sp := range []string{"BSI", "Bund", "HE", "HH", "HB", "BY", "NI", "BW", "BB", "SL", "DStGB", "SH", "DLT"} {
		i := strings.Index(section[last+1:], ">"+sp+"</abbr>:")
		if i < 0 {
			i = strings.Index(section[last+1:], ">"+sp+":")
		}
		if i < 0 {
			t.Fatalf("speaker %s missing after position %d", sp, last)
		}
		last += 1 + i
	}
}

func TestDecisionPages(t *testing.T) {
	ts := demoServer(t)
	res, body := get(t, ts, "/beschluesse/B-2025/26-IT")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Steuerungsgruppe NOOTS") || !strings.Contains(body, "einstimmig") ||
		!strings.Contains(body, `href="/sitzungen/47#top-`) {
		t.Errorf("decision page: %d\n%s", res.StatusCode, body)
	}
	res, _ = get(t, ts, "/beschluesse/2025/26")
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/beschluesse/B-2025/26-IT" {
		t.Errorf("short reference: %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	res, body = get(t, ts, "/beschluesse/B-2022/42-IT")
	if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "Ein Beschluss mit der Nummer B-2022/42-IT ist im Beschlussregister nicht verzeichnet.") || strings.Contains(body, "in gremium") {
		t.Errorf("unknown decision: %d", res.StatusCode)
	}
	res, _ = get(t, ts, "/beschluesse/quatsch")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("bad reference: %d", res.StatusCode)
	}
	_, body = get(t, ts, "/beschluesse/B-2025/27-IT")
	if !strings.Contains(body, "31.08.2025") || !strings.Contains(body, "PG EfA-Finanzierung, FITKO") {
		t.Error("decision 27 must show its follow-up with deadline")
	}
	res, body = get(t, ts, "/beschluesse?jahr=zwanzig")
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Das Jahr muss eine Zahl von 1900 bis 9999 sein") {
		t.Errorf("bad year: %d", res.StatusCode)
	}
	_, body = get(t, ts, "/beschluesse")
	for _, label := range []string{"B-2025/26-IT", "B-2025/27-IT", "B-2025/30-IT"} {
		if !strings.Contains(body, label) {
			t.Errorf("decision list lacks %s", label)
		}
	}
}

func TestConferencePages(t *testing.T) {
	ts := demoServer(t)
	_, body := get(t, ts, "/fachmk")
	for _, want := range []string{"Finanzministerkonferenz", "Dr. Martin Hagen", "Dr. Hartmut Schubert", "E-Justice-Rat", "Jan Pörksen",
		"(für die Justizministerkonferenz)", "Agrarministerkonferenz", "vakant", "Digitalministerkonferenz", "Martina Klement", "Markus Richter"} {
		if !strings.Contains(body, want) {
			t.Errorf("FachMK overview lacks %q", want)
		}
	}
	// Every row of Tabelle 4 is on the overview.
	for _, sp := range demo.Spokespersons() {
		if !strings.Contains(body, sp.Person) {
			t.Errorf("spokesperson %s (%s) missing", sp.Person, sp.Conference)
		}
	}
	_, body = get(t, ts, "/fachmk/E-Justice-Rat")
	for _, want := range []string{"Cloud-Computing", "B-2022/43-IT", `Handelt in der Zusammenarbeit mit dem IT-Planungsrat für <a href="/fachmk/JuMiKo">die Justizministerkonferenz</a>`} {
		if !strings.Contains(body, want) {
			t.Errorf("E-Justice-Rat page lacks %q", want)
		}
	}
	_, body = get(t, ts, "/fachmk/AMK")
	if !strings.Contains(body, "vakant") || strings.Contains(body, "EfA-Leistungen im Agrarbereich") {
		t.Error("AMK page must show the vacancy, and not the request to the public (requests are internal, issue 16)")
	}
	res, _ := get(t, ts, "/fachmk/IT-PLR")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("IT-PLR is no FachMK: %d", res.StatusCode)
	}
}

func TestStaticAndHealth(t *testing.T) {
	ts := demoServer(t)
	res, body := get(t, ts, "/static/style.css")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, ":focus-visible") {
		t.Errorf("stylesheet: %d", res.StatusCode)
	}
	res, body = get(t, ts, "/healthz")
	if res.StatusCode != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("healthz: %d %q", res.StatusCode, body)
	}
	res, _ = get(t, ts, "/sitzungen/abc")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("/sitzungen/abc: %d", res.StatusCode)
	}
}

func TestEmptyDatabase(t *testing.T) {
	st, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	res, body := get(t, ts, "/")
	if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "--demo") {
		t.Errorf("empty database home: %d %s", res.StatusCode, fmt.Sprint(len(body)))
	}
}

func TestProtocolVersions(t *testing.T) {
	ts := demoServer(t)
	_, page := get(t, ts, "/sitzungen/47/protokoll")
	for _, want := range []string{"<h1>Protokoll der 47. Sitzung des IT-Planungsrats – Entwurf (öffentliche Fassung)</h1>", "noch nicht genehmigt", `role="columnheader">Ziel</th>`, `role="columnheader">Thema</th>`,
		"Steuerungsgruppe NOOTS", "Protokollnotiz (Hamburg)", "[geschwärzt]", "08.12.2025", `href="/sitzungen/47/protokoll.pdf"`} {
		if !strings.Contains(page, want) {
			t.Errorf("protocol page lacks %q", want)
		}
	}
	res, pdf := get(t, ts, "/sitzungen/47/protokoll.pdf")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF-") {
		t.Errorf("pdf: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	res, text := get(t, ts, "/sitzungen/47/protokoll.txt")
	if res.StatusCode != http.StatusOK || !strings.Contains(text, "TOP\tThema\tZiel\tQuelle\tBE") || !strings.Contains(text, "Protokoll – Entwurf") {
		t.Errorf("text: %d", res.StatusCode)
	}
	for _, body := range []string{page, text} {
		for _, secret := range []string{"[REDACTED]", model.SourceRedactionShown, "vollständig geschwärzt", "⟦"} {
			if strings.Contains(body, secret) {
				t.Errorf("public minutes leak %q", secret)
			}
		}
	}
	if res, _ := get(t, ts, "/sitzungen/99/protokoll.pdf"); res.StatusCode != http.StatusNotFound {
		t.Errorf("pdf of unknown session: %d", res.StatusCode)
	}
}

func TestMarked(t *testing.T) {
	const m, e = markOpen, markClose
	tests := []struct{ name, in, want string }{
		{"plain", "a <b>", "a &lt;b&gt;"},
		{"passages", "a <b> ⟦geheim & so⟧ c ⟦offen", "a &lt;b&gt; " + m + "geheim &amp; so" + e + " c " + m + "offen" + e},
		{"nested", "a ⟦b ⟦c⟧ d⟧ e", "a " + m + "b c d" + e + " e"},
		{"stray close", "geheim⟧ offen", m + "geheim" + e + " offen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(marked(tt.in)); got != tt.want {
				t.Errorf("marked(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

// TestInternalProtocolPage renders the internal version, as members will
// see it once they are logged in: confidential passages are marked, not
// removed.
func TestInternalProtocolPage(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	srv, err := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	srv.audienceOf = func(*http.Request) model.Audience { return model.Internal }
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	_, page := get(t, ts, "/sitzungen/47/protokoll")
	if strings.Contains(page, "REDACTED") {
		t.Error("the internal minutes show the source tool's English marker")
	}
	for _, want := range []string{"Interne Fassung", markOpen + `im Quelldokument geschwärzt` + markClose,
		"Vertraulich – nicht in der öffentlichen Fassung", "vollständig geschwärzt"} {
		if !strings.Contains(page, want) {
			t.Errorf("internal protocol lacks %q", want)
		}
	}
	if strings.Contains(page, "⟦") {
		t.Error("raw redaction marks in the page")
	}
	for _, p := range wellFormedProblems(page) {
		t.Errorf("internal protocol: %s", p)
	}
}

func TestSearchPage(t *testing.T) {
	ts := demoServer(t)
	_, body := get(t, ts, "/suche?q=Pruefung+Matrix-Protokoll")
	for _, p := range wellFormedProblems(body) {
		t.Errorf("search page: %s", p)
	}
	_, body = get(t, ts, "/suche?q=%22Steuerungsgruppe+NOOTS%22")
	if !strings.Contains(body, `href="/beschluesse/B-2025/26-IT"`) || !strings.Contains(body, "<mark>Steuerungsgruppe</mark>") {
		t.Error("phrase search on the page")
	}
	if !strings.Contains(body, "· 26.06.2025") || strings.Contains(body, "2025-06-26") {
		t.Error("hits must show German dates")
	}
	if _, body = get(t, ts, "/suche?q=REDACTED"); !strings.Contains(body, "Keine Treffer.") {
		t.Error("confidential text found")
	}
	if _, body = get(t, ts, "/suche?q=%22%22"); !strings.Contains(body, "mindestens ein Wort") {
		t.Error("empty query")
	}
	// A query longer than anyone types is refused before it is read word
	// by word (before: 260 KB of words cost the server 1.8 s each, for
	// anyone, uncached under a new address every time); the form keeps it.
	long := strings.TrimSpace(strings.Repeat("Registermodernisierung ", 20))
	res, body := get(t, ts, "/suche?q="+url.QueryEscape(long))
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "höchstens 300 Zeichen") || strings.Contains(body, "Treffer") ||
		!strings.Contains(body, `value="`+long+`"`) {
		t.Errorf("an overlong query: %d\n%s", res.StatusCode, body)
	}
	if res, _ := get(t, ts, "/suche?q="+url.QueryEscape(long[:290])); res.StatusCode != http.StatusOK {
		t.Errorf("a query of 290 characters: %d", res.StatusCode)
	}
}
