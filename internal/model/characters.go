package model

import (
	"strings"
	"unicode/utf8"
)

// UnfitCharacters reports whether a text sent by a user holds what no
// field takes: bytes that are not UTF-8, a NUL or another control
// character (all but tab, line feed and carriage return, which a text
// area sends), or a C1 control. Such text was stored as sent and served
// back raw — in pages declared UTF-8, in the public minutes' text file,
// in the JSON API — so no front end stores it: the JSON API (decodeBody)
// and the file names of uploads refuse it; web forms (readForm) take the
// invisible control characters out of a field first, as text pasted
// from a PDF carries them, and refuse what is left (a NUL, bytes that
// are not UTF-8, any control character in a password).
func UnfitCharacters(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return true
		}
	}
	return false
}

// SoftHyphen is U+00AD, which the pages put into long words so that they
// break at their joints on narrow screens.
const SoftHyphen = "\u00ad"

// WithoutSoftHyphens gives s without its soft hyphens: how every text a
// form, the JSON API or a search query brings is read, so that a word
// copied from a page and pasted back is the word, not the page's
// rendering of it.
func WithoutSoftHyphens(s string) string {
	if !strings.Contains(s, SoftHyphen) {
		return s
	}
	return strings.ReplaceAll(s, SoftHyphen, "")
}
