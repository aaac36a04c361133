package minutes

import (
	"bufio"
	"fmt"
	"gremium/internal/lazyre"
	"html"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gremium/internal/model"
)

// BlackedOutText is the text kept for a row the source shows only as black
// bars: confidential, its content unknown.
const BlackedOutText = "Diskussion (im veröffentlichten Protokoll vollständig geschwärzt; Inhalt liegt nicht vor)"

// SourceRedaction is how published minutes mark a redacted passage
// (model.SourceRedaction).
const SourceRedaction = model.SourceRedaction

// Options configure Parse.
type Options struct {
	// Sections are the body's agenda sections (itplr.Sections for the
	// IT-PLR); a heading not among them is kept as text.
	Sections []model.Section
	// Speakers are known speaker abbreviations (member abbreviations,
	// itplr.Speakers for the IT-PLR). Other speakers are recognised by
	// their form (two or more capitals: "BMDS:").
	Speakers []string
	// Progress, if set, is called every 10,000 lines with the line number.
	Progress func(line int)
}

// SameParse tells whether Parse reads every text alike with o and with
// other: the same sections by name and consent flag, in the same order,
// and the same speakers (in any order; Progress does not count). The
// parser reads nothing else of its options, so `gremium import minutes`
// may parse a file with the options it expects while it opens the
// database, and keep the document if the stored options read alike.
func (o Options) SameParse(other Options) bool {
	if len(o.Sections) != len(other.Sections) {
		return false
	}
	for i, s := range o.Sections {
		if s.Name != other.Sections[i].Name || s.Consent != other.Sections[i].Consent {
			return false
		}
	}
	a, b := slices.Clone(o.Speakers), slices.Clone(other.Speakers)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// Warning is an input line the parser could not place exactly; the text is
// kept in the document all the same (as a raw row) unless Dropped says so.
type Warning struct {
	Line    int
	Message string
}

// String gives the warning as "line N: message".
func (w Warning) String() string { return fmt.Sprintf("line %d: %s", w.Line, w.Message) }

// Parse reads minutes in the published text layout (as a PDF-to-text tool
// gives them): header, section headings, TOP tables with Ziel/Quelle/BE,
// checkbox rows, ON/BV/PN rows and continuation rows. Nothing is silently
// dropped: what cannot be placed is kept as a raw row on the nearest item and
// reported as a warning with its line number.
func Parse(r io.Reader, opts Options) (Document, []Warning, error) {
	p := newParser(opts)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		p.line++
		if opts.Progress != nil && p.line%10000 == 0 {
			opts.Progress(p.line)
		}
		line := strings.TrimRight(sc.Text(), "\r")
		// The export writes a passage the source blacked out as an
		// internal reader reads it (model.ShownText); it is the source's
		// marker.
		line = model.StoredText(line)
		p.checkMarks(line)
		p.parseLine(line)
	}
	if err := sc.Err(); err != nil {
		return Document{}, p.warnings, fmt.Errorf("minutes: read line %d: %w", p.line+1, err)
	}
	return p.finish(), p.warnings, nil
}

type parser struct {
	opts     Options
	sections map[string]model.Section
	speakers map[string]bool
	doc      Document
	items    []*Item
	itemSec  []string
	itemLine []int // the line each item opened on
	cur      *Item
	section  string
	// sectionChanged: a heading or a table header named another section
	// since the last item started, so a continuation row opens a new item.
	sectionChanged bool
	// pageBreak: a table header was repeated (a new page) and no row has
	// followed yet; afterBreak: the row being read is the first after one.
	pageBreak, afterBreak bool
	line                  int
	warnings              []Warning
}

func newParser(opts Options) *parser {
	p := &parser{opts: opts, sections: map[string]model.Section{}, speakers: map[string]bool{}}
	for _, s := range opts.Sections {
		p.sections[s.Name] = s
	}
	for _, s := range opts.Speakers {
		p.speakers[s] = true
	}
	p.doc.Audience = model.Internal
	p.doc.Session.Status = model.StatusMinutesDraft
	return p
}

func (p *parser) warn(format string, args ...any) {
	p.warnings = append(p.warnings, Warning{Line: p.line, Message: fmt.Sprintf(format, args...)})
}

// plain gives the value of a field that has no confidential passages (a
// place, a source, a member, a number): marks in it are reported, and the
// value is kept as the public would see it, so nothing marked is published.
func (p *parser) plain(field, value string) string {
	if !model.HasRedaction(value) {
		return value
	}
	p.warn("confidentiality marks in %s %q cannot be kept; kept as %q", field, abbreviate(value), model.PublicText(value))
	return model.PublicText(value)
}

// checkMarks reports a line whose confidentiality marks are not balanced or
// are nested. Its texts are stored balanced all the same (see redactionMarks
// and pieces), read so that nothing a mark may have meant as confidential is
// published.
func (p *parser) checkMarks(line string) {
	if !model.HasRedaction(line) {
		return
	}
	switch problem, _ := model.CheckMarks(line); problem {
	case model.MarksUnclosed:
		p.warn("confidentiality marks: %v; the text from the mark to the end of the row is kept confidential", problem)
	case model.MarksUnopened:
		p.warn("confidentiality marks: %v; the text before the mark is kept confidential", problem)
	case model.MarksNested:
		p.warn("confidentiality marks: %v; kept as one confidential passage up to the outer closing mark", problem)
	}
}

var (
	headerSession = lazyre.New(`^(\d+)\.\s+.*[Ss]itzung`)
	headerField   = lazyre.New(`^(Datum|Zeitlicher Ablauf|Ort|Stand):\s*(.*)$`)
	clockSpan     = lazyre.New(`(\d{1,2}:\d{2})\s*[–-]\s*(\d{1,2}:\d{2})`)
	itemNumber    = lazyre.New(`^\d{1,3}[a-z]?$`)
)

