package model

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Assignment is a spokesperson assignment (fachpolitische:r Sprecher:in): an
// IT-PLR member (and the person acting for it) speaks for the IT-PLR towards a
// FachMK. Assignments are never deleted; the history is the list of them.
type Assignment struct {
	ID           int64
	ConferenceID int64  // the FachMK (body)
	Member       string // member abbreviation (Bund or a Land)
	// PersonID is the person who holds the function: the one the assigning
	// decision names, or — FollowsRepresentative — whoever represents the
	// member in the IT-Planungsrat now (Member.RepresentativeID), since the
	// function is tied to the member's IT-PLR membership (concept 1.2).
	PersonID              int64
	FollowsRepresentative bool
	DecisionRef           string // the decision that assigned it: "B-2022/43-IT"
	StartSession          int    // the session whose decision assigned it; 0 if unknown
	StartOn               Date
	// Resignation: announced on ResignationOn, takes effect with the next
	// regular IT-PLR session EndsWithSession (concept section 1.2).
	ResignationOn   Date
	EndsWithSession int
	Version         int
}

// AssignmentStatus is where an assignment stands.
type AssignmentStatus string

// Assignment statuses.
const (
	AssignmentActive AssignmentStatus = "aktiv"
	AssignmentEnding AssignmentStatus = "endet"   // resignation announced, not yet effective
	AssignmentEnded  AssignmentStatus = "beendet" // the session it ended with has taken place
)

// Validate checks the rules of concept section 1.2 that concern a single
// assignment: the function is tied to the IT-PLR membership of Bund or a Land
// (memberKind is the kind of a.Member), and it is assigned by decision.
func (a Assignment) Validate(memberKind MemberKind) error {
	if a.ConferenceID == 0 {
		return InputError("Eine Sprecherfunktion gehört zu einer Fachministerkonferenz; die FachMK fehlt.")
	}
	if !memberKind.Votes() {
		return RuleError("%s kann nicht Sprecher:in sein: nur ein Mitglied des IT-Planungsrats mit Stimme (der Bund oder ein Land) kann die Funktion innehaben; sie ist an diese Mitgliedschaft gebunden.", a.Member)
	}
	if _, ok := ParseDecisionRef(a.DecisionRef); !ok {
		return RuleError("Die Sprecherfunktion wird per Beschluss vergeben; „%s“ ist keine Beschlussnummer (z. B. B-2025/31-IT).", a.DecisionRef)
	}
	return nil
}

// Status gives the state of the assignment, given the number of the last
// IT-PLR session that has taken place.
func (a Assignment) Status(lastHeldSession int) AssignmentStatus {
	switch {
	case a.EndsWithSession > 0 && lastHeldSession >= a.EndsWithSession:
		return AssignmentEnded
	case a.EndsWithSession > 0:
		return AssignmentEnding
	}
	return AssignmentActive
}

// StatusLabel gives the status in German: "aktiv", "endet mit der 48.
// Sitzung", "beendet mit der 48. Sitzung".
func (a Assignment) StatusLabel(lastHeldSession int) string {
	switch a.Status(lastHeldSession) {
	case AssignmentEnding:
		return fmt.Sprintf("endet mit der %d. Sitzung", a.EndsWithSession)
	case AssignmentEnded:
		return fmt.Sprintf("beendet mit der %d. Sitzung", a.EndsWithSession)
	}
	return "aktiv"
}

// AnnounceResignation records that the member announced its resignation on
// the given date; it takes effect with the next regular session.
func (a *Assignment) AnnounceResignation(on Date, nextRegularSession int) error {
	if a.EndsWithSession > 0 {
		return RuleError("Der Rücktritt von %s ist bereits angekündigt (endet mit der %d. Sitzung).", a.Member, a.EndsWithSession)
	}
	if nextRegularSession <= a.StartSession {
		return RuleError("Der Rücktritt von %s kann erst mit einer Sitzung nach der Übertragung wirksam werden.", a.Member)
	}
	a.ResignationOn = on
	a.EndsWithSession = nextRegularSession
	return nil
}

