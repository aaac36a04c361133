package model

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// laender are the 16 Länder in list order.
var laender = []string{"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"}

// voters gives the Bund and the 16 Länder.
func voters() []Member {
	ms := []Member{{Abbrev: "Bund", Name: "Bund", Kind: MemberBund}}
	for _, l := range laender {
		ms = append(ms, Member{Abbrev: l, Name: l, Kind: MemberLand})
	}
	return ms
}

// all17 lists every voter.
var all17 = append([]string{"Bund"}, laender...)

// ks are the built-in Königsteiner-Schlüssel tables (2014, 2015, 2016).
var ks = BuiltinShares()

// votes builds a vote map: every member in ms gets c.
func votes(c VoteChoice, ms ...string) map[string]VoteChoice {
	v := map[string]VoteChoice{}
	for _, m := range ms {
		v[m] = c
	}
	return v
}

// with gives base with the members ms voting c.
func with(base map[string]VoteChoice, c VoteChoice, ms ...string) map[string]VoteChoice {
	out := map[string]VoteChoice{}
	for k, v := range base {
		out[k] = v
	}
	for _, m := range ms {
		out[m] = c
	}
	return out
}

// except gives the voters other than ms.
func except(ms ...string) []string {
	var out []string
	for _, v := range all17 {
		if !slices.Contains(ms, v) {
			out = append(out, v)
		}
	}
	return out
}

// set gives a presence map.
func set(ms ...string) map[string]bool {
	out := map[string]bool{}
	for _, m := range ms {
		out[m] = true
	}
	return out
}

// situation is one vote: the decision's kind, in session or in written
// procedure, the Königsteiner-Schlüssel year, who is present and how each
// votes, and the expected outcome and minutes phrase (or the refusal).
type situation struct {
	name    string
	kind    DecisionKind
	written bool
	year    int
	present []string // in session; nil means every voter
	votes   map[string]VoteChoice
	allMust bool
	rule    *Rule // nil: the IT-Planungsrat's rule of the kind
	quorum  int   // 0: DefaultQuorum
	adopted bool
	phrase  string
	refused bool // the count is refused with a rule error
}

// The five Länder with the largest shares, and the eleven others (33.6 %).
var (
	largest5  = []string{"BW", "BY", "HE", "NI", "NW"}
	smallest1 = []string{"BE", "BB", "HB", "HH", "MV", "RP", "SL", "SN", "ST", "SH", "TH"}
)

// Three sets of Länder whose share crosses two thirds between the tables:
// A holds 66.67 % in 2014 and 66.54 %/66.55 % in 2015/2016; B 66.60 % in
// 2014 and 66.67 %/66.76 % after; C (twelve Länder) 66.87 %/66.71 % in
// 2014/2015 and 66.661 % in 2016.
var (
	setA = []string{"BW", "BE", "BB", "HH", "HE", "MV", "NW", "SL", "SN", "SH", "TH"}
	setB = []string{"BW", "BY", "BE", "BB", "HB", "HE", "NI", "SL", "SN", "ST", "SH"}
	setC = []string{"BW", "BB", "HB", "HH", "HE", "MV", "NW", "RP", "SL", "SN", "ST", "TH"}
)

