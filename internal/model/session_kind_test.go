package model

import "testing"

// ParseSessionKind takes the two kinds (and nothing for a regular
// session) and refuses any other at the field "art".
func TestParseSessionKind(t *testing.T) {
	for in, want := range map[string]SessionKind{"": SessionRegular, "ordentlich": SessionRegular, " sonder ": SessionSpecial} {
		if got, err := ParseSessionKind(in); err != nil || got != want {
			t.Errorf("ParseSessionKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"ausserordentlich", "Sonder", "regular"} {
		if _, err := ParseSessionKind(in); ClassOf(err) != ErrInput || FieldOf(err) != "art" {
			t.Errorf("ParseSessionKind(%q): %v, want an input error at \"art\"", in, err)
		}
	}
}