// Vacant reports whether a FachMK has no spokesperson in office, given all its
// assignments: without a decision the post stays vacant.
func Vacant(assignments []Assignment, lastHeldSession int) bool {
	for _, a := range assignments {
		if a.Status(lastHeldSession) != AssignmentEnded {
			return false
		}
	}
	return true
}

// Debrief is a Nachbesprechung: after an IT-PLR session, the FachMK
// secretariats hear the decisions relevant to them, each presented by the
// member that submitted it (concept section 2.2).
type Debrief struct {
	ID        int64
	SessionID int64 // the IT-PLR session debriefed
	HeldOn    Date
	// StartTime and EndTime ("10:00", Europe/Berlin) are empty while not
	// set; EndTime needs StartTime.
	StartTime string
	EndTime   string
	Place     string // "Videokonferenz"
	// Link is where the FachMK secretariats join (a video conference's
	// address, https), given in the invitation; empty when there is none.
	Link       string
	Sent       bool   // invitation sent
	Invitation string // invitation text
	Entries    []DebriefEntry
	Version    int
	// SavedAt is when the secretariat last saved or sent it; zero for a
	// debrief saved before gremium recorded it.
	SavedAt time.Time
	// Waiver is the secretariat's note that the session needs no
	// debrief ("Nachbesprechung entfällt"); zero while there is none.
	Waiver DebriefWaiver
}

// DebriefWaiver is the secretariat's note "Nachbesprechung entfällt": the
// session needs no debrief, for example because the FachMK discussed its
// decisions already or the conference declined one. A session so noted
// owes no debrief (store.SessionsOwingDebrief, the secretariat's "Mein
// Bereich"); withdrawing the note makes it owed again. While it stands,
// the debrief is neither saved nor sent (CheckNotWaived). The reason is
// the secretariat's own: it may name a conference's or a member's
// internal matters, so the FachMK secretariats and the spokespersons read
// only that no debrief takes place (Public).
type DebriefWaiver struct {
	Reason string
	By     string    // the user name of the account that noted it
	At     time.Time // when; zero: no note
}

// Set reports whether the note stands.
func (w DebriefWaiver) Set() bool { return !w.At.IsZero() }

// Public gives the note as readers outside the secretariat may read it
// (a FachMK secretariat, a spokesperson): that it stands and since when,
// without its reason and who noted it.
func (w DebriefWaiver) Public() DebriefWaiver { return DebriefWaiver{At: w.At} }

// DebriefWaiverReasonMax is the longest reason of a DebriefWaiver, in
// characters (as a session's cancellation reason: short enough for a
// list).
const DebriefWaiverReasonMax = 500

// DebriefWaiverField names the field of the waiver's reason in a refusal
// (AtField): the reason's name in its form.
const DebriefWaiverField = "grund"

// Waive notes on the debrief that it is not needed, with the reason (its
// surrounding space trimmed), by the account by at the time at. It
// refuses a debrief whose invitation is sent (the FachMK secretariats are
// invited; gremium has no way yet to call a sent debrief off, and a note
// here would not reach them), one noted already, and a reason that is
// missing or longer than DebriefWaiverReasonMax characters (at
// DebriefWaiverField).
func (d *Debrief) Waive(reason, by string, at time.Time) error {
	switch {
	case d.Sent:
		return RuleError("Die Einladung zu dieser Nachbesprechung ist bereits versandt; sie kann nicht mehr als entfallen vermerkt werden. Eine versandte Einladung lässt sich in gremium nicht zurückziehen – bitte sagen Sie die Nachbesprechung den eingeladenen Geschäftsstellen der Fachministerkonferenzen direkt ab.")
	case d.Waiver.Set():
		return RuleError("Die Nachbesprechung ist bereits seit %s als entfallen vermerkt.", BerlinDateTime(d.Waiver.At))
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return AtField(DebriefWaiverField, InputError("Bitte einen Grund angeben, warum die Nachbesprechung entfällt."))
	}
	if err := CheckTextLength(reason, "Der Grund", DebriefWaiverReasonMax); err != nil {
		return AtField(DebriefWaiverField, err)
	}
	d.Waiver = DebriefWaiver{Reason: reason, By: by, At: at}
	return nil
}

