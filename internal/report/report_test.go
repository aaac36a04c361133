package report

import (
	"bytes"
	"testing"
	"time"
)

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
