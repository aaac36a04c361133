package model

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
)

// voters gives Bund and the 16 Länder.
func voters() []Member {
	ms := []Member{{Abbrev: "Bund", Name: "Bund", Kind: MemberBund}}
	for _, l := range laender {
		ms = append(ms, Member{Abbrev: l, Name: l, Kind: MemberLand})
	}
	return ms
}

var laender = []string{"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"}

// ks2016 are the Königsteiner-Schlüssel shares of 2016 (percent).
var ks2016 = Shares{"BW": 12.96662, "BY": 15.53327, "BE": 5.08324, "BB": 3.03655, "HB": 0.95331, "HH": 2.55752, "HE": 7.39885, "MV": 2.01240,
	"NI": 9.33138, "NW": 21.14424, "RP": 4.83089, "SL": 1.21111, "SN": 5.05577, "ST": 2.79941, "SH": 3.39074, "TH": 2.69470}

// equalShares gives every Land the same share, so that exactly two thirds
// can be hit: 11 of 16 is 68.75 %, and with shares 2,1,…,1 …
func equalShares() Shares {
	s := Shares{}
	for _, l := range laender {
		s[l] = 1
	}
	return s
}

// votesOf builds a vote map: all Ja, then the overrides.
func votesOf(def VoteChoice, overrides map[string]VoteChoice) map[string]VoteChoice {
	v := map[string]VoteChoice{"Bund": def}
	for _, l := range laender {
		v[l] = def
	}
	for k, c := range overrides {
		v[k] = c
	}
	return v
}

func with(base map[string]VoteChoice, c VoteChoice, ms ...string) map[string]VoteChoice {
	out := map[string]VoteChoice{}
	for k, v := range base {
		out[k] = v
	}
	for _, x := range ms {
		out[x] = c
	}
	return out
}

type voteCase struct {
	name    string
	votes   map[string]VoteChoice
	adopted bool
	phrase  string
}

func runCases(t *testing.T, rule Rule, shares Shares, cases []voteCase) {
	t.Helper()
	if len(cases) < 20 {
		t.Fatalf("%s: only %d cases", rule, len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tally, err := Count(rule, voters(), c.votes, shares)
			if err != nil {
				t.Fatalf("%s: %v", rule, err)
			}
			if tally.Adopted != c.adopted {
				t.Errorf("%s: adopted = %v (%s), want %v", rule, tally.Adopted, tally.Reason, c.adopted)
			}
			if c.phrase != "" && tally.Phrase() != c.phrase {
				t.Errorf("%s: phrase %q, want %q", rule, tally.Phrase(), c.phrase)
			}
			if tally.Reason == "" {
				t.Errorf("%s: no reason given", rule)
			}
		})
	}
}

func TestUnanimity(t *testing.T) {
	all := votesOf(VoteYes, nil)
	runCases(t, RuleUnanimous, nil, []voteCase{
		{"all yes", all, true, "einstimmig"},
		{"one abstention", with(all, VoteAbstain, "HE"), true, "einstimmig, bei Enthaltung von HE"},
		{"two abstentions", with(all, VoteAbstain, "BY", "SN"), true, "einstimmig, bei Enthaltung von BY und SN"},
		{"three abstentions", with(all, VoteAbstain, "BY", "HE", "SN"), true, "einstimmig, bei Enthaltung von BY, HE und SN"},
		{"Bund abstains", with(all, VoteAbstain, "Bund"), true, "einstimmig, bei Enthaltung von Bund"},
		{"one no", with(all, VoteNo, "BY"), false, "abgelehnt bei Gegenstimmen von BY"},
		{"Bund no", with(all, VoteNo, "Bund"), false, ""},
		{"two no", with(all, VoteNo, "BY", "SN"), false, "abgelehnt bei Gegenstimmen von BY und SN"},
		{"no and abstention", with(with(all, VoteNo, "BY"), VoteAbstain, "HE"), false, "abgelehnt bei Gegenstimmen von BY bei Enthaltung von HE"},
		{"one yes rest abstain", with(votesOf(VoteAbstain, nil), VoteYes, "HB"), true, ""},
		{"all abstain", votesOf(VoteAbstain, nil), false, ""},
		{"nobody votes", votesOf(VoteNone, nil), false, ""},
		{"absent members", with(all, VoteNone, "NW", "SL"), true, "einstimmig"},
		{"absent and abstaining", with(with(all, VoteNone, "NW"), VoteAbstain, "SL"), true, "einstimmig, bei Enthaltung von SL"},
		{"only Bund", with(votesOf(VoteNone, nil), VoteYes, "Bund"), true, "einstimmig"},
		{"all no", votesOf(VoteNo, nil), false, ""},
		{"16 yes 1 no", with(all, VoteNo, "TH"), false, ""},
		{"missing entries count as no vote", map[string]VoteChoice{"Bund": VoteYes, "HE": VoteYes}, true, "einstimmig"},
		{"half abstain", with(all, VoteAbstain, "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV"), true, ""},
		{"no vote and no", with(with(all, VoteNone, "HH"), VoteNo, "HB"), false, ""},
		{"abstain only Länder, Bund yes", with(votesOf(VoteAbstain, nil), VoteYes, "Bund"), true, ""},
	})
}

