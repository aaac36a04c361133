package web

import (
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gremium/internal/httpcache"
	"gremium/internal/model"
	"gremium/internal/pdftest"
	"gremium/internal/store"
)

// readRegisterCSV parses a register export: UTF-8 with a byte order
// mark, semicolons, as csvout writes it.
func readRegisterCSV(t *testing.T, body string) [][]string {
	t.Helper()
	rest, ok := strings.CutPrefix(body, "\ufeff")
	if !ok {
		t.Fatalf("the CSV has no byte order mark: %.80q", body)
	}
	r := csv.NewReader(strings.NewReader(rest))
	r.Comma = ';'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%s", err, body)
	}
	if len(records) == 0 || !slices.Equal(records[0], registerExportHeader) {
		t.Fatalf("the CSV's header: %v", records)
	}
	return records
}

// registerRowLabels are the decisions a register page lists, in order.
var registerRowLabels = regexp.MustCompile(`<th scope="row" role="rowheader" class="nowrap"><a href="/beschluesse/[^"]+">([^<]+)</a>`)

// exportLink gives the address of the page's link to its export in the
// format, as the page writes it.
func exportLink(t *testing.T, page, format string) string {
	t.Helper()
	m := regexp.MustCompile(`href="(/beschluesse\.` + format + `[^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the register page links no %s export", format)
	}
	return strings.ReplaceAll(m[1], "&amp;", "&")
}

// TestRegisterExportsMatchThePage: the register's CSV and PDF, reached by
// the page's own links, list exactly the page's selection, in its order,
// for each filter; the links keep the filter. Before, there was no
// export of the register (/beschluesse.csv and .pdf were 404 and the
// page linked none).
func TestRegisterExportsMatchThePage(t *testing.T) {
	ts, st := cycleServer(t)
	addContinuation(t, st)
	for _, query := range []string{"", "?jahr=2025", "?be=HB", "?fachmk=FMK", "?verfahren=gruene-liste", "?umsetzung=offen", "?jahr=2025&q=Steuerung"} {
		res, page := get(t, ts, "/beschluesse"+query)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("/beschluesse%s: %d", query, res.StatusCode)
		}
		var want []string
		for _, m := range registerRowLabels.FindAllStringSubmatch(page, -1) {
			want = append(want, m[1])
		}
		if len(want) == 0 {
			t.Fatalf("/beschluesse%s lists nothing", query)
		}
		csvURL, pdfURL := exportLink(t, page, "csv"), exportLink(t, page, "pdf")
		if q := strings.TrimPrefix(query, "?"); !strings.HasSuffix(csvURL, q) || !strings.HasSuffix(pdfURL, q) {
			t.Errorf("/beschluesse%s links %s and %s: the filter is lost", query, csvURL, pdfURL)
		}
		res, body := get(t, ts, csvURL)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Fatalf("%s: %d %s", csvURL, res.StatusCode, res.Header.Get("Content-Type"))
		}
		var got []string
		for _, rec := range readRegisterCSV(t, body)[1:] {
			got = append(got, rec[0])
			if rec[8] != ts.URL+"/beschluesse/"+rec[0] {
				t.Errorf("%s: the address of %s is %q", csvURL, rec[0], rec[8])
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s lists %v, the page %v", csvURL, got, want)
		}
		res, pdf := get(t, ts, pdfURL)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("%s: %d %s", pdfURL, res.StatusCode, res.Header.Get("Content-Type"))
		}
		text := pdftest.Words(t, []byte(pdf))
		inPDF := regexp.MustCompile(`B-\d{4}/\d+-IT`).FindAllString(text, -1)
		if !slices.Equal(inPDF, want) {
			t.Errorf("%s lists %v, the page %v:\n%s", pdfURL, inPDF, want, text)
		}
		if query != "" && !strings.Contains(text, "Auswahl: ") {
			t.Errorf("%s does not name its selection: %.300s", pdfURL, text)
		}
	}
}

// TestRegisterExportsArePublic: the exports show the decisions as the
// public register does, whoever asks — a confidential passage as
// "[geschwärzt]", the text as last corrected, no draft — and the
// implementation state the page shows.
func TestRegisterExportsArePublic(t *testing.T) {
	ts, st := cycleServer(t)
	addContinuation(t, st)
	_, public := get(t, ts, "/beschluesse.csv")
	_, secretariat := do(t, client(t, ts, "geschaeftsstelle"), "GET", ts.URL+"/beschluesse.csv", nil)
	if secretariat != public {
		t.Errorf("the secretariat's export differs from the public one:\n%s\n%s", secretariat, public)
	}
	records := readRegisterCSV(t, public)
	var row []string
	for _, rec := range records {
		if rec[0] == "B-2025/40-IT" {
			row = rec
		}
	}
	want := []string{"B-2025/40-IT", "Beschluss", "Fortschreibung NOOTS " + model.RedactedPlaceholder, "48. Sitzung", "23.10.2025", "einstimmig", "", "offen"}
	if row == nil || !slices.Equal(row[:8], want) {
		t.Errorf("B-2025/40-IT in the CSV: %q, want %q", row, want)
	}
	_, page := get(t, ts, "/beschluesse")
	// The implementation as the page's row says it; nothing for a
	// decision without follow-ups (not "ohne Aufträge").
	for _, rec := range records[1:] {
		row := between(page, `href="/beschluesse/`+rec[0]+`"`, "</tr>")
		shown := between(row, "<br>Umsetzung: ", "</td>")
		if row == "" || shown != rec[7] {
			t.Errorf("%s: implementation %q in the CSV, %q on the page", rec[0], rec[7], shown)
		}
	}
	if !strings.Contains(page, "Fortschreibung NOOTS "+model.RedactedPlaceholder) {
		t.Errorf("the page shows the title otherwise; the test no longer compares like with like")
	}
	_, pdf := get(t, ts, "/beschluesse.pdf")
	text := pdftest.Words(t, []byte(pdf))
	if !strings.Contains(text, "Fortschreibung NOOTS "+model.RedactedPlaceholder) || !strings.Contains(text, "Umsetzung: offen") {
		t.Errorf("the PDF lacks the public title or the implementation: %.1500s", text)
	}
	for name, out := range map[string]string{"CSV": public, "PDF": text} {
		for _, secret := range []string{"Streitpunkt", "Kostenrahmen", "Geheimer Beschlussvorschlag", "⟦", "[["} {
			if strings.Contains(out, secret) {
				t.Errorf("the %s leaks %q", name, secret)
			}
		}
	}
}

// TestRegisterExportsOfNothing: a selection without decisions gives the
// CSV's header alone and a PDF that says so; a filter that cannot be
// read is refused (400), one that cannot match is not found (404), each
// with its German reason, as the feed answers them.
func TestRegisterExportsOfNothing(t *testing.T) {
	ts, _ := cycleServer(t)
	_, body := get(t, ts, "/beschluesse.csv?jahr=2023")
	if records := readRegisterCSV(t, body); len(records) != 1 {
		t.Errorf("the CSV of an empty selection: %q", records)
	}
	_, pdf := get(t, ts, "/beschluesse.pdf?jahr=2023")
	if text := pdftest.Words(t, []byte(pdf)); !strings.Contains(text, "Keine Beschlüsse für diese Auswahl erfasst.") || !strings.Contains(text, "Auswahl: 2023.") {
		t.Errorf("the PDF of an empty selection: %.600s", text)
	}
	_, pdf = get(t, ts, "/beschluesse.pdf?art=empfehlung")
	if text := pdftest.Words(t, []byte(pdf)); !strings.Contains(text, "Keine Empfehlungen für diese Auswahl erfasst.") {
		t.Errorf("the PDF of no recommendations: %.600s", text)
	}
	for _, format := range []string{"csv", "pdf"} {
		res, body := get(t, ts, "/beschluesse."+format+"?jahr=zwanzig")
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Jahr") {
			t.Errorf("/beschluesse.%s?jahr=zwanzig: %d %.300s", format, res.StatusCode, body)
		}
		res, body = get(t, ts, "/beschluesse."+format+"?fachmk=GIBTESNICHT")
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Keine Fachministerkonferenz „GIBTESNICHT“") || !strings.Contains(body, `aria-label="Beschlüsse filtern"`) {
			t.Errorf("/beschluesse.%s?fachmk=GIBTESNICHT: %d %.300s", format, res.StatusCode, body)
		}
	}
}

// TestRegisterExportsValidate: the exports are files named by the day,
// and a selection of at most RegisterCSVWhole decisions carries an ETag
// from its bytes and is answered 304 while it is current, as the other
// public answers are.
func TestRegisterExportsValidate(t *testing.T) {
	ts, _ := cycleServer(t)
	for path, disposition := range map[string]*regexp.Regexp{
		"/beschluesse.csv?jahr=2025": regexp.MustCompile(`^attachment; filename="beschluesse-\d{4}-\d{2}-\d{2}\.csv"$`),
		"/beschluesse.pdf?jahr=2025": regexp.MustCompile(`^inline; filename="beschluesse-\d{4}-\d{2}-\d{2}\.pdf"$`),
	} {
		res, _ := get(t, ts, path)
		etag := res.Header.Get("ETag")
		if res.StatusCode != http.StatusOK || etag == "" || res.Header.Get("Last-Modified") != "" || res.Header.Get("Cache-Control") != "public, no-cache" {
			t.Errorf("%s: %d, ETag %q, Last-Modified %q, Cache-Control %q", path, res.StatusCode, etag, res.Header.Get("Last-Modified"), res.Header.Get("Cache-Control"))
			continue
		}
		if got := res.Header.Get("Content-Disposition"); !disposition.MatchString(got) {
			t.Errorf("%s: Content-Disposition %q, want %s", path, got, disposition)
		}
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		req.Header.Set("If-None-Match", etag)
		again, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		again.Body.Close()
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("%s with its current ETag: %d", path, again.StatusCode)
		}
	}
}

// TestRegisterCSVStreamed: a selection larger than the whole-answer
// limit is streamed — the same records as the answer in one piece, sent
// compressed to a client that asks for gzip, without an ETag (which
// would need all its bytes) — and the export reads its selection page by
// page by keyset without losing or repeating a decision.
func TestRegisterCSVStreamed(t *testing.T) {
	_, st, srv := cycleServerOf(t)
	addContinuation(t, st)
	h := httpcache.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		whole := RegisterCSVWhole
		if r.URL.Path == "/strom" {
			whole = 1
		}
		srv.writeRegisterCSV(w, r, whole)
	}), httpcache.Options{})
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	read := func(path string) (*http.Response, string) {
		res, err := http.Get(ts.URL + path) // the client asks for gzip and unpacks
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
	wres, whole := read("/ganz")
	sres, streamed := read("/strom")
	if whole != streamed {
		t.Errorf("the streamed CSV differs from the whole one:\n%s\n%s", streamed, whole)
	}
	if wres.Header.Get("ETag") == "" || sres.Header.Get("ETag") != "" {
		t.Errorf("ETag of the whole answer %q, of the streamed one %q", wres.Header.Get("ETag"), sres.Header.Get("ETag"))
	}
	if !sres.Uncompressed || sres.Header.Get("Cache-Control") != "public, no-cache" {
		t.Errorf("the streamed answer: compressed %v, Cache-Control %q", sres.Uncompressed, sres.Header.Get("Cache-Control"))
	}
	var labels []string
	for _, rec := range readRegisterCSV(t, whole)[1:] {
		labels = append(labels, rec[0])
	}
	if len(labels) != 7 {
		t.Fatalf("the register has %d decisions, the test expects 7: %v", len(labels), labels)
	}
	// Pages of two, three and more: every decision once, in order; max
	// stops after that many.
	ctx := context.Background()
	council := mustBody(t, st)
	for _, size := range []int{1, 2, 3, 100} {
		for _, max := range []int{0, 3} {
			var got []string
			err := srv.eachRegisterPage(ctx, council, store.RegisterFilter{BodyID: council.ID}, size, max, func(rows []registerRow) bool {
				for _, r := range rows {
					got = append(got, r.Label)
				}
				return true
			})
			want := labels
			if max > 0 {
				want = labels[:max]
			}
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("pages of %d, at most %d: %v (%v), want %v", size, max, got, err, want)
			}
		}
	}
}

// TestRegisterPDFCapped: a selection longer than the PDF lists gives its
// newest decisions and says how many of how many, pointing to the CSV and
// a narrower selection; the page's link says that the PDF has only the
// newest.
func TestRegisterPDFCapped(t *testing.T) {
	_, st, srv := cycleServerOf(t)
	addContinuation(t, st)
	ts := httptest.NewServer(httpcache.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.writeRegisterPDF(w, r, 2)
	}), httpcache.Options{}))
	t.Cleanup(ts.Close)
	res, pdf := get(t, ts, "/beschluesse.pdf?jahr=2025")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the PDF: %d", res.StatusCode)
	}
	text := pdftest.Words(t, []byte(pdf))
	if got := regexp.MustCompile(`B-\d{4}/\d+-IT`).FindAllString(text, -1); !slices.Equal(got, []string{"B-2025/40-IT", "B-2025/30-IT"}) {
		t.Errorf("the capped PDF lists %v", got)
	}
	if !strings.Contains(text, "Stand: ") || !strings.Contains(text, "6 Beschlüsse.") ||
		!strings.Contains(text, "Der Bericht zeigt die neuesten 2 der 6 Beschlüsse dieser Auswahl. Alle enthält der CSV-Export") {
		t.Errorf("the capped PDF does not say so: %.800s", text)
	}
	if got := (decisionListData{Total: RegisterInPDF + 1}); !got.PDFCapped() || got.PDFMax() != "1.000" {
		t.Errorf("the page's link for %d decisions: capped %v, %q", got.Total, got.PDFCapped(), got.PDFMax())
	}
	if (decisionListData{Total: RegisterInPDF}).PDFCapped() {
		t.Errorf("a selection of %d decisions fits the PDF", RegisterInPDF)
	}
}
