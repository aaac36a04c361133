// Package relevance proposes which Fachministerkonferenzen (FachMK) an
// agenda item or a decision concerns, from its German text and the
// conferences' topic profiles (weighted terms). Words are folded (case,
// umlauts, ß), split into the parts of a German compound with a dictionary
// of word parts ("Bauantrag" → "Bau|antrag", "Hundesteuer" →
// "Hunde|steuer"), and the last part is compared by its Snowball stem, so
// inflected forms match. Every proposal names the terms that matched, the
// words they matched in with their split, and the weights: the profile's,
// moved by what the secretariat and the reporting members confirmed and
// rejected (Feedback). Proposals only help: the member's impact statement
// and the reporting member's assessment are what count.
package relevance

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/german"

	"gremium/internal/model"
)

// Threshold is the score from which a conference is proposed for a text:
// the conference named or a term of weight 2, or two of its topics. A short
// text — an agenda title, at most ShortText words — needs only
// ShortThreshold, one topic: a title names its subject in few words, while
// a longer text touches many topics in passing.
const (
	Threshold      = 2.0
	ShortThreshold = 1.0
	ShortText      = 12
	// WeakThreshold is the score from which, in a short text in which no
	// conference reaches ShortThreshold, the best-scored conferences are
	// proposed all the same, marked Weak: a title names one subject, and a
	// context word ("Kasse" in "Kassenführung", "Insolvenz" in
	// "Insolvenzbekanntmachungen") is then the best evidence there is.
	WeakThreshold = 0.5
)

// thresholdFor gives the threshold for a text of n words.
func thresholdFor(n int) float64 {
	if n <= ShortText {
		return ShortThreshold
	}
	return Threshold
}

// Bounds of learning: every confirmation of a term moves its weight up by
// LearnStep times the profile's weight, every rejection down; the factor
// stays between MinFactor and MaxFactor.
const (
	LearnStep = 0.25
	MinFactor = 0.25
	MaxFactor = 2.0
)

// Feedback is what assessments taught one term of a conference: how often
// the term was found in a text whose relevance for the conference was
// confirmed, and how often in a text for which the proposed conference was
// rejected.
type Feedback struct {
	Confirmed int
	Rejected  int
}

// Factor is the learned factor of the term's weight: 1 + LearnStep ×
// (confirmed − rejected), bounded to [MinFactor, MaxFactor].
func (f Feedback) Factor() float64 {
	x := 1 + LearnStep*float64(f.Confirmed-f.Rejected)
	return min(max(x, MinFactor), MaxFactor)
}

// TermKey is the key under which a term's feedback is kept: the term
// folded (case, umlauts, ß), with single spaces.
func TermKey(term string) string {
	return strings.Join(strings.Fields(fold(term)), " ")
}

// Profile is a FachMK's topic profile.
type Profile struct {
	ConferenceID int64
	Abbrev       string
	Name         string
	Terms        []model.Term
	// Feedback is what assessments taught, by TermKey; nil if nothing.
	Feedback map[string]Feedback
}

// Match is one term of a profile found in a text.
type Match struct {
	Term     string   // the profile's term
	Weight   float64  // its weight as learned
	Base     float64  // its weight in the profile
	Feedback Feedback // what moved the weight
	// Found is the passage of the text it matched in, as the text has it:
	// "Bauantrag" for the term "Bau", "Hochwasser- und Starkregenportal"
	// for "Hochwasserportal".
	Found string
}

// Learned reports whether assessments moved the term's weight.
func (m Match) Learned() bool { return m.Weight != m.Base }

// String shows the match as a reader expects it: the term, and where the
// text does not have it as written the passage it stands in — "Bau (in
// „Bauantrag“)", "Wohngeld (gelerntes Gewicht 2,5 statt 2)". The
// compound split that found it ("Bau|antrag") is the engine's working,
// not an explanation (docs/relevance.md, "Explanation").
func (m Match) String() string {
	var notes []string
	if m.Found != "" && TermKey(m.Term) != TermKey(m.Found) {
		notes = append(notes, "in „"+m.Found+"“")
	}
	if m.Learned() {
		notes = append(notes, "gelerntes Gewicht "+Number(m.Weight)+" statt "+Number(m.Base))
	}

	if len(notes) == 0 {
		return m.Term
	}
	return m.Term + " (" + strings.Join(notes, "; ") + ")"
}

// Number formats a weight or score the German way: "2", "1,25".
func Number(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", ",", 1)
}

// Proposal is a conference proposed for a text, with the evidence.
type Proposal struct {
	ConferenceID int64
	Abbrev       string
	Name         string
	Score        float64
	Matches      []Match
	// Weak marks a proposal below the threshold: the best evidence in a
	// short text in which no conference reaches the threshold.
	Weak bool
}