func (p *parser) parseLine(line string) {
	trimmed := strings.TrimSpace(line)
	switch {
	case trimmed == "":
		return
	case trimmed == "[illegible]" || trimmed == IllegibleMarker: // the source's marker, or ours in an export
		p.pageBreak = false
		if p.cur == nil {
			p.warn("[illegible] before the first agenda item; nothing to attach it to")
			return
		}
		p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkIllegible, Text: "[illegible]"})
		return
	case !strings.Contains(line, "\t"):
		p.plainLine(trimmed)
		return
	}
	cells := strings.Split(line, "\t")
	first := strings.TrimSpace(cells[0])
	if first == "TOP" && len(cells) >= 5 && strings.TrimSpace(cells[len(cells)-1]) == "BE" {
		p.tableHeader(strings.TrimSpace(cells[1]))
		p.pageBreak = true
		return
	}
	p.afterBreak, p.pageBreak = p.pageBreak, false
	rest := strings.TrimSpace(strings.Join(cells[1:], " "))
	if in, ok := markedSecret.inner(rest); ok && first != "" && !itemNumber.MatchString(first) && first != "–" {
		// An exported confidential row: parse its content, then mark it.
		p.ensureItem()
		n := len(p.cur.Rows)
		p.parseLine(first + "\t" + in)
		p.confidential(n)
		return
	}
	switch {
	case itemNumber.MatchString(first) || first == "–":
		p.itemRow(first, cells)
	case first == "ON":
		p.ensureItem()
		p.discussion(rest, false)
	case first == "BV":
		p.ensureItem()
		p.decisionRow(rest)
	case first == "PN":
		p.ensureItem()
		p.noteRow(rest)
	case first == "":
		p.continuation(rest)
	default:
		p.ensureItem()
		p.warn("unknown row marker %q; row kept as raw text on %s", first, p.cur.Label())
		p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkRaw, Text: redactionMarks(strings.TrimSpace(strings.Join(cells, " ")))})
	}
}

// plainLine handles a line without cells: the header, a section heading, or
// text that belongs nowhere.
func (p *parser) plainLine(s string) {
	if m := headerField.FindStringSubmatch(s); m != nil {
		p.headerField(m[1], strings.TrimSpace(m[2]))
		return
	}
	if m := headerSession.FindStringSubmatch(s); m != nil && p.doc.Session.Number == 0 && len(p.items) == 0 {
		p.doc.Session.Number, _ = strconv.Atoi(m[1])
		return
	}
	if (s == "Protokoll" || s == DraftTitle || s == DraftNote) && len(p.items) == 0 {
		return
	}
	if _, ok := p.sections[s]; ok {
		if s != p.section || p.cur != nil {
			p.sectionChanged = true
		}
		p.section = s
		return
	}
	if p.cur == nil {
		p.warn("text before the first agenda item could not be placed: %q", abbreviate(s))
		return
	}
	p.warn("text outside the table kept as raw text on %s: %q", p.cur.Label(), abbreviate(s))
	p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkRaw, Text: redactionMarks(s)})
}

func (p *parser) headerField(name, value string) {
	switch name {
	case "Datum":
		d, err := model.ParseDate(value)
		if err != nil {
			p.warn("Datum %q is no date", value)
			return
		}
		p.doc.Session.Date = d
	case "Stand":
		d, err := model.ParseDate(value)
		if err != nil {
			p.warn("Stand %q is no date", value)
			return
		}
		p.doc.Session.MinutesStand = d
	case "Ort":
		p.doc.Session.Place = p.plain("Ort", value)
	case "Zeitlicher Ablauf":
		if m := clockSpan.FindStringSubmatch(value); m != nil {
			p.doc.Session.StartTime, p.doc.Session.EndTime = clock(m[1]), clock(m[2])
		} else {
			p.warn("Zeitlicher Ablauf %q is no time span", value)
		}
	}
}

func clock(s string) string {
	if len(s) == 4 {
		return "0" + s
	}
	return s
}

// tableHeader reads "TOP <Section> Ziel Quelle BE"; a header naming another
// section than the current one starts that section ("Thema" keeps it).
func (p *parser) tableHeader(name string) {
	if _, ok := p.sections[name]; ok && name != p.section {
		p.section = name
		p.sectionChanged = true
	}
}

func (p *parser) newItem(number string) {
	it := &Item{}
	it.Number = number
	it.Position = len(p.items) + 1
	if s, ok := p.sections[p.section]; ok {
		it.Consent = s.Consent
	}
	p.items = append(p.items, it)
	p.itemSec = append(p.itemSec, p.section)
	p.itemLine = append(p.itemLine, p.line)
	p.cur = it
	p.sectionChanged = false
}

// ensureItem makes sure rows have an item: a row after a section change, or
// before any item, opens an item without number.
func (p *parser) ensureItem() {
	if p.cur == nil || p.sectionChanged {
		p.newItem("")
	}
}

func (p *parser) addRow(r Row) { p.cur.Rows = append(p.cur.Rows, r) }

func (p *parser) lastRow() *Row {
	if p.cur == nil || len(p.cur.Rows) == 0 {
		return nil
	}
	return &p.cur.Rows[len(p.cur.Rows)-1]
}

func cell(cells []string, i int) string {
	if i < len(cells) {
		return strings.TrimSpace(cells[i])
	}
	return ""
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func (p *parser) itemRow(number string, cells []string) {
	if number == "–" {
		number = ""
	}
	p.newItem(number)
	ps := pieces(cell(cells, 1))
	var title []string
	for _, pc := range ps {
		if pc.bullet {
			p.cur.Points = append(p.cur.Points, redactionMarks(pc.text))
		} else if len(p.cur.Points) == 0 {
			title = append(title, pc.text)
		} else {
			p.cur.Points = append(p.cur.Points, redactionMarks(pc.text))
		}
	}
	p.cur.Title = redactionMarks(strings.Join(title, " "))
	goal := model.Goal(cell(cells, 2))
	if !goal.Valid() {
		p.warn("unknown Ziel %q on %s; kept as a point", goal, p.cur.Label())
		p.cur.Points = append(p.cur.Points, redactionMarks("Ziel: "+string(goal)))
		goal = model.GoalNone
	}
	p.cur.Goal = goal
	// A source or reporter named twice is one, as the forms write them.
	p.cur.Sources = model.Distinct(splitList(p.plain("Quelle", cell(cells, 3))))
	p.cur.Reporters = model.Distinct(splitList(p.plain("BE", cell(cells, 4))))
	if len(cells) > 5 {
		if extra := strings.TrimSpace(strings.Join(cells[5:], " ")); extra != "" {
			p.warn("extra cells on %s kept as raw text: %q", p.cur.Label(), abbreviate(extra))
			p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkRaw, Text: redactionMarks(extra)})
		}
	}
}

