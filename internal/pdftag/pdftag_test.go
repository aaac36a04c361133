package pdftag_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/goregular"

	"gremium/internal/pdftag"
	"gremium/internal/pdftest"
)

// sample writes a two-page document with every kind the writers use: a
// heading, a paragraph that fpdf breaks across the pages by itself, a
// list, a table with a repeated header, a figure, rules and a footer.
func sample(t *testing.T) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetAutoPageBreak(true, 20)
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.SetTitle("Probe", true)
	pdf.SetLang("de-DE")
	tg := pdftag.New(pdf)
	tg.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("go", "", 8)
		pdf.CellFormat(0, 4, "Fußzeile Seite", "", 0, "L", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont("go", "", 11)
	tg.BeginElement(pdftag.H1)
	pdf.MultiCell(0, 6, "Überschrift der Probe", "", "L", false)
	tg.EndElement()
	tg.Artifact(func() { pdf.Line(20, pdf.GetY(), 190, pdf.GetY()) })
	pdf.SetY(230)
	long := strings.Repeat("Anfang des Absatzes. ", 20) + strings.Repeat("Fortsetzung auf der nächsten Seite. ", 20) + "Ende des Absatzes."
	tg.BeginElement(pdftag.P).ActualText = long
	pdf.MultiCell(0, 6, long, "", "L", false)
	tg.EndElement()
	tg.BeginElement(pdftag.L)
	for _, s := range []string{"Erster Punkt", "Zweiter Punkt"} {
		tg.BeginElement(pdftag.LI)
		tg.BeginElement(pdftag.LBody)
		pdf.CellFormat(0, 6, "– "+s, "", 1, "L", false, 0, "")
		tg.EndElement()
		tg.EndElement()
	}
	tg.EndElement()
	tg.BeginElement(pdftag.Table)
	tg.BeginElement(pdftag.TR)
	for _, h := range []string{"Spalte A", "Spalte B"} {
		tg.BeginElement(pdftag.TH)
		pdf.CellFormat(40, 6, h, "", 0, "L", false, 0, "")
		tg.EndElement()
	}
	tg.EndElement()
	pdf.Ln(-1)
	tg.BeginElement(pdftag.TR)
	tg.BeginElement(pdftag.TD)
	tg.Artifact(func() { pdf.Rect(pdf.GetX(), pdf.GetY(), 40, 6, "D") })
	tg.BeginElement(pdftag.P)
	pdf.CellFormat(40, 6, "Zelle eins", "", 0, "L", false, 0, "")
	tg.EndElement()
	tg.EndElement()
	td := tg.BeginElement(pdftag.TD)
	td.ColSpan = 2
	fig := tg.BeginElement(pdftag.Figure)
	fig.Alt = "angekreuzt"
	pdf.Rect(pdf.GetX(), pdf.GetY()+1, 3, 3, "D")
	tg.EndElement()
	tg.EndElement()
	tg.EndElement()
	tg.EndElement()
	var buf bytes.Buffer
	if err := tg.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTaggedPDF(t *testing.T) {
	pdf := sample(t)
	info := pdftest.Info(t, pdf)
	for _, want := range []string{`Tagged:\s+yes`, `Pages:\s+2\n`} {
		if !regexp.MustCompile(want).MatchString(info) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	pdftest.Check(t, pdf)
	if p := pdftest.Unmarked(t, pdf); len(p) > 0 {
		t.Errorf("unmarked content:\n%s", strings.Join(p, "\n"))
	}
	st := pdftest.Structure(t, pdf)
	order := []string{"Document", "H1", "Überschrift der Probe", "P", "Anfang des Absatzes", "Ende des Absatzes.",
		"L", "LI", "LBody", "Erster Punkt", "Zweiter Punkt", "Table", "TR", "TH", "Spalte A", "Spalte B", "TD", "Zelle eins", "Figure"}
	at := 0
	for _, w := range order {
		i := strings.Index(st[at:], w)
		if i < 0 {
			t.Fatalf("structure lacks %q after position %d:\n%s", w, at, st)
		}
		at += i + len(w)
	}
	if strings.Contains(st, "Fußzeile") {
		t.Errorf("footer text inside the structure:\n%s", st)
	}
	// The paragraph cut by the page break is one element with its
	// content on both pages: an MCID on its page and a marked-content
	// reference to the next.
	if !regexp.MustCompile(`/S /P /P \d+ 0 R /Pg \d+ 0 R /K \[\d+ <</Type /MCR /Pg \d+ 0 R /MCID 0>>\]`).Match(pdf) {
		t.Errorf("no paragraph with content on two pages")
	}
	text := pdftest.Text(t, pdf)
	for _, w := range []string{"Fußzeile Seite", "Ende des Absatzes."} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q", w)
		}
	}
}

func TestOutputRefusesOpenElements(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	tg := pdftag.New(pdf)
	pdf.AddPage()
	tg.BeginElement(pdftag.P)
	if err := tg.Output(&bytes.Buffer{}); err == nil {
		t.Fatal("Output with an open element succeeded")
	}
}