func situations() []situation {
	allYes := votes(VoteYes, all17...)
	bundAnd := func(ls []string) []string { return append([]string{"Bund"}, ls...) }
	nine := []string{"Bund", "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV"} // Bund and 8 Länder
	strict := Rule{Kind: RuleSimple, Basis: BasisPresent}
	return []situation{
		// --- Beschluss in session (IT-Staatsvertrag § 1 Abs. 7 Satz 1) ---
		{name: "alle 17 Ja", kind: KindDecision, year: 2016, votes: allYes, adopted: true, phrase: "einstimmig"},
		{name: "Enthaltung von HE (Protokoll der 47. Sitzung)", kind: KindDecision, year: 2016, votes: with(allYes, VoteAbstain, "HE"),
			adopted: true, phrase: "einstimmig, bei Enthaltung von HE"},
		{name: "Issue: nur der Bund Ja, alle Länder enthalten sich (war B-2025/31-IT)", kind: KindDecision, year: 2016,
			votes: with(votes(VoteAbstain, laender...), VoteYes, "Bund"), adopted: false,
			phrase: "abgelehnt bei Enthaltung von BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH und TH"},
		{name: "Issue: Bund enthält sich, 16 Länder Ja (war B-2025/38-IT)", kind: KindDecision, year: 2016,
			votes: with(allYes, VoteAbstain, "Bund"), adopted: false, phrase: "abgelehnt bei Enthaltung des Bundes"},
		{name: "Issue: Bund und die 11 kleinsten Länder (33,6 %), die 5 größten enthalten sich (war B-2025/37-IT)", kind: KindDecision, year: 2016,
			votes: with(allYes, VoteAbstain, largest5...), adopted: false, phrase: "abgelehnt bei Enthaltung von BW, BY, HE, NI und NW"},
		{name: "Issue: Bund und 8 Länder Ja gegen 8 Nein (war mit „einfacher Mehrheit“ angenommen)", kind: KindDecision, year: 2016,
			votes: with(votes(VoteYes, nine...), VoteNo, "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"), adopted: false,
			phrase: "abgelehnt bei Gegenstimmen von NI, NW, RP, SL, SN, ST, SH und TH"},
		{name: "Issue: 9 anwesend, aber alle 17 mit Ja erfasst (war „einstimmig“)", kind: KindDecision, year: 2016, present: nine,
			votes: allYes, refused: true},
		{name: "9 anwesend (Bund und 8 Länder): kein Beschluss möglich", kind: KindDecision, year: 2016, present: nine,
			votes: votes(VoteYes, nine...), refused: true},
		{name: "Issue: Saarland abwesend, im Raster mit Ja erfasst", kind: KindDecision, year: 2016, present: except("SL"),
			votes: allYes, refused: true},
		{name: "Saarland abwesend, alle Anwesenden Ja", kind: KindDecision, year: 2016, present: except("SL"),
			votes: votes(VoteYes, except("SL")...), adopted: true, phrase: "einstimmig"},
		{name: "Bund abwesend: kein Beschluss möglich", kind: KindDecision, year: 2016, present: laender,
			votes: votes(VoteYes, laender...), refused: true},
		{name: "die Länder mit zwei Dritteln abwesend: kein Beschluss möglich", kind: KindDecision, year: 2016, present: bundAnd(smallest1),
			votes: votes(VoteYes, bundAnd(smallest1)...), refused: true},
		{name: "15 Länder ohne NW (78,9 %)", kind: KindDecision, year: 2016, votes: with(allYes, VoteNo, "NW"), adopted: true,
			phrase: "mehrheitlich bei Gegenstimme von NW"},
		{name: "14 Länder ohne BY und NW (63,3 %)", kind: KindDecision, year: 2016, votes: with(allYes, VoteNo, "BY", "NW"), adopted: false,
			phrase: "abgelehnt bei Gegenstimmen von BY und NW"},
		{name: "14 Länder ohne BW und NW (65,9 %)", kind: KindDecision, year: 2016, votes: with(allYes, VoteNo, "BW", "NW"), adopted: false,
			phrase: "abgelehnt bei Gegenstimmen von BW und NW"},
		{name: "14 Länder ohne BW und BY (71,5 %)", kind: KindDecision, year: 2016, votes: with(allYes, VoteNo, "BW", "BY"), adopted: true,
			phrase: "mehrheitlich bei Gegenstimmen von BW und BY"},
		{name: "genau 11 Länder, die größten", kind: KindDecision, year: 2016, votes: with(allYes, VoteNo, "HB", "HH", "MV", "SL", "TH"), adopted: true,
			phrase: "mehrheitlich bei Gegenstimmen von HB, HH, MV, SL und TH"},
		{name: "nur 10 Länder", kind: KindDecision, year: 2016, votes: with(allYes, VoteNo, "HB", "HH", "MV", "SL", "TH", "ST"), adopted: false,
			phrase: "abgelehnt bei Gegenstimmen von HB, HH, MV, SL, ST und TH"},
		{name: "eine Gegenstimme, eine Enthaltung", kind: KindDecision, year: 2016, votes: with(with(allYes, VoteNo, "SN"), VoteAbstain, "HE"),
			adopted: true, phrase: "mehrheitlich bei Gegenstimme von SN und Enthaltung von HE"},
		{name: "anwesende ohne Stimme zählen nicht (BW, BY, NW ohne Stimme: 50,4 %)", kind: KindDecision, year: 2016,
			votes: votes(VoteYes, except("BW", "BY", "NW")...), adopted: false, phrase: "abgelehnt, ohne Stimmabgabe von BW, BY und NW"},
		{name: "Zustimmung aller erforderlich, alle Ja", kind: KindDecision, year: 2016, allMust: true, votes: allYes, adopted: true, phrase: "einstimmig"},
		{name: "Zustimmung aller erforderlich, HE enthält sich", kind: KindDecision, year: 2016, allMust: true,
			votes: with(allYes, VoteAbstain, "HE"), adopted: false, phrase: "abgelehnt bei Enthaltung von HE"},
		{name: "Zustimmung aller erforderlich, SL abwesend", kind: KindDecision, year: 2016, allMust: true, present: except("SL"),
			votes: votes(VoteYes, except("SL")...), refused: true},
		{name: "Nicht beschlussfähig: 8 anwesend", kind: KindDecision, year: 2016, present: nine[:8], votes: votes(VoteYes, nine[:8]...), refused: true},
		{name: "Stimme eines beratenden Mitglieds", kind: KindDecision, year: 2016, votes: with(allYes, VoteYes, "DLT"), refused: true},

		// --- the three tables: the same votes, different outcomes ---
		{name: "alle Ja, Tabelle 2014", kind: KindDecision, year: 2014, votes: allYes, adopted: true, phrase: "einstimmig"},
		{name: "alle Ja, Tabelle 2015", kind: KindDecision, year: 2015, votes: allYes, adopted: true, phrase: "einstimmig"},
		{name: "Länder A (66,67 %), Tabelle 2014", kind: KindDecision, year: 2014, votes: with(allYes, VoteNo, "BY", "HB", "NI", "RP", "ST"),
			adopted: true, phrase: "mehrheitlich bei Gegenstimmen von BY, HB, NI, RP und ST"},
		{name: "Länder A (66,54 %), Tabelle 2015", kind: KindDecision, year: 2015, votes: with(allYes, VoteNo, "BY", "HB", "NI", "RP", "ST"),
			adopted: false, phrase: "abgelehnt bei Gegenstimmen von BY, HB, NI, RP und ST"},
		{name: "Länder A (66,55 %), Tabelle 2016", kind: KindDecision, year: 2016, votes: with(allYes, VoteNo, "BY", "HB", "NI", "RP", "ST"),
			adopted: false, phrase: "abgelehnt bei Gegenstimmen von BY, HB, NI, RP und ST"},
		{name: "Länder B (66,60 %), Tabelle 2014", kind: KindDecision, year: 2014, votes: with(votes(VoteYes, bundAnd(setB)...), VoteAbstain, "HH", "MV", "NW", "RP", "TH"),
			adopted: false, phrase: "abgelehnt bei Enthaltung von HH, MV, NW, RP und TH"},
		{name: "Länder B (66,67 %), Tabelle 2015", kind: KindDecision, year: 2015, votes: with(allYes, VoteAbstain, "HH", "MV", "NW", "RP", "TH"),
			adopted: true, phrase: "einstimmig, bei Enthaltung von HH, MV, NW, RP und TH"},
		{name: "Länder B (66,76 %), Tabelle 2016", kind: KindDecision, year: 2016, votes: with(allYes, VoteAbstain, "HH", "MV", "NW", "RP", "TH"),
			adopted: true, phrase: "einstimmig, bei Enthaltung von HH, MV, NW, RP und TH"},
		{name: "zwölf Länder C (66,87 %), Tabelle 2014", kind: KindDecision, year: 2014, votes: with(allYes, VoteNo, "BY", "BE", "NI", "SH"),
			adopted: true, phrase: "mehrheitlich bei Gegenstimmen von BY, BE, NI und SH"},
		{name: "zwölf Länder C (66,71 %), Tabelle 2015", kind: KindDecision, year: 2015, votes: with(allYes, VoteNo, "BY", "BE", "NI", "SH"),
			adopted: true, phrase: "mehrheitlich bei Gegenstimmen von BY, BE, NI und SH"},
		{name: "zwölf Länder C (66,661 %), Tabelle 2016", kind: KindDecision, year: 2016, votes: with(votes(VoteYes, bundAnd(setC)...), VoteNo, "BY", "BE", "NI", "SH"),
			adopted: false, phrase: "abgelehnt bei Gegenstimmen von BY, BE, NI und SH"},

		// --- Empfehlung in session (§ 1 Abs. 7 Satz 2, GO § 7 Abs. 4) ---
		{name: "Issue: Empfehlung 1:8 unter 9 Anwesenden", kind: KindRecommendation, year: 2016, present: nine,
			votes: with(votes(VoteNo, nine...), VoteYes, "HE"), adopted: false,
			phrase: "abgelehnt bei Gegenstimmen des Bundes und von BW, BY, BE, BB, HB, HH und MV"},
		{name: "Issue: dieselbe Empfehlung mit dem Ja der 8 Abwesenden", kind: KindRecommendation, year: 2016, present: nine,
			votes: with(with(votes(VoteNo, nine...), VoteYes, "HE"), VoteYes, "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH"), refused: true},
		{name: "Empfehlung 4:4 bei Enthaltungen", kind: KindRecommendation, year: 2016,
			votes: with(with(votes(VoteAbstain, all17...), VoteYes, "Bund", "BW", "BY", "BE"), VoteNo, "BB", "HB", "HH", "HE"), adopted: false,
			phrase: "abgelehnt bei Gegenstimmen von BB, HB, HH und HE und Enthaltung von MV, NI, NW, RP, SL, SN, ST, SH und TH"},
		{name: "Empfehlung 3:2, Enthaltungen zählen nicht", kind: KindRecommendation, year: 2016,
			votes: with(with(votes(VoteAbstain, all17...), VoteYes, "HE", "HH", "SN"), VoteNo, "BY", "NW"), adopted: true,
			phrase: "mehrheitlich bei Gegenstimmen von BY und NW und Enthaltung des Bundes und von BW, BE, BB, HB, MV, NI, RP, SL, ST, SH und TH"},
		{name: "Empfehlung gegen den Bund", kind: KindRecommendation, year: 2016, votes: with(allYes, VoteNo, "Bund"), adopted: true,
			phrase: "mehrheitlich bei Gegenstimme des Bundes"},
		{name: "Empfehlung ohne den Bund", kind: KindRecommendation, year: 2016, present: laender, votes: votes(VoteYes, laender...), adopted: true,
			phrase: "einstimmig"},
		{name: "Empfehlung: alle enthalten sich", kind: KindRecommendation, year: 2016, votes: votes(VoteAbstain, all17...), adopted: false,
			phrase: "abgelehnt bei Enthaltung des Bundes und von BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH und TH"},
		{name: "Empfehlung, Mehrheit der Anwesenden als Regel: 3:2 reicht nicht", kind: KindRecommendation, year: 2016, rule: &strict,
			votes: with(with(votes(VoteAbstain, all17...), VoteYes, "HE", "HH", "SN"), VoteNo, "BY", "NW"), adopted: false,
			phrase: "abgelehnt bei Gegenstimmen von BY und NW und Enthaltung des Bundes und von BW, BE, BB, HB, MV, NI, RP, SL, ST, SH und TH"},

		// --- written procedure (Umlaufverfahren, GO § 7 Abs. 4 Satz 2, § 8) ---
		{name: "Issue: Umlaufverfahren, nur der Bund stimmt ab (war B-2026/01-IT)", kind: KindDecision, written: true, year: 2016,
			votes: votes(VoteYes, "Bund"), adopted: false,
			phrase: "abgelehnt bei Enthaltung von BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH und TH (Umlaufverfahren)"},
		{name: "Umlaufverfahren, alle Ja", kind: KindDecision, written: true, year: 2016, votes: allYes, adopted: true, phrase: "einstimmig (Umlaufverfahren)"},
		{name: "Umlaufverfahren, vier stimmen nicht ab", kind: KindDecision, written: true, year: 2016, votes: votes(VoteYes, except("HB", "MV", "SL", "TH")...),
			adopted: true, phrase: "einstimmig, bei Enthaltung von HB, MV, SL und TH (Umlaufverfahren)"},
		{name: "Umlaufverfahren, BY und NW stimmen nicht ab (63,3 %)", kind: KindDecision, written: true, year: 2016, votes: votes(VoteYes, except("BY", "NW")...),
			adopted: false, phrase: "abgelehnt bei Enthaltung von BY und NW (Umlaufverfahren)"},
		{name: "Umlaufverfahren, Länder A, Tabelle 2014", kind: KindDecision, written: true, year: 2014, votes: with(allYes, VoteNo, "BY", "HB", "NI", "RP", "ST"),
			adopted: true, phrase: "mehrheitlich bei Gegenstimmen von BY, HB, NI, RP und ST (Umlaufverfahren)"},
		{name: "Umlaufverfahren, Länder A, Tabelle 2015", kind: KindDecision, written: true, year: 2015, votes: votes(VoteYes, bundAnd(setA)...),
			adopted: false, phrase: "abgelehnt bei Enthaltung von BY, HB, NI, RP und ST (Umlaufverfahren)"},
		{name: "Umlaufverfahren, Zustimmung aller erforderlich, HE stimmt nicht ab", kind: KindDecision, written: true, year: 2016, allMust: true,
			votes: votes(VoteYes, except("HE")...), adopted: false, phrase: "abgelehnt bei Enthaltung von HE (Umlaufverfahren)"},
		{name: "Umlaufverfahren, Empfehlung mit einem Ja und sonst keiner Stimme", kind: KindRecommendation, written: true, year: 2016,
			votes: votes(VoteYes, "HE"), adopted: true,
			phrase: "einstimmig, bei Enthaltung des Bundes und von BW, BY, BE, BB, HB, HH, MV, NI, NW, RP, SL, SN, ST, SH und TH (Umlaufverfahren)"},
		{name: "Umlaufverfahren, Empfehlung 2:3", kind: KindRecommendation, written: true, year: 2016, votes: with(votes(VoteYes, "HE", "HH"), VoteNo, "BY", "NW", "SN"),
			adopted: false, phrase: "abgelehnt bei Gegenstimmen von BY, NW und SN und Enthaltung des Bundes und von BW, BE, BB, HB, MV, NI, RP, SL, ST, SH und TH (Umlaufverfahren)"},
		{name: "Umlaufverfahren, Stimme eines Gastes", kind: KindDecision, written: true, year: 2016, votes: with(allYes, VoteYes, "FITKO"), refused: true},
	}
}

