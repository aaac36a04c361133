package web

// Soft hyphens (U+00AD) for the long German words of a phone's narrow
// column (docs/accessibility.md): hyphenate is the one way a text of a
// page gets them.

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gremium/internal/relevance"
)

// A measure is the width of the place a text hyphenate marks stands in,
// which decides the words that get soft hyphens.
type measure int

const (
	// lineMeasure is a heading or a line of its own (hyphenate's
	// default): about 22 letters of an h3 at 320 px. A word of at least
	// minHyphenated letters gets its joints; a shorter one fits the line
	// and goes to the next one whole ("an|gemeldet" in a heading would
	// only hyphenate it where it need not).
	lineMeasure measure = iota
	// cellMeasure is a narrow table cell (the events and hints of the
	// notification settings: at 320 px a column of some 120 px, template
	// function narrowCell): a shorter word gets the joints of the fixed
	// list too (listedJoints: Tages|ordnung, an|gemeldet).
	cellMeasure
)

// minHyphenated is the length in letters from which hyphenate marks the
// joints of a word in a heading or a line (lineMeasure).
const minHyphenated = 14

// hyphenate gives s with soft hyphens (U+00AD) at the joints of the parts
// of its long words ("Digitalisierungs|infrastruktur|verordnung",
// "Gesundheits|minister|konferenz"), so that at 320 px a heading, a line
// or a narrow cell breaks there, with a hyphen, and not between any two
// letters where the line runs out (Chromium without a German dictionary
// does nothing for hyphens: auto; other browsers use the soft hyphens of
// a word instead of their own). Which words get them is up to the place
// the text stands in (measure; a heading or a line unless one is given).
// For the titles of agenda items and decisions, the names of conferences
// and the labels of narrow cells where they are a heading, a line or a
// cell's text; a text in <title>, an attribute, a form's value, a feed,
// JSON or a PDF stays without (it is copied and compared as typed). A word
// that has soft hyphens already stays as it is.
//
// A long word's joints are those the compound splitter of the FachMK
// proposals finds (relevance.Parts) and is sure of (sureJoints), and
// between them those of the fixed list (listedJoints); they are kept in a
// memo (jointsMemo).
func hyphenate(s string, in ...measure) string {
	cell := len(in) > 0 && in[0] == cellMeasure
	var b strings.Builder
	b.Grow(len(s) + 8)
	start := -1 // where the current word began, -1 between words
	for i, r := range s {
		letter := unicode.IsLetter(r) || r == '\u00ad'
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			b.WriteString(wordHyphens(s[start:i], cell))
			start = -1
		}
		if !letter {
			b.WriteRune(r)
		}
	}
	if start >= 0 {
		b.WriteString(wordHyphens(s[start:], cell))
	}
	return b.String()
}

// wordHyphens gives a word with soft hyphens at its joints (hyphenate): a
// long one at its sure and listed joints, a shorter one in a narrow cell
// at its listed joints, any other and one that has soft hyphens already
// as it is.
func wordHyphens(word string, cell bool) string {
	if strings.ContainsRune(word, '\u00ad') {
		return word
	}
	if utf8.RuneCountInString(word) < minHyphenated {
		if cell {
			return listedJoints(word)
		}
		return word
	}
	return jointsOf.get(word)
}

// jointsMemo keeps the joints of the long words met (sureJoints): the
// splitter costs some 10 µs a word and allocates, and the titles of a
// register page, a session's agenda or a search repeat their long words
// ("Registermodernisierung", "Digitalisierungs…"); a page of 50 titles
// cost up to 1.5 ms without it. Bounded: it starts afresh at
// jointsMemoMax words, so a crawl over a million titles holds no more.
type jointsMemo struct {
	mu sync.RWMutex
	m  map[string]string
}

// jointsMemoMax bounds jointsMemo (about 1 MB of words and their joints).
const jointsMemoMax = 8192

var jointsOf = &jointsMemo{m: map[string]string{}}

// get gives the word with its joints (sureJoints), from the memo when it
// was met before.
func (j *jointsMemo) get(word string) string {
	j.mu.RLock()
	out, ok := j.m[word]
	j.mu.RUnlock()
	if ok {
		return out
	}
	out = sureJoints(word)
	j.mu.Lock()
	if len(j.m) >= jointsMemoMax {
		j.m = make(map[string]string, jointsMemoMax)
	}
	j.m[word] = out
	j.mu.Unlock()
	return out
}

