package minutes

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// numberedMarkRE is the expression nextNumberedMark replaced.
var numberedMarkRE = regexp.MustCompile(`(\d{1,2})\.\s+[A-ZÄÖÜ„"(§]`)

// scanTexts are texts for the scanners: the seed's and the fuzz corpus's
// lines, edge cases and random strings of the characters that matter.
func scanTexts(t *testing.T) []string {
	t.Helper()
	texts := []string{"", " ", "1. A", "1.A", "123. A", "1.  \t„Die", "a 1. Der 2. Die", "zur 49. Sitzung", "31.08.2025 2. Die",
		"1. ", "1.\n(§", "9. ä", "12.\u00a0A", "x  y", " x", "x ", "x\u00a0y", "x\ty", "ä ö", "ä  ö", "a\u2003b", "\x01 a"}
	if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seeds", "000_d83e092d3fe92c21.txt")); err == nil {
		texts = append(texts, strings.Split(string(b), "\n")...)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, strings.Split(string(b), "\n")...)
		}
	}
	alphabet := []string{"1", "2", "9", "0", ".", " ", "  ", "\t", "\n", "\u00a0", "A", "Z", "a", "Ä", "ä", "„", `"`, "(", "§", "x", "\u2003"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(14) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestNumberedMarkScanner checks the scanner finds the matches (and their
// numbers) the regular expression finds.
func TestNumberedMarkScanner(t *testing.T) {
	for _, text := range scanTexts(t) {
		want := numberedMarkRE.FindAllStringSubmatchIndex(text, -1)
		var got [][]int
		for from := 0; ; {
			start, digits, end, ok := nextNumberedMark(text, from)
			if !ok {
				break
			}
			got = append(got, []int{start, end, start, digits})
			from = end
		}
		if len(got) != len(want) {
			t.Fatalf("%q: scanner %v, expression %v", text, got, want)
		}
		for i := range got {
			for j := range 4 {
				if got[i][j] != want[i][j] {
					t.Fatalf("%q: scanner %v, expression %v", text, got, want)
				}
			}
		}
	}
}

// TestSingleSpaced checks singleSpaced against strings.Fields.
func TestSingleSpaced(t *testing.T) {
	for _, text := range scanTexts(t) {
		if got, want := singleSpaced(text), strings.Join(strings.Fields(text), " "); got != want {
			t.Fatalf("%q: %q, want %q", text, got, want)
		}
	}
}

// TestEnclosed checks enclosed.inner against the regular expressions it
// replaced.
func TestEnclosed(t *testing.T) {
	for _, c := range []struct {
		e  enclosed
		re *regexp.Regexp
	}{
		{markedRaw, regexp.MustCompile(`^<div class="unzugeordnet">(.*)</div>$`)},
		{markedText, regexp.MustCompile(`^<div class="vermerk">(.*)</div>$`)},
		{markedSecret, regexp.MustCompile(`^<div class="vertraulich">(.*)</div>$`)},
		{recommendationRow, regexp.MustCompile(`^<p class="beschlussempfehlung">(.*)</p>$`)},
	} {
		texts := []string{c.e.open + c.e.close, c.e.open + "x" + c.e.close, c.e.open + "a\nb" + c.e.close, c.e.open + "x" + c.e.close + " ",
			" " + c.e.open + c.e.close, c.e.open, c.e.close, c.e.open + "<p>x</p></div></p>" + c.e.close, c.e.open[:len(c.e.open)-2] + c.e.close,
			c.e.open + "\xff\xfe" + c.e.close, c.e.open + c.e.close + c.e.open + c.e.close}
		for _, text := range append(texts, scanTexts(t)...) {
			m := c.re.FindStringSubmatch(text)
			in, ok := c.e.inner(text)
			if ok != (m != nil) || ok && in != m[1] {
				t.Fatalf("%q: %q %v, the expression %q", text, in, ok, m)
			}
		}
	}
}

// TestInputs checks inputs against the regular expression it
// replaced.
func TestInputs(t *testing.T) {
	re := regexp.MustCompile(`<input([^>]*)>\s*([^<\t]*)`)
	texts := []string{`<input type="checkbox" checked> Beschluss <input type="checkbox">Protokollnotiz`, `<input>`, `<input`, `<inp<input x>a`,
		"<input a\nb>\n\t x\ty<input>", `<input <input>> a`, `x<input checked>  Follow-Up</td>`, "<input>\t", "<input> \u00a0a"}
	for _, text := range append(texts, scanTexts(t)...) {
		want := re.FindAllStringSubmatch(text, -1)
		got := inputs(text)
		if len(got) != len(want) {
			t.Fatalf("%q: %q, the expression %q", text, got, want)
		}
		for i := range got {
			if got[i][0] != want[i][1] || got[i][1] != want[i][2] {
				t.Fatalf("%q: %q, the expression %q", text, got, want)
			}
		}
	}
}
