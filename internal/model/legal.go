package model

import (
	"errors"
	"gremium/internal/lazyre"
	"strings"
	"time"
	"unicode/utf8"
)

// The pages a public body's site must have, whose content the operator
// sets: the Impressum (DDG § 5), the Erklärung zur Barrierefreiheit (BITV
// 2.0 § 7, with a feedback contact and the Schlichtungsstelle nach § 16
// BGG) and the Datenschutzerklärung (DSGVO Art. 13). Their text is plain
// text with a few rules (LegalText), never HTML of the user's.

// LegalPageKind names one of the legal pages; it is also its address
// ("/impressum").
type LegalPageKind string

// The legal pages.
const (
	LegalImprint       LegalPageKind = "impressum"        // Impressum
	LegalAccessibility LegalPageKind = "barrierefreiheit" // Erklärung zur Barrierefreiheit
	LegalPrivacy       LegalPageKind = "datenschutz"      // Datenschutzerklärung
)

// LegalPageKinds are the legal pages in the order the footer links them.
var LegalPageKinds = []LegalPageKind{LegalImprint, LegalAccessibility, LegalPrivacy}

// Valid reports whether k is one of LegalPageKinds.
func (k LegalPageKind) Valid() bool {
	return k == LegalImprint || k == LegalAccessibility || k == LegalPrivacy
}

// Title is the page's German title.
func (k LegalPageKind) Title() string {
	switch k {
	case LegalImprint:
		return "Impressum"
	case LegalAccessibility:
		return "Erklärung zur Barrierefreiheit"
	case LegalPrivacy:
		return "Datenschutzerklärung"
	}
	return string(k)
}

// Basis names the law that requires the page.
func (k LegalPageKind) Basis() string {
	switch k {
	case LegalImprint:
		return "§ 5 Digitale-Dienste-Gesetz (DDG)"
	case LegalAccessibility:
		return "§ 12b Behindertengleichstellungsgesetz (BGG) und § 7 Barrierefreie-Informationstechnik-Verordnung (BITV 2.0)"
	case LegalPrivacy:
		return "Art. 13 Datenschutz-Grundverordnung (DSGVO)"
	}
	return ""
}

// Path is the page's public address.
func (k LegalPageKind) Path() string { return "/" + string(k) }

// LegalPage is one legal page as the operator set it.
type LegalPage struct {
	Kind LegalPageKind
	// Text is the content in the form LegalText reads; empty while the
	// operator has not set it.
	Text      string
	Version   int
	UpdatedAt time.Time // zero while never saved
	UpdatedBy string
}

// Set reports whether the operator has given the page a text.
func (p LegalPage) Set() bool { return strings.TrimSpace(p.Text) != "" }

// MaxLegalText bounds the text of a legal page (characters).
const MaxLegalText = 30000

// LegalBlock is a block of a legal page's text: a heading, a paragraph
// (its lines kept as line breaks, as in an address) or a list.
type LegalBlock struct {
	Heading bool
	List    bool
	Lines   [][]LegalSpan
}

// LegalSpan is a piece of a line: text, or a link when Href is set.
type LegalSpan struct {
	Text string
	Href string
}

