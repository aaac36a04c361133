package relevance

import (
	"testing"

	"gremium/internal/model"
)

func TestStem(t *testing.T) {
	for _, pair := range [][2]string{{"Registermodernisierung", "Registermodernisierungen"}, {"Cybersicherheit", "Cybersicherheit"}, {"Fachverfahren", "Fachverfahrens"}} {
		t.Run(pair[1], func(t *testing.T) {
			if Stem(pair[0]) != Stem(pair[1]) {
				t.Errorf("%s and %s stem differently: %s %s", pair[0], pair[1], Stem(pair[0]), Stem(pair[1]))
			}
		})
	}
}

func TestProposeExplains(t *testing.T) {
	e := New([]Profile{
		{ConferenceID: 1, Abbrev: "E-Justice-Rat", Name: "E-Justice-Rat", Terms: []model.Term{{Term: "Justiz", Weight: 1}, {Term: "Cloud", Weight: 1}, {Term: "elektronischer Rechtsverkehr", Weight: 2}}},
		{ConferenceID: 2, Abbrev: "UMK", Name: "Umweltministerkonferenz", Terms: []model.Term{{Term: "Hochwasserprävention", Weight: 2}}},
	})
	got := e.Propose("Es solle deutschlandweit eine einheitliche Justizcloud geben; der elektronische Rechtsverkehr wird ausgebaut.")
	if len(got) != 1 || got[0].Abbrev != "E-Justice-Rat" || got[0].Score != 4 {
		t.Fatalf("proposals = %+v", got)
	}
	if terms := got[0].Terms(); terms != "Justiz (Justizcloud), Cloud (Justizcloud), elektronischer Rechtsverkehr (elektronische Rechtsverkehr)" {
		t.Errorf("terms = %q", terms)
	}
	if len(e.Propose("Der IT-Planungsrat tagt in Schwerin.")) != 0 {
		t.Error("a text without terms got a proposal")
	}
}
