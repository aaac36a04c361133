package model

import (
	"reflect"
	"strings"
	"testing"
)

// TestLegalText: paragraphs keep their lines, "## " makes a heading, "- "
// lines a list; [Text](address) and written-out web and e-mail addresses
// become links, anything but web, e-mail, telephone and own addresses
// stays text.
func TestLegalText(t *testing.T) {
	got := LegalText("## Anschrift\r\nFITKO\nZum Gottschalkhof 3\n\n- eins\n- [zwei](https://example.org/a)\n\nMail an poststelle@fitko.de oder https://www.fitko.de. Ende [x](javascript:y) [y](/datenschutz)")
	want := []LegalBlock{
		{Heading: true, Lines: [][]LegalSpan{{{Text: "Anschrift"}}}},
		{Lines: [][]LegalSpan{{{Text: "FITKO"}}, {{Text: "Zum Gottschalkhof 3"}}}},
		{List: true, Lines: [][]LegalSpan{{{Text: "eins"}}, {{Text: "zwei", Href: "https://example.org/a"}}}},
		{Lines: [][]LegalSpan{{{Text: "Mail an "}, {Text: "poststelle@fitko.de", Href: "mailto:poststelle@fitko.de"}, {Text: " oder "},
			{Text: "https://www.fitko.de", Href: "https://www.fitko.de"}, {Text: ". Ende "}, {Text: "x"}, {Text: " "}, {Text: "y", Href: "/datenschutz"}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LegalText:\n got %+v\nwant %+v", got, want)
	}
	// A list under a heading in the same block (it was a paragraph with
	// dashes before).
	got = LegalText("## Nicht barrierefrei\n- PDF\n- Anlagen")
	want = []LegalBlock{{Heading: true, Lines: [][]LegalSpan{{{Text: "Nicht barrierefrei"}}}}, {List: true, Lines: [][]LegalSpan{{{Text: "PDF"}}, {{Text: "Anlagen"}}}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LegalText with a list under a heading:\n got %+v\nwant %+v", got, want)
	}
	for text, bad := range map[string]bool{
		"Text\n\nmit Absatz": false, "": false, "a < b und c > d": false,
		"<script>alert(1)</script>": true, "<a href=x>": true, "[[vertraulich]]": true, "⟦x⟧": true,
		"[x](javascript:alert)": true, "[x](data:text/html)": true, "[x](tel:+4969)": false,
		strings.Repeat("a", MaxLegalText+1): true,
	} {
		if err := CheckLegalText(text); (err != nil) != bad || (err != nil && ClassOf(err) != ErrInput) {
			t.Errorf("CheckLegalText(%.40q) = %v", text, err)
		}
	}
	if h := LegalHints(LegalAccessibility, "Erklärung ohne alles"); len(h) != 3 {
		t.Errorf("hints: %v", h)
	}
	if h := LegalHints(LegalAccessibility, "teilweise vereinbar. Feedback an barrierefreiheit@fitko.de. Schlichtungsstelle nach § 16 BGG"); len(h) != 0 {
		t.Errorf("hints: %v", h)
	}
}
