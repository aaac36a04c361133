package model_test

// An external test package: it reads the importer's title of an untitled
// item (minutes.UntitledItem), which package model cannot import.

import (
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestFollowUpSourceLineReadable: the source line of a follow-up on
// /auftraege, /mitglieder/HE/auftraege, its page and the list's CSV and
// PDF read "Aus 47. Sitzung, TOP (ohne Nummer) Grüne Liste (im Protokoll
// ohne Titel) (Tagesordnungspunkt)". It names the item once, an untitled
// one by its section, without "(Tagesordnungspunkt)" after an item it
// names already, and never stacks parentheses.
func TestFollowUpSourceLineReadable(t *testing.T) {
	tests := []struct {
		session, number, title string
		src                    model.FollowUpSource
		want                   string
	}{
		{"47. Sitzung", "", minutes.UntitledItem("Grüne Liste"), model.SourceItem, "47. Sitzung, Grüne Liste (TOP ohne Nummer)"},
		{"47. Sitzung", "", minutes.UntitledItem("Übergreifendes"), model.SourceItem, "47. Sitzung, Übergreifendes (TOP ohne Nummer)"},
		{"47. Sitzung", "12", "Gemeinsame EfA-Finanzierung", model.SourceItem, "47. Sitzung, TOP 12 Gemeinsame EfA-Finanzierung"},
		{"47. Sitzung", "12", "Gemeinsame EfA-Finanzierung", model.SourceDecision, "Beschluss in 47. Sitzung, TOP 12 Gemeinsame EfA-Finanzierung"},
		{"47. Sitzung", "05", minutes.UntitledItem("Übergreifendes"), model.SourceContribution, "Wortbeitrag in 47. Sitzung, TOP 05 Übergreifendes"},
		{"47. Sitzung", "", minutes.UntitledItem(""), model.SourceNote, "Protokollnotiz in 47. Sitzung, TOP ohne Nummer"},
		{"47. Sitzung", "", minutes.UntitledItem("Grüne Liste"), model.SourceRemark, "Text im Protokoll in 47. Sitzung, Grüne Liste (TOP ohne Nummer)"},
		{"47. Sitzung", "07", "", model.SourceItem, "47. Sitzung, TOP 07"},
		// A title of its own in parentheses: the number's note goes
		// before it, not into a second pair.
		{"47. Sitzung", "", "Bericht (Informationssicherheit)", model.SourceItem, "47. Sitzung, TOP ohne Nummer: Bericht (Informationssicherheit)"},
		{"40. AL-Runde", "01", "Vorbereitung der " + model.Redact("48.") + " Sitzung", model.SourceItem, "40. AL-Runde, TOP 01 Vorbereitung der " + model.Redact("48.") + " Sitzung"},
	}
	for _, tt := range tests {
		got := model.FollowUpSourceLine(tt.session, tt.number, tt.title, tt.src)
		if got != tt.want {
			t.Errorf("FollowUpSourceLine(%q, %q, %q, %q) = %q, want %q", tt.session, tt.number, tt.title, tt.src, got, tt.want)
		}
		if strings.Contains(got, "Tagesordnungspunkt") || strings.Contains(got, "ohne Titel") || strings.Contains(got, ") (") || strings.Contains(got, "((") {
			t.Errorf("FollowUpSourceLine(%q, %q, %q, %q) = %q: not readable", tt.session, tt.number, tt.title, tt.src, got)
		}
		if item := model.FollowUpItem(tt.session, tt.number, tt.title); !strings.HasSuffix(got, item) || tt.src == model.SourceItem && got != item {
			t.Errorf("FollowUpItem(%q, %q, %q) = %q, not the line's item (%q)", tt.session, tt.number, tt.title, item, got)
		}
	}
}

// TestUntitledItemKeepsItsLabel: only the follow-up's source line reads an
// untitled item by its section; the item itself keeps the importer's
// title and label, as the minutes and the session page show it.
func TestUntitledItemKeepsItsLabel(t *testing.T) {
	it := model.AgendaItem{Title: minutes.UntitledItem("Grüne Liste")}
	if it.Title != "Grüne Liste (im Protokoll ohne Titel)" || it.Label() != "TOP (ohne Nummer)" {
		t.Errorf("the item reads %q, %q", it.Label(), it.Title)
	}
	if model.SourceItem.Label() != "Tagesordnungspunkt" || model.SourceItem.Kind() != "" || model.SourceDecision.Kind() != "Beschluss" {
		t.Errorf("source labels: %q, %q, %q", model.SourceItem.Label(), model.SourceItem.Kind(), model.SourceDecision.Kind())
	}
}
