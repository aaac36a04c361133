package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A text kept in several versions — a decision as adopted and as
// corrected, a minutes row before and after its correction — is published
// in every version. A correction that marks a passage confidential
// ([[…]]) marks it for the versions before it too: otherwise the earlier
// version, shown beside the corrected one for transparency, publishes what
// the correction blacked out. MarkAsLater carries the marks back.

// maxAlignCells bounds the word alignment of MarkAsLater (words of the
// earlier text times words of the later one, after their common start and
// end): beyond it a word of the earlier text is marked wherever the later
// text marks the same word anywhere, which keeps at least as much back.
const maxAlignCells = 1 << 20

// MarkAsLater gives earlier, a former version of a text, with the
// confidential passages of later, the version that replaced it, marked in
// it as well: the earlier text's words are aligned with the later text's
// (a longest common subsequence of words, as WordDiff shows the change),
// and a word is marked when the later word it became is marked, in whole
// or in part. Words the correction replaced or dropped are marked when
// what replaced them is marked, or, for a dropped run, when a word beside
// it is: when in doubt, a passage stays confidential. Passages earlier
// marks itself stay marked. earlier comes back unchanged when later marks
// nothing more of it.
func MarkAsLater(earlier, later string) string {
	return MarkPartsAsLater([]string{earlier}, []string{later})[0]
}

// MarkPartsAsLater is MarkAsLater for a text kept in parts, such as a
// decision's numbered points: the parts of each version are aligned as one
// text, so a point that moved, was split or was merged is still matched,
// and each earlier part comes back with its marks.
func MarkPartsAsLater(earlier, later []string) []string {
	out := make([]string, len(earlier))
	copy(out, earlier)
	if !anyRedaction(later) {
		return out
	}
	e, l := readVersion(earlier), readVersion(later)
	marked := e.markAs(l)
	if marked == nil {
		return out
	}
	for i := range e.parts {
		if changed := e.parts[i].apply(marked[i]); changed {
			out[i] = e.parts[i].String()
		}
	}
	return out
}

func anyRedaction(ss []string) bool {
	for _, s := range ss {
		if HasRedaction(s) {
			return true
		}
	}
	return false
}

// markedPart is one part of a text read as Passages reads it: its text
// without marks, and which of its bytes are confidential.
type markedPart struct {
	plain string
	conf  []bool
	words [][2]int // byte spans of the words of plain
}

