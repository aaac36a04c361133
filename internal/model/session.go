package model

import (
	"errors"
	"fmt"
	"gremium/internal/lazyre"
	"slices"
	"strconv"
	"strings"
)

// SessionStatus is the stage of a Sitzung in the session cycle.
type SessionStatus string

// The session cycle, in order.
const (
	StatusPlanned         SessionStatus = "geplant"
	StatusConvened        SessionStatus = "einberufen"
	StatusRunning         SessionStatus = "laufend"
	StatusEnded           SessionStatus = "beendet"
	StatusMinutesDraft    SessionStatus = "protokoll_entwurf"
	StatusMinutesApproved SessionStatus = "protokoll_genehmigt"
)

// SessionStatuses lists the statuses in cycle order.
var SessionStatuses = []SessionStatus{StatusPlanned, StatusConvened, StatusRunning, StatusEnded, StatusMinutesDraft, StatusMinutesApproved}

func (s SessionStatus) index() int {
	for i, v := range SessionStatuses {
		if v == s {
			return i
		}
	}
	return -1
}

// Valid reports whether s is a known status.
func (s SessionStatus) Valid() bool { return s.index() >= 0 }

// Label gives the German name of the status.
func (s SessionStatus) Label() string {
	switch s {
	case StatusPlanned:
		return "geplant"
	case StatusConvened:
		return "einberufen"
	case StatusRunning:
		return "laufend"
	case StatusEnded:
		return "beendet"
	case StatusMinutesDraft:
		return "Protokoll im Entwurf"
	case StatusMinutesApproved:
		return "Protokoll genehmigt"
	}
	return string(s)
}

// CanMoveTo reports whether a session may go from s to next: the cycle only
// moves forward, one step at a time.
func (s SessionStatus) CanMoveTo(next SessionStatus) bool {
	i, j := s.index(), next.index()
	return i >= 0 && j == i+1
}

// MinutesFrozen reports whether the minutes of a session in this status are
// approved and so immutable (corrections are new versions).
func (s SessionStatus) MinutesFrozen() bool { return s == StatusMinutesApproved }

// Ahead reports whether a session in this status has not begun (geplant,
// einberufen): its members register their delegations, nobody is present
// or absent yet.
func (s SessionStatus) Ahead() bool { return s == StatusPlanned || s == StatusConvened }

// Session is a Sitzung of a body, e.g. the 47th IT-PLR session.
type Session struct {
	ID        int64
	BodyID    int64
	Number    int    // 47
	Date      Date   // zero if not known
	StartTime string // "09:00"
	EndTime   string // "12:15"
	Place     string // "Schwerin"
	Chair     string // Vorsitz, member abbreviation ("MV")
	Status    SessionStatus
	// MinutesStand is the version date of the minutes ("Stand:
	// 08.12.2025") as the public version gives it: while the draft is
	// released it moves only with a change the public version shows.
	MinutesStand Date
	// MinutesChanged is the day of the latest change of any kind to the
	// released draft minutes (zero: none after MinutesStand); the
	// internal version's Stand is the later of the two
	// (Audience.MinutesStand). It is internal: a change inside a
	// confidential passage or to a proposal moves it.
	MinutesChanged Date
	ApprovedIn     int // number of the session that approved these minutes; 0 if not yet
	// RegistrationDeadline is the last day for registering agenda items
	// (Anmeldeschluss); later registrations are marked late.
	RegistrationDeadline Date
	AgendaPublished      bool  // the agenda is final and public
	CurrentItemID        int64 // the item under discussion while the session runs
	// Quorum is the result of the quorum check at the session's start
	// (Feststellung der Beschlussfähigkeit): "" not checked, "ja", "nein".
	Quorum string
	// Kind tells regular sessions from special ones (Sondersitzung); ""
	// counts as regular.
	Kind SessionKind
	// Applicants are the members who applied for a special session (the
	// Bund or three Länder).
	Applicants []string
	// ApprovedOn is the date the minutes were approved; zero while not.
	ApprovedOn Date
	// Schedule: cancellation (Absage), rescheduling (Verlegung) and the
	// calendar sequence (see schedule.go).
	Schedule SessionSchedule
	Version  int // optimistic locking

	// Read with the session from its body: the body's address part ("" for
	// the council: /sitzungen/47; "al-runde": /gremien/al-runde/sitzungen/39),
	// its abbreviation, and whether the body is internal (the publication
	// gate keeps such a session off every public surface).
	BodySlug   string
	BodyAbbrev string
	Internal   bool
}

// Path gives the address of the session's page: /sitzungen/47 for the
// council, /gremien/al-runde/sitzungen/39 for a body with its own pages.
func (s Session) Path() string {
	if s.BodySlug == "" {
		return fmt.Sprintf("/sitzungen/%d", s.Number)
	}
	return fmt.Sprintf("/gremien/%s/sitzungen/%d", s.BodySlug, s.Number)
}

// SessionKind tells a regular session (ordentliche Sitzung) from a special
// one (Sondersitzung).
type SessionKind string

