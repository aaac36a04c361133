package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"gremium/internal/pdftest"
)

// TestHeadingKeepsWithNext: a heading never stands alone as the last line
// of a page with its text on the next (it did: a heading that fit at the
// foot of a page was written there, and the paragraph, table or chart
// after it began on the next page). Whatever the amount of text before
// it, each heading of the report stands on the page of the block that
// follows it; two headings in a row (the briefing's "Zentrale
// Botschaften" and a key message's title) stay with the text after both.
func TestHeadingKeepsWithNext(t *testing.T) {
	blocks := []struct {
		name string
		add  func(r *Report)
	}{
		{"paragraph", func(r *Report) {
			r.Paragraph(strings.Repeat("Der Absatz darunter läuft über mehrere Zeilen. ", 6))
		}},
		{"table", func(r *Report) {
			r.Table([]string{"Beschluss", "Titel"}, []float64{0.3, 0.7}, [][]string{{"B-2025/26-IT", strings.Repeat("Ein langer Titel, ", 12)}})
		}},
		{"bars", func(r *Report) { r.Bars([]Bar{{Label: "2025", Value: 3, Text: "3,0 (n = 4)"}}, 5) }},
		{"list", func(r *Report) { r.List([]string{"Erster Punkt", "Zweiter Punkt"}) }},
		{"subheading and chart", func(r *Report) {
			r.Subheading("Zweite Überschrift")
			r.Bars([]Bar{{Label: "2025", Value: 3, Text: "3,0 (n = 4)"}}, 5)
		}},
		{"second heading", func(r *Report) {
			r.Heading("Zweite Überschrift")
			r.Paragraph("Text unter beiden Überschriften.")
		}},
	}
	for _, b := range blocks {
		t.Run(b.name, func(t *testing.T) {
			for n := 40; n <= 60; n++ {
				r := New("Bericht", time.Date(2025, 6, 26, 0, 0, 0, 0, time.UTC))
				for i := 1; i <= n; i++ {
					r.Paragraph(fmt.Sprintf("Zeile %d.", i))
				}
				r.Heading("Überschrift am Seitenende")
				b.add(r)
				var buf bytes.Buffer
				if err := r.Write(&buf); err != nil {
					t.Fatal(err)
				}
				for i, page := range pdftest.Pages(t, buf.Bytes()) {
					if last := pdftest.LastLine(page); last == "Überschrift am Seitenende" || last == "Zweite Überschrift" {
						t.Fatalf("after %d lines, page %d ends with the heading %q", n, i+1, last)
					}
				}
			}
		})
	}
}

// TestTextWritesBlocks: Text writes a text's paragraphs as paragraphs and
// its bulleted lines as a tagged list with bullets ("–" one level deeper),
// the bullets artifacts; a paragraph says its dash as typed only where it
// is no bullet.
func TestTextWritesBlocks(t *testing.T) {
	r := New("Briefing", time.Date(2025, 6, 26, 0, 0, 0, 0, time.UTC))
	r.Text("Erster Absatz.\n\nZweiter Absatz.\n- Punkt eins\n  - Unterpunkt\n• Punkt zwei")
	var buf bytes.Buffer
	if err := r.Write(&buf); err != nil {
		t.Fatal(err)
	}
	pdf := buf.Bytes()
	pdftest.Check(t, pdf)
	if p := pdftest.Unmarked(t, pdf); len(p) > 0 {
		t.Errorf("paints outside marked content:\n%s", strings.Join(p, "\n"))
	}
	var got []string
	for _, e := range pdftest.Elements(t, pdf) {
		if e.Kind == "P" || e.Kind == "L" || e.Kind == "LBody" {
			got = append(got, e.Kind+":"+e.Text)
		}
	}
	want := []string{"P:Erster Absatz.", "P:Zweiter Absatz.", "L:", "LBody:Punkt eins", "LBody:Unterpunkt", "LBody:Punkt zwei"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("elements %q, want %q", got, want)
	}
	text := pdftest.Text(t, pdf)
	for _, w := range []string{"• Punkt eins", "– Unterpunkt", "• Punkt zwei"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, "- Punkt") {
		t.Errorf("the dashes as typed:\n%s", text)
	}
}
