package pdftag

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"unicode/utf16"
)

// written is what the incremental update needs to know of fpdf's PDF.
type written struct {
	offsets map[int]int // object number -> byte offset, from the xref table
	size    int         // the trailer's /Size
	root    int         // the catalog's object number
	info    int         // the document information dictionary's, 0 if none
	xref    int         // offset of the cross-reference table (startxref)
	pages   []int       // page object numbers in page order
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	sizeRe      = regexp.MustCompile(`/Size (\d+)`)
	rootRe      = regexp.MustCompile(`/Root (\d+) 0 R`)
	infoRe      = regexp.MustCompile(`/Info (\d+) 0 R`)
	pagesRe     = regexp.MustCompile(`/Pages (\d+) 0 R`)
	kidsRe      = regexp.MustCompile(`/Kids \[([0-9 R]*)\]`)
	refRe       = regexp.MustCompile(`(\d+) 0 R`)
)

// parse reads fpdf's one cross-reference table and trailer and finds the
// catalog and the pages. fpdf writes exactly one classic xref section
// ("xref", "0 n", n+1 entries), so nothing else is accepted.
func parse(pdf []byte) (*written, error) {
	m := startxrefRe.FindSubmatch(pdf)
	if m == nil {
		return nil, errors.New("pdftag: no startxref at the end")
	}
	w := &written{offsets: map[int]int{}}
	w.xref, _ = strconv.Atoi(string(m[1]))
	if w.xref >= len(pdf) || !bytes.HasPrefix(pdf[w.xref:], []byte("xref")) {
		return nil, errors.New("pdftag: startxref does not point to an xref table")
	}
	rest := pdf[w.xref:]
	end := bytes.Index(rest, []byte("trailer"))
	if end < 0 {
		return nil, errors.New("pdftag: no trailer")
	}
	fields := bytes.Fields(rest[len("xref"):end])
	if len(fields) < 2 {
		return nil, errors.New("pdftag: empty xref table")
	}
	first, err1 := strconv.Atoi(string(fields[0]))
	count, err2 := strconv.Atoi(string(fields[1]))
	if err1 != nil || err2 != nil || first != 0 || len(fields) != 2+3*count {
		return nil, errors.New("pdftag: xref table not as fpdf writes it")
	}
	for i := range count {
		e := fields[2+3*i:]
		if string(e[2]) != "n" {
			continue
		}
		off, err := strconv.Atoi(string(e[0]))
		if err != nil {
			return nil, fmt.Errorf("pdftag: xref entry %d: %w", i, err)
		}
		w.offsets[i] = off
	}
	trailer := rest[end:]
	if m := sizeRe.FindSubmatch(trailer); m != nil {
		w.size, _ = strconv.Atoi(string(m[1]))
	}
	if m := rootRe.FindSubmatch(trailer); m != nil {
		w.root, _ = strconv.Atoi(string(m[1]))
	}
	if m := infoRe.FindSubmatch(trailer); m != nil {
		w.info, _ = strconv.Atoi(string(m[1]))
	}
	if w.size != count || w.root == 0 {
		return nil, errors.New("pdftag: trailer without /Size or /Root")
	}
	catalog, err := w.object(pdf, w.root)
	if err != nil {
		return nil, err
	}
	m = pagesRe.FindSubmatch(catalog)
	if m == nil {
		return nil, errors.New("pdftag: catalog without /Pages")
	}
	pagesNum, _ := strconv.Atoi(string(m[1]))
	pages, err := w.object(pdf, pagesNum)
	if err != nil {
		return nil, err
	}
	m = kidsRe.FindSubmatch(pages)
	if m == nil {
		return nil, errors.New("pdftag: page tree without /Kids")
	}
	for _, r := range refRe.FindAllSubmatch(m[1], -1) {
		n, _ := strconv.Atoi(string(r[1]))
		w.pages = append(w.pages, n)
	}
	return w, nil
}

// object gives the dictionary of object n: the text between "n 0 obj"
// and "endobj", up to and including its closing ">>".
func (w *written) object(pdf []byte, n int) ([]byte, error) {
	off, ok := w.offsets[n]
	head := fmt.Appendf(nil, "%d 0 obj", n)
	if !ok || off >= len(pdf) || !bytes.HasPrefix(pdf[off:], head) {
		return nil, fmt.Errorf("pdftag: object %d not at its xref offset", n)
	}
	body := pdf[off+len(head):]
	end := bytes.Index(body, []byte("endobj"))
	if end < 0 {
		return nil, fmt.Errorf("pdftag: object %d without endobj", n)
	}
	body = bytes.TrimSpace(body[:end])
	if !bytes.HasPrefix(body, []byte("<<")) || !bytes.HasSuffix(body, []byte(">>")) || bytes.Contains(body, []byte("stream")) {
		return nil, fmt.Errorf("pdftag: object %d is not a dictionary", n)
	}
	return body, nil
}

// withEntries gives dict with entries added before its closing ">>";
// fpdf's catalog and page dictionaries do not hold these keys yet.
func withEntries(dict []byte, entries string) []byte {
	out := slices.Clone(dict[:len(dict)-2])
	out = append(out, '\n')
	out = append(out, entries...)
	return append(out, "\n>>"...)
}