// ballotOf builds the ballot of a situation.
func ballotOf(s situation) Ballot {
	rule := ITPLRRules().For(s.kind)
	if s.rule != nil {
		rule = *s.rule
	}
	present := s.present
	if present == nil {
		present = all17
	}
	q := s.quorum
	if q == 0 {
		q = DefaultQuorum
	}
	shares, year, _ := SharesFor(ks, s.year)
	return Ballot{Kind: s.kind, Rule: rule, AllMustConsent: s.allMust, Voters: voters(), Written: s.written, Present: set(present...),
		Quorum: q, Votes: s.votes, Shares: shares, SharesYear: year}
}

// TestVoteSituations counts every situation, including every example of
// issue 11, and checks the outcome and the minutes phrase.
func TestVoteSituations(t *testing.T) {
	cases := situations()
	if len(cases) < 40 {
		t.Fatalf("only %d situations", len(cases))
	}
	years := map[int]bool{}
	written := 0
	for _, c := range cases {
		years[c.year] = true
		if c.written {
			written++
		}
		t.Run(c.name, func(t *testing.T) {
			tally, err := Count(ballotOf(c))
			if c.refused {
				if err == nil || ClassOf(err) != ErrRule || ReasonOf(err) == "" {
					t.Fatalf("want a rule error with a reason, got %v (%s)", err, tally.Reason)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tally.Adopted != c.adopted {
				t.Errorf("adopted = %v (%s), want %v", tally.Adopted, tally.Reason, c.adopted)
			}
			if got := tally.Phrase(); got != c.phrase {
				t.Errorf("phrase\n got %q\nwant %q", got, c.phrase)
			}
			if tally.Reason == "" {
				t.Error("no reason")
			}
			if c.kind == KindDecision && tally.SharesYear != c.year {
				t.Errorf("table %d used, want %d", tally.SharesYear, c.year)
			}
		})
	}
	if len(years) != 3 || written < 8 {
		t.Errorf("situations cover years %v and %d written procedures", years, written)
	}
}

func TestQualifiedReason(t *testing.T) {
	b := ballotOf(situation{kind: KindDecision, year: 2016, votes: votes(VoteYes, all17...)})
	tally, err := Count(b)
	if err != nil {
		t.Fatal(err)
	}
	if want := "angenommen: Bund und 16 Länder mit 100,0 % der Finanzierungsanteile (Königsteiner Schlüssel 2016)"; tally.Reason != want {
		t.Errorf("reason = %q", tally.Reason)
	}
	b.Votes = with(b.Votes, VoteAbstain, largest5...)
	tally, _ = Count(b)
	if want := "abgelehnt: die zustimmenden Länder haben nur 33,6 % der Finanzierungsanteile (nötig: mindestens zwei Drittel) (Königsteiner Schlüssel 2016)"; tally.Reason != want {
		t.Errorf("reason = %q", tally.Reason)
	}
	b.Shares = nil
	if _, err := Count(b); ClassOf(err) != ErrRule {
		t.Errorf("count without a table: %v", err)
	}
}

func TestCountRefuses(t *testing.T) {
	base := ballotOf(situation{kind: KindDecision, year: 2016, votes: votes(VoteYes, all17...)})
	for _, tt := range []struct {
		name  string
		edit  func(*Ballot)
		class Class
	}{
		{"unknown kind", func(b *Ballot) { b.Kind = "los" }, ErrInput},
		{"unknown rule", func(b *Ballot) { b.Rule = Rule{Kind: "einstimmig"} }, ErrInput},
		{"advisory member among the voters", func(b *Ballot) { b.Voters = append(b.Voters, Member{Abbrev: "DLT", Kind: MemberAdvisory}) }, ErrRule},
		{"unknown choice", func(b *Ballot) { b.Votes = with(b.Votes, "vielleicht", "HE") }, ErrInput},
		{"share missing for a Land", func(b *Ballot) { b.Shares = Shares{"BW": 1} }, ErrRule},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := base
			tt.edit(&b)
			if _, err := Count(b); ClassOf(err) != tt.class {
				t.Errorf("err = %v, want class %v", err, tt.class)
			}
		})
	}
	// "nur für die zustimmenden Länder": the bound members are those voting Ja.
	b := ballotOf(situation{kind: KindRecommendation, year: 2016, votes: with(votes(VoteAbstain, all17...), VoteYes, "HE", "Bund")})
	tally, _ := Count(b)
	if !slices.Equal(tally.Bound, []string{"Bund", "HE"}) {
		t.Errorf("bound = %v", tally.Bound)
	}
}

