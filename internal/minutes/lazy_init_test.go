package minutes

import (
	"testing"

	"gremium/internal/inittest"
)

// The package's regular expressions are compiled at their first use
// (lazyre), not when the package is initialised, which every command of
// the program paid before, also those that never use them.
func TestNothingBigBuiltAtInit(t *testing.T) {
	if n := inittest.Bytes(t, "gremium/internal/minutes"); n > 32<<10 {
		t.Errorf("initialising the package allocates %d bytes; want at most %d", n, 32<<10)
	}
}