// Unwaive withdraws the note "Nachbesprechung entfällt": the debrief is
// owed again. It refuses a debrief without the note.
func (d *Debrief) Unwaive() error {
	if !d.Waiver.Set() {
		return RuleError("Die Nachbesprechung ist nicht als entfallen vermerkt; es gibt keinen Vermerk zurückzunehmen.")
	}
	d.Waiver = DebriefWaiver{}
	return nil
}

// CheckNotWaived refuses to save or send a debrief noted as not needed:
// the note is withdrawn first (Unwaive), so that neither a form opened
// before the note was made sends an invitation to a debrief that does not
// take place nor a save drops the note unnoticed.
func (d Debrief) CheckNotWaived() error {
	if d.Waiver.Set() {
		return RuleError("Die Nachbesprechung ist seit %s als entfallen vermerkt; sie wird so weder gespeichert noch versandt. Bitte nehmen Sie zuerst den Vermerk „Nachbesprechung entfällt“ zurück.", BerlinDateTime(d.Waiver.At))
	}
	return nil
}

// DebriefEntry is one decision presented to one FachMK in a debrief.
type DebriefEntry struct {
	DecisionID   int64
	ConferenceID int64
	Presenter    string // member abbreviation of the submitting member
}

// ForConferences gives the debrief as a spokesperson of the given FachMK
// reads it: the entries of those conferences only, without the invitation
// text, which lists every conference's decisions and goes to the FachMK
// secretariats, and with the note "Nachbesprechung entfällt" without its
// reason (DebriefWaiver.Public). The debrief is the secretariat's to assemble and send
// (concept, Tabelle 3: FITKO alone is responsible), so a spokesperson
// reads it and does not change it.
func (d Debrief) ForConferences(ids []int64) Debrief {
	out := d
	out.Invitation = ""
	out.Waiver = d.Waiver.Public()
	out.Entries = nil
	for _, e := range d.Entries {
		if e.For(ids) {
			out.Entries = append(out.Entries, e)
		}
	}
	return out
}

// For reports whether the entry presents its decision to one of the given
// FachMK.
func (e DebriefEntry) For(ids []int64) bool { return slices.Contains(ids, e.ConferenceID) }

// DebriefLinkMax is the longest address of a debrief's video conference.
const DebriefLinkMax = 500

// CheckSchedule checks a debrief's times and link, each reason at its
// field (beginn, ende, link): times are times, the end after the start and
// only with a start; the link an http(s) address without spaces, at most
// DebriefLinkMax characters. It goes to the FachMK secretariats by mail as
// typed, so it takes no confidential marks.
func (d Debrief) CheckSchedule() error {
	var errs []error
	for _, f := range [...]struct{ field, t string }{{"beginn", d.StartTime}, {"ende", d.EndTime}} {
		if f.t != "" && !validClock(f.t) {
			errs = append(errs, AtField(f.field, InputError("„%s“ ist keine gültige Uhrzeit; bitte im Format HH:MM angeben.", f.t)))
		}
	}
	switch {
	case d.EndTime != "" && d.StartTime == "":
		errs = append(errs, AtField("beginn", InputError("Zum Ende um %s Uhr fehlt der Beginn.", d.EndTime)))
	case validClock(d.StartTime) && validClock(d.EndTime) && d.EndTime <= d.StartTime:
		errs = append(errs, AtField("ende", InputError("Die Nachbesprechung kann nicht um %s Uhr enden, wenn sie um %s Uhr beginnt; das Ende muss nach dem Beginn liegen.", d.EndTime, d.StartTime)))
	}
	if d.Link != "" {
		u, err := url.Parse(d.Link)
		switch {
		case len([]rune(d.Link)) > DebriefLinkMax:
			errs = append(errs, AtField("link", InputError("Der Link ist länger als %d Zeichen.", DebriefLinkMax)))
		case err == nil && u.Scheme == "http" && u.Host != "":
			// A video conference of the ministries is joined over an
			// encrypted connection only: its address (often with the
			// meeting's PIN) must not cross the network in plain text.
			errs = append(errs, AtField("link", InputError("„%s“ ist eine unverschlüsselte Adresse (http://); bitte den Link zur Videokonferenz mit https:// angeben.", d.Link)))
		case err != nil || u.Scheme != "https" || u.Host == "" || strings.ContainsAny(d.Link, " \t\n"):
			errs = append(errs, AtField("link", InputError("„%s“ ist keine Web-Adresse; bitte den Link zur Videokonferenz vollständig angeben, beginnend mit https://.", d.Link)))
		}
	}
	return errors.Join(errs...)
}