func TestSimpleMajority(t *testing.T) {
	all := votesOf(VoteYes, nil)
	runCases(t, RuleSimple, nil, []voteCase{
		{"all yes", all, true, "einstimmig"},
		{"9 yes 8 no", with(all, VoteNo, "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV"), true, "mehrheitlich bei Gegenstimmen von BW, BY, BE, BB, HB, HH, HE und MV"},
		{"8 yes 9 no", with(all, VoteNo, "Bund", "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV"), false, ""},
		{"tie 8 to 8 with one absent", with(with(all, VoteNo, "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV"), VoteNone, "TH"), false, ""},
		{"tie is not a majority", map[string]VoteChoice{"Bund": VoteYes, "HE": VoteNo}, false, ""},
		{"abstentions do not count", with(with(all, VoteAbstain, "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL"), VoteNo, "SN", "ST"), true, ""},
		{"one yes rest abstain", with(votesOf(VoteAbstain, nil), VoteYes, "HE"), true, ""},
		{"one no rest abstain", with(votesOf(VoteAbstain, nil), VoteNo, "HE"), false, ""},
		{"all abstain", votesOf(VoteAbstain, nil), false, ""},
		{"nobody votes", votesOf(VoteNone, nil), false, ""},
		{"Bund no, Länder yes", with(all, VoteNo, "Bund"), true, "mehrheitlich bei Gegenstimmen von Bund"},
		{"one no", with(all, VoteNo, "SH"), true, "mehrheitlich bei Gegenstimmen von SH"},
		{"one no one abstention", with(with(all, VoteNo, "SH"), VoteAbstain, "HE"), true, "mehrheitlich bei Gegenstimmen von SH und Enthaltung von HE"},
		{"two yes one no", map[string]VoteChoice{"Bund": VoteYes, "HE": VoteYes, "BY": VoteNo}, true, ""},
		{"one yes two no", map[string]VoteChoice{"Bund": VoteYes, "HE": VoteNo, "BY": VoteNo}, false, ""},
		{"all no", votesOf(VoteNo, nil), false, ""},
		{"all no but one", with(votesOf(VoteNo, nil), VoteYes, "HB"), false, ""},
		{"10 absent 4 yes 3 no", map[string]VoteChoice{"Bund": VoteYes, "BW": VoteYes, "BY": VoteYes, "BE": VoteYes, "BB": VoteNo, "HB": VoteNo, "HH": VoteNo}, true, ""},
		{"absent do not count", with(with(all, VoteNone, "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW"), VoteNo, "RP", "SL", "SN"), true, ""},
		{"3 yes 3 no", map[string]VoteChoice{"Bund": VoteYes, "BW": VoteYes, "BY": VoteYes, "BE": VoteNo, "BB": VoteNo, "HB": VoteNo}, false, ""},
		{"abstention with all yes", with(all, VoteAbstain, "NW"), true, "einstimmig, bei Enthaltung von NW"},
	})
}

