// Package pdftag makes the PDFs gremium writes with fpdf tagged PDFs
// (ISO 32000-1 section 14.8, the structure PDF/UA and BITV 2.0 ask for):
// a structure tree of headings, paragraphs, lists and tables in reading
// order, page furniture marked as artifacts, and the catalog and page
// entries a screen reader needs.
//
// fpdf has no tagging API. A Tagger therefore records while the writer
// draws: BeginElement and EndElement open and close structure elements
// and write the marked-content operators (BDC/EMC with an MCID) into the
// page stream around what is drawn inside; Artifact wraps decoration.
// Output lets fpdf write its PDF and then appends the structure tree as an
// incremental update (new objects, the catalog and page dictionaries
// again with the tagging entries, a new cross-reference section), so
// fpdf's own bytes stay untouched. Only what fpdf writes is parsed.
//
// A content element (heading, paragraph, table cell, list body, figure)
// holds the content drawn while it is the innermost open element; a group
// (document, table, row, list, list item, cell holding paragraphs) holds
// only elements. When a page ends inside a content element, its marked
// sequence closes before the footer and a new one, with a new MCID for the
// same element, opens on the next page: after fpdf's automatic page break
// right away, after an explicit AddPage at the next BeginElement or
// Resume, so that the writer's repeated headers and rules come first.
package pdftag

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"
)

// Kind is a standard structure type (ISO 32000-1 section 14.8.4).
type Kind string

// The structure types the writers use.
const (
	Document Kind = "Document"
	H1       Kind = "H1"
	H2       Kind = "H2"
	H3       Kind = "H3"
	P        Kind = "P"
	L        Kind = "L"
	LI       Kind = "LI"
	LBody    Kind = "LBody"
	Table    Kind = "Table"
	TR       Kind = "TR"
	TH       Kind = "TH"
	TD       Kind = "TD"
	Figure   Kind = "Figure"
)

// holdsContent tells the kinds whose element holds drawn content itself;
// the others hold only child elements.
func (k Kind) holdsContent() bool {
	switch k {
	case H1, H2, H3, P, LBody, TH, Figure:
		return true
	}
	return false
}

// Element is a structure element being recorded. Its exported fields are
// attributes a writer may set after BeginElement.
type Element struct {
	// Alt is the alternate description read instead of the content
	// (for a Figure, such as a checkbox: "angekreuzt").
	Alt string
	// ColSpan is the number of table columns a TH or TD spans (0 or 1:
	// one column).
	ColSpan int
	// ActualText is the element's text, where what is drawn lacks
	// something of it: fpdf's MultiCell drops the space at each line
	// break, so a reader taking the drawn text would join two words.
	ActualText string

	kind   Kind
	parent *Element
	kids   []kid // child elements and marked-content references, in reading order
}

// kid is a child of an element: another element or a marked-content
// sequence on a page.
type kid struct {
	elem *Element
	page int // 1-based; with mcid when elem is nil
	mcid int
}

// Tagger records the structure of one fpdf document. Create it with New
// before the first AddPage and write the document with its Output.
type Tagger struct {
	pdf    *fpdf.Fpdf
	root   *Element
	stack  []*Element
	open   bool         // the innermost element has an open marked sequence
	paused *Element     // a content element whose sequence a page end or an artifact closed
	auto   bool         // fpdf is breaking the page by itself (inside Cell/MultiCell)
	pages  [][]*Element // per page (index page-1): the element of each MCID
	header func()
	footer func()
	err    error
}

// New starts recording pdf, which must not have a page yet; the root
// Document element is open. New installs pdf's header, footer and
// page-break functions: set the writer's own with SetHeaderFunc and
// SetFooterFunc of the Tagger.
func New(pdf *fpdf.Fpdf) *Tagger {
	t := &Tagger{pdf: pdf, root: &Element{kind: Document}}
	t.stack = []*Element{t.root}
	if pdf.PageNo() != 0 {
		t.err = errors.New("pdftag: New after the first page")
	}
	pdf.SetHeaderFunc(t.pageStart)
	pdf.SetFooterFunc(t.pageEnd)
	pdf.SetAcceptPageBreakFunc(func() bool {
		auto, _ := pdf.GetAutoPageBreak()
		t.auto = auto
		return auto
	})
	return t
}

// SetHeaderFunc sets what is drawn at the top of every page; it is
// marked as a pagination artifact (not read as content).
func (t *Tagger) SetHeaderFunc(f func()) { t.header = f }

