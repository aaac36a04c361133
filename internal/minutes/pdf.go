package minutes

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"

	"gremium/internal/model"
)

// Page geometry in millimetres (A4 portrait).
const (
	pageMargin = 20.0
	pageWidth  = 210.0 - 2*pageMargin
	lineHeight = 4.6
	cellPad    = 1.5
)

// Column widths of the TOP table: TOP, title, Ziel, Quelle, BE.
var pdfCols = [5]float64{14, 88, 22, 24, 22}

// WritePDF renders the minutes in the official layout: header block, one
// table per section with Ziel / Quelle / BE, the checkbox row, the ON / BV /
// PN rows, and on every page the "Stand" and "Seite N von M". The document
// must already be prepared for its audience (see Redacted); internal
// documents show marked passages as "[vertraulich: …]".
func WritePDF(w io.Writer, doc Document) error {
	doc = doc.Printed() // no "HE:" without text
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(false, pageMargin)
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes("go", "I", goitalic.TTF)
	title := fmt.Sprintf("Protokoll der %d. Sitzung", doc.Session.Number)
	if doc.Body.Name != "" {
		title += " des " + doc.Body.Name + "s"
	}
	pdf.SetTitle(title, true)
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
	}
	if doc.Audience == model.Public {
		footer += " – öffentliche Fassung"
	} else {
		footer += " – interne Fassung, vertraulich"
	}
	pdf.SetFooterFunc(func() {
		pdf.SetY(-pageMargin + 6)
		pdf.SetFont("go", "", 8)
		pdf.SetTextColor(80, 80, 80)
		pdf.CellFormat(pageWidth*0.75, 4, footer, "", 0, "L", false, 0, "")
		pdf.CellFormat(pageWidth*0.25, 4, fmt.Sprintf("Seite %d von {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	r := &pdfRenderer{pdf: pdf, audience: doc.Audience}
	pdf.AddPage()
	r.header(doc)
	r.attendance(doc.Attendance)
	r.writtenProcedures(doc.WrittenProcedures)
	for _, sec := range doc.Sections {
		r.section(sec)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("minutes: pdf: %w", err)
	}
	return pdf.Output(w)
}

type pdfRenderer struct {
	pdf      *fpdf.Fpdf
	audience model.Audience
	header5  [5]string // the current table header, repeated after page breaks
}

// span is a run of text in one style.
type span struct {
	text   string
	style  string // "", "B", "I"
	indent float64
	black  bool // a redaction bar instead of text
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
		name += " des " + doc.Body.Name + "s"
	}
	p.MultiCell(pageWidth, 8, name, "", "L", false)
	p.SetFont("go", "B", 13)
	title := "Protokoll"
	if doc.Draft() {
		title = DraftTitle
	}
	p.CellFormat(pageWidth, 8, title, "", 1, "L", false, 0, "")
	p.Ln(2)
	p.SetFont("go", "", 10)
	field := func(label, value string) {
		if value == "" {
			return
		}
		p.SetFont("go", "B", 10)
		p.CellFormat(40, 5.5, label+":", "", 0, "L", false, 0, "")
		p.SetFont("go", "", 10)
		p.CellFormat(pageWidth-40, 5.5, value, "", 1, "L", false, 0, "")
	}
	se := doc.Session
	field("Datum", se.Date.German())
	field("Zeitlicher Ablauf", se.TimeSpan())
	field("Ort", se.Place)
	field("Vorsitz", se.Chair)
	field("Stand", se.MinutesStand.German())
	if note := doc.ApprovalNote(); note != "" {
		field("Genehmigt", strings.TrimPrefix(note, "genehmigt "))
	}
	if doc.Draft() {
		p.Ln(2)
		p.SetFont("go", "B", 9)
		p.MultiCell(pageWidth, 4.5, DraftNote, "", "L", false)
	}
	if doc.Audience == model.Public {
		p.Ln(2)
		p.SetFont("go", "I", 9)
		p.MultiCell(pageWidth, 4.5, "Öffentliche Fassung: vertrauliche Passagen sind geschwärzt und als „[geschwärzt]“ gekennzeichnet.", "", "L", false)
	}
	p.Ln(4)
}

func (r *pdfRenderer) section(sec Section) {
	p := r.pdf
	if p.GetY()+30 > r.limit() {
		p.AddPage()
	}
	p.Ln(2)
	p.SetFont("go", "B", 12)
	p.CellFormat(pageWidth, 7, sec.Name, "", 1, "L", false, 0, "")
	p.Bookmark(sec.Name, 0, -1)
	head := sec.Name
	if sec.Consent {
		head = "Thema"
	}
	r.header5 = [5]string{"TOP", head, "Ziel", "Quelle", "BE"}
	r.tableHeader()
	for _, it := range sec.Items {
		r.item(it)
	}
	p.Ln(3)
}

func (r *pdfRenderer) tableHeader() {
	p := r.pdf
	p.SetFont("go", "B", 9)
	p.SetFillColor(225, 229, 235)
	for i, h := range r.header5 {
		p.CellFormat(pdfCols[i], 6, h, "1", 0, "L", true, 0, "")
	}
	p.Ln(-1)
}

// ensure makes room for h millimetres, starting a new page (with the table
// header) if needed.
func (r *pdfRenderer) ensure(h float64) {
	if r.pdf.GetY()+h > r.limit() {
		r.pdf.AddPage()
		r.tableHeader()
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
	if !model.HasRedaction(s) {
		return s
	}
	var b strings.Builder
	for _, ps := range model.Passages(s) {
		if ps.Confidential {
			b.WriteString("[vertraulich: " + ps.Text + "]")
		} else {
			b.WriteString(ps.Text)
		}
	}
	return b.String()
}

func (r *pdfRenderer) item(it Item) {
	p := r.pdf
	label := it.Number
	titleSpans := []span{{text: r.show(it.Title), style: "B"}}
	if it.Title == "" {
		titleSpans = []span{{text: "(im Protokoll ohne Titel)", style: "I"}}
	}
	for _, pt := range it.Points {
		titleSpans = append(titleSpans, span{text: "› " + r.show(pt)})
	}
	for _, rep := range it.Reports {
		titleSpans = append(titleSpans, span{text: "Bericht " + rep.Member + " für die " + rep.Conference + ": " + r.show(rep.Text)})
	}
	cols := [5][]span{{{text: label, style: "B"}}, titleSpans, {{text: string(it.Goal)}}, {{text: strings.Join(it.Sources, ", ")}}, {{text: strings.Join(it.Reporters, ", ")}}}
	// Lay out every column, then draw the row as high as its tallest column.
	var laid [5][]span
	maxLines := 1
	for i, c := range cols {
		laid[i] = r.layout(c, pdfCols[i]-2*cellPad)
		maxLines = max(maxLines, len(laid[i]))
	}
	h := float64(maxLines)*lineHeight + 2*cellPad
	r.ensure(h + 8)
	x, y := p.GetX(), p.GetY()
	for i := range cols {
		p.Rect(x, y, pdfCols[i], h, "D")
		r.drawLines(laid[i], x+cellPad, y+cellPad)
		x += pdfCols[i]
	}
	p.SetXY(pageMargin, y+h)
	r.checkboxes(it.Flags)
	if line := it.Deferral.Line(); line != "" {
		r.row(Row{Kind: RowText, RemarkKind: model.RemarkText, Text: line})
	}
	if it.Recommendation != nil { // only where the audience may see it (Redacted)
		r.row(Row{Kind: RowText, RemarkKind: model.RemarkText, Text: it.Recommendation.Line()})
	}
	for _, row := range it.Rows {
		r.row(row)
	}
}

// layout wraps spans into one span per printed line.
func (r *pdfRenderer) layout(spans []span, width float64) []span {
	var out []span
	for _, s := range spans {
		if s.black {
			out = append(out, s)
			continue
		}
		r.pdf.SetFont("go", s.style, 9)
		for _, l := range r.wrap(s.text, width-s.indent) {
			out = append(out, span{text: l, style: s.style, indent: s.indent})
		}
	}
	return out
}

func (r *pdfRenderer) drawLines(lines []span, x, y float64) {
	p := r.pdf
	for i, l := range lines {
		ly := y + float64(i)*lineHeight
		if l.black {
			p.SetFillColor(0, 0, 0)
			p.Rect(x+l.indent, ly+0.8, 60, lineHeight-1.6, "F")
			continue
		}
		p.SetFont("go", l.style, 9)
		p.SetXY(x+l.indent, ly)
		p.CellFormat(0, lineHeight, l.text, "", 0, "L", false, 0, "")
	}
}

func (r *pdfRenderer) checkboxes(f model.ItemFlags) {
	p := r.pdf
	h := lineHeight + 2*cellPad
	r.ensure(h)
	x, y := pageMargin, p.GetY()
	p.Rect(x, y, pdfCols[0], h, "D")
	p.Rect(x+pdfCols[0], y, pageWidth-pdfCols[0], h, "D")
	cx := x + pdfCols[0] + cellPad
	p.SetFont("go", "", 8.5)
	for _, b := range []struct {
		on    bool
		label string
	}{{f.Decision, "Beschluss"}, {f.Recommendation, "Beschlussempfehlung (IT-PLR)"}, {f.Note, "Protokollnotiz"}, {f.FollowUp, "Follow-Up"}} {
		by := y + cellPad + 0.8
		p.Rect(cx, by, 3, 3, "D")
		if b.on {
			p.Line(cx+0.5, by+0.5, cx+2.5, by+2.5)
			p.Line(cx+2.5, by+0.5, cx+0.5, by+2.5)
		}
		p.SetXY(cx+4, y+cellPad)
		p.CellFormat(0, lineHeight, b.label, "", 0, "L", false, 0, "")
		cx += 4 + p.GetStringWidth(b.label) + 6
	}
	p.SetXY(pageMargin, y+h)
}

// row draws a minutes row: marker in the first column, content across the
// others; a long row continues on the next page.
func (r *pdfRenderer) row(row Row) {
	var spans []span
	switch {
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
			spans = append(spans, span{text: "Ergebnis: " + r.show(d.Result), style: "B"})
		}
		if basis := d.CountBasis(); basis != "" {
			spans = append(spans, span{text: basis, style: "I"})
		}
		if b := d.Bound(); len(b) > 0 {
			spans = append(spans, span{text: "Gilt nur für die zustimmenden Mitglieder: " + strings.Join(b, ", "), style: "I"})
		}
	case row.Kind == RowNote:
		spans = append(spans, span{text: "Protokollnotiz (" + row.Speaker + ")", style: "B"}, span{text: r.show(row.Text)})
	case row.RemarkKind == model.RemarkIllegible:
		spans = append(spans, span{text: IllegibleMarker + " – im Quelldokument nicht lesbar", style: "I"})
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
		p.Rect(pageMargin, startY, pdfCols[0], h, "D")
		p.Rect(pageMargin+pdfCols[0], startY, pageWidth-pdfCols[0], h, "D")
		if !markerDrawn {
			p.SetFont("go", "B", 9)
			p.SetXY(pageMargin+cellPad, startY+cellPad)
			p.CellFormat(pdfCols[0]-2*cellPad, lineHeight, string(row.Kind), "", 0, "L", false, 0, "")
			markerDrawn = true
		}
		r.drawLines(lines[from:to], pageMargin+pdfCols[0]+cellPad, startY+cellPad)
		p.SetXY(pageMargin, startY+h)
	}
	r.ensure(2*lineHeight + 2*cellPad)
	startY = p.GetY()
	for i := range lines {
		if startY+float64(i-segStart+1)*lineHeight+2*cellPad > r.limit() {
			drawSegment(segStart, i)
			p.AddPage()
			r.tableHeader()
			startY, segStart = p.GetY(), i
		}
	}
	drawSegment(segStart, len(lines))
}

// attendance lists who took part (the public version names no persons).
func (r *pdfRenderer) attendance(lines []AttendanceLine) {
	if len(lines) == 0 {
		return
	}
	p := r.pdf
	p.SetFont("go", "B", 12)
	p.CellFormat(pageWidth, 7, "Anwesenheit", "", 1, "L", false, 0, "")
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
		spans = append(spans, span{text: text})
	}
	out := r.layout(spans, pageWidth)
	if p.GetY()+float64(len(out))*lineHeight > r.limit() {
		p.AddPage()
	}
	r.drawLines(out, pageMargin, p.GetY())
	p.SetXY(pageMargin, p.GetY()+float64(len(out))*lineHeight+2)
	p.Ln(3)
}

// writtenProcedures lists the decisions taken by written procedure since the
// last session.
func (r *pdfRenderer) writtenProcedures(ds []model.Decision) {
	if len(ds) == 0 {
		return
	}
	p := r.pdf
	p.SetFont("go", "B", 12)
	p.CellFormat(pageWidth, 7, "Umlaufverfahren seit der letzten Sitzung", "", 1, "L", false, 0, "")
	for _, d := range ds {
		spans := []span{{text: d.Label + " – " + r.show(d.Title), style: "B"}}
		for _, pt := range d.Points {
			text := r.show(pt.Text)
			if pt.Label != "" {
				text = pt.Label + " " + text
			}
			spans = append(spans, span{text: text})
		}
		spans = append(spans, span{text: "Ergebnis: " + r.show(d.Result) + ", beschlossen am " + d.AdoptedOn.German(), style: "I"})
		lines := r.layout(spans, pageWidth)
		if p.GetY()+float64(len(lines))*lineHeight > r.limit() {
			p.AddPage()
		}
		r.drawLines(lines, pageMargin, p.GetY())
		p.SetXY(pageMargin, p.GetY()+float64(len(lines))*lineHeight+2)
	}
	p.Ln(3)
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
