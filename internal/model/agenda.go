package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Goal is the Ziel of an agenda item.
type Goal string

// Goals of agenda items.
const (
	GoalNone       Goal = ""
	GoalDecision   Goal = "Beschluss"
	GoalDiscussion Goal = "Diskussion"
	GoalNoting     Goal = "Kenntnisnahme"
	GoalReport     Goal = "Bericht"
)

// Goals lists the goals an item can have.
var Goals = []Goal{GoalDecision, GoalDiscussion, GoalNoting, GoalReport}

// Valid reports whether g is empty or a known goal.
func (g Goal) Valid() bool {
	if g == GoalNone {
		return true
	}
	for _, v := range Goals {
		if v == g {
			return true
		}
	}
	return false
}

// ItemFlags are the outcome checkboxes of an agenda item in the minutes.
type ItemFlags struct {
	Decision       bool // Beschluss
	Note           bool // Protokollnotiz
	Recommendation bool // Beschlussempfehlung (IT-PLR)
	FollowUp       bool // Follow-Up
}

// Outcome gives the boxes the minutes tick for an item whose recorded
// boxes are f — one rule for every audience and every rendering (page,
// PDF, text export, JSON), so that the internal and the public minutes
// give the same answer. "Beschluss" says that a decision was taken:
// adopted is true where an adopted decision stands on the item; a
// proposal rejected or never voted on decides nothing (the box is recorded
// when a proposal is put on the item, so it told of the proposal, not of a
// decision). "Beschlussempfehlung (IT-PLR)" likewise, or where the item
// carries a recommendation it gave (recommended: an AL-Runde item, also
// one imported without its decision). "Follow-Up" not where the item has
// follow-ups and every one was given by a proposal not adopted (standing
// is how many were given from the discussion or by an adopted decision;
// an item without follow-ups keeps the box as recorded, as imported
// minutes bring it). "Protokollnotiz" as recorded.
func (f ItemFlags) Outcome(adopted, recommended bool, followUps, standing int) ItemFlags {
	if !adopted {
		f.Decision = false
		f.Recommendation = f.Recommendation && recommended
	}
	if followUps > 0 && standing == 0 {
		f.FollowUp = false
	}
	return f
}

// ReportingFachMKTitle is the title of the standard item every agenda carries
// (concept section 2.1).
const ReportingFachMKTitle = "Reporting FachMK"

// AgendaItem is a Tagesordnungspunkt (TOP) of a session.
type AgendaItem struct {
	ID        int64
	SessionID int64
	SectionID int64    // the Schwerpunktthema; 0 if none
	Number    string   // "08"; "" for items the minutes give without number
	Title     string   // "Steuerungsgruppe NOOTS"
	Points    []string // the "›" bullet points under the title
	Goal      Goal
	Sources   []string // Quelle: earlier decisions, "B-2025/13-IT"
	Reporters []string // BE: member abbreviations, "ST", "FITKO"
	Flags     ItemFlags
	Consent   bool // on the consent agenda (Grüne Liste)
	Position  int  // order within the session
	// FachMK-impact statement of the registering member (GO §4 II (2)).
	Impact Impact
	// Registration (Anmeldung) by a member: who, when, whether after the
	// deadline, and where the secretariat's decision on it stands.
	Status       ItemStatus
	RegisteredBy string // member abbreviation; "" for items the secretariat set
	RegisteredAt time.Time
	Late         bool
	// Deferral: the item was deferred (vertagt) to a later session, or
	// stands here deferred from an earlier one.
	Deferral Deferral
	// DeclineReason is why the secretariat declined the registration
	// (Status ItemDeclined; "" when it gave none).
	DeclineReason string
	// ChangeRequest is the change the secretariat asked of the
	// registration ("Änderung erbeten", with its reason): it waits for
	// the member office, which changes it and so sends it back (""
	// again). Only with Status ItemRegistered; never public.
	ChangeRequest string
	Version       int
}

// Deferral is the Vertagung of an agenda item to a later session of the
// same body. The item of the original session keeps To (the number of the
// later session) and stays in its agenda and minutes, without decision;
// the item on the later session's agenda (a new item with the documents,
// registration and FachMK statement of the original) keeps From.
type Deferral struct {
	To     int    // number of the session the item was deferred to; 0: not deferred
	From   int    // number of the session the item was deferred from; 0: none
	Reason string // optional; may mark confidential passages
}

// Deferred reports whether the item was deferred to a later session: no
// decision is taken on it here any more.
func (it AgendaItem) Deferred() bool { return it.Deferral.To > 0 }

