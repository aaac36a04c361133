package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Delegate is one person a member sends to a session (Teilnehmer:in einer
// Delegation): name, function, whether online, and whether the person
// attends as deputy (Vertretung) of the member's representative.
type Delegate struct {
	Name     string
	Function string // "Staatssekretärin", "CIO des Landes"
	Online   bool   // online instead of in person (vor Ort)
	Deputy   bool   // attends as deputy (in Vertretung)
}

// ModeLabel gives how the person takes part: "vor Ort" or "online".
func (d Delegate) ModeLabel() string {
	if d.Online {
		return "online"
	}
	return "vor Ort"
}

// Delegation is who attends a session for one member, as its office
// registered it (Teilnahmemeldung): until the secretariat closes the list
// the office keeps it; the secretariat sees and corrects every member's.
type Delegation struct {
	SessionID int64
	Member    string // member abbreviation
	Delegates []Delegate
	Version   int // the version read; 0 when there was none
	UpdatedBy string
	Updated   time.Time
}

// MaxDelegates is how many persons one member may register for a session.
const MaxDelegates = 8

// Validate checks a delegation: names given, not twice, not too many, and
// no function without a name.
func (d Delegation) Validate() error {
	if d.SessionID == 0 || d.Member == "" {
		return InputError("Eine Teilnahmemeldung gehört zu einer Sitzung und einem Mitglied.")
	}
	return CheckDelegates(d.Delegates)
}

// CheckDelegates checks the persons of a delegation: names given, not
// twice, not too many, and no function without a name; every row's
// reasons at once. The JSON API checks them also when other members of
// its request are at fault, so that it gives every reason.
func CheckDelegates(delegates []Delegate) error {
	if len(delegates) > MaxDelegates {
		return InputError("Bitte melden Sie höchstens %d Personen; weitere melden Sie bitte der Geschäftsstelle.", MaxDelegates)
	}
	// Each reason names the field of the row (name_0, funktion_0, as the
	// form calls them) so the form shows it there, and the row as the
	// form heads it ("Person 2"; before, "Zeile 2", a word the form does
	// not use); every row's reasons are given at once.
	var errs []error
	seen := map[string]bool{}
	for i, p := range delegates {
		name := strings.TrimSpace(p.Name)
		switch {
		case name == "":
			errs = append(errs, AtField(fmt.Sprintf("name_%d", i), InputError("Bitte geben Sie für Person %d den Namen an.", i+1)))
		case len([]rune(name)) > 200:
			errs = append(errs, AtField(fmt.Sprintf("name_%d", i), InputError("Der Name von Person %d darf höchstens 200 Zeichen lang sein.", i+1)))
		case seen[strings.ToLower(name)]:
			errs = append(errs, AtField(fmt.Sprintf("name_%d", i), InputError("%s steht zweimal in der Meldung.", name)))
		}
		if len([]rune(p.Function)) > 200 {
			errs = append(errs, AtField(fmt.Sprintf("funktion_%d", i), InputError("Die Funktion von Person %d darf höchstens 200 Zeichen lang sein.", i+1)))
		}
		if name != "" {
			seen[strings.ToLower(name)] = true
		}
	}
	return errors.Join(errs...)
}

// Attendance gives the attendance line the delegation means when the
// secretariat has recorded none: present when someone attends who is not a
// deputy, represented by the first deputy when only deputies attend, absent
// when nobody is registered.
func (d Delegation) Attendance() Attendance {
	a := Attendance{Member: d.Member, Presence: Absent}
	for _, p := range d.Delegates {
		if !p.Deputy {
			return Attendance{Member: d.Member, Presence: Present, Person: p.Name}
		}
		if a.Presence == Absent {
			a = Attendance{Member: d.Member, Presence: Represented, Person: p.Name}
		}
	}
	return a
}

// RegisteredAttendance gives the attendance list the delegations mean
// while the secretariat has recorded none (recorded empty): a line per
// member with someone registered (Delegation.Attendance). A recorded list
// always wins and is given back as it is; registered is then false.
func RegisteredAttendance(recorded []Attendance, delegations []Delegation) (list []Attendance, registered bool) {
	if len(recorded) > 0 {
		return recorded, false
	}
	for _, d := range delegations {
		if a := d.Attendance(); a.Presence != Absent {
			list = append(list, a)
		}
	}
	return list, len(list) > 0
}

// DelegationOpen says whether a member office may still register or change
// its delegation: for a session to come (geplant, einberufen) until the
// secretariat closes the list. The secretariat corrects any time until the
// minutes are approved (secretariat true).
func DelegationOpen(s Session, closed, secretariat bool) error {
	if secretariat {
		if s.Status.MinutesFrozen() {
			return RuleError("Das Protokoll der %s ist genehmigt; die Teilnahme bleibt, wie sie ist.", s.Title())
		}
		return nil
	}
	if s.Status != StatusPlanned && s.Status != StatusConvened {
		return RuleError("Die Teilnahme melden Sie vor der Sitzung; die %s ist %s. Änderungen bitte an die Geschäftsstelle.", s.Title(), s.Status.Label())
	}
	if closed {
		return RuleError("Die Geschäftsstelle hat die Teilnehmerliste der %s geschlossen; Änderungen bitte an die Geschäftsstelle.", s.Title())
	}
	return nil
}
