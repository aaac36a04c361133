package web

import (
	"html/template"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gremium/internal/relevance"
)

// textFuncs are the template functions that prepare a text for the
// narrow column of a phone (parsePage adds them to funcs).
var textFuncs = template.FuncMap{
	"hyphenateCompounds": hyphenateCompounds,
}

// minHyphenated is the length in letters from which hyphenateCompounds
// marks the joints of a word: a shorter one fits a line of a heading at
// 320 px (about 22 letters of an h3) and goes to the next line whole.
const minHyphenated = 14

// hyphenateCompounds gives s with soft hyphens (U+00AD) in each word of
// at least minHyphenated letters at the joints of its parts
// ("Digitalisierungs|infrastruktur|verordnung"), so that at 320 px a
// heading breaks there, with a hyphen, and not between any two letters
// where the line runs out (Chromium without a German dictionary does
// nothing for hyphens: auto; other browsers use the soft hyphens of a
// word instead of their own). For the titles of agenda items and
// decisions where they are a heading or a line of their own; a title in
// <title>, an attribute, a form's value, a feed, JSON or a PDF stays
// without (it is copied and compared as typed). Shorter words stay whole:
// they fit the line.
//
// A joint is one the compound splitter of the FachMK proposals finds
// (relevance.Parts) and is sure of: after a part that ends in a suffix
// with its linking s ("Digitalisierungs", "Informations", "Sicherheits"),
// or between two parts of the word list (the split of the two parts
// alone, without a guessed part). A guessed part may be cut wrongly
// ("Architekt|urvorgaben"); a soft hyphen there would show at every line
// end. Between those joints hyphenate puts its own (the parts of the
// conference names, wordJoints): "Innen|minister|konferenz".
func hyphenateCompounds(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	start := -1 // where the current word began, -1 between words
	for i, r := range s {
		letter := unicode.IsLetter(r) || r == '\u00ad'
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			b.WriteString(compoundJoints(s[start:i]))
			start = -1
		}
		if !letter {
			b.WriteRune(r)
		}
	}
	if start >= 0 {
		b.WriteString(compoundJoints(s[start:]))
	}
	return b.String()
}

// compoundJoints gives a word with soft hyphens at its sure joints
// (hyphenateCompounds); a short word, and one that has soft hyphens
// already, as it is.
func compoundJoints(word string) string {
	if utf8.RuneCountInString(word) < minHyphenated || strings.ContainsRune(word, '\u00ad') {
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

// sureJoints gives a long word with soft hyphens at its sure joints
// (compoundJoints).
func sureJoints(word string) string {
	parts := relevance.Parts(word)
	if len(parts) < 2 {
		return hyphenate(word)
	}
	// The runs of parts between sure joints, each with hyphenate's
	// joints ("Innenminister" is "Innen|minister").
	var b strings.Builder
	run := parts[0]
	for i := 1; i < len(parts); i++ {
		if !sureJoint(parts[i-1], parts[i]) {
			run += parts[i]
			continue
		}
		b.WriteString(hyphenate(run))
		b.WriteString("\u00ad")
		run = parts[i]
	}
	b.WriteString(hyphenate(run))
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
