package report

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestWrapWordsOnlyAtSpacesAndHyphens: the spokesperson PDF broke
// "Nordrhein-We|stfalen" in its narrow column; lines now end only at a
// space or after a hyphen.
func TestWrapWordsOnlyAtSpacesAndHyphens(t *testing.T) {
	chars := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	for _, tt := range []struct {
		in    string
		width float64
		want  []string
	}{
		{"Nordrhein-Westfalen", 12, []string{"Nordrhein-", "Westfalen"}},
		{"Nordrhein-Westfalen", 30, []string{"Nordrhein-Westfalen"}},
		{"Land Nordrhein-Westfalen", 15, []string{"Land Nordrhein-", "Westfalen"}},
		{"Sachsen-Anhalt und Baden-Württemberg", 16, []string{"Sachsen-Anhalt", "und Baden-", "Württemberg"}},
		{"Donaudampfschifffahrt", 5, []string{"Donaudampfschifffahrt"}},
		{"-", 5, []string{"-"}},
		{"a\nb", 5, []string{"a", "b"}},
	} {
		if got := wrapWords(tt.in, tt.width, chars); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("wrapWords(%q, %v) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

// TestTableBreaksLandNamesAtHyphens renders the spokesperson table's
// narrow "Land" column and reads the PDF's lines back.
func TestTableBreaksLandNamesAtHyphens(t *testing.T) {
	r := New("Übersicht der fachpolitischen Sprecher:innen", time.Date(2025, 6, 26, 0, 0, 0, 0, time.UTC))
	r.Table([]string{"Fachministerkonferenz", "Land", "Sprecher:in", "Status"}, []float64{0.3, 0.15, 0.4, 0.15},
		[][]string{{"Innenministerkonferenz", "Nordrhein-Westfalen", "Ina Beispiel", "im Amt"}})
	var buf bytes.Buffer
	if err := r.Write(&buf); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	if !strings.Contains(text, "Nordrhein-") || !strings.Contains(text, "Westfalen") {
		t.Fatalf("land name missing:\n%s", text)
	}
	for _, line := range strings.Split(text, "\n") {
		for _, f := range strings.Fields(line) {
			if strings.HasPrefix("Nordrhein-Westfalen", f) && f != "Nordrhein-" && f != "Nordrhein-Westfalen" && len(f) > 3 {
				t.Errorf("broken inside a word: %q", f)
			}
		}
	}
}
