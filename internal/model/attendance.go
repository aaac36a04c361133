package model

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
)

// Presence is how a member takes part in a session (Anwesenheit).
type Presence string

// Presences.
const (
	// Present: the member's own representative attends.
	Present Presence = "anwesend"
	// Represented: another person of the same member attends for it
	// (vertreten durch …).
	Represented Presence = "vertreten"
	// Absent: nobody attends for the member.
	Absent Presence = "abwesend"
)

// Label gives the German word.
func (p Presence) Label() string {
	switch p {
	case Present:
		return "anwesend"
	case Represented:
		return "vertreten"
	case Absent:
		return "abwesend"
	}
	return string(p)
}

// Valid reports whether p is a known presence.
func (p Presence) Valid() bool { return p == Present || p == Represented || p == Absent }

// Attendance is one line of a session's attendance list
// (Anwesenheitsliste): a member, how it takes part, who attends for it, and
// — when it arrives late or leaves early — the agenda items it is there for.
type Attendance struct {
	Member   string // member abbreviation
	Presence Presence
	// Person is who attends for the member; for Represented the
	// representative, who must be a person of the same member.
	Person string
	// FromItemID is the item the member arrives for (0: from the start);
	// UntilItemID the last item it is there for (0: until the end).
	FromItemID  int64
	UntilItemID int64
}

// Validate checks a line: a known presence, a representative for a member
// represented, and no items for an absent member. personMember is the
// member the named person acts for ("" if the person is not known yet);
// names names the members in the reasons ("Hessen", not "HE").
// Each refusal names the field of the member's row as the attendance form
// calls it (anwesenheit_HE, person_HE); every reason of the line is given
// (errors.Join), not the first only.
func (a Attendance) Validate(personMember string, names MemberNames) error {
	if a.Member == "" {
		return InputError("Eine Zeile der Anwesenheitsliste braucht das Mitglied.")
	}
	member := names.Of(a.Member)
	var errs []error
	if !a.Presence.Valid() {
		errs = append(errs, AtField("anwesenheit_"+a.Member, InputError("Unbekannte Anwesenheit „%s“ für %s.", a.Presence, member)))
	}
	if a.Presence == Represented && strings.TrimSpace(a.Person) == "" {
		errs = append(errs, AtField("person_"+a.Member, InputError("Für die Vertretung von %s bitte die vertretende Person angeben.", member)))
	}
	if a.Person != "" && personMember != "" && personMember != a.Member {
		errs = append(errs, AtField("person_"+a.Member, RuleError("%s handelt für %s und kann %s nicht vertreten; vertreten kann nur eine Person desselben Mitglieds.", a.Person, names.Of(personMember), member)))
	}
	if a.Presence == Absent && (a.FromItemID != 0 || a.UntilItemID != 0) {
		errs = append(errs, AtField("anwesenheit_"+a.Member, InputError("%s ist abwesend; Ankunft und Weggang gibt es nur für Anwesende.", member)))
	}
	return errors.Join(errs...)
}

// PresentAt gives the members present or represented while the item with
// id itemID is discussed; order lists the session's item ids in agenda
// order. Arrival and leaving are taken in that order, so a moved item
// ("TOP 10 wird vorgezogen") counts where it was discussed. itemID 0 is the
// start of the session, before any item is called: the first item of the
// agenda, so that a member arriving for a later item is not counted there
// (the Feststellung der Beschlussfähigkeit at the start counted it). For an
// item not in order, and for a session without items, every member not
// absent counts.
func PresentAt(list []Attendance, order []int64, itemID int64) map[string]bool {
	pos := map[int64]int{}
	for i, id := range order {
		pos[id] = i
	}
	at, known := pos[itemID]
	if itemID == 0 && len(order) > 0 {
		at, known = 0, true
	}
	out := map[string]bool{}
	for _, a := range list {
		if a.Presence != Present && a.Presence != Represented {
			continue
		}
		if known {
			if from, ok := pos[a.FromItemID]; a.FromItemID != 0 && ok && at < from {
				continue
			}
			if until, ok := pos[a.UntilItemID]; a.UntilItemID != 0 && ok && at > until {
				continue
			}
		}
		out[a.Member] = true
	}
	return out
}

// CheckSpan refuses a line whose last item (UntilItemID) comes before its
// first (FromItemID) in the agenda order: such a member would be present
// at no item. order lists the session's item ids in agenda order; items
// not in it are left to the caller. names names the member in the reason.
func (a Attendance) CheckSpan(order []int64, label func(int64) string, names MemberNames) error {
	if a.FromItemID == 0 || a.UntilItemID == 0 {
		return nil
	}
	from, until := slices.Index(order, a.FromItemID), slices.Index(order, a.UntilItemID)
	if from < 0 || until < 0 || from <= until {
		return nil
	}
	return AtField("bis_"+a.Member, InputError("%s kann nicht ab %s anwesend sein und schon nach %s gehen: der letzte TOP liegt vor dem ersten. Bitte „ab TOP“ und „bis TOP“ prüfen.",
		names.Of(a.Member), label(a.FromItemID), label(a.UntilItemID)))
}

// AttendanceFor gives the line of a member, or an absent line if the list
// has none: a member not listed is absent.
func AttendanceFor(list []Attendance, member string) Attendance {
	for _, a := range list {
		if a.Member == member {
			return a
		}
	}
	return Attendance{Member: member, Presence: Absent}
}

// FloorOpen gives whether a member may ask for the floor (Redeliste) at
// the item with id itemID: it is present or represented there (PresentAt),
// or no attendance is recorded for the session at all. CheckFloor refuses
// by it, and the forms offer only the members it lets speak.
func FloorOpen(list []Attendance, order []int64, itemID int64) func(member string) bool {
	if len(list) == 0 {
		return func(string) bool { return true }
	}
	present := PresentAt(list, order, itemID)
	return func(member string) bool { return present[member] }
}

// CheckFloor refuses a request for the floor (Redeliste) of a member that
// the attendance list records as absent at the item with id itemID
// (absent, or arrived only for a later item, or left after an earlier one;
// PresentAt). A member dialled in is recorded present and may speak. A
// session without any attendance recorded refuses nobody: the list is not
// kept everywhere, and an empty list says nothing about who is there.
// itemLabel names the item in the reason ("TOP 03"), names the member
// ("Hessen").
func CheckFloor(list []Attendance, order []int64, itemID int64, member, itemLabel string, names MemberNames) error {
	if FloorOpen(list, order, itemID)(member) {
		return nil
	}
	return RuleError("%s ist laut Anwesenheitsliste bei %s nicht anwesend und kann nicht auf die Redeliste; bitte zuerst die Anwesenheit ändern.", names.Of(member), itemLabel)
}

// AttendanceVersion is the version of a stored attendance list that a
// form is drawn from: a digest of its lines, the same for the same lines
// in any order. The list has no version number of its own; saving over
// another version than the one stored (another window saved meanwhile)
// is refused as a conflict, not a silent overwrite of the other save.
func AttendanceVersion(list []Attendance) string {
	lines := slices.Clone(list)
	slices.SortFunc(lines, func(a, b Attendance) int { return cmp.Compare(a.Member, b.Member) })
	h := fnv.New64a()
	for _, a := range lines {
		fmt.Fprintf(h, "%q %q %q %d %d\n", a.Member, a.Presence, a.Person, a.FromItemID, a.UntilItemID)
	}
	return fmt.Sprintf("%016x", h.Sum64())
}
