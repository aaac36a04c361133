package minutes_test

import (
	"bytes"
	"strings"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// pdfText extracts the text of a PDF with poppler's pdftotext.
func pdfText(t *testing.T, pdf []byte) string { return pdftest.Text(t, pdf) }

func renderPDF(t *testing.T, doc minutes.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := minutes.WritePDF(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("output is no PDF")
	}
	return buf.Bytes()
}

func session47() minutes.Document {
	doc := demo.Session47Document()
	doc.Body.Name = "IT-Planungsrat"
	return doc
}

func TestPublicPDFHasNoRedactedText(t *testing.T) {
	text := pdfText(t, renderPDF(t, minutes.Redacted(session47(), model.Public)))
	for _, secret := range []string{"REDACTED", "vollständig geschwärzt", "vertraulich:", "⟦"} {
		if strings.Contains(text, secret) {
			t.Errorf("public PDF contains %q", secret)
		}
	}
	for _, want := range []string{"47. Sitzung des IT-Planungsrats", "Protokoll", "26.06.2025", "09:00 – 12:15 Uhr", "Schwerin",
		"Stand: 08.12.2025", "Seite 1 von", "Begrüßung", "Beschlussfähigkeit", "Grüne Liste", "Steuerungsgruppe NOOTS",
		"Beschluss B-2025/26-IT", "Protokollnotiz (Berlin)", "Protokollnotiz (Hamburg)", "[geschwärzt]", "Ziel", "Quelle",
		"B-2022/42-IT", "ST, FITKO", "1. Der IT-Planungsrat beschließt die Verlängerung", "[unleserlich]", "öffentliche Fassung"} {
		if !strings.Contains(text, want) {
			t.Errorf("public PDF lacks %q", want)
		}
	}
}

func TestInternalPDFShowsConfidentialPassages(t *testing.T) {
	text := pdfText(t, renderPDF(t, session47()))
	for _, want := range []string{"[vertraulich: [REDACTED]]", "Vertraulich – nicht in der öffentlichen Fassung", "interne Fassung"} {
		if !strings.Contains(text, want) {
			t.Errorf("internal PDF lacks %q", want)
		}
	}
}

func TestPDFIsReproducible(t *testing.T) {
	doc := minutes.Redacted(session47(), model.Public)
	if !bytes.Equal(renderPDF(t, doc), renderPDF(t, doc)) {
		t.Error("the same minutes gave two different PDFs")
	}
}