// Terms lists the matched terms, for display: "Justiz (in
// „Justizcloud“), Cloud (in „Justizcloud“)".
func (p Proposal) Terms() string {
	parts := make([]string, len(p.Matches))
	for i, m := range p.Matches {
		parts[i] = m.String()
	}
	return strings.Join(parts, ", ")
}

// ScoreText is the score for display, to two decimals at most: "3", "2,5".
func (p Proposal) ScoreText() string {
	return Number(float64(int(p.Score*100+0.5)) / 100)
}

type term struct {
	text     string
	key      string
	ids      []string // the term's parts
	base     float64
	weight   float64
	feedback Feedback
}

type compiled struct {
	Profile
	terms []term
}

// Engine proposes conferences for texts; it is safe for concurrent use.
type Engine struct {
	lex      *lexicon
	profiles []compiled
}

// New compiles the profiles. A word of a term that the dictionary cannot
// split into known parts becomes a dictionary entry itself, so that it is
// found inside compounds too ("Justiz" in "Justiz|cloud").
func New(profiles []Profile) *Engine {
	e := &Engine{lex: baseLexicon()}
	// Term words the dictionary cannot split; those that split into the
	// others ("Justizcloud" into "Justiz" and "Cloud") are not added, so
	// the order of the terms does not matter.
	var cands []string
	seen := map[string]bool{}
	for _, p := range profiles {
		for _, t := range p.Terms {
			for _, w := range tokens(t.Term) {
				f := fold(w)
				if stopwords[f] || len([]rune(f)) < minPart || seen[f] {
					continue
				}
				seen[f] = true
				if hasUnknown(e.lex.split(f, false)) {
					cands = append(cands, f)
				}
			}
		}
	}
	if len(cands) > 0 {
		e.lex = lexiconFor(cands)
	}
	for _, p := range profiles {
		c := compiled{Profile: p}
		for _, t := range p.Terms {
			ids := e.analyse(t.Term).ids()
			if len(ids) == 0 || t.Weight <= 0 {
				continue
			}
			key := TermKey(t.Term)
			fb := p.Feedback[key]
			c.terms = append(c.terms, term{text: t.Term, key: key, ids: ids, base: t.Weight, weight: t.Weight * fb.Factor(), feedback: fb})
		}
		e.profiles = append(e.profiles, c)
	}
	return e
}

// Split shows how the engine splits a word: with the dictionary and the
// profiles' terms ("Bau|antrag").
func (e *Engine) Split(word string) string {
	return showSplit(word, e.lex.split(fold(word), isNoun(word)))
}

// lastLexicon keeps the lexicon built for the last set of term words:
// profiles change seldom, and building one costs far more than a request.
var lastLexicon atomic.Pointer[keyedLexicon]

type keyedLexicon struct {
	key string
	lex *lexicon
}

// lexiconFor gives the base lexicon with the term words that it cannot
// split.
func lexiconFor(cands []string) *lexicon {
	sorted := slices.Clone(cands)
	slices.Sort(sorted)
	key := strings.Join(sorted, "\x00")
	if k := lastLexicon.Load(); k != nil && k.key == key {
		return k.lex
	}
	all := baseLexicon().clone()
	for _, c := range cands {
		all.add(c)
	}
	lex := baseLexicon().clone()
	for _, c := range cands {
		if ps := all.splitCompound(c, false); ps == nil || hasUnknown(ps) {
			lex.add(c)
		}
	}
	lastLexicon.Store(&keyedLexicon{key: key, lex: lex})
	return lex
}

func hasUnknown(ps []part) bool {
	for _, p := range ps {
		if p.entry == "" {
			return true
		}
	}
	return false
}

// analysis is a text split into words and the words into parts.
type analysis struct {
	src   []rune // the text, ligatures read as their letters
	words []string
	spans []span // per word, where it stands in src
	parts [][]part
	flat  []flatPart
}

// flatPart is one part of the text, in order across words.
type flatPart struct {
	id   string // the dictionary entry, or "?" and the folded part
	word int
}

func (a analysis) ids() []string {
	out := make([]string, len(a.flat))
	for i, f := range a.flat {
		out[i] = f.id
	}
	return out
}