// choices weighs Ja heavily, so that random ballots often reach the
// thresholds and the properties are tested near them.
var choices = []VoteChoice{VoteYes, VoteYes, VoteYes, VoteYes, VoteYes, VoteYes, VoteYes, VoteNo, VoteAbstain, VoteNone}

// randomBallot gives a random ballot: kind, session or written procedure,
// table year, presence and votes (only present members vote in session).
func randomBallot(rng *rand.Rand) Ballot {
	kind := KindDecision
	if rng.Intn(4) == 0 {
		kind = KindRecommendation
	}
	s := situation{kind: kind, written: rng.Intn(3) == 0, year: 2014 + rng.Intn(3), allMust: rng.Intn(10) == 0, votes: map[string]VoteChoice{}}
	s.present = []string{}
	for _, m := range all17 {
		if rng.Intn(12) > 0 || s.written {
			s.present = append(s.present, m)
		}
	}
	for _, m := range s.present {
		s.votes[m] = choices[rng.Intn(len(choices))]
	}
	return ballotOf(s)
}

// TestNoBeschlussWithoutBundAndTwoThirds is the property the law demands:
// over many random ballots, a Beschluss is adopted only with the consent of
// the Bund and of at least eleven Länder holding at least two thirds of the
// financing shares of the table used, and only present members' votes
// count. The shares are summed here independently of Count.
func TestNoBeschlussWithoutBundAndTwoThirds(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	adopted := 0
	for i := 0; i < 20000; i++ {
		b := randomBallot(rng)
		tally, err := Count(b)
		if err != nil {
			if ClassOf(err) != ErrRule {
				t.Fatalf("unexpected error %v", err)
			}
			continue
		}
		if b.Kind != KindDecision || !tally.Adopted {
			continue
		}
		adopted++
		var sum, share float64
		for _, v := range b.Shares {
			sum += v
		}
		laenderYes := 0
		for m, c := range b.Votes {
			if c != VoteYes {
				continue
			}
			if !b.Written && !b.Present[m] {
				t.Fatalf("the Ja of absent %s counted", m)
			}
			if m != "Bund" {
				laenderYes++
				share += b.Shares[m] / sum
			}
		}
		if b.Votes["Bund"] != VoteYes || laenderYes < 11 || share < 2.0/3.0-1e-9 {
			t.Fatalf("Beschluss adopted with Bund %q, %d Länder, %.4f of the shares (%d): %v", b.Votes["Bund"], laenderYes, share, b.SharesYear, b.Votes)
		}
	}
	if adopted < 100 {
		t.Errorf("only %d adopted Beschlüsse among the random ballots; the property was hardly tested", adopted)
	}
}

