package minutes_test

import (
	"fmt"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestPDFHeadingKeepsWithNext: a heading of the minutes PDF never stands
// alone as the last line of a page with its text on the next (it did: a
// section's heading with the table header under it stayed at the foot of
// a page when the section's first item was taller than the room left, and
// "Anwesenheit", "Umlaufverfahren seit der letzten Sitzung" and
// "Berichtigungen" stayed there when the block after them did not fit).
// Whatever the amount of text before it, each heading stands on the page
// of what follows it.
func TestPDFHeadingKeepsWithNext(t *testing.T) {
	tall := minutes.Item{AgendaItem: model.AgendaItem{Number: "5", Title: "Hohes Item"}}
	for i := 1; i <= 9; i++ {
		tall.Points = append(tall.Points, fmt.Sprintf("Unterpunkt %d des hohen Items", i))
	}
	headings := []string{"Zweiter Abschnitt", "Anwesenheit", "Umlaufverfahren seit der letzten Sitzung", "Berichtigungen"}
	for n := 1; n <= 24; n++ {
		doc := minutes.Document{Audience: model.Internal, Session: model.Session{Number: 48, Status: model.StatusMinutesDraft}}
		filler := minutes.Section{Name: "Erster Abschnitt"}
		for i := range n {
			filler.Items = append(filler.Items, minutes.Item{AgendaItem: model.AgendaItem{Number: fmt.Sprint(i + 1), Title: "Füllpunkt"}})
		}
		doc.Sections = []minutes.Section{filler, {Name: "Zweiter Abschnitt", Items: []minutes.Item{tall}}}
		pdf := renderPDF(t, doc)
		for i, page := range pdftest.Pages(t, pdf) {
			if last := pdftest.LastLine(page); strings.HasPrefix(last, "Zweiter Abschnitt") || strings.HasPrefix(last, "TOP") {
				t.Fatalf("after %d items, page %d ends with %q", n, i+1, last)
			}
		}
	}
	// The lists before the sections: a long first block after each
	// heading, after a varying amount of text.
	long := strings.Repeat("Ein langer Punkt des Beschlusses, der über viele Zeilen läuft. ", 12)
	for n := 20; n <= 52; n++ {
		doc := minutes.Document{Audience: model.Internal, Session: model.Session{Number: 48, Status: model.StatusMinutesDraft}}
		for i := range n {
			doc.Attendance = append(doc.Attendance, minutes.AttendanceLine{Member: model.Member{Abbrev: fmt.Sprint(i), Name: fmt.Sprintf("Mitglied %d", i)}, Presence: model.Present})
		}
		doc.WrittenProcedures = []model.Decision{{Title: "Umlaufbeschluss", Status: model.DecisionAdopted, Points: []model.Point{{Text: long}}, Result: "einstimmig"}}
		pdf := renderPDF(t, doc)
		for i, page := range pdftest.Pages(t, pdf) {
			last := pdftest.LastLine(page)
			for _, h := range headings {
				if last == h {
					t.Fatalf("after %d lines, page %d ends with the heading %q", n, i+1, last)
				}
			}
		}
	}
}

// TestPDFReportsShowTheirBlocks: a spokesperson's report under "Reporting
// FachMK" shows its paragraphs and its list in the minutes PDF as the page
// does (model.TextBlocks): each paragraph on its own line, each item with
// a bullet; the body's name in the accusative ("für den E-Justice-Rat").
// The PDF ran the paragraphs together with the dashes as typed and said
// "für die E-Justice-Rat".
func TestPDFReportsShowTheirBlocks(t *testing.T) {
	doc := minutes.Document{Audience: model.Internal, Session: model.Session{Number: 48, Status: model.StatusMinutesDraft}}
	it := minutes.Item{AgendaItem: model.AgendaItem{Number: "20", Title: model.ReportingFachMKTitle}, Reports: []model.FachMKReport{
		{Conference: "E-Justice-Rat", Member: "HH", Text: "Erster Absatz.\nZweiter Absatz.\n- Punkt eins\n• Punkt zwei"}}}
	doc.Sections = []minutes.Section{{Name: "Übergreifendes", Items: []minutes.Item{it}}}
	var lines []string
	for _, l := range strings.Split(pdftest.Text(t, renderPDF(t, doc)), "\n") {
		lines = append(lines, strings.Join(strings.Fields(l), " "))
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"für den E-Justice-Rat:", "\nErster Absatz.", "\nZweiter Absatz.", "\n• Punkt eins", "\n• Punkt zwei"} {
		if !strings.Contains(text, want) {
			t.Errorf("minutes PDF lacks %q:\n%s", want, text)
		}
	}
}
