package minutes_test

import (
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
)

// oneRow gives the minutes of the 47th session with one item whose one
// row is a contribution of text, with the follow-ups have recorded.
func oneRow(text string, have ...model.FollowUp) minutes.Document {
	return minutes.Document{Session: model.Session{Number: 47}, Sections: []minutes.Section{{Items: []minutes.Item{{
		AgendaItem: model.AgendaItem{ID: 7, Number: "10", Title: "Bericht des Themenpaten"},
		Rows:       []minutes.Row{{Kind: minutes.RowDiscussion, ID: 3, Speaker: "HH", Points: []string{text}}},
		FollowUps:  have}}}}}
}

// TestFollowUpActiveResponsible: who acts in the active voice is
// responsible ("Die FITKO legt … vor"; before, nobody was, and the
// secretariat typed it in), a known member or a PG/AG, also after a
// leading deadline; the IT-Planungsrat deciding, or "Es wird erwartet",
// names nobody. The FITKO's sentence is the seed's order (47th session,
// Unternehmenskonto) in the active voice; the last is the seed's as
// written.
func TestFollowUpActiveResponsible(t *testing.T) {
	d := minutes.NewDeriver(itplr.Members())
	for _, tt := range []struct{ text, responsible string }{
		{"Die FITKO legt die Ergebnisse des Audits der Kostenstrukturen des Unternehmenskontos spätestens zur 49. Sitzung des IT-Planungsrats vor.", "FITKO"},
		{"Die FITKO legt bis zum 31.08.2025 einen Bericht vor.", "FITKO"},
		{"Bis zur 49. Sitzung legt Bayern vor.", "BY"},
		{"Die PG EfA-Finanzierung und die FITKO legen bis zum 31.08.2025 einen Bericht vor.", "PG EfA-Finanzierung, FITKO"},
		{"Hessen legt zur nächsten Sitzung eine Projektplanung vor.", "HE"},
		{"Der IT-Planungsrat beschließt das Grobkonzept bis zum 31.08.2025.", ""},
		{"Es wird erwartet, dass eine solche Projektplanung kurzfristig, spätestens zur 48. Sitzung des IT-Planungsrats, zur Kenntnisnahme zur Verfügung gestellt wird.", ""},
	} {
		ps := d.Propose(oneRow(tt.text))
		if len(ps) != 1 || ps[0].Responsible != tt.responsible {
			t.Errorf("%q: want %q responsible, got %+v", tt.text, tt.responsible, ps)
		}
	}
}

// TestFollowUpAlreadyRecorded: a follow-up the item has already is not
// proposed again from its sentence when it has the sentence's text, or its
// responsible one where the sentence names no deadline (the secretariat
// recorded the request with one: before, it was proposed again, the
// deadlines differing); a proposal a recorded follow-up may cover (one of
// its responsible ones, another deadline) names it; another member's
// follow-up covers nothing. The sentences are the seed's (47th session,
// TOP 10 and TOP 12).
func TestFollowUpAlreadyRecorded(t *testing.T) {
	d := minutes.NewDeriver(itplr.Members())
	request := "Bitte an den Bund, dass die Cybersicherheit unter die Verteidigungsklausel des Sondervermögens verortet werde."
	for _, have := range []model.FollowUp{
		{ID: 3, Text: "Bitte an den Bund, dass die Cybersicherheit unter die  Verteidigungsklausel des Sondervermögens verortet werde",
			Responsible: "HH", DueDate: model.NewDate(2025, 12, 31)},
		{ID: 4, Text: "Prüfung, ob die Cybersicherheit unter die Verteidigungsklausel des Sondervermögens verortet werden kann (Bitte von HH)",
			Responsible: "Bund", DueDate: model.NewDate(2025, 12, 31)},
	} {
		if ps := d.Propose(oneRow(request, have)); len(ps) != 0 {
			t.Errorf("recorded as follow-up %d (%q, %s), proposed again: %+v", have.ID, have.Text, have.Responsible, ps)
		}
	}
	ps := d.Propose(oneRow(request, model.FollowUp{ID: 5, Text: "Liste ergänzen", Responsible: "HE"}))
	if len(ps) != 1 || ps[0].Covered != nil {
		t.Errorf("another member's follow-up: %+v", ps)
	}
	order := "Er bittet die PG EfA-Finanzierung und die FITKO darum, die Beauftragung eines wissenschaftlichen Instituts bis zum 31.08.2025 durchzuführen."
	recorded := model.FollowUp{ID: 6, Text: "Beauftragung eines wissenschaftlichen Instituts", Responsible: "FITKO", DueDate: model.NewDate(2025, 9, 30)}
	ps = d.Propose(oneRow(order, recorded))
	if len(ps) != 1 || ps[0].Covered == nil || ps[0].Covered.ID != 6 {
		t.Errorf("recorded in other words with another deadline: want the proposal naming follow-up 6, got %+v", ps)
	}
}
