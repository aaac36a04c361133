package web

import (
	"strings"
	"testing"
)

// TestFollowUpPDFHasEveryColumn: the follow-ups' PDF gave its column
// widths in millimetres where report.Table takes shares of the page, so
// its first column was sixty pages wide: the PDF showed "Auftrag" alone,
// its titles cut at the page's edge, and none of the other five columns.
func TestFollowUpPDFHasEveryColumn(t *testing.T) {
	ts, st := cycleServer(t)
	followUpOf47(t, st, "Bericht zur Anbindung der Länderportale an den Bund vorlegen", "HE", 20)
	text := pdfOf(t, client(t, ts, ""), ts.URL+"/auftraege.pdf")
	for _, column := range []string{"Auftrag", "Verantwortlich", "Frist", "Stand", "Quelle", "Erledigt am", "vorlegen"} {
		if !strings.Contains(text, column) {
			t.Errorf("the follow-ups' PDF lacks %q: %.600s", column, text)
		}
	}
}

// TestFollowUpPDFOfNoFollowUps: a selection without follow-ups said "0
// Aufträge, davon 0 überfällig." above an empty table.
func TestFollowUpPDFOfNoFollowUps(t *testing.T) {
	ts, _ := cycleServer(t)
	text := pdfOf(t, client(t, ts, ""), ts.URL+"/auftraege.pdf?mitglied=SL&status=erledigt")
	if strings.Contains(text, "0 Aufträge") || !strings.Contains(text, "Für diese Auswahl gibt es keine Aufträge.") {
		t.Errorf("the PDF of an empty selection: %.600s", text)
	}
}
