package model

import "fmt"

// FollowUpStatus is the state of an Auftrag.
type FollowUpStatus string

// Follow-up statuses.
const (
	FollowUpOpen    FollowUpStatus = "offen"
	FollowUpDone    FollowUpStatus = "erledigt"
	FollowUpDropped FollowUpStatus = "entfallen"
)

// Label gives the German name.
func (s FollowUpStatus) Label() string {
	switch s {
	case FollowUpOpen:
		return "offen"
	case FollowUpDone:
		return "erledigt"
	case FollowUpDropped:
		return "entfallen"
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s FollowUpStatus) Valid() bool {
	return s == FollowUpOpen || s == FollowUpDone || s == FollowUpDropped
}

// FollowUp is an Auftrag from a decision or a discussion: who does what by
// when. The deadline is a date ("bis zum 31.08.2025"), a session ("spätestens
// zur 49. Sitzung"), both, or neither.
type FollowUp struct {
	ID          int64
	DecisionID  int64 // 0 if the follow-up comes from discussion
	ItemID      int64 // the agenda item it arose in; 0 if none
	Text        string
	Responsible string // member abbreviation or body: "FITKO", "PG EfA-Finanzierung"
	DueDate     Date
	DueSession  int
	Status      FollowUpStatus
	DoneOn      Date
	Version     int
}

// Validate checks a follow-up.
func (f FollowUp) Validate() error {
	if f.Text == "" {
		return InputError("Ein Auftrag braucht einen Text.")
	}
	if !f.Status.Valid() {
		return InputError("Der Status „%s“ eines Auftrags ist unbekannt.", f.Status)
	}
	if f.DueSession < 0 {
		return InputError("Die Frist „zur N. Sitzung“ braucht eine positive Sitzungsnummer.")
	}
	return nil
}

// Deadline gives the deadline in words: "31.08.2025", "zur 49. Sitzung",
// both joined, or "" if there is none.
func (f FollowUp) Deadline() string {
	var s string
	if !f.DueDate.IsZero() {
		s = f.DueDate.German()
	}
	if f.DueSession > 0 {
		if s != "" {
			s += ", spätestens "
		}
		s += fmt.Sprintf("zur %d. Sitzung", f.DueSession)
	}
	return s
}

// Overdue reports whether an open follow-up has passed its deadline, given
// today's date and the number of the last session that has taken place.
func (f FollowUp) Overdue(today Date, lastSession int) bool {
	if f.Status != FollowUpOpen {
		return false
	}
	if !f.DueDate.IsZero() && f.DueDate.Before(today) {
		return true
	}
	return f.DueSession > 0 && lastSession >= f.DueSession
}