// Session kinds.
const (
	SessionRegular SessionKind = "ordentlich"
	// SessionSpecial is a Sondersitzung, held on application of the Bund or
	// three Länder.
	SessionSpecial SessionKind = "sonder"
)

// Label gives the German name.
func (k SessionKind) Label() string {
	if k == SessionSpecial {
		return "Sondersitzung"
	}
	return "ordentliche Sitzung"
}

// ParseSessionKind reads the kind of a session as a form or a request
// gives it: "ordentlich" (or nothing: a regular session) or "sonder". An
// unknown kind is refused at the field "art", never taken for a regular
// session.
func ParseSessionKind(s string) (SessionKind, error) {
	switch k := SessionKind(strings.TrimSpace(s)); k {
	case "", SessionRegular:
		return SessionRegular, nil
	case SessionSpecial:
		return SessionSpecial, nil
	}
	return "", AtField("art", InputError("Die Sitzungsart „%s“ ist unbekannt; bitte „%s“ oder „%s“ wählen.",
		strings.TrimSpace(s), SessionRegular.Label(), SessionSpecial.Label()))
}

// IsRegular reports whether the session is a regular one.
func (s Session) IsRegular() bool { return s.Kind != SessionSpecial }

// TooEarlyToOpen says whether the session may not be opened yet on the day
// today (German time): a session is opened on its date or later. Its
// decisions take the session's date; opened early they would be dated in
// the future, after decisions numbered later. A session held earlier is
// moved first.
func (s Session) TooEarlyToOpen(today Date) bool {
	return !s.Date.IsZero() && today.Before(s.Date)
}

// Held reports whether the session has taken place (it ended).
func (s Session) Held() bool {
	switch s.Status {
	case StatusEnded, StatusMinutesDraft, StatusMinutesApproved:
		return true
	}
	return false
}

// CheckAgendaOpen refuses a change to the agenda of a session that was
// held (beendet or later) or cancelled: its agenda is closed, so no item is
// added to it and it is not published any more. Items of a past session
// come in through the import of its minutes. It gives nil while the agenda
// is open (geplant, einberufen, laufend).
func (s Session) CheckAgendaOpen() error {
	switch {
	case s.Cancelled():
		return RuleError("Die %s ist abgesagt; ihre Tagesordnung ist geschlossen: Es können keine Tagesordnungspunkte mehr hinzukommen, und die Tagesordnung wird nicht mehr veröffentlicht.", s.Title())
	case s.Held():
		return RuleError("Die %s ist bereits durchgeführt (%s); ihre Tagesordnung ist geschlossen: Es können keine Tagesordnungspunkte mehr hinzukommen, und die Tagesordnung wird nicht mehr veröffentlicht.", s.Title(), s.Status.Label())
	}
	return nil
}

// AgendaOpen reports whether items may still be added to the session's
// agenda and it may still be published (CheckAgendaOpen gives the reason
// when not), for pages that offer or hide those actions.
func (s Session) AgendaOpen() bool { return s.CheckAgendaOpen() == nil }

// NextRegularSession gives the number of the next regular session that has
// not yet been held, among the sessions of a body that exist (planned,
// convened or running): a spokesperson's resignation takes effect with it
// (concept 1.2). It gives a rule error when none is planned, rather than a
// number that does not exist.
func NextRegularSession(sessions []Session) (int, error) {
	lastHeld := 0
	for _, s := range sessions {
		if s.Held() && s.Number > lastHeld {
			lastHeld = s.Number
		}
	}
	next := 0
	for _, s := range sessions {
		if s.IsRegular() && !s.Held() && !s.Cancelled() && s.Number > lastHeld && (next == 0 || s.Number < next) {
			next = s.Number
		}
	}
	if next == 0 {
		return 0, RuleError("Es ist keine nächste ordentliche Sitzung geplant; bitte zuerst die Sitzung anlegen, mit der der Rücktritt wirksam wird.")
	}
	return next, nil
}

// ChairTerm is one year of the chair's rotation (Vorsitz): the IT-PLR's
// chair changes yearly between the Bund and the Länder, the Länder in
// alphabetical order. The rotation is data of the body.
type ChairTerm struct {
	Year   int
	Member string // member abbreviation
}

// ChairOf gives the chair of a year from the rotation: the recorded term
// of the year, else, for a year after the recorded ones, the rotation
// continued — the Bund after a Land, after the Bund the Land that follows
// the last recorded Land in lands (the Länder in the rotation's order,
// alphabetical by name; a recorded member not in lands is the Bund). It
// gives "" for a year before the first recorded term and when the
// rotation cannot be continued (neither the Bund nor a Land recorded).
func ChairOf(terms []ChairTerm, lands []string, year int) string {
	var last, land, bund ChairTerm
	for _, t := range terms {
		switch {
		case t.Year == year:
			return t.Member
		case t.Year > year:
			continue
		}
		if t.Year > last.Year {
			last = t
		}
		if slices.Contains(lands, t.Member) {
			if t.Year > land.Year {
				land = t
			}
		} else if t.Year > bund.Year {
			bund = t
		}
	}
	if land.Year == 0 || bund.Year == 0 {
		return ""
	}
	next, chair := slices.Index(lands, land.Member), last.Member
	for y := last.Year + 1; y <= year; y++ {
		if chair == bund.Member {
			next = (next + 1) % len(lands)
			chair = lands[next]
		} else {
			chair = bund.Member
		}
	}
	return chair
}

