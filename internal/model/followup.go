package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// FollowUpStatus is the state of an Auftrag. "überfällig" is not a status:
// it is computed from the deadline (OverdueAt).
type FollowUpStatus string

// Follow-up statuses.
const (
	FollowUpOpen       FollowUpStatus = "offen"
	FollowUpInProgress FollowUpStatus = "in_arbeit"
	FollowUpDone       FollowUpStatus = "erledigt"
	FollowUpDropped    FollowUpStatus = "entfallen"
)

// FollowUpStatuses lists the statuses in the order of the forms.
var FollowUpStatuses = []FollowUpStatus{FollowUpOpen, FollowUpInProgress, FollowUpDone, FollowUpDropped}

// Label gives the German name.
func (s FollowUpStatus) Label() string {
	switch s {
	case FollowUpOpen:
		return "offen"
	case FollowUpInProgress:
		return "in Arbeit"
	case FollowUpDone:
		return "erledigt"
	case FollowUpDropped:
		return "entfallen"
	}
	return string(s)
}

// Valid reports whether s is a known status.
func (s FollowUpStatus) Valid() bool {
	for _, v := range FollowUpStatuses {
		if v == s {
			return true
		}
	}
	return false
}

// Pending reports whether work on the follow-up is still owed (offen or in
// Arbeit): only such follow-ups can be overdue or count as open.
func (s FollowUpStatus) Pending() bool { return s == FollowUpOpen || s == FollowUpInProgress }

// FollowUpSource is the kind of minutes row a follow-up was given in.
type FollowUpSource string

// Sources of a follow-up. The zero value means the agenda item as a whole
// (a follow-up entered on the live page without a row).
const (
	SourceItem         FollowUpSource = ""
	SourceDecision     FollowUpSource = "beschluss"
	SourceContribution FollowUpSource = "wortbeitrag"
	SourceNote         FollowUpSource = "protokollnotiz"
	SourceRemark       FollowUpSource = "vermerk" // a free text row of the minutes
)

// Label gives the German name of the source.
func (s FollowUpSource) Label() string {
	switch s {
	case SourceDecision:
		return "Beschluss"
	case SourceContribution:
		return "Wortbeitrag"
	case SourceNote:
		return "Protokollnotiz"
	case SourceRemark:
		return "Text im Protokoll"
	}
	return "Tagesordnungspunkt"
}

// untitledItem is what the title the importer gives an item the minutes
// name no title for says of it (minutes.UntitledItem: "Übergreifendes (im
// Protokoll ohne Titel)", or "Im Protokoll ohne Titel" without section).
const untitledItem = "im Protokoll ohne Titel"

// FollowUpItem names the agenda item a follow-up was given in as the
// follow-up's source line reads it: "47. Sitzung, TOP 12 Gemeinsame
// EfA-Finanzierung"; an item without number after its title,
// "47. Sitzung, Übergreifendes (TOP ohne Nummer)". The title the importer
// gives an item the minutes name none for stays the item's title on its
// session's page; here it is read as the section it stands in ("Grüne
// Liste (im Protokoll ohne Titel)" reads "Grüne Liste"), so that the line
// does not stack parentheses ("TOP (ohne Nummer) Grüne Liste (im
// Protokoll ohne Titel)", as it read before). session is the session's
// title (Session.Title), number and title the item's.
func FollowUpItem(session, number, title string) string {
	title = strings.Join(strings.Fields(title), " ")
	if strings.EqualFold(title, untitledItem) {
		title = ""
	}
	title = strings.TrimSuffix(title, " ("+untitledItem+")")
	var item string
	switch {
	case number != "" && title != "":
		item = "TOP " + number + " " + title
	case number != "":
		item = "TOP " + number
	case title == "":
		item = "TOP ohne Nummer"
	case strings.HasSuffix(title, ")"):
		// "Bericht (Informationssicherheit) (TOP ohne Nummer)" stacked
		// them again.
		item = "TOP ohne Nummer: " + title
	default:
		item = title + " (TOP ohne Nummer)"
	}
	return session + ", " + item
}

// FollowUpSourceLine says where a follow-up was given, as its list, its
// page and the list's CSV and PDF export read it: the item
// (FollowUpItem), after the kind of row unless the follow-up was given in
// the item as a whole — "Beschluss in 47. Sitzung, TOP 12 Gemeinsame
// EfA-Finanzierung", "47. Sitzung, Grüne Liste (TOP ohne Nummer)" — not
// "… (Tagesordnungspunkt)" after an item the line names already.
func FollowUpSourceLine(session, number, title string, src FollowUpSource) string {
	line := FollowUpItem(session, number, title)
	if k := src.Kind(); k != "" {
		return k + " in " + line
	}
	return line
}

