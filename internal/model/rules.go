package model

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CheckApplication checks who applied for a decision: the IT-PLR decides on
// application of the Bund or of three Länder (IT-Staatsvertrag §1 (5)).
// kinds gives the kind of each member; an applicant without one is no
// member and named so (not as "nicht antragsberechtigt"). Every applicant
// that may not apply (an advisory member or guest) is refused and named,
// beside the Bund as well: the answer does not depend on the order of the
// applicants.
func CheckApplication(applicants []string, kinds map[string]MemberKind) error {
	if unknown := UnknownMembers(applicants, kinds); len(unknown) > 0 {
		return NoMembersError(unknown)
	}
	bund := false
	laender := map[string]bool{}
	var refused []string
	for _, a := range Distinct(applicants) {
		switch kinds[a] {
		case MemberBund:
			bund = true
		case MemberLand:
			laender[a] = true
		default:
			refused = append(refused, a)
		}
	}
	switch len(refused) {
	case 0:
	case 1:
		return RuleError("%s ist nicht antragsberechtigt; antragsberechtigt sind der Bund oder drei Länder.", refused[0])
	default:
		return RuleError("%s sind nicht antragsberechtigt; antragsberechtigt sind der Bund oder drei Länder.", strings.Join(refused, ", "))
	}
	if bund || len(laender) >= 3 {
		return nil
	}
	if len(applicants) == 0 {
		return RuleError("Ein Beschlussvorschlag braucht den Antrag des Bundes oder dreier Länder.")
	}
	return RuleError("Beantragt von %s; nötig ist der Antrag des Bundes oder dreier Länder.", strings.Join(applicants, ", "))
}

// UnknownMembers gives the entries of list that name no member (kinds
// gives the kind of each member, by abbreviation), in their order.
func UnknownMembers(list []string, kinds map[string]MemberKind) []string {
	var out []string
	for _, m := range list {
		if _, ok := kinds[m]; !ok {
			out = append(out, m)
		}
	}
	return out
}

// NoMembersError says that the names in unknown (at least one) are no
// members of the IT-PLR: „NRW“ ist kein Mitglied des IT-Planungsrats.
func NoMembersError(unknown []string) error {
	if len(unknown) == 1 {
		return InputError("„%s“ ist kein Mitglied des IT-Planungsrats.", unknown[0])
	}
	return InputError("„%s“ sind keine Mitglieder des IT-Planungsrats.", strings.Join(unknown, "“, „"))
}

// Distinct gives list without repeats, each entry at its first place: a
// member named twice in a list of members ("BE, BE") is one member, stored,
// shown, asked and counted once. A nil list stays nil.
func Distinct[T comparable](list []T) []T {
	if list == nil {
		return nil
	}
	out := make([]T, 0, len(list))
	seen := make(map[T]bool, len(list))
	for _, v := range list {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// MemberAbbrevs writes each entry of a typed list of members as the
// member's abbreviation, whatever its case or whether it was given by name
// ("BUND" and "bund" are "Bund", "Hessen" is "HE"), each member once
// ("BE, berlin" is "BE": Distinct); what names no member stays as typed,
// for UnknownMembers to name.
func MemberAbbrevs(list []string, members []Member) []string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a
		for _, m := range members {
			if strings.EqualFold(a, m.Abbrev) || strings.EqualFold(a, m.Name) {
				out[i] = m.Abbrev
				break
			}
		}
	}
	return Distinct(out)
}

// CheckSpecialSession checks who applied for a special session
// (Sondersitzung): like a decision, it takes the application of the Bund
// or of three Länder. kinds gives the kind of each member; an applicant
// without one is no member. The reason stands at the field "antrag".
func CheckSpecialSession(applicants []string, kinds map[string]MemberKind) error {
	const rule = "Eine Sondersitzung findet auf Antrag des Bundes oder dreier Länder statt"
	if len(applicants) == 0 {
		return AtField("antrag", RuleError("%s; bitte angeben, wer sie beantragt hat.", rule))
	}
	switch err := CheckApplication(applicants, kinds); ClassOf(err) {
	case ErrInput: // an applicant that is no member
		return AtField("antrag", err)
	case ErrRule:
		return AtField("antrag", RuleError("%s. %s", rule, ReasonOf(err)))
	}
	return nil
}