// MinutesApprovalRef finds "Bestätigung des Protokolls der 46. Sitzung" (or
// "Genehmigung des Protokolls der 46. Sitzung") in a text and gives the
// session number it names.
func MinutesApprovalRef(text string) (int, bool) {
	// Most texts (every row of imported minutes is asked) do not name the
	// minutes: the regular expression, case-insensitive and so without a
	// literal prefix to look for, runs only on those that do. "protokoll"
	// has no letter whose case folding strings.ToLower misses (K, the
	// Kelvin sign, lowers to k).
	if !strings.Contains(strings.ToLower(text), "protokoll") {
		return 0, false
	}
	m := approvalRef.FindStringSubmatch(text)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil && n > 0
}

var approvalRef = lazyre.New(`(?i)(?:Bestätigung|Genehmigung)\s+des\s+Protokolls\s+der\s+(\d+)\.\s*Sitzung`)

// HasQuorum reports whether the session was found to have a quorum.
func (s Session) HasQuorum() bool { return s.Quorum == "ja" }

// Title gives "47. Sitzung", or for a body with its own pages "39. AL-Runde".
func (s Session) Title() string {
	if s.BodySlug != "" && s.BodyAbbrev != "" {
		return fmt.Sprintf("%d. %s", s.Number, s.BodyAbbrev)
	}
	return fmt.Sprintf("%d. Sitzung", s.Number)
}

// AtPlace gives where a session takes place as the phrase of a sentence
// "… findet … statt": "in Berlin", but "als Videokonferenz" (or
// Telefonkonferenz, Webkonferenz …) for a place that is a kind of
// meeting, and "online" as it is — "in Videokonferenz" read wrong.
func AtPlace(place string) string {
	place = strings.TrimSpace(place)
	lower := strings.ToLower(place)
	switch {
	case place == "":
		return ""
	case lower == "online" || strings.HasPrefix(lower, "online "):
		return place
	case strings.HasPrefix(lower, "video") || strings.HasPrefix(lower, "telefon") || strings.HasSuffix(strings.Fields(lower)[0], "konferenz"):
		return "als " + place
	}
	return "in " + place
}

// TimeSpan gives "09:00 – 12:15 Uhr", or "" when no times are known.
func (s Session) TimeSpan() string {
	switch {
	case s.StartTime != "" && s.EndTime != "":
		return s.StartTime + " – " + s.EndTime + " Uhr"
	case s.StartTime != "":
		return "ab " + s.StartTime + " Uhr"
	}
	return ""
}

// Validate checks the fields a session must have: a number, a known
// status, times that are times and end after they begin, and a
// registration deadline not after the session. It gives every reason at
// once (errors.Join), each at its field, so that a form shows them all.
func (s Session) Validate() error {
	var errs []error
	if s.Number <= 0 {
		errs = append(errs, AtField("nummer", InputError("Die Sitzungsnummer muss eine positive Zahl sein.")))
	}
	if !s.Status.Valid() {
		errs = append(errs, InputError("Der Status „%s“ der %d. Sitzung ist unbekannt.", s.Status, s.Number))
	}
	for _, f := range [...]struct{ field, t string }{{"beginn", s.StartTime}, {"ende", s.EndTime}} {
		if f.t != "" && !validClock(f.t) {
			errs = append(errs, AtField(f.field, InputError("„%s“ ist keine gültige Uhrzeit; bitte im Format HH:MM angeben.", f.t)))
		}
	}
	if !s.Date.IsZero() && s.Date.Before(s.RegistrationDeadline) {
		// Items registered after the session would be "in time" for it.
		errs = append(errs, AtField("anmeldeschluss", InputError("Der Anmeldeschluss (%s) liegt nach der Sitzung am %s; er muss am Tag der Sitzung oder davor liegen.",
			s.RegistrationDeadline.German(), s.Date.German())))
	}
	errs = append(errs, CheckTimeSpan(s.StartTime, s.EndTime))
	// The place is public (session page, calendar, OParl Location).
	if err := PublicOnly(s.Place, "Der Ort"); err != nil {
		errs = append(errs, AtField("ort", err))
	}
	return errors.Join(errs...)
}

func validClock(t string) bool {
	var h, m int
	if len(t) != 5 || t[2] != ':' {
		return false
	}
	if _, err := fmt.Sscanf(t, "%02d:%02d", &h, &m); err != nil {
		return false
	}
	return h >= 0 && h < 24 && m >= 0 && m < 60
}

// OpenForDocuments reports whether documents may be uploaded to a session
// in this status: by members while it is open for registrations (planned
// or convened), by the secretariat until its minutes are approved.
func (s SessionStatus) OpenForDocuments(bySecretariat bool) bool {
	if bySecretariat {
		return s.Valid() && s != StatusMinutesApproved
	}
	return s == StatusPlanned || s == StatusConvened
}
