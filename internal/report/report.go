// Package report renders simple German PDF reports — a title, headings,
// paragraphs and tables — with the Go fonts embedded (umlauts, ß, „“, –).
// The minutes have their own renderer in package minutes; this is for lists
// such as the spokesperson overview and the debrief pack.
//
// Reports are read outside gremium — by the public and by the FachMK
// secretariats — so every text a report is given is written as the public
// may see it (the publication gate, model.Public.Text): a confidential
// passage becomes "[geschwärzt]", whoever built the report.
//
// Reports are tagged PDFs (package pdftag): the title and headings, the
// paragraphs and the tables are structure elements in reading order; the
// footer with the page numbers, cell borders and chart bars are artifacts.
package report

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"gremium/internal/model"
	"gremium/internal/pdftag"
)

const (
	margin = 18.0
	width  = 210.0 - 2*margin
	line   = 4.8
)

// Report is a PDF being written.
type Report struct {
	pdf *fpdf.Fpdf
	tag *pdftag.Tagger
	// headings are the headings given and not yet written: a heading is
	// written with the block after it (keep-with-next), on the next page
	// if the two do not fit on this one together.
	headings []heading
}

// heading is a heading given and not yet written: its text and level (H2
// for Heading, H3 for Subheading).
type heading struct {
	text string
	kind pdftag.Kind
}

// size gives the font size and line height of a heading of the kind.
func (h heading) size() (float64, float64) {
	if h.kind == pdftag.H3 {
		return 10.5, 5.5
	}
	return 12, 6
}

