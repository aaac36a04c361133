package model

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Redaction marks. A passage between RedactOpen and RedactClose is
// confidential (geschwärzt): the internal minutes show it, the public version
// replaces it with RedactedPlaceholder. The marks are characters that do not
// occur in German administrative text, so no escaping is needed.
//
// Marks are read as a balanced structure (see Passages): a passage marked
// inside a marked passage belongs to it, and whatever the marks are, no text
// that any reading could take as confidential is published. Texts a user
// types are checked with ConfidentialMarks and stored balanced and unnested.
const (
	RedactOpen          = "⟦"
	RedactClose         = "⟧"
	RedactedPlaceholder = "[geschwärzt]"
)

// A passage the source document itself blacks out: its published
// minutes print SourceRedaction ("[REDACTED]", an English word of the
// publishing tool) where the text was, and the importer keeps it as a
// marked passage, ⟦[REDACTED]⟧, so that the public reads
// RedactedPlaceholder. Its content is unknown to gremium too: an internal
// reader reads SourceRedactionShown in its place, never the English
// marker, which a member took for a colleague's text withheld from it.
// Passage.Shown is the one rule of that reading; every internal reading
// of a stored text applies it — the pages and the PDF per passage,
// ShownText (the text export), TypedMarks (forms, the JSON API, CSV) and
// InternalText (page titles, notices, messages) — and StoredText, which
// ConfidentialMarks and the import use, reads it back as the marker.
const (
	SourceRedaction      = "[REDACTED]"
	SourceRedactionShown = "im Quelldokument geschwärzt"
)

// The typed form of the marks in form fields: [[vertraulich]].
const (
	TypedOpen  = "[["
	TypedClose = "]]"
)

// Redact wraps s in redaction marks.
func Redact(s string) string { return RedactOpen + s + RedactClose }

// HasRedaction reports whether s contains a redaction mark (an opening or a
// stray closing one).
func HasRedaction(s string) bool {
	return strings.Contains(s, RedactOpen) || strings.Contains(s, RedactClose)
}

// Passage is a run of a text that is either confidential or public; its Text
// holds no redaction marks.
type Passage struct {
	Text         string
	Confidential bool
}

// Passages splits s at its redaction marks. The marks nest: an opening mark
// inside a marked passage opens a level inside it, and the passage ends only
// at the close mark that matches its opening, so "⟦a ⟦b⟧ c⟧" is one
// confidential passage "a b c". When in doubt, text is confidential:
//   - an opening mark without its close makes the rest of s confidential;
//   - a close mark without an opening mark is never shown, and the text
//     before it, back to the previous passage, is confidential (its opening
//     mark was lost, for example when a marked text was split in two).
//
// So every piece of a text split anywhere keeps its confidential parts
// confidential. A confidential passage may be empty ("⟦⟧"). Bytes that are
// not UTF-8 come back as U+FFFD.
func Passages(s string) []Passage {
	if !HasRedaction(s) {
		if s == "" {
			return nil
		}
		return []Passage{{Text: s}}
	}
	// Invalid UTF-8 is replaced first: two invalid pieces joined around a
	// mark could otherwise form a new mark in the output.
	s = strings.ToValidUTF8(s, string(utf8.RuneError))
	var out []Passage
	var buf strings.Builder
	emit := func(confidential bool) {
		t := buf.String()
		buf.Reset()
		if !confidential && t == "" {
			return
		}
		out = append(out, Passage{Text: t, Confidential: confidential})
	}
	depth := 0
	for s != "" {
		switch {
		case strings.HasPrefix(s, RedactOpen):
			if depth == 0 {
				emit(false)
			}
			depth++
			s = s[len(RedactOpen):]
		case strings.HasPrefix(s, RedactClose):
			switch {
			case depth > 1:
				depth--
			case depth == 1:
				depth = 0
				emit(true)
			case buf.Len() > 0: // a stray close: what came before was marked
				if n := len(out); n > 0 && out[n-1].Confidential {
					out[n-1].Text += buf.String()
					buf.Reset()
				} else {
					emit(true)
				}
			}
			s = s[len(RedactClose):]
		default:
			i := strings.IndexAny(s, RedactOpen+RedactClose)
			if i < 0 {
				i = len(s)
			}
			buf.WriteString(s[:i])
			s = s[i:]
		}
	}
	emit(depth > 0)
	return out
}

