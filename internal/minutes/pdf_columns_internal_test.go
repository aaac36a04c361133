package minutes

import (
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"gremium/internal/model"
)

// TestPDFTableColumnsHoldTheirWords: in the minutes PDF "Kenntnisnahme"
// ran out of the "Ziel" column into "Quelle" (22 mm wide, the word
// 22.2 mm at 9 pt). Every goal an item can have, a decision number as a
// source, and every header fit their column inside its padding, measured
// in the font the cells are drawn in; the columns fill the page's width.
func TestPDFTableColumnsHoldTheirWords(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	fits := func(style, text string, col int) {
		t.Helper()
		pdf.SetFont("go", style, 9)
		if w, room := pdf.GetStringWidth(text), pdfCols[col]-2*cellPad; w > room {
			t.Errorf("%q is %.1f mm wide, column %d holds %.1f mm", text, w, col, room)
		}
	}
	for _, g := range model.Goals {
		fits("", string(g), 2)
	}
	fits("", "B-2025/26-IT", 3)
	for i, h := range []string{"TOP", "", "Ziel", "Quelle", "BE"} {
		fits("B", h, i)
	}
	var sum float64
	for _, w := range pdfCols {
		sum += w
	}
	if sum != pageWidth {
		t.Errorf("the columns are %.1f mm wide, the page %.1f mm", sum, pageWidth)
	}
}
