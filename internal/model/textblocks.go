package model

import "strings"

// TextBlock is a paragraph or a bulleted list of a text written in a
// textarea (a briefing, a key message, a debrief invitation, a report):
// Para for a paragraph, Items for a list. TextBlocks makes them, and every
// surface shows them alike: the HTML partial "text-blocks" and the PDF
// writer report.Report.Text.
type TextBlock struct {
	Para  string
	Items []TextItem
}

// TextItem is one item of a bulleted list; Sub for an item one level
// deeper (its line indented).
type TextItem struct {
	Text string
	Sub  bool
}

// TextBlocks splits a text into paragraphs and bulleted lists: a line
// starting with a bullet ("- ", "• ", "– " or "* "; "•" also without a
// space) is a list item, one level deeper when the line is indented;
// consecutive items make one list; every other line is a paragraph of its
// own; blank lines only separate.
func TextBlocks(s string) []TextBlock {
	var out []TextBlock
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		text, ok := bulleted(t)
		if !ok {
			out = append(out, TextBlock{Para: t})
			continue
		}
		item := TextItem{Text: text, Sub: strings.TrimLeft(l, " \t") != l}
		if n := len(out); n > 0 && out[n-1].Items != nil {
			out[n-1].Items = append(out[n-1].Items, item)
		} else {
			out = append(out, TextBlock{Items: []TextItem{item}})
		}
	}
	return out
}

// bulleted gives the text of a list item's line without its bullet, and
// whether the line is one.
func bulleted(t string) (string, bool) {
	if rest, ok := strings.CutPrefix(t, "•"); ok {
		return strings.TrimSpace(rest), strings.TrimSpace(rest) != ""
	}
	for _, b := range []string{"-", "–", "*"} {
		if rest, ok := strings.CutPrefix(t, b); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			return strings.TrimSpace(rest), strings.TrimSpace(rest) != ""
		}
	}
	return "", false
}