// Kind gives the kind of row a follow-up's source line names before the
// item ("Beschluss", "Wortbeitrag", …; FollowUpSourceLine): "" for the
// agenda item as a whole, which the line names anyway.
func (s FollowUpSource) Kind() string {
	if l := s.Label(); l != SourceItem.Label() {
		return l
	}
	return ""
}

// FollowUp is an Auftrag from a decision or a discussion: who does what by
// when. The deadline is a date ("bis zum 31.08.2025"), a session ("spätestens
// zur 49. Sitzung"), both, or neither.
type FollowUp struct {
	ID          int64
	DecisionID  int64 // 0 if the follow-up comes from discussion
	ItemID      int64 // the agenda item it arose in; 0 if none
	Text        string
	Responsible string // member abbreviations or bodies: "FITKO", "PG EfA-Finanzierung, FITKO"
	DueDate     Date
	DueSession  int
	Status      FollowUpStatus
	// Source is the kind of row the follow-up was given in, SourceID that
	// row's id (a contribution or protocol note; for a decision DecisionID).
	Source   FollowUpSource
	SourceID int64
	// The evidence of an erledigt follow-up: the date, a text, a document,
	// or the decision or agenda item that closed it. Of an entfallen one,
	// EvidenceText is the reason (Begründung) why it is no longer owed.
	DoneOn             Date
	EvidenceText       string
	EvidenceDocumentID int64
	EvidenceDecisionID int64
	EvidenceItemID     int64
	// ProposalKey names the proposal (from the minutes' wording) the
	// secretariat confirmed into this follow-up; "" if entered directly.
	ProposalKey string
	Version     int
	// Number is the follow-up's public number ("Auftrag Nr. 12"): given
	// once, the next of all follow-ups, when the publication gate first
	// lets the public see the follow-up (FollowUpPublic), and kept for
	// ever, also when it is no longer public; 0 while it never was. The
	// public addresses name it (Path), never ID: the row ids are shared
	// with the follow-ups the public does not see (the AL-Runde's, those
	// of proposals not adopted), and their gaps would count those.
	Number int64
}

// FollowUpNumberPath gives the public address of the follow-up with the
// public number n: /auftraege/nr/12.
func FollowUpNumberPath(n int64) string { return fmt.Sprintf("/auftraege/nr/%d", n) }

// Path gives the address of the follow-up's page: by its public number
// once it has one (FollowUpNumberPath), for every reader alike, so that
// an address passed on from an internal page works for the public too;
// before, by its internal id (/auftraege/17), which only internal
// readers open.
func (f FollowUp) Path() string {
	if f.Number != 0 {
		return FollowUpNumberPath(f.Number)
	}
	return fmt.Sprintf("/auftraege/%d", f.ID)
}

// Validate checks a follow-up: a text, a known status, and for erledigt
// the evidence (a date and at least one of text, document, decision, item).
// It gives every reason at once (errors.Join), each at the form's field it
// is about (text, status, frist_sitzung, erledigt_am, nachweis), so that a
// form or the API names every mistake, not the first only.
func (f FollowUp) Validate() error {
	var errs []error
	refuse := func(field string, err error) { errs = append(errs, AtField(field, err)) }
	if strings.TrimSpace(f.Text) == "" {
		refuse("text", InputError("Ein Auftrag braucht einen Text."))
	}
	if !f.Status.Valid() {
		refuse("status", InputError("Der Status „%s“ eines Auftrags ist unbekannt.", f.Status))
	}
	if f.DueSession < 0 {
		refuse("frist_sitzung", InputError("Die Frist „zur N. Sitzung“ braucht eine positive Sitzungsnummer."))
	}
	if f.Status == FollowUpDone {
		errs = append(errs, ErrorsOf(f.CheckDone())...)
	}
	return errors.Join(errs...)
}

