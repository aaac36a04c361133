package model

import (
	"strings"
	"testing"
)

// TestMarkedLinesSaysAMarkClosesInItsLine: a confidential mark spanning
// lines, "Zeile eins [[vertraulich⏎über zwei Zeilen]]", was refused with
// "zu „[[“ fehlt das schließende „]]“" though the closing ]] is there.
// The rule is that each mark closes within its line; the reason says so,
// with both lines. A mark that is not closed anywhere keeps its reason.
func TestMarkedLinesSaysAMarkClosesInItsLine(t *testing.T) {
	_, err := MarkedLines(strings.Split("Zeile eins [[vertraulich\r\nüber zwei Zeilen]]", "\n"))
	want := "Die Markierung vertraulicher Passagen ist unvollständig: Jede Markierung schließt in ihrer Zeile, doch das „[[“ in Zeile 1 (bei „Zeile eins [[vertraulich“) wird erst in Zeile 2 mit „]]“ geschlossen. Bitte markieren Sie jede Zeile für sich mit „[[…]]“."
	if ClassOf(err) != ErrInput || ReasonOf(err) != want {
		t.Errorf("spanning two lines: %v\nwant %s", err, want)
	}
	_, err = MarkedLines([]string{"Punkt [[eins", "", "Punkt zwei", "bis hier]] und weiter"})
	if ReasonOf(err) == "" || !strings.Contains(ReasonOf(err), "in Zeile 1 (bei „Punkt [[eins“) wird erst in Zeile 4 mit „]]“ geschlossen") {
		t.Errorf("spanning four lines: %v", err)
	}
	for _, lines := range [][]string{{"Punkt [[eins", "Punkt zwei"}, {"Punkt [[eins", "Punkt [[zwei]]"}} {
		if _, err := MarkedLines(lines); !strings.Contains(ReasonOf(err), "zu „[[“ fehlt das schließende „]]“") {
			t.Errorf("%q: %v", lines, err)
		}
	}
	got, err := MarkedLines([]string{" Punkt [[eins]] ", "", "Punkt zwei"})
	if err != nil || len(got) != 2 || got[0] != "Punkt "+RedactOpen+"eins"+RedactClose || got[1] != "Punkt zwei" {
		t.Errorf("balanced lines: %q %v", got, err)
	}
}
