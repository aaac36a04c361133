package relevance

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// The word list for compound splitting: our own list of German word parts
// (see the header of the file for its source). Profile terms that the list
// cannot split are added to it when an Engine is built.
//
//go:embed woerter.txt
var wordList string

// minPart is the shortest dictionary part of a compound ("Bau", "Amt").
const minPart = 3

// minUnknown is the shortest first part of a compound that is not in the
// dictionary, minUnknownHead the shortest such last part; see split.
const (
	minUnknown     = 4
	minUnknownHead = 5
)

// minKnownBeforeUnknownHead is how many letters the known parts before an
// unknown last part must have together ("Justiz|vollzugsanstalt").
const minKnownBeforeUnknownHead = 6

// linkingElements are the Fugenelemente that may stand between two parts of
// a compound: "Arbeit-s-markt", "Hund-e-steuer", "Kind-er-geld",
// "Rente-n-versicherung", "Person-en-stand"; "" for none ("Bau|antrag").
var linkingElements = []string{"", "s", "es", "n", "en", "er", "e", "ns"}

// stopwords are function words; they are never a part of a compound and never
// added to the dictionary.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("der die das des dem den ein eine einer eines einem einen und oder aber fur von vom zu zum zur mit auf aus bei im in am an als nach uber unter vor durch gegen ohne um sowie bis ob wie was wer wo nicht kein keine ist sind wird werden wurde hat haben sein ihre ihr sich es er sie wir neue neuer neues neuen") {
		stopwords[w] = true
	}
}

// baseLexicon gives the lexicon of the word list, built at its first use
// (about 3 ms of processor time, once a process; a command that proposes
// nothing and indexes nothing does not pay it).
var baseLexicon = sync.OnceValue(func() *lexicon {
	l := newLexicon()
	for _, line := range strings.Split(wordList, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			l.add(fold(w))
		}
	}
	return l
})

// Prepare builds the word list's lexicon now, if it is not built yet, so
// that a caller can have it built on a processor that waits otherwise
// (`gremium import minutes` while it opens the database) rather than at the
// first word split.
func Prepare() { baseLexicon() }

// fold lower-cases a word and folds umlauts and ß ("Straßenverkehrsbehörde"
// → "strassenverkehrsbehorde"), so that spellings with and without them
// match. orig gives, for each rune of the folded word, the index of the
// rune of the original word it comes from.
func fold(word string) string {
	return folder.Replace(strings.ToLower(word))
}

var folder = strings.NewReplacer("ä", "a", "ö", "o", "ü", "u", "ß", "ss")

func foldMap(word string) (string, []int) {
	var b strings.Builder
	var orig []int
	i := 0
	for _, r := range word {
		switch r = unicode.ToLower(r); r {
		case 'ä':
			b.WriteRune('a')
			orig = append(orig, i)
		case 'ö':
			b.WriteRune('o')
			orig = append(orig, i)
		case 'ü':
			b.WriteRune('u')
			orig = append(orig, i)
		case 'ß':
			b.WriteString("ss")
			orig = append(orig, i, i)
		default:
			b.WriteRune(r)
			orig = append(orig, i)
		}
		i++
	}
	return b.String(), orig
}

// lexicon is the dictionary of word parts: atoms ("bau", "antrag") and
// lexicalised compounds that must not be split ("landwirtschaft").
type lexicon struct {
	// splits caches split results (a lexicon does not change once an
	// Engine uses it); at most maxCachedSplits words.
	splits  sync.Map
	cached  atomic.Int64
	entries map[string]bool
	// forms maps the form a part takes before another part to its entry:
	// the entry itself and its stem ("schul" for "schule", "wohn" for
	// "wohnen").
	forms map[string]string
	// stems maps a stem to the entries with it, for the last part, which
	// may be inflected ("antrage" → "antrag").
	stems map[string][]string
}

func newLexicon() *lexicon {
	return &lexicon{entries: map[string]bool{}, forms: map[string]string{}, stems: map[string][]string{}}
}

