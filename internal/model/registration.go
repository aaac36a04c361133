package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// RegistrationOpen reports whether members may still register agenda
// items (Anmeldung) for the session: while it is planned or convened and
// not cancelled.
func (s Session) RegistrationOpen() bool {
	return (s.Status == StatusPlanned || s.Status == StatusConvened) && !s.Cancelled()
}

// RegistrationLate reports whether a registration made on day falls after
// the session's registration deadline (Anmeldeschluss): it is taken, marked
// late.
func (s Session) RegistrationLate(day Date) bool {
	return !s.RegistrationDeadline.IsZero() && s.RegistrationDeadline.Before(day)
}

// ImpactNoneLabel and ImpactSomeLabel are the two answers of the
// FachMK-impact statement (GO § 4) as the registration form labels them;
// a reason names the answer so.
const (
	ImpactNoneLabel = "Fachplanungen von Fachministerkonferenzen sind nicht betroffen"
	ImpactSomeLabel = "Fachplanungen folgender Fachministerkonferenzen sind betroffen"
)

// Registration is a member's registration of an agenda item (Anmeldung) as
// the form and the JSON API give it; Check holds the rules both apply, so
// that a registration refused on one is refused on the other.
type Registration struct {
	Member string // the registering member
	// BySecretariat: the secretariat registers for Member and need not be
	// among applicants and reporters.
	BySecretariat bool
	Title         string // confidential passages marked
	Goal          Goal
	Points        []string
	Sources       []string
	Reporters     []string // reporting members (BE); none: Member
	Applicants    []string // applicants of the proposal; none: Member
	// Impact is the FachMK-impact statement (GO §4); Impact.Stated false:
	// none was given. Affected: the statement says conferences are
	// affected, named in Impact.ConferenceIDs.
	Impact   Impact
	Affected bool
	Proposal []Point // the decision proposal (Beschlussvorschlag), if any
	// Refused are the fields the form or the API already refused as typed
	// (a confidential mark left open, an unknown conference): Check says
	// nothing more about them (no "missing" for what was typed), and a
	// refused proposal counts as given, so that its applicants are still
	// checked — every other rule runs on the rest.
	Refused []string
}

// RegistrationProblem is a reason a registration is refused, with the
// field it concerns (the form's field name: "titel", "ziel", "fachmk",
// "beschlussvorschlag", "antrag", "berichterstattung"; "" for the whole).
type RegistrationProblem struct {
	Field  string `json:"feld,omitempty"`
	Reason string `json:"grund"`
}

// withDefaults fills applicants and reporters with the registering member
// where none are named, and names each member and each source once
// (Distinct).
func (g Registration) withDefaults() Registration {
	g.Applicants, g.Reporters, g.Sources = Distinct(g.Applicants), Distinct(g.Reporters), Distinct(g.Sources)
	if len(g.Applicants) == 0 {
		g.Applicants = []string{g.Member}
	}
	if len(g.Reporters) == 0 {
		g.Reporters = []string{g.Member}
	}
	return g
}