// appendStructure appends to fpdf's pdf the incremental update that
// makes it tagged: the structure elements, the structure tree root with
// its parent tree, and the catalog and pages again with /MarkInfo,
// /StructTreeRoot, /ViewerPreferences and /StructParents, /Tabs.
func appendStructure(pdf []byte, root *Element, pages [][]*Element) ([]byte, error) {
	w, err := parse(pdf)
	if err != nil {
		return nil, err
	}
	if len(w.pages) != len(pages) {
		return nil, fmt.Errorf("pdftag: %d pages written, %d recorded", len(w.pages), len(pages))
	}
	// Number the new objects: the tree root, the parent tree, then the
	// elements in reading order.
	treeRoot, parentTree := w.size, w.size+1
	num := map[*Element]int{}
	var order []*Element
	var walk func(e *Element)
	walk = func(e *Element) {
		num[e] = w.size + 2 + len(order)
		order = append(order, e)
		for _, k := range e.kids {
			if k.elem != nil {
				walk(k.elem)
			}
		}
	}
	walk(root)

	out := slices.Clone(pdf)
	if !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	offsets := map[int]int{}
	obj := func(n int, body []byte) {
		offsets[n] = len(out)
		out = fmt.Appendf(out, "%d 0 obj\n", n)
		out = append(out, body...)
		out = append(out, "\nendobj\n"...)
	}

	catalog, err := w.object(pdf, w.root)
	if err != nil {
		return nil, err
	}
	obj(w.root, withEntries(catalog, fmt.Sprintf(
		"/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n/ViewerPreferences <</DisplayDocTitle true>>\n/Version /1.7", treeRoot)))
	for i, p := range w.pages {
		dict, err := w.object(pdf, p)
		if err != nil {
			return nil, err
		}
		obj(p, withEntries(dict, fmt.Sprintf("/StructParents %d\n/Tabs /S", i)))
	}
	obj(treeRoot, fmt.Appendf(nil, "<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d>>",
		num[root], parentTree, len(pages)))
	var nums bytes.Buffer
	for i, elems := range pages {
		fmt.Fprintf(&nums, "%d [", i)
		for j, e := range elems {
			if j > 0 {
				nums.WriteByte(' ')
			}
			fmt.Fprintf(&nums, "%d 0 R", num[e])
		}
		nums.WriteString("]\n")
	}
	obj(parentTree, fmt.Appendf(nil, "<</Nums [\n%s]>>", nums.Bytes()))
	for _, e := range order {
		obj(num[e], e.dict(num, w.pages, treeRoot))
	}

	// The cross-reference section for what this update writes, in runs of
	// consecutive object numbers, and the trailer pointing back to fpdf's.
	ids := make([]int, 0, len(offsets))
	for n := range offsets {
		ids = append(ids, n)
	}
	slices.Sort(ids)
	xref := len(out)
	out = append(out, "xref\n"...)
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[j-1]+1 {
			j++
		}
		out = fmt.Appendf(out, "%d %d\n", ids[i], j-i)
		for _, n := range ids[i:j] {
			out = fmt.Appendf(out, "%010d 00000 n \n", offsets[n])
		}
		i = j
	}
	out = fmt.Appendf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n", w.size+2+len(order), w.root)
	if w.info != 0 {
		out = fmt.Appendf(out, "/Info %d 0 R\n", w.info)
	}
	out = fmt.Appendf(out, "/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", w.xref, xref)
	return out, nil
}

// dict writes a structure element: its type, parent, page, children
// (elements by reference, marked content by MCID on the element's page
// and by marked-content reference on another) and attributes.
func (e *Element) dict(num map[*Element]int, pageObj []int, treeRoot int) []byte {
	parent := treeRoot
	if e.parent != nil {
		parent = num[e.parent]
	}
	b := fmt.Appendf(nil, "<</Type /StructElem /S /%s /P %d 0 R", e.kind, parent)
	page := 0
	for _, k := range e.kids {
		if k.elem == nil {
			page = k.page
			break
		}
	}
	if page > 0 {
		b = fmt.Appendf(b, " /Pg %d 0 R", pageObj[page-1])
	}
	b = append(b, " /K ["...)
	for i, k := range e.kids {
		if i > 0 {
			b = append(b, ' ')
		}
		switch {
		case k.elem != nil:
			b = fmt.Appendf(b, "%d 0 R", num[k.elem])
		case k.page == page:
			b = strconv.AppendInt(b, int64(k.mcid), 10)
		default:
			b = fmt.Appendf(b, "<</Type /MCR /Pg %d 0 R /MCID %d>>", pageObj[k.page-1], k.mcid)
		}
	}
	b = append(b, ']')
	if e.Alt != "" {
		b = append(b, " /Alt "...)
		b = append(b, textString(e.Alt)...)
	}
	if e.ActualText != "" {
		b = append(b, " /ActualText "...)
		b = append(b, textString(e.ActualText)...)
	}
	switch {
	case e.kind == TH:
		b = append(b, " /A <</O /Table /Scope /Column"...)
		if e.ColSpan > 1 {
			b = fmt.Appendf(b, " /ColSpan %d", e.ColSpan)
		}
		b = append(b, ">>"...)
	case e.kind == TD && e.ColSpan > 1:
		b = fmt.Appendf(b, " /A <</O /Table /ColSpan %d>>", e.ColSpan)
	}
	return append(b, ">>"...)
}

// textString encodes s as a PDF text string: UTF-16BE with byte order
// mark, written in hex.
func textString(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
