package model

import (
	"cmp"
	"fmt"
	"gremium/internal/lazyre"
	"math"
	"strconv"
	"strings"
)

// The decision rules of a body are data (DecisionRules), applied by Count.
// No rule is ever offered as a choice per vote: the kind of the decision
// (Beschluss or Empfehlung) fixes the rule. "Einstimmig" is not a rule but a
// description of a result without Nein (Result.Phrase).
//
// Legal sources for the IT-Planungsrat (docs/decision-rules.md):
//   - IT-Staatsvertrag § 1 Abs. 7 Satz 1: Beschlüsse need the consent of the
//     Bund and of a majority of eleven Länder that represents at least two
//     thirds of their financing shares under the Königsteiner Schlüssel.
//   - IT-Staatsvertrag § 1 Abs. 7 Satz 2: Empfehlungen need a simple majority
//     of the members present.
//   - GO IT-PLR § 7 Abs. 4: abstentions do not count when the required
//     majority is computed; in written procedure (§ 8) a member who does not
//     vote abstains.

// RuleKind is the kind of majority a Rule asks for.
type RuleKind string

// Rule kinds.
const (
	// RuleQualified: the consent of the Bund (if Rule.Federal) and of at
	// least Rule.Laender Länder that hold at least Rule.Share of the Länder's
	// financing shares (Königsteiner Schlüssel).
	RuleQualified RuleKind = "qualifiziert"
	// RuleSimple: a simple majority, counted as Rule.Basis says.
	RuleSimple RuleKind = "einfach"
)

// MajorityBasis says what a simple majority is counted against.
type MajorityBasis string

// Majority bases.
const (
	// BasisVotesCast: more Ja than Nein among the votes cast by the members
	// present; abstentions do not count (GO § 7 Abs. 4). The default.
	BasisVotesCast MajorityBasis = "abgegebene_stimmen"
	// BasisPresent: Ja from more than half of the voting members present
	// (the literal reading of "Mehrheit der anwesenden Mitglieder").
	BasisPresent MajorityBasis = "anwesende_mitglieder"
)

// Rule is how a decision of one kind is decided. It is data of the body
// (Body.Rules), so that another conference can configure its own.
type Rule struct {
	Kind RuleKind `json:"art"`
	// Federal: the consent of the Bund is required (qualified rule).
	Federal bool `json:"bund,omitempty"`
	// Laender is the least number of consenting Länder (qualified rule).
	Laender int `json:"laender,omitempty"`
	// Share is the least fraction of the Länder's financing shares that the
	// consenting Länder hold (qualified rule); 0 means no share condition.
	Share float64 `json:"anteil,omitempty"`
	// Basis says how a simple majority is counted (simple rule).
	Basis MajorityBasis `json:"basis,omitempty"`
}

// The IT-Planungsrat's thresholds (IT-Staatsvertrag § 1 Abs. 7 Satz 1).
const (
	QualifiedLaender = 11
	QualifiedShare   = 2.0 / 3.0
)

// StaatsvertragRule is the rule for Beschlüsse of the IT-Planungsrat:
// the Bund and eleven Länder with two thirds of the financing shares
// (IT-Staatsvertrag § 1 Abs. 7 Satz 1).
var StaatsvertragRule = Rule{Kind: RuleQualified, Federal: true, Laender: QualifiedLaender, Share: QualifiedShare}

// SimpleMajorityRule is the rule for Empfehlungen of the IT-Planungsrat:
// a simple majority of the members present (IT-Staatsvertrag § 1 Abs. 7
// Satz 2), counted over the votes cast because abstentions do not count
// (GO § 7 Abs. 4).
var SimpleMajorityRule = Rule{Kind: RuleSimple, Basis: BasisVotesCast}

// Validate checks a rule.
func (r Rule) Validate() error {
	switch r.Kind {
	case RuleQualified:
		if r.Laender < 0 || r.Share < 0 || r.Share > 1 || (!r.Federal && r.Laender == 0 && r.Share == 0) {
			return InputError("Die qualifizierte Mehrheit braucht den Bund, eine Zahl von Ländern oder einen Anteil zwischen 0 und 1.")
		}
	case RuleSimple:
		if r.Basis != BasisVotesCast && r.Basis != BasisPresent {
			return InputError("Die einfache Mehrheit braucht ihre Grundlage (abgegebene Stimmen oder anwesende Mitglieder).")
		}
	default:
		return InputError("Unbekannte Mehrheitsregel „%s“.", r.Kind)
	}
	return nil
}