// Shown gives the passage's text as an internal reader reads it: a
// confidential passage that is the source's marker (⟦[REDACTED]⟧, with
// or without spaces inside its marks) reads SourceRedactionShown in its
// place, its spaces kept; every other passage reads as it stands, a public one
// that happens to say "[REDACTED]" included. It is the one rule of how a
// stored passage is read inside gremium: the pages and the PDF show
// passages with it, and ShownText, TypedMarks and InternalText apply it
// to every marked passage of a text.
func (p Passage) Shown() string {
	if !p.Confidential {
		return p.Text
	}
	return swapWhole(p.Text, SourceRedaction, SourceRedactionShown)
}

// storedPassage reads the text of a marked passage that an internal
// reader was given (Passage.Shown) back as it is stored: a passage that
// reads SourceRedactionShown is the source's marker again, its spaces
// kept.
func storedPassage(text string) string {
	return swapWhole(text, SourceRedactionShown, SourceRedaction)
}

// swapWhole gives text with from replaced by to where from is all of
// text but the spaces around it; otherwise text as it is.
func swapWhole(text, from, to string) string {
	if strings.TrimSpace(text) != from {
		return text
	}
	i := strings.Index(text, from)
	return text[:i] + to + text[i+len(from):]
}

// ShownText gives s with its marks kept and each marked passage as an
// internal reader reads it (Passage.Shown): a passage the source blacked
// out says SourceRedactionShown. The text export writes its lines so,
// and TypedMarks and InternalText start from it. StoredText reads it
// back: StoredText(ShownText(s)) is s for every stored s that does not
// itself mark a passage reading SourceRedactionShown.
func ShownText(s string) string {
	if !strings.Contains(s, SourceRedaction) {
		return s
	}
	return eachPassage(s, func(text string) string { return Passage{Text: text, Confidential: true}.Shown() })
}

// StoredText reads a text that was given to an internal reader
// (ShownText, or TypedMarks once its typed marks are marks again) back as
// it is stored: a marked passage reading SourceRedactionShown is the
// source's marker. ConfidentialMarks and the import of minutes text use
// it.
func StoredText(s string) string {
	if !strings.Contains(s, SourceRedactionShown) {
		return s
	}
	return eachPassage(s, storedPassage)
}

// eachPassage gives s with the text of every marked passage that holds
// no marks itself (⟦…⟧, as stored texts mark them) replaced by f of it;
// the marks and every other byte stay as they are.
func eachPassage(s string, f func(string) string) string {
	var b strings.Builder
	for {
		open := strings.Index(s, RedactOpen)
		if open < 0 {
			break
		}
		inner := s[open+len(RedactOpen):]
		next := strings.IndexAny(inner, RedactOpen+RedactClose)
		if next < 0 {
			break
		}
		if !strings.HasPrefix(inner[next:], RedactClose) {
			// A passage opens inside this one: only the innermost
			// passages are read.
			b.WriteString(s[:open+len(RedactOpen)+next])
			s = inner[next:]
			continue
		}
		b.WriteString(s[:open+len(RedactOpen)])
		b.WriteString(f(inner[:next]))
		b.WriteString(RedactClose)
		s = inner[next+len(RedactClose):]
	}
	b.WriteString(s)
	return b.String()
}

