package model

import (
	"fmt"
	"math"
	"strings"
)

// Rule is how a vote is decided.
type Rule string

// Rules (IT-Staatsvertrag §1 (5) and practice).
const (
	// RuleUnanimous: no member votes against; abstentions do not break
	// unanimity ("einstimmig, bei Enthaltung von HE"). At least one Ja.
	RuleUnanimous Rule = "einstimmig"
	// RuleQualified: the Bund votes Ja, and at least eleven Länder vote Ja
	// whose Königsteiner-Schlüssel shares add up to at least two thirds of
	// the Länder's shares (binding Beschlüsse).
	RuleQualified Rule = "qualifiziert"
	// RuleSimple: more Ja than Nein among Bund and Länder (Empfehlungen).
	RuleSimple Rule = "einfach"
)

// Label gives the German name of the rule.
func (r Rule) Label() string {
	switch r {
	case RuleUnanimous:
		return "Einstimmigkeit"
	case RuleQualified:
		return "Bund und elf Länder mit zwei Dritteln der Finanzierungsanteile"
	case RuleSimple:
		return "einfache Mehrheit"
	}
	return string(r)
}

// Valid reports whether r is a known rule.
func (r Rule) Valid() bool { return r == RuleUnanimous || r == RuleQualified || r == RuleSimple }

// QualifiedLaender and QualifiedShare are the thresholds of the qualified
// majority.
const (
	QualifiedLaender = 11
	QualifiedShare   = 2.0 / 3.0
)

// Shares are the Länder's financing shares (Königsteiner Schlüssel) by
// abbreviation, in any unit; they are normalised over the Länder listed.
type Shares map[string]float64

// Normalised gives the shares as fractions of their sum.
func (s Shares) Normalised() Shares {
	var sum float64
	for _, v := range s {
		sum += v
	}
	out := Shares{}
	for k, v := range s {
		out[k] = v / sum
	}
	return out
}

// Tally is the outcome of a vote under a rule.
type Tally struct {
	Rule       Rule
	Adopted    bool
	Yes        []string // members voting Ja, in list order
	No         []string
	Abstaining []string
	NotVoting  []string // voting members without a vote (keine Stimme)
	LaenderYes int
	ShareYes   float64 // normalised share of the Länder voting Ja (qualified rule)
	BundYes    bool
	Reason     string   // in German, for the minutes and the UI
	Bound      []string // ScopeConsenting: the members bound (those voting Ja)
}

// Result gives the structured result of the tally.
func (t Tally) Result() Result {
	r := Result{Adopted: t.Adopted, Against: t.No, Abstaining: t.Abstaining}
	r.Unanimous = t.Adopted && len(t.No) == 0
	return r
}

// Phrase gives the standard phrase for the minutes.
func (t Tally) Phrase() string { return t.Result().Phrase() }

// Count decides a vote. voters are the members entitled to vote, in list
// order (Bund and Länder; advisory members and guests never vote); votes
// maps their abbreviation to their vote (a missing entry is no vote). The
// Länder are the voters other than bund. shares are needed for the
// qualified rule only.
func Count(rule Rule, voters []Member, votes map[string]VoteChoice, shares Shares) (Tally, error) {
	t := Tally{Rule: rule}
	if !rule.Valid() {
		return t, fmt.Errorf("model: unknown voting rule %q", rule)
	}
	entitled := map[string]Member{}
	for _, m := range voters {
		if !m.Kind.Votes() {
			return t, fmt.Errorf("model: %s (%s) has no vote", m.Abbrev, m.Kind.Label())
		}
		entitled[m.Abbrev] = m
	}
	for abbrev := range votes {
		if _, ok := entitled[abbrev]; !ok {
			return t, fmt.Errorf("model: %s is not entitled to vote", abbrev)
		}
	}
	var norm Shares
	if rule == RuleQualified {
		if len(shares) == 0 {
			return t, fmt.Errorf("model: the qualified majority needs the Königsteiner Schlüssel; none is loaded")
		}
		norm = shares.Normalised()
		for _, m := range voters {
			if _, ok := norm[m.Abbrev]; m.Kind == MemberLand && !ok {
				return t, fmt.Errorf("model: the Königsteiner Schlüssel has no share for %s", m.Abbrev)
			}
		}
	}
	for _, m := range voters {
		switch c := votes[m.Abbrev]; c {
		case VoteYes:
			t.Yes = append(t.Yes, m.Abbrev)
			if m.Kind == MemberBund {
				t.BundYes = true
			} else {
				t.LaenderYes++
				t.ShareYes += norm[m.Abbrev]
			}
		case VoteNo:
			t.No = append(t.No, m.Abbrev)
		case VoteAbstain:
			t.Abstaining = append(t.Abstaining, m.Abbrev)
		case VoteNone, "":
			t.NotVoting = append(t.NotVoting, m.Abbrev)
		default:
			return t, fmt.Errorf("model: unknown vote %q of %s", c, m.Abbrev)
		}
	}
	switch rule {
	case RuleUnanimous:
		t.Adopted = len(t.No) == 0 && len(t.Yes) > 0
		switch {
		case t.Adopted:
			t.Reason = fmt.Sprintf("angenommen: %d Ja-Stimmen, keine Gegenstimme", len(t.Yes))
		case len(t.Yes) == 0:
			t.Reason = "abgelehnt: keine Ja-Stimme"
		default:
			t.Reason = "abgelehnt: Gegenstimmen von " + joinMembers(t.No)
		}
	case RuleSimple:
		t.Adopted = len(t.Yes) > len(t.No)
		verdict := "abgelehnt"
		if t.Adopted {
			verdict = "angenommen"
		}
		t.Reason = fmt.Sprintf("%s: %d Ja- gegen %d Nein-Stimmen", verdict, len(t.Yes), len(t.No))
	case RuleQualified:
		// Round to nine decimals so that exactly two thirds counts as two
		// thirds despite floating point.
		enoughShare := math.Round(t.ShareYes*1e9) >= math.Round(QualifiedShare*1e9)
		t.Adopted = t.BundYes && t.LaenderYes >= QualifiedLaender && enoughShare
		pct := strings.Replace(fmt.Sprintf("%.1f", t.ShareYes*100), ".", ",", 1)
		switch {
		case t.Adopted:
			t.Reason = fmt.Sprintf("angenommen: Bund und %d Länder mit %s %% der Finanzierungsanteile", t.LaenderYes, pct)
		case !t.BundYes:
			t.Reason = "abgelehnt: ohne Zustimmung des Bundes"
		case t.LaenderYes < QualifiedLaender:
			t.Reason = fmt.Sprintf("abgelehnt: nur %d Länder stimmen zu (nötig: %d)", t.LaenderYes, QualifiedLaender)
		default:
			t.Reason = fmt.Sprintf("abgelehnt: die zustimmenden Länder haben nur %s %% der Finanzierungsanteile (nötig: zwei Drittel)", pct)
		}
	}
	t.Bound = append([]string(nil), t.Yes...)
	return t, nil
}
