package model

import (
	"strings"
	"time"
	"unicode/utf8"
)

// ContactKind is the kind of a spokesperson's contact with their FachMK
// (Art des Kontakts).
type ContactKind string

// Contact kinds. The kick-off talk (Auftaktgespräch) is the first talk of
// a spokesperson with the conference's chair (concept 5.2: to build the
// communication channel, find joint projects and agree how to work
// together); the overview of the Geschäftsstelle asks for it (Kickoff).
const (
	ContactKickoff ContactKind = "auftakt"
	ContactTalk    ContactKind = "gespraech"
	ContactOther   ContactKind = "sonstiges"
)

// ContactKinds gives the kinds in the order the form offers them.
func ContactKinds() []ContactKind { return []ContactKind{ContactKickoff, ContactTalk, ContactOther} }

// Label gives the kind in German.
func (k ContactKind) Label() string {
	switch k {
	case ContactKickoff:
		return "Auftaktgespräch"
	case ContactTalk:
		return "Gespräch"
	case ContactOther:
		return "sonstiger Kontakt"
	}
	return string(k)
}

// SpokespersonContact is a Kontakt or Gespräch a fachpolitische:r
// Sprecher:in held with their FachMK (the chair, its secretariat, a
// working group): the spokesperson "logs contacts and kick-off talks"
// (concept 5.2: they decide time, topics and participants). It belongs to
// the member (Land) whose spokesperson held it. Who may read it is decided
// by SeesSpokespersonContacts.
type SpokespersonContact struct {
	ID           int64
	ConferenceID int64
	Member       string // the spokesperson's member abbreviation ("HB")
	Kind         ContactKind
	HeldOn       Date
	// With names the counterpart ("Vorsitz der GMK, Ministerin X").
	With string
	// Participants: who else took part (optional; e.g. FITKO).
	Participants string
	// Topics are the topics and results; NextSteps the agreed next steps
	// (optional). Passages in [[…]] are confidential.
	Topics     string
	NextSteps  string
	RecordedBy string // the account's name
	Recorded   time.Time
	Version    int
}

// Limits of a contact's fields, in characters.
const (
	ContactShortMax = 300 // With, Participants
	ContactTextMax  = 20000
)

// Validate checks a contact on the day it is recorded (today, German
// time): a conference, a member, a known kind, the day it took place (not
// in the future: a contact is logged once held), with whom, and its
// topics. The reasons name the form's fields (art, datum, land, mit,
// teilnehmende, themen, schritte).
func (c SpokespersonContact) Validate(today Date) error {
	switch {
	case c.ConferenceID == 0:
		return InputError("Ein Kontakt gehört zu einer Fachministerkonferenz.")
	case strings.TrimSpace(c.Member) == "":
		return AtField("land", InputError("Bitte angeben, für welche:n Sprecher:in (Land) der Kontakt erfasst wird."))
	case c.Kind.Label() == string(c.Kind):
		return AtField("art", InputError("Bitte die Art des Kontakts wählen (Auftaktgespräch, Gespräch oder sonstiger Kontakt)."))
	case c.HeldOn.IsZero():
		return AtField("datum", InputError("Bitte das Datum des Kontakts angeben."))
	case today.Before(c.HeldOn):
		return AtField("datum", RuleError("Der %s liegt in der Zukunft; ein Kontakt wird erfasst, wenn er stattgefunden hat.", c.HeldOn.German()))
	case strings.TrimSpace(c.With) == "":
		return AtField("mit", InputError("Bitte angeben, mit wem der Kontakt stattfand (z. B. „Vorsitz der GMK, Ministerin X“)."))
	case utf8.RuneCountInString(c.With) > ContactShortMax:
		return AtField("mit", InputError("Die Angabe „mit wem“ ist länger als %d Zeichen.", ContactShortMax))
	case utf8.RuneCountInString(c.Participants) > ContactShortMax:
		return AtField("teilnehmende", InputError("Die Teilnehmenden sind länger als %d Zeichen.", ContactShortMax))
	case strings.TrimSpace(c.Topics) == "":
		return AtField("themen", InputError("Bitte Themen und Ergebnisse des Kontakts angeben."))
	case utf8.RuneCountInString(c.Topics) > ContactTextMax:
		return AtField("themen", InputError("Themen und Ergebnisse sind länger als %d Zeichen.", ContactTextMax))
	case utf8.RuneCountInString(c.NextSteps) > ContactTextMax:
		return AtField("schritte", InputError("Die nächsten Schritte sind länger als %d Zeichen.", ContactTextMax))
	}
	return nil
}

// Label gives the contact as a line: kind, date, with whom
// ("Auftaktgespräch am 12.05.2025 mit Vorsitz der GMK").
func (c SpokespersonContact) Label() string {
	return c.Kind.Label() + " am " + c.HeldOn.German() + " mit " + strings.TrimSpace(c.With)
}

// Kickoff gives the kick-off talk of the spokesperson of assignment a
// among the contacts cs of a's conference: the first Auftaktgespräch of
// a's member held on or after the day of the assignment (a talk of an
// earlier term of the same member does not count), and whether there is
// one.
func Kickoff(a Assignment, cs []SpokespersonContact) (SpokespersonContact, bool) {
	var first SpokespersonContact
	found := false
	for _, c := range cs {
		if c.ConferenceID != a.ConferenceID || c.Member != a.Member || c.Kind != ContactKickoff || c.HeldOn.Before(a.StartOn) {
			continue
		}
		if !found || c.HeldOn.Before(first.HeldOn) {
			first, found = c, true
		}
	}
	return first, found
}