// PublicText returns s with every confidential passage (see Passages)
// replaced by RedactedPlaceholder: nested marks are redacted up to the close
// that matches the outer opening, an opening mark without a close redacts the
// rest of the text, and a stray close mark is never shown.
func PublicText(s string) string {
	if !HasRedaction(s) {
		return s
	}
	var b strings.Builder
	for _, p := range Passages(s) {
		if p.Confidential {
			b.WriteString(RedactedPlaceholder)
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// BalanceMarks rewrites s so that its marks are balanced and not nested,
// keeping every passage as confidential as Passages reads it, and reports
// whether s was already so. Imports use it on texts they did not make.
func BalanceMarks(s string) (string, bool) {
	if !HasRedaction(s) {
		return s, true
	}
	var b strings.Builder
	for _, p := range Passages(s) {
		if p.Confidential {
			b.WriteString(Redact(p.Text))
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String(), b.String() == s
}

// CarryMarks balances the parts of a text that was split (into paragraphs,
// list points, numbered points): a passage still open at the end of a part
// continues into the next parts, which then start inside it. Each part comes
// back with balanced, unnested marks, so a part stored or shown on its own
// keeps confidential what was marked in the whole.
func CarryMarks(parts []string) []string {
	out := make([]string, len(parts))
	depth := 0
	for i, p := range parts {
		if depth == 0 && !HasRedaction(p) {
			out[i] = p
			continue
		}
		s := strings.Repeat(RedactOpen, depth) + p
		depth = openDepth(s)
		out[i], _ = BalanceMarks(s)
	}
	return out
}

// openDepth gives how many passages are still open at the end of s, read as
// Passages reads it (a stray close mark closes nothing).
func openDepth(s string) int {
	depth := 0
	for s != "" {
		switch {
		case strings.HasPrefix(s, RedactOpen):
			depth++
			s = s[len(RedactOpen):]
		case strings.HasPrefix(s, RedactClose):
			depth = max(depth-1, 0)
			s = s[len(RedactClose):]
		default:
			i := strings.IndexAny(s, RedactOpen+RedactClose)
			if i < 0 {
				return depth
			}
			s = s[i:]
		}
	}
	return depth
}

// MarkProblem says what is wrong with the redaction marks of a text.
type MarkProblem int

// The problems CheckMarks finds.
const (
	// MarksOK: balanced and not nested (or no marks at all).
	MarksOK MarkProblem = iota
	// MarksUnclosed: an opening mark has no close mark.
	MarksUnclosed
	// MarksUnopened: a close mark has no opening mark.
	MarksUnopened
	// MarksNested: a passage is marked inside a marked passage.
	MarksNested
)

// String gives the problem in English, for logs and import warnings.
func (p MarkProblem) String() string {
	switch p {
	case MarksOK:
		return "balanced"
	case MarksUnclosed:
		return "an opening mark ⟦ has no closing mark ⟧"
	case MarksUnopened:
		return "a closing mark ⟧ has no opening mark ⟦"
	case MarksNested:
		return "a passage is marked inside a marked passage"
	}
	return fmt.Sprintf("mark problem %d", int(p))
}

// CheckMarks reports the first problem with the redaction marks of s, and
// the byte offset in s of the mark at fault.
func CheckMarks(s string) (MarkProblem, int) {
	open := -1
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], RedactOpen):
			if open >= 0 {
				return MarksNested, i
			}
			open = i
			i += len(RedactOpen)
		case strings.HasPrefix(s[i:], RedactClose):
			if open < 0 {
				return MarksUnopened, i
			}
			open = -1
			i += len(RedactClose)
		default:
			i++
		}
	}
	if open >= 0 {
		return MarksUnclosed, open
	}
	return MarksOK, 0
}

// ConfidentialMarks turns the typed form of confidential passages in a form
// field, [[…]], into redaction marks (typed redaction marks count as well).
// Marks that are not balanced or that are nested are an InputError with a
// German sentence saying what is wrong, so that nothing is stored whose
// confidential part is in doubt.
func ConfidentialMarks(typed string) (string, error) {
	s := strings.TrimSpace(typed)
	if !strings.Contains(s, TypedOpen) && !strings.Contains(s, TypedClose) && !HasRedaction(s) {
		return s, nil
	}
	// A passage the source blacked out, as TypedMarks gave it to the
	// form, is stored as the source's marker again.
	s = StoredText(typedToMarks(s))
	problem, at := CheckMarks(s)
	switch problem {
	case MarksUnclosed:
		return "", InputError("Die Markierung vertraulicher Passagen ist unvollständig: zu „[[“ fehlt das schließende „]]“ (bei „%s“).", markContext(s, at))
	case MarksUnopened:
		return "", InputError("Die Markierung vertraulicher Passagen ist unvollständig: zu „]]“ fehlt das öffnende „[[“ (bei „%s“).", markContext(s, at))
	case MarksNested:
		return "", InputError("Vertrauliche Passagen dürfen nicht verschachtelt werden: innerhalb von „[[…]]“ steht ein weiteres „[[“ (bei „%s“).", markContext(s, at))
	}
	return s, nil
}

// MarkedLines reads the lines of a field read line by line (the points of
// a registration, a contribution or a proposal; the JSON API's lists of
// lines): the non-empty trimmed lines, each with its [[…]] turned into
// redaction marks by ConfidentialMarks. A passage never runs from one
// point into the next, so each mark closes within its line. A line whose
// "[[" is closed only on a later line is refused saying so, with both
// line numbers (counted as given, empty lines included); before, it was
// told the closing "]]" was missing, though the user could see it.
func MarkedLines(lines []string) ([]string, error) {
	var out []string
	for i, l := range lines {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		marked, err := ConfidentialMarks(l)
		if err != nil {
			if j := closedOnLaterLine(l, lines[i+1:]); j > 0 {
				return nil, InputError("Die Markierung vertraulicher Passagen ist unvollständig: Jede Markierung schließt in ihrer Zeile, doch das „[[“ in Zeile %d (bei „%s“) wird erst in Zeile %d mit „]]“ geschlossen. Bitte markieren Sie jede Zeile für sich mit „[[…]]“.",
					i+1, markContext(typedToMarks(l), openAt(l)), i+1+j)
			}
			return nil, err
		}
		out = append(out, marked)
	}
	return out, nil
}

// typedToMarks gives s with typed marks [[…]] as redaction marks.
func typedToMarks(s string) string {
	return strings.NewReplacer(TypedOpen, RedactOpen, TypedClose, RedactClose).Replace(s)
}

// openAt gives the offset, in typedToMarks(line), of the opening mark of
// line that is not closed in it.
func openAt(line string) int {
	_, at := CheckMarks(typedToMarks(line))
	return at
}

// closedOnLaterLine tells, for a line whose only problem is an opening
// mark left open, on which of the later lines (1 = the next) a closing
// mark without an opening one stands: the passage was meant to run on
// to there. 0: the line has another problem, or no later line closes it.
func closedOnLaterLine(line string, later []string) int {
	if p, _ := CheckMarks(typedToMarks(line)); p != MarksUnclosed {
		return 0
	}
	for j, l := range later {
		switch p, _ := CheckMarks(typedToMarks(l)); p {
		case MarksUnopened:
			return j + 1
		case MarksOK:
			continue
		default:
			return 0
		}
	}
	return 0
}

// markContext gives a short piece of s around byte offset at, in the typed
// form, to show the user where a mark is wrong.
func markContext(s string, at int) string {
	const width = 24
	before, after := []rune(s[:at]), []rune(s[at:])
	prefix, suffix := "", ""
	if len(before) > width {
		before, prefix = before[len(before)-width:], "…"
	}
	if len(after) > width {
		after, suffix = after[:width], "…"
	}
	ctx := prefix + string(before) + string(after) + suffix
	return strings.NewReplacer(RedactOpen, TypedOpen, RedactClose, TypedClose).Replace(ctx)
}

// PublicOnly refuses confidential marks, typed [[…]] or stored, in a text
// that is always public — a FachMK's profile, a conference date, the
// reason a session is cancelled, a legal page: nothing there is blacked
// out, so a passage a user marked, expecting it kept back as everywhere
// else, would be published as typed. what names the text at the start of
// the German reason ("Das Themenprofil").
func PublicOnly(text, what string) error {
	return Unmarked(text, what+" ist öffentlich")
}

// Unmarked refuses confidential marks, typed [[…]] or stored, in a text
// that goes as it is to readers outside the secretariat who see every
// word of it — the reason a registration is declined (to the registering
// office), the reason a FachMK's request is declined (to its office) — as
// PublicOnly does for public texts: a passage marked there would reach
// them as typed. why says who reads the text, as the start of the German
// reason ("Der Grund der Ablehnung geht an das anmeldende Mitglied").
func Unmarked(text, why string) error {
	if strings.Contains(text, TypedOpen) || strings.Contains(text, TypedClose) || HasRedaction(text) {
		return InputError("%s; vertrauliche Passagen ([[…]]) gibt es hier nicht. Bitte entfernen Sie die Markierung.", why)
	}
	return nil
}

// TypedMarks gives s with its redaction marks in the typed form of form
// fields, [[vertraulich]], and each marked passage as an internal reader
// reads it (ShownText): how a text is edited and how the JSON API gives
// internal texts. ConfidentialMarks reads it back.
func TypedMarks(s string) string {
	return typedMarks.Replace(ShownText(s))
}

// typedMarks writes the marks typed.
var typedMarks = strings.NewReplacer(RedactOpen, TypedOpen, RedactClose, TypedClose)

// InternalText gives s as an internal reader reads it where a text has
// no room for marks — a page's title, a notice, a message, a refusal's
// reason: the marks removed, each marked passage read as ShownText reads
// it (a passage the source blacked out says SourceRedactionShown).
func InternalText(s string) string {
	return StripMarks(ShownText(s))
}

// SpokenMarks gives s with each marked passage said in words where a
// text has no room for the marks but must not hide them: open before
// the passage as it is shown (Passage.Shown), close after it —
// "vertraulich: " and " (Ende vertraulich)" for a hidden name on a page,
// "[vertraulich: " and "]" in the internal minutes PDF.
func SpokenMarks(s, open, close string) string {
	if !HasRedaction(s) {
		return s
	}
	var b strings.Builder
	for _, p := range Passages(s) {
		if p.Confidential {
			b.WriteString(open + p.Shown() + close)
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// StripMarks gives s with the redaction marks removed and its text as
// stored (the source's marker SourceRedaction included): for what is
// compared, keyed or marked anew, not read — InternalText is what an
// internal reader reads.
func StripMarks(s string) string {
	if !HasRedaction(s) {
		return s
	}
	return stripMarks.Replace(s)
}

// stripMarks removes the redaction marks.
var stripMarks = strings.NewReplacer(RedactOpen, "", RedactClose, "")

// Audience says who a rendering is for.
type Audience int

const (
	// Public is the redacted version anyone may see (the zero value, so a
	// forgotten setting never leaks).
	Public Audience = iota
	// Internal is the full version for members and the secretariat. Its
	// texts keep the redaction marks, so that editors see and exports keep
	// what is confidential.
	Internal
)

// Text gives s as the audience may see it: for the public with marked
// passages replaced, internally unchanged (marks included).
func (a Audience) Text(s string) string {
	if a == Internal {
		return s
	}
	return PublicText(s)
}

// IsPublic reports whether the audience is the public.
func (a Audience) IsPublic() bool { return a != Internal }

// MarkedField is a text a user typed into a field whose [[…]] mark
// confidential passages, as the decision text does: the form field it came
// from (for AtField) and the text, which MarkFields rewrites in place.
type MarkedField struct {
	Field string
	Text  *string
}

// MarkFields reads each field's typed marks with ConfidentialMarks and
// stores the marked text back; a field whose marks are unbalanced or
// nested keeps its text as typed and is refused at its field. Every
// refusal comes back at once (errors.Join), so a store write that takes
// several marked texts refuses them all and stores nothing.
func MarkFields(fields ...MarkedField) error {
	var errs []error
	for _, f := range fields {
		marked, err := ConfidentialMarks(*f.Text)
		if err != nil {
			errs = append(errs, AtField(f.Field, err))
			continue
		}
		*f.Text = marked
	}
	return errors.Join(errs...)
}

// CheckSpeaker checks the speaker of a Wortbeitrag or the author of a
// Protokollnotiz (or of a minutes correction's row): a name, which is not
// blacked out in part. A confidential contribution is marked as a whole
// (its flag), so marks in the name — typed [[…]] or stored — are refused.
func CheckSpeaker(s string) error {
	if HasRedaction(s) || strings.Contains(s, TypedOpen) || strings.Contains(s, TypedClose) {
		return InputError("Sprecher:in oder Urheber „%s“ enthält eine Markierung [[…]]. Namen werden nicht geschwärzt; ein vertraulicher Beitrag wird als Ganzes als vertraulich markiert.", TypedMarks(s))
	}
	return nil
}

// Speaker gives the speaker or author of a minutes row as the audience may
// see it: for the public, a name that carries marks anyway (old data, an
// import; CheckSpeaker refuses them on entry) is blacked out as a whole,
// since a name read in part still names the member; internally unchanged.
func (a Audience) Speaker(s string) string {
	if a == Internal || !HasRedaction(s) {
		return s
	}
	return RedactedPlaceholder
}
