package report

import (
	"strings"
	"unicode/utf8"
)

// wrapWords breaks s into lines no wider than width (as measure gives a
// string's width), only at spaces and after hyphens: "Nordrhein-Westfalen"
// becomes "Nordrhein-" and "Westfalen" in a narrow column, never
// "Nordrhein-We" and "stfalen". A piece without space or hyphen that is
// wider than the column on its own stays whole on its line (it is wider
// than the column rather than cut in the middle of a word).
func wrapWords(s string, width float64, measure func(string) float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		var cur string
		for _, word := range strings.Fields(para) {
			for j, piece := range hyphenPieces(word) {
				try := piece
				if cur != "" && j == 0 {
					try = cur + " " + piece
				} else if cur != "" {
					try = cur + piece // the rest of a word after its hyphen
				}
				if cur == "" || measure(try) <= width {
					cur = try
					continue
				}
				lines = append(lines, cur)
				cur = piece
			}
		}
		lines = append(lines, cur)
	}
	return lines
}

// hyphenPieces splits a word after each hyphen that stands between two
// letters: "Nordrhein-Westfalen" → "Nordrhein-", "Westfalen".
func hyphenPieces(word string) []string {
	var out []string
	start := 0
	for i, r := range word {
		if r != '-' || i == start {
			continue
		}
		next := i + utf8.RuneLen(r)
		if next >= len(word) {
			break
		}
		out = append(out, word[start:next])
		start = next
	}
	return append(out, word[start:])
}