func readPart(s string) markedPart {
	var b strings.Builder
	var conf []bool
	for _, p := range Passages(s) {
		b.WriteString(p.Text)
		for range len(p.Text) {
			conf = append(conf, p.Confidential)
		}
	}
	m := markedPart{plain: b.String(), conf: conf}
	start := -1
	for i, r := range m.plain {
		if unicode.IsSpace(r) {
			if start >= 0 {
				m.words = append(m.words, [2]int{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		m.words = append(m.words, [2]int{start, len(m.plain)})
	}
	return m
}

// apply marks the bytes of the words given a mask (nil: the word stays
// as it is) and the spaces between two marked words, and reports whether
// anything new was marked.
func (m *markedPart) apply(words [][]bool) bool {
	changed := false
	for k, w := range m.words {
		if words[k] == nil {
			continue
		}
		for i := w[0]; i < w[1]; i++ {
			if words[k][i-w[0]] && !m.conf[i] {
				m.conf[i], changed = true, true
			}
		}
	}
	if !changed {
		return false
	}
	// One passage for a run of marked words, as a person marks it.
	for k := 1; k < len(m.words); k++ {
		a, b := m.words[k-1][1], m.words[k][0]
		if m.conf[a-1] && m.conf[b] {
			for i := a; i < b; i++ {
				m.conf[i] = true
			}
		}
	}
	return true
}

// String gives the part with its confidential bytes between marks.
func (m markedPart) String() string {
	var b strings.Builder
	in := false
	for i := 0; i < len(m.plain); {
		_, size := utf8.DecodeRuneInString(m.plain[i:])
		if m.conf[i] != in {
			if in {
				b.WriteString(RedactClose)
			} else {
				b.WriteString(RedactOpen)
			}
			in = m.conf[i]
		}
		b.WriteString(m.plain[i : i+size])
		i += size
	}
	if in {
		b.WriteString(RedactClose)
	}
	return b.String()
}

// versionWord is a word of a version: its text, whether any of it is
// confidential and which of its bytes are, and where it stands (part,
// index among the part's words); a part boundary is a word of its own
// with part -1.
type versionWord struct {
	text       string
	conf       bool
	mask       []bool
	part, word int
}

type version struct {
	parts []markedPart
	words []versionWord
}

// partBoundary is the text of the word between two parts: it matches only
// another boundary, as no word of a text holds a NUL.
const partBoundary = "\x00"

func readVersion(parts []string) version {
	var v version
	for p, s := range parts {
		if p > 0 {
			v.words = append(v.words, versionWord{text: partBoundary, part: -1})
		}
		m := readPart(s)
		v.parts = append(v.parts, m)
		for k, w := range m.words {
			conf := false
			for i := w[0]; i < w[1]; i++ {
				conf = conf || m.conf[i]
			}
			v.words = append(v.words, versionWord{text: m.plain[w[0]:w[1]], conf: conf, mask: m.conf[w[0]:w[1]], part: p, word: k})
		}
	}
	return v
}

// markAs gives, per part and word of v, the bytes the later version l
// marks in it (see MarkAsLater; nil for a word it leaves), or nil if it
// marks no word of v. A word that stayed as it was takes the later word's
// marks byte by byte ("Muster," of "⟦Muster⟧,"); any other word is marked
// whole.
func (v version) markAs(l version) [][][]bool {
	mark := make([][]bool, len(v.words))
	any := false
	whole := func(i int) []bool {
		m := make([]bool, len(v.words[i].text))
		for k := range m {
			m[k] = true
		}
		return m
	}
	set := func(i int, m []bool) {
		if v.words[i].part >= 0 {
			mark[i], any = m, true
		}
	}
	match := alignWords(v.words, l.words)
	if match == nil {
		// Too long to align: mark every word the later text marks anywhere.
		secret := map[string]bool{}
		for _, w := range l.words {
			if w.conf {
				secret[w.text] = true
			}
		}
		for i, w := range v.words {
			if secret[w.text] {
				set(i, whole(i))
			}
		}
	} else {
		prevJ := -1 // the later word matched before the current gap
		for i := 0; i < len(v.words); {
			if j := match[i]; j >= 0 {
				if l.words[j].conf {
					set(i, l.words[j].mask) // the same text: the same bytes
				}
				prevJ = j
				i++
				continue
			}
			// A run of earlier words the correction replaced or dropped.
			end := i
			for end < len(v.words) && match[end] < 0 {
				end++
			}
			nextJ := len(l.words)
			if end < len(v.words) {
				nextJ = match[end]
			}
			replacedByMarked, neighbourMarked := false, false
			for j := prevJ + 1; j < nextJ; j++ {
				replacedByMarked = replacedByMarked || l.words[j].conf
			}
			if prevJ+1 == nextJ {
				neighbourMarked = (prevJ >= 0 && l.words[prevJ].conf) || (nextJ < len(l.words) && l.words[nextJ].conf)
			}
			if replacedByMarked || neighbourMarked {
				for k := i; k < end; k++ {
					set(k, whole(k))
				}
			}
			i = end
		}
	}
	if !any {
		return nil
	}
	out := make([][][]bool, len(v.parts))
	for p := range v.parts {
		out[p] = make([][]bool, len(v.parts[p].words))
	}
	for i, w := range v.words {
		if mark[i] != nil {
			out[w.part][w.word] = mark[i]
		}
	}
	return out
}

// alignWords matches the words of a with those of b along a longest
// common subsequence of their texts: match[i] is the index in b of the
// word a[i] stayed, or -1 for a word replaced or dropped. It gives nil
// when the texts are too long to align (maxAlignCells).
func alignWords(a, b []versionWord) []int {
	match := make([]int, len(a))
	for i := range match {
		match[i] = -1
	}
	// The common start and end need no table.
	lo := 0
	for lo < len(a) && lo < len(b) && a[lo].text == b[lo].text {
		match[lo] = lo
		lo++
	}
	hiA, hiB := len(a), len(b)
	for hiA > lo && hiB > lo && a[hiA-1].text == b[hiB-1].text {
		hiA, hiB = hiA-1, hiB-1
		match[hiA] = hiB
	}
	n, m := hiA-lo, hiB-lo
	if n == 0 || m == 0 {
		return match
	}
	if n*m > maxAlignCells {
		return nil
	}
	pairs := lcsPairs(n, m, func(i, j int) bool { return a[lo+i].text == b[lo+j].text })
	for _, p := range pairs {
		match[lo+p[0]] = lo + p[1]
	}
	return match
}

// lcsPairs gives the index pairs of a longest common subsequence of two
// sequences of lengths n and m, in order, with equal(i, j) comparing their
// elements: the table both WordDiff and MarkAsLater align words with.
func lcsPairs(n, m int, equal func(i, j int) bool) [][2]int {
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if equal(i, j) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case equal(i, j):
			out = append(out, [2]int{i, j})
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}
