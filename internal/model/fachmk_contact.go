package model

import (
	"errors"
	"fmt"
	"sort"
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
	// With names the counterpart ("Vorsitz der FMK, Ministerin X").
	With string
	// Participants: who else took part (optional; e.g. FITKO).
	Participants string
	// Topics are the topics and results; NextSteps the agreed next steps
	// (optional). Passages in [[…]] are confidential.
	Topics     string
	NextSteps  string
	RecordedBy string // the account's name
	Recorded   time.Time
	// FirstRecordedBy and FirstRecorded say who logged the contact first
	// and when, kept through corrections ("" and zero where unknown: a
	// contact corrected before they were kept and not in the audit log).
	FirstRecordedBy string
	FirstRecorded   time.Time
	Version         int
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
// teilnehmende, themen, schritte); a contact that breaks several rules
// gives every reason (errors.Join), at most one per field.
func (c SpokespersonContact) Validate(today Date) error {
	if c.ConferenceID == 0 {
		return InputError("Ein Kontakt gehört zu einer Fachministerkonferenz.")
	}
	var errs []error
	refuse := func(field string, err error) { errs = append(errs, AtField(field, err)) }
	if strings.TrimSpace(c.Member) == "" {
		refuse("land", InputError("Bitte angeben, für welche:n Sprecher:in (Land) der Kontakt erfasst wird."))
	}
	if c.Kind.Label() == string(c.Kind) {
		refuse("art", InputError("Bitte die Art des Kontakts wählen (Auftaktgespräch, Gespräch oder sonstiger Kontakt)."))
	}
	switch {
	case c.HeldOn.IsZero():
		refuse("datum", InputError("Bitte das Datum des Kontakts angeben."))
	case today.Before(c.HeldOn):
		refuse("datum", RuleError("Der %s liegt in der Zukunft; ein Kontakt wird erfasst, wenn er stattgefunden hat.", c.HeldOn.German()))
	}
	switch {
	case strings.TrimSpace(c.With) == "":
		refuse("mit", InputError("Bitte angeben, mit wem der Kontakt stattfand (z. B. den Vorsitz der Konferenz mit Namen)."))
	case utf8.RuneCountInString(c.With) > ContactShortMax:
		refuse("mit", InputError("Die Angabe „mit wem“ ist länger als %d Zeichen.", ContactShortMax))
	default:
		// Shown as typed (heading, notices): no passage is withheld there.
		if err := Unmarked(c.With, "Die Angabe „mit wem“ steht wie eingegeben in der Überschrift des Kontakts"); err != nil {
			refuse("mit", err)
		}
	}
	if utf8.RuneCountInString(c.Participants) > ContactShortMax {
		refuse("teilnehmende", InputError("Die Teilnehmenden sind länger als %d Zeichen.", ContactShortMax))
	} else if err := Unmarked(c.Participants, "Die Teilnehmenden stehen wie eingegeben beim Kontakt"); err != nil {
		refuse("teilnehmende", err)
	}
	switch {
	case strings.TrimSpace(c.Topics) == "":
		refuse("themen", InputError("Bitte Themen und Ergebnisse des Kontakts angeben."))
	case utf8.RuneCountInString(c.Topics) > ContactTextMax:
		refuse("themen", InputError("Themen und Ergebnisse sind länger als %s Zeichen.", GermanNumber(ContactTextMax)))
	}
	if utf8.RuneCountInString(c.NextSteps) > ContactTextMax {
		refuse("schritte", InputError("Die nächsten Schritte sind länger als %s Zeichen.", GermanNumber(ContactTextMax)))
	}
	return errors.Join(errs...)
}

// Recording says what RecordedBy and Recorded are of: "Erfasst" as first
// saved, "Zuletzt berichtigt" once corrected (ConferenceOutcome.Recording).
func (c SpokespersonContact) Recording() string { return recording(c.Version) }

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

// KickoffGuidingQuestions are the concept's "Exemplarische Leitfragen
// für Auftaktgespräche" (section 5.2, the sample briefing), offered beside
// the topics when a kick-off talk is logged. The seventh is completed
// ("… auf Arbeitsebene zu bearbeiten?"); the concept's sentence breaks
// off.
var KickoffGuidingQuestions = []string{
	"Welche Digitalisierungsthemen beschäftigen die FachMK zurzeit? Sind hierzu konkrete Beschlüsse oder Befassungen in Ihrer FachMK geplant? Wie können wir Sie hierbei bestmöglich unterstützen?",
	"Welche Herausforderungen und Handlungsbedarfe sehen Sie hierbei? Wie können wir Sie hierbei unterstützen?",
	"Welche Schnittstellen gab es in der Vergangenheit zum IT-Planungsrat?",
	"Welche Erwartungen und Ziele haben Sie mit Blick auf unsere Kooperation?",
	"Welche Ergebnisse wollen wir innerhalb eines Jahres unserer Zusammenarbeit erreichen?",
	"Auf welche gemeinsamen Vorhaben und Themen wollen wir uns im Rahmen unserer Partnerschaft fokussieren?",
	"Welche Arbeitsformate bieten sich an, um die identifizierten Themen und Fachfragen auf Arbeitsebene zu bearbeiten?",
	"Welche Sitzungen oder externen Kommunikationsanlässe (bspw. Kongresse, (Presse-)Konferenzen, Events etc.) sind passfähig, um gemeinsame Vorhaben zu kommunizieren und Handlungsbedarfe zu adressieren?",
}

// KickoffDueNth is the regular IT-PLR session by which a spokesperson
// holds the kick-off talk of their term: the concept's briefing asks the
// spokespersons to hold their Auftaktgespräche "bis zur zweiten
// IT-PLR-Sitzung des Jahres" after they were named (concept 2.2).
const KickoffDueNth = 2

// KickoffDueSession gives the session by which the kick-off talk of
// assignment a is due: the KickoffDueNth regular session of the IT-PLR
// (council holds sessions of the IT-PLR body only; not the AL-Runde)
// after the day the term started — a session on that day, usually the one
// whose decision named the spokesperson, does not count: named in November
// 2022, the concept's spokespersons were due "bis zur zweiten
// IT-PLR-Sitzung des Jahres", the July session of 2023 —,
// cancelled ones and special sessions not counted, in the order of their
// dates. It reports false when that session is not planned or not dated
// yet ("noch nicht terminiert"), when the term's start is not known, and
// when council holds no regular session on or before the start
// (KickoffCountable): then the sessions since the start are not all
// recorded, and counting the recorded ones would name too late a session.
func KickoffDueSession(a Assignment, council []Session) (Session, bool) {
	if !KickoffCountable(a, council) {
		return Session{}, false
	}
	return nthAfterStart(a, council)
}

// nthAfterStart gives the KickoffDueNth-th of the regular sessions in
// council after the start of a's term, in the order of their dates; false
// when council holds fewer.
func nthAfterStart(a Assignment, council []Session) (Session, bool) {
	var dated []Session
	for _, s := range council {
		if countsForKickoff(s) && a.StartOn.Before(s.Date) {
			dated = append(dated, s)
		}
	}
	sort.SliceStable(dated, func(i, j int) bool {
		if dated[i].Date != dated[j].Date {
			return dated[i].Date.Before(dated[j].Date)
		}
		return dated[i].Number < dated[j].Number
	})
	if len(dated) >= KickoffDueNth {
		return dated[KickoffDueNth-1], true
	}
	return Session{}, false
}

// KickoffCountable reports whether the sessions after the start of a's
// term can be counted from council: the start is known and council holds
// a regular session on or before it (usually the one whose decision named
// the spokesperson). A term named before the records begin — the demo's
// spokespersons, named in 2022 by a decision recorded as an earlier one,
// with the sessions from 2025 on — has no countable due session.
func KickoffCountable(a Assignment, council []Session) bool {
	if a.StartOn.IsZero() {
		return false
	}
	for _, s := range council {
		if countsForKickoff(s) && !a.StartOn.Before(s.Date) {
			return true
		}
	}
	return false
}

// countsForKickoff reports whether session s counts toward a kick-off
// talk's due session: a regular IT-PLR session, not cancelled, dated.
func countsForKickoff(s Session) bool {
	return s.IsRegular() && !s.Cancelled() && !s.Date.IsZero()
}

// KickoffState is where the kick-off talk of a spokesperson's current term
// stands: held (Talk, the first Auftaktgespräch of the term, Kickoff), or
// due by the session Due (KickoffDueSession; zero while not planned, and
// while it cannot be told from the recorded sessions).
// Internal, like the contacts (SeesSpokespersonContacts).
type KickoffState struct {
	Held bool
	Talk SpokespersonContact
	Due  Session
	// Start is the day the term started (zero: not known); Countable
	// whether its due session can be counted from the recorded sessions
	// (KickoffCountable). Where it cannot, no session is named and the
	// talk is not overdue by any: the recorded sessions after the start
	// are not all there were, and a talk held before the records began
	// is not recorded either. Before, the second recorded session after
	// the start was taken as the latest the due session could be, and
	// the pages said "überfällig seit 28.03.2025" of a term that started
	// in 2022, as if the 46th session had been the one.
	Start     Date
	Countable bool
	// Latest is, where the due session cannot be counted, the latest it
	// can have been: the KickoffDueNth-th recorded regular session after
	// the start (zero while fewer are recorded). Every recorded session
	// after the start is one after it, so the due session is this one or
	// an earlier one — which one is not known, so Latest is never named
	// as the due session nor its day as the day the talk fell overdue;
	// once it has passed, the talk not held is overdue
	// (OverdueBeforeRecords).
	Latest Session
}

// KickoffOf gives the kick-off state of the term of assignment a, from the
// contacts cs of its conference and the IT-PLR's sessions council.
func KickoffOf(a Assignment, cs []SpokespersonContact, council []Session) KickoffState {
	k := KickoffState{Start: a.StartOn, Countable: KickoffCountable(a, council)}
	k.Talk, k.Held = Kickoff(a, cs)
	k.Due, _ = KickoffDueSession(a, council)
	if !k.Countable && !a.StartOn.IsZero() {
		k.Latest, _ = nthAfterStart(a, council)
	}
	return k
}

// DueDay gives the day the talk is due by: the due session's day; zero
// while that is not known (not planned or dated, or not countable). An
// overdue talk was due on that day.
func (k KickoffState) DueDay() Date { return k.Due.Date }

// Scheduled reports whether the due day is known.
func (k KickoffState) Scheduled() bool { return !k.Due.Date.IsZero() }

// Overdue reports whether the talk is not held and the day of its due
// session has passed on the day today (German time); on the day of the
// session it is still due. A talk whose due session cannot be counted is
// overdue once the latest it can have been has passed
// (OverdueBeforeRecords); one whose due session is otherwise not known is
// not overdue.
func (k KickoffState) Overdue(today Date) bool {
	return !k.Held && (k.Scheduled() && k.Due.Date.Before(today) || k.OverdueBeforeRecords(today))
}

// OverdueBeforeRecords reports whether the talk of a term that started
// before the recorded sessions (not Countable) is not held and overdue on
// the day today: KickoffDueNth recorded regular sessions after the start
// have passed (Latest), so the due session has too, whichever it was.
// The day it fell overdue is not known.
func (k KickoffState) OverdueBeforeRecords(today Date) bool {
	return !k.Held && !k.Countable && !k.Latest.Date.IsZero() && k.Latest.Date.Before(today)
}

// DueWithin reports whether the talk is not held and due within the next
// days days from today (today itself and the due day included).
func (k KickoffState) DueWithin(today Date, days int) bool {
	return !k.Held && k.Scheduled() && !k.Due.Date.Before(today) && !BerlinDate(today.Time().AddDate(0, 0, days)).Before(k.Due.Date)
}

// ShortLabel says in a few words when the talk not yet held is due, for
// the Geschäftsstelle's overview of every spokesperson, where DueLabel's
// rule and the day of the start made a cell of five lines at phone
// width: "fällig bis 04.07.2023", "überfällig seit 05.07.2023", while
// the due session is not dated "fällig, Sitzung noch nicht terminiert",
// and where it is not known — no start, or not countable from the
// recorded sessions — "fällig bis zur 2. Sitzung nach Amtsantritt" (the
// conference page says the rest), or, once it has passed whichever it
// was (OverdueBeforeRecords), "überfällig, offen seit 10.11.2022" (the
// day of the start). Empty once the talk is held.
func (k KickoffState) ShortLabel(today Date) string {
	switch {
	case k.Held:
		return ""
	case k.OverdueBeforeRecords(today):
		return "überfällig, offen seit " + k.Start.German()
	case k.Start.IsZero() || !k.Countable:
		return fmt.Sprintf("fällig bis zur %d. Sitzung nach Amtsantritt", KickoffDueNth)
	case !k.Scheduled():
		return "fällig, Sitzung noch nicht terminiert"
	case k.Overdue(today):
		return "überfällig seit " + BerlinDate(k.Due.Date.Time().AddDate(0, 0, 1)).German()
	}
	return "fällig bis " + k.Due.Date.German()
}

// KickoffNotCountable is what DueLabel adds to the rule where the due
// session cannot be counted from the recorded sessions (KickoffCountable).
const KickoffNotCountable = "welche das ist, lässt sich aus den erfassten Sitzungen nicht bestimmen"

// DueLabel says when the talk not yet held is due, on the day today:
// "fällig bis 04.07.2023", "überfällig seit 05.07.2023" (the day after
// the session), or, while that session is not planned or dated, "fällig
// bis zur 2. Sitzung nach Amtsantritt, noch nicht terminiert". When the
// due session cannot be counted (KickoffCountable) it gives the rule with
// the day of the start and says so: "fällig bis zur 2. Sitzung nach dem
// Amtsantritt am 10.11.2022; welche das ist, lässt sich aus den erfassten
// Sitzungen nicht bestimmen" — no day, and not overdue — until the
// latest it can have been has passed (OverdueBeforeRecords): then
// "überfällig (fällig war es zur 2. Sitzung nach dem Amtsantritt am
// 10.11.2022)" — the task, not the records' gaps (before, it went on
// "…; welche das war, lässt sich aus den erfassten Sitzungen nicht
// bestimmen)", which spokespersons read as a fault) — no session and no
// day it fell overdue on: Latest is
// only the second session the records hold, not the due one (before, the
// label named it, "spätestens zur 46. Sitzung am 27.03.2025", as if the
// deadline had been that late). Empty once the talk is held. The pages
// name the session (Due) beside it.
func (k KickoffState) DueLabel(today Date) string {
	switch {
	case k.Held:
		return ""
	case k.OverdueBeforeRecords(today):
		return fmt.Sprintf("überfällig (fällig war es zur %d. Sitzung nach dem Amtsantritt am %s)", KickoffDueNth, k.Start.German())
	case k.Start.IsZero():
		return fmt.Sprintf("fällig bis zur %d. Sitzung nach Amtsantritt", KickoffDueNth)
	case !k.Countable:
		return fmt.Sprintf("fällig bis zur %d. Sitzung nach dem Amtsantritt am %s; %s", KickoffDueNth, k.Start.German(), KickoffNotCountable)
	case !k.Scheduled():
		return fmt.Sprintf("fällig bis zur %d. Sitzung nach Amtsantritt, noch nicht terminiert", KickoffDueNth)
	case k.Overdue(today):
		return "überfällig seit " + BerlinDate(k.Due.Date.Time().AddDate(0, 0, 1)).German()
	}
	return "fällig bis " + k.Due.Date.German()
}
