// Package relevance proposes which Fachministerkonferenzen (FachMK) an
// agenda item or a decision concerns, from its German text and the
// conferences' topic profiles (weighted terms). Words are compared by their
// Snowball stems, so inflected forms match; a term also matches as part of a
// compound ("Cloud" in "Justizcloud"). Every proposal names the terms that
// matched and the words they matched in. Proposals only help: the member's
// impact statement and the reporting member's assessment are what count.
package relevance

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/german"

	"gremium/internal/model"
)

// Threshold is the score from which a conference is proposed: the
// conference named (weight 2), or two of its topics.
const Threshold = 2.0

// minCompound is the shortest stem that matches as part of a compound word.
const minCompound = 5

// Profile is a FachMK's topic profile.
type Profile struct {
	ConferenceID int64
	Abbrev       string
	Name         string
	Terms        []model.Term
}

// Match is one term of a profile found in a text.
type Match struct {
	Term   string  // the profile's term
	Weight float64 // its weight
	Found  string  // the words of the text it matched
}

// Proposal is a conference proposed for a text, with the evidence.
type Proposal struct {
	ConferenceID int64
	Abbrev       string
	Name         string
	Score        float64
	Matches      []Match
}

// Terms lists the matched terms, for display: "Justiz (Justizcloud), Cloud".
func (p Proposal) Terms() string {
	var parts []string
	for _, m := range p.Matches {
		if strings.EqualFold(m.Term, m.Found) {
			parts = append(parts, m.Term)
		} else {
			parts = append(parts, m.Term+" ("+m.Found+")")
		}
	}
	return strings.Join(parts, ", ")
}

type term struct {
	text   string
	stems  []string
	weight float64
}

type compiled struct {
	Profile
	terms []term
}

// Engine proposes conferences for texts; it is safe for concurrent use.
type Engine struct {
	profiles []compiled
}

// New compiles the profiles.
func New(profiles []Profile) *Engine {
	e := &Engine{}
	for _, p := range profiles {
		c := compiled{Profile: p}
		for _, t := range p.Terms {
			stems := stemAll(tokens(t.Term))
			if len(stems) == 0 || t.Weight <= 0 {
				continue
			}
			c.terms = append(c.terms, term{text: t.Term, stems: stems, weight: t.Weight})
		}
		e.profiles = append(e.profiles, c)
	}
	return e
}

// Propose gives the conferences whose score reaches Threshold, best first.
func (e *Engine) Propose(text string) []Proposal {
	words := tokens(text)
	stems := stemAll(words)
	var out []Proposal
	for _, p := range e.profiles {
		prop := Proposal{ConferenceID: p.ConferenceID, Abbrev: p.Abbrev, Name: p.Name}
		for _, t := range p.terms {
			if found, ok := find(t.stems, stems, words); ok {
				prop.Score += t.weight
				prop.Matches = append(prop.Matches, Match{Term: t.text, Weight: t.weight, Found: found})
			}
		}
		if prop.Score >= Threshold {
			out = append(out, prop)
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

// find looks for a term's stems in the text: a one-word term as a word or as
// part of a compound, a longer term as consecutive words.
func find(term, stems, words []string) (string, bool) {
	if len(term) == 1 {
		t := term[0]
		for i, s := range stems {
			if s == t || len(t) >= minCompound && (strings.HasPrefix(s, t) || strings.HasSuffix(s, t)) {
				return words[i], true
			}
		}
		return "", false
	}
	for i := 0; i+len(term) <= len(stems); i++ {
		match := true
		for j, t := range term {
			if stems[i+j] != t {
				match = false
				break
			}
		}
		if match {
			return strings.Join(words[i:i+len(term)], " "), true
		}
	}
	return "", false
}

// tokens splits a text into words (letters and digits); hyphens split
// words, so "Cloud-Computing" is "Cloud", "Computing".
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
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

func stemAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = Stem(w)
	}
	return out
}
