package model

import "time"

// NoteSubmissionState is where an eingereichte Protokollnotiz stands.
type NoteSubmissionState string

// States of a submitted protocol note.
const (
	NoteSubmitted NoteSubmissionState = "eingereicht"    // waits for the Geschäftsstelle
	NoteAccepted  NoteSubmissionState = "uebernommen"    // a PN row of the item now (NoteID)
	NoteRejected  NoteSubmissionState = "abgelehnt"      // with a reason the member sees
	NoteWithdrawn NoteSubmissionState = "zurueckgezogen" // by the member while it waited
)

// NoteReasonMax is the longest reason for a refused submission, in
// characters.
const NoteReasonMax = 2000

// NoteSubmission is an eingereichte Protokollnotiz: the text of a
// protocol note that a member's office or an advisory member hands in to
// the Geschäftsstelle for an agenda item, before or during the session or
// until its minutes are approved. It is not part of the minutes: only the
// submitting member and the Geschäftsstelle see it, until the Geschäftsstelle
// takes it over (then it is a ProtocolNote of the item, NoteID) or refuses
// it with a reason.
type NoteSubmission struct {
	ID        int64
	ItemID    int64
	SessionID int64
	// Member is the submitting member's abbreviation ("HE"); MemberName
	// its name as the minutes name the note's author ("Hessen").
	Member     string
	MemberName string
	// SubmittedBy is the login name of the account that sent it (the
	// actor of the audit log); SubmittedByName that account's display
	// name, which the Geschäftsstelle reads ("" when the account has none).
	SubmittedBy     string
	SubmittedByName string
	Text            string // with [[…]] passages marked confidential
	// Confidential: the member asks for the whole note to stay out of the
	// public version.
	Confidential bool
	State        NoteSubmissionState
	Reason       string // why it was refused (NoteRejected)
	NoteID       int64  // the protocol note it became (NoteAccepted)
	SubmittedAt  time.Time
	DecidedAt    time.Time
	DecidedBy    string
	Version      int
}

// Waiting reports whether the submission waits for the Geschäftsstelle.
func (n NoteSubmission) Waiting() bool { return n.State == NoteSubmitted }

// StateLabel gives the state as the member reads it beside its
// submission in session se: "eingereicht", "übernommen", "abgelehnt:
// <Grund>"; a submission still waiting when the minutes were approved was
// not taken over.
func (n NoteSubmission) StateLabel(se Session) string {
	switch n.State {
	case NoteSubmitted:
		if se.Status.MinutesFrozen() {
			return "nicht übernommen (das Protokoll ist genehmigt)"
		}
		return "eingereicht"
	case NoteAccepted:
		return "übernommen"
	case NoteRejected:
		return "abgelehnt: " + n.Reason
	case NoteWithdrawn:
		return "zurückgezogen"
	}
	return string(n.State)
}

// NoteSubmissionsOpen gives the rule error when a member may not submit a
// protocol note to the items of session se (nil when it may): from the
// publication of the agenda (at the latest from the session's start) until
// the minutes are approved, and not to a cancelled session.
func NoteSubmissionsOpen(se Session) error {
	switch {
	case se.Cancelled():
		return RuleError("Die %s ist abgesagt; zu ihr wird keine Protokollnotiz eingereicht.", se.Title())
	case se.Status.MinutesFrozen():
		return RuleError("Das Protokoll der %s ist genehmigt; eine Protokollnotiz kann nicht mehr eingereicht werden.", se.Title())
	case !se.AgendaPublished && se.Status.index() < StatusRunning.index():
		return RuleError("Eine Protokollnotiz kann eingereicht werden, sobald die Tagesordnung der %s veröffentlicht ist.", se.Title())
	}
	return nil
}