func (e *Engine) analyse(text string) analysis {
	a := analysis{src: []rune(Unligate(text))}
	words, spans := e.completeElliptic(wordTokens(a.src))
	a.spans = spans
	for _, w := range words {
		f := fold(w)
		ps := e.lex.split(f, isNoun(w))
		rs := []rune(f)
		for _, p := range ps {
			id := p.entry
			if id == "" {
				id = "?" + string(rs[p.start:p.end])
			}
			a.flat = append(a.flat, flatPart{id: id, word: len(a.words)})
		}
		a.words = append(a.words, w)
		a.parts = append(a.parts, ps)
	}
	return a
}

// find looks for a term's parts as consecutive parts of the text and gives
// the passage of the text they are in, as the text has it.
func (a analysis) find(ids []string) (string, bool) {
	for i := 0; i+len(ids) <= len(a.flat); i++ {
		match := true
		for j, id := range ids {
			if a.flat[i+j].id != id {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		from, to := a.spans[a.flat[i].word], a.spans[a.flat[i+len(ids)-1].word]
		passage := string(a.src[min(from.start, to.start):max(from.end, to.end)])
		return strings.Join(strings.Fields(passage), " "), true
	}
	return "", false
}

// asWritten reports whether term stands in text as written, as whole
// words (both lower case): "registermodernisierung" in
// "registermodernisierung – bericht", not "bau" in "digitaler bauantrag".
func asWritten(text, term string) bool {
	for from := 0; term != ""; {
		i := strings.Index(text[from:], term)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(term)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after)) {
			return true
		}
		from = start + 1
	}
	return false
}

// score gives every conference with at least one matched term.
func (e *Engine) score(text string) []Proposal {
	props, _ := e.scored(text)
	return props
}

// scored gives every conference with at least one matched term and the
// number of words of the text.
func (e *Engine) scored(text string) ([]Proposal, int) {
	a := e.analyse(text)
	lower := strings.ToLower(Unligate(text))
	// Only a term whose first part is in the text can match.
	present := make(map[string]bool, len(a.flat))
	for _, f := range a.flat {
		present[f.id] = true
	}
	var out []Proposal
	for _, p := range e.profiles {
		prop := Proposal{ConferenceID: p.ConferenceID, Abbrev: p.Abbrev, Name: p.Name}
		for _, t := range p.terms {
			if !present[t.ids[0]] {
				continue
			}
			if found, ok := a.find(t.ids); ok {
				if asWritten(lower, strings.ToLower(t.text)) {
					// Written as the term somewhere, perhaps after a first
					// place inside a compound: the term says it all.
					found = t.text
				}
				prop.Score += t.weight
				prop.Matches = append(prop.Matches, Match{Term: t.text, Weight: t.weight, Base: t.base, Feedback: t.feedback, Found: found})
			}
		}
		if len(prop.Matches) > 0 {
			out = append(out, prop)
		}
	}
	return out, len(a.words)
}