// TestVoteProperties checks on random ballots: an added Ja never turns an
// adopted result into a rejected one; the order of the voters never changes
// the result; every voter is counted exactly once.
func TestVoteProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(47))
	for i := 0; i < 9000; i++ {
		b := randomBallot(rng)
		base, err := Count(b)
		if err != nil {
			continue
		}
		if n := len(base.Yes) + len(base.No) + len(base.Abstaining) + len(base.NotVoting) + len(base.Absent); n != len(b.Voters) {
			t.Fatalf("totals %d ≠ %d voters", n, len(b.Voters))
		}
		m := b.Voters[rng.Intn(len(b.Voters))].Abbrev
		if b.Written || b.Present[m] {
			more := b
			more.Votes = with(b.Votes, VoteYes, m)
			if after, err := Count(more); err == nil && base.Adopted && !after.Adopted {
				t.Fatalf("a Ja of %s turned adopted into rejected (%v)", m, b.Votes)
			}
		}
		perm := slices.Clone(b.Voters)
		rng.Shuffle(len(perm), func(x, y int) { perm[x], perm[y] = perm[y], perm[x] })
		shuffled := b
		shuffled.Voters = perm
		got, _ := Count(shuffled)
		if got.Adopted != base.Adopted || !sameSet(got.Yes, base.Yes) || !sameSet(got.No, base.No) || !sameSet(got.Abstaining, base.Abstaining) {
			t.Fatalf("order of voters changed the result: %s vs %s", got.Reason, base.Reason)
		}
	}
}