// Check gives every reason the registration of an item for the session is
// refused (none: it may be stored). kinds gives the kind of each member:
// applicants and reporting members must be members, and the applicants of
// a proposal entitled (CheckApplication).
func (g Registration) Check(se Session, kinds map[string]MemberKind) []RegistrationProblem {
	g = g.withDefaults()
	var out []RegistrationProblem
	refuse := func(field, reason string) { out = append(out, RegistrationProblem{field, reason}) }
	if err := se.CheckAgendaOpen(); err != nil {
		// Held or cancelled: the reason says which.
		refuse("", ReasonOf(err))
	} else if !se.RegistrationOpen() {
		refuse("", fmt.Sprintf("Für die %s (%s) können keine Tagesordnungspunkte mehr angemeldet werden.", se.Title(), se.StatusLabel()))
	}
	// A title too long: the form's maxlength said so in the HTML only,
	// 5,000 characters were stored, by the form and by the API.
	if err := checkTitle(StripMarks(g.Title), "Bitte einen Titel angeben."); err != nil {
		refuse("titel", ReasonOf(err))
	}
	switch {
	case g.Goal == GoalNone:
		refuse("ziel", "Bitte das Ziel des TOP wählen.")
	case !g.Goal.Valid():
		// Only a request not made by the form (the API) names another.
		refuse("ziel", fmt.Sprintf("„%s“ ist kein Ziel eines TOP; möglich sind %s.", g.Goal, goalNames()))
	}
	switch {
	case !g.Impact.Stated:
		refuse("fachmk", "Bitte angeben, ob Fachplanungen von Fachministerkonferenzen betroffen sind (GO § 4).")
	case g.Affected && len(g.Impact.ConferenceIDs) == 0 && !slices.Contains(g.Refused, "fachmk_ids"):
		refuse("fachmk", "Bitte die betroffenen Fachministerkonferenzen ankreuzen oder „"+ImpactNoneLabel+"“ wählen.")
	case !g.Affected && len(g.Impact.ConferenceIDs) > 0:
		// Stored as "keine", the conferences named would be dropped unsaid.
		refuse("fachmk", "Die Angabe widerspricht sich: „"+ImpactNoneLabel+"“, aber zugleich Fachministerkonferenzen genannt. Bitte „"+ImpactSomeLabel+"“ wählen oder die Konferenzen entfernen.")
	}
	// The note is shown as typed wherever the registration is read: a
	// passage marked there would stand as "[[…]]" (it is never published).
	if err := Unmarked(g.Impact.Note, "Die Erläuterung zur Betroffenheit steht wie eingegeben bei der Anmeldung"); err != nil {
		refuse("fachmk_hinweis", ReasonOf(err))
	}
	// Bounded as the item's rules bound them (AgendaItem.Validate), said
	// with the form's other reasons.
	if err := CheckImpactNoteLength(g.Impact.Note); err != nil {
		refuse("fachmk_hinweis", ReasonOf(err))
	}
	if err := CheckSourcesLength(g.Sources); err != nil {
		refuse("quelle", ReasonOf(err))
	}
	if g.Goal == GoalDecision && len(g.Proposal) == 0 {
		refuse("beschlussvorschlag", "Für einen TOP mit dem Ziel Beschluss bitte den Beschlussvorschlag eintragen.")
	}
	// An item for a decision needs the application whether its proposal is
	// typed yet or not: the rule is said with the missing proposal, not
	// only on the second submit.
	proposed := len(g.Proposal) > 0 || g.Goal == GoalDecision || slices.Contains(g.Refused, "beschlussvorschlag")
	// An applicant that is no member is named so; the members among the
	// applicants are checked for the application all the same (every
	// reason at once).
	unknown := UnknownMembers(g.Applicants, kinds)
	if len(unknown) > 0 {
		refuse("antrag", ReasonOf(NoMembersError(unknown)))
	}
	if known := slices.DeleteFunc(slices.Clone(g.Applicants), func(a string) bool { return slices.Contains(unknown, a) }); proposed && (len(known) > 0 || len(unknown) == 0) {
		if err := CheckApplication(known, kinds); err != nil {
			refuse("antrag", ReasonOf(err))
		}
	}
	if unknown := UnknownMembers(g.Reporters, kinds); len(unknown) > 0 {
		refuse("berichterstattung", ReasonOf(NoMembersError(unknown)))
	}
	// A member registers for itself: it cannot put an item on other
	// members alone (the reporting members fill in the decision profile).
	if !g.BySecretariat {
		if !slices.Contains(g.Applicants, g.Member) {
			refuse("antrag", fmt.Sprintf("Ihr eigenes Mitglied (%s) muss unter den Antragstellenden stehen.", g.Member))
		}
		if !slices.Contains(g.Reporters, g.Member) {
			refuse("berichterstattung", fmt.Sprintf("Ihr eigenes Mitglied (%s) muss zur Berichterstattung gehören.", g.Member))
		}
	}
	return slices.DeleteFunc(out, func(p RegistrationProblem) bool { return p.Field != "" && slices.Contains(g.Refused, p.Field) })
}

// Item gives the registered agenda item for the session, made at now:
// pending the secretariat's decision, marked late after the deadline.
func (g Registration) Item(se Session, now time.Time) AgendaItem {
	return g.Change(AgendaItem{SessionID: se.ID, Status: ItemRegistered,
		RegisteredBy: g.Member, RegisteredAt: now, Late: se.RegistrationLate(BerlinDate(now)),
		Position: 1000})
}

// Change gives the registered item it with what the registration says
// (title, points, goal, sources, reporting members, FachMK-impact
// statement, the box "Beschluss"); its place, state and the time it was
// registered stay: a member office changes its pending registration.
func (g Registration) Change(it AgendaItem) AgendaItem {
	g = g.withDefaults()
	impact := g.Impact
	if !g.Affected {
		impact.ConferenceIDs = nil
	}
	it.Title, it.Points, it.Goal, it.Sources, it.Reporters, it.Impact = g.Title, g.Points, g.Goal, g.Sources, g.Reporters, impact
	it.Flags.Decision = g.Goal == GoalDecision
	return it
}

