package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"gremium/internal/pdftest"
)

func pdfText(t *testing.T, pdf []byte) string { return pdftest.Text(t, pdf) }

func TestReport(t *testing.T) {
	r := New("Übersicht der fachpolitischen Sprecher:innen", time.Date(2025, 6, 26, 0, 0, 0, 0, time.UTC))
	r.Heading("Fachministerkonferenzen")
	r.Paragraph("Größere Straße – „Zitat“")
	r.Table([]string{"FachMK", "Land", "Sprecher:in"}, []float64{0.4, 0.2, 0.4}, [][]string{{"Finanzministerkonferenz", "Bremen", "Dr. Martin Hagen"}})
	var a, b bytes.Buffer
	if err := r.Write(&a); err != nil {
		t.Fatal(err)
	}
	r2 := New("Übersicht der fachpolitischen Sprecher:innen", time.Date(2025, 6, 26, 0, 0, 0, 0, time.UTC))
	r2.Heading("Fachministerkonferenzen")
	r2.Paragraph("Größere Straße – „Zitat“")
	r2.Table([]string{"FachMK", "Land", "Sprecher:in"}, []float64{0.4, 0.2, 0.4}, [][]string{{"Finanzministerkonferenz", "Bremen", "Dr. Martin Hagen"}})
	r2.Write(&b)
	if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("no PDF, or not reproducible")
	}
}

// TestReportShowsPublicText: a report goes outside gremium, so a
// confidential passage never reaches it, whichever method is given it (the
// debrief PDF took decision titles with the marks dropped and the
// confidential text kept).
func TestReportShowsPublicText(t *testing.T) {
	secret := "⟦GEHEIMSACHE⟧"
	tests := []struct {
		name  string
		build func(r *Report)
	}{
		{"heading", func(r *Report) { r.Heading("Titel " + secret) }},
		{"paragraph", func(r *Report) { r.Paragraph("Absatz " + secret) }},
		{"table cell", func(r *Report) { r.Table([]string{"A"}, []float64{1}, [][]string{{"Zelle " + secret}}) }},
		{"Clean", func(r *Report) { r.Paragraph(strings.ReplaceAll(Clean(secret), "[geschwärzt]", "")) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := New("Bericht", time.Date(2025, 6, 26, 0, 0, 0, 0, time.UTC))
			tc.build(r)
			var buf bytes.Buffer
			if err := r.Write(&buf); err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, buf.Bytes())
			if strings.Contains(text, "GEHEIMSACHE") {
				t.Errorf("report shows the confidential passage: %q", text)
			}
			if tc.name != "Clean" && !strings.Contains(text, "[geschwärzt]") {
				t.Errorf("report lacks the redaction placeholder: %q", text)
			}
		})
	}
	if Clean("a "+secret) != "a [geschwärzt]" {
		t.Errorf("Clean = %q", Clean("a "+secret))
	}
}

// TestReportIsTagged: a report is a tagged PDF: title, heading, a
// paragraph that runs onto the next page (one element), the table with
// its header cells and the bar chart's text in reading order; the footer
// and the bars are artifacts. Reports were untagged.
func TestReportIsTagged(t *testing.T) {
	r := New("Stand der Aufträge", time.Date(2025, 6, 26, 0, 0, 0, 0, time.UTC))
	r.Heading("Überblick")
	r.Table([]string{"Auftrag", "Zuständig"}, []float64{0.7, 0.3}, [][]string{{"Bericht über die Registermodernisierung", "FITKO"}, {"Leer", ""}})
	r.Bars([]Bar{{Label: "erledigt", Value: 3, Text: "3 von 5"}}, 5)
	var long []string
	for i := 1; i <= 400; i++ {
		long = append(long, fmt.Sprintf("Satz %d des Berichts.", i))
	}
	r.Paragraph(strings.Join(long, " "))
	var buf bytes.Buffer
	if err := r.Write(&buf); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	if info := pdftest.Info(t, pdf); !regexp.MustCompile(`Tagged:\s+yes`).MatchString(info) {
		t.Fatalf("report not tagged:\n%s", info)
	}
	pdftest.Check(t, pdf)
	if p := pdftest.Unmarked(t, pdf); len(p) > 0 {
		t.Errorf("paints outside marked content:\n%s", strings.Join(p, "\n"))
	}
	want := [][2]string{{"H1", "Stand der Aufträge"}, {"H2", "Überblick"}, {"Table", ""}, {"TH", "Auftrag"}, {"TH", "Zuständig"},
		{"P", "Bericht über die Registermodernisierung"}, {"P", "FITKO"}, {"P", "Leer"}, {"TD", ""}, {"P", "erledigt"}, {"P", "3 von 5"}}
	els := pdftest.Elements(t, pdf)
	at := 0
	for _, w := range want {
		for at < len(els) && (els[at].Kind != w[0] || els[at].Text != w[1]) {
			at++
		}
		if at == len(els) {
			t.Fatalf("structure lacks %v in order; it has:\n%v", w, els)
		}
	}
	var para pdftest.Element
	for _, e := range els {
		if strings.HasPrefix(e.Text, "Satz 1 des") {
			para = e
		}
		if strings.Contains(e.Text, "Seite ") {
			t.Errorf("footer text in the structure: %v", e)
		}
	}
	if para.Kind != "P" || !strings.Contains(para.Text, "Satz 400 des Berichts.") || !strings.Contains(para.Text, "200 des Berichts.") {
		t.Errorf("the long paragraph is not one element across the pages: %v", para)
	}
	// The element's ActualText keeps the spaces MultiCell drops at line
	// breaks (pdfinfo does not show it).
	if !bytes.Contains(pdf, []byte("/ActualText "+utf16Hex(strings.Join(long, " "))+">>")) {
		t.Error("the long paragraph lacks its ActualText")
	}
	if text := pdfText(t, pdf); !strings.Contains(text, "Seite 2 von 2") {
		t.Error("the paragraph does not run onto a second page")
	}
}

// utf16Hex writes s as a PDF text string in hex, UTF-16BE with byte
// order mark, as pdftag writes ActualText.
func utf16Hex(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String() + ">"
}
