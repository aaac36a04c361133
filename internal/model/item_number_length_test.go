package model

import (
	"strings"
	"testing"
)

// TestItemNumberHasALimit: a TOP number of any length was stored (the
// management page's field has size 4, no limit); one longer than
// ItemNumberMax is refused with the limit named.
func TestItemNumberHasALimit(t *testing.T) {
	it := AgendaItem{SessionID: 1, Title: "Bericht", Number: "10.1"}
	if err := it.Validate(); err != nil {
		t.Fatalf("10.1: %v", err)
	}
	for _, n := range []string{"12345678901", strings.Repeat("7", 3000)} {
		it.Number = n
		err := it.Validate()
		if ClassOf(err) != ErrInput || !strings.Contains(ReasonOf(err), "höchstens 10 sind möglich") {
			t.Errorf("a number of %d characters: %v", len(n), err)
		}
	}
}
