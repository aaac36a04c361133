package model

import "testing"

// TestCountBasis: the line under a counted result names the table once;
// before, the minutes read "Königsteiner Schlüssel 2016 – angenommen: …
// (Königsteiner Schlüssel 2016)".
func TestCountBasis(t *testing.T) {
	for _, c := range []struct {
		d    Decision
		want string
	}{
		{Decision{}, ""},
		{Decision{CountReason: "angenommen: einstimmig"}, ""},
		{Decision{SharesYear: 2016}, "Königsteiner Schlüssel 2016"},
		{Decision{SharesYear: 2016, CountReason: "angenommen: Bund und 16 Länder mit 100,0 % der Finanzierungsanteile (Königsteiner Schlüssel 2016)"},
			"angenommen: Bund und 16 Länder mit 100,0 % der Finanzierungsanteile (Königsteiner Schlüssel 2016)"},
		{Decision{SharesYear: 2016, CountReason: "abgelehnt: nur 10 Länder stimmen zu (nötig: 11)"},
			"Königsteiner Schlüssel 2016 – abgelehnt: nur 10 Länder stimmen zu (nötig: 11)"},
	} {
		if got := c.d.CountBasis(); got != c.want {
			t.Errorf("CountBasis(%d, %q) = %q, want %q", c.d.SharesYear, c.d.CountReason, got, c.want)
		}
	}
}