// inputs gives the attributes and the label text of each checkbox in
// content, as the regular expression `<input([^>]*)>\s*([^<\t]*)` finds
// them (its submatches; the test compares them), without its
// backtracking.
func inputs(content string) (out [][2]string) {
	for {
		i := strings.Index(content, "<input")
		if i < 0 {
			return out
		}
		rest := content[i+len("<input"):]
		j := strings.IndexByte(rest, '>')
		if j < 0 {
			return out
		}
		attrs := rest[:j]
		rest = rest[j+1:]
		k := 0
		for k < len(rest) && (rest[k] == ' ' || rest[k] == '\t' || rest[k] == '\n' || rest[k] == '\f' || rest[k] == '\r') {
			k++
		}
		rest = rest[k:]
		l := strings.IndexAny(rest, "<\t")
		if l < 0 {
			l = len(rest)
		}
		out = append(out, [2]string{attrs, rest[:l]})
		content = rest[l:]
	}
}

func (p *parser) flags(content string) {
	for _, m := range inputs(content) {
		on := strings.Contains(m[0], "checked")
		label := strings.TrimSpace(m[1])
		switch {
		case label == "Beschluss":
			p.cur.Flags.Decision = on
		case label == "Protokollnotiz":
			p.cur.Flags.Note = on
		case strings.HasPrefix(label, "Beschlussempfehlung"):
			p.cur.Flags.Recommendation = on
		case strings.EqualFold(label, "Follow-Up"):
			p.cur.Flags.FollowUp = on
		default:
			p.warn("unknown checkbox %q on %s", label, p.cur.Label())
		}
	}
}

var (
	blackBar     = lazyre.New(`background-color:\s*black`)
	tagPattern   = lazyre.New(`<[^>]*>`)
	markedRaw    = enclosed{`<div class="unzugeordnet">`, `</div>`}
	markedText   = enclosed{`<div class="vermerk">`, `</div>`}
	markedSecret = enclosed{`<div class="vertraulich">`, `</div>`}
)

// blackedOut reports whether content is only black bars.
func blackedOut(content string) bool {
	if !blackBar.MatchString(content) {
		return false
	}
	rest := tagPattern.ReplaceAllString(content, "")
	return strings.Trim(rest, " >\t") == ""
}

func (p *parser) continuation(content string) {
	if strings.Contains(content, "<input") && strings.Contains(content, "checkbox") {
		p.ensureItem()
		p.flags(content)
		return
	}
	p.ensureItem()
	if in, ok := deferralRow.inner(content); ok {
		// The item's Vertagung ("Vertagt auf die 49. Sitzung – Grund: …").
		if d, ok := model.ParseDeferralLine(html.UnescapeString(in)); ok {
			d.Reason = redactionMarks(d.Reason)
			p.cur.Deferral = d
			return
		}
		p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkRaw, Text: redactionMarks(html.UnescapeString(in))})
		p.warn("deferral not understood on %s, kept as a raw row: %q", p.cur.Label(), abbreviate(in))
		return
	}
	if in, ok := recommendationRow.inner(content); ok {
		// The AL-Runde's recommendation for the item, as the internal
		// export writes it: a reference to link, not a minutes row.
		if rec, ok := model.ParseRecommendationLine(html.UnescapeString(in)); ok {
			p.cur.Recommendation = &rec
			return
		}
		// Never kept as a minutes row: the recommendation is internal.
		p.warn("recommendation not understood and left out on %s: %q", p.cur.Label(), abbreviate(in))
		return
	}
	if blackedOut(content) {
		p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkText, Text: BlackedOutText, Confidential: true})
		return
	}
	if in, ok := markedRaw.inner(content); ok {
		p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkRaw, Text: rawText(in)})
		return
	}
	if in, ok := markedText.inner(content); ok {
		var lines []string
		for _, pc := range pieces(in) {
			lines = append(lines, pc.text)
		}
		p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkText, Text: redactionMarks(strings.Join(lines, "\n"))})
		return
	}
	if in, ok := markedSecret.inner(content); ok {
		n := len(p.cur.Rows)
		p.continuation(in)
		p.confidential(n)
		return
	}
	ps := pieces(content)
	if len(ps) == 0 {
		return
	}
	last := p.lastRow()
	switch {
	case p.hasSpeaker(ps) || (last != nil && last.Kind == RowDiscussion):
		p.discussionPieces(ps, true)
	case last != nil && last.Kind == RowDecision:
		p.decisionContinuation(ps, content)
	case startsNumbered(ps[0].text):
		d := p.newDecision("", "")
		d.Points, _ = numberedPoints(ps, 0)
		p.addRow(Row{Kind: RowDecision, Decision: d})
	case startsLower(ps[0].text):
		p.fragment(content)
	default:
		p.textRows(ps)
	}
}

// fragment keeps a fragment that starts in mid-sentence and continues no
// row (raw). Right after a page break it is the rest of an item whose
// start — its TOP row with its boxes and the beginning of its text — was
// on a page the source lost: it opens an item without number
// (UntitledItem), as a row after a section change does, so that neither
// it nor what follows is taken for the item before. The 47th session's
// minutes continue the Grüne Liste after TOP 12's finished decision with
// "integrierendes Produkt bereitzustellen …" (a decision on the
// Unternehmenskonto) and Hessen's Protokollnotiz, which TOP 12's boxes (no
// Protokollnotiz) do not own; before, both were TOP 12's.
//
// A fragment after a page break whose item's last row ends without a full
// stop is that row's sentence running on over the page: it stays raw on
// the item, as before.
func (p *parser) fragment(content string) {
	if !p.afterBreak || p.cur == nil || !p.cur.lastRowEnded() {
		p.raw(content)
		return
	}
	p.newItem("")
	text := rawText(content)
	p.warn("fragment in mid-sentence after a page break (the page with its item's start is missing); kept as raw text on an item of its own without number: %q", abbreviate(text))
	p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkRaw, Text: text})
}