func TestQualifiedMajority(t *testing.T) {
	all := votesOf(VoteYes, nil)
	eq := equalShares()
	// With equal shares eleven Länder have 11/16 = 68.75 % ≥ 66.67 %.
	// Shares chosen so that eleven Länder hold exactly two thirds: ten Länder
	// with 1 and one with 10/3 hold 40/3, the other five with 4/3 hold 20/3.
	exact := Shares{}
	for i, l := range laender {
		switch {
		case i < 10:
			exact[l] = 3
		case i == 10:
			exact[l] = 10
		default:
			exact[l] = 4
		}
	}
	eleven := laender[:11] // BW … RP
	cases := []struct {
		voteCase
		shares Shares
	}{
		{voteCase{"all yes", all, true, "einstimmig"}, ks2016},
		{voteCase{"Bund no", with(all, VoteNo, "Bund"), false, ""}, ks2016},
		{voteCase{"Bund abstains", with(all, VoteAbstain, "Bund"), false, ""}, ks2016},
		{voteCase{"Bund absent", with(all, VoteNone, "Bund"), false, ""}, ks2016},
		{voteCase{"exactly eleven Länder (equal shares)", with(all, VoteNo, laender[11:]...), true, ""}, eq},
		{voteCase{"ten Länder", with(all, VoteNo, laender[10:]...), false, ""}, eq},
		{voteCase{"ten yes, six abstain", with(all, VoteAbstain, laender[10:]...), false, ""}, eq},
		{voteCase{"exactly two thirds of the shares", with(all, VoteNo, laender[11:]...), true, ""}, exact},
		{voteCase{"eleven Länder just below two thirds", with(with(all, VoteNo, laender[11:]...), VoteNo, "RP"), false, ""}, exact},
		{voteCase{"twelve Länder without NW and BY", with(all, VoteNo, "NW", "BY", "BW", "NI"), false, ""}, ks2016},
		{voteCase{"twelve Länder without NW, BY, HE, SN (50.9 %)", with(all, VoteNo, "NW", "BY", "HE", "SN"), false, ""}, ks2016},
		{voteCase{"fourteen Länder without NW and BY (63.3 %)", with(all, VoteNo, "NW", "BY"), false, "abgelehnt bei Gegenstimmen von BY und NW"}, ks2016},
		{voteCase{"fifteen Länder without NW (78.9 %)", with(all, VoteNo, "NW"), true, "mehrheitlich bei Gegenstimmen von NW"}, ks2016},
		{voteCase{"without NW, BY, BW (49.6 % missing)", with(all, VoteNo, "NW", "BY", "BW"), false, ""}, ks2016},
		{voteCase{"fourteen Länder", with(all, VoteNo, "HB", "SL"), true, ""}, ks2016},
		{voteCase{"eleven small Länder", with(all, VoteNo, "NW", "BY", "BW", "NI", "HE"), false, ""}, ks2016},
		{voteCase{"eleven large Länder", with(all, VoteNo, "HB", "SL", "MV", "TH", "HH"), true, ""}, ks2016},
		{voteCase{"eleven large Länder, five abstain", with(all, VoteAbstain, "HB", "SL", "MV", "TH", "HH"), true, ""}, ks2016},
		{voteCase{"eleven large Länder, five absent", with(all, VoteNone, "HB", "SL", "MV", "TH", "HH"), true, ""}, ks2016},
		{voteCase{"nobody votes", votesOf(VoteNone, nil), false, ""}, ks2016},
		{voteCase{"only Bund", with(votesOf(VoteNone, nil), VoteYes, "Bund"), false, ""}, ks2016},
		{voteCase{"all but one, with abstention", with(all, VoteAbstain, "TH"), true, "einstimmig, bei Enthaltung von TH"}, ks2016},
		{voteCase{"the eleven chosen", with(votesOf(VoteNo, nil), VoteYes, append([]string{"Bund"}, eleven...)...), true, ""}, eq},
	}
	if len(cases) < 20 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tally, err := Count(RuleQualified, voters(), c.votes, c.shares)
			if err != nil {
				t.Fatal(err)
			}
			if tally.Adopted != c.adopted {
				t.Errorf("adopted = %v (%s), want %v", tally.Adopted, tally.Reason, c.adopted)
			}
			if c.phrase != "" && tally.Phrase() != c.phrase {
				t.Errorf("phrase %q, want %q", tally.Phrase(), c.phrase)
			}
		})
	}
	// The reason names the share in German form.
	tally, _ := Count(RuleQualified, voters(), all, ks2016)
	if tally.Reason != "angenommen: Bund und 16 Länder mit 100,0 % der Finanzierungsanteile" {
		t.Errorf("reason = %q", tally.Reason)
	}
	if _, err := Count(RuleQualified, voters(), all, nil); err == nil {
		t.Error("qualified majority without shares must fail")
	}
	if _, err := Count(RuleQualified, voters(), all, Shares{"BW": 1}); err == nil {
		t.Error("shares missing Länder must fail")
	}
}