// DeferredToLabel gives "vertagt auf die 49. Sitzung" ("" if not deferred).
func (d Deferral) DeferredToLabel() string {
	if d.To == 0 {
		return ""
	}
	return fmt.Sprintf("vertagt auf die %d. Sitzung", d.To)
}

// DeferredFromLabel gives "vertagt aus der 47. Sitzung" ("" if the item
// was not deferred here).
func (d Deferral) DeferredFromLabel() string {
	if d.From == 0 {
		return ""
	}
	return fmt.Sprintf("vertagt aus der %d. Sitzung", d.From)
}

// Line gives the deferral as the minutes state it under the item, e.g.
// "Vertagt aus der 47. Sitzung; vertagt auf die 49. Sitzung – Grund:
// Unterlagen fehlen" ("" for an item not deferred); ParseDeferralLine
// reads it back.
func (d Deferral) Line() string {
	var parts []string
	if d.From > 0 {
		parts = append(parts, d.DeferredFromLabel())
	}
	if d.To > 0 {
		parts = append(parts, d.DeferredToLabel())
	}
	if len(parts) == 0 {
		return ""
	}
	line := strings.Join(parts, "; ")
	line = "V" + line[1:]
	if d.Reason != "" {
		line += deferralReasonSep + d.Reason
	}
	return line
}

const deferralReasonSep = " – Grund: "

// ParseDeferralLine reads a line written by Deferral.Line.
func ParseDeferralLine(s string) (Deferral, bool) {
	var d Deferral
	rest, reason, hasReason := strings.Cut(strings.TrimSpace(s), deferralReasonSep)
	if hasReason {
		d.Reason = strings.TrimSpace(reason)
	}
	if !strings.HasPrefix(rest, "V") {
		return Deferral{}, false
	}
	for i, part := range strings.Split("v"+rest[1:], "; ") {
		var n int
		if _, err := fmt.Sscanf(part, "vertagt aus der %d. Sitzung", &n); err == nil && i == 0 && n > 0 && part == fmt.Sprintf("vertagt aus der %d. Sitzung", n) {
			d.From = n
		} else if _, err := fmt.Sscanf(part, "vertagt auf die %d. Sitzung", &n); err == nil && d.To == 0 && n > 0 && part == fmt.Sprintf("vertagt auf die %d. Sitzung", n) {
			d.To = n
		} else {
			return Deferral{}, false
		}
	}
	return d, d.From > 0 || d.To > 0
}

// Standard reports whether the item is one of the standard items every
// agenda carries (itplr.StandardItems): the opening "TOP 00" (Begrüßung,
// quorum, the last minutes, the Grüne Liste) and "Reporting FachMK",
// neither registered by a member.
func (it AgendaItem) Standard() bool {
	return it.RegisteredBy == "" && (it.Number == "00" || it.Title == ReportingFachMKTitle)
}

// CheckDeclineReason refuses confidential marks in the reason a
// registration is declined with, at the form's field (grund): the reason
// goes as it is to the registering office (its mail, its registration's
// page), which sees every word; nothing there is blacked out.
func CheckDeclineReason(reason string) error {
	if err := Unmarked(reason, "Der Grund der Ablehnung geht an das anmeldende Mitglied"); err != nil {
		return AtField("grund", err)
	}
	return nil
}

// ReportingFachMK reports whether the item is the standard item
// "Reporting FachMK" that closes the topics of every agenda (in
// "Übergreifendes"): an item accepted into a section goes before it.
func (it AgendaItem) ReportingFachMK() bool {
	return it.Standard() && it.Title == ReportingFachMKTitle
}

// CheckDeferrable refuses to defer an item: a standard item (the next
// agenda has its own), one already deferred, a registration not on the
// agenda, an item of a session that has ended (a cancelled session's
// items may go to a later one), an item with an adopted decision or a vote
// open on it. adopted and voting say whether the item has an adopted
// decision and an open vote.
func (it AgendaItem) CheckDeferrable(se Session, adopted, voting bool) error {
	switch {
	case it.Standard():
		return RuleError("%s gehört zu den Standard-TOPs jeder Tagesordnung; die nächste Sitzung hat ihren eigenen, er wird nicht vertagt.", it.Label())
	case it.Deferred():
		return RuleError("%s ist bereits %s.", it.Label(), it.Deferral.DeferredToLabel())
	case !it.OnAgenda():
		return RuleError("%s steht nicht auf der Tagesordnung (%s); nur ein TOP der Tagesordnung kann vertagt werden.", it.Label(), it.Status.Label())
	case se.Held():
		// A cancelled session's items may be deferred: they need a
		// session that takes place.
		return RuleError("Die %d. Sitzung ist %s; vertagt wird ein TOP einer geplanten oder laufenden Sitzung.", se.Number, se.StatusLabel())
	case adopted:
		return RuleError("Zu %s ist bereits ein Beschluss gefasst; ein beschlossener TOP kann nicht vertagt werden.", it.Label())
	case voting:
		return RuleError("Über %s wird gerade abgestimmt; erst die Abstimmung schließen, dann vertagen.", it.Label())
	}
	return nil
}

