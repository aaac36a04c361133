package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

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