// When gives the debrief's day and times as the invitation and the pages
// say them: "16.12.2026, 10:00 bis 11:30 Uhr", "16.12.2026, 10:00 Uhr",
// "16.12.2026"; "" without a day.
func (d Debrief) When() string {
	if d.HeldOn.IsZero() {
		return ""
	}
	switch {
	case d.StartTime != "" && d.EndTime != "":
		return d.HeldOn.German() + ", " + d.StartTime + " bis " + d.EndTime + " Uhr"
	case d.StartTime != "":
		return d.HeldOn.German() + ", " + d.StartTime + " Uhr"
	}
	return d.HeldOn.German()
}

// CheckDay checks the debrief's date against the session it debriefs and
// against today (German time), its reason at the date
// (DebriefDateField): a debrief presents the session's decisions
// afterwards, so it is not dated before the session; and it is not dated
// before today where that would invite to, or newly record, a day gone
// by. Sending (sending true) invites to the date, so it must not lie
// before today; saving keeps a day gone by only as stored (stored is the
// stored debrief's date, zero for a new one or one saved without a date):
// once held, the debrief's record may still be corrected, but a new or
// changed date lies ahead. A debrief without a date passes (saving leaves
// it open; sending refuses it itself).
func (d Debrief) CheckDay(session, today, stored Date, sending bool) error {
	switch {
	case d.HeldOn.IsZero():
		return nil
	case !session.IsZero() && d.HeldOn.Before(session):
		return AtField(DebriefDateField, RuleError("Die Nachbesprechung folgt der Sitzung vom %s; ihr Termin %s liegt davor.", session.German(), d.HeldOn.German()))
	case d.HeldOn.Before(today) && (sending || d.HeldOn != stored):
		return AtField(DebriefDateField, RuleError("Der Termin %s liegt in der Vergangenheit; bitte einen Termin ab heute (%s) angeben.", d.HeldOn.German(), today.German()))
	}
	return nil
}

// DebriefDateField names the field of a debrief's date in a refusal
// (AtField): the date's name in the debrief form. The store refuses a
// missing date or one before the session there, and the page shows the
// reason at its own element for it, whatever that element's id.
const DebriefDateField = "datum"

// PresenterField names the form field of the entry's presenter, by its
// decision and its conference (the entries a form shows and the ones it
// saves are not the same list, so not by position).
func (e DebriefEntry) PresenterField() string {
	return fmt.Sprintf("vorstellung-%d-%d", e.DecisionID, e.ConferenceID)
}

// IncludeField names the form field of the entry's "Aufnehmen" tick, by
// its decision and its conference like PresenterField.
func (e DebriefEntry) IncludeField() string {
	return fmt.Sprintf("aufnehmen-%d-%d", e.DecisionID, e.ConferenceID)
}

// Row names the entry as a row of the debrief form, by its decision and
// its conference ("12-3"): the form says with it which rows it showed, so
// that a form posted after the proposal changed is recognised, never read
// by position.
func (e DebriefEntry) Row() string { return fmt.Sprintf("%d-%d", e.DecisionID, e.ConferenceID) }

// CheckPresenters refuses each presenter that names no member of the
// IT-PLR (kinds gives every member's kind by abbreviation), at its entry's
// field (PresenterField), every one at once; an entry may name none. A
// presenter typed by name ("Hessen") is written as the abbreviation
// before (MemberAbbrevs), as every form that takes members does: what
// reaches the check by name names no member.
func (d Debrief) CheckPresenters(kinds map[string]MemberKind) error {
	var errs []error
	for _, e := range d.Entries {
		if e.Presenter != "" && len(UnknownMembers([]string{e.Presenter}, kinds)) > 0 {
			errs = append(errs, AtField(e.PresenterField(), InputError("„%s“ ist kein Mitglied des IT-Planungsrats; bitte das vorstellende Mitglied mit Kürzel oder Namen angeben (zum Beispiel HE oder Hessen) oder das Feld leer lassen.", e.Presenter)))
		}
	}
	return errors.Join(errs...)
}

