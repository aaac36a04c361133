package web

import "testing"

// TestLiveProposalOffersApplicantsThatCanApply: the live page's new
// proposal offers the item's reporting members as applicants only when
// they can apply (the Bund, or three members); a single Land was offered
// ("BY") and saving it was always refused.
func TestLiveProposalOffersApplicantsThatCanApply(t *testing.T) {
	def := funcs["applicantsDefault"].(func([]string) string)
	for _, c := range []struct {
		reporters []string
		want      string
	}{
		{[]string{"BY"}, ""},
		{[]string{"HE", "HH"}, ""},
		{[]string{"Bund"}, "Bund"},
		{[]string{"HE", "HH", "BB"}, "HE, HH, BB"},
		{nil, ""},
	} {
		if got := def(c.reporters); got != c.want {
			t.Errorf("reporters %v: %q, want %q", c.reporters, got, c.want)
		}
	}
}