// New starts an A4 report with a title and a footer with page numbers; the
// date fixes the creation date so the same report gives the same bytes.
func New(title string, date time.Time) *Report {
	title = Clean(title)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin)
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	pdf.SetTitle(title, true)
	pdf.SetLang("de-DE")
	pdf.SetCreator("gremium", true)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	pdf.AliasNbPages("{nb}")
	tag := pdftag.New(pdf)
	tag.SetFooterFunc(func() {
		pdf.SetY(-margin + 6)
		pdf.SetX(margin) // also when a list item's indent is the left margin
		pdf.SetFont("go", "", 8)
		pdf.CellFormat(width*0.75, 4, title, "", 0, "L", false, 0, "")
		pdf.CellFormat(width*0.25, 4, fmt.Sprintf("Seite %d von {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont("go", "B", 15)
	tag.BeginElement(pdftag.H1).ActualText = title
	pdf.MultiCell(width, 7, title, "", "L", false)
	tag.EndElement()
	pdf.Ln(2)
	return &Report{pdf: pdf, tag: tag}
}

// Heading adds a section heading. It stays with the block after it (keep
// with next): where the heading and the beginning of that block do not
// both fit at the foot of a page, the heading starts the next page,
// rather than stand alone as the page's last line.
func (r *Report) Heading(s string) {
	r.headings = append(r.headings, heading{Clean(s), pdftag.H2})
}

// Subheading adds a heading below a section heading (H3): the title of a
// chart or table, such as an evaluation question. Like Heading it stays
// with the block after it.
func (r *Report) Subheading(s string) {
	r.headings = append(r.headings, heading{Clean(s), pdftag.H3})
}

// keep writes the pending headings (Heading) before a block whose
// beginning needs need millimetres, starting a new page first if the
// headings and that beginning do not fit on this one (not on a page still
// empty: they are taller than a page). It changes the font; the block sets
// its own after.
func (r *Report) keep(need float64) {
	if len(r.headings) == 0 {
		return
	}
	p := r.pdf
	h := 0.0
	for _, hd := range r.headings {
		size, lh := hd.size()
		p.SetFont("go", "B", size)
		h += 2 + float64(max(1, len(wrapWords(hd.text, width, p.GetStringWidth))))*lh
	}
	if y := p.GetY(); y+h+need > r.bottom() && y > margin+1 {
		p.AddPage()
	}
	for _, hd := range r.headings {
		size, lh := hd.size()
		p.Ln(2)
		p.SetFont("go", "B", size)
		r.tag.BeginElement(hd.kind).ActualText = hd.text
		p.MultiCell(width, lh, hd.text, "", "L", false)
		r.tag.EndElement()
	}
	r.headings = nil
}

// bottom gives where a block no longer fits on the page: above the
// footer.
func (r *Report) bottom() float64 {
	_, ph := r.pdf.GetPageSize()
	return ph - margin - 6
}

// lead gives the height of the first lines of a text of that many lines,
// which keep-with-next keeps beside a heading: two, or all of a shorter
// text.
func lead(lines int) float64 { return float64(min(max(lines, 1), 2)) * line }

// Paragraph adds text; line breaks start new lines.
func (r *Report) Paragraph(s string) {
	s = Clean(s)
	r.pdf.SetFont("go", "", 10)
	r.keep(lead(len(wrapWords(s, width, r.pdf.GetStringWidth))))
	r.pdf.SetFont("go", "", 10)
	// One element, even when a page break cuts it; its text with the
	// spaces MultiCell drops at line breaks.
	r.tag.BeginElement(pdftag.P).ActualText = s
	r.pdf.MultiCell(width, line, s, "", "L", false)
	r.tag.EndElement()
	r.pdf.Ln(1)
}

// List adds a bulleted list, one item per entry (a list element with an
// item per entry in the structure; the bullets are artifacts). An entry's
// line breaks start new lines within its item.
func (r *Report) List(items []string) {
	var its []model.TextItem
	for _, it := range items {
		its = append(its, model.TextItem{Text: it})
	}
	r.list(its)
}

// Text adds a text of several paragraphs and bulleted lists as every
// surface shows it (model.TextBlocks): each paragraph a paragraph, each
// list a list with bullets ("•", "–" one level deeper) — not the dashes as
// typed, not the paragraphs run together. The HTML pages show the same
// blocks (the template partial "text-blocks").
func (r *Report) Text(s string) {
	for _, b := range model.TextBlocks(s) {
		if b.Items != nil {
			r.list(b.Items)
		} else {
			r.Paragraph(b.Para)
		}
	}
}

// list writes a bulleted list; a Sub item stands one level deeper, with
// "–" for its bullet.
func (r *Report) list(items []model.TextItem) {
	if len(items) == 0 {
		return
	}
	const indent = 5.0
	p := r.pdf
	p.SetFont("go", "", 10)
	first := Clean(items[0].Text)
	r.keep(lead(len(wrapWords(first, width-indent, p.GetStringWidth))))
	r.tag.BeginElement(pdftag.L)
	for _, it := range items {
		text := Clean(it.Text)
		in, bullet := indent, "•"
		if it.Sub {
			in, bullet = 2*indent, "–"
		}
		p.SetFont("go", "", 10)
		if p.GetY()+line > r.bottom() {
			p.AddPage()
		}
		r.tag.BeginElement(pdftag.LI)
		y := p.GetY()
		r.tag.Artifact(func() {
			p.SetXY(margin+in-indent+1, y)
			p.CellFormat(indent-1, line, bullet, "", 0, "L", false, 0, "")
		})
		p.SetLeftMargin(margin + in)
		p.SetXY(margin+in, y)
		r.tag.BeginElement(pdftag.LBody).ActualText = text
		p.MultiCell(width-in, line, text, "", "L", false)
		r.tag.EndElement()
		p.SetLeftMargin(margin)
		p.SetX(margin)
		r.tag.EndElement()
		p.Ln(0.8)
	}
	r.tag.EndElement()
	p.Ln(1)
}

// Table adds a table; widths are the columns' shares of the page width
// (0.3 for three tenths). Shares that do not add up to one are scaled to
// fill the page, so that no table runs off it.
func (r *Report) Table(header []string, widths []float64, rows [][]string) {
	p := r.pdf
	var sum float64
	for _, w := range widths {
		sum += w
	}
	cols := make([]float64, len(widths))
	for i, w := range widths {
		cols[i] = w / sum * width
	}
	// wrap gives the lines of each cell of a row and the row's height.
	wrap := func(cells []string, bold bool) ([][]string, float64) {
		style := ""
		if bold {
			style = "B"
		}
		p.SetFont("go", style, 9)
		lines := 1
		wrapped := make([][]string, len(cells))
		for i, c := range cells {
			wrapped[i] = wrapWords(Clean(c), cols[i]-2, p.GetStringWidth)
			if len(wrapped[i]) == 0 {
				wrapped[i] = []string{""}
			}
			lines = max(lines, len(wrapped[i]))
		}
		return wrapped, float64(lines)*line + 2
	}
	// The header row stays with the first row, and a heading before the
	// table with both.
	_, need := wrap(header, true)
	if len(rows) > 0 {
		_, first := wrap(rows[0], false)
		need += first
	}
	r.keep(need)
	if p.GetY()+need > r.bottom() {
		p.AddPage()
	}
	draw := func(cells []string, bold bool) {
		wrapped, h := wrap(cells, bold)
		if p.GetY()+h > r.bottom() {
			p.AddPage()
		}
		x, y := p.GetX(), p.GetY()
		r.tag.BeginElement(pdftag.TR)
		for i := range cells {
			r.tag.Artifact(func() {
				if bold {
					p.SetFillColor(225, 229, 235)
					p.Rect(x, y, cols[i], h, "FD")
				} else {
					p.Rect(x, y, cols[i], h, "D")
				}
			})
			if bold {
				r.tag.BeginElement(pdftag.TH)
			} else {
				r.tag.BeginElement(pdftag.TD)
				if wrapped[i][0] != "" {
					r.tag.BeginElement(pdftag.P)
				}
			}
			for j, l := range wrapped[i] {
				if j+1 < len(wrapped[i]) {
					l += " " // the space at the line break, for whoever reads the cell's text
				}
				p.SetXY(x+1, y+1+float64(j)*line)
				p.CellFormat(cols[i]-2, line, l, "", 0, "L", false, 0, "")
			}
			if !bold && wrapped[i][0] != "" {
				r.tag.EndElement()
			}
			r.tag.EndElement()
			x += cols[i]
		}
		r.tag.EndElement()
		p.SetXY(margin, y+h)
	}
	r.tag.BeginElement(pdftag.Table)
	draw(header, true)
	for _, row := range rows {
		draw(row, false)
	}
	r.tag.EndElement()
	p.Ln(2)
}

// Bar is one bar of a chart: its label, its value and the text shown
// beside it. A bar without a value (Missing: a mean withheld because it
// rests on too few answers) draws no track, so that it is not read as a
// zero; its text says why.
type Bar struct {
	Label   string
	Value   float64
	Text    string
	Missing bool
}

// Bars adds a horizontal bar chart: one row per bar with its label, a bar
// as long as its value relative to max, and its text; the numbers stay
// readable as text in the PDF.
func (r *Report) Bars(bars []Bar, max float64) {
	p := r.pdf
	const labelW, textW, h = 30.0, 22.0, 5.5
	barW := width - labelW - textW
	r.keep(float64(len(bars))*h + 4)
	if p.GetY()+float64(len(bars))*h+4 > r.bottom() {
		p.AddPage()
	}
	p.SetFont("go", "", 9)
	// A table of label and text per bar; the bars show the text's number
	// as a picture and are artifacts.
	cell := func(w float64, text string) {
		r.tag.BeginElement(pdftag.TD)
		r.tag.BeginElement(pdftag.P)
		p.CellFormat(w, h, text, "", 0, "L", false, 0, "")
		r.tag.EndElement()
		r.tag.EndElement()
	}
	r.tag.BeginElement(pdftag.Table)
	for _, b := range bars {
		x, y := p.GetX(), p.GetY()
		r.tag.BeginElement(pdftag.TR)
		cell(labelW, Clean(b.Label))
		r.tag.Artifact(func() {
			if b.Missing {
				return
			}
			p.SetFillColor(240, 242, 245)
			p.Rect(x+labelW, y+1, barW, h-2, "F")
			if max > 0 && b.Value > 0 {
				p.SetFillColor(31, 78, 121)
				p.Rect(x+labelW, y+1, barW*min(b.Value/max, 1), h-2, "F")
			}
		})
		p.SetXY(x+labelW+barW+2, y)
		cell(textW-2, Clean(b.Text))
		r.tag.EndElement()
		p.SetXY(margin, y+h)
	}
	r.tag.EndElement()
	p.Ln(2)
}

// Write finishes the report.
func (r *Report) Write(w io.Writer) error {
	r.keep(0) // a heading at the very end
	if err := r.pdf.Error(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := r.tag.Output(w); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// Clean gives text as a report may show it: as the public may see it, a
// confidential passage replaced by "[geschwärzt]" (which also keeps the
// confidentiality marks, which the Go fonts lack, out of the PDF). It
// used to drop the marks and keep the confidential text.
func Clean(s string) string { return model.Public.Text(s) }
