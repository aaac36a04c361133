package store

import "testing"

// TestParseOParlCursorOnlyAsWritten: a page key is read only in the
// spelling String writes. time.Parse took "…14.5Z" for "…14Z"; the keyset
// compares the text ("…14.5Z" sorts before "…14Z"), so such a key gave
// another page than the list's own, with 200.
func TestParseOParlCursorOnlyAsWritten(t *testing.T) {
	for _, ok := range []string{"m2026-12-06T08:40:14Z_2", "c2000-01-01T00:00:00Z_0", "17"} {
		c, err := ParseOParlCursor(ok)
		if err != nil {
			t.Errorf("%s refused: %v", ok, err)
		} else if c.String() != ok {
			t.Errorf("%s read as %s", ok, c.String())
		}
	}
	for _, bad := range []string{"m2026-12-06T08:40:14.5Z_2", "m2026-12-06T08:40:14.0Z_2", "m2026-12-06T08:40:14.500Z_2",
		"m2026-12-06T08:40:14+00:00_2", "x2026-12-06T08:40:14Z_2", "m2026-12-06_2", "-1", "m2026-12-06T08:40:14Z_x"} {
		if _, err := ParseOParlCursor(bad); err == nil {
			t.Errorf("%s taken", bad)
		}
	}
}