func TestFeasible(t *testing.T) {
	b := ballotOf(situation{kind: KindDecision, year: 2016, present: except("Bund")})
	if err := Feasible(b); ClassOf(err) != ErrRule || ReasonOf(err) == "" {
		t.Errorf("Beschluss without the Bund: %v", err)
	}
	b.Kind, b.Rule = KindRecommendation, SimpleMajorityRule
	if err := Feasible(b); err != nil {
		t.Errorf("Empfehlung without the Bund: %v", err)
	}
	b.Written = true
	b.Kind, b.Rule = KindDecision, StaatsvertragRule
	if err := Feasible(b); err != nil {
		t.Errorf("written procedure: %v", err)
	}
	// Consent of all needed, two missing: they are named (the refusal
	// said only "15 von 17", the secretariat had to find them in the list).
	all := ballotOf(situation{kind: KindDecision, year: 2016, allMust: true, present: except("BY", "HB")})
	if err := Feasible(all); ClassOf(err) != ErrRule || !strings.HasSuffix(ReasonOf(err), "es sind aber nur 15 von 17 anwesend oder vertreten – es fehlen BY und HB.") {
		t.Errorf("all must consent, BY and HB absent: %v", err)
	}
}

func TestRules(t *testing.T) {
	r := ITPLRRules()
	if r.For(KindDecision) != StaatsvertragRule || r.For(KindRecommendation) != SimpleMajorityRule {
		t.Errorf("rules = %+v", r)
	}
	if (DecisionRules{}).For(KindDecision) != StaatsvertragRule {
		t.Error("a body without rules must get the IT-PLR's")
	}
	if err := r.Validate(); err != nil {
		t.Error(err)
	}
	if err := (DecisionRules{Decision: Rule{Kind: RuleSimple}, Recommendation: SimpleMajorityRule}).Validate(); ClassOf(err) != ErrInput {
		t.Errorf("simple rule without basis: %v", err)
	}
	// Another conference: only some members vote.
	members := append(voters(), Member{Abbrev: "DLT", Kind: MemberAdvisory})
	sg := DecisionRules{Voters: []string{"Bund", "BY", "HE", "DLT"}}
	var got []string
	for _, m := range sg.VotersOf(members) {
		got = append(got, m.Abbrev)
	}
	if !slices.Equal(got, []string{"Bund", "BY", "HE"}) {
		t.Errorf("voters = %v", got)
	}
	if n := len(r.VotersOf(members)); n != 17 {
		t.Errorf("IT-PLR voters: %d", n)
	}
	if l := StaatsvertragRule.Label(); l != "Zustimmung des Bundes und von mindestens 11 Ländern mit mindestens zwei Dritteln der Finanzierungsanteile (Königsteiner Schlüssel)" {
		t.Errorf("label = %q", l)
	}
}

func TestBuiltinShares(t *testing.T) {
	if ys := SharesYears(ks); !slices.Equal(ys, []int{2014, 2015, 2016}) {
		t.Fatalf("years = %v", ys)
	}
	if s, y, ok := SharesFor(ks, 2025); !ok || y != 2016 || s["NW"] != 21.14424 {
		t.Errorf("2025 uses %d: %v", y, s["NW"])
	}
	if _, _, ok := SharesFor(ks, 2013); ok {
		t.Error("a table for 2013")
	}
	if w := SharesOutdated(2016, 2025); w == "" || strings.Contains(w, "gremium config") || !strings.Contains(w, "technische Betrieb") {
		t.Errorf("the warning for a table nine years old: %q", w)
	}
	if w := SharesOutdated(0, 2025); strings.Contains(w, "gremium config") || !strings.Contains(w, "technische Betrieb") {
		t.Errorf("the warning without a table: %q", w)
	}
	if w := SharesOutdated(2023, 2026); w != "" {
		t.Errorf("warning for a table three years old: %s", w)
	}
}