// DefaultQuorum is the default minimum of voting members present: the
// majority of the 17 members (Bund and 16 Länder). The body's rules of
// procedure can set another number (Body.QuorumMin).
const DefaultQuorum = 9

// CheckQuorum decides whether a session has a quorum (Beschlussfähigkeit):
// at least min of the voting members are present. It gives the reason in
// German.
func CheckQuorum(voters []Member, present map[string]bool, min int) (bool, string) {
	n := 0
	for _, m := range voters {
		if present[m.Abbrev] {
			n++
		}
	}
	if n >= min {
		return true, fmt.Sprintf("beschlussfähig: %d von %d stimmberechtigten Mitgliedern anwesend (nötig: %d)", n, len(voters), min)
	}
	return false, fmt.Sprintf("nicht beschlussfähig: nur %d von %d stimmberechtigten Mitgliedern anwesend (nötig: %d)", n, len(voters), min)
}

// ParseShares reads Königsteiner-Schlüssel tables from CSV: comment lines
// start with "#", the header is "land,kuerzel,<year>,<year>…", each row a
// Land with its share per year (percent, decimal point, above 0 and at most
// 100). It gives the shares per year and checks that each year has 16
// distinct Länder.
func ParseShares(r io.Reader) (map[int]Shares, error) {
	var body strings.Builder
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			body.WriteString(line + "\n")
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	rows, err := csv.NewReader(strings.NewReader(body.String())).ReadAll()
	if err != nil {
		return nil, &Error{Class: ErrInput, Reason: "Die Tabelle des Königsteiner Schlüssels ist kein gültiges CSV.", Err: err}
	}
	if len(rows) < 2 || len(rows[0]) < 3 || strings.ToLower(rows[0][1]) != "kuerzel" {
		return nil, InputError("Die Tabelle des Königsteiner Schlüssels braucht die Kopfzeile land,kuerzel,<Jahr>….")
	}
	years := make([]int, len(rows[0])-2)
	out := map[int]Shares{}
	for i, h := range rows[0][2:] {
		if years[i], err = strconv.Atoi(strings.TrimSpace(h)); err != nil || years[i] < 1949 {
			return nil, InputError("Königsteiner Schlüssel: „%s“ ist keine Jahreszahl.", h)
		}
		if _, dup := out[years[i]]; dup {
			return nil, InputError("Königsteiner Schlüssel: das Jahr %d steht zweimal in der Kopfzeile.", years[i])
		}
		out[years[i]] = Shares{}
	}
	seen := map[string]bool{}
	for n, row := range rows[1:] {
		if len(row) != len(rows[0]) {
			return nil, InputError("Königsteiner Schlüssel: Zeile %d hat %d Felder statt %d.", n+2, len(row), len(rows[0]))
		}
		abbrev := strings.TrimSpace(row[1])
		if abbrev == "" {
			return nil, InputError("Königsteiner Schlüssel: Zeile %d nennt kein Kürzel.", n+2)
		}
		if seen[abbrev] {
			return nil, InputError("Königsteiner Schlüssel: Zeile %d: „%s“ steht zweimal in der Tabelle.", n+2, abbrev)
		}
		seen[abbrev] = true
		for i, v := range row[2:] {
			share, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			// A share is a percentage: NaN and ±Inf parse as floats but
			// are none (NaN fails every comparison).
			if err != nil || !(share > 0 && share <= 100) {
				return nil, InputError("Königsteiner Schlüssel: %s %d: „%s“ ist kein Anteil.", abbrev, years[i], v)
			}
			out[years[i]][abbrev] = share
		}
	}
	for y, s := range out {
		if len(s) != 16 {
			return nil, InputError("Der Königsteiner Schlüssel %d nennt %d Länder statt 16.", y, len(s))
		}
	}
	return out, nil
}

// ProcedureStatus is the state of a written procedure.
type ProcedureStatus string

// Written procedure statuses.
const (
	ProcedureOpen   ProcedureStatus = "offen"
	ProcedureClosed ProcedureStatus = "geschlossen"
)

