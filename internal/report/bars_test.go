package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestBars: a bar chart keeps its labels and numbers as text, and a bar's
// length follows its value (a longer bar paints a wider rectangle).
func TestBars(t *testing.T) {
	chart := func(v float64) []byte {
		r := New("Evaluation", time.Date(2025, 6, 26, 0, 0, 0, 0, time.UTC))
		r.Bars([]Bar{{Label: "2024", Value: 3.1, Text: "3,1 (n = 12)"}, {Label: "2025", Value: v, Text: "3,6 (n = 20)"}}, 5)
		var b bytes.Buffer
		if err := r.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	pdf := chart(3.6)
	txt := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	for _, want := range []string{"2024 3,1 (n = 12)", "2025 3,6 (n = 20)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("chart text lacks %q: %s", want, txt)
		}
	}
	if bytes.Equal(pdf, chart(1.0)) {
		t.Error("the bar does not follow its value")
	}
}

// TestBarMissing: a withheld value draws no track: an empty track reads as
// a zero, the lowest mean there is.
func TestBarMissing(t *testing.T) {
	chart := func(b Bar) []byte {
		r := New("Evaluation", time.Date(2025, 6, 26, 0, 0, 0, 0, time.UTC))
		r.Bars([]Bar{{Label: "2024", Value: 3.1, Text: "3,1"}, b}, 5)
		var out bytes.Buffer
		if err := r.Write(&out); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	withheld := chart(Bar{Label: "2025", Text: "–", Missing: true})
	if bytes.Equal(withheld, chart(Bar{Label: "2025", Text: "–"})) {
		t.Error("a withheld value is drawn like a zero (an empty track)")
	}
	if txt := strings.Join(strings.Fields(pdfText(t, withheld)), " "); !strings.Contains(txt, "2025 –") {
		t.Errorf("the withheld row lacks its text: %s", txt)
	}
}