func ExampleCount() {
	v := votes(VoteYes, all17...)
	v["HE"] = VoteAbstain
	shares, year, _ := SharesFor(BuiltinShares(), 2025)
	t, _ := Count(Ballot{Kind: KindDecision, Rule: StaatsvertragRule, Voters: voters(), Present: set(all17...), Quorum: DefaultQuorum,
		Votes: v, Shares: shares, SharesYear: year})
	fmt.Println(t.Phrase())
	fmt.Println(t.Reason)
	// Output:
	// einstimmig, bei Enthaltung von HE
	// angenommen: Bund und 15 Länder mit 92,6 % der Finanzierungsanteile (Königsteiner Schlüssel 2016)
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestVoteChoiceCastError: a JSON API client that sent "Enthaltung" was
// told "Eine Stimme ist ja, nein oder Enthaltung, nicht „Enthaltung“" —
// the value it sent, named as allowed. The reason names the values to
// send.
func TestVoteChoiceCastError(t *testing.T) {
	for _, c := range []VoteChoice{VoteYes, VoteNo, VoteAbstain} {
		if err := c.CastError(); err != nil {
			t.Errorf("%s: %v", c, err)
		}
	}
	for _, c := range []VoteChoice{"Enthaltung", "keine", "vielleicht"} {
		err := c.CastError()
		if ClassOf(err) != ErrInput || ReasonOf(err) != "Eine Stimme ist „ja“, „nein“ oder „enthaltung“, nicht „"+string(c)+"“." || FieldOf(err) != "stimme" {
			t.Errorf("%q: %v", c, err)
		}
	}
	// No choice: asked for in words (it said "…, nicht „“.").
	if err := VoteChoice("").CastError(); ReasonOf(err) != "Bitte eine Stimme wählen (Ja, Nein oder Enthaltung)." || FieldOf(err) != "stimme" {
		t.Errorf("no choice: %v", err)
	}
}

// TestWhoVotes: the sentence naming who may vote follows the voters the
// rules give (the list the votes are counted over), not a fixed "Bund und
// Länder".
func TestWhoVotes(t *testing.T) {
	bund := Member{Abbrev: "Bund", Name: "Bund", Kind: MemberBund}
	by := Member{Abbrev: "BY", Name: "Bayern", Kind: MemberLand}
	he := Member{Abbrev: "HE", Name: "Hessen", Kind: MemberLand}
	ni := Member{Abbrev: "NI", Kind: MemberLand}
	all := []Member{bund, by, he, ni}
	for _, c := range []struct {
		voters []string
		want   string
	}{
		{nil, "Abstimmen können Bund und Länder"},
		{[]string{"BY", "HE", "NI"}, "Abstimmen können die Länder"},
		{[]string{"Bund", "BY", "NI"}, "Abstimmen können Bund, Bayern und NI"},
		{[]string{"HE"}, "Abstimmen kann Hessen"},
		{[]string{"DLT"}, "Abstimmen kann kein Mitglied"},
	} {
		voters := DecisionRules{Voters: c.voters}.VotersOf(all)
		if got := WhoVotes(all, voters); got != c.want {
			t.Errorf("voters %v: %q, want %q", c.voters, got, c.want)
		}
	}
}

// TestReasonsNearTheThreshold: a share shown beside the two thirds it
// misses (or just reaches) has the decimals that tell them apart, and the
// reasons are German: "zwei Drittel" in the nominative, one vote in the
// singular (before: "nur 66,7 % … (nötig: mindestens zwei Dritteln)" for
// 66,656 %, and "1 Ja- gegen 1 Nein-Stimmen").
func TestReasonsNearTheThreshold(t *testing.T) {
	for _, c := range []struct {
		share float64
		want  string
	}{
		{0.666565, "66,66 %"}, {0.666705, "66,671 %"}, {2.0 / 3, "66,7 %"}, {0.336, "33,6 %"}, {0.9, "90,0 %"},
	} {
		if got := percentAgainst(c.share, 2.0/3); got != c.want {
			t.Errorf("%v: %q, want %q", c.share, got, c.want)
		}
	}
	tally := Tally{LaenderYes: 11, BundYes: true, ShareYes: 0.666565}
	if _, reason := tally.qualified(StaatsvertragRule); reason != "abgelehnt: die zustimmenden Länder haben nur 66,66 % der Finanzierungsanteile (nötig: mindestens zwei Drittel)" {
		t.Errorf("rejected near two thirds: %q", reason)
	}
	tally.ShareYes = 0.666705
	if _, reason := tally.qualified(StaatsvertragRule); reason != "angenommen: Bund und 11 Länder mit 66,671 % der Finanzierungsanteile" {
		t.Errorf("adopted near two thirds: %q", reason)
	}
	one := Tally{Yes: []string{"HE"}, No: []string{"BY"}}
	if _, reason := one.simple(Rule{Kind: RuleSimple}, 17); reason != "abgelehnt: 1 Ja-Stimme gegen 1 Nein-Stimme, Enthaltungen zählen nicht" {
		t.Errorf("one against one: %q", reason)
	}
	if _, reason := one.simple(Rule{Kind: RuleSimple, Basis: BasisPresent}, 1); reason != "angenommen: 1 Ja-Stimme von 1 anwesenden Mitglied (nötig: mehr als die Hälfte)" {
		t.Errorf("one of one present: %q", reason)
	}
}

// TestPhraseNamesSilentMembers: a member present without a vote counts
// like an abstention; the minutes' phrase names it instead of reading as
// if every present member had voted (before: "einstimmig, bei Enthaltung
// von HE" with SN present and silent). The phrase reads back.
func TestPhraseNamesSilentMembers(t *testing.T) {
	for _, c := range []struct {
		tally Tally
		want  string
	}{
		{Tally{Adopted: true, Yes: []string{"Bund", "BY"}, Abstaining: []string{"HE"}, NotVoting: []string{"SN"}}, "einstimmig, bei Enthaltung von HE, ohne Stimmabgabe von SN"},
		{Tally{Adopted: true, Yes: []string{"Bund"}, NotVoting: []string{"SN", "TH"}}, "einstimmig, ohne Stimmabgabe von SN und TH"},
		{Tally{Adopted: true, Yes: []string{"Bund"}, No: []string{"BY"}, NotVoting: []string{"SN"}, Written: true}, "mehrheitlich bei Gegenstimme von BY, ohne Stimmabgabe von SN (Umlaufverfahren)"},
		{Tally{Yes: []string{"Bund"}, No: []string{"BY"}, NotVoting: []string{"SN"}}, "abgelehnt bei Gegenstimme von BY, ohne Stimmabgabe von SN"},
		{Tally{Adopted: true, Yes: []string{"Bund"}}, "einstimmig"},
	} {
		got := c.tally.Phrase()
		if got != c.want {
			t.Errorf("%+v: %q, want %q", c.tally, got, c.want)
		}
		back, ok := ParseResult(got)
		if !ok || back.Phrase() != got {
			t.Errorf("%q reads back as %q", got, back.Phrase())
		}
	}
}

// TestTallyDetail: beside its reason, a rejection's phrase does not say
// "abgelehnt" a second time.
func TestTallyDetail(t *testing.T) {
	for _, c := range []struct {
		t    Tally
		want string
	}{
		{Tally{Adopted: false, No: []string{"BW", "BY"}}, "bei Gegenstimmen von BW und BY"},
		{Tally{Adopted: false}, ""},
		{Tally{Adopted: true, Abstaining: []string{"HE"}}, "einstimmig, bei Enthaltung von HE"},
		{Tally{Adopted: true, No: []string{"TH"}}, "mehrheitlich bei Gegenstimme von TH"},
	} {
		if got := c.t.Detail(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.t, got, c.want)
		}
	}
}

