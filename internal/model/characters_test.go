package model

import "testing"

// TestUnfitCharacters: NUL, ESC and other control characters and bytes
// that are not UTF-8 are unfit; umlauts, ß, typographic quotes, tabs and
// line breaks of a text area are fine.
func TestUnfitCharacters(t *testing.T) {
	for s, want := range map[string]bool{
		"Registermodernisierung – „Gesamtsteuerung“ für Länder mit ß": false,
		"Zeile eins\r\nZeile zwei\tmit Tab":                           false,
		"Nul\x00Byte":                                                 true,
		"ctl\x01\x1b[31mx":                                            true,
		"Invalid\xff\xfeUTF8":                                         true,
		"DEL\x7f":                                                     true,
		"C1\u0085":                                                    true,
		"":                                                            false,
	} {
		if got := UnfitCharacters(s); got != want {
			t.Errorf("UnfitCharacters(%q) = %v, want %v", s, got, want)
		}
	}
}
