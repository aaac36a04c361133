package model

import (
	"strings"
	"testing"
)

// TestRegisterQueryCanonical: the register's abbreviations are read
// whatever their case and written as the register writes them; one that
// none has is refused at its parameter, named when it is an
// abbreviation, not repeated when it is other text.
func TestRegisterQueryCanonical(t *testing.T) {
	conferences := []Body{{Abbrev: "FMK", Kind: BodyFachMK}, {Abbrev: "JuMiKo", Kind: BodyFachMK}, {Abbrev: "IT-PLR", Kind: BodyPlanningCouncil}}
	members := []Member{{Abbrev: "Bund"}, {Abbrev: "HE"}, {Abbrev: "DStGB"}}
	for _, c := range []struct {
		conference, reporter string
		want                 RegisterQuery
		field, reason        string
	}{
		{"fmk", "he", RegisterQuery{Conference: "FMK", Reporter: "HE"}, "", ""},
		{"JUMIKO", "bund", RegisterQuery{Conference: "JuMiKo", Reporter: "Bund"}, "", ""},
		{"", "dstgb", RegisterQuery{Reporter: "DStGB"}, "", ""},
		{"FMK", "HE", RegisterQuery{Conference: "FMK", Reporter: "HE"}, "", ""},
		{"it-plr", "", RegisterQuery{}, "fachmk", "Keine Fachministerkonferenz „it-plr“."},
		{"", "hx", RegisterQuery{}, "be", "Kein Mitglied hat das Kürzel „hx“; Mitglieder werden mit ihrem Kürzel angegeben, zum Beispiel ?be=Bund."},
		{"", "Ruf an: evil", RegisterQuery{}, "be", "Kein Mitglied hat das Kürzel in ?be= der Adresse"},
		{"Ruf an: evil", "", RegisterQuery{}, "fachmk", "Keine Fachministerkonferenz hat das Kürzel in ?fachmk= der Adresse; Fachministerkonferenzen werden mit ihrem Kürzel angegeben, zum Beispiel ?fachmk=FMK."},
	} {
		got, err := RegisterQuery{Conference: c.conference, Reporter: c.reporter}.Canonical(conferences, members)
		if c.field == "" {
			if err != nil || got != c.want {
				t.Errorf("%q, %q: %+v, %v; want %+v", c.conference, c.reporter, got, err, c.want)
			}
			continue
		}
		if ClassOf(err) != ErrNotFound || FieldOf(err) != c.field || !strings.HasPrefix(ReasonOf(err), c.reason) || strings.Contains(ReasonOf(err), "evil") {
			t.Errorf("%q, %q: %v at %q, want %q at %q", c.conference, c.reporter, err, FieldOf(err), c.reason, c.field)
		}
	}
}

// TestRegisterWayNotRepeated: a way the register does not know is refused
// at ?verfahren= without repeating the address's text, which may be any
// ("Rufen Sie 0800 … an"); before, the reason quoted it.
func TestRegisterWayNotRepeated(t *testing.T) {
	const planted = "rufen sie 0800 123456 an"
	_, err := ParseRegisterQuery(map[string][]string{"verfahren": {"Rufen Sie 0800 123456 an"}})
	if err == nil || FieldOf(err) != "verfahren" || strings.Contains(strings.ToLower(ReasonOf(err)), planted) || !strings.Contains(ReasonOf(err), "gruene-liste") {
		t.Errorf("refusal of an unknown way: %v (field %q)", err, FieldOf(err))
	}
	if q, err := ParseRegisterQuery(map[string][]string{"verfahren": {"Gruene-Liste"}}); err != nil || q.Way != WayConsent {
		t.Errorf("?verfahren=Gruene-Liste: %+v %v", q.Way, err)
	}
}