// lastRowEnded reports whether the item's last row ends its sentence
// (unfinished), so that text in mid-sentence cannot be its continuation.
func (it *Item) lastRowEnded() bool {
	if len(it.Rows) == 0 {
		return false
	}
	r := it.Rows[len(it.Rows)-1]
	text := r.Text
	switch {
	case r.Decision != nil && len(r.Decision.Points) > 0:
		text = r.Decision.Points[len(r.Decision.Points)-1].Text
	case r.Decision != nil:
		text = r.Decision.Title
	case len(r.Points) > 0:
		text = r.Points[len(r.Points)-1]
	}
	return !unfinished([]string{text})
}

// raw keeps a fragment that fits no row, with a warning.
func (p *parser) raw(content string) {
	text := rawText(content)
	p.warn("fragment could not be placed; kept as raw text on %s: %q", p.cur.Label(), abbreviate(text))
	p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkRaw, Text: text})
}

// rawText gives a fragment as plain lines: one per paragraph, list entry or
// numbered point.
func rawText(content string) string {
	var lines []string
	for _, pc := range pieces(content) {
		for _, pt := range splitNumbered(pc.text, 0) {
			s := pt.Text
			if pt.Label != "" {
				s = pt.Label + " " + s
			}
			if pc.bullet {
				s = "› " + s
			}
			lines = append(lines, redactionMarks(s))
		}
	}
	return strings.Join(lines, "\n")
}

func (p *parser) textRows(ps []piece) {
	for _, pc := range ps {
		text := redactionMarks(pc.text)
		p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkText, Text: text})
		p.applyResult(text)
	}
}

// applyResult records a vote phrase ("Der Beschluss wird einstimmig, bei
// Enthaltung von HE beschlossen.") as the result of the item's last decision
// that has none.
func (p *parser) applyResult(text string) {
	if !strings.Contains(text, "beschlossen") && !strings.Contains(text, "abgelehnt") && !strings.Contains(text, "angenommen") {
		return
	}
	res, ok := model.ParseResult(text)
	if !ok {
		return
	}
	for i := len(p.cur.Rows) - 1; i >= 0; i-- {
		if d := p.cur.Rows[i].Decision; d != nil {
			if d.Result == "" {
				d.Result = res.Phrase()
				if !res.Adopted {
					d.Status = model.DecisionRejected
				}
			}
			return
		}
	}
}

// ---- discussion (ON) ----

// trailingLabel finds a label such as "HE:" at the end of s (alone or after
// a space): a capital, then up to 14 letters or hyphens, then the colon.
func trailingLabel(s string) (label, before string, ok bool) {
	if !strings.HasSuffix(s, ":") {
		return "", "", false
	}
	body := s[:len(s)-1]
	start := strings.LastIndexAny(body, " \t\u00a0") + 1
	label = body[start:]
	n := 0
	for i, r := range label {
		switch {
		case i == 0 && !unicode.IsUpper(r):
			return "", "", false
		case !unicode.IsLetter(r) && r != '-':
			return "", "", false
		}
		n++
	}
	if n == 0 || n > 15 {
		return "", "", false
	}
	return label, strings.TrimSpace(body[:start]), true
}

// isSpeaker reports whether a label is a speaker: a known abbreviation, or
// one with at least two capitals ("BMDS").
func (p *parser) isSpeaker(label string) bool {
	if p.speakers[label] {
		return true
	}
	upper := 0
	for _, r := range label {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2
}

// speakerAt reports whether piece i ends with a speaker label that opens a
// contribution (the next piece is a point, or the piece is the label alone),
// and gives the label and the text before it.
func (p *parser) speakerAt(ps []piece, i int) (label, before string, ok bool) {
	pc := ps[i]
	if pc.bullet {
		// "› … für Bund und TH. HH:" — a label at the end of a point
		// followed by the next speaker's list.
		if i+1 >= len(ps) || !ps[i+1].bullet {
			return "", "", false
		}
	}
	label, before, ok = trailingLabel(pc.text)
	if !ok || !p.isSpeaker(label) {
		return "", "", false
	}
	alone := before == "" || before == "Diskussion"
	nextIsPoint := i+1 < len(ps) && ps[i+1].bullet
	if !alone && !nextIsPoint {
		return "", "", false
	}
	if !pc.bullet && !alone && !nextIsPoint {
		return "", "", false
	}
	return label, before, true
}

// confidential marks the rows of the current item from the n-th on as
// confidential: the content of an exported confidential row. A decision
// is kept as a decision, not as a row, and its row's mark would be lost
// with it, publishing its text with the register: its title, points and
// result are kept as confidential passages instead, and the import says
// so.
func (p *parser) confidential(n int) {
	for i := n; i < len(p.cur.Rows); i++ {
		r := &p.cur.Rows[i]
		r.Confidential = true
		if d := r.Decision; d != nil {
			d.Title, d.Result = wholeConfidential(d.Title), wholeConfidential(d.Result)
			for k := range d.Points {
				d.Points[k].Text = wholeConfidential(d.Points[k].Text)
			}
			p.warn("decision row marked confidential on %s: its title, points and result are kept as confidential passages", p.cur.Label())
		}
	}
}

// wholeConfidential gives s as one confidential passage ("" stays "").
func wholeConfidential(s string) string {
	if strings.TrimSpace(s) == "" {
		return s
	}
	return model.Redact(model.StripMarks(s))
}

func (p *parser) hasSpeaker(ps []piece) bool {
	for i := range ps {
		if _, _, ok := p.speakerAt(ps, i); ok {
			return true
		}
	}
	return false
}

// discussion parses an ON row.
func (p *parser) discussion(content string, continued bool) {
	if blackedOut(content) {
		p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkText, Text: BlackedOutText, Confidential: true})
		return
	}
	if in, ok := markedSecret.inner(content); ok {
		n := len(p.cur.Rows)
		p.discussion(in, continued)
		p.confidential(n)
		return
	}
	p.discussionPieces(pieces(content), continued)
}

