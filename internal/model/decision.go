package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// DecisionKind is Beschluss or Empfehlung (IT-Staatsvertrag §1).
type DecisionKind string

// Decision kinds.
const (
	KindDecision       DecisionKind = "beschluss"
	KindRecommendation DecisionKind = "empfehlung"
)

// Label gives the German name.
func (k DecisionKind) Label() string {
	if k == KindRecommendation {
		return "Empfehlung"
	}
	return "Beschluss"
}

// DecisionStatus is the state of a decision.
type DecisionStatus string

// Decision statuses. Adopted decisions are immutable.
const (
	DecisionDraft    DecisionStatus = "entwurf" // Beschlussvorschlag
	DecisionAdopted  DecisionStatus = "beschlossen"
	DecisionRejected DecisionStatus = "abgelehnt"
)

// Label gives the German name.
func (s DecisionStatus) Label() string {
	switch s {
	case DecisionDraft:
		return "Beschlussvorschlag"
	case DecisionAdopted:
		return "beschlossen"
	case DecisionRejected:
		return "abgelehnt"
	}
	return string(s)
}

// Scope says whom a decision binds.
type Scope string

// Decision scopes.
const (
	ScopeAll        Scope = "alle"            // all members
	ScopeConsenting Scope = "nur_zustimmende" // only the members that consented
)

// VoteChoice is one member's vote.
type VoteChoice string

// Vote choices.
const (
	VoteYes     VoteChoice = "ja"
	VoteNo      VoteChoice = "nein"
	VoteAbstain VoteChoice = "enthaltung"
	VoteNone    VoteChoice = "keine" // keine Stimme abgegeben
)

// Valid reports whether c is a known choice.
func (c VoteChoice) Valid() bool {
	switch c {
	case VoteYes, VoteNo, VoteAbstain, VoteNone:
		return true
	}
	return false
}

// Vote is a member's vote on a decision.
type Vote struct {
	Member string // member abbreviation
	Choice VoteChoice
}

// Point is a numbered point of a decision; Label is the number as the text
// gives it ("1.", "2."), empty for unnumbered paragraphs.
type Point struct {
	Label string `json:"label,omitempty"`
	Text  string `json:"text"`
}

// DecisionNumber identifies an adopted decision within a body: the year and
// the sequence number within it (B-2025/26-IT is {2025, 26}). The zero value
// means "not numbered" (a draft, or a number the source does not show).
type DecisionNumber struct {
	Year int
	Seq  int
}

// IsZero reports whether the number is unset.
func (n DecisionNumber) IsZero() bool { return n == DecisionNumber{} }

// Short gives "2025/26", the form decisions cite each other with.
func (n DecisionNumber) Short() string {
	if n.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d/%02d", n.Year, n.Seq)
}

var patternToken = regexp.MustCompile(`\{(JJJJ|NN|N)\}`)

// ValidateDecisionPattern checks a numbering pattern: it must contain {JJJJ}
// (year) and {NN} (two-digit, zero-padded sequence) or {N} (sequence), and no
// other braces.
func ValidateDecisionPattern(p string) error {
	if !strings.Contains(p, "{JJJJ}") || !(strings.Contains(p, "{NN}") || strings.Contains(p, "{N}")) {
		return InputError("Das Nummernmuster „%s“ braucht {JJJJ} und {NN} oder {N}.", p)
	}
	rest := patternToken.ReplaceAllString(p, "")
	if strings.ContainsAny(rest, "{}") {
		return InputError("Das Nummernmuster „%s“ enthält einen unbekannten Platzhalter.", p)
	}
	return nil
}

// FormatDecisionNumber renders n with a body's pattern, e.g.
// "B-{JJJJ}/{NN}-IT" → "B-2025/26-IT".
func FormatDecisionNumber(pattern string, n DecisionNumber) string {
	if n.IsZero() {
		return ""
	}
	if pattern == "" {
		pattern = DefaultDecisionPattern
	}
	return patternToken.ReplaceAllStringFunc(pattern, func(tok string) string {
		switch tok {
		case "{JJJJ}":
			return strconv.Itoa(n.Year)
		case "{NN}":
			return fmt.Sprintf("%02d", n.Seq)
		default:
			return strconv.Itoa(n.Seq)
		}
	})
}

var decisionRef = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d\d)/(\d{1,6})(?:[^0-9]|$)`)

// ParseDecisionRef finds a decision number in a reference as people write it:
// "B-2025/26-IT", "Beschluss 2024/25", "2022/43". It reports false if the
// text holds no number of that form.
func ParseDecisionRef(s string) (DecisionNumber, bool) {
	m := decisionRef.FindStringSubmatch(s)
	if m == nil {
		return DecisionNumber{}, false
	}
	y, _ := strconv.Atoi(m[1])
	n, _ := strconv.Atoi(m[2])
	if n == 0 {
		return DecisionNumber{}, false
	}
	return DecisionNumber{Year: y, Seq: n}, true
}

// Decision is a Beschluss (or Empfehlung) of a body: its number, points,
// result and votes. Decisions are numbered per year in order of adoption.
type Decision struct {
	ID        int64
	BodyID    int64
	SessionID int64 // the session it was taken in; 0 for a written procedure
	ItemID    int64 // the agenda item; 0 if none
	Position  int   // order among the minutes rows of the item
	Kind      DecisionKind
	Number    DecisionNumber
	Label     string // the formatted number, "B-2025/26-IT"; "" while unnumbered
	Title     string
	Points    []Point
	Status    DecisionStatus
	Result    string // result phrase of the minutes: "einstimmig"
	Scope     Scope
	AdoptedOn Date
	Votes     []Vote
	// Applicants are the members who applied for the decision (the Bund or
	// three Länder); empty for decisions recorded from the past.
	Applicants []string
	Version    int
}

// Validate checks a decision.
func (d Decision) Validate() error {
	if d.BodyID == 0 {
		return InputError("Ein Beschluss gehört zu einem Gremium; das Gremium fehlt.")
	}
	switch d.Kind {
	case KindDecision, KindRecommendation:
	default:
		return InputError("Die Beschlussart „%s“ ist unbekannt; möglich sind Beschluss und Empfehlung.", d.Kind)
	}
	switch d.Status {
	case DecisionDraft, DecisionAdopted, DecisionRejected:
	default:
		return InputError("Der Beschlussstatus „%s“ ist unbekannt.", d.Status)
	}
	switch d.Scope {
	case ScopeAll, ScopeConsenting:
	default:
		return InputError("Der Geltungsbereich „%s“ ist unbekannt.", d.Scope)
	}
	seen := map[string]bool{}
	for _, v := range d.Votes {
		if !v.Choice.Valid() {
			return InputError("Die Stimme „%s“ von %s ist unbekannt; möglich sind ja, nein und Enthaltung.", v.Choice, v.Member)
		}
		if seen[v.Member] {
			return InputError("%s hat zweimal abgestimmt; jedes Mitglied hat eine Stimme.", v.Member)
		}
		seen[v.Member] = true
	}
	return nil
}

// DisplayTitle gives the number and title, or a placeholder for an unnumbered
// decision.
func (d Decision) DisplayTitle() string {
	label := d.Label
	if label == "" {
		label = d.Kind.Label() + " (ohne Nummer)"
	}
	if d.Title == "" {
		return label
	}
	return label + " – " + d.Title
}
