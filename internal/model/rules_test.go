package model

import (
	"strings"
	"testing"
)

func TestCheckApplication(t *testing.T) {
	kinds := map[string]MemberKind{"Bund": MemberBund, "HE": MemberLand, "BY": MemberLand, "HH": MemberLand, "DLT": MemberAdvisory}
	for _, tt := range []struct {
		applicants []string
		ok         bool
	}{
		{[]string{"Bund"}, true},
		{[]string{"HE", "BY", "HH"}, true},
		{[]string{"HE", "Bund"}, true},
		{[]string{"HE", "BY"}, false},
		{[]string{"HE", "HE", "HE"}, false},
		{[]string{"DLT"}, false},
		{nil, false},
	} {
		t.Run(strings.Join(tt.applicants, ","), func(t *testing.T) {
			if err := CheckApplication(tt.applicants, kinds); (err == nil) != tt.ok {
				t.Errorf("CheckApplication(%v) = %v", tt.applicants, err)
			}
		})
	}
	if err := CheckApplication([]string{"HE"}, kinds); err == nil || !strings.Contains(err.Error(), "Bundes oder dreier Länder") {
		t.Errorf("message: %v", err)
	}
	// An abbreviation of no member is named so, not "nicht
	// antragsberechtigt" (also beside the Bund).
	if err := CheckApplication([]string{"Bund", "NRW"}, kinds); ReasonOf(err) != "„NRW“ ist kein Mitglied des IT-Planungsrats." {
		t.Errorf("unknown applicant: %v", err)
	}
}

func TestCheckQuorum(t *testing.T) {
	present := map[string]bool{"Bund": true}
	for _, l := range laender[:7] {
		present[l] = true
	}
	if ok, reason := CheckQuorum(voters(), present, DefaultQuorum); ok || !strings.Contains(reason, "nur 8 von 17") {
		t.Errorf("8 present: %v %s", ok, reason)
	}
	present[laender[7]] = true
	if ok, reason := CheckQuorum(voters(), present, DefaultQuorum); !ok || reason != "beschlussfähig: 9 von 17 stimmberechtigten Mitgliedern anwesend (nötig: 9)" {
		t.Errorf("9 present: %v %s", ok, reason)
	}
	present["DLT"] = true // advisory members do not count
	if ok, _ := CheckQuorum(voters(), map[string]bool{"DLT": true}, 1); ok {
		t.Error("an advisory member made a quorum")
	}
}

func TestParseShares(t *testing.T) {
	csvText := "# Quelle: Test\nland,kuerzel,2015,2016\n"
	for _, l := range laender {
		csvText += "Land " + l + "," + l + ",6.25,6.0\n"
	}
	got, err := ParseShares(strings.NewReader(csvText))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[2015]["HE"] != 6.25 || got[2016]["NW"] != 6.0 {
		t.Errorf("shares = %v", got)
	}
	for _, tt := range []struct{ name, csv string }{
		{"one Land", "land,kuerzel,2016\nBayern,BY,15.5\n"},
		{"no year", "land,kuerzel,zwanzig\n"},
		{"wrong header", "name,abk,2016\n"},
		{"no number", "land,kuerzel,2016\nBayern,BY,viel\n"},
		// Found by FuzzParseShares: NaN and Inf parse as floats.
		{"NaN", strings.Replace(csvText, "6.25", "NaN", 1)},
		{"Inf", strings.Replace(csvText, "6.0", "+Inf", 1)},
		{"over 100 percent", strings.Replace(csvText, "6.25", "150", 1)},
		{"a Land twice", csvText + "Baden-Württemberg,BW,13,13\n"},
		{"a year twice", strings.Replace(csvText, "2015,2016", "2016,2016", 1)},
		{"no kuerzel", strings.Replace(csvText, ",BY,", ",,", 1) + "Bayern,BY,6.25,6.0\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseShares(strings.NewReader(tt.csv)); err == nil {
				t.Errorf("accepted %q", tt.csv)
			}
		})
	}
}

func TestProcedureVotes(t *testing.T) {
	v := ProcedureVotes(voters(), []Vote{{"HE", VoteYes}, {"BY", VoteNo}, {"DLT", VoteYes}, {"SN", VoteNone}})
	if v["HE"] != VoteYes || v["BY"] != VoteNo || v["SN"] != VoteAbstain || v["NW"] != VoteAbstain {
		t.Errorf("votes = %v", v)
	}
	if _, ok := v["DLT"]; ok {
		t.Error("a non-voter's vote was counted")
	}
}

// TestVotedInVoterOrder: who has voted, in a written procedure and in a
// live vote alike, is given in the order of the voters, whatever the order
// the votes came in; a procedure's "keine Stimme" is no vote, and a member
// not among the voters is not listed.
func TestVotedInVoterOrder(t *testing.T) {
	voters := []Member{{Abbrev: "Bund"}, {Abbrev: "BW"}, {Abbrev: "BY"}, {Abbrev: "HE"}}
	p := WrittenProcedure{Votes: []Vote{{Member: "HE", Choice: VoteNo}, {Member: "BY", Choice: VoteNone}, {Member: "Bund", Choice: VoteYes}, {Member: "DLT", Choice: VoteYes}}}
	if got := strings.Join(p.Voted(voters), ","); got != "Bund,HE" {
		t.Errorf("written procedure: voted %q, want Bund,HE", got)
	}
	v := SessionVote{Votes: []CastVote{{Member: "HE", Choice: VoteAbstain}, {Member: "BW", Choice: VoteYes}, {Member: "DLT", Choice: VoteYes}}}
	if got := strings.Join(v.Voted(voters), ","); got != "BW,HE" {
		t.Errorf("live vote: voted %q, want BW,HE", got)
	}
	if got := (SessionVote{}).Voted(voters); len(got) != 0 {
		t.Errorf("no votes: %v", got)
	}
}
