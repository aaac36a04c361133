package model

import (
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
	}
	return string(s)
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
	// The proposal's item and session, for the lists.
	ItemID        int64
	Title         string
	SessionNumber int
	SessionDate   Date
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
	var pending, declined []string
	for _, c := range co {
		if !slices.Contains(applicants, c.Member) {
			continue
		}
		switch c.State {
		case CoApplicationPending:
			pending = append(pending, c.Member)
		case CoApplicationDeclined:
			declined = append(declined, c.Member)
		}
	}
	if len(pending)+len(declined) == 0 {
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
	return RuleError("%s; nötig ist der Antrag des Bundes oder dreier Länder.", msg)
}

// ApplicantsLabel names the applicants as the secretariat reads them,
// each co-applicant with where its confirmation stands: "HE, BY (Mitantrag
// noch nicht bestätigt), HH (Mitantrag bestätigt)".
func ApplicantsLabel(applicants []string, co []CoApplication) string {
	parts := make([]string, 0, len(applicants))
	for _, a := range applicants {
		i := slices.IndexFunc(co, func(c CoApplication) bool { return c.Member == a })
		if i < 0 {
			parts = append(parts, a)
			continue
		}
		parts = append(parts, a+" (Mitantrag "+co[i].State.Label()+")")
	}
	return strings.Join(parts, ", ")
}