// Briefing is a Briefing or Handakte for spokespersons: a living document,
// kept in versions. ConferenceID is 0 for a briefing for all spokespersons.
type Briefing struct {
	ID           int64
	ConferenceID int64
	Title        string
	Versions     []BriefingVersion // oldest first
}

// BriefingVersion is one saved version of a briefing.
type BriefingVersion struct {
	Version int
	Stand   Date // "Stand: 20.04.2023"
	Author  string
	Content string // plain text with "- " bullets and blank-line paragraphs
	Saved   time.Time
	// KeyMessages are the ids of the shared key messages (Kernbotschaften)
	// the version includes, in order.
	KeyMessages []int64
	// KeyTexts are those key messages as they read when the version was
	// saved (id, title, text), in the same order: the store keeps them in
	// the write, whatever the caller passes. KeyTextsKept is false for a
	// version saved before gremium kept them (migration 00870): its
	// wording was never stored, KeyTexts is empty.
	KeyTexts     []KeyMessage
	KeyTextsKept bool
	// Questions are the guiding questions for kick-off talks.
	Questions []string
	// DecisionsSince is the date from which gremium lists the decisions
	// relevant to the conference (zero: all).
	DecisionsSince Date
}

// Latest gives the newest version, or the zero version if there is none.
func (b Briefing) Latest() BriefingVersion {
	if len(b.Versions) == 0 {
		return BriefingVersion{}
	}
	return b.Versions[len(b.Versions)-1]
}

// VersionKeyMessages is what a Fassung of a briefing shows of its key
// messages (Kernbotschaften), on the page, in the PDF and in the
// comparison of versions alike.
type VersionKeyMessages struct {
	// Messages are the key messages with the title and text shown.
	Messages []KeyMessage
	// Current: Messages read as the shared blocks read today — the newest
	// Fassung shows them so (a key message changed once shows in every
	// briefing that includes it), as does an older Fassung whose wording
	// was not kept (Lost).
	Current bool
	// Lost: the Fassung is not the newest and was saved before gremium
	// kept the wording of its key messages; the pages say that today's
	// text stands in for it.
	Lost bool
	// Changed names the key messages of the newest Fassung whose title or
	// text changed after it was saved.
	Changed map[int64]bool
}

// KeyMessagesOf gives the key messages version v of b shows: an older
// Fassung the wording kept with it (never a later text under its date),
// the newest the shared blocks as they read now (current, all key
// messages), marking those changed since it was saved. An older Fassung
// saved before the wording was kept shows today's text, marked Lost.
func (b Briefing) KeyMessagesOf(v BriefingVersion, current []KeyMessage) VersionKeyMessages {
	var out VersionKeyMessages
	if v.Version != b.Latest().Version && v.KeyTextsKept {
		out.Messages = append(out.Messages, v.KeyTexts...)
		return out
	}
	out.Current = true
	out.Lost = v.Version != b.Latest().Version
	kept := map[int64]KeyMessage{}
	for _, k := range v.KeyTexts {
		kept[k.ID] = k
	}
	for _, id := range v.KeyMessages {
		for _, k := range current {
			if k.ID != id {
				continue
			}
			out.Messages = append(out.Messages, k)
			if was, ok := kept[id]; ok && !out.Lost && (was.Title != k.Title || was.Text != k.Text) {
				if out.Changed == nil {
					out.Changed = map[int64]bool{}
				}
				out.Changed[id] = true
			}
		}
	}
	return out
}

// RequestStatus is the state of an Anliegen.
type RequestStatus string

// Request statuses.
const (
	RequestReceived RequestStatus = "eingegangen"
	RequestInReview RequestStatus = "in_pruefung"
	RequestOnAgenda RequestStatus = "als_top_angemeldet"
	RequestDone     RequestStatus = "erledigt"
	RequestDeclined RequestStatus = "abgelehnt"
	// RequestWithdrawn: the FachMK's secretariat withdrew the request
	// before the Geschäftsstelle acted on it (Request.Withdraw).
	RequestWithdrawn RequestStatus = "zurueckgezogen"
)

