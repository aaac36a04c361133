package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"
)

// CoApplicationState is where a co-application (Mitantrag) stands.
type CoApplicationState string

// Co-application states.
const (
	CoApplicationPending   CoApplicationState = "offen"
	CoApplicationConfirmed CoApplicationState = "bestaetigt"
	CoApplicationDeclined  CoApplicationState = "abgelehnt"
	// CoApplicationWithdrawn: the member confirmed and then withdrew its
	// co-application (CoWithdraw); it counts no more.
	CoApplicationWithdrawn CoApplicationState = "zurueckgezogen"
)

// Label gives the German name.
func (s CoApplicationState) Label() string {
	switch s {
	case CoApplicationPending:
		return "noch nicht bestätigt"
	case CoApplicationConfirmed:
		return "bestätigt"
	case CoApplicationDeclined:
		return "abgelehnt"
	case CoApplicationWithdrawn:
		return "zurückgezogen"
	}
	return string(s)
}

// CoAnswer is a member office's answer to its co-application, named as
// the form and the JSON API send it.
type CoAnswer string

// The answers to a co-application.
const (
	// CoConfirm confirms a pending co-application.
	CoConfirm CoAnswer = "bestaetigen"
	// CoDecline declines a pending co-application.
	CoDecline CoAnswer = "ablehnen"
	// CoWithdraw withdraws a confirmed co-application, while the
	// registration may still be changed (AgendaItem.RegistrationChange).
	CoWithdraw CoAnswer = "zurueckziehen"
)

// State gives the state the answer leads to.
func (a CoAnswer) State() CoApplicationState {
	switch a {
	case CoConfirm:
		return CoApplicationConfirmed
	case CoDecline:
		return CoApplicationDeclined
	case CoWithdraw:
		return CoApplicationWithdrawn
	}
	return ""
}

// Done says in German what the answer did, for the notice after it.
func (a CoAnswer) Done() string {
	switch a {
	case CoConfirm:
		return "Der Mitantrag ist bestätigt: Ihr Mitglied zählt für den Antrag."
	case CoDecline:
		return "Der Mitantrag ist abgelehnt: Ihr Mitglied zählt nicht für den Antrag."
	case CoWithdraw:
		return "Der Mitantrag ist zurückgezogen: Ihr Mitglied zählt nicht mehr für den Antrag."
	}
	return ""
}

// ParseCoAnswer reads an answer as the form or the JSON API send it.
func ParseCoAnswer(s string) (CoAnswer, error) {
	switch a := CoAnswer(s); a {
	case CoConfirm, CoDecline, CoWithdraw:
		return a, nil
	}
	return "", AtField("antwort", InputError("Die Antwort ist „bestaetigen“, „ablehnen“ oder „zurueckziehen“."))
}

// CoApplication is a member named as applicant of a proposal that another
// member registered (a Mitantrag): it counts for the application rule
// (CheckApplication) only once the named member confirmed it.
type CoApplication struct {
	ID         int64
	DecisionID int64
	Member     string // the named member's abbreviation
	State      CoApplicationState
	NamedBy    string // the member that registered the proposal
	NamedAt    time.Time
	DecidedBy  string
	DecidedAt  time.Time
	// Asked counts how often the member was asked: 1 when named, one
	// more each time a substantive change of the proposal asked it again
	// (Substance).
	Asked int
	// The proposal's item and session, for the lists.
	ItemID        int64
	Title         string
	SessionNumber int
	SessionDate   Date
	// Substance is what the member is asked to apply for, as the
	// proposal stands now.
	Substance Substance
	// Applicants are the proposal's applicants.
	Applicants []string
}

// Substance is what a co-applicant applies for, the part of a registered
// proposal whose change asks every co-applicant again: the item's title
// and goal (Ziel), the proposal's kind, title and points (their labels
// and texts, confidential marks included). Not part of it: who else
// applies, the item's points (Unterpunkte), sources, reporting members
// and the FachMK-impact statement — they do not change what is applied
// for.
type Substance struct {
	ItemTitle string
	Goal      Goal
	Kind      DecisionKind
	Title     string
	Points    []Point
}

// SubstanceOf gives the substance of the proposal d of the registration it.
func SubstanceOf(it AgendaItem, d Decision) Substance {
	return Substance{ItemTitle: it.Title, Goal: it.Goal, Kind: d.Kind, Title: d.Title, Points: slices.Clone(d.Points)}
}

// Equal reports whether both are the same substance.
func (s Substance) Equal(o Substance) bool {
	return s.ItemTitle == o.ItemTitle && s.Goal == o.Goal && s.Kind == o.Kind && s.Title == o.Title && slices.Equal(s.Points, o.Points)
}

