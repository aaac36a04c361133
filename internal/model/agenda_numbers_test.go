package model

import (
	"reflect"
	"testing"
)

func TestAgendaNumbers(t *testing.T) {
	items := []AgendaItem{
		{ID: 5, Title: "Später", Position: 4, Status: ItemAccepted},
		{ID: 1, Number: "00", Title: "Begrüßung", Position: 1},
		{ID: 2, Title: ReportingFachMKTitle, Position: 2},
		{ID: 3, Number: "09", Title: "Vertagt", Position: 3, Deferral: Deferral{To: 49}},
		{ID: 4, Title: "Angemeldet", Position: 3, Status: ItemRegistered, RegisteredBy: "HE"},
		{ID: 6, Title: "Abgelehnt", Position: 5, Status: ItemDeclined, RegisteredBy: "BY"},
		{ID: 7, Number: "03", Title: "Gleiche Stelle", Position: 4},
	}
	want := map[int64]string{1: "00", 2: "01", 5: "02", 7: "03"}
	if got := AgendaNumbers(items); !reflect.DeepEqual(got, want) {
		t.Errorf("AgendaNumbers = %v, want %v", got, want)
	}
	var titles []string
	for _, it := range Unnumbered(items) {
		titles = append(titles, it.Title)
	}
	if want := []string{ReportingFachMKTitle, "Später"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("Unnumbered = %q, want %q", titles, want)
	}
	// A welcome that is not TOP 00 is numbered like any other item.
	if got := AgendaNumbers([]AgendaItem{{ID: 1, Title: "Begrüßung", Position: 1}}); got[1] != "01" {
		t.Errorf("unnumbered welcome = %q", got[1])
	}
}

func TestCheckNumberable(t *testing.T) {
	for _, tc := range []struct {
		se Session
		ok bool
	}{
		{Session{Number: 48, Status: StatusPlanned}, true},
		{Session{Number: 48, Status: StatusConvened}, true},
		{Session{Number: 48, Status: StatusConvened, AgendaPublished: true}, false},
		{Session{Number: 48, Status: StatusRunning}, false},
		{Session{Number: 48, Status: StatusEnded}, false},
	} {
		err := tc.se.CheckNumberable()
		if (err == nil) != tc.ok || err != nil && ClassOf(err) != ErrRule {
			t.Errorf("%+v: %v", tc.se, err)
		}
	}
}

// TestSectionBeside: an item's section is named beside its title unless
// the title names it already (the same words, or the section's name with
// a parenthesis: an item without title in the minutes).
func TestSectionBeside(t *testing.T) {
	for _, c := range []struct{ title, section, want string }{
		{"Begrüßung", "Begrüßung", ""},
		{" begrüßung ", "Begrüßung", ""},
		{"Übergreifendes (im Protokoll ohne Titel)", "Übergreifendes", ""},
		{"Bericht des Themenpaten", "Informationssicherheit", "Informationssicherheit"},
		{"Begrüßung durch den Vorsitz", "Begrüßung", "Begrüßung"},
		{"Begrüßungen", "Begrüßung", "Begrüßung"},
		{"Titel", "", ""},
	} {
		if got := (AgendaItem{Title: c.title}).SectionBeside(c.section); got != c.want {
			t.Errorf("SectionBeside(%q) of %q = %q, want %q", c.section, c.title, got, c.want)
		}
	}
}

// TestOutOfOrder: an item moved after numbering keeps its number; the
// items standing after a higher number are named, deferred, pending and
// non-numeric ones are not compared.
func TestOutOfOrder(t *testing.T) {
	items := []AgendaItem{
		{ID: 1, Number: "00", Title: "Begrüßung", Position: 1},
		{ID: 2, Number: "01", Title: "Erster", Position: 2},
		{ID: 4, Number: "03", Title: "Verschoben", Position: 3},
		{ID: 3, Number: "02", Title: "Zweiter", Position: 4},
		{ID: 5, Number: "01", Title: "Vertagt", Position: 5, Deferral: Deferral{To: 49}},
		{ID: 6, Number: "5a", Title: "Ohne Zahl", Position: 6},
		{ID: 7, Number: "04", Title: "Vierter", Position: 7},
	}
	var titles []string
	for _, it := range OutOfOrder(items) {
		titles = append(titles, it.Title)
	}
	if want := []string{"Zweiter"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("OutOfOrder = %q, want %q", titles, want)
	}
	items[2].Position, items[3].Position = 4, 3
	if got := OutOfOrder(items); len(got) != 0 {
		t.Errorf("in order: OutOfOrder = %v", got)
	}
}