func TestCountRefuses(t *testing.T) {
	if _, err := Count("los", voters(), nil, nil); err == nil {
		t.Error("unknown rule accepted")
	}
	guests := append(voters(), Member{Abbrev: "DLT", Kind: MemberAdvisory})
	if _, err := Count(RuleSimple, guests, nil, nil); err == nil {
		t.Error("advisory member as voter accepted")
	}
	if _, err := Count(RuleSimple, voters(), map[string]VoteChoice{"DLT": VoteYes}, nil); err == nil {
		t.Error("vote of a non-voter accepted")
	}
	if _, err := Count(RuleSimple, voters(), map[string]VoteChoice{"HE": "vielleicht"}, nil); err == nil {
		t.Error("unknown vote accepted")
	}
	// "nur für zustimmende Mitglieder": the bound members are those voting Ja.
	tally, _ := Count(RuleUnanimous, voters(), with(votesOf(VoteAbstain, nil), VoteYes, "HE", "Bund"), nil)
	if !slices.Equal(tally.Bound, []string{"Bund", "HE"}) {
		t.Errorf("bound = %v", tally.Bound)
	}
}

var choices = []VoteChoice{VoteYes, VoteNo, VoteAbstain, VoteNone}

func randomVotes(rng *rand.Rand) map[string]VoteChoice {
	v := map[string]VoteChoice{}
	for _, m := range voters() {
		v[m.Abbrev] = choices[rng.Intn(len(choices))]
	}
	return v
}

// TestVoteProperties checks, on many random votes and every rule: turning a
// vote into Ja never turns an adopted result into a rejected one; the order
// of the voters never changes the result; the totals always equal the
// number of voting members.
func TestVoteProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(47))
	for _, rule := range []Rule{RuleUnanimous, RuleSimple, RuleQualified} {
		for i := 0; i < 3000; i++ {
			votes := randomVotes(rng)
			base, err := Count(rule, voters(), votes, ks2016)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(base.Yes) + len(base.No) + len(base.Abstaining) + len(base.NotVoting); n != len(voters()) {
				t.Fatalf("%s: totals %d ≠ %d voters", rule, n, len(voters()))
			}
			// Monotonicity.
			m := voters()[rng.Intn(len(voters()))].Abbrev
			more := with(votes, VoteYes, m)
			after, _ := Count(rule, voters(), more, ks2016)
			if base.Adopted && !after.Adopted {
				t.Fatalf("%s: a Ja of %s turned adopted into rejected (%v)", rule, m, votes)
			}
			// Permutation.
			perm := voters()
			rng.Shuffle(len(perm), func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
			shuffled, _ := Count(rule, perm, votes, ks2016)
			if shuffled.Adopted != base.Adopted || !sameSet(shuffled.Yes, base.Yes) || !sameSet(shuffled.No, base.No) ||
				!sameSet(shuffled.Abstaining, base.Abstaining) || shuffled.LaenderYes != base.LaenderYes {
				t.Fatalf("%s: order of voters changed the result: %s vs %s", rule, shuffled.Reason, base.Reason)
			}
		}
	}
}

func ExampleCount() {
	votes := map[string]VoteChoice{"Bund": VoteYes, "HE": VoteAbstain}
	for _, l := range laender {
		if l != "HE" {
			votes[l] = VoteYes
		}
	}
	t, _ := Count(RuleUnanimous, voters(), votes, nil)
	fmt.Println(t.Phrase())
	// Output: einstimmig, bei Enthaltung von HE
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