var (
	legalLink = lazyre.New(`\[([^\[\]]+)\]\(([^()\s]+)\)`)
	legalBare = lazyre.New(`https?://[^\s<>()]+[^\s<>().,;:!?„“"']|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	legalTag  = lazyre.New(`</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>`)

	legalBlank    = lazyre.New(`\n[ \t]*\n`)
	legalEmail    = lazyre.New(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	legalPostcode = lazyre.New(`\b\d{5}\b`)
)

// CheckLegalText refuses a legal page's text that is not plain text in
// the form LegalText reads: HTML, confidential marks (the page is public),
// a link to anything but a web, e-mail or telephone address, or more than
// MaxLegalText characters. Every reason is given (errors.Join, each at
// the form's field "text", every bad link once), not the first only;
// the reasons are German. An empty text is allowed (the page is then
// unset).
func CheckLegalText(text string) error {
	var errs []error
	refuse := func(format string, args ...any) {
		errs = append(errs, AtField("text", InputError(format, args...)))
	}
	if n := utf8.RuneCountInString(text); n > MaxLegalText {
		refuse("Der Text ist mit %s Zeichen zu lang; höchstens %s sind möglich.", GermanNumber(n), GermanNumber(MaxLegalText))
	}
	if err := PublicOnly(text, "Diese Seite"); err != nil {
		errs = append(errs, AtField("text", err))
	}
	if m := legalTag.FindString(text); m != "" {
		refuse("Bitte schreiben Sie reinen Text ohne HTML (gefunden: „%s“). Absätze trennen Sie durch eine Leerzeile, Überschriften beginnen mit „## “, Links schreiben Sie als [Text](https://…) oder als Adresse.", m)
	}
	seen := map[string]bool{}
	for _, m := range legalLink.FindAllStringSubmatch(text, -1) {
		if legalHref(m[2]) == "" && !seen[m[2]] {
			seen[m[2]] = true
			refuse("Der Link „%s“ führt nicht zu einer Web-, E-Mail- oder Telefonadresse (https://…, mailto:…, tel:…).", m[2])
		}
	}
	return errors.Join(errs...)
}

// legalHref gives the address a link of a legal page may lead to: a web
// address, mailto: or tel:, an e-mail address as mailto:; "" for any
// other (javascript:, data:, relative addresses).
func legalHref(target string) string {
	lower := strings.ToLower(target)
	switch {
	case strings.HasPrefix(lower, "https://"), strings.HasPrefix(lower, "http://"),
		strings.HasPrefix(lower, "mailto:"), strings.HasPrefix(lower, "tel:"):
		return target
	case strings.HasPrefix(target, "/") && !strings.HasPrefix(target, "//"):
		return target // a page of this site ("/barrierefreiheit")
	case !strings.Contains(target, ":") && strings.Contains(target, "@"):
		return "mailto:" + target
	}
	return ""
}

// LegalText reads a legal page's text: blocks separated by blank lines; a
// block whose lines all start with "- " is a list, a line starting with
// "## " alone is a heading, any other block a paragraph whose lines stay
// lines. Links are written [Text](address); web and e-mail addresses
// written out become links themselves.
func LegalText(text string) []LegalBlock {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var blocks []LegalBlock
	for _, raw := range legalBlank.Split(text, -1) {
		var lines []string
		for _, l := range strings.Split(raw, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			continue
		}
		// A heading line is a block of its own; the lines between
		// headings are a list if each starts with "- ", else a paragraph.
		var run []string
		flush := func() {
			if len(run) == 0 {
				return
			}
			b := LegalBlock{List: true}
			for _, l := range run {
				b.List = b.List && strings.HasPrefix(l, "- ")
			}
			for _, l := range run {
				if b.List {
					l = strings.TrimSpace(l[2:])
				}
				b.Lines = append(b.Lines, legalSpans(l))
			}
			blocks, run = append(blocks, b), nil
		}
		for _, l := range lines {
			if strings.HasPrefix(l, "## ") {
				flush()
				blocks = append(blocks, LegalBlock{Heading: true, Lines: [][]LegalSpan{legalSpans(strings.TrimSpace(l[3:]))}})
				continue
			}
			run = append(run, l)
		}
		flush()
	}
	return blocks
}

// legalSpans splits a line into text and links.
func legalSpans(l string) []LegalSpan {
	var out []LegalSpan
	text := func(s string) {
		for s != "" {
			loc := legalBare.FindStringIndex(s)
			if loc == nil {
				out = append(out, LegalSpan{Text: s})
				return
			}
			if loc[0] > 0 {
				out = append(out, LegalSpan{Text: s[:loc[0]]})
			}
			m := s[loc[0]:loc[1]]
			out = append(out, LegalSpan{Text: m, Href: legalHref(m)})
			s = s[loc[1]:]
		}
	}
	for l != "" {
		loc := legalLink.FindStringSubmatchIndex(l)
		if loc == nil {
			text(l)
			break
		}
		text(l[:loc[0]])
		label, target := l[loc[2]:loc[3]], l[loc[4]:loc[5]]
		if href := legalHref(target); href != "" {
			out = append(out, LegalSpan{Text: label, Href: href})
		} else {
			out = append(out, LegalSpan{Text: label})
		}
		l = l[loc[1]:]
	}
	return out
}

// LegalHints lists what a legal page's text seems to lack of what the law
// asks of it, for the secretariat (never refused: the operator knows its
// case): the Impressum an address and an e-mail address; the accessibility
// statement a feedback contact and the Schlichtungsstelle nach § 16 BGG;
// the privacy statement the controller and the data protection officer.
func LegalHints(k LegalPageKind, text string) []string {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	lower := strings.ToLower(text)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(lower, w) {
				return true
			}
		}
		return false
	}
	email := legalEmail.MatchString(text)
	var hints []string
	switch k {
	case LegalImprint:
		if !legalPostcode.MatchString(text) {
			hints = append(hints, "Es fehlt anscheinend die Anschrift (mit Postleitzahl).")
		}
		if !email {
			hints = append(hints, "Es fehlt anscheinend eine E-Mail-Adresse für die schnelle Kontaktaufnahme.")
		}
		if !has("vertreten", "vertretungsberechtigt", "leitung", "präsident") {
			hints = append(hints, "Es fehlt anscheinend, wer die Stelle vertritt (Vertretungsberechtigte).")
		}
	case LegalAccessibility:
		if !has("feedback", "rückmeldung", "kontakt") || !email {
			hints = append(hints, "Es fehlt anscheinend der Feedback-Mechanismus (Kontakt mit E-Mail-Adresse, § 7 Abs. 1 Nr. 3 BITV 2.0).")
		}
		if !has("schlichtungsstelle") {
			hints = append(hints, "Es fehlt anscheinend der Hinweis auf die Schlichtungsstelle nach § 16 BGG.")
		}
		if !has("vereinbar", "konform") {
			hints = append(hints, "Es fehlt anscheinend der Stand der Vereinbarkeit mit den Anforderungen (vollständig, teilweise, nicht vereinbar).")
		}
	case LegalPrivacy:
		if !has("verantwortlich") {
			hints = append(hints, "Es fehlt anscheinend der Verantwortliche (Art. 13 Abs. 1 lit. a DSGVO).")
		}
		if !has("datenschutzbeauftragt") {
			hints = append(hints, "Es fehlen anscheinend die Kontaktdaten der oder des Datenschutzbeauftragten (Art. 13 Abs. 1 lit. b DSGVO).")
		}
		if !has("beschwerde") {
			hints = append(hints, "Es fehlt anscheinend der Hinweis auf das Beschwerderecht bei einer Aufsichtsbehörde (Art. 13 Abs. 2 lit. d DSGVO).")
		}
	}
	return hints
}