// DeferralTarget chooses the session an item of session from is deferred
// to among the body's sessions: the one numbered number, or with number 0
// the next one ("nächste Sitzung"). The target must come after from and
// be planned or convened and not cancelled.
func DeferralTarget(from Session, sessions []Session, number int) (Session, error) {
	var next *Session
	for i, s := range sessions {
		if s.Number <= from.Number || !s.Status.Ahead() || s.Cancelled() {
			continue
		}
		if number != 0 && s.Number == number {
			return s, nil
		}
		if number == 0 && (next == nil || s.Number < next.Number) {
			next = &sessions[i]
		}
	}
	if number != 0 {
		return Session{}, RuleError("Die %d. Sitzung ist keine spätere geplante Sitzung; vertagt wird auf eine geplante oder einberufene Sitzung nach der %d.", number, from.Number)
	}
	if next == nil {
		return Session{}, RuleError("Nach der %d. Sitzung ist keine Sitzung geplant; bitte zuerst die nächste Sitzung anlegen.", from.Number)
	}
	return *next, nil
}

// ItemStatus is where an agenda item stands on the way to the agenda.
type ItemStatus string

// Item statuses.
const (
	ItemRegistered ItemStatus = "angemeldet" // registered by a member, not yet decided
	ItemAccepted   ItemStatus = "angenommen" // on the agenda
	ItemDeclined   ItemStatus = "abgelehnt"  // declined by the secretariat
)

// Label gives the German name.
func (s ItemStatus) Label() string {
	switch s {
	case ItemRegistered:
		return "angemeldet"
	case ItemDeclined:
		return "abgelehnt"
	}
	return "auf der Tagesordnung"
}

// Impact is a member's statement whether FachMK planning is affected by an
// item (GO §4): either "none", or the affected conferences, with a note.
type Impact struct {
	Stated        bool    // a statement was made at all
	ConferenceIDs []int64 // affected FachMK (bodies)
	Note          string
}

// Label gives "TOP 08", or "TOP (ohne Nummer)".
func (it AgendaItem) Label() string {
	if it.Number == "" {
		return "TOP (ohne Nummer)"
	}
	return "TOP " + it.Number
}

// SectionBeside gives the name of the item's section as a list of items
// shows it beside the item's label and title ("TOP 10 – Bericht des
// Themenpaten (Informationssicherheit)"), or "" where the title names the
// section already: the same words ("TOP 00 – Begrüßung" in the section
// Begrüßung, which read "TOP 00 – Begrüßung (Begrüßung)"), or the
// section's name with a parenthesis, as an item the minutes give without
// title is named ("Übergreifendes (im Protokoll ohne Titel)").
func (it AgendaItem) SectionBeside(section string) string {
	name := strings.Join(strings.Fields(section), " ")
	title := strings.Join(strings.Fields(it.Title), " ")
	if name == "" || strings.EqualFold(title, name) || len(title) > len(name) && strings.EqualFold(title[:len(name)], name) && strings.HasPrefix(title[len(name):], " (") {
		return ""
	}
	return section
}

// optionTitleRunes is how much of an item's title a choice of items shows.
const optionTitleRunes = 40

// OptionLabel names the item in a list of items to choose from ("ab TOP",
// "Zu TOP"): its number and the start of its title, "TOP 08 – Bericht des
// Themenpaten …", so that items without a number or with the same number
// can be told apart; an item without a number is named by its place on the
// agenda ("3. (ohne Nummer) – …"). Confidential passages are kept, as the
// lists are internal.
func (it AgendaItem) OptionLabel() string {
	label := it.Label()
	if it.Number == "" {
		label = fmt.Sprintf("%d. (ohne Nummer)", it.Position)
	}
	title := strings.Join(strings.Fields(InternalText(it.Title)), " ")
	if title == "" {
		return label
	}
	if r := []rune(title); len(r) > optionTitleRunes {
		// Cut at the last space within the limit, so that no word is
		// broken off (unless the first word alone is that long).
		cut := string(r[:optionTitleRunes])
		if i := strings.LastIndex(cut, " "); i > 0 && len([]rune(cut[:i])) > optionTitleRunes/2 {
			cut = cut[:i]
		}
		title = strings.TrimRight(cut, " ,;:–-") + " …"
	}
	return label + " – " + title
}