// discussionPieces turns pieces into contributions. When continued, leading
// points belong to the last contribution of the item (a row continued after
// a page break).
func (p *parser) discussionPieces(ps []piece, continued bool) {
	var cur *Row
	if continued {
		if last := p.lastRow(); last != nil && last.Kind == RowDiscussion {
			cur = last
		}
	}
	for i, pc := range ps {
		if label, before, ok := p.speakerAt(ps, i); ok {
			if before != "" && before != "Diskussion" {
				p.addPoint(cur, before, pc.bullet)
			}
			p.addRow(Row{Kind: RowDiscussion, Speaker: label})
			cur = p.lastRow()
			continue
		}
		if i == 0 && !continued && strings.TrimSpace(pc.text) == "Diskussion" {
			continue
		}
		switch {
		case cur != nil && (pc.bullet || len(cur.Points) == 0):
			cur.Points = append(cur.Points, redactionMarks(pc.text))
		case cur != nil && i == 0 && startsLower(pc.text) && unfinished(cur.Points):
			cur.Points[len(cur.Points)-1] += " " + redactionMarks(pc.text)
		case pc.bullet:
			p.warn("point without speaker on %s; kept as raw text", p.cur.Label())
			p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkRaw, Text: "› " + redactionMarks(pc.text)})
		default:
			p.textRows([]piece{pc})
			cur = nil
		}
	}
}

func (p *parser) addPoint(cur *Row, text string, bullet bool) {
	if cur == nil {
		p.warn("point without speaker on %s; kept as raw text", p.cur.Label())
		p.addRow(Row{Kind: RowText, RemarkKind: model.RemarkRaw, Text: "› " + redactionMarks(text)})
		return
	}
	cur.Points = append(cur.Points, redactionMarks(text))
}

