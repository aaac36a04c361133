package model

import (
	"strings"
	"testing"
)

// TestDiscussionFirst: a decision recorded before an item's first
// contribution is shown behind the last contribution of the discussion
// that follows: a free row between two contributions stays in the
// discussion, a free row after the last one (the closing remark that
// reports the vote) stays after the decision; before, it was put before
// the decision. Items without contributions, or without a decision
// ahead of them, keep their order.
func TestDiscussionFirst(t *testing.T) {
	for in, want := range map[string]string{
		"BV ON – ON – PN":    "ON – ON BV – PN",
		"BV ON ON –":         "ON ON BV –",
		"BV ON ON":           "ON ON BV",
		"– BV ON – BV PN":    "– ON BV – BV PN",
		"BV BV ON PN ON":     "ON BV BV PN ON",
		"ON BV –":            "",
		"BV PN PN":           "",
		"– ON BV":            "",
		"":                   "",
		"BV – – ON – – ON –": "– – ON – – ON BV –",
	} {
		kinds := strings.Fields(strings.ReplaceAll(in, "–", "_"))
		for i := range kinds {
			if kinds[i] == "_" {
				kinds[i] = ""
			}
		}
		order := DiscussionFirst(kinds)
		var got []string
		for _, j := range order {
			k := kinds[j]
			if k == "" {
				k = "–"
			}
			got = append(got, k)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("DiscussionFirst(%s) = %s, want %q", in, strings.Join(got, " "), want)
		}
	}
}