// clone copies the lexicon, so an Engine can add its terms.
func (l *lexicon) clone() *lexicon {
	c := newLexicon()
	for k := range l.entries {
		c.entries[k] = true
	}
	for k, v := range l.forms {
		c.forms[k] = v
	}
	for k, v := range l.stems {
		c.stems[k] = append([]string(nil), v...)
	}
	return c
}

// add puts a folded word into the lexicon.
func (l *lexicon) add(w string) {
	if len([]rune(w)) < minPart || l.entries[w] || stopwords[w] {
		return
	}
	l.entries[w] = true
	// An entry's own form wins over another entry's truncated form ("bau"
	// over the form of "bauen").
	l.forms[w] = w
	for _, t := range truncations(w) {
		if _, taken := l.forms[t]; !taken && len([]rune(t)) >= minPart {
			l.forms[t] = w
		}
	}
	st := Stem(w)
	l.stems[st] = append(l.stems[st], w)
}

// truncations are the forms other than itself that a word takes before
// another part of a compound: a noun drops its final -e ("Schul|buch",
// "Sprach|kurs"), a verb its infinitive ending ("Wohn|geld", "Impf|pass",
// "Wander|weg"). No other ending is dropped: "Wasser" is never "Wass-".
func truncations(w string) []string {
	var out []string
	switch {
	case strings.HasSuffix(w, "ern") || strings.HasSuffix(w, "eln"):
		out = append(out, w[:len(w)-1])
	case strings.HasSuffix(w, "en"):
		out = append(out, w[:len(w)-2])
	case strings.HasSuffix(w, "e"):
		out = append(out, w[:len(w)-1])
	}
	return out
}

// linkFits reports whether a linking element may follow a part of a
// compound, by the part's ending (German word formation): "-e" and "-er"
// follow a consonant ("Hund-e-", "Kind-er-") but not "-er", "-el", "-en"
// ("Wasser-e-" is no German); "-n" follows "-e", "-el" or "-er"
// ("Rente-n-", "Bauer-n-"); "-ns" follows "-e" ("Name-ns-"); "-en" and
// "-es" follow no "-e" ("Person-en-", "Bund-es-"); "-s" follows no vowel and
// no s-sound ("Arbeit-s-"). A truncated form ("Schul-") takes none.
func linkFits(seg, link string, truncated bool) bool {
	if link == "" {
		return truncated || !needsS(seg)
	}
	if truncated || seg == "" {
		return false
	}
	last := seg[len(seg)-1]
	vowel := strings.IndexByte("aeiouy", last) >= 0
	switch link {
	case "e":
		return !vowel && !strings.HasSuffix(seg, "er") && !strings.HasSuffix(seg, "el") && !strings.HasSuffix(seg, "en") && !strings.HasSuffix(seg, "em")
	case "er":
		return !vowel && !strings.HasSuffix(seg, "er") && !strings.HasSuffix(seg, "el") && !strings.HasSuffix(seg, "en")
	case "n":
		return last == 'e' || strings.HasSuffix(seg, "el") || strings.HasSuffix(seg, "er")
	case "ns":
		return last == 'e'
	case "en", "es":
		return last != 'e'
	case "s":
		return !vowel && last != 's' && last != 'x' && last != 'z'
	}
	return false
}

// sSuffixes are the endings after which a part takes the Fugen-s in every
// compound ("Informations|technik", "Sicherheits|übungen",
// "Qualitäts|management", "Eigentums|recht"), folded; minSSuffixWord is
// the shortest part they apply to ("Tat|ort", "Jung|brunnen").
var sSuffixes = []string{"ung", "heit", "keit", "schaft", "ion", "itat", "tum"}

const minSSuffixWord = 5

