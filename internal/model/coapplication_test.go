package model

import "testing"

// TestApplicationCountsConfirmedCoApplicants: a Land named as co-applicant
// counts for the application rule once it confirmed, not while its
// confirmation is pending nor after it declined; the refusal names them.
func TestApplicationCountsConfirmedCoApplicants(t *testing.T) {
	kinds := map[string]MemberKind{"HE": MemberLand, "BY": MemberLand, "HH": MemberLand, "Bund": MemberBund, "DLT": MemberAdvisory}
	co := func(by, hh CoApplicationState) []CoApplication {
		return []CoApplication{{Member: "BY", State: by}, {Member: "HH", State: hh}}
	}
	three := []string{"HE", "BY", "HH"}
	if err := CheckApplicationConfirmed(three, co(CoApplicationConfirmed, CoApplicationConfirmed), kinds); err != nil {
		t.Errorf("both confirmed: %v", err)
	}
	if err := CheckApplicationConfirmed(three, nil, kinds); err != nil {
		t.Errorf("entered by the secretariat (no co-applications): %v", err)
	}
	err := CheckApplicationConfirmed(three, co(CoApplicationPending, CoApplicationConfirmed), kinds)
	if want := "Beantragt von HE, HH; Mitantrag von BY noch nicht bestätigt; nötig ist der Antrag des Bundes oder dreier Länder."; ClassOf(err) != ErrRule || ReasonOf(err) != want {
		t.Errorf("BY pending: %v, want %q", err, want)
	}
	err = CheckApplicationConfirmed(three, co(CoApplicationPending, CoApplicationDeclined), kinds)
	if want := "Beantragt von HE; Mitantrag von BY noch nicht bestätigt; Mitantrag von HH abgelehnt; nötig ist der Antrag des Bundes oder dreier Länder."; ReasonOf(err) != want {
		t.Errorf("BY pending, HH declined: %v, want %q", err, want)
	}
	// The Bund's own application needs nobody else.
	if err := CheckApplicationConfirmed([]string{"Bund", "BY"}, []CoApplication{{Member: "BY", State: CoApplicationPending}}, kinds); err != nil {
		t.Errorf("the Bund: %v", err)
	}
	if got, want := ApplicantsLabel(three, co(CoApplicationPending, CoApplicationConfirmed)), "HE, BY (Mitantrag noch nicht bestätigt), HH (Mitantrag bestätigt)"; got != want {
		t.Errorf("label %q, want %q", got, want)
	}
	if got := CountedApplicants(three, co(CoApplicationDeclined, CoApplicationConfirmed)); len(got) != 2 || got[0] != "HE" || got[1] != "HH" {
		t.Errorf("counted: %v", got)
	}
}
