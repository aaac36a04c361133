package minutes

import (
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

	"gremium/internal/model"
	"gremium/internal/pdftag"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageMargin = 20.0
	pageWidth  = 210.0 - 2*pageMargin
	lineHeight = 4.6
	cellPad    = 1.5
)

// Column widths of the TOP table: TOP, title, Ziel, Quelle, BE (in mm,
// together pageWidth). Ziel holds the longest goal, "Kenntnisnahme", on
// one line, Quelle a decision number (TestPDFTableColumnsHoldTheirWords).
var pdfCols = [5]float64{14, 86, 26, 24, 20}

// WritePDF renders the minutes in the official layout: header block, one
// table per section with Ziel / Quelle / BE, the checkbox row, the ON / BV /
// PN rows, and on every page the "Stand" and "Seite N von M". The document
// must already be prepared for its audience (see Redacted); internal
// documents show marked passages as "[vertraulich: …]".
//
// The PDF is tagged (package pdftag): headings, paragraphs, the attendance
// list and the TOP tables are structure elements in reading order; the
// footer, the repeated table header, cell borders and redaction bars are
// artifacts.
func WritePDF(w io.Writer, doc Document) error {
	doc = doc.Printed() // no "HE:" without text
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(false, pageMargin)
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes("go", "I", goitalic.TTF)
	pdf.SetTitle(doc.Title(), true) // says "Entwurf" and which version
	pdf.SetLang("de-DE")
	pdf.SetCreator("gremium", true)
	stamp := doc.Session.MinutesStand
	if stamp.IsZero() {
		stamp = doc.Session.Date
	}
	if !stamp.IsZero() {
		// Fixed dates keep the output reproducible for the same minutes.
		pdf.SetCreationDate(stamp.Time())
		pdf.SetModificationDate(stamp.Time())
	} else {
		pdf.SetCreationDate(time.Unix(0, 0).UTC())
		pdf.SetModificationDate(time.Unix(0, 0).UTC())
	}
	pdf.SetCatalogSort(true) // stable resource order: the same minutes give the same bytes
	pdf.AliasNbPages("{nb}")
	footer := fmt.Sprintf("Protokoll der %d. Sitzung", doc.Session.Number)
	if !doc.Session.MinutesStand.IsZero() {
		footer += " – Stand: " + doc.Session.MinutesStand.German()
	}
	if doc.Draft() {
		footer += " – Entwurf"
	} else if note := doc.ApprovalNote(); note != "" {
		footer += " – " + note
		if v := correctedVersion(doc.Corrections); v > 0 {
			footer += fmt.Sprintf(", berichtigt (Fassung %d)", v)
		}
	}
	if doc.Audience == model.Public {
		footer += " – öffentliche Fassung"
	} else {
		footer += " – interne Fassung, vertraulich"
	}
	tag := pdftag.New(pdf)
	r := &pdfRenderer{pdf: pdf, tag: tag, audience: doc.Audience, flags: doc.FlagsShown(), span: -1}
	tag.SetHeaderFunc(func() {
		if r.inTable {
			r.tableHeader()
		}
	})
	tag.SetFooterFunc(func() {
		pdf.SetY(-pageMargin + 6)
		pdf.SetFont("go", "", 8)
		pdf.SetTextColor(80, 80, 80)
		// The page number beside the footer's text, or under it where
		// the text (an approved, corrected internal version) is longer.
		number := fmt.Sprintf("Seite %d von {nb}", pdf.PageNo())
		width := pdf.GetStringWidth("Seite 999 von 999") + 2
		if pdf.GetStringWidth(footer) > pageWidth-width {
			pdf.SetY(-pageMargin + 4)
			pdf.CellFormat(pageWidth, 4, footer, "", 2, "L", false, 0, "")
			pdf.CellFormat(pageWidth, 4, number, "", 0, "R", false, 0, "")
		} else {
			pdf.CellFormat(pageWidth-width, 4, footer, "", 0, "L", false, 0, "")
			pdf.CellFormat(width, 4, number, "", 0, "R", false, 0, "")
		}
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()
	r.header(doc)
	r.corrections(doc.Corrections)
	r.attendance(doc.Attendance)
	r.writtenProcedures(doc.WrittenProcedures)
	for _, sec := range doc.Sections {
		r.section(sec)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("minutes: pdf: %w", err)
	}
	if err := tag.Output(w); err != nil {
		return fmt.Errorf("minutes: pdf: %w", err)
	}
	return nil
}

// UnreleasedPublicNote says on the public version of minutes whose draft
// is not yet released for comments (the session has ended) that it holds
// the agenda and the adopted decisions only (model.Session.MinutesPublic):
// without it, a reader took the missing discussion for none held.
const UnreleasedPublicNote = "Der Protokollentwurf ist noch nicht freigegeben. Bis zur Freigabe durch die Geschäftsstelle enthält diese Fassung nur die Tagesordnung und die gefassten Beschlüsse."

// UnreleasedInternalNote says on the internal version of minutes not yet
// released for comments (the session runs or has ended) that the
// Geschäftsstelle is still writing them: a member office took the
// working copy for the draft sent for comments.
const UnreleasedInternalNote = "Der Protokollentwurf ist noch nicht freigegeben. Die Geschäftsstelle bearbeitet ihn noch; er ist noch nicht zur Kommentierung an die Mitglieder verteilt."

// ReleaseNote gives the note every rendering of the minutes (page and
// PDF alike) shows while their draft is not released for comments
// (UnreleasedPublicNote, UnreleasedInternalNote), and "" from the
// release ("Protokoll im Entwurf") on.
func (d Document) ReleaseNote() string {
	switch d.Session.Status {
	case model.StatusRunning, model.StatusEnded:
	default:
		return ""
	}
	if d.Audience.IsPublic() {
		return UnreleasedPublicNote
	}
	return UnreleasedInternalNote
}

// ApprovedLine gives what the header of approved minutes says beside
// "Genehmigt", on the page and in the PDF alike: ApprovalNote without its
// leading word ("in der 48. Sitzung am 19.03.2026"; "ja" where it says
// no more), "" for a draft. Before, the page said "Genehmigt: genehmigt
// in der 48. Sitzung …".
func (d Document) ApprovedLine() string {
	note := d.ApprovalNote()
	if note == "genehmigt" {
		return "ja"
	}
	return strings.TrimPrefix(note, "genehmigt ")
}

// InternalNote gives what the internal version of the minutes says under
// its header, on the page and in the PDF alike (the PDF said it only in
// its footer): that it is confidential, and what the public version
// leaves out — or, for a body that keeps everything internal (the
// AL-Runde: model.Audience.SeesBody), that there is no public version.
// "" for the public version.
func (d Document) InternalNote() string {
	if d.Audience.IsPublic() {
		return ""
	}
	if d.Session.Internal {
		return "Interne Fassung – vertraulich. " + d.Body.Short().TheUpper() + " veröffentlicht keine Fassung: Protokolle und Beschlussempfehlungen sind intern."
	}
	return "Interne Fassung – vertraulich. Markierte Passagen und gekennzeichnete Zeilen fehlen in der öffentlichen Fassung."
}

type pdfRenderer struct {
	pdf      *fpdf.Fpdf
	tag      *pdftag.Tagger
	audience model.Audience
	flags    bool      // the items' outcome checkboxes are shown (Document.FlagsShown)
	header5  [5]string // the current table header, repeated after page breaks
	inTable  bool      // a page break repeats header5 (as an artifact)
	span     int       // the span whose element is open in drawLines, -1 none
	spanLI   bool      // that element is a list item (LI and LBody)
}

// span is a run of text in one style.
type span struct {
	text   string
	style  string // "", "B", "I"
	indent float64
	black  bool        // a redaction bar instead of text
	kind   pdftag.Kind // its structure element; P if empty
	src    int         // the index of the span a printed line comes from (layout)
}

func (r *pdfRenderer) limit() float64 {
	_, h := r.pdf.GetPageSize()
	return h - pageMargin - 4
}

func (r *pdfRenderer) header(doc Document) {
	p := r.pdf
	p.SetFont("go", "B", 16)
	name := fmt.Sprintf("%d. Sitzung", doc.Session.Number)
	if doc.Body.Name != "" {
		name += " " + doc.Body.Of()
	}
	r.tag.BeginElement(pdftag.H1).ActualText = name
	p.MultiCell(pageWidth, 8, name, "", "L", false)
	r.tag.EndElement()
	p.SetFont("go", "B", 13)
	title := "Protokoll"
	if doc.Draft() {
		title = DraftTitle
	}
	r.tag.BeginElement(pdftag.P)
	p.CellFormat(pageWidth, 8, title, "", 1, "L", false, 0, "")
	r.tag.EndElement()
	p.Ln(2)
	p.SetFont("go", "", 10)
	field := func(label, value string) {
		if value == "" {
			return
		}
		r.tag.BeginElement(pdftag.P)
		p.SetFont("go", "B", 10)
		p.CellFormat(40, 5.5, label+": ", "", 0, "L", false, 0, "")
		p.SetFont("go", "", 10)
		p.CellFormat(pageWidth-40, 5.5, value, "", 1, "L", false, 0, "")
		r.tag.EndElement()
	}
	se := doc.Session
	field("Datum", se.Date.German())
	field("Zeitlicher Ablauf", se.TimeSpan())
	field("Ort", se.Place)
	field("Vorsitz", se.Chair)
	field("Stand", se.MinutesStand.German())
	field("Genehmigt", doc.ApprovedLine())
	if doc.Draft() {
		r.headNote(2, "B", DraftNote)
	}
	if note := doc.ReleaseNote(); note != "" {
		r.headNote(1, "B", note)
	}
	if doc.SharesWarning != "" {
		r.headNote(2, "B", doc.SharesWarning)
	}
	if note := doc.InternalNote(); note != "" {
		r.headNote(2, "B", note)
	}
	if doc.Audience == model.Public {
		// The redactions explained only where there are any, as on the
		// page (RedactsSomething).
		note := "Öffentliche Fassung."
		if RedactsSomething(doc) {
			note = "Öffentliche Fassung: vertrauliche Passagen sind geschwärzt und als „[geschwärzt]“ gekennzeichnet."
		}
		r.headNote(2, "I", note)
	}
	p.Ln(4)
}

// headNote writes a note of the head (the draft's, the release's, the
// version's) as a tagged paragraph in the small font of style ("B", "I"),
// gap millimetres below what stands above it.
func (r *pdfRenderer) headNote(gap float64, style, text string) {
	p := r.pdf
	p.Ln(gap)
	p.SetFont("go", style, 9)
	r.tag.BeginElement(pdftag.P).ActualText = text
	p.MultiCell(pageWidth, 4.5, text, "", "L", false)
	r.tag.EndElement()
}

func (r *pdfRenderer) section(sec Section) {
	p := r.pdf
	// The heading and the table header stay with the first item (keep
	// with next): they stood alone at the foot of a page when the first
	// item was taller than the room left under them.
	need := 2 + 6.0
	if sec.Name != "" {
		need += headingHeight
	}
	if len(sec.Items) > 0 {
		_, h := r.itemCells(sec.Items[0])
		need += h + 8 // as item makes room for it
	}
	r.keep(need)
	p.Ln(2)
	p.SetFont("go", "B", 12)
	if sec.Name != "" {
		r.heading(sec.Name)
		p.Bookmark(sec.Name, 0, -1)
	}
	r.header5 = [5]string{"TOP", sec.Header(), "Ziel", "Quelle", "BE"}
	r.tag.BeginElement(pdftag.Table)
	r.tag.BeginElement(pdftag.TR)
	r.tableHeader()
	r.tag.EndElement()
	r.inTable = true
	for _, it := range sec.Items {
		r.item(it)
	}
	r.inTable = false
	r.tag.EndElement()
	p.Ln(3)
}

// headingHeight is the height of a heading (heading).
const headingHeight = 7.0

// keep starts a new page unless the next h millimetres fit on this one: a
// heading and the beginning of the block after it, which stay together
// (keep with next). On a page still empty it does nothing: the block is
// taller than a page.
func (r *pdfRenderer) keep(h float64) {
	if y := r.pdf.GetY(); y+h > r.limit() && y > pageMargin+1 {
		r.pdf.AddPage()
	}
}

// heading writes a section heading (H2) in the current font; the caller
// keeps it with the block after it (keep).
func (r *pdfRenderer) heading(text string) {
	r.tag.BeginElement(pdftag.H2)
	r.pdf.CellFormat(pageWidth, headingHeight, text, "", 1, "L", false, 0, "")
	r.tag.EndElement()
}

// tableHeader draws the header row of a TOP table: its TH cells when
// the table starts, an artifact when a page break repeats it (the tagger
// draws the page header as one).
func (r *pdfRenderer) tableHeader() {
	p := r.pdf
	p.SetFont("go", "B", 9)
	p.SetFillColor(225, 229, 235)
	for i, h := range r.header5 {
		if r.inTable {
			p.CellFormat(pdfCols[i], 6, h, "1", 0, "L", true, 0, "")
			continue
		}
		x, y := p.GetX(), p.GetY()
		r.tag.Artifact(func() { p.Rect(x, y, pdfCols[i], 6, "FD") })
		r.tag.BeginElement(pdftag.TH)
		p.CellFormat(pdfCols[i], 6, h, "", 0, "L", false, 0, "")
		r.tag.EndElement()
	}
	p.Ln(-1)
}

// ensure makes room for h millimetres, starting a new page (with the table
// header, see WritePDF) if needed.
func (r *pdfRenderer) ensure(h float64) {
	if r.pdf.GetY()+h > r.limit() {
		r.pdf.AddPage()
	}
}

// wrap breaks text into lines that fit width in the current font.
func (r *pdfRenderer) wrap(text string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		var cur string
		for _, word := range strings.Fields(para) {
			try := word
			if cur != "" {
				try = cur + " " + word
			}
			if r.pdf.GetStringWidth(try) <= width || cur == "" {
				cur = try
				continue
			}
			lines = append(lines, cur)
			cur = word
		}
		lines = append(lines, cur)
	}
	return lines
}

// show turns redaction marks into readable text for the internal version.
func (r *pdfRenderer) show(s string) string {
	return model.SpokenMarks(s, "[vertraulich: ", "]")
}

// itemCells lays out the cells of an item's row (TOP, title with its
// points, Ziel, Quelle, BE) and gives the row's height: as high as its
// tallest cell.
func (r *pdfRenderer) itemCells(it Item) ([5][]span, float64) {
	label := it.Number
	titleSpans := []span{{text: r.show(it.Title), style: "B"}}
	if it.Title == "" {
		titleSpans = []span{{text: "(im Protokoll ohne Titel)", style: "I"}}
	}
	for _, pt := range it.Points {
		titleSpans = append(titleSpans, span{text: "› " + r.show(pt)})
	}
	for _, rep := range it.Reports {
		// Its paragraphs and list items as the pages show them
		// (model.TextBlocks), not run together with the dashes typed.
		titleSpans = append(titleSpans, span{text: "Bericht " + rep.Member + " für " + model.Body{Name: rep.Conference}.Accusative() + ":"})
		for _, b := range model.TextBlocks(r.show(rep.Text)) {
			if b.Items == nil {
				titleSpans = append(titleSpans, span{text: b.Para})
			}
			for _, item := range b.Items {
				indent := 2.0
				if item.Sub {
					indent = 4
				}
				titleSpans = append(titleSpans, span{text: "• " + item.Text, indent: indent})
			}
		}
	}
	cols := [5][]span{{{text: label, style: "B"}}, titleSpans, {{text: string(it.Goal)}}, {{text: strings.Join(it.Sources, ", ")}}, {{text: strings.Join(it.Reporters, ", ")}}}
	// Lay out every column, then draw the row as high as its tallest column.
	var laid [5][]span
	maxLines := 1
	for i, c := range cols {
		laid[i] = r.layout(c, pdfCols[i]-2*cellPad)
		maxLines = max(maxLines, len(laid[i]))
	}
	return laid, float64(maxLines)*lineHeight + 2*cellPad
}

func (r *pdfRenderer) item(it Item) {
	p := r.pdf
	laid, h := r.itemCells(it)
	r.ensure(h + 8)
	x, y := p.GetX(), p.GetY()
	r.tag.BeginElement(pdftag.TR)
	for i := range laid {
		r.tag.BeginElement(pdftag.TD)
		r.tag.Artifact(func() { p.Rect(x, y, pdfCols[i], h, "D") })
		r.drawLines(laid[i], x+cellPad, y+cellPad)
		r.endSpan()
		r.tag.EndElement()
		x += pdfCols[i]
	}
	r.tag.EndElement()
	p.SetXY(pageMargin, y+h)
	if r.flags {
		r.checkboxes(it.Flags)
	}
	if line := it.Deferral.Line(); line != "" {
		r.row(Row{Kind: RowText, RemarkKind: model.RemarkText, Text: line})
	}
	for _, line := range it.ApprovalLines() {
		r.row(Row{Kind: RowText, RemarkKind: model.RemarkText, Text: line})
	}
	if it.Recommendation != nil { // only where the audience may see it (Redacted)
		r.row(Row{Kind: RowText, RemarkKind: model.RemarkText, Text: it.Recommendation.Statement()})
		if late := it.Recommendation.WithoutEffect; late != "" {
			r.row(Row{Kind: RowText, RemarkKind: model.RemarkText, Text: "Ohne Wirkung: " + late})
		}
	}
	for _, row := range it.Rows {
		r.row(row)
	}
	if len(it.RecordLines) > 0 { // the session day's record, after the rows as on the page
		r.row(Row{Kind: RowText, RemarkKind: model.RemarkText, Text: strings.Join(it.RecordLines, " ")})
	}
}

// layout wraps spans into one span per printed line.
func (r *pdfRenderer) layout(spans []span, width float64) []span {
	var out []span
	for i, s := range spans {
		s.src = i
		if s.black {
			out = append(out, s)
			continue
		}
		r.pdf.SetFont("go", s.style, 9)
		for _, l := range r.wrap(s.text, width-s.indent) {
			out = append(out, span{text: l, style: s.style, indent: s.indent, kind: s.kind, src: i})
		}
	}
	return out
}

// drawLines draws laid-out lines, each span of them one structure element
// (its kind, P by default): the element of the last span stays open, so
// that the caller can continue it on the next page, and is closed by
// endSpan.
func (r *pdfRenderer) drawLines(lines []span, x, y float64) {
	p := r.pdf
	for i, l := range lines {
		ly := y + float64(i)*lineHeight
		if l.black {
			r.endSpan()
			r.tag.Artifact(func() {
				p.SetFillColor(0, 0, 0)
				p.Rect(x+l.indent, ly+0.8, 60, lineHeight-1.6, "F")
			})
			continue
		}
		if l.text == "" {
			continue // an empty cell has no element
		}
		if l.src != r.span {
			r.endSpan()
			r.beginSpan(l)
		} else {
			r.tag.Resume()
		}
		text := l.text
		if i+1 < len(lines) && lines[i+1].src == l.src {
			// The space at the line break, invisible at the end of the
			// line: a screen reader reading the element's text does not
			// run the last word of a line into the first of the next.
			text += " "
		}
		p.SetFont("go", l.style, 9)
		p.SetXY(x+l.indent, ly)
		p.CellFormat(0, lineHeight, text, "", 0, "L", false, 0, "")
	}
}

// beginSpan opens the structure element of the span l comes from.
func (r *pdfRenderer) beginSpan(l span) {
	r.span = l.src
	switch l.kind {
	case "":
		r.tag.BeginElement(pdftag.P)
	case pdftag.LI:
		r.tag.BeginElement(pdftag.LI)
		r.tag.BeginElement(pdftag.LBody)
		r.spanLI = true
	default:
		r.tag.BeginElement(l.kind)
	}
}

// endSpan closes the element drawLines left open, if any.
func (r *pdfRenderer) endSpan() {
	if r.span < 0 {
		return
	}
	r.tag.EndElement()
	if r.spanLI {
		r.tag.EndElement()
		r.spanLI = false
	}
	r.span = -1
}

func (r *pdfRenderer) checkboxes(f model.ItemFlags) {
	p := r.pdf
	h := lineHeight + 2*cellPad
	r.ensure(h)
	x, y := pageMargin, p.GetY()
	r.tag.BeginElement(pdftag.TR)
	r.tag.BeginElement(pdftag.TD)
	r.tag.Artifact(func() { p.Rect(x, y, pdfCols[0], h, "D") })
	r.tag.EndElement()
	r.tag.BeginElement(pdftag.TD).ColSpan = 4
	r.tag.Artifact(func() { p.Rect(x+pdfCols[0], y, pageWidth-pdfCols[0], h, "D") })
	cx := x + pdfCols[0] + cellPad
	p.SetFont("go", "", 8.5)
	for _, b := range []struct {
		on    bool
		label string
	}{{f.Decision, "Beschluss"}, {f.Recommendation, "Beschlussempfehlung (IT-PLR)"}, {f.Note, "Protokollnotiz"}, {f.FollowUp, "Follow-Up"}} {
		by := y + cellPad + 0.8
		box := r.tag.BeginElement(pdftag.Figure)
		box.Alt = "nicht angekreuzt"
		if b.on {
			box.Alt = "angekreuzt"
		}
		p.Rect(cx, by, 3, 3, "D")
		if b.on {
			p.Line(cx+0.5, by+0.5, cx+2.5, by+2.5)
			p.Line(cx+2.5, by+0.5, cx+0.5, by+2.5)
		}
		r.tag.EndElement()
		p.SetXY(cx+4, y+cellPad)
		r.tag.BeginElement(pdftag.P)
		p.CellFormat(0, lineHeight, b.label, "", 0, "L", false, 0, "")
		r.tag.EndElement()
		cx += 4 + p.GetStringWidth(b.label) + 6
	}
	r.tag.EndElement()
	r.tag.EndElement()
	p.SetXY(pageMargin, y+h)
}

// row draws a minutes row: marker in the first column, content across the
// others; a long row continues on the next page.
func (r *pdfRenderer) row(row Row) {
	var spans []span
	switch {
	case !r.audience.SeesRow(row.Confidential) && row.Kind == RowNote:
		// As on the page: "Protokollnotiz: [geschwärzt]", without author.
		spans = append(spans, span{text: row.NoteLabel() + ":", style: "B"}, span{black: true}, span{text: model.RedactedPlaceholder, style: "I"})
	case !r.audience.SeesRow(row.Confidential):
		if row.Speaker != "" {
			spans = append(spans, span{text: row.Speaker + ":", style: "B"})
		}
		spans = append(spans, span{black: true}, span{text: model.RedactedPlaceholder, style: "I"})
	case row.Kind == RowDiscussion:
		spans = append(spans, span{text: row.Speaker + ":", style: "B"})
		for _, pt := range row.Points {
			spans = append(spans, span{text: "› " + r.show(pt), indent: 2})
		}
	case row.Kind == RowDecision:
		d := row.Decision
		spans = append(spans, span{text: d.ProposalLabel(), style: "B"})
		for _, pt := range d.Points {
			text := r.show(pt.Text)
			if pt.Label != "" {
				text = pt.Label + " " + text
			}
			spans = append(spans, span{text: text})
		}
		if d.Result != "" {
			spans = append(spans, span{text: resultLead(*d) + r.show(d.Result), style: "B"})
		}
		if basis := d.CountLine(); basis != "" {
			spans = append(spans, span{text: basis, style: "I"})
		}
		if b := d.Bound(); len(b) > 0 {
			spans = append(spans, span{text: "Gilt nur für die zustimmenden Mitglieder: " + strings.Join(b, ", "), style: "I"})
		}
		if note := CorrectionNote(*d); note != "" {
			if d.Public() && d.Label != "" {
				note += " " + d.Label
			}
			spans = append(spans, span{text: note + ".", style: "I"})
		}
	case row.Kind == RowNote:
		spans = append(spans, span{text: row.NoteLabel(), style: "B"}, span{text: r.show(row.Text)})
	case row.RemarkKind == model.RemarkIllegible:
		spans = append(spans, span{text: IllegibleLine(), style: "I"})
	case row.RemarkKind == model.RemarkRaw:
		spans = append(spans, span{text: UnplacedLabel + ":", style: "I"}, span{text: r.show(row.Text)})
	default:
		spans = append(spans, span{text: r.show(row.Text)})
	}
	if row.Confidential && r.audience == model.Internal {
		spans = append([]span{{text: "Vertraulich – nicht in der öffentlichen Fassung", style: "I"}}, spans...)
	}
	width := pageWidth - pdfCols[0] - 2*cellPad - 1
	lines := r.layout(spans, width)
	p := r.pdf
	startY := p.GetY()
	segStart := 0
	markerDrawn := false
	drawSegment := func(from, to int) {
		h := float64(to-from)*lineHeight + 2*cellPad
		r.tag.Artifact(func() {
			p.Rect(pageMargin, startY, pdfCols[0], h, "D")
			p.Rect(pageMargin+pdfCols[0], startY, pageWidth-pdfCols[0], h, "D")
		})
		if !markerDrawn {
			r.tag.BeginElement(pdftag.TD)
			r.tag.BeginElement(pdftag.P)
			p.SetFont("go", "B", 9)
			p.SetXY(pageMargin+cellPad, startY+cellPad)
			p.CellFormat(pdfCols[0]-2*cellPad, lineHeight, string(row.Kind), "", 0, "L", false, 0, "")
			r.tag.EndElement()
			r.tag.EndElement()
			r.tag.BeginElement(pdftag.TD).ColSpan = 4
			markerDrawn = true
		}
		r.drawLines(lines[from:to], pageMargin+pdfCols[0]+cellPad, startY+cellPad)
		p.SetXY(pageMargin, startY+h)
	}
	r.ensure(2*lineHeight + 2*cellPad)
	startY = p.GetY()
	r.tag.BeginElement(pdftag.TR)
	for i := range lines {
		if startY+float64(i-segStart+1)*lineHeight+2*cellPad > r.limit() {
			drawSegment(segStart, i)
			p.AddPage() // the paragraph cut here continues as the same element
			startY, segStart = p.GetY(), i
		}
	}
	drawSegment(segStart, len(lines))
	r.endSpan()
	r.tag.EndElement() // TD
	r.tag.EndElement() // TR
}

// attendance lists who took part (the public version names no persons).
func (r *pdfRenderer) attendance(lines []AttendanceLine) {
	if len(lines) == 0 {
		return
	}
	p := r.pdf
	var spans []span
	for _, l := range lines {
		text := l.Member.Name + ": " + l.Presence.Label()
		if l.Person != "" {
			if l.Presence == model.Represented {
				text += " durch " + l.Person
			} else {
				text += " (" + l.Person + ")"
			}
		}
		if l.From != "" {
			text += ", ab " + l.From
		}
		if l.Until != "" {
			text += ", bis " + l.Until
		}
		if len(l.Delegates) > 0 {
			text += "; Teilnehmende: " + delegatesText(l.Delegates)
		}
		spans = append(spans, span{text: text, kind: pdftag.LI})
	}
	out := r.layout(spans, pageWidth)
	// The list is drawn whole, on the page of its heading.
	r.keep(headingHeight + float64(len(out))*lineHeight)
	p.SetFont("go", "B", 12)
	r.heading("Anwesenheit")
	r.tag.BeginElement(pdftag.L)
	r.drawLines(out, pageMargin, p.GetY())
	r.endSpan()
	r.tag.EndElement()
	p.SetXY(pageMargin, p.GetY()+float64(len(out))*lineHeight+2)
	p.Ln(3)
}

// resultLead gives the words before a decision's result phrase: a
// rejection its phrase does not state is said ("abgelehnt – "), as on the
// minutes page (model.Decision.RejectionUnsaid).
func resultLead(d model.Decision) string {
	if d.RejectionUnsaid() {
		return "Ergebnis: abgelehnt – "
	}
	return "Ergebnis: "
}

// writtenProcedures lists the decisions taken by written procedure since the
// last session.
func (r *pdfRenderer) writtenProcedures(ds []model.Decision) {
	if len(ds) == 0 {
		return
	}
	p := r.pdf
	var blocks [][]span
	for _, d := range ds {
		spans := []span{{text: r.show(d.DisplayTitle()), style: "B", kind: pdftag.H3}}
		for _, pt := range d.Points {
			text := r.show(pt.Text)
			if pt.Label != "" {
				text = pt.Label + " " + text
			}
			spans = append(spans, span{text: text})
		}
		verb := d.StatusLabel()
		spans = append(spans, span{text: resultLead(d) + r.show(d.Result) + ", " + verb + " am " + d.AdoptedOn.German(), style: "I"})
		blocks = append(blocks, spans)
	}
	r.keep(headingHeight + r.blockHeight(blocks[0]))
	p.SetFont("go", "B", 12)
	r.heading("Umlaufverfahren seit der letzten Sitzung")
	for _, b := range blocks {
		r.block(b)
	}
	p.Ln(3)
}

// blockHeight gives the height of spans drawn as a block (block).
func (r *pdfRenderer) blockHeight(spans []span) float64 {
	return float64(len(r.layout(spans, pageWidth))) * lineHeight
}

// block draws spans across the page's width as one block, on the next
// page if it does not fit on this one, with a small gap after it.
func (r *pdfRenderer) block(spans []span) {
	p := r.pdf
	lines := r.layout(spans, pageWidth)
	if p.GetY()+float64(len(lines))*lineHeight > r.limit() {
		p.AddPage()
	}
	r.drawLines(lines, pageMargin, p.GetY())
	r.endSpan()
	p.SetXY(pageMargin, p.GetY()+float64(len(lines))*lineHeight+2)
}

// corrections lists the corrections of approved minutes as the minutes
// page does: the corrected row, its stage, the reason, and its text before
// and after. The rows above already read as corrected.
func (r *pdfRenderer) corrections(cs []model.MinutesCorrection) {
	if len(cs) == 0 {
		return
	}
	p := r.pdf
	var blocks [][]span
	for _, c := range cs {
		head := c.RowKindLabel()
		if c.Speaker != "" {
			head += " (" + r.show(c.Speaker) + ")"
		}
		head += " – " + c.Stage() + ". Grund: " + r.show(c.Reason)
		spans := []span{{text: head, style: "B"},
			{text: "bisher: " + r.show(c.Before), indent: 2},
			{text: "berichtigt: " + r.show(c.After), indent: 2}}
		blocks = append(blocks, spans)
	}
	r.keep(headingHeight + r.blockHeight(blocks[0]))
	p.SetFont("go", "B", 12)
	r.heading("Berichtigungen")
	for _, b := range blocks {
		r.block(b)
	}
	p.Ln(3)
}

// correctedVersion gives the minutes version the newest approved
// correction made, 0 if none.
func correctedVersion(cs []model.MinutesCorrection) int {
	v := 0
	for _, c := range cs {
		if c.Status == model.CorrectionApproved {
			v = max(v, c.MinutesVersion)
		}
	}
	return v
}

// delegatesText names the registered persons of a member as the
// attendance list shows them: "Dr. A, CIO (vor Ort); B (online, in
// Vertretung)".
func delegatesText(ds []model.Delegate) string {
	var parts []string
	for _, d := range ds {
		t := d.Name
		if d.Function != "" {
			t += ", " + d.Function
		}
		t += " (" + d.ModeLabel()
		if d.Deputy {
			t += ", in Vertretung"
		}
		parts = append(parts, t+")")
	}
	return strings.Join(parts, "; ")
}
