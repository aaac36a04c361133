package relevance

import (
	"testing"

	"gremium/internal/inittest"
)

// The word list's lexicon is built at its first use, not when the package
// is initialised: every command of the program paid its 400 KB and about
// 3 ms before, also those that split no word.
func TestLexiconNotBuiltAtInit(t *testing.T) {
	if n := inittest.Bytes(t, "gremium/internal/relevance"); n > 64<<10 {
		t.Errorf("initialising the package allocates %d bytes; want at most %d", n, 64<<10)
	}
}

// Prepare builds the lexicon the splits use.
func TestPrepareBuildsTheLexicon(t *testing.T) {
	Prepare()
	if len(baseLexicon().entries) < 500 {
		t.Errorf("the lexicon has %d entries", len(baseLexicon().entries))
	}
	if got := Parts("Bauantrag"); len(got) != 2 {
		t.Errorf("Parts(Bauantrag) = %q", got)
	}
}