// Validate checks an agenda item.
func (it AgendaItem) Validate() error {
	if it.SessionID == 0 {
		return InputError("Ein Tagesordnungspunkt gehört zu einer Sitzung; die Sitzung fehlt.")
	}
	switch it.Status {
	case "", ItemRegistered, ItemAccepted, ItemDeclined:
	default:
		return InputError("Der Status „%s“ eines Tagesordnungspunkts ist unbekannt.", it.Status)
	}
	if !it.Goal.Valid() {
		return InputError("Das Ziel „%s“ ist unbekannt; möglich sind Beschluss, Diskussion, Kenntnisnahme und Bericht.", it.Goal)
	}
	if strings.TrimSpace(InternalText(it.Title)) == "" {
		// Checked here so that every path meets it: the forms, the API,
		// the import of minutes.
		return InputError("%s braucht einen Titel.", it.Label())
	}
	if strings.ContainsAny(it.Number, " \t\n") {
		return InputError("Die TOP-Nummer „%s“ darf keine Leerzeichen enthalten.", it.Number)
	}
	if n := utf8.RuneCountInString(it.Number); n > ItemNumberMax {
		return AtField("nummer", InputError("Die TOP-Nummer ist mit %d Zeichen zu lang; höchstens %d sind möglich (etwa „12“ oder „3a“).", n, ItemNumberMax))
	}
	return errors.Join(AtField("punkte", CheckTextLength(strings.Join(it.Points, ""), "Der Text des Tagesordnungspunkts", TextMax)),
		CheckSourcesLength(it.Sources), CheckImpactNoteLength(it.Impact.Note))
}

// ItemNumberMax is the most characters a TOP number may have ("00",
// "12", "3a", "10.1"). Before, any length was stored: a number of 3,000
// digits stood on the session page and in the upload form's list.
const ItemNumberMax = 10

// Limits of an agenda item's short texts, in characters: the Quelle (the
// earlier decisions, as the registration form's one line gives them) and
// the note of the FachMK-impact statement (Erläuterung zur
// Betroffenheit). Before, a registration stored 200.000 characters of
// note and 30.000 of Quelle, by the form and by the API.
const (
	SourcesMax    = 1000
	ImpactNoteMax = 2000
)

// CheckSourcesLength refuses a Quelle longer than SourcesMax (the sources
// as the form's line gives them, separated by ", "), at the form's field
// quelle; nil if it is not.
func CheckSourcesLength(sources []string) error {
	return AtField("quelle", CheckTextLength(strings.Join(sources, ", "), "Die Quelle", SourcesMax))
}

// CheckImpactNoteLength refuses an Erläuterung zur Betroffenheit longer
// than ImpactNoteMax, at the form's field fachmk_hinweis; nil if it is
// not.
func CheckImpactNoteLength(note string) error {
	return AtField("fachmk_hinweis", CheckTextLength(strings.TrimSpace(note), "Die Erläuterung zur Betroffenheit", ImpactNoteMax))
}

// Contribution is one speaker's part of a discussion row (ON) in the minutes:
// the speaker and the points they made.
type Contribution struct {
	ID           int64
	ItemID       int64
	Position     int      // order among all minutes rows of the item
	Speaker      string   // member abbreviation or institution: "BSI", "HE", "Bund"
	Points       []string // each may contain redaction marks
	Confidential bool     // the whole contribution is redacted in the public version
	Version      int
}

// ProtocolNote is a Protokollnotiz (PN) by a named member.
type ProtocolNote struct {
	ID           int64
	ItemID       int64
	Position     int
	Author       string // as the minutes name it: "Berlin", "FITKO"
	Text         string
	Confidential bool
	Version      int
}

// RemarkKind classifies a free minutes row that is neither ON, BV nor PN.
type RemarkKind string

// Remark kinds.
const (
	RemarkText      RemarkKind = "text"      // free text: "Der Beschluss wird einstimmig beschlossen."
	RemarkIllegible RemarkKind = "illegible" // a part the source marks "[illegible]", kept as such
	RemarkRaw       RemarkKind = "raw"       // a fragment that could not be placed, kept verbatim
)

// Valid reports whether k is a known kind.
func (k RemarkKind) Valid() bool {
	return k == RemarkText || k == RemarkIllegible || k == RemarkRaw
}

// Remark is a free minutes row of an item.
type Remark struct {
	ID           int64
	ItemID       int64
	Position     int
	Kind         RemarkKind
	Text         string
	Confidential bool
	Version      int
}