// TestCountNamesMembers: a vote refused for a member not present names
// the member as the pages do ("Hessen"), not by its abbreviation.
func TestCountNamesMembers(t *testing.T) {
	b := Ballot{Kind: KindRecommendation, Rule: SimpleMajorityRule, Voters: []Member{{Abbrev: "Bund", Name: "Bund", Kind: MemberBund}, {Abbrev: "HE", Name: "Hessen", Kind: MemberLand}},
		Present: map[string]bool{"Bund": true}, Votes: map[string]VoteChoice{"Bund": VoteYes, "HE": VoteYes}}
	_, err := Count(b)
	if want := "Hessen ist nicht anwesend und nicht vertreten; für Hessen kann keine Stimme abgegeben werden."; ReasonOf(err) != want {
		t.Errorf("reason = %q, want %q", ReasonOf(err), want)
	}
}

// TestPublicCountReasonNamesNoMember: the public count's explanation keeps
// the verdict, the Länder counted and the rule, but neither the share of
// the Länder in favour (unique per Land: "15 Länder mit 92,6 %" named the
// one that abstained, whom the public result blacks out) nor the members
// whose consent is missing.
func TestPublicCountReasonNamesNoMember(t *testing.T) {
	r := Rule{Federal: true, Laender: 11, Share: 2.0 / 3.0}
	_, adopted := Tally{BundYes: true, LaenderYes: 15, ShareYes: 0.926, SharesYear: 2016}.qualified(r)
	_, rejected := Tally{BundYes: true, LaenderYes: 12, ShareYes: 0.632, SharesYear: 2016}.qualified(r)
	for _, c := range []struct{ in, want string }{
		{adopted, "angenommen: Bund und 15 Länder mit der nötigen Mehrheit der Finanzierungsanteile (Königsteiner Schlüssel 2016)"},
		{rejected, "abgelehnt: die zustimmenden Länder haben nicht die nötige Mehrheit der Finanzierungsanteile (nötig: mindestens zwei Drittel) (Königsteiner Schlüssel 2016)"},
		{"abgelehnt: die Zustimmung aller Mitglieder ist erforderlich; es fehlt die Zustimmung von HE und BY", "abgelehnt: die Zustimmung aller Mitglieder ist erforderlich; es fehlt die Zustimmung von [geschwärzt]"},
		{"angenommen: 9 Ja-Stimmen gegen 2 Nein-Stimmen, Enthaltungen zählen nicht", "angenommen: 9 Ja-Stimmen gegen 2 Nein-Stimmen, Enthaltungen zählen nicht"},
	} {
		if got := PublicCountReason(c.in); got != c.want {
			t.Errorf("PublicCountReason(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