// SetFooterFunc sets what is drawn at the bottom of every page (title,
// page number); it is marked as a pagination artifact.
func (t *Tagger) SetFooterFunc(f func()) { t.footer = f }

// BeginElement opens a structure element of kind inside the innermost
// open one and returns it, so the writer can set its attributes. Content
// drawn until the next BeginElement or EndElement belongs to it if its
// kind holds content.
func (t *Tagger) BeginElement(kind Kind) *Element {
	t.closeSequence()
	t.paused = nil
	parent := t.top()
	e := &Element{kind: kind, parent: parent}
	parent.kids = append(parent.kids, kid{elem: e})
	t.stack = append(t.stack, e)
	if kind.holdsContent() {
		t.openSequence()
	}
	return e
}

// EndElement closes the innermost open element.
func (t *Tagger) EndElement() {
	if len(t.stack) <= 1 {
		t.fail("EndElement without an open element")
		return
	}
	t.closeSequence()
	t.paused = nil
	t.stack = t.stack[:len(t.stack)-1]
}

// Artifact draws decoration (rules, cell borders, bars) that is not
// content: draw runs inside an /Artifact sequence. An open content
// sequence is closed first; the element's content continues after the
// next Resume or BeginElement.
func (t *Tagger) Artifact(draw func()) {
	t.artifact("/Artifact BMC", draw)
}

// Resume continues the content of the innermost element after an
// Artifact or an explicit page break; it does nothing when the element's
// sequence is open or the element holds no content.
func (t *Tagger) Resume() {
	if t.paused != nil && t.paused == t.top() {
		t.openSequence()
	}
	t.paused = nil
}

func (t *Tagger) artifact(open string, draw func()) {
	if t.open {
		t.closeSequence()
		t.paused = t.top()
	}
	t.pdf.RawWriteStr(open)
	draw()
	t.pdf.RawWriteStr("EMC")
}

func (t *Tagger) top() *Element { return t.stack[len(t.stack)-1] }

func (t *Tagger) openSequence() {
	e := t.top()
	page := t.pdf.PageNo()
	if page < 1 {
		t.fail("content before the first page")
		return
	}
	for len(t.pages) < page {
		t.pages = append(t.pages, nil)
	}
	mcid := len(t.pages[page-1])
	t.pages[page-1] = append(t.pages[page-1], e)
	e.kids = append(e.kids, kid{page: page, mcid: mcid})
	t.pdf.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", e.kind, mcid))
	t.open = true
}

func (t *Tagger) closeSequence() {
	if t.open {
		t.pdf.RawWriteStr("EMC")
		t.open = false
	}
}

// pageEnd is fpdf's footer function: the running sequence ends with the
// page, then the writer's footer is drawn as an artifact.
func (t *Tagger) pageEnd() {
	if t.open {
		t.closeSequence()
		t.paused = t.top()
	}
	if t.footer != nil {
		t.artifact("/Artifact <</Type /Pagination /Subtype /Footer>> BDC", t.footer)
	}
}

// pageStart is fpdf's header function: the writer's header as an
// artifact, then, inside fpdf's automatic page break, the content that
// was cut continues at once.
func (t *Tagger) pageStart() {
	for len(t.pages) < t.pdf.PageNo() {
		t.pages = append(t.pages, nil)
	}
	if t.header != nil {
		paused := t.paused
		t.artifact("/Artifact <</Type /Pagination /Subtype /Header>> BDC", t.header)
		t.paused = paused
	}
	if t.auto {
		t.auto = false
		t.Resume()
	}
}

func (t *Tagger) fail(msg string) {
	if t.err == nil {
		t.err = errors.New("pdftag: " + msg)
	}
}

// Output closes the document and writes it to w: fpdf's PDF followed by
// the incremental update with the structure tree. Every element begun
// must have been ended.
func (t *Tagger) Output(w io.Writer) error {
	if t.err != nil {
		return t.err
	}
	if len(t.stack) != 1 {
		return fmt.Errorf("pdftag: %d elements not ended", len(t.stack)-1)
	}
	var buf bytes.Buffer
	if err := t.pdf.Output(&buf); err != nil {
		return err
	}
	if t.err != nil {
		return t.err
	}
	for len(t.pages) < t.pdf.PageNo() {
		t.pages = append(t.pages, nil)
	}
	out, err := appendStructure(buf.Bytes(), t.root, t.pages)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}
