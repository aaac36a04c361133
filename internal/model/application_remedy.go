package model

// Remedy is the way forward a registering member's office reads under a
// shortfall of its proposal's application ("Der Antrag reicht (noch)
// nicht aus.", Shortfall): what can still make the application suffice
// in the registration's state (AgendaItem.ApplicationRemedy). The zero
// value gives none.
type Remedy int

// The ways forward.
const (
	// RemedyNone: none is said — the reader is not the registering
	// member's office (the secretariat reads the shortfall in its own
	// words), or nothing can mend it any more (the session was held or
	// cancelled, the registration declined).
	RemedyNone Remedy = iota
	// RemedyChange: the registration may still be changed
	// (AgendaItem.RegistrationChange); the office names further
	// applicants with "Anmeldung ändern", each of which counts once it
	// has confirmed, as the co-applicants named already.
	RemedyChange
	// RemedySecretariat: the registration can no longer be changed, but
	// its session's agenda is open: only the secretariat can enter
	// further applicants, in the proposal's form of the live minutes once
	// the session runs (they count as entered, as every applicant the
	// secretariat enters); until the application suffices, the proposal
	// cannot be voted on.
	RemedySecretariat
)

// NoVoteUntilApplication says that a proposal whose application does not
// suffice cannot be voted on — the rule of the vote
// (CheckApplicationConfirmed), as the registering office reads it in
// RemedySecretariat and the secretariat when it accepts such a
// registration.
const NoVoteUntilApplication = "Bis der Antrag ausreicht, kann über den Vorschlag nicht abgestimmt werden."

// RemedyHint is a way forward in words, in parts around the text of the
// link to the registration's change form (LinkText, "Anmeldung ändern";
// empty where there is no link): the page links it without cutting the
// text, as RegistrationOutcome does.
type RemedyHint struct {
	Before, LinkText, After string
}

// Hint gives the way forward as the registering office reads it (zero
// for RemedyNone).
func (r Remedy) Hint() RemedyHint {
	switch r {
	case RemedyChange:
		return RemedyHint{Before: "Sie können über „", LinkText: "Anmeldung ändern",
			After: "“ weitere Mitglieder als Antragsteller nennen; wie die schon genannten zählt jedes erst für den Antrag, wenn es seinen Mitantrag bestätigt hat."}
	case RemedySecretariat:
		return RemedyHint{Before: "Die Anmeldung kann nicht mehr geändert werden: Weitere Antragsteller kann nur noch die Geschäftsstelle eintragen, in der Sitzung im Beschlussvorschlag; bitte wenden Sie sich an sie. " +
			NoVoteUntilApplication}
	}
	return RemedyHint{}
}

// ApplicationRemedy gives the way forward that the reader u, the
// registering member's office, reads under a shortfall of the
// application of the registration it of session se on day: while the
// registration may be changed (RegistrationChange), naming further
// applicants itself; afterwards, while the session's agenda is open
// (accepted, or still to be decided after the registration deadline),
// the secretariat entering them in the session; none once the agenda is
// closed (held or cancelled), for a declined registration, and for every
// other reader.
func (it AgendaItem) ApplicationRemedy(se Session, day Date, u *User) Remedy {
	if u == nil || u.Role != RoleMember || u.MemberAbbrev == "" || u.MemberAbbrev != it.RegisteredBy {
		return RemedyNone
	}
	if it.RegistrationChange(se, day) == nil {
		return RemedyChange
	}
	if it.Status == ItemDeclined || !se.AgendaOpen() {
		return RemedyNone
	}
	return RemedySecretariat
}