// RegistrationChange gives why the registration it of the session may not
// be changed on day (nil: it may): the secretariat has decided on it, or
// the session takes no more registrations, or its registration deadline
// (Anmeldeschluss) has passed — what the secretariat prepares the agenda
// with is then fixed; the member may still withdraw it and register anew,
// marked late.
func (it AgendaItem) RegistrationChange(se Session, day Date) error {
	switch {
	case it.Status != ItemRegistered:
		return RuleError("Über die Anmeldung „%s“ hat die Geschäftsstelle schon entschieden (%s); sie kann nicht mehr geändert werden.", InternalText(it.Title), it.Status.Label())
	case !se.RegistrationOpen():
		return RuleError("Für die %d. Sitzung (%s) können keine Tagesordnungspunkte mehr angemeldet werden; die Anmeldung kann nicht mehr geändert werden.", se.Number, se.StatusLabel())
	case se.RegistrationLate(day) && it.ChangeRequest == "":
		// The change the secretariat asked for is made after the
		// deadline too: it waits for it.
		return RuleError("Der Anmeldeschluss der %d. Sitzung (%s) ist vorbei; die Anmeldung kann nicht mehr geändert werden. Sie können sie zurückziehen und neu anmelden; sie wird dann als verspätet gekennzeichnet.", se.Number, se.RegistrationDeadline.German())
	}
	return nil
}

// Draft gives the decision proposal of the registration as a draft of the
// body (nil without a proposal).
func (g Registration) Draft(bodyID int64) *Decision {
	if len(g.Proposal) == 0 {
		return nil
	}
	g = g.withDefaults()
	return &Decision{BodyID: bodyID, Kind: KindDecision, Status: DecisionDraft, Scope: ScopeAll,
		Title: g.Title, Points: g.Proposal, Applicants: g.Applicants}
}

// NumberedPoints turns lines of text into decision points: "1. …" keeps
// its number, other lines are numbered in order when there are several.
func NumberedPoints(lines []string) []Point {
	var out []Point
	for i, l := range lines {
		if n := leadingNumber(l); n > 0 {
			out = append(out, Point{Label: fmt.Sprintf("%d.", n), Text: strings.TrimSpace(l[strings.Index(l, ".")+1:])})
			continue
		}
		p := Point{Text: l}
		if len(lines) > 1 {
			p.Label = fmt.Sprintf("%d.", i+1)
		}
		out = append(out, p)
	}
	return out
}

// leadingNumber gives n of a line starting "n. " (up to three digits), or 0.
func leadingNumber(s string) int {
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i >= len(s) || s[i] != '.' || i+1 >= len(s) || s[i+1] != ' ' {
		return 0
	}
	n, _ := strconv.Atoi(s[:i])
	return n
}

// goalNames lists the goals of an agenda item in words: "Beschluss,
// Diskussion, Kenntnisnahme oder Bericht".
func goalNames() string {
	names := make([]string, len(Goals))
	for i, g := range Goals {
		names[i] = string(g)
	}
	return strings.Join(names[:len(names)-1], ", ") + " oder " + names[len(names)-1]
}

// ChangeRequestMaxRunes bounds the reason of a change asked of a
// registration (the form's maxlength says the same).
const ChangeRequestMaxRunes = 1000

// ChangeRequestedLabel is how a registration whose change the secretariat
// asked for is named to the member office ("Änderung erbeten: <reason>")
// and in the secretariat's list ("wartet auf das Mitglied").
const ChangeRequestedLabel = "Änderung erbeten"

// CheckChangeRequest refuses the secretariat's request of a change of the
// registration it ("Änderung erbeten") for the session se: the reason is
// required (the member office must know what to change), goes to the
// member office unredacted (so no confidential marks) and is bounded; the
// registration must be undecided, and the session must still take
// registrations, or the member office could not change it. Every reason
// is at the field "aenderung".
func (it AgendaItem) CheckChangeRequest(se Session, reason string) error {
	reason = strings.TrimSpace(reason)
	switch {
	case it.Status != ItemRegistered:
		return RuleError("Über die Anmeldung „%s“ hat die Geschäftsstelle schon entschieden (%s); eine Änderung kann nicht mehr erbeten werden.", InternalText(it.Title), it.Status.Label())
	case !se.RegistrationOpen():
		return RuleError("Für die %s (%s) können keine Tagesordnungspunkte mehr angemeldet werden; das Mitglied könnte die Anmeldung nicht mehr ändern. Bitte annehmen, ablehnen oder verlegen.", se.Title(), se.StatusLabel())
	case reason == "":
		return AtField("aenderung", InputError("Bitte angeben, welche Änderung erbeten wird (z. B. ein unklarer Beschlussvorschlag, eine fehlende Unterlage); das Mitglied liest den Grund."))
	case utf8.RuneCountInString(reason) > ChangeRequestMaxRunes:
		return AtField("aenderung", InputError("Der Grund der erbetenen Änderung ist %d Zeichen lang; höchstens %d sind möglich.", utf8.RuneCountInString(reason), ChangeRequestMaxRunes))
	}
	if err := Unmarked(reason, "Der Grund der erbetenen Änderung geht an das anmeldende Mitglied"); err != nil {
		return AtField("aenderung", err)
	}
	return nil
}

// ChangeRequested reports whether the secretariat asked the member office
// to change the registration and it has not yet done so: the registration
// waits for the member office, not for the secretariat.
func (it AgendaItem) ChangeRequested() bool {
	return it.Status == ItemRegistered && it.ChangeRequest != ""
}