// proposed selects from the scored conferences of a text of n words those
// that are proposed: those whose score reaches the threshold for the text
// and, in a short text where none does, the best-scored ones if their
// score reaches WeakThreshold (marked Weak). Best first.
func proposed(props []Proposal, n int) []Proposal {
	var out []Proposal
	threshold := thresholdFor(n)
	best := 0.0
	for _, p := range props {
		if p.Score >= threshold {
			out = append(out, p)
		}
		best = max(best, p.Score)
	}
	if len(out) == 0 && n <= ShortText && best >= WeakThreshold {
		for _, p := range props {
			if p.Score == best {
				p.Weak = true
				out = append(out, p)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Propose gives the conferences proposed for the text, best first: those
// whose score reaches the threshold (Threshold, or ShortThreshold for a
// short text) and, in a short text where none does, the best-scored ones
// from WeakThreshold on, marked Weak.
func (e *Engine) Propose(text string) []Proposal {
	return proposed(e.scored(text))
}

// Evidence gives the terms (by TermKey) that an assessment of a conference
// for a text teaches: if the conference is confirmed as relevant, every term
// of its profile found in the text; if it is rejected, the terms found when
// the text got the conference proposed (a rejection of a conference that was
// not proposed teaches nothing).
func (e *Engine) Evidence(text string, conferenceID int64, relevant bool) []string {
	props, n := e.scored(text)
	if !relevant {
		props = proposed(props, n)
	}
	for _, p := range props {
		if p.ConferenceID != conferenceID {
			continue
		}
		var keys []string
		seen := map[string]bool{}
		for _, c := range e.profiles {
			if c.ConferenceID != conferenceID {
				continue
			}
			for _, m := range p.Matches {
				for _, t := range c.terms {
					if t.text == m.Term && !seen[t.key] {
						seen[t.key] = true
						keys = append(keys, t.key)
					}
				}
			}
		}
		return keys
	}
	return nil
}

// ItemText is the text of an agenda item that proposals look at: title and
// points, confidential passages included (proposals are internal).
func ItemText(it model.AgendaItem) string {
	return model.StripMarks(it.Title + ". " + strings.Join(it.Points, ". "))
}

// DecisionText is the text of a decision that proposals look at: title and
// points.
func DecisionText(d model.Decision) string {
	var b strings.Builder
	b.WriteString(d.Title + ". ")
	for _, p := range d.Points {
		b.WriteString(p.Text + " ")
	}
	return model.StripMarks(b.String())
}

// AssessmentText is the text a decision profile (Beschluss-Steckbrief) is
// proposed from: the agenda item's text (if the decision has one, it.ID ≠ 0)
// and the decision's.
func AssessmentText(d model.Decision, it model.AgendaItem) string {
	if it.ID == 0 {
		return DecisionText(d)
	}
	return ItemText(it) + " " + DecisionText(d)
}

// ligatures writes the Latin typographic ligatures (U+FB00–U+FB06) as the
// letters they join, their NFKC form.
var ligatures = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")

// Unligate gives s with its typographic ligatures written out as their
// letters: text extracted from a PDF carries "Qualiﬁkation" and "Einﬂuss",
// which a reader (and a FachMK's topic profile) writes "Qualifikation" and
// "Einfluss". The proposals read texts through it, the search index and
// its queries their words. A text without one, nearly every text, is
// given back without a copy (the ligatures' UTF-8 begins with 0xEF).
func Unligate(s string) string {
	if strings.IndexByte(s, 0xEF) < 0 {
		return s
	}
	return ligatures.Replace(s)
}

// tokens splits a text into words (letters and digits); hyphens split
// words, so "Cloud-Computing" is "Cloud", "Computing".
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// token is a word of a text; elliptic marks the first member of a compound
// whose head is left out to follow later ("Kinder-" in "Kinder- und
// Jugendhilfe").
type token struct {
	word     string
	elliptic bool
	at       span
}

// span is where a word stands in a text, in runes: [start, end).
type span struct{ start, end int }

// wordTokens splits a text into words as tokens does and marks a word
// followed by a hyphen and then a space, a comma or the end as elliptic.
func wordTokens(rs []rune) []token {
	var out []token
	for i := 0; i < len(rs); {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && isWordRune(rs[j]) {
			j++
		}
		t := token{word: string(rs[i:j]), at: span{i, j}}
		if j < len(rs) && (rs[j] == '-' || rs[j] == '‐') && (j+1 == len(rs) || unicode.IsSpace(rs[j+1]) || rs[j+1] == ',') {
			t.elliptic = true
		}
		out = append(out, t)
		i = j
	}
	return out
}

// conjunctions join the members of a coordination with ellipsis.
var conjunctions = map[string]bool{"und": true, "oder": true, "sowie": true, "bzw": true, "beziehungsweise": true}

// completeElliptic gives the words of a text with every elliptic first
// member completed by the head of the compound that the coordination ends
// with: "Kinder- und Jugendhilfe" is "Kinderhilfe und Jugendhilfe",
// "Hochwasser-, Starkregen- und Dürreportal" is "Hochwasserportal,
// Starkregenportal und Dürreportal". A member stays as it is when no
// conjunction follows or the last word is no compound. Each word comes
// with where the text has it: a completed member from its start to the
// end of the compound that gave it its head ("Kinder- und Jugendhilfe").
func (e *Engine) completeElliptic(toks []token) ([]string, []span) {
	out := make([]string, len(toks))
	spans := make([]span, len(toks))
	for i, t := range toks {
		out[i], spans[i] = t.word, t.at
		if !t.elliptic {
			continue
		}
		j, conj := i+1, false
		for j < len(toks) && (toks[j].elliptic || conjunctions[strings.ToLower(toks[j].word)]) {
			conj = conj || conjunctions[strings.ToLower(toks[j].word)]
			j++
		}
		if !conj || j == len(toks) {
			continue
		}
		last := toks[j].word
		ps := e.lex.split(fold(last), isNoun(last))
		if len(ps) < 2 {
			continue
		}
		_, orig := foldMap(last)
		head := []rune(last)[orig[ps[len(ps)-1].start]:]
		out[i] = t.word + string(head)
		spans[i].end = toks[j].at.end
	}
	return out, spans
}

var envPool = sync.Pool{New: func() any { return snowballstem.NewEnv("") }}

// Stem gives the German Snowball stem of a word, lower-cased.
func Stem(word string) string {
	env := envPool.Get().(*snowballstem.Env)
	defer envPool.Put(env)
	env.SetCurrent(strings.ToLower(word))
	german.Stem(env)
	return env.Current()
}
