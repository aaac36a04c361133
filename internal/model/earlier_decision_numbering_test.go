package model

import (
	"strings"
	"testing"
)

// TestEarlierDecisionBeforeGremiumsOwn: in a year in which gremium
// numbered decisions itself (the first B-2026/13-IT of 19.03.2026), an
// earlier decision has a smaller number and no later date; in another
// year, or a year without gremium's own numbers, any number is taken, and
// only then the next number is said.
func TestEarlierDecisionBeforeGremiumsOwn(t *testing.T) {
	own := DecisionNumbering{Year: 2026, Next: "B-2026/20-IT", FirstOwn: "B-2026/13-IT", FirstOwnSeq: 13, FirstOwnOn: NewDate(2026, 3, 19), FirstOwnSession: 50}
	none := DecisionNumbering{Year: 2026, Next: "B-2026/401-IT"}
	for _, tc := range []struct {
		name   string
		n      DecisionNumbering
		seq    int
		on     Date
		fields []string
	}{
		{"before, earlier", own, 12, NewDate(2026, 3, 1), nil},
		{"the same day", own, 12, NewDate(2026, 3, 19), nil},
		{"a number after", own, 400, NewDate(2026, 3, 1), []string{"nummer"}},
		{"a day after", own, 4, NewDate(2026, 3, 20), []string{"datum"}},
		{"both after", own, 14, NewDate(2026, 4, 1), []string{"nummer", "datum"}},
		{"another year", own, 400, NewDate(2025, 12, 1), nil},
		{"no own number yet", none, 400, NewDate(2026, 3, 20), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := EarlierDecision{Number: DecisionNumber{Year: tc.on.Year, Seq: tc.seq}, AdoptedOn: tc.on, Label: "B-x"}
			errs := ErrorsOf(e.CheckBefore(tc.n))
			if len(errs) != len(tc.fields) {
				t.Fatalf("%v, want reasons at %v", errs, tc.fields)
			}
			for i, f := range tc.fields {
				if FieldOf(errs[i]) != f || ClassOf(errs[i]) != ErrInput || !strings.Contains(ReasonOf(errs[i]), "B-2026/13-IT (50. Sitzung, 19.03.2026)") {
					t.Errorf("reason %d: %v at %q, want one at %q naming gremium's first", i, errs[i], FieldOf(errs[i]), f)
				}
			}
		})
	}
	if got := none.NextSentence(); got != "Der nächste Beschluss erhält die Nummer B-2026/401-IT." {
		t.Errorf("without gremium's own numbers: %q", got)
	}
	if got := own.NextSentence(); got != "" {
		t.Errorf("after gremium's own numbers: %q", got)
	}
}
