package model

import "unicode/utf8"

// UnfitCharacters reports whether a text sent by a user holds what no
// field takes: bytes that are not UTF-8, a NUL or another control
// character (all but tab, line feed and carriage return, which a text
// area sends), or a C1 control. Such text was stored as sent and served
// back raw — in pages declared UTF-8, in the public minutes' text file,
// in the JSON API — so every front end refuses it before anything is
// stored (web forms: readForm; JSON API: decodeBody; file names of
// uploads).
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