// CheckDone checks what a follow-up reported as erledigt needs: the date
// of its completion and an evidence (a text, a document, the decision or
// agenda item that completed it); every reason at its field (erledigt_am,
// nachweis).
func (f FollowUp) CheckDone() error {
	var errs []error
	if f.DoneOn.IsZero() {
		errs = append(errs, AtField("erledigt_am", InputError("Ein erledigter Auftrag braucht das Datum der Erledigung.")))
	}
	if strings.TrimSpace(f.EvidenceText) == "" && f.EvidenceDocumentID == 0 && f.EvidenceDecisionID == 0 && f.EvidenceItemID == 0 {
		errs = append(errs, AtField("nachweis", InputError("Ein erledigter Auftrag braucht einen Nachweis: einen Text, den Beschluss oder Tagesordnungspunkt, der ihn erledigt hat, oder ein Dokument der Sitzung (sofern eines hochgeladen ist).")))
	}
	return errors.Join(errs...)
}

// CheckDropped checks what a follow-up reported as entfallen needs: the
// reason (Begründung) why it is no longer owed, at the field begruendung,
// as an erledigt one needs its evidence (CheckDone). The reason is kept in
// EvidenceText.
func (f FollowUp) CheckDropped() error {
	if strings.TrimSpace(f.EvidenceText) == "" {
		return AtField("begruendung", InputError("Ein entfallener Auftrag braucht eine Begründung: bitte im Feld „Begründung“ angeben, warum er nicht mehr zu erledigen ist."))
	}
	return nil
}

// DropReason gives the reason (Begründung) of an entfallen follow-up; ""
// for any other status.
func (f FollowUp) DropReason() string {
	if f.Status != FollowUpDropped {
		return ""
	}
	return f.EvidenceText
}

// CheckDeadline refuses a deadline before the session the follow-up is
// given in (given; its Number 0: no session, as for a written procedure):
// a date before the session's day, or a due session ("zur N. Sitzung",
// always in the council's numbering) that is not after the council's
// session after — for the council the session given itself, for a
// preparatory body (the AL-Runde) the last council session before it; 0
// checks no due session. Such a follow-up would be überfällig the moment
// it is given. The reason names the form's field (frist, frist_sitzung)
// and the session as it is called ("40. Sitzung", "40. AL-Runde").
func (f FollowUp) CheckDeadline(given Session, after int) error {
	if given.Number == 0 {
		return nil
	}
	if !f.DueDate.IsZero() && !given.Date.IsZero() && f.DueDate.Before(given.Date) {
		return AtField("frist", RuleError("Die Frist %s liegt vor der %s am %s, in der der Auftrag erteilt wird; er wäre sofort überfällig. Bitte ein späteres Datum angeben.",
			f.DueDate.German(), given.Title(), given.Date.German()))
	}
	if after <= 0 || f.DueSession <= 0 || f.DueSession > after {
		return nil
	}
	if after == given.Number && given.BodySlug == "" {
		return AtField("frist_sitzung", RuleError("Die Frist „zur %d. Sitzung“ liegt nicht nach der %d. Sitzung, in der der Auftrag erteilt wird; er wäre sofort überfällig. Bitte eine spätere Sitzung angeben.",
			f.DueSession, given.Number))
	}
	return AtField("frist_sitzung", RuleError("Die Frist „zur %d. Sitzung“ (des IT-Planungsrats) liegt nicht nach der %s, in der der Auftrag erteilt wird: vor ihr liegt schon die %d. Sitzung. Er wäre sofort überfällig. Bitte eine spätere Sitzung angeben.",
		f.DueSession, given.Title(), after))
}

// Deadline gives the deadline in words: "31.08.2025", "zur 49. Sitzung",
// both joined, or "" if there is none.
func (f FollowUp) Deadline() string { return f.DeadlineAt(nil) }

// DeadlineAt gives the deadline in words with the due session as planned
// (nil if it is not planned): "49. Sitzung (12.11.2025)" once the session
// has a date, "zur 49. Sitzung" before, "49. Sitzung – abgesagt" once it
// is cancelled.
func (f FollowUp) DeadlineAt(due *Session) string {
	var s string
	if !f.DueDate.IsZero() {
		s = f.DueDate.German()
	}
	if f.DueSession > 0 {
		if s != "" {
			s += ", spätestens "
		}
		switch {
		case f.DueSessionCancelled(due):
			// A cancelled session's date is no deadline any more.
			s += fmt.Sprintf("%d. Sitzung – abgesagt", f.DueSession)
		case due != nil && due.Number == f.DueSession && !due.Date.IsZero():
			s += fmt.Sprintf("%d. Sitzung (%s)", f.DueSession, due.Date.German())
		default:
			s += fmt.Sprintf("zur %d. Sitzung", f.DueSession)
		}
	}
	return s
}