// NeedsShares reports whether counting under the rule needs the
// Königsteiner Schlüssel.
func (r Rule) NeedsShares() bool { return r.Kind == RuleQualified && r.Share > 0 }

// Label gives the rule in German, as the pages state it.
func (r Rule) Label() string {
	switch r.Kind {
	case RuleQualified:
		var parts []string
		if r.Federal {
			parts = append(parts, "Zustimmung des Bundes")
		}
		if r.Laender > 0 {
			l := fmt.Sprintf("von mindestens %d Ländern", r.Laender)
			if r.Share > 0 {
				l += " mit " + shareWords(r.Share, true) + " der Finanzierungsanteile (Königsteiner Schlüssel)"
			}
			parts = append(parts, l)
		} else if r.Share > 0 {
			parts = append(parts, "von Ländern mit "+shareWords(r.Share, true)+" der Finanzierungsanteile (Königsteiner Schlüssel)")
		}
		return strings.Join(parts, " und ")
	case RuleSimple:
		if r.Basis == BasisPresent {
			return "einfache Mehrheit der anwesenden Mitglieder"
		}
		return "einfache Mehrheit der abgegebenen Stimmen (Enthaltungen zählen nicht)"
	}
	return string(r.Kind)
}

// shareWords names the share a rule needs: "mindestens zwei Drittel"
// ("mit mindestens zwei Dritteln" in the dative), else as a percent.
func shareWords(f float64, dative bool) string {
	if math.Abs(f-2.0/3.0) < 1e-9 {
		if dative {
			return "mindestens zwei Dritteln"
		}
		return "mindestens zwei Drittel"
	}
	return "mindestens " + percent(f)
}

// percent gives a fraction as German percent with one decimal: "81,3 %".
func percent(f float64) string {
	return percentDigits(f, 1)
}

func percentDigits(f float64, digits int) string {
	return strings.Replace(strconv.FormatFloat(f*100, 'f', digits, 64), ".", ",", 1) + " %"
}

// percentAgainst gives a share as German percent with as many decimals
// (one to four) as it takes to tell it from the share a rule needs:
// 66,66 % against two thirds, not 66,7 % as the two thirds themselves
// (a rejection that reads "nur 66,7 % … nötig: zwei Drittel" explains
// nothing).
func percentAgainst(f, need float64) string {
	digits := 1
	for digits < 4 && math.Abs(f-need) > 1e-12 && percentDigits(f, digits) == percentDigits(need, digits) {
		digits++
	}
	return percentDigits(f, digits)
}

