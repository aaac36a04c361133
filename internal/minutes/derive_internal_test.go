package minutes

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSentencesAsTheRegularExpression: the hand-written sentence scanner
// and point-number trim split and trim exactly as the regular expressions
// they replaced, on the seed-like cases and the edge cases.
func TestSentencesAsTheRegularExpression(t *testing.T) {
	sentenceEnd := regexp.MustCompile(`[.!?](\s+)`)
	pointNumber := regexp.MustCompile(`^\s*\d+\.\s+`)
	byRegexp := func(text string) []string {
		var out []string
		start := 0
		for _, m := range sentenceEnd.FindAllStringSubmatchIndex(text, -1) {
			if m[0] > 0 {
				prev := text[m[0]-1]
				if prev >= '0' && prev <= '9' {
					continue
				}
				if m[1] < len(text) {
					next := text[m[1]:]
					if r := []rune(next); len(r) > 0 && strings.ToLower(string(r[0])) == string(r[0]) && strings.ToUpper(string(r[0])) != string(r[0]) {
						continue
					}
				}
			}
			if s := strings.TrimSpace(text[start : m[0]+1]); s != "" {
				out = append(out, s)
			}
			start = m[1]
		}
		if s := strings.TrimSpace(text[start:]); s != "" {
			out = append(out, s)
		}
		return out
	}
	texts := []string{
		"", ".", ". ", " . x", "Ein Satz. Noch einer! Und? Ende",
		"Bis zur 49. Sitzung legt Bayern vor. Danke.",
		"Die Zahlen bzw. die Übersicht werden spätestens zum 01.03.2026 nachgereicht. Bitte an HE.",
		"z. B. dies. Über alles.\tÄrger\n\nöfter. ßtraße. 1. Punkt. 2. Punkt",
		"Ende...  Weiter.!? Ja", "Satz.\u00a0Kein Ende, weil NBSP kein \\s ist.", "a.\vB. c.\fD.",
		"2. Der IT-Planungsrat beauftragt die FITKO.", "  12.  Text", "3.Text", "3. ", "x. y",
	}
	for _, text := range texts {
		if got, want := sentences(text), byRegexp(text); !slices.Equal(got, want) {
			t.Errorf("sentences(%q) = %q, the regular expression gave %q", text, got, want)
		}
		if got, want := withoutPointNumber(text), pointNumber.ReplaceAllString(text, ""); got != want {
			t.Errorf("withoutPointNumber(%q) = %q, the regular expression gave %q", text, got, want)
		}
	}
}

// The words inSentence and responsible look for before asking the
// expressions request, passive, ordering and addressee are in every text
// the expression matches: no sentence that matched before is skipped.
func FuzzRequestWords(f *testing.F) {
	for _, s := range []string{
		"Bitte an den Bund, bis zum 1.2.2026 zu berichten.",
		"Der IT-Planungsrat bittet die FITKO darum, zu berichten.",
		"Bittet Bund darum",
		"Der IT-Planungsrat beauftragt die FITKO.",
		"Er bittet die PG EfA-Finanzierung und die FITKO, zu berichten.",
		"Die FITKO wird gebeten, zu berichten.",
		"Der Bund und die Länder werden gebeten, zu berichten.",
		"Die PG EfA-Finanzierung wird beauftragt, zu berichten.",
		"Die AG Cloud wird\taufgefordert, zu berichten.",
		"Beauftragt die FITKO sowie das BMI.",
		"Bitte  an\tden Bund",
		"wird gebeten",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if request.MatchString(s) && !mayRequest(s) {
			t.Errorf("request matches %q, mayRequest says no", s)
		}
		if passive.MatchString(s) && !mayPassive(s) {
			t.Errorf("passive matches %q, mayPassive says no", s)
		}
		if ordering.MatchString(s) && !(strings.Contains(s, "beauftragt") || strings.Contains(s, "bittet")) {
			t.Errorf("ordering matches %q without its words", s)
		}
		if addressee.MatchString(s) && !(strings.Contains(s, "eauftragt") || strings.Contains(s, "ittet") || strings.Contains(s, "Bitte")) {
			t.Errorf("addressee matches %q without its words", s)
		}
	})
}

// TestAppendLowerIsToLower: the prefilter of inSentence lowers a sentence
// into a buffer; it must give what strings.ToLower gives, for umlauts,
// letters that lower to ASCII ones (U+0130, the Kelvin sign) and invalid
// UTF-8 alike.
func TestAppendLowerIsToLower(t *testing.T) {
	for _, s := range []string{"", "Bis zum 31.08.2025", "SPÄTESTENS zur 49. SITZUNG", "BİTTE an den Bund", "\u212a und ẞ", "a\xffb\xe2\x82", "Die FITKO wird gebeten"} {
		if got, want := string(appendLower(nil, s)), strings.ToLower(s); got != want {
			t.Errorf("appendLower(%q) = %q, strings.ToLower gives %q", s, got, want)
		}
	}
}

// TestLeadingDeadlinesAsBefore: activeSubject's anchored deadlines find
// what the unanchored ones found at the start of a sentence (same end),
// and nothing where those matched later or not at all.
func TestLeadingDeadlinesAsBefore(t *testing.T) {
	for _, s := range []string{
		"Bis zur 49. Sitzung legt Bayern einen Bericht vor.",
		"Spätestens bis zum 31.08.2025 berichtet die FITKO.",
		"Zur nächsten Sitzung legt der Bund vor.",
		"Die FITKO legt bis zum 31.08.2025 vor.",
		"bis 1.2.2026 bis 3.4.2027",
		"Sitzung zur 4. Sitzung",
		"",
	} {
		for i, re := range []*regexp.Regexp{dueDate.Regexp(), dueSession.Regexp(), dueNext.Regexp()} {
			var want []int
			if loc := re.FindStringIndex(s); loc != nil && loc[0] == 0 {
				want = loc
			}
			if got := leadingDeadlines[i].FindStringIndex(s); !slices.Equal(got, want) {
				t.Errorf("%s on %q: %v, before %v", re, s, got, want)
			}
		}
	}
}
