package minutes_test

import (
	"bytes"
	"fmt"
	"regexp"
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

// TestInternalPDFShowsConfidentialPassages: the internal PDF marks its
// confidential passages in words; a passage the source itself blacked out
// reads "im Quelldokument geschwärzt" — it read "[vertraulich:
// [REDACTED]]", the source tool's English, which a member took for a
// colleague's text withheld from it.
func TestInternalPDFShowsConfidentialPassages(t *testing.T) {
	text := pdfText(t, renderPDF(t, session47()))
	for _, want := range []string{"[vertraulich: im Quelldokument geschwärzt]", "Vertraulich – nicht in der öffentlichen Fassung", "interne Fassung"} {
		if !strings.Contains(text, want) {
			t.Errorf("internal PDF lacks %q", want)
		}
	}
	if strings.Contains(text, "REDACTED") {
		t.Error("the internal PDF shows the source's English marker")
	}
}

func TestPDFIsReproducible(t *testing.T) {
	doc := minutes.Redacted(session47(), model.Public)
	if !bytes.Equal(renderPDF(t, doc), renderPDF(t, doc)) {
		t.Error("the same minutes gave two different PDFs")
	}
}

// TestPDFIsTagged: both versions of the minutes are tagged PDFs whose
// structure reads the headings, the table and the rows in order with
// their text, nothing painted outside a structure element or artifact,
// and the footer ("Seite N von M") only as an artifact. They were
// untagged.
func TestPDFIsTagged(t *testing.T) {
	for _, doc := range []minutes.Document{session47(), minutes.Redacted(session47(), model.Public)} {
		name := "internal"
		if doc.Audience == model.Public {
			name = "public"
		}
		pdf := renderPDF(t, doc)
		if info := pdftest.Info(t, pdf); !regexp.MustCompile(`Tagged:\s+yes`).MatchString(info) {
			t.Fatalf("%v PDF is not tagged:\n%s", name, info)
		}
		pdftest.Check(t, pdf)
		if p := pdftest.Unmarked(t, pdf); len(p) > 0 {
			t.Errorf("%v PDF paints outside marked content:\n%s", name, strings.Join(p, "\n"))
		}
		els := pdftest.Elements(t, pdf)
		want := [][2]string{{"H1", "47. Sitzung des IT-Planungsrats"}, {"P", "Protokoll – Entwurf"}, {"P", "Datum: 26.06.2025"},
			{"H2", "Begrüßung"}, {"TH", "TOP"}, {"TH", "Begrüßung"}, {"TH", "Ziel"}, {"P", "00"}, {"P", "Begrüßung"},
			{"P", "› Begrüßung durch den Vorsitz des IT-Planungsrats"}, {"Figure", ""}, {"P", "Beschluss"}, {"P", "ON"}, {"P", "MV:"},
			{"P", "› Dankt für die Erarbeitung zur Steuerungsgruppe NOOTS; am 10. und 11.07.2025 werde diese zusammenkommen."}}
		at := 0
		for _, w := range want {
			for at < len(els) && (els[at].Kind != w[0] || els[at].Text != w[1]) {
				at++
			}
			if at == len(els) {
				t.Fatalf("%v PDF: structure lacks %v in order; it has:\n%v", name, w, els)
			}
		}
		for _, e := range els {
			if strings.Contains(e.Text, "Seite ") || strings.Contains(e.Text, "Protokoll der 47. Sitzung") {
				t.Errorf("%v PDF: footer text in the structure: %v", name, e)
			}
		}
		if !bytes.Contains(pdf, []byte("/S /Figure /P ")) || !bytes.Contains(pdf, []byte("/Alt <FEFF0061006E00670065006B007200650075007A0074>")) {
			t.Errorf("%s PDF: the checkboxes have no alternate text", name)
		}
	}
}

// TestPDFParagraphAcrossPages: a contribution too long for the rest of
// the page continues on the next as the same structure element, with
// marked content on both pages (an MCID and a marked-content reference).
func TestPDFParagraphAcrossPages(t *testing.T) {
	doc := session47()
	var long []string
	for i := 1; i <= 150; i++ {
		long = append(long, fmt.Sprintf("Satz %d der langen Wortmeldung.", i))
	}
	sec := &doc.Sections[0]
	sec.Items[0].Rows = append(sec.Items[0].Rows, minutes.Row{Kind: minutes.RowDiscussion, Speaker: "HB", Points: []string{strings.Join(long, " ")}})
	pdf := renderPDF(t, doc)
	text := pdfText(t, pdf)
	first, last := strings.Index(text, "Satz 1 der"), strings.Index(text, "Satz 150 der")
	if first < 0 || last < 0 || !strings.Contains(text[first:last], "\f") {
		t.Fatal("the long contribution does not run across a page break")
	}
	found := false
	for _, e := range pdftest.Elements(t, pdf) {
		if strings.Contains(e.Text, "Satz 1 der") {
			found = e.Kind == "P" && strings.Contains(e.Text, "Satz 150 der langen Wortmeldung.") && strings.Contains(e.Text, "Satz 75 der langen")
			break
		}
	}
	if !found {
		t.Error("the contribution is not one paragraph across the pages")
	}
	if !regexp.MustCompile(`/S /P /P \d+ 0 R /Pg \d+ 0 R /K \[\d+ <</Type /MCR /Pg \d+ 0 R /MCID 0>>\]`).Match(pdf) {
		t.Error("no paragraph with marked content on two pages")
	}
	if p := pdftest.Unmarked(t, pdf); len(p) > 0 {
		t.Errorf("paints outside marked content:\n%s", strings.Join(p, "\n"))
	}
}
