package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

// TestEarlierDecisionGivesEveryReasonAtItsField: the form recording an
// earlier decision (before gremium) on a conference's page refused a
// number that is no number and a missing date one after the other, and
// neither at its field; a number and date of different years named no
// field either. Each reason now stands at its field, all of them above.
func TestEarlierDecisionGivesEveryReasonAtItsField(t *testing.T) {
	ts, _ := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	const box = `id="fruehere-fehler" tabindex="-1"><p>Der frühere Beschluss ist nicht erfasst:`
	for _, tc := range []struct {
		name string
		form url.Values
		want map[string]string
	}{
		{"no number, no date", url.Values{"fachmk": {"FMK"}, "nummer": {"2022-43"}, "datum": {"20.10."}, "titel": {"Ernennung"}},
			map[string]string{"fb-nummer": "Bitte die Nummer des Beschlusses angeben", "fb-datum": "Bitte das Datum des Beschlusses angeben"}},
		{"number and date of different years", url.Values{"fachmk": {"FMK"}, "nummer": {"B-2022/43-IT"}, "datum": {"2021-10-20"}},
			map[string]string{"fb-datum": "Nummer und Datum nennen verschiedene Jahre"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, page := do(t, gs, "POST", ts.URL+"/fachmk/fruehere-beschluesse", tc.form)
			if code != http.StatusBadRequest {
				t.Fatalf("%d", code)
			}
			reasonsAtFields(t, page, box, tc.want)
		})
	}
}

// TestAssignmentRefusesASessionThatIsNoNumber: the form assigning a
// spokesperson dropped a session number that is no number ("achtundvierzig")
// without a word and stored the assignment as of an unknown session; an
// unknown member was said at no field. Both are now refused at their
// fields, together, and nothing is stored.
func TestAssignmentRefusesASessionThatIsNoNumber(t *testing.T) {
	ts, st := cycleServer(t)
	gs := client(t, ts, "geschaeftsstelle")
	ctx := context.Background()
	fmk, err := st.BodyByAbbrev(ctx, "FMK")
	if err != nil {
		t.Fatal(err)
	}
	before, err := st.Assignments(ctx, fmk.ID)
	if err != nil {
		t.Fatal(err)
	}
	code, page := do(t, gs, "POST", ts.URL+"/fachmk/FMK/sprecher", url.Values{"mitglied": {"XX"}, "beschluss": {"B-2025/26-IT"}, "sitzung": {"achtundvierzig"}})
	if code != http.StatusBadRequest {
		t.Fatalf("%d", code)
	}
	reasonsAtFields(t, page, `id="sprecher-fehler" tabindex="-1"><p>Die Sprecherfunktion ist nicht vergeben:`, map[string]string{
		"sp-sitzung":  "„achtundvierzig“ ist keine Sitzungsnummer",
		"sp-mitglied": "„XX“ ist kein erfasstes Mitglied",
	})
	code, page = do(t, gs, "POST", ts.URL+"/fachmk/FMK/sprecher", url.Values{"mitglied": {"HE"}, "beschluss": {"B-2025/26-IT"}, "sitzung": {"achtundvierzig"}})
	if code != http.StatusBadRequest {
		t.Fatalf("a known member with a session that is no number: %d", code)
	}
	reasonsAtFields(t, page, `id="sprecher-fehler" tabindex="-1"><p>Die Sprecherfunktion ist nicht vergeben:`, map[string]string{
		"sp-sitzung": "„achtundvierzig“ ist keine Sitzungsnummer",
	})
	if after, err := st.Assignments(ctx, fmk.ID); err != nil || len(after) != len(before) {
		t.Errorf("a refused assignment was stored: %d before, %d after (%v)", len(before), len(after), err)
	}
}
