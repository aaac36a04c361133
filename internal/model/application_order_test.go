package model

import (
	"slices"
	"strings"
	"testing"
)

// TestCheckApplicationOrder: whether an application is accepted does not
// depend on the order of the applicants. The check returned at the Bund
// before it had looked at the others: [Bund, DLT] was accepted, [DLT,
// Bund] refused, and an advisory member was stored as an applicant. Every
// applicant that may not apply is refused and named, in every order.
func TestCheckApplicationOrder(t *testing.T) {
	kinds := map[string]MemberKind{"Bund": MemberBund, "HE": MemberLand, "BY": MemberLand, "HH": MemberLand,
		"DLT": MemberAdvisory, "DST": MemberAdvisory, "FITKO": MemberGuest}
	for _, tt := range []struct {
		applicants []string
		want       string // the reason; "" accepted
	}{
		{[]string{"Bund"}, ""},
		{[]string{"Bund", "HE"}, ""},
		{[]string{"HE", "BY", "HH"}, ""},
		{[]string{"Bund", "HE", "BY", "HH"}, ""},
		{[]string{"Bund", "DLT"}, "DLT ist nicht antragsberechtigt; antragsberechtigt sind der Bund oder drei Länder."},
		{[]string{"HE", "BY", "HH", "DLT"}, "DLT ist nicht antragsberechtigt; antragsberechtigt sind der Bund oder drei Länder."},
		{[]string{"Bund", "DLT", "DLT"}, "DLT ist nicht antragsberechtigt; antragsberechtigt sind der Bund oder drei Länder."},
		{[]string{"Bund", "FITKO"}, "FITKO ist nicht antragsberechtigt; antragsberechtigt sind der Bund oder drei Länder."},
		{[]string{"HE", "BY"}, "Beantragt von "},
	} {
		for _, order := range permutations(tt.applicants) {
			err := CheckApplication(order, kinds)
			if tt.want == "" {
				if err != nil {
					t.Errorf("CheckApplication(%v) = %v, want accepted", order, err)
				}
				continue
			}
			if ClassOf(err) != ErrRule || !strings.HasPrefix(ReasonOf(err), tt.want) {
				t.Errorf("CheckApplication(%v) = %v, want a rule error %q", order, err, tt.want)
			}
		}
	}
	// Several that may not apply are named together, in the order given.
	for _, order := range [][]string{{"Bund", "DLT", "DST"}, {"DLT", "Bund", "DST"}, {"DLT", "DST", "Bund"}} {
		if err := CheckApplication(order, kinds); ReasonOf(err) != "DLT, DST sind nicht antragsberechtigt; antragsberechtigt sind der Bund oder drei Länder." {
			t.Errorf("CheckApplication(%v) = %v", order, err)
		}
	}
}

// permutations gives every order of list.
func permutations(list []string) [][]string {
	if len(list) <= 1 {
		return [][]string{slices.Clone(list)}
	}
	var out [][]string
	for i := range list {
		rest := slices.Concat(list[:i:i], list[i+1:])
		for _, p := range permutations(rest) {
			out = append(out, append([]string{list[i]}, p...))
		}
	}
	return out
}