// Overdue reports whether a pending follow-up has passed its deadline, given
// today's date and the number of the last session that has taken place.
func (f FollowUp) Overdue(today Date, lastSession int) bool {
	if !f.Status.Pending() {
		return false
	}
	if !f.DueDate.IsZero() && f.DueDate.Before(today) {
		return true
	}
	return f.DueSession > 0 && lastSession >= f.DueSession
}

// OverdueAt reports whether a pending follow-up is überfällig at now: its
// date has passed (German time), or the session it is due to has started
// (due is that session, nil if it is not planned).
func (f FollowUp) OverdueAt(now time.Time, due *Session) bool {
	if !f.Status.Pending() {
		return false
	}
	if !f.DueDate.IsZero() && f.DueDate.Before(BerlinDate(now)) {
		return true
	}
	// A cancelled session makes nothing overdue: the follow-up needs a new
	// deadline (NeedsNewDeadline).
	return f.DueSession > 0 && due != nil && due.Number == f.DueSession && !due.Cancelled() && due.StartedAt(now)
}

// NeedsNewDeadline reports whether a pending follow-up is due to a session
// that was cancelled (due, the session of its number): its deadline is
// gone, the secretariat sets a new one.
func (f FollowUp) NeedsNewDeadline(due *Session) bool {
	return f.Status.Pending() && f.DueSessionCancelled(due)
}

// DueSessionCancelled reports whether the session the follow-up is due to
// (due, the session of its number) was cancelled, whatever the follow-up's
// status: its deadline reads "49. Sitzung – abgesagt" (DeadlineAt).
func (f FollowUp) DueSessionCancelled(due *Session) bool {
	return f.DueSession > 0 && due != nil && due.Number == f.DueSession && due.Cancelled()
}

// DueAt gives the day the follow-up is due: its date, or the date of the
// session it is due to (nil, without a date or cancelled: none); the
// earlier of both.
func (f FollowUp) DueAt(due *Session) Date {
	d := f.DueDate
	if f.DueSession > 0 && due != nil && due.Number == f.DueSession && !due.Date.IsZero() && !due.Cancelled() {
		if d.IsZero() || due.Date.Before(d) {
			d = due.Date
		}
	}
	return d
}

// StartedAt reports whether the session has started at now: it runs or has
// been held, or its planned start (date and time, German time; the start of
// the day without a time) has passed.
func (s Session) StartedAt(now time.Time) bool {
	if s.Status == StatusRunning || s.Held() {
		return true
	}
	if s.Date.IsZero() {
		return false
	}
	clock := s.StartTime
	if !validClock(clock) {
		clock = "00:00"
	}
	start, err := ParseBerlinTime(s.Date.String(), clock)
	return err == nil && !now.Before(start)
}

// Responsibles gives the responsible members or bodies one by one: the
// text split at commas, semicolons and "und", each once ("BE, BE" is BE:
// Distinct).
func (f FollowUp) Responsibles() []string {
	repl := strings.NewReplacer(";", ",", " und ", ",", " sowie ", ",")
	var out []string
	for _, p := range strings.Split(repl.Replace(f.Responsible), ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return Distinct(out)
}

// ResponsibleIs reports whether the member or body (its abbreviation, as
// written) is one of the responsible ones.
func (f FollowUp) ResponsibleIs(who string) bool {
	key := ResponsibleKey(who)
	return key != "" && strings.Contains(f.ResponsibleKeys(), ","+key+",")
}

// ResponsibleKeys gives the responsible ones as the store keeps them for
// the filter "Verantwortlich": each one case-folded, between commas
// (",he,fitko,"; "" if none). ResponsibleIs and the store's filter both
// match ResponsibleKey against it. They are read from the internal text,
// marks removed: a member named inside a passage marked confidential
// ("BE, ⟦BY⟧") is responsible all the same, reminded and allowed to
// report; only the public does not read it (PublicResponsibleKeys).
func (f FollowUp) ResponsibleKeys() string {
	rs := FollowUp{Responsible: StripMarks(f.Responsible)}.Responsibles()
	if len(rs) == 0 {
		return ""
	}
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(",")
		b.WriteString(foldKey(r))
	}
	b.WriteString(",")
	return b.String()
}

// PublicResponsibleKeys gives ResponsibleKeys of what the public reads of
// the responsible ones (Public.FollowUp): one in a passage marked
// confidential is no key, nor is one the public reads only in part
// ("B[geschwärzt]"). The public filter "Verantwortlich" matches against
// them, so that filtering by a member reveals no more than the public
// page shows (a follow-up with a blacked-out Bayern is not Bayern's).
func (f FollowUp) PublicResponsibleKeys() string {
	var kept []string
	for _, r := range (FollowUp{Responsible: Public.FollowUp(f).Responsible}).Responsibles() {
		if !strings.Contains(r, RedactedPlaceholder) {
			kept = append(kept, r)
		}
	}
	return FollowUp{Responsible: strings.Join(kept, ", ")}.ResponsibleKeys()
}