// Fingerprint identifies the co-application as its member reads it: the
// co-application, the proposal and its item, the round it is asked in and
// the substance. The answer form carries it (field "fassung"), and
// store.DecideCoApplication refuses an answer whose fingerprint is not
// the co-application's now: the proposal was changed since it was read,
// or withdrawn and another registered in its place.
func (c CoApplication) Fingerprint() string {
	h := sha256.New()
	fmt.Fprintf(h, "gremium-mitantrag-v1\n%d\n%d\n%d\n%s\n%d\n", c.ID, c.DecisionID, c.ItemID, c.Member, c.Asked)
	s := c.Substance
	for _, f := range []string{s.ItemTitle, string(s.Goal), string(s.Kind), s.Title} {
		fmt.Fprintf(h, "%d:%s\n", len(f), f)
	}
	for _, p := range s.Points {
		fmt.Fprintf(h, "%d:%s%d:%s\n", len(p.Label), p.Label, len(p.Text), p.Text)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// CountedApplicants gives the applicants that count for the application
// rule: every applicant but the co-applicants that have not confirmed
// (pending or declined), in the order given.
func CountedApplicants(applicants []string, co []CoApplication) []string {
	return slices.DeleteFunc(slices.Clone(applicants), func(a string) bool {
		return slices.ContainsFunc(co, func(c CoApplication) bool { return c.Member == a && c.State != CoApplicationConfirmed })
	})
}

// CheckApplicationConfirmed is CheckApplication over the applicants that
// count (CountedApplicants); a refusal names the co-applicants that have
// not confirmed: "Beantragt von HE; Mitantrag von BY, HH noch nicht
// bestätigt; nötig ist der Antrag des Bundes oder dreier Länder."
func CheckApplicationConfirmed(applicants []string, co []CoApplication, kinds map[string]MemberKind) error {
	counted := CountedApplicants(applicants, co)
	err := CheckApplication(counted, kinds)
	if err == nil || ClassOf(err) != ErrRule || slices.ContainsFunc(counted, func(a string) bool { return kinds[a] != MemberBund && kinds[a] != MemberLand }) {
		return err // no refusal for want of applicants: as CheckApplication says
	}
	var pending, declined, withdrawn []string
	for _, c := range co {
		if !slices.Contains(applicants, c.Member) {
			continue
		}
		switch c.State {
		case CoApplicationPending:
			pending = append(pending, c.Member)
		case CoApplicationDeclined:
			declined = append(declined, c.Member)
		case CoApplicationWithdrawn:
			withdrawn = append(withdrawn, c.Member)
		}
	}
	if len(pending)+len(declined)+len(withdrawn) == 0 {
		return err
	}
	msg := "Beantragt von " + strings.Join(counted, ", ")
	if len(counted) == 0 {
		msg = "Kein bestätigter Antrag"
	}
	if len(pending) > 0 {
		msg += "; Mitantrag von " + strings.Join(pending, ", ") + " noch nicht bestätigt"
	}
	if len(declined) > 0 {
		msg += "; Mitantrag von " + strings.Join(declined, ", ") + " abgelehnt"
	}
	if len(withdrawn) > 0 {
		msg += "; Mitantrag von " + strings.Join(withdrawn, ", ") + " zurückgezogen"
	}
	return RuleError("%s; nötig ist der Antrag des Bundes oder dreier Länder.", msg)
}

// Shortfall says why the applicants of a registration's proposal that
// count do not make the application — by the one rule of the vote,
// CheckApplicationConfirmed ("… nötig ist der Antrag des Bundes oder
// dreier Länder.") — and whether a co-applicant's answer is still awaited
// (then it may yet suffice); the zero value when they do.
type Shortfall struct {
	Reason string
	// Awaited: a named co-applicant has not answered yet.
	Awaited bool
	// ItemID is the registration's item (the proposal's), whose change
	// form a RemedyChange links.
	ItemID int64
	// Remedy is the way forward its reader is told (RemedyNone: none;
	// AgendaItem.ApplicationRemedy, set by the caller, which knows the
	// reader and the day).
	Remedy Remedy
}

// ApplicationShortfall gives the shortfall of the proposal draft with its
// co-applications co (zero: none, or no proposal, or a proposal already
// decided).
func ApplicationShortfall(draft Decision, co []CoApplication, kinds map[string]MemberKind) Shortfall {
	if draft.ID == 0 || draft.Status != DecisionDraft {
		return Shortfall{}
	}
	err := CheckApplicationConfirmed(draft.Applicants, co, kinds)
	if err == nil || ClassOf(err) != ErrRule {
		return Shortfall{} // a name that is no member was refused when it was registered
	}
	return Shortfall{Reason: ReasonOf(err), ItemID: draft.ItemID, Awaited: slices.ContainsFunc(co, func(c CoApplication) bool {
		return c.State == CoApplicationPending && slices.Contains(draft.Applicants, c.Member)
	})}
}

// ApplicantsLabel names the applicants as the secretariat reads them,
// each co-applicant with where its confirmation stands: "HE, BY (Mitantrag
// noch nicht bestätigt), HH (Mitantrag bestätigt)"; one asked again after
// a change of the proposal says so.
func ApplicantsLabel(applicants []string, co []CoApplication) string {
	parts := make([]string, 0, len(applicants))
	for _, a := range applicants {
		i := slices.IndexFunc(co, func(c CoApplication) bool { return c.Member == a })
		if i < 0 {
			parts = append(parts, a)
			continue
		}
		if co[i].State == CoApplicationPending && co[i].Asked > 1 {
			parts = append(parts, a+" (Mitantrag nach Änderung des Vorschlags erneut erbeten, noch nicht bestätigt)")
			continue
		}
		parts = append(parts, a+" (Mitantrag "+co[i].State.Label()+")")
	}
	return strings.Join(parts, ", ")
}

// CoWithdrawal gives why a confirmed co-application of the registration
// it of the session may no longer be withdrawn on day (nil: it may). It
// may while the registration may be changed (RegistrationChange): until
// the secretariat decides on it and the registration deadline passes, the
// registering member can still find another applicant; afterwards the
// agenda is prepared with the application as it stands.
func (it AgendaItem) CoWithdrawal(se Session, day Date) error {
	if it.RegistrationChange(se, day) == nil {
		return nil
	}
	const after = "; Ihr Mitantrag kann nicht mehr zurückgezogen werden."
	switch {
	case it.Status != ItemRegistered:
		return RuleError("Über die Anmeldung „%s“ hat die Geschäftsstelle schon entschieden (%s)"+after, InternalText(it.Title), it.Status.Label())
	case !se.RegistrationOpen():
		return RuleError("Für die %d. Sitzung (%s) werden keine Tagesordnungspunkte mehr angemeldet"+after, se.Number, se.StatusLabel())
	}
	return RuleError("Der Anmeldeschluss der %d. Sitzung (%s) ist vorbei"+after, se.Number, se.RegistrationDeadline.German())
}

// CoApplicantChange says to the office of a member named as co-applicant
// who can still change the registration it of session se on day, by the
// window of RegistrationChange: while it is open, the registering member
// only; once the secretariat took the item onto an agenda still open, the
// secretariat only (the proposal with its applicants in the session);
// otherwise not the registering member either — declined, or still to be
// decided after the registration deadline or in a session that takes no
// more registrations (a cancelled session's registration it can move).
// Before, the co-applicant's page said "ändern kann sie nur das anmeldende
// Mitglied" in every state.
func (it AgendaItem) CoApplicantChange(se Session, day Date) string {
	if it.RegistrationChange(se, day) == nil {
		return "Ändern kann sie nur das anmeldende Mitglied."
	}
	switch {
	case it.Status == ItemAccepted && se.AgendaOpen():
		return "Die Geschäftsstelle hat sie auf die Tagesordnung genommen; ändern kann sie nur noch die Geschäftsstelle, den Beschlussvorschlag mit seinen Antragstellern in der Sitzung."
	case it.Status == ItemAccepted:
		return "Die Geschäftsstelle hat sie auf die Tagesordnung genommen; das anmeldende Mitglied kann sie nicht mehr ändern."
	case it.Status == ItemDeclined:
		return "Die Geschäftsstelle hat sie abgelehnt; auch das anmeldende Mitglied kann sie nicht mehr ändern."
	case se.Cancelled():
		return fmt.Sprintf("Die %s ist abgesagt; das anmeldende Mitglied kann die Anmeldung nicht mehr ändern, nur in eine andere Sitzung verlegen oder zurückziehen.", se.Title())
	case !se.RegistrationOpen():
		return fmt.Sprintf("Für die %s werden keine Tagesordnungspunkte mehr angemeldet; auch das anmeldende Mitglied kann die Anmeldung nicht mehr ändern.", se.Title())
	}
	return fmt.Sprintf("Der Anmeldeschluss der %s (%s) ist vorbei; auch das anmeldende Mitglied kann die Anmeldung nicht mehr ändern. Über sie entscheidet die Geschäftsstelle.", se.Title(), se.RegistrationDeadline.German())
}