func unfinished(points []string) bool {
	if len(points) == 0 {
		return false
	}
	last := strings.TrimSpace(points[len(points)-1])
	r, _ := utf8.DecodeLastRuneInString(last)
	return !strings.ContainsRune(".!?:;“\"", r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// ---- decisions (BV) and notes (PN) ----

var (
	decisionHeader   = lazyre.New(`^(Beschlussempfehlung|Beschluss|Empfehlung)\s+(\S+)\s*(\(zu einer Empfehlung\)\s*)?`)
	unnumberedHeader = lazyre.New(`^(Beschlussempfehlung|Beschluss|Empfehlung) \(ohne Nummer\)( \(zu einer Empfehlung\))?$`)
	proposalHeader   = lazyre.New(`^(abgelehnter )?Beschlussvorschlag( \(Empfehlung\))?$`)
	decisionField    = lazyre.New(`^(Ergebnis|Zählung|Titel|Geltung|Stimmen|Beschlossen am|Ausgesprochen am|Abgelehnt am):\s*(.*)$`)
	countTable       = lazyre.New(`Königsteiner Schlüssel (\d{4})`)
)

// CountLabel introduces the count of a decision's result in the text
// export (model.Decision.CountLine): "Zählung: angenommen: 5 Ja-Stimmen
// gegen 4 Nein-Stimmen, Enthaltungen zählen nicht".
const CountLabel = "Zählung"

// recommendsOnRecommendation follows the number of a Beschlussempfehlung
// of a preparatory body (the AL-Runde) that recommends on an Empfehlung
// (model.Decision.KindName), in the head of its row: "Beschlussempfehlung
// BE-2026/02-AL (zu einer Empfehlung)". The decision is of kind
// Empfehlung, whose majority applies; a Beschlussempfehlung without it is
// of kind Beschluss.
const recommendsOnRecommendation = "(zu einer Empfehlung)"

// headKind gives the kind a decision row's head names: "Empfehlung", and
// a Beschlussempfehlung on an Empfehlung (onRecommendation), are of kind
// Empfehlung; "Beschluss" and "Beschlussempfehlung" of kind Beschluss.
func headKind(name string, onRecommendation bool) string {
	if name == "Empfehlung" || onRecommendation {
		return "Empfehlung"
	}
	return "Beschluss"
}

// ScopeConsentingText is how the minutes state that a decision binds only
// the members that consented.
const ScopeConsentingText = "nur für die zustimmenden Mitglieder"

// decisionField reads a labelled line of a decision row, as Export writes
// them: Ergebnis, Zählung, Titel, Geltung, Stimmen, and the day of the decision
// (Beschlossen am, Ausgesprochen am, Abgelehnt am: model.Decision.DecidedOnLabel).
func (p *parser) decisionField(d *model.Decision, name, value string) {
	value = redactionMarks(strings.TrimSpace(value))
	switch name {
	case "Ergebnis":
		d.Result = value
		if res, ok := model.ParseResult(value); ok && !res.Adopted {
			d.Status = model.DecisionRejected
		}
	case CountLabel:
		d.SharesYear, d.CountReason = countField(value)
	case "Titel":
		d.Title = value
	case "Geltung":
		if value == ScopeConsentingText {
			d.Scope = model.ScopeConsenting
		}
	case "Beschlossen am", "Ausgesprochen am", "Abgelehnt am":
		if on, err := model.ParseDate(value); err == nil {
			d.AdoptedOn = on
		} else {
			p.warn("%s %q is no date", name, value)
		}
	case "Stimmen":
		for _, v := range strings.Split(value, ",") {
			f := strings.Fields(v)
			if len(f) != 2 || !model.VoteChoice(f[1]).Valid() {
				p.warn("vote %q is not \"<member> ja|nein|enthaltung|keine\"", strings.TrimSpace(v))
				continue
			}
			d.Votes = append(d.Votes, model.Vote{Member: p.plain("Stimmen", f[0]), Choice: model.VoteChoice(f[1])})
		}
	}
}

// countField reads a count line back (model.Decision.CountLine): the
// table it names gives the year, "Königsteiner Schlüssel 2016 – …" before
// the explanation is the table alone, and the line is otherwise the
// explanation.
func countField(line string) (year int, reason string) {
	m := countTable.FindStringSubmatch(line)
	if m == nil {
		return 0, line
	}
	year, _ = strconv.Atoi(m[1])
	if line == m[0] {
		return year, ""
	}
	if rest, ok := strings.CutPrefix(line, m[0]+" – "); ok && !strings.Contains(rest, m[0]) {
		return year, rest
	}
	return year, line
}

func (p *parser) newDecision(kind, label string) *model.Decision {
	d := &model.Decision{Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll, AdoptedOn: p.doc.Session.Date}
	if kind == "Empfehlung" {
		d.Kind = model.KindRecommendation
	}
	if n, ok := model.ParseDecisionRef(label); ok {
		d.Number, d.Label = n, label
	}
	return d
}

func (p *parser) decisionRow(content string) {
	ps := pieces(content)
	var kind, label string
	var status model.DecisionStatus
	if len(ps) > 0 && !ps[0].bullet {
		if m := unnumberedHeader.FindStringSubmatch(ps[0].text); m != nil {
			kind, ps = headKind(m[1], m[2] != ""), ps[1:]
		} else if m := proposalHeader.FindStringSubmatch(ps[0].text); m != nil {
			kind, status, ps = "Beschluss", model.DecisionDraft, ps[1:]
			if m[2] != "" {
				kind = "Empfehlung"
			}
			if m[1] != "" {
				status = model.DecisionRejected
			}
		} else if m := decisionHeader.FindStringSubmatch(ps[0].text); m != nil {
			if _, ok := model.ParseDecisionRef(m[2]); ok {
				kind, label = headKind(m[1], m[3] != ""), p.plain("decision number", m[2])
				ps[0].text = strings.TrimSpace(ps[0].text[len(m[0]):])
				if ps[0].text == "" {
					ps = ps[1:]
				}
			}
		}
	}
	if label == "" && kind == "" {
		p.warn("decision row on %s without a decision number", p.cur.Label())
	}
	d := p.newDecision(kind, label)
	if status == model.DecisionDraft {
		d.Status, d.AdoptedOn = status, model.Date{}
	} else if status != "" {
		d.Status = status
	}
	d.Title = DecisionTitle(p.cur.AgendaItem)
	var body []piece
	for _, pc := range ps {
		if pc.bullet {
			body = append(body, pc)
			continue
		}
		if m := decisionField.FindStringSubmatch(pc.text); m != nil {
			p.decisionField(d, m[1], m[2])
			continue
		}
		body = append(body, pc)
	}
	d.Points, _ = numberedPoints(body, 0)
	p.addRow(Row{Kind: RowDecision, Decision: d})
}

// DecisionTitle names a decision after its item: "Steuerungsgruppe NOOTS –
// Zusammensetzung".
func DecisionTitle(it model.AgendaItem) string {
	if len(it.Points) == 1 && it.Title != "" {
		// A sub-point that is a whole paragraph makes no title: the
		// item's title alone (the limit of every title, model.TitleMax).
		if t := it.Title + " – " + it.Points[0]; model.CheckTitleLength(t) == nil && !strings.Contains(it.Points[0], "\n") {
			return t
		}
	}
	return it.Title
}

func (p *parser) decisionContinuation(ps []piece, content string) {
	d := p.lastRow().Decision
	first := ps[0].text
	switch {
	case startsLower(first) && unfinished(pointTexts(d.Points)):
		d.Points[len(d.Points)-1].Text += " " + redactionMarks(first)
		more, _ := numberedPoints(ps[1:], nextNumber(d.Points))
		d.Points = append(d.Points, more...)
	case startsNumbered(first) && leadingNumber(first) == nextNumber(d.Points):
		more, _ := numberedPoints(ps, nextNumber(d.Points))
		d.Points = append(d.Points, more...)
	case startsLower(first):
		p.fragment(content)
	default:
		p.textRows(ps)
	}
}

func pointTexts(ps []model.Point) []string {
	out := make([]string, len(ps))
	for i, pt := range ps {
		out[i] = pt.Text
	}
	return out
}

func (p *parser) noteRow(content string) {
	ps := pieces(content)
	author := ""
	if len(ps) > 0 {
		if m := noteHeader.FindStringSubmatch(ps[0].text); m != nil {
			author = p.plain("Protokollnotiz author", m[1])
			ps[0].text = strings.TrimSpace(ps[0].text[len(m[0]):])
			if ps[0].text == "" {
				ps = ps[1:]
			}
		}
	}
	if author == "" {
		p.warn("protocol note on %s without author (\"Protokollnotiz (Land)\")", p.cur.Label())
		author = "unbekannt"
	}
	var texts []string
	for _, pc := range ps {
		texts = append(texts, pc.text)
	}
	p.addRow(Row{Kind: RowNote, Speaker: author, Text: redactionMarks(strings.Join(texts, "\n"))})
}

// recommendationRow is the row of an item's Beschlussempfehlung in the
// internal export (export.go).
var recommendationRow = enclosed{`<p class="beschlussempfehlung">`, `</p>`}

// deferralRow is the row of an item's Vertagung in the export
// (model.Deferral.Line).
var deferralRow = enclosed{`<p class="vertagung">`, `</p>`}

// enclosed is an opening and a closing tag around the whole of a cell's
// content on one line: what the regular expression ^open(.*)close$
// matches, found without one (the expressions were a tenth of the
// parser's time; the test compares them).
type enclosed struct{ open, close string }

// inner gives what the tags enclose in s, if they enclose all of s.
func (e enclosed) inner(s string) (string, bool) {
	if len(s) < len(e.open)+len(e.close) || !strings.HasPrefix(s, e.open) || !strings.HasSuffix(s, e.close) {
		return "", false
	}
	in := s[len(e.open) : len(s)-len(e.close)]
	return in, strings.IndexByte(in, '\n') < 0
}

var noteHeader = lazyre.New(`^Protokollnotiz\s*\(([^)]+)\)\s*`)

// ---- numbered points ----

var numberedStart = lazyre.New(`^(\d{1,2})\.\s+\S`)

func startsNumbered(s string) bool { return numberedStart.MatchString(s) }

func leadingNumber(s string) int {
	m := numberedStart.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// nextNumber gives the number the next point of a list must carry, or 0 if
// the list is not numbered.
func nextNumber(ps []model.Point) int {
	if len(ps) == 0 {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSuffix(ps[len(ps)-1].Label, "."))
	if err != nil {
		return 0
	}
	return n + 1
}

// numberedPoints splits pieces into decision points ("1. …", "2. …"); each
// piece may hold several numbered points. next is the number the first point
// must carry (0: any).
func numberedPoints(ps []piece, next int) ([]model.Point, int) {
	var out []model.Point
	for _, pc := range ps {
		for _, pt := range splitNumbered(pc.text, next) {
			pt.Text = redactionMarks(pt.Text)
			out = append(out, pt)
			if pt.Label != "" {
				next = leadingNumber(pt.Label+" x") + 1
			}
		}
	}
	return out, next
}

// nextNumberedMark finds the next point number in text from index from
// as the regular expression `(\d{1,2})\.\s+[A-ZÄÖÜ„"(§]` would (the
// leftmost match; the test keeps the expression to compare): the match is
// text[start:end], the number text[start:digits]. ok is false when there is
// none. A scanner: the expression's backtracking over every text of the
// minutes was a fifth of the parser's time.
func nextNumberedMark(text string, from int) (start, digits, end int, ok bool) {
	for i := from; i < len(text); i++ {
		if !isDigit(text[i]) {
			continue
		}
		n := 1
		if i+2 < len(text) && isDigit(text[i+1]) && text[i+2] == '.' {
			n = 2
		} else if i+1 >= len(text) || text[i+1] != '.' {
			continue
		}
		j := i + n + 1
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\f' || text[k] == '\r') {
			k++
		}
		if k == j || k >= len(text) {
			continue
		}
		r, size := utf8.DecodeRuneInString(text[k:])
		if r >= 'A' && r <= 'Z' || strings.ContainsRune(`ÄÖÜ„"(§`, r) {
			return i, i + n, k + size, true
		}
	}
	return 0, 0, 0, false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// singleSpaced gives s with its runs of white space (unicode.IsSpace) as
// one space and none at either end, as strings.Join(strings.Fields(s), " ")
// does; a line that is so already (most are) is given back as it is.
func singleSpaced(s string) string {
	prevSpace := true // at the start a space is one too many
	for i := 0; i < len(s); {
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
			if space && (c != ' ' || prevSpace) {
				return strings.Join(strings.Fields(s), " ")
			}
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return strings.Join(strings.Fields(s), " ")
			}
			i += size
		}
		prevSpace = space
	}
	if prevSpace && len(s) > 0 {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// splitNumbered splits "1. Der … werden. 2. Die …" at the point numbers. A
// number counts only at the start or after the end of a sentence and only in
// sequence, so "zur 49. Sitzung" or "31.08.2025" never split.
func splitNumbered(text string, next int) []model.Point {
	var out []model.Point
	label, start := "", 0
	for from := 0; ; {
		pos, digits, end, found := nextNumberedMark(text, from)
		if !found {
			break
		}
		from = end
		m := [4]int{pos, end, pos, digits}
		if pos > 0 {
			before := strings.TrimRight(text[:pos], " ")
			if len(before) == len(text[:pos]) { // no space before the number
				continue
			}
			r, _ := utf8.DecodeLastRuneInString(before)
			if !strings.ContainsRune(".:;!?“\"", r) {
				continue
			}
		}
		n, _ := strconv.Atoi(text[m[2]:m[3]])
		if next != 0 && n != next {
			continue
		}
		if seg := strings.TrimSpace(text[start:pos]); seg != "" || label != "" {
			out = append(out, model.Point{Label: label, Text: seg})
		}
		label = text[m[2]:m[3]] + "."
		start = m[3] + 1
		next = n + 1
	}
	if seg := strings.TrimSpace(text[start:]); seg != "" || label != "" {
		out = append(out, model.Point{Label: label, Text: seg})
	}
	if len(out) > 1 && model.HasRedaction(text) {
		texts := model.CarryMarks(pointTexts(out))
		for i := range out {
			out[i].Text = texts[i]
		}
	}
	return out
}

// ---- pieces of an HTML fragment ----

// piece is a paragraph or a bullet point of a table cell's HTML fragment.
type piece struct {
	bullet bool
	text   string
}

var bullets = strings.NewReplacer("›", "\n\x01", "➤", "\n\x01", "•", "\n\x01")

// blockTags are the HTML elements that start a new piece.
var blockTags = map[string]bool{"p": true, "ul": true, "ol": true, "div": true, "br": true, "li": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "table": true, "tr": true, "td": true, "th": true}

// stripTags replaces block elements by line breaks (a list item by a line
// break and a bullet mark), other tags by a space.
func stripTags(content string) string {
	if !strings.Contains(content, "<") {
		return content
	}
	var b strings.Builder
	b.Grow(len(content))
	for {
		i := strings.IndexByte(content, '<')
		if i < 0 {
			b.WriteString(content)
			return b.String()
		}
		b.WriteString(content[:i])
		j := strings.IndexByte(content[i:], '>')
		if j < 0 { // an unclosed "<" is text
			b.WriteString(content[i:])
			return b.String()
		}
		tag := content[i+1 : i+j]
		content = content[i+j+1:]
		name := strings.TrimPrefix(tag, "/")
		if k := strings.IndexAny(name, " \t/"); k >= 0 {
			name = name[:k]
		}
		name = strings.ToLower(name)
		switch {
		case name == "li" && !strings.HasPrefix(tag, "/"):
			b.WriteString("\n\x01")
		case blockTags[name]:
			b.WriteByte('\n')
		default:
			b.WriteByte(' ')
		}
	}
}

// pieces splits an HTML fragment into paragraphs and bullet points, as plain
// text with entities decoded and white space collapsed.
func pieces(content string) []piece {
	s := stripTags(content)
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	if strings.Contains(s, "›") || strings.Contains(s, "➤") || strings.Contains(s, "•") {
		// The replacer looks at every byte: most pieces have no bullet.
		s = bullets.Replace(s)
	}
	var out []piece
	for _, line := range strings.Split(s, "\n") {
		bullet := strings.HasPrefix(line, "\x01")
		text := singleSpaced(strings.TrimPrefix(line, "\x01"))
		if text == "" || text == ">" {
			continue
		}
		out = append(out, piece{bullet: bullet, text: text})
	}
	if len(out) > 1 && model.HasRedaction(s) {
		// A passage marked across paragraphs or points stays confidential
		// in each of them.
		texts := make([]string, len(out))
		for i, pc := range out {
			texts[i] = pc.text
		}
		for i, t := range model.CarryMarks(texts) {
			out[i].text = t
		}
	}
	return out
}

// redactionMarks turns the source's "[REDACTED]" into a marked passage
// (also where the text has marked ones already) and stores the marks
// balanced and unnested: a passage whose marks are not is kept as
// confidential as any reading of them makes it (model.Passages).
func redactionMarks(s string) string {
	if strings.Contains(s, SourceRedaction) {
		s = strings.ReplaceAll(s, SourceRedaction, model.Redact(SourceRedaction))
	}
	s, _ = model.BalanceMarks(s)
	return s
}

func abbreviate(s string) string {
	if utf8.RuneCountInString(s) <= 80 {
		return s
	}
	r := []rune(s)
	return string(r[:77]) + "…"
}

// finish groups the items into sections and applies the consent-agenda vote.
func (p *parser) finish() Document {
	doc := p.doc
	for i, it := range p.items {
		// An item whose row the source lost (the 47th session's minutes
		// continue a discussion under a new section without its TOP row)
		// has no title; every item needs one (model.AgendaItem.Validate).
		if strings.TrimSpace(model.InternalText(it.Title)) == "" {
			it.Title = UntitledItem(p.itemSec[i])
			p.warnings = append(p.warnings, Warning{Line: p.itemLine[i], Message: fmt.Sprintf("%s has no title in the source; titled %q", it.Label(), it.Title)})
		}
	}
	for i, it := range p.items {
		// A decision before the discussion stands after it, as Load
		// gives the rows (discussionFirst): the document stores the
		// order it is shown in.
		if discussionFirst(it.Rows) {
			p.warnings = append(p.warnings, Warning{Line: p.itemLine[i], Message: fmt.Sprintf("%s: a decision stands before the discussion; moved after it, where the minutes put it", it.Label())})
		}
	}
	for i, it := range p.items {
		name := p.itemSec[i]
		if n := len(doc.Sections); n == 0 || doc.Sections[n-1].Name != name {
			doc.Sections = append(doc.Sections, Section{Name: name, Consent: p.sections[name].Consent})
		}
		last := &doc.Sections[len(doc.Sections)-1]
		last.Items = append(last.Items, *it)
	}
	if res, ok := p.consentVote(); ok {
		for si := range doc.Sections {
			if !doc.Sections[si].Consent {
				continue
			}
			for ii := range doc.Sections[si].Items {
				for _, r := range doc.Sections[si].Items[ii].Rows {
					if r.Decision != nil && r.Decision.Result == "" && r.Decision.Status != model.DecisionDraft {
						r.Decision.Result = res.Phrase()
					}
				}
			}
		}
	}
	for _, it := range p.items {
		for _, r := range it.Rows {
			if r.Decision != nil && r.Decision.AdoptedOn.IsZero() && r.Decision.Status != model.DecisionDraft {
				r.Decision.AdoptedOn = doc.Session.Date
			}
		}
	}
	return doc
}

// UntitledItem is the title the parser gives an item the source names
// no title for: after its section, so that the secretariat finds it, and
// saying that the minutes had none ("Übergreifendes (im Protokoll ohne
// Titel)"; stored titles of the older wording "(ohne Titel in der
// Vorlage)" were renamed by migration 00740).
func UntitledItem(section string) string {
	if section == "" {
		return "Im Protokoll ohne Titel"
	}
	return section + " (im Protokoll ohne Titel)"
}

// consentVote finds the sentence that adopts the consent agenda en bloc
// ("Einstimmiger Beschluss über den Vorschlag der Grünen Liste.").
func (p *parser) consentVote() (model.Result, bool) {
	var names []string
	for _, s := range p.opts.Sections {
		if s.Consent {
			var words []string
			for _, w := range strings.Fields(s.Name) {
				words = append(words, regexp.QuoteMeta(w)+"n?")
			}
			names = append(names, strings.Join(words, `\s+`))
		}
	}
	if len(names) == 0 {
		return model.Result{}, false
	}
	consent := regexp.MustCompile(`(?i)beschluss[^.]*(` + strings.Join(names, "|") + `)`)
	for _, it := range p.items {
		for _, r := range it.Rows {
			if r.Kind != RowText || r.RemarkKind != model.RemarkText {
				continue
			}
			for _, sentence := range strings.SplitAfter(r.Text, ". ") {
				if !consent.MatchString(sentence) {
					continue
				}
				if res, ok := model.ParseResult(sentence); ok {
					res.Note = p.consentName() + ", en bloc"
					return res, true
				}
			}
		}
	}
	return model.Result{}, false
}

// consentName gives the name of the consent-agenda section ("Grüne Liste").
func (p *parser) consentName() string {
	for _, s := range p.opts.Sections {
		if s.Consent {
			return s.Name
		}
	}
	return ""
}