// ResponsibleKey gives the key of one responsible member or body (its
// abbreviation or name, as written; redaction marks do not count) to look
// up in ResponsibleKeys: "" if it is empty or could not be one responsible
// one (it holds a separator).
func ResponsibleKey(who string) string {
	who = strings.TrimSpace(StripMarks(who))
	if who == "" || len((FollowUp{Responsible: who}).Responsibles()) != 1 || strings.ContainsAny(who, ",;") {
		return ""
	}
	return foldKey(who)
}

// foldKey folds the case of s so that keys equal where strings.EqualFold
// would.
func foldKey(s string) string { return strings.ToLower(strings.ToUpper(s)) }

// HasEvidence reports whether any evidence of the follow-up's completion is
// recorded.
func (f FollowUp) HasEvidence() bool {
	return !f.DoneOn.IsZero() || f.EvidenceText != "" || f.EvidenceDocumentID != 0 || f.EvidenceDecisionID != 0 || f.EvidenceItemID != 0
}

// FollowUpComment is a comment on a follow-up: progress reported by a
// member's office or a note of the secretariat. Comments are internal.
type FollowUpComment struct {
	ID         int64
	FollowUpID int64
	Author     string // the account's name
	Member     string // the member the author acts for ("" for the secretariat)
	Text       string
	At         time.Time
}

// Implementation is the state of a decision's implementation
// (Beschlusscontrolling), rolled up from its follow-ups.
type Implementation string

// Implementation states; the zero value means the decision gives no
// follow-up.
const (
	ImplementationNone     Implementation = ""
	ImplementationOpen     Implementation = "offen"
	ImplementationProgress Implementation = "in_umsetzung"
	ImplementationDone     Implementation = "umgesetzt"
)

// Implementations lists the states a register filter offers.
var Implementations = []Implementation{ImplementationOpen, ImplementationProgress, ImplementationDone}

// Label gives the German name.
func (i Implementation) Label() string {
	switch i {
	case ImplementationOpen:
		return "offen"
	case ImplementationProgress:
		return "in Umsetzung"
	case ImplementationDone:
		return "umgesetzt"
	}
	return "ohne Aufträge"
}

// Valid reports whether i is a state a filter may ask for.
func (i Implementation) Valid() bool {
	for _, v := range Implementations {
		if v == i {
			return true
		}
	}
	return false
}

// ImplementationOf rolls follow-ups up into the state of their decision:
// umgesetzt when none is pending and at least one is erledigt, offen while
// every follow-up is still offen, in Umsetzung in between (one in Arbeit,
// or some erledigt and some pending). Dropped follow-ups count for nothing.
func ImplementationOf(fs []FollowUp) Implementation {
	var pending, started, done int
	for _, f := range fs {
		switch f.Status {
		case FollowUpOpen:
			pending++
		case FollowUpInProgress:
			pending++
			started++
		case FollowUpDone:
			done++
		}
	}
	switch {
	case pending == 0 && done == 0:
		return ImplementationNone
	case pending == 0:
		return ImplementationDone
	case started == 0 && done == 0:
		return ImplementationOpen
	}
	return ImplementationProgress
}

// LandImplementation is the implementation state of a decision in one Land.
type LandImplementation struct {
	Land  string
	State Implementation
}

// ImplementationPerLand gives, for a decision that binds only some Länder
// (lands, in their order), the state in each of them: from the follow-ups
// naming that Land, together with those naming no Land of the list (they
// are addressed to all).
func ImplementationPerLand(lands []string, fs []FollowUp) []LandImplementation {
	var common []FollowUp
	for _, f := range fs {
		named := false
		for _, l := range lands {
			if f.ResponsibleIs(l) {
				named = true
				break
			}
		}
		if !named {
			common = append(common, f)
		}
	}
	out := make([]LandImplementation, 0, len(lands))
	for _, l := range lands {
		own := append([]FollowUp(nil), common...)
		for _, f := range fs {
			if f.ResponsibleIs(l) {
				own = append(own, f)
			}
		}
		out = append(out, LandImplementation{Land: l, State: ImplementationOf(own)})
	}
	return out
}