// RequestWaitDays is how long an Anliegen may wait for the Geschäftsstelle's
// decision (in Prüfung, als TOP angemeldet or abgelehnt) before the list
// shows it as waiting too long: four weeks, about the time from one
// session's registration deadline to the next AL-Runde.
const RequestWaitDays = 28

// Open reports whether the Geschäftsstelle has not yet decided on the
// request (received or in review).
func (q Request) Open() bool {
	return q.Status == RequestReceived || q.Status == RequestInReview
}

// WaitingDays gives how many days an open request has waited since it was
// received, on day today (0 for a request decided on).
func (q Request) WaitingDays(today Date) int {
	if !q.Open() || q.ReceivedOn.IsZero() || !q.ReceivedOn.Before(today) {
		return 0
	}
	return int(today.Time().Sub(q.ReceivedOn.Time()).Hours() / 24)
}

// WaitsTooLong reports whether an open request has waited longer than
// RequestWaitDays on day today.
func (q Request) WaitsTooLong(today Date) bool { return q.WaitingDays(today) > RequestWaitDays }

// Label gives the German name.
func (s RequestStatus) Label() string {
	switch s {
	case RequestReceived:
		return "eingegangen"
	case RequestInReview:
		return "in Prüfung"
	case RequestOnAgenda:
		return "als TOP angemeldet"
	case RequestDone:
		return "erledigt"
	case RequestDeclined:
		return "abgelehnt"
	case RequestWithdrawn:
		return "zurückgezogen"
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s RequestStatus) Valid() bool {
	switch s {
	case RequestReceived, RequestInReview, RequestOnAgenda, RequestDone, RequestDeclined, RequestWithdrawn:
		return true
	}
	return false
}

// Who brought a request in (Request.Via), besides a member's abbreviation.
const (
	// ViaConference: the conference's secretariat submitted it itself.
	ViaConference = "FachMK-Geschäftsstelle"
	// ViaSecretariat: the IT-PLR's secretariat recorded it for the
	// conference.
	ViaSecretariat = "Geschäftsstelle"
)

// Origin says in words where the request came from, after "Eingegangen
// am …": the conference (its name in the genitive, Body.Of) with who
// brought it in ("von der Geschäftsstelle der Finanzministerkonferenz",
// "als Anliegen des E-Justice-Rats, erfasst von der Geschäftsstelle", "als
// Anliegen der Agrarministerkonferenz über MV").
func (q Request) Origin(conference Body) string {
	switch q.Via {
	case ViaConference:
		return "von der Geschäftsstelle " + conference.Of()
	case ViaSecretariat:
		return "als Anliegen " + conference.Of() + ", erfasst von der Geschäftsstelle"
	case "":
		return "als Anliegen " + conference.Of()
	}
	return "als Anliegen " + conference.Of() + " über " + q.Via
}

// Request is an Anliegen of a FachMK to the IT-PLR; it can become an agenda
// item.
type Request struct {
	ID           int64
	ConferenceID int64
	Title        string
	Text         string
	ReceivedOn   Date
	Via          string // who brought it in: ViaConference, ViaSecretariat or a member abbreviation
	Status       RequestStatus
	ItemID       int64 // the agenda item it became; 0 if none
	// SubmittedBy is the user name of the FachMK secretariat's account that
	// submitted it ("" when the secretariat recorded it).
	SubmittedBy string
	// Reason is why the request was declined; the submitter sees it.
	Reason string
	// Outcome is what became of the agenda item, written when its decision
	// is taken or its registration declined ("Beschluss B-2025/31-IT").
	Outcome string
	// WithdrawnBy and WithdrawnAt say who withdrew the request and when
	// (the account's user name; zero unless RequestWithdrawn).
	WithdrawnBy string
	WithdrawnAt time.Time
	Version     int
}

// Responsibility is a cell of the role/task matrix (concept Tabelle 3).
type Responsibility string

// Responsibilities.
const (
	ResponsibilityNone       Responsibility = ""
	ResponsibilityLead       Responsibility = "verantwortlich"
	ResponsibilitySupporting Responsibility = "unterstuetzend"
)

// Label gives the German name.
func (r Responsibility) Label() string {
	switch r {
	case ResponsibilityLead:
		return "Verantwortlich"
	case ResponsibilitySupporting:
		return "Unterstützend"
	}
	return "–"
}

// Task is a row of the role/task matrix: a task and who is responsible
// (Verantwortlich) or supporting (Unterstützend), spokesperson or FITKO.
type Task struct {
	ID           int64
	Position     int
	Text         string
	Spokesperson Responsibility
	FITKO        Responsibility
	Recurrence   Recurrence // how often the task is due per FachMK
	Version      int        // the version read; an edit on another is refused
}

// EvaluationQuestion is a question of the annual evaluation (concept
// Tabelle 2).
type EvaluationQuestion struct {
	ID       int64
	Position int
	Group    string // "Synchronisation von FachMK und fachpolitischen Sprecher:innen"
	Text     string
}

// Check refuses confidential marks in the question and its group, each at
// its form field (text, gruppe): the questionnaire goes as it is to the
// FachMK secretariats that answer it, readers outside the secretariat who
// see every word (Unmarked), so a marked passage would reach them as
// typed.
func (q EvaluationQuestion) Check() error {
	const why = " lesen die Geschäftsstellen der Fachministerkonferenzen, die den Fragebogen beantworten"
	return errors.Join(
		AtField("text", Unmarked(q.Text, "Die Frage"+why)),
		AtField("gruppe", Unmarked(q.Group, "Den Themenblock"+why)))
}

// EvaluationAnswer is one respondent's answer to a question in a year, on a
// scale from 1 (trifft nicht zu) to 5 (trifft voll zu).
type EvaluationAnswer struct {
	ID         int64
	QuestionID int64
	Year       int
	Respondent string // member abbreviation or FachMK abbreviation
	// ConferenceID is the FachMK the answer concerns: a spokesperson
	// answers per conference, a FachMK secretariat for its own.
	ConferenceID int64
	Role         Role // RoleSpokesperson or RoleFachMK
	Score        int
	Comment      string
	// Version counts the saves of the answer; the sum over a
	// questionnaire's answers is its Stand, which a form carries so that
	// a save from a page read before another account's is refused.
	Version int
	// ChangedBy and ChangedAt: the account that saved the answer last and
	// when (empty for answers saved before they were recorded).
	ChangedBy string
	ChangedAt time.Time
}

// Validate checks an answer.
func (a EvaluationAnswer) Validate() error {
	if a.Score < 1 || a.Score > 5 {
		return InputError("Die Bewertung muss zwischen 1 und 5 liegen, nicht %d.", a.Score)
	}
	if a.Respondent == "" || a.Year == 0 || a.QuestionID == 0 {
		return InputError("Eine Antwort der Evaluation braucht Frage, Jahr und antwortende Person.")
	}
	// A comment is shown word for word to the internal readers: a
	// passage marked confidential there was shown as typed, "[[…]]" and
	// all, as if it were kept back.
	return Unmarked(a.Comment, "Die Anmerkung wird den internen Leser:innen wörtlich gezeigt")
}

// AuditEntry is one line of the audit log: who changed what, when, and
// the changed values before and after.
type AuditEntry struct {
	ID       int64
	At       time.Time
	Actor    string
	Action   string // "create", "update", "adopt", "login", …
	Entity   string // "session", "decision", "login", …
	EntityID int64
	Detail   string
	// Before and After are JSON objects of the recorded columns (for a
	// creation only After, for a removal only Before, otherwise the
	// changed columns); "" when the entry records an event only.
	Before, After string
	// Hash chains the entry to the one before (see the store's audit chain).
	Hash string
}

// Assessment is one line of a decision profile (Beschluss-Steckbrief): is
// the decision relevant for a FachMK, and why. The reporting member decides.
type Assessment struct {
	DecisionID   int64
	ConferenceID int64
	Relevant     bool
	Reason       string
	AssessedBy   string
	AssessedAt   time.Time
}