// WrittenProcedure is an Umlaufverfahren: a decision taken between sessions
// by the members' votes until a deadline. Its rule follows from the kind of
// its decision and the body's rules; there is none to choose.
type WrittenProcedure struct {
	ID         int64
	DecisionID int64
	Started    time.Time
	Deadline   time.Time // an instant; shown and entered in Europe/Berlin
	Status     ProcedureStatus
	Closed     time.Time
	Result     string // the result phrase, once closed
	Reminded   bool
	// ApprovesSession is the number of the session whose minutes the
	// procedure approves (Bestätigung des Protokolls im Umlaufverfahren);
	// 0 for any other decision.
	ApprovesSession int
	// MinutesText is the text of the minutes the procedure approves, as
	// sent to the members; it becomes the approved version.
	MinutesText string
	// EndedEarly: the secretariat ended it before the deadline because
	// every voting member had voted.
	EndedEarly bool
	Votes      []Vote
}

// Voted gives the voting members who have cast a vote, in list order.
func (p WrittenProcedure) Voted(voters []Member) []string {
	cast := map[string]bool{}
	for _, v := range p.Votes {
		if v.Choice != VoteNone && v.Choice != "" {
			cast[v.Member] = true
		}
	}
	return inVoterOrder(voters, cast)
}

// inVoterOrder gives the abbreviations of the voters in the set, in the
// voters' order.
func inVoterOrder(voters []Member, set map[string]bool) []string {
	var out []string
	for _, m := range voters {
		if set[m.Abbrev] {
			out = append(out, m.Abbrev)
		}
	}
	return out
}

// VotesSeenBy gives the votes of p as a viewer may see them. Like a vote
// in a running session, whose online votes stay hidden until it closes,
// an open written procedure shows a member its own choice and only whether
// the others have voted (their Choice is ""), so no member votes by what
// the others chose; the secretariat (secretariat true), which runs the
// procedure and ends it early, sees every choice, and once the procedure
// is closed everyone does. member is the viewer's office (MemberOffice:
// "" for an account that is no member office, such as a spokesperson).
func (p WrittenProcedure) VotesSeenBy(secretariat bool, member string) []Vote {
	out := make([]Vote, 0, len(p.Votes))
	for _, v := range p.Votes {
		if v.Choice == VoteNone || v.Choice == "" {
			continue
		}
		if !secretariat && p.Status == ProcedureOpen && v.Member != member {
			v.Choice = ""
		}
		out = append(out, v)
	}
	return out
}

// Due reports whether the procedure's deadline has come while it is still
// open: it takes no vote any more and awaits its count at the deadline
// (store.CloseDueProcedures), which the closing loop does within its
// interval.
func (p WrittenProcedure) Due(now time.Time) bool {
	return p.Status == ProcedureOpen && !now.Before(p.Deadline)
}

// CanEndEarly checks that a written procedure may end before its deadline:
// only when every voting member has voted (otherwise a member would lose
// the time the deadline gave it).
func (p WrittenProcedure) CanEndEarly(voters []Member, now time.Time) error {
	if p.Status != ProcedureOpen {
		return RuleError("Das Umlaufverfahren ist bereits beendet.")
	}
	if p.Due(now) {
		return RuleError("Die Frist ist abgelaufen: das Umlaufverfahren endet zur Frist, nicht vorzeitig, und wird in Kürze ausgewertet.")
	}
	if n := len(p.Voted(voters)); n < len(voters) {
		return RuleError("Das Umlaufverfahren kann erst vorzeitig beendet werden, wenn alle %d stimmberechtigten Mitglieder abgestimmt haben (bisher %d).", len(voters), n)
	}
	return nil
}

// ProcedureVotes gives the votes of a closing written procedure: a voting
// member who did not vote counts as abstaining (GO § 7 Abs. 4 Satz 2).
func ProcedureVotes(voters []Member, cast []Vote) map[string]VoteChoice {
	out := map[string]VoteChoice{}
	for _, m := range voters {
		out[m.Abbrev] = VoteAbstain
	}
	for _, v := range cast {
		if _, ok := out[v.Member]; ok && v.Choice != VoteNone {
			out[v.Member] = v.Choice
		}
	}
	return out
}
