package model

import (
	"errors"
	"fmt"
	"gremium/internal/lazyre"
	"strconv"
	"strings"
	"time"
	"unicode"
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

// ProposalName gives the German name of a proposal of the kind, as the
// vote pages name what is voted on: "Beschlussvorschlag",
// "Empfehlungsvorschlag".
func (k DecisionKind) ProposalName() string {
	if k == KindRecommendation {
		return "Empfehlungsvorschlag"
	}
	return "Beschlussvorschlag"
}

// AdoptedVerb gives the verb with which a decision of the kind is taken:
// a Beschluss is "gefasst", an Empfehlung "ausgesprochen".
func (k DecisionKind) AdoptedVerb() string {
	if k == KindRecommendation {
		return "ausgesprochen"
	}
	return "gefasst"
}

// WithArticle gives the kind's name with its definite article, as the
// subject within a sentence: "der Beschluss", "die Empfehlung".
func (k DecisionKind) WithArticle() string {
	if k == KindRecommendation {
		return "die Empfehlung"
	}
	return "der Beschluss"
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

// CastError gives the input error for casting c as a vote, nil for a vote
// one can cast (ja, nein, enthaltung), at the field "stimme" (the forms'
// and the JSON API's). Its reason names the values as the forms and the
// JSON API send them, so that a client sending "Enthaltung" reads what to
// send instead; no choice at all is asked for in words.
func (c VoteChoice) CastError() error {
	switch c {
	case VoteYes, VoteNo, VoteAbstain:
		return nil
	case "":
		return AtField("stimme", InputError("Bitte eine Stimme wählen (Ja, Nein oder Enthaltung)."))
	}
	return AtField("stimme", InputError("Eine Stimme ist „%s“, „%s“ oder „%s“, nicht „%s“.", VoteYes, VoteNo, VoteAbstain, c))
}

// Label gives the choice as the pages show it: "Ja", "Nein",
// "Enthaltung", "keine Stimme abgegeben".
func (c VoteChoice) Label() string {
	switch c {
	case VoteYes:
		return "Ja"
	case VoteNo:
		return "Nein"
	case VoteAbstain:
		return "Enthaltung"
	case VoteNone:
		return "keine Stimme abgegeben"
	}
	return string(c)
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

var patternToken = lazyre.New(`\{(JJJJ|NN|N)\}`)

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

var decisionRef = lazyre.New(`(?:^|[^0-9])((?:19|20)\d\d)/(\d{1,6})(?:[^0-9]|$)`)

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

// DecisionRefFits reports whether the reference ref, holding a decision
// number (ParseDecisionRef), may name a decision of the body numbering by
// pattern: the number alone ("2026/02", "Beschluss 2026/02") fits every
// body, a number with a prefix or suffix ("BE-2026/02-AL") only the body
// whose pattern gives exactly that form. So an AL-Runde's recommendation
// BE-2026/02-AL never reads as the IT-PLR's decision B-2026/02-IT.
func DecisionRefFits(pattern, ref string) bool {
	n, ok := ParseDecisionRef(ref)
	if !ok {
		return false
	}
	loc := decisionRef.FindStringSubmatchIndex(ref)
	// The word around the number: up to the nearest space either side.
	start, end := loc[2], loc[5]
	for start > 0 && !unicode.IsSpace(rune(ref[start-1])) {
		start--
	}
	for end < len(ref) && !unicode.IsSpace(rune(ref[end])) {
		end++
	}
	word := strings.TrimRight(ref[start:end], ".,;:)")
	word = strings.TrimLeft(word, "(")
	if word == ref[loc[2]:loc[5]] {
		return true
	}
	return strings.EqualFold(word, FormatDecisionNumber(pattern, n))
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
	// AllMustConsent: the decision needs, in addition to the rule of its
	// kind, the consent of every voting member ("Zustimmung aller
	// Mitglieder erforderlich", e.g. a founding decision).
	AllMustConsent bool
	// SharesYear is the year of the Königsteiner-Schlüssel table the count
	// used (0: none was needed, or a result recorded from the past).
	SharesYear int
	// CountReason is the count's explanation in German ("angenommen: Bund
	// und 16 Länder mit 100,0 % der Finanzierungsanteile (Königsteiner
	// Schlüssel 2016)"); empty for results recorded from the past.
	CountReason string
	// Corrections are the corrections (Berichtigungen) of an adopted
	// decision, oldest first; the decision itself stays as adopted.
	Corrections []DecisionCorrection
	Version     int
	// Internal is read from the decision's body: a decision of an internal
	// body (the AL-Runde's recommendations) is never public.
	Internal bool
	// Recommends is read from the decision's body: a decision of a
	// preparatory body (the AL-Runde, Body.Preparation.PreparesID != 0) is
	// a Beschlussempfehlung to the body it prepares, and every surface
	// names it so (Name) — whatever the kind of the proposal it recommends
	// on, which stays its Kind because it fixes the majority.
	Recommends bool
	// BoundTo, when not nil, are the members a decision binding only the
	// consenting ones binds, kept where its votes are not: the public
	// version (Audience.Decision) shows whom it binds, not how each voted.
	BoundTo []string
}

// Counted reports whether gremium counted the decision's result from the
// members' votes (in session or in written procedure), not recorded it
// from the minutes: it has the count's explanation or its votes.
func (d Decision) Counted() bool { return d.CountReason != "" || len(d.Votes) > 0 }

// recommends reports whether the decision is named as a recommendation:
// an Empfehlung, or a Beschlussempfehlung of a preparatory body.
func (d Decision) recommends() bool { return d.Recommends || d.Kind == KindRecommendation }

// Name gives what the decision is, as every surface names it: "Beschluss",
// "Empfehlung", and for a decision of a preparatory body (Recommends)
// "Beschlussempfehlung", whatever its Kind.
func (d Decision) Name() string {
	if d.Recommends {
		return "Beschlussempfehlung"
	}
	return d.Kind.Label()
}

// KindName gives Name where the decision's majority is shown beside it:
// a Beschlussempfehlung says which kind of proposal it recommends on,
// since that kind's rule applies ("Beschlussempfehlung zu einem
// Beschluss").
func (d Decision) KindName() string {
	if !d.Recommends {
		return d.Kind.Label()
	}
	if d.Kind == KindRecommendation {
		return "Beschlussempfehlung zu einer Empfehlung"
	}
	return "Beschlussempfehlung zu einem Beschluss"
}

// ProposalName gives the name of the decision as a proposal, as the vote
// pages name what is voted on: "Beschlussvorschlag", and for an
// Empfehlung or a Beschlussempfehlung "Empfehlungsvorschlag".
func (d Decision) ProposalName() string {
	if d.recommends() {
		return KindRecommendation.ProposalName()
	}
	return d.Kind.ProposalName()
}

// WithArticle gives Name with its definite article, as the subject within
// a sentence: "der Beschluss", "die Empfehlung", "die Beschlussempfehlung".
func (d Decision) WithArticle() string {
	if d.Recommends {
		return "die " + d.Name()
	}
	return d.Kind.WithArticle()
}

// AdoptedVerb gives the verb with which the decision is taken: a Beschluss
// is "gefasst", an Empfehlung and a Beschlussempfehlung "ausgesprochen".
func (d Decision) AdoptedVerb() string {
	if d.recommends() {
		return KindRecommendation.AdoptedVerb()
	}
	return d.Kind.AdoptedVerb()
}

// TextName gives the name of the decision's text: "Beschlusstext",
// "Empfehlungstext" (also of a Beschlussempfehlung).
func (d Decision) TextName() string {
	if d.recommends() {
		return KindRecommendation.TextName()
	}
	return d.Kind.TextName()
}

// OriginalName names the wording as first taken, beside its corrections:
// "Beschlossene Fassung", "Ausgesprochene Fassung" (also of a
// Beschlussempfehlung).
func (d Decision) OriginalName() string {
	if d.recommends() {
		return KindRecommendation.OriginalName()
	}
	return d.Kind.OriginalName()
}

// Outcome says in one sentence what became of the decision by its status,
// named by its name and number: "Der Beschluss B-2025/26-IT ist gefasst.",
// "Die Empfehlung ist ausgesprochen.", "Die Beschlussempfehlung
// BE-2026/01-AL ist ausgesprochen.", "Der Empfehlungsvorschlag ist nicht
// angenommen." (a draft or a rejected proposal).
func (d Decision) Outcome() string {
	before, label, after := d.OutcomeParts()
	return before + label + after
}

// OutcomeParts gives Outcome in three parts, the decision's number (its
// Label, empty without one) between the words before and after it, so
// that a page can make the number a link without cutting the sentence:
// "Der Beschluss ", "B-2025/26-IT", " ist gefasst.".
func (d Decision) OutcomeParts() (before, label, after string) {
	if d.Status != DecisionAdopted {
		return "Der " + d.ProposalName() + " ist nicht angenommen.", "", ""
	}
	subject := d.WithArticle()
	subject = strings.ToUpper(subject[:1]) + subject[1:]
	verb := " ist " + d.AdoptedVerb() + "."
	if d.Label == "" {
		return subject + verb, "", ""
	}
	return subject + " ", d.Label, verb
}

// StatusLabel gives the decision's state in words of its kind: a
// Beschluss is "beschlossen", an Empfehlung and a Beschlussempfehlung
// "ausgesprochen" (not "beschlossen"), either may be "abgelehnt"; a draft
// is named as the proposal it is ("Beschlussvorschlag",
// "Empfehlungsvorschlag").
func (d Decision) StatusLabel() string {
	switch d.Status {
	case DecisionDraft:
		return d.ProposalName()
	case DecisionAdopted:
		if d.recommends() {
			return "ausgesprochen"
		}
		return "beschlossen"
	}
	return d.Status.Label()
}

// DecidedOnLabel names the day of the decision by its state, for the
// line that gives it: "Beschlossen am", "Ausgesprochen am", "Abgelehnt
// am" (a rejected proposal was not adopted on that day); "" for a draft,
// which is not decided.
func (d Decision) DecidedOnLabel() string {
	if d.Status == DecisionDraft {
		return ""
	}
	return d.StatusHeading() + " am"
}

// StatusHeading gives StatusLabel as a heading, with a capital:
// "Beschlossen", "Ausgesprochen", "Abgelehnt".
func (d Decision) StatusHeading() string {
	l := d.StatusLabel()
	return strings.ToUpper(l[:1]) + l[1:]
}

// TextName gives the name of the decision's text: "Beschlusstext",
// "Empfehlungstext".
func (k DecisionKind) TextName() string {
	if k == KindRecommendation {
		return "Empfehlungstext"
	}
	return "Beschlusstext"
}

// OriginalName names the wording as first taken, beside its corrections:
// "Beschlossene Fassung", "Ausgesprochene Fassung".
func (k DecisionKind) OriginalName() string {
	if k == KindRecommendation {
		return "Ausgesprochene Fassung"
	}
	return "Beschlossene Fassung"
}

// Bound gives the members a decision binds when it binds only those that
// consented (Scope = ScopeConsenting): the members that voted Ja. It is nil
// for decisions that bind all members.
func (d Decision) Bound() []string {
	if d.Scope != ScopeConsenting {
		return nil
	}
	if d.BoundTo != nil {
		return d.BoundTo
	}
	var out []string
	for _, v := range d.Votes {
		if v.Choice == VoteYes {
			out = append(out, v.Member)
		}
	}
	return out
}

// Current gives the decision's text as last corrected: the newest
// correction's title and points, or the decision's own.
func (d Decision) Current() (string, []Point) {
	if n := len(d.Corrections); n > 0 {
		c := d.Corrections[n-1]
		return c.Title, c.Points
	}
	return d.Title, d.Points
}

// Fassung gives the number of the decision's text as last corrected: its
// newest correction's version, 0 for the text as decided. A correction
// form carries it as what it was based on (DecisionCorrection.CheckBasis).
func (d Decision) Fassung() int {
	if n := len(d.Corrections); n > 0 {
		return d.Corrections[n-1].Version
	}
	return 0
}

// Corrected gives the decision with its text as last corrected (Current)
// as its title and points: how the register, its feed and the APIs show
// a decision. The decision's page shows the adopted text beside it.
func (d Decision) Corrected() Decision {
	d.Title, d.Points = d.Current()
	return d
}

// DecisionCorrection is a correction (Berichtigung) of an adopted decision:
// a new version of its title and points with the reason. The decision as
// adopted is kept unchanged; its number, result and votes are never
// corrected.
type DecisionCorrection struct {
	ID         int64
	DecisionID int64
	Version    int // 1 for the first correction
	Title      string
	Points     []Point
	Reason     string
	By         string
	At         time.Time
}

// MarkReason turns the typed confidential marks ([[…]]) of the
// correction's occasion into redaction marks (ConfidentialMarks): the
// occasion is public with the correction. Marks that are not balanced are
// an input error at the occasion's field (anlass), and it stays as typed.
func (c *DecisionCorrection) MarkReason() error {
	reason, err := ConfidentialMarks(c.Reason)
	if err != nil {
		return AtField("anlass", err)
	}
	c.Reason = reason
	return nil
}

// Validate checks a correction: its occasion, and a title or points;
// every reason at once, at its field (anlass, titel).
func (c DecisionCorrection) Validate() error {
	var errs []error
	if strings.TrimSpace(c.Title) == "" && len(c.Points) == 0 {
		errs = append(errs, AtField("titel", InputError("Eine Berichtigung braucht den berichtigten Titel oder die berichtigten Beschlusspunkte.")))
	}
	if strings.TrimSpace(c.Reason) == "" {
		errs = append(errs, AtField("anlass", InputError("Eine Berichtigung braucht ihren Anlass.")))
	}
	return errors.Join(errs...)
}

// CheckChanges refuses a correction that changes nothing of d's current
// text (Current: as adopted or last corrected): the same title and the
// same points, compared as the minutes' correction compares a row
// (SameText), each point as its line of the correction form ("1. …"; a
// point without a label in a list of several counts as numbered by its
// place, as NumberedPoints reads the form's lines). c's empty title or
// points stand for the current ones; with neither, Validate refuses it. The reason stands at the points
// (punkte) when they were given, else at the title.
func (c DecisionCorrection) CheckChanges(d Decision) error {
	if c.Title == "" && len(c.Points) == 0 {
		return nil // none given: Validate's reason
	}
	title, points := d.Current()
	if c.Title != "" && !SameText(title, c.Title) || len(c.Points) > 0 && !SameText(pointsText(points), pointsText(c.Points)) {
		return nil
	}
	field := "titel"
	if len(c.Points) > 0 {
		field = "punkte"
	}
	return AtField(field, InputError("Die Berichtigung ändert nichts: Titel und Beschlusspunkte sind dieselben wie bisher; es gibt nichts zu berichtigen."))
}

// CheckBasis refuses a correction based on another text than the
// decision's current one: basedOn is the version the correction form
// showed (Decision.Fassung: 0 for the text as decided). Two windows opened
// the same form, one corrected the title, the other then added a sentence
// to the points and sent the old title back with it: the first
// correction was undone without a word. The conflict names the newest
// correction; the user compares it with what they typed and sends again.
//
// A negative basedOn is a form that does not say which version it showed
// (loaded before the field existed, the field unreadable, a post of a
// client without it): it is refused as well, with its own reason — it
// could have taken back a correction as silently, and it claims no text
// it was based on.
func (c DecisionCorrection) CheckBasis(d Decision, basedOn int) error {
	now := d.Fassung()
	if basedOn == now {
		return nil
	}
	current := "der ursprüngliche Text; er"
	if now > 0 {
		current = fmt.Sprintf("Fassung %d", now)
		if at := d.Corrections[len(d.Corrections)-1].At; !at.IsZero() {
			current += " vom " + BerlinDateTime(at)
		}
		current += "; sie"
	}
	if basedOn < 0 {
		if now == 0 {
			current = "der Text, wie er gefasst wurde; er"
		}
		name := d.Name()
		if d.Label != "" {
			name += " " + d.Label
		}
		return InputShownConflict("Ihre Berichtigung zu %s ist nicht gespeichert: Das Formular sagt nicht, auf welcher Fassung des Textes sie beruht (es stammt wohl von einer älteren Seite), und so könnte sie eine Berichtigung unbemerkt zurücknehmen. Es gilt %s steht oben, das Formular zeigt Ihre Eingabe. Bitte gleichen Sie beides ab und speichern Sie erneut.", name, current)
	}
	basis := "dem ursprünglichen Text"
	if basedOn > 0 {
		basis = fmt.Sprintf("Fassung %d", basedOn)
	}
	subject := d.WithArticle()
	subject = strings.ToUpper(subject[:1]) + subject[1:]
	if d.Label != "" {
		subject += " " + d.Label
	}
	return InputShownConflict("%s wurde inzwischen berichtigt – von jemand anderem oder von Ihnen in einem anderen Fenster; Ihre Berichtigung beruht auf %s und ist nicht gespeichert, damit sie nichts unbemerkt zurücknimmt. Es gilt jetzt %s steht oben, das Formular zeigt Ihre Eingabe. Bitte gleichen Sie beides ab und speichern Sie erneut.", subject, basis, current)
}

// pointsText gives points as the lines of a correction form, for
// CheckChanges: each point's label (its number by place where it has none
// in a list of several) and text.
func pointsText(ps []Point) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		label := p.Label
		if label == "" && len(ps) > 1 {
			label = fmt.Sprintf("%d.", i+1)
		}
		lines[i] = strings.TrimSpace(label + " " + strings.TrimSpace(p.Text))
	}
	return strings.Join(lines, "\n")
}

// EarlierDecision marks a decision taken before the body used gremium (not
// held in its register) with its number and date, so that it can be cited,
// e.g. by a spokesperson assignment (B-2022/43-IT).
type EarlierDecision struct {
	ID        int64
	BodyID    int64
	Number    DecisionNumber
	Label     string // "B-2022/43-IT"
	AdoptedOn Date
	Title     string
	Note      string // where it is documented
	// CitedBy names what cites it ("Sprecherfunktion HB für FMK"), as
	// the store reads it for the list of earlier decisions: an earlier
	// decision cited anywhere is not removed.
	CitedBy []string
}

// DecisionNumbering is where a body's decision numbers of one year stand,
// as the secretariat reads it beside the earlier decisions: the number the
// next decision adopted in the year gets, and the first number gremium
// gave itself that year, by a count in session or in written procedure.
// While gremium gave none, the earlier decisions of the year decide where
// its numbering starts, and a slip (B-2026/400-IT typed for
// B-2026/04-IT) shows in the next number; once it gave one, an earlier
// decision of the year has a smaller number and date
// (EarlierDecision.CheckBefore).
type DecisionNumbering struct {
	Year int
	Next string // the next adopted decision's number: "B-2026/13-IT"
	// FirstOwn is the first number gremium gave itself in the year ("":
	// none yet), FirstOwnOn its day, FirstOwnSession its session (0:
	// by written procedure).
	FirstOwn        string
	FirstOwnSeq     int
	FirstOwnOn      Date
	FirstOwnSession int
}

// NextSentence says, while gremium has numbered no decision of the year
// itself, which number the next adopted decision gets: "Der nächste
// Beschluss erhält die Nummer B-2026/401-IT." — so that a number recorded
// as an earlier decision by a slip far ahead is seen at once. "" once
// gremium numbered one: its numbering goes on after its own.
func (n DecisionNumbering) NextSentence() string {
	if n.FirstOwn != "" || n.Next == "" {
		return ""
	}
	return "Der nächste Beschluss erhält die Nummer " + n.Next + "."
}

// CheckBefore refuses an earlier decision that cannot have been taken
// before the decisions gremium numbered itself in its year (n, that
// year's numbering): numbers go in order of adoption, so an earlier
// decision has a smaller number than the first of them (at its number,
// nummer) and is not dated after it (at its date, datum). B-2026/400-IT
// recorded by a slip while gremium's decisions of 2026 stood at 12 moved
// the numbering past it: the next adopted decision became B-2026/401-IT.
// A year in which gremium numbered nothing itself takes any number; its
// next number says where numbering goes on (NextSentence).
func (e EarlierDecision) CheckBefore(n DecisionNumbering) error {
	if n.FirstOwn == "" || e.Number.Year != n.Year {
		return nil
	}
	var errs []error
	first := n.FirstOwn + DecisionWhen(n.FirstOwnSession, n.FirstOwnOn)
	if e.Number.Seq > n.FirstOwnSeq {
		label := e.Label
		if label == "" {
			label = e.Number.Short()
		}
		errs = append(errs, AtField("nummer", InputError("Beschluss %s kann kein früherer Beschluss sein: gremium hat %d schon selbst Beschlüsse nummeriert, zuerst %s. Ein früherer Beschluss ist vor ihnen gefasst und hat eine kleinere Nummer; bitte die Nummer prüfen.",
			label, n.Year, first)))
	}
	if !e.AdoptedOn.IsZero() && !n.FirstOwnOn.IsZero() && n.FirstOwnOn.Before(e.AdoptedOn) {
		errs = append(errs, AtField("datum", InputError("Ein früherer Beschluss ist vor den Beschlüssen gefasst, die gremium selbst nummeriert hat; der erste davon ist %s, der %s liegt danach. Bitte das Datum prüfen.",
			first, e.AdoptedOn.German())))
	}
	return errors.Join(errs...)
}

// DecisionWhen says where a decision was taken, for a reason: " (47.
// Sitzung, 26.06.2025)", " (26.06.2025)" or "" (session 0: none known,
// on zero: no day known).
func DecisionWhen(session int, on Date) string {
	var parts []string
	if session != 0 {
		parts = append(parts, fmt.Sprintf("%d. Sitzung", session))
	}
	if !on.IsZero() {
		parts = append(parts, on.German())
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// Validate checks that the earlier decision has its number and date, of
// the same year; every reason at once, at its field (nummer, datum).
func (e EarlierDecision) Validate() error {
	var errs []error
	if e.Number.IsZero() {
		errs = append(errs, AtField("nummer", InputError("Ein früherer Beschluss braucht seine Nummer (z. B. B-2022/43-IT).")))
	}
	if e.AdoptedOn.IsZero() {
		errs = append(errs, AtField("datum", InputError("Ein früherer Beschluss braucht sein Datum.")))
	}
	if len(errs) == 0 && e.AdoptedOn.Year != e.Number.Year {
		errs = append(errs, AtField("datum", InputError("Beschluss %s kann nicht am %s gefasst sein: Nummer und Datum nennen verschiedene Jahre.", e.Number.Short(), e.AdoptedOn.German())))
	}
	return errors.Join(errs...)
}

// CheckTaken refuses, at its date (datum), an earlier decision dated
// after today (German time): an earlier decision is one the body has
// taken already, before gremium; B-2031/07-IT of 01.03.2031 was accepted
// and then stood as "taken" years ahead. Today itself is allowed (a
// decision taken outside gremium this morning). A date not given is
// Validate's reason.
func (e EarlierDecision) CheckTaken(today Date) error {
	if e.AdoptedOn.IsZero() || !today.Before(e.AdoptedOn) {
		return nil
	}
	return AtField("datum", InputError("Ein früherer Beschluss ist bereits gefasst; sein Datum kann nicht nach heute (%s) liegen, der %s liegt in der Zukunft. Bitte das Datum prüfen, an dem der Beschluss gefasst wurde.", today.German(), e.AdoptedOn.German()))
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
	// "Zustimmung aller" is a Beschluss's (a founding decision, where law
	// or agreement requires it): an Empfehlung ticked so was stored and
	// shown as "einfache Mehrheit …; Zustimmung aller Mitglieder
	// erforderlich" — on the live page, in written procedure and in the
	// new proposal's form alike.
	if d.AllMustConsent && d.Kind == KindRecommendation && d.Status == DecisionDraft {
		return AtField("alle", RuleError("„Zustimmung aller Mitglieder erforderlich“ gibt es nur für einen Beschluss; eine Empfehlung wird mit der Mehrheit ihrer Art ausgesprochen."))
	}
	texts := make([]string, len(d.Points))
	for i, p := range d.Points {
		texts[i] = p.Text
	}
	if err := CheckTextLength(strings.Join(texts, ""), "Der Beschlusstext", TextMax); err != nil {
		return AtField("punkte", err)
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

// RuleLine says what the proposal needs under the body's rules, as the
// live page states it beside the vote buttons: "Beschluss: Zustimmung des
// Bundes und …; Zustimmung aller Mitglieder erforderlich".
func (d Decision) RuleLine(rules DecisionRules) string {
	line := d.KindName() + ": " + rules.For(d.Kind).Label()
	if d.AllMustConsent {
		line += "; Zustimmung aller Mitglieder erforderlich"
	}
	return line
}

// recommendationTitle starts the title of the proposal by which a
// preparatory body votes a Beschlussempfehlung (RecommendationTitle).
const recommendationTitle = "Beschlussempfehlung: "

// RecommendationTitle gives the title of the proposal by which a
// preparatory body (the AL-Runde) votes its Beschlussempfehlung on the
// prepared body's item titled item: "Beschlussempfehlung: <item>".
func RecommendationTitle(item string) string { return recommendationTitle + item }

// Named reports whether the decision's title names what the decision is
// already ("Beschlussempfehlung: …", RecommendationTitle): a heading then
// gives the title alone and does not put the name of a proposal before it
// a second time ("Beschlussvorschlag: Beschlussempfehlung: …").
func (d Decision) Named() bool { return strings.HasPrefix(d.Title, recommendationTitle) }

// Rejected reports whether the proposal was put to the vote and rejected
// (abgelehnt, not come about): its result must not look adopted.
func (d Decision) Rejected() bool { return d.Status == DecisionRejected }

// RejectionUnsaid reports whether the decision was rejected while its
// result phrase does not say so itself (a count recorded as "Ja: 3, Nein:
// 14", say; ParseResult reads no rejection from it): the result line then
// says "abgelehnt" first, so that a rejection is told by its words, not
// by its colour alone.
func (d Decision) RejectionUnsaid() bool {
	if !d.Rejected() {
		return false
	}
	r, ok := ParseResult(d.Result)
	return !ok || r.Adopted
}

// DisplayTitle gives the number and title; without a number, the name
// ProposalLabel gives ("Beschlussvorschlag – …" for a proposal), or the
// title alone where it names the proposal itself (Named).
func (d Decision) DisplayTitle() string {
	label := d.Label
	if label == "" {
		if d.Named() {
			return d.Title
		}
		// A proposal has no number before it is adopted: it is named
		// as ProposalLabel names it ("Beschlussvorschlag").
		label = d.ProposalLabel()
	}
	if d.Title == "" {
		return label
	}
	return label + " – " + d.Title
}

// CountBasis gives the line the minutes print under a counted result: the
// Königsteiner-Schlüssel table the count used and the count's
// explanation, the table named once ("angenommen: Bund und 16 Länder mit
// 100,0 % der Finanzierungsanteile (Königsteiner Schlüssel 2016)", or
// "Königsteiner Schlüssel 2016 – abgelehnt: nur 10 Länder stimmen zu
// (nötig: 11)" where the explanation does not name it); "" if the count
// needed no table.
func (d Decision) CountBasis() string {
	if d.SharesYear == 0 {
		return ""
	}
	table := "Königsteiner Schlüssel " + strconv.Itoa(d.SharesYear)
	switch {
	case d.CountReason == "":
		return table
	case strings.Contains(d.CountReason, table):
		return d.CountReason
	}
	return table + " – " + d.CountReason
}