// needsS reports whether a part must be followed by a Fugen-s when another
// part follows it.
func needsS(seg string) bool {
	if len(seg) < minSSuffixWord {
		return false
	}
	for _, x := range sSuffixes {
		if strings.HasSuffix(seg, x) {
			return true
		}
	}
	return false
}

// final finds the entry of a last part, which may be inflected.
func (l *lexicon) final(seg string) (string, bool) {
	if l.entries[seg] {
		return seg, true
	}
	// English loanwords take a plural -s the stemmer keeps ("Apps").
	if t, ok := strings.CutSuffix(seg, "s"); ok && l.entries[t] {
		return t, true
	}
	// An inflected form is the entry with an inflection ending ("antrage",
	// "arzte", "gerichten") or the entry less its final letter ("schul"); a
	// shorter word with the same stem is another word ("dung" is not
	// "dunger"), and a derivational ending makes another word too
	// ("wirtschaftung" is not "Wirtschaft" inflected).
	best := ""
	for _, c := range l.stems[Stem(seg)] {
		if rest, ok := strings.CutPrefix(seg, c); ok && !slices.Contains(inflections, rest) || !ok && !(strings.HasPrefix(c, seg) && len(c)-len(seg) <= 1) {
			continue
		}
		if best == "" || commonPrefix(c, seg) > commonPrefix(best, seg) || commonPrefix(c, seg) == commonPrefix(best, seg) && c < best {
			best = c
		}
	}
	if best == "" {
		// Plurals the stemmer does not reduce ("Titeln").
		for _, end := range []string{"n", "en", "e", "s", "es", "er", "ern"} {
			if t, ok := strings.CutSuffix(seg, end); ok && l.entries[t] {
				return t, true
			}
		}
	}
	return best, best != ""
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// inflections are the endings of inflected German nouns, adjectives and
// verbs.
var inflections = []string{"", "e", "n", "en", "s", "es", "er", "ern", "em", "ns", "nen", "se", "sen", "ses", "t", "et", "st"}

// part is one part of a word: the dictionary entry it is ("" if the part is
// not in the dictionary) and where it starts and ends in the folded word
// (in runes; a linking element after it is not part of it).
type part struct {
	entry      string
	start, end int
}

// segmentation is a candidate split of a word, compared by cost.
type segmentation struct {
	parts    []part
	unknown  int // parts not in the dictionary (at most one)
	known    int // letters in known parts
	linkRune int // letters in linking elements
}

func (s segmentation) better(o segmentation) bool {
	if s.unknown != o.unknown {
		return s.unknown < o.unknown
	}
	// With a guessed part, the split that knows more of the word wins
	// ("Anwohner|park|ausweis" over "Anwohnerpark|ausweis").
	if s.known != o.known {
		return s.known > o.known
	}
	// As much known, the split whose last part — the head, which carries
	// the meaning — is known wins ("Planungsrats|sitzung" over
	// "Planungs|ratssitzung").
	if sk, ok := s.headKnown(), o.headKnown(); sk != ok {
		return sk
	}
	if len(s.parts) != len(o.parts) {
		return len(s.parts) < len(o.parts)
	}
	return s.linkRune < o.linkRune
}

// headKnown reports whether the last part is in the dictionary.
func (s segmentation) headKnown() bool {
	return len(s.parts) > 0 && s.parts[len(s.parts)-1].entry != ""
}

// plausibleGuess reports whether a part not in the dictionary can be a
// German word: it has a vowel and does not end in "c", which in German
// only stands in "ch", "ck" and "sch" ("bewirtsc|haftung" cuts "sch").
func plausibleGuess(seg string) bool {
	return strings.ContainsAny(seg, "aeiouy") && !strings.HasSuffix(seg, "c")
}

// suffixes are derivational endings; a guessed last part that begins with
// one is an ending, not a word ("gewerb|liche").
var suffixes = []string{"lich", "isch", "ung", "heit", "keit", "ier", "bar", "sam", "los", "haft", "ig", "end"}

func looksLikeSuffix(seg string) bool {
	for _, x := range suffixes {
		if strings.HasPrefix(seg, x) {
			return true
		}
	}
	return false
}

// split splits a folded word into parts. The word itself, if it is in the
// dictionary (possibly inflected), is one part. Otherwise the word is split
// into parts of at least minPart letters, a linking element allowed after
// every part but the last; the split with fewest guessed parts, then most
// known letters, then fewest parts wins. A guessed part (not in the
// dictionary, at most one, only in a noun — a capitalised word — since
// lower-case words are verbs and adjectives whose endings look like parts)
// has at least minUnknown letters and stands before a known last part (the
// head, which carries the meaning: "Hunde|steuer" with "Hund" unknown), or
// is the last part itself if the known parts before it have at least
// minKnownBeforeUnknownHead letters and it does not begin like a
// derivational ending. A word that cannot be split is one unknown part.
func (l *lexicon) split(w string, noun bool) []part {
	key := w
	if noun {
		key = "N" + w
	}
	if ps, ok := l.splits.Load(key); ok {
		return ps.([]part)
	}
	ps := l.splitUncached(w, noun)
	if l.cached.Add(1) <= maxCachedSplits {
		l.splits.Store(key, ps)
	}
	return ps
}

// maxCachedSplits bounds the split cache of a lexicon.
const maxCachedSplits = 100000

func (l *lexicon) splitUncached(w string, noun bool) []part {
	rs := []rune(w)
	n := len(rs)
	if stopwords[w] {
		return []part{{start: 0, end: n}}
	}
	if e, ok := l.final(w); ok {
		return []part{{entry: e, start: 0, end: n}}
	}
	if ps := l.splitAdjective(w); ps != nil {
		return ps
	}
	if ps := l.splitCompound(w, noun); ps != nil {
		return ps
	}
	return []part{{start: 0, end: n}}
}

// adjectiveSuffixes are the endings that derive an adjective from a noun
// ("gericht|lich", "schul|isch", "tierärzt|lich"), longest first.
var adjectiveSuffixes = []string{"lich", "isch"}

// adjectiveEndings are the inflection endings of an adjective.
var adjectiveEndings = []string{"en", "em", "er", "es", "e", ""}

// splitAdjective splits an adjective derived from a noun into the noun's
// parts and the suffix ("gerichtlichen" → "gericht|lichen",
// "fachgerichtlich" → "fach|gericht|lich", "schulische" →
// "schul|ische"), so that it matches the noun's terms. The noun must be
// known entirely (an entry, its truncated form, or a compound of entries
// without a guessed part); the suffix is a part of its own ("-lich",
// "-isch") that no noun term matches. Nil if the word is no such
// adjective.
func (l *lexicon) splitAdjective(w string) []part {
	rs := []rune(w)
	for _, end := range adjectiveEndings {
		stem, ok := strings.CutSuffix(w, end)
		if !ok {
			continue
		}
		for _, suf := range adjectiveSuffixes {
			b, ok := strings.CutSuffix(stem, suf)
			if !ok || len([]rune(b)) < minPart {
				continue
			}
			nb := len([]rune(b))
			suffix := part{entry: "-" + suf, start: nb, end: len(rs)}
			if e, ok := l.forms[b]; ok {
				return []part{{entry: e, start: 0, end: nb}, suffix}
			}
			// The noun's last part, too, must be the entry or its
			// truncated form, not an inflected form ("elektron" is not
			// "Elektro" with a plural ending).
			if ps := l.splitCompound(b, false); ps != nil && !hasUnknown(ps) {
				last := ps[len(ps)-1]
				if l.forms[string([]rune(b)[last.start:])] == last.entry {
					return append(ps, suffix)
				}
			}
		}
	}
	return nil
}

// splitCompound splits a folded word into at least two parts as split
// describes; nil if it cannot.
func (l *lexicon) splitCompound(w string, noun bool) []part {
	rs := []rune(w)
	n := len(rs)
	guess := noun
	// mods[i] is the best split of rs[:i] into parts that are followed by
	// another part; nil if there is none.
	mods := make([]*segmentation, n+1)
	mods[0] = &segmentation{}
	for i := 0; i < n; i++ {
		if mods[i] == nil {
			continue
		}
		for k := i + minPart; k < n; k++ {
			seg := string(rs[i:k])
			e, known := l.forms[seg]
			if !known && (!guess || mods[i].unknown > 0 || k-i < minUnknown || !plausibleGuess(seg)) {
				continue
			}
			for _, link := range linkingElements {
				end := k + len(link)
				if end >= n || string(rs[k:end]) != link || !linkFits(seg, link, known && e != seg) {
					continue
				}
				c := segmentation{parts: append(append([]part(nil), mods[i].parts...), part{entry: e, start: i, end: k}),
					unknown: mods[i].unknown, known: mods[i].known, linkRune: mods[i].linkRune + len(link)}
				if known {
					c.known += k - i
				} else {
					c.unknown++
				}
				if mods[end] == nil || c.better(*mods[end]) {
					mods[end] = &c
				}
			}
		}
	}
	var best *segmentation
	for j := minPart; j+minPart <= n; j++ {
		m := mods[j]
		if m == nil {
			continue
		}
		seg := string(rs[j:])
		c := segmentation{parts: append(append([]part(nil), m.parts...), part{start: j, end: n}), unknown: m.unknown, known: m.known, linkRune: m.linkRune}
		if e, ok := l.final(seg); ok {
			if e == "ende" && len(m.parts) > 0 && m.parts[len(m.parts)-1].end == j {
				// "Ende" as a head follows a linking element ("Jahr-es-ende",
				// "Woche-n-ende"); without one the "-end" is a participle's
				// ("Teilnehm-ende", "Vorsitz-enden").
				continue
			}
			c.parts[len(c.parts)-1].entry = e
			c.known += n - j
		} else if guess && m.unknown == 0 && m.known >= minKnownBeforeUnknownHead && n-j >= minUnknownHead && !looksLikeSuffix(seg) {
			c.unknown++
		} else {
			continue
		}
		if c.unknown > 1 {
			continue
		}
		if best == nil || c.better(*best) {
			best = &c
		}
	}
	if best == nil {
		return nil
	}
	return best.parts
}

// Split shows how a word is split for matching with the dictionary alone,
// with "|" between the parts ("Bauantrag" → "Bau|antrag",
// "Schulverwaltung" → "Schul|verwaltung"); a linking element stays with
// the part before it ("Arbeits|markt"). Engine.Split also knows the
// profiles' terms.
func Split(word string) string {
	return showSplit(word, baseLexicon().split(fold(word), isNoun(word)))
}

// isNoun reports whether a word is capitalised, as German nouns are.
func isNoun(word string) bool {
	for _, r := range word {
		return unicode.IsUpper(r)
	}
	return false
}

// showSplit writes the original word with "|" where a part begins.
func showSplit(word string, parts []part) string {
	if len(parts) < 2 {
		return word
	}
	_, orig := foldMap(word)
	cuts := map[int]bool{}
	for _, p := range parts[1:] {
		if p.start < len(orig) {
			cuts[orig[p.start]] = true
		}
	}
	var b strings.Builder
	i := 0
	for _, r := range word {
		if cuts[i] {
			b.WriteByte('|')
		}
		b.WriteRune(r)
		i++
	}
	return b.String()
}

// Parts gives the parts of a compound word as Split shows them
// ("Registermodernisierung" → "Register", "modernisierung"; a linking
// element stays with the part before it), or nil for a word the
// dictionary does not split.
func Parts(word string) []string {
	if strings.Contains(word, "|") {
		return nil // not a word; "|" is what Split marks the cuts with
	}
	shown := Split(word)
	if !strings.Contains(shown, "|") {
		return nil
	}
	return strings.Split(shown, "|")
}