// Counted gives a number with its noun, singular for one: "1 Ja-Stimme",
// "3 Ja-Stimmen".
func Counted(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// DecisionRules is the part of a body's statute that decides votes: the
// rule per kind of decision, the quorum and who votes. It is data of the
// body (Body.Rules).
type DecisionRules struct {
	// Decision is the rule for Beschlüsse, Recommendation the one for
	// Empfehlungen.
	Decision       Rule `json:"beschluss"`
	Recommendation Rule `json:"empfehlung"`
	// Voters are the voting members by abbreviation; empty means the Bund
	// and all Länder (IT-Staatsvertrag § 1 Abs. 2). Advisory members and
	// guests never vote, whatever is listed.
	Voters []string `json:"stimmberechtigt,omitempty"`
}

// ITPLRRules are the IT-Planungsrat's decision rules.
func ITPLRRules() DecisionRules {
	return DecisionRules{Decision: StaatsvertragRule, Recommendation: SimpleMajorityRule}
}

// IsZero reports whether no rules are set (a body recorded before rules
// were data); such a body gets ITPLRRules.
func (r DecisionRules) IsZero() bool { return r.Decision.Kind == "" && r.Recommendation.Kind == "" }

// For gives the rule for a kind of decision.
func (r DecisionRules) For(kind DecisionKind) Rule {
	if r.IsZero() {
		r = ITPLRRules()
	}
	if kind == KindRecommendation {
		return r.Recommendation
	}
	return r.Decision
}

// Validate checks both rules.
func (r DecisionRules) Validate() error {
	if err := r.Decision.Validate(); err != nil {
		return err
	}
	return r.Recommendation.Validate()
}

// VotersOf gives the voting members of a body in list order: those listed
// in r.Voters, or the Bund and all Länder when the list is empty. Members
// without a vote (advisory, guests) are never among them.
func (r DecisionRules) VotersOf(members []Member) []Member {
	listed := map[string]bool{}
	for _, v := range r.Voters {
		listed[v] = true
	}
	var out []Member
	for _, m := range members {
		if m.Kind.Votes() && (len(listed) == 0 || listed[m.Abbrev]) {
			out = append(out, m)
		}
	}
	return out
}

// WhoVotes names in German who may vote under a body's rules, as a
// sentence's beginning: "Abstimmen können Bund und Länder" when the rules
// let the Bund and every Land vote, "Abstimmen können die Länder" for every
// Land without the Bund, else the voters by name ("Abstimmen können Bund,
// Bayern und Hessen", "Abstimmen kann Bayern"). members are the members of
// a voting kind (Bund, Länder), voters those of them the rules let vote
// (DecisionRules.VotersOf) — the list the votes are counted over.
func WhoVotes(members, voters []Member) string {
	lands, allLands, bund := 0, 0, false
	for _, m := range members {
		if m.Kind == MemberLand {
			allLands++
		}
	}
	names := make([]string, len(voters))
	for i, m := range voters {
		names[i] = cmp.Or(m.Name, m.Abbrev)
		switch m.Kind {
		case MemberLand:
			lands++
		case MemberBund:
			bund = true
		}
	}
	switch {
	case len(voters) == 0:
		return "Abstimmen kann kein Mitglied"
	case allLands > 0 && lands == allLands && len(voters) == lands+1 && bund:
		return "Abstimmen können Bund und Länder"
	case allLands > 0 && lands == allLands && len(voters) == lands:
		return "Abstimmen können die Länder"
	case len(voters) == 1:
		return "Abstimmen kann " + names[0]
	}
	return "Abstimmen können " + strings.Join(names[:len(names)-1], ", ") + " und " + names[len(names)-1]
}

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

// Ballot is everything a count needs: the decision's kind and rule, who may
// vote, who is there and the votes.
type Ballot struct {
	Kind DecisionKind
	Rule Rule
	// AllMustConsent: the decision needs, in addition to its rule, the
	// consent of every voting member ("Zustimmung aller Mitglieder
	// erforderlich"); an abstention or absence is no consent.
	AllMustConsent bool
	// Voters are the body's voting members in list order (DecisionRules.
	// VotersOf), present or not.
	Voters []Member
	// Written marks a written procedure (Umlaufverfahren): every voter
	// takes part, and one who has not voted abstains (GO § 7 Abs. 4 Satz 2).
	Written bool
	// Present are the voters present or validly represented at the vote (in
	// session; ignored in written procedure). Only they may vote.
	Present map[string]bool
	// Quorum is the least number of voters present (Beschlussfähigkeit);
	// 0 means no quorum check. Not used in written procedure.
	Quorum int
	// Votes maps a member's abbreviation to its vote; a missing entry is no
	// vote (keine Stimme).
	Votes map[string]VoteChoice
	// Shares are the Königsteiner-Schlüssel shares used, of the table of
	// SharesYear; needed when the rule has a share condition.
	Shares     Shares
	SharesYear int
}

// Tally is the outcome of a count.
type Tally struct {
	Kind    DecisionKind
	Rule    Rule
	Adopted bool
	// Members by vote, in list order. NotVoting are voters present without
	// a vote; Absent are voters neither present nor represented.
	Yes, No, Abstaining, NotVoting, Absent []string
	LaenderYes                             int
	ShareYes                               float64 // normalised share of the Länder voting Ja
	BundYes                                bool
	SharesYear                             int // the Königsteiner-Schlüssel table used; 0 if none was needed
	Written                                bool
	// Reason explains the outcome in German ("angenommen: Bund und 12
	// Länder mit 81,3 % der Finanzierungsanteile (Königsteiner Schlüssel
	// 2016)").
	Reason string
	// Bound are the members a decision that binds only the consenting
	// members binds: those voting Ja.
	Bound []string
}

// Result gives the result as the minutes phrase it.
func (t Tally) Result() Result {
	r := Result{Adopted: t.Adopted, Against: t.No, Abstaining: t.Abstaining, Silent: t.NotVoting}
	r.Unanimous = t.Adopted && len(t.No) == 0
	if t.Written {
		r.Note = "Umlaufverfahren"
	}
	return r
}

// Phrase gives the standard phrase for the minutes: "einstimmig, bei
// Enthaltung von HE" — a description derived from the votes.
func (t Tally) Phrase() string { return t.Result().Phrase() }

// Detail gives the phrase as it stands beside Reason, which already says
// the outcome: a rejection without its leading "abgelehnt" ("bei
// Gegenstimmen von BW und BY"; "" when nothing follows), else the whole
// phrase ("einstimmig, bei Enthaltung von HE"). Before, an interim count
// read "abgelehnt: … (abgelehnt bei Gegenstimmen von …)".
func (t Tally) Detail() string {
	p := t.Phrase()
	if t.Adopted {
		return p
	}
	return strings.TrimSpace(strings.TrimPrefix(p, "abgelehnt"))
}

// Feasible checks, before a vote in session, that the decision can be taken
// at all with the members present: the quorum, and for a qualified rule
// the Bund and enough Länder (and shares) present. It gives a rule error
// with the German reason if not.
func Feasible(b Ballot) error {
	if err := b.Rule.Validate(); err != nil {
		return err
	}
	if b.Written {
		return nil
	}
	present := 0
	var presentLaender []string
	bundPresent, hasBund := false, false
	for _, m := range b.Voters {
		if m.Kind == MemberBund {
			hasBund = true
		}
		if !b.Present[m.Abbrev] {
			continue
		}
		present++
		if m.Kind == MemberBund {
			bundPresent = true
		} else {
			presentLaender = append(presentLaender, m.Abbrev)
		}
	}
	if err := QuorumAt(b.Voters, b.Present, b.Quorum); err != nil {
		return err
	}
	if b.AllMustConsent && present < len(b.Voters) {
		// Named, as the other attendance refusals name them: the
		// secretariat need not work it out from the list mid-session.
		var missing []string
		for _, m := range b.Voters {
			if !b.Present[m.Abbrev] {
				missing = append(missing, cmp.Or(m.Name, m.Abbrev))
			}
		}
		return RuleError("Dieser %s braucht die Zustimmung aller Mitglieder; es sind aber nur %d von %d anwesend oder vertreten – es fehlen %s.", b.Kind.Label(), present, len(b.Voters), joinMembers(missing))
	}
	if b.Rule.Kind != RuleQualified {
		return nil
	}
	if b.Rule.Federal && (!hasBund || !bundPresent) {
		return RuleError("Ohne den anwesenden oder vertretenen Bund kann kein %s gefasst werden (Zustimmung des Bundes erforderlich).", b.Kind.Label())
	}
	if len(presentLaender) < b.Rule.Laender {
		return RuleError("Es sind nur %d Länder anwesend oder vertreten; ein %s braucht die Zustimmung von mindestens %d Ländern.", len(presentLaender), b.Kind.Label(), b.Rule.Laender)
	}
	if b.Rule.Share > 0 {
		norm, err := normalisedShares(b)
		if err != nil {
			return err
		}
		var sum float64
		for _, l := range presentLaender {
			sum += norm[l]
		}
		if !atLeast(sum, b.Rule.Share) {
			return RuleError("Die anwesenden oder vertretenen Länder halten nur %s der Finanzierungsanteile (Königsteiner Schlüssel %d); nötig sind %s.", percentAgainst(sum, b.Rule.Share), b.SharesYear, shareWords(b.Rule.Share, false))
		}
	}
	return nil
}

// QuorumAt checks the quorum (Beschlussfähigkeit) at one item of a
// session: at least quorum of the voters are present or represented there
// (present, model.PresentAt). It gives a rule error with the German reason
// if not; quorum 0 asks for none. A vote in session is refused by it
// (Feasible), and so is any other decision of the council in session (the
// approval of minutes); the live page tells it for the item called.
func QuorumAt(voters []Member, present map[string]bool, quorum int) error {
	n := 0
	for _, m := range voters {
		if present[m.Abbrev] {
			n++
		}
	}
	if quorum > 0 && n < quorum {
		return RuleError("Nicht beschlussfähig: nur %d von %d stimmberechtigten Mitgliedern sind anwesend oder vertreten (nötig: %d).", n, len(voters), quorum)
	}
	return nil
}

// atLeast compares shares rounded to nine decimals, so that exactly two
// thirds counts as two thirds despite floating point.
func atLeast(share, need float64) bool { return math.Round(share*1e9) >= math.Round(need*1e9) }

// normalisedShares gives the ballot's shares normalised over the Länder of
// the table and checks that every voting Land has one.
func normalisedShares(b Ballot) (Shares, error) {
	if len(b.Shares) == 0 {
		return nil, RuleError("Für die Mehrheit nach dem Königsteiner Schlüssel ist keine Tabelle geladen. %s", SharesLoadHint)
	}
	norm := b.Shares.Normalised()
	for _, m := range b.Voters {
		if _, ok := norm[m.Abbrev]; m.Kind == MemberLand && !ok {
			return nil, RuleError("Der Königsteiner Schlüssel %d hat keinen Anteil für %s.", b.SharesYear, NamesOf(b.Voters).Of(m.Abbrev))
		}
	}
	return norm, nil
}

// Count decides a vote under the ballot's rule. It refuses (with a rule
// error naming the member) a vote of anyone who is not a voter or, in
// session, not present or represented; in written procedure a voter
// without a vote abstains.
func Count(b Ballot) (Tally, error) {
	t := Tally{Kind: b.Kind, Rule: b.Rule, Written: b.Written}
	if b.Kind != KindDecision && b.Kind != KindRecommendation {
		return t, InputError("Unbekannte Art der Entscheidung „%s“.", b.Kind)
	}
	if err := b.Rule.Validate(); err != nil {
		return t, err
	}
	entitled := map[string]Member{}
	for _, m := range b.Voters {
		if !m.Kind.Votes() {
			return t, RuleError("%s hat als %s kein Stimmrecht.", NamesOf(b.Voters).Of(m.Abbrev), m.Kind.Label())
		}
		entitled[m.Abbrev] = m
	}
	for abbrev, c := range b.Votes {
		if !c.Valid() && c != "" {
			return t, InputError("Unbekannte Stimme „%s“ für %s.", c, abbrev)
		}
		if _, ok := entitled[abbrev]; !ok {
			if c == VoteNone || c == "" {
				continue
			}
			return t, RuleError("%s ist nicht stimmberechtigt; seine Stimme kann nicht gezählt werden.", abbrev)
		}
		if !b.Written && !b.Present[abbrev] && c != VoteNone && c != "" {
			name := NamesOf(b.Voters).Of(abbrev)
			return t, RuleError("%s ist nicht anwesend und nicht vertreten; für %s kann keine Stimme abgegeben werden.", name, name)
		}
	}
	if err := Feasible(b); err != nil {
		return t, err
	}
	var norm Shares
	if b.Rule.NeedsShares() {
		var err error
		if norm, err = normalisedShares(b); err != nil {
			return t, err
		}
		t.SharesYear = b.SharesYear
	}
	for _, m := range b.Voters {
		c := b.Votes[m.Abbrev]
		switch {
		case !b.Written && !b.Present[m.Abbrev]:
			t.Absent = append(t.Absent, m.Abbrev)
			continue
		case b.Written && (c == VoteNone || c == ""):
			c = VoteAbstain // GO § 7 Abs. 4 Satz 2
		}
		switch c {
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
		default:
			t.NotVoting = append(t.NotVoting, m.Abbrev)
		}
	}
	var reason string
	switch b.Rule.Kind {
	case RuleQualified:
		t.Adopted, reason = t.qualified(b.Rule)
	case RuleSimple:
		t.Adopted, reason = t.simple(b.Rule, len(b.Voters)-len(t.Absent))
	}
	if t.Adopted && b.AllMustConsent && len(t.Yes) < len(b.Voters) {
		var missing []string
		yes := map[string]bool{}
		for _, y := range t.Yes {
			yes[y] = true
		}
		for _, m := range b.Voters {
			if !yes[m.Abbrev] {
				missing = append(missing, m.Abbrev)
			}
		}
		t.Adopted = false
		reason = "abgelehnt: die Zustimmung aller Mitglieder ist erforderlich; es fehlt die Zustimmung von " + joinMembers(missing)
	}
	t.Reason = reason
	t.Bound = append([]string(nil), t.Yes...)
	return t, nil
}

// qualified decides under a qualified rule.
func (t Tally) qualified(r Rule) (bool, string) {
	ks := ""
	if t.SharesYear != 0 {
		ks = fmt.Sprintf(" (Königsteiner Schlüssel %d)", t.SharesYear)
	}
	switch {
	case r.Federal && !t.BundYes:
		return false, "abgelehnt: ohne Zustimmung des Bundes"
	case t.LaenderYes < r.Laender:
		agree := Counted(t.LaenderYes, "Land stimmt", "Länder stimmen")
		if t.LaenderYes == 0 {
			agree = "kein Land stimmt"
		}
		return false, fmt.Sprintf("abgelehnt: nur %s zu (nötig: %d)", agree, r.Laender)
	case r.Share > 0 && !atLeast(t.ShareYes, r.Share):
		return false, fmt.Sprintf("abgelehnt: die zustimmenden Länder haben nur %s der Finanzierungsanteile (nötig: %s)%s", percentAgainst(t.ShareYes, r.Share), shareWords(r.Share, false), ks)
	}
	who := Counted(t.LaenderYes, "Land", "Länder")
	if t.BundYes {
		who = "Bund und " + who
	}
	if r.Share > 0 {
		return true, fmt.Sprintf("angenommen: %s mit %s der Finanzierungsanteile%s", who, percentAgainst(t.ShareYes, r.Share), ks)
	}
	return true, "angenommen: " + who
}

// Parts of a count's explanation that tell the public which members
// voted how (PublicCountReason): the share of the Länder in favour — the
// Königsteiner Schlüssel gives every Land a share of its own, so "15
// Länder mit 92,6 %" names the one that did not agree — and the members
// whose consent is missing.
var (
	countShareAdopted  = lazyre.New(` mit \d+(?:,\d+)? % der Finanzierungsanteile`)
	countShareRejected = lazyre.New(`haben nur \d+(?:,\d+)? % der Finanzierungsanteile`)
	countMissing       = lazyre.New(`es fehlt die Zustimmung von .*$`)
)

// PublicCountReason gives a count's explanation (Decision.CountReason) as
// the public reads it: the verdict, the Länder counted and the rule, but
// not the financing share of the Länder in favour, which identifies the
// members a public result blacks out ("bei Enthaltung von [geschwärzt]"),
// nor the members whose consent was missing.
func PublicCountReason(reason string) string {
	reason = countShareAdopted.ReplaceAllString(reason, " mit der nötigen Mehrheit der Finanzierungsanteile")
	reason = countShareRejected.ReplaceAllString(reason, "haben nicht die nötige Mehrheit der Finanzierungsanteile")
	return countMissing.ReplaceAllString(reason, "es fehlt die Zustimmung von "+RedactedPlaceholder)
}

// simple decides under a simple-majority rule; present is the number of
// voters present (or all voters in written procedure).
func (t Tally) simple(r Rule, present int) (bool, string) {
	yes, no := len(t.Yes), len(t.No)
	if r.Basis == BasisPresent {
		ok := 2*yes > present
		verdict := "abgelehnt"
		if ok {
			verdict = "angenommen"
		}
		return ok, fmt.Sprintf("%s: %s von %s (nötig: mehr als die Hälfte)", verdict, Counted(yes, "Ja-Stimme", "Ja-Stimmen"), Counted(present, "anwesenden Mitglied", "anwesenden Mitgliedern"))
	}
	ok := yes > no
	verdict := "abgelehnt"
	if ok {
		verdict = "angenommen"
	}
	return ok, fmt.Sprintf("%s: %s gegen %s, Enthaltungen zählen nicht", verdict, Counted(yes, "Ja-Stimme", "Ja-Stimmen"), Counted(no, "Nein-Stimme", "Nein-Stimmen"))
}