// sureJoints gives a long word with soft hyphens at the joints the
// compound splitter is sure of: after a part that ends in a suffix with
// its linking s ("Digitalisierungs", "Informations", "Sicherheits"), or
// between two parts of the word list (sureJoint). A guessed part may be
// cut wrongly ("Architekt|urvorgaben"); a soft hyphen there would show at
// every line end. Between those joints it puts the listed ones
// (listedJoints): "Innen|minister|konferenz".
func sureJoints(word string) string {
	parts := relevance.Parts(word)
	if len(parts) < 2 {
		return listedJoints(word)
	}
	// The runs of parts between sure joints, each with its listed joints
	// ("Innenminister" is "Innen|minister").
	var b strings.Builder
	run := parts[0]
	for i := 1; i < len(parts); i++ {
		if !sureJoint(parts[i-1], parts[i]) {
			run += parts[i]
			continue
		}
		b.WriteString(listedJoints(run))
		b.WriteString("\u00ad")
		run = parts[i]
	}
	b.WriteString(listedJoints(run))
	return b.String()
}

// linkedSuffixes end a part that another part follows: a noun's suffix
// with the linking s ("Verwaltungs|", "Sicherheits|", "Informations|").
var linkedSuffixes = []string{"ungs", "heits", "keits", "schafts", "tions", "täts"}

// sureJoint reports whether the joint between two parts of a compound
// (relevance.Parts, the linking element with the part before) is sure:
// the part before ends in a suffix with its linking s, or the word list
// splits the two parts alone there (lower case, so that no part is
// guessed: relevance guesses parts of nouns only).
func sureJoint(before, after string) bool {
	lower := strings.ToLower(before)
	for _, suffix := range linkedSuffixes {
		if strings.HasSuffix(lower, suffix) && len(lower) > len(suffix) {
			return true
		}
	}
	split := relevance.Split(lower + strings.ToLower(after))
	return strings.HasPrefix(split, lower+"|")
}

// compoundParts are the parts of the long compound names of conferences
// ("Finanzministerkonferenz") before which a word may break.
var compoundParts = []string{"minister", "senator", "konferenz"}

// wordJoints are the words of narrow cells (the events and hints of the
// notification settings) with their joints marked "|": Tages|ordnung,
// Umlauf|verfahren. A longer word stands before a shorter one it begins
// with (strings.Replacer tries its pairs in this order).
var wordJoints = []string{
	"Abstimmungs|ergebnis", "Anmelde|schluss", "Auftakt|gespräch", "Geschäfts|stelle", "Kommen|tierung",
	"Nach|besprechung", "Planungs|rat", "Protokoll|entwurf", "Sprecher|funktion", "Steck|brief",
	"Tages|ordnungs|punkt", "Tages|ordnung", "Umlauf|verfahren", "Unterlagen|frist", "Berech|tigung",
	"ab|geschlossen", "an|gekündigt", "an|gemeldet", "an|genommen", "ordent|lichen", "ver|öffentlicht",
}

// jointHyphens puts a soft hyphen at each joint of wordJoints.
var jointHyphens = func() *strings.Replacer {
	pairs := make([]string, 0, 2*len(wordJoints))
	for _, w := range wordJoints {
		pairs = append(pairs, strings.ReplaceAll(w, "|", ""), strings.ReplaceAll(w, "|", "\u00ad"))
	}
	return strings.NewReplacer(pairs...)
}()

// listedJoints gives a word, or a run of parts of one, with soft hyphens
// at the joints of the fixed list: before a part of a conference's name
// that follows a small letter (Finanz|minister|konferenz; "Ministerin",
// where it starts the word, is left alone), and those of wordJoints.
func listedJoints(word string) string {
	word = jointHyphens.Replace(word)
	var b strings.Builder
	for i := 0; i < len(word); i++ {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(word[:i])
			if unicode.IsLower(prev) {
				for _, part := range compoundParts {
					if strings.HasPrefix(word[i:], part) {
						b.WriteString("\u00ad")
						break
					}
				}
			}
		}
		b.WriteByte(word[i])
	}
	return b.String()
}
