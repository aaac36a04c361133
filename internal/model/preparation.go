package model

import (
	"errors"
	"fmt"
	"gremium/internal/lazyre"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The two-stage cycle (issue 17): a body may have a preparatory body — the
// Abteilungsleiterrunde (AL-Runde) prepares the IT-Planungsrat — whose
// sessions come before the prepared body's, whose minutes are internal, and
// whose recommendations (Beschlussempfehlungen) on the prepared body's
// registered items decide how those items come to the prepared body's
// agenda, the Grüne Liste included. The AL-Runde votes by the same rules as
// the IT-Planungsrat (GO § 8a as amended by decision 2021/14: § 7 Abs. 1–4
// apply), so its body carries the IT-Planungsrat's DecisionRules as data.

// BodyPreparatory is the kind of a preparatory body (the AL-Runde).
const BodyPreparatory BodyKind = "vorbereitung"

// Preparation is how a preparatory body is tied to the body it prepares:
// the data of the two-stage cycle, kept on the preparatory body.
type Preparation struct {
	PreparesID int64 // the body prepared (the IT-PLR); 0: this body prepares none
	// Slug is the part of the address of the body's pages
	// (/gremien/{slug}/sitzungen/…); "" for the council itself.
	Slug string
	// Internal keeps the body's sessions, minutes and decisions off every
	// public surface (the publication gate reads it).
	Internal bool
	// LeadWeeks: the preparatory session is held this many weeks before
	// the session it prepares.
	LeadWeeks int
	// RegistrationDays: the prepared body's registration deadline lies
	// this many days before the preparatory session (items must reach the
	// AL-Runde); DocumentDays: the preparatory body's document deadline.
	RegistrationDays int
	DocumentDays     int
}

// PrepSchedule is the derived schedule of one session of the prepared
// body: the date of its preparatory session, the prepared body's
// registration deadline and the preparatory body's document deadline.
type PrepSchedule struct {
	Session             Date // the prepared body's session (IT-PLR)
	PrepSession         Date // the preparatory session (AL-Runde)
	RegistrationClosing Date // Anmeldeschluss for the prepared body
	DocumentsDue        Date // Unterlagenfrist of the preparatory body
}

// Schedule derives the preparatory dates of a session of the prepared body
// held on date. It gives the zero schedule for a zero date.
func (p Preparation) Schedule(date Date) PrepSchedule {
	if date.IsZero() {
		return PrepSchedule{}
	}
	return p.ScheduleWith(date, addDays(date, -7*p.LeadWeeks))
}

// ScheduleWith gives the schedule of a session on date whose preparatory
// session is held on prep (planned on another day than the lead time
// gives): the deadlines follow the preparatory session.
func (p Preparation) ScheduleWith(date, prep Date) PrepSchedule {
	if prep.IsZero() {
		return PrepSchedule{Session: date}
	}
	return PrepSchedule{Session: date, PrepSession: prep,
		RegistrationClosing: addDays(prep, -p.RegistrationDays), DocumentsDue: p.DocumentsDue(prep)}
}

// DocumentsDue gives the document deadline (Unterlagenfrist) of a
// preparatory session held on prep: DocumentDays before it; the zero date
// for a zero date.
func (p Preparation) DocumentsDue(prep Date) Date {
	if prep.IsZero() {
		return Date{}
	}
	return addDays(prep, -p.DocumentDays)
}

func addDays(d Date, n int) Date { return BerlinDate(d.Time().AddDate(0, 0, n).Add(12 * time.Hour)) }

// DaysAfter gives the date n calendar days after d (before it for a
// negative n).
func DaysAfter(d Date, n int) Date { return addDays(d, n) }

// Validate checks a preparatory body's settings.
func (p Preparation) Validate() error {
	if p.LeadWeeks < 0 || p.RegistrationDays < 0 || p.DocumentDays < 0 {
		return InputError("Vorlauf und Fristen eines vorbereitenden Gremiums dürfen nicht negativ sein.")
	}
	if p.PreparesID != 0 && p.Slug == "" {
		return InputError("Ein vorbereitendes Gremium braucht ein Adresskürzel (zum Beispiel „al-runde“).")
	}
	for _, r := range p.Slug {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return InputError("Das Adresskürzel „%s“ darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.", p.Slug)
		}
	}
	return nil
}

// RecommendationKind is what a Beschlussempfehlung recommends.
type RecommendationKind string

// Recommendation kinds.
const (
	RecommendAdopt        RecommendationKind = "annehmen"           // Annahme wie vorgeschlagen
	RecommendAdoptChanged RecommendationKind = "annehmen_geaendert" // Annahme mit Änderungen
	RecommendDiscuss      RecommendationKind = "beraten"            // Beratung im IT-Planungsrat
	RecommendReject       RecommendationKind = "nicht_annehmen"     // keine Annahme
)

// RecommendationKinds lists the kinds in the order forms offer them.
var RecommendationKinds = []RecommendationKind{RecommendAdopt, RecommendAdoptChanged, RecommendDiscuss, RecommendReject}

// Label gives the German wording.
func (k RecommendationKind) Label() string {
	switch k {
	case RecommendAdopt:
		return "Annahme wie vorgeschlagen"
	case RecommendAdoptChanged:
		return "Annahme mit Änderungen"
	case RecommendDiscuss:
		return "Beratung im IT-Planungsrat"
	case RecommendReject:
		return "keine Annahme"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k RecommendationKind) Valid() bool {
	for _, v := range RecommendationKinds {
		if v == k {
			return true
		}
	}
	return false
}

// ConsentState is where an item recommended for the Grüne Liste stands.
type ConsentState string

// Consent states.
const (
	ConsentNone      ConsentState = ""
	ConsentProposed  ConsentState = "vorgeschlagen"  // recommended, awaiting the secretariat
	ConsentConfirmed ConsentState = "bestaetigt"     // on the Grüne Liste
	ConsentPulled    ConsentState = "herausgenommen" // pulled by a member: treated singly
)

// Label gives the German wording.
func (c ConsentState) Label() string {
	switch c {
	case ConsentProposed:
		return "für die Grüne Liste vorgeschlagen"
	case ConsentConfirmed:
		return "auf der Grünen Liste"
	case ConsentPulled:
		return "von der Grünen Liste genommen"
	}
	return ""
}

// Recommendation is a Beschlussempfehlung of a preparatory body on a
// registered item of the body it prepares. It is decided like any proposal:
// DecisionID names the preparatory body's decision whose count gives it.
type Recommendation struct {
	ID               int64
	BodyID           int64 // the preparatory body
	SessionID        int64 // its session
	ItemID           int64 // the item of its session that carries it
	DecisionID       int64 // the decision counted; 0 for a recommendation imported without one
	TargetItemID     int64 // the registered item of the prepared body
	TargetDecisionID int64 // the proposal on that item; 0 if it has none
	Kind             RecommendationKind
	GreenList        bool    // recommended for adoption without discussion
	Points           []Point // the changed text (adopt with changes)
	OriginalPoints   []Point // the proposal's text before the change
	Consent          ConsentState
	PulledBy         string // the member that took it off the Grüne Liste
	Reference        string // how an imported IT-PLR minutes named it
	// WithoutEffect says, in German, why a recommendation given once the
	// session it is for was no longer coming took no effect
	// (Session.LateRecommendation); "" when it took effect or is not given.
	WithoutEffect string
	Version       int

	// Read with it: the preparatory session and body, and the status of
	// its decision (adopted: the recommendation is given).
	SessionNumber int
	SessionDate   Date
	BodyAbbrev    string
	Status        DecisionStatus
	Internal      bool // the preparatory body keeps it internal
	// CarriedFrom is, when the recommendation is shown on an item deferred
	// from an earlier session (TargetItemID the item carrying it), the
	// item it was given for; 0 otherwise. Its Grüne Liste state stays
	// with that item's session.
	CarriedFrom int64
}

// Given reports whether the preparatory body gave the recommendation (its
// decision is adopted).
func (r Recommendation) Given() bool { return r.Status == DecisionAdopted }

// LateRecommendation gives, for a session no longer coming (begun, held,
// cancelled), why a recommendation counted now takes no effect on it: it
// changes neither the proposal's text nor the Grüne Liste. "" while the
// session is coming (planned or convened).
func (s Session) LateRecommendation() string {
	if s.Cancelled() {
		return fmt.Sprintf("Die %s war abgesagt, als die Empfehlung beschlossen wurde.", s.Title())
	}
	if s.Status != StatusPlanned && s.Status != StatusConvened {
		return fmt.Sprintf("Die %s hatte schon begonnen, als die Empfehlung beschlossen wurde; sie ändert weder den Beschlussvorschlag noch die Grüne Liste.", s.Title())
	}
	return ""
}

// Caption gives "Beschlussempfehlung der 39. AL-Runde vom 02.10.2025", or
// for one decided in written procedure "Beschlussempfehlung der AL-Runde im
// Umlaufverfahren vom 02.10.2025".
func (r Recommendation) Caption() string {
	s := fmt.Sprintf("Beschlussempfehlung der %d. %s", r.SessionNumber, r.BodyAbbrev)
	if r.SessionNumber == 0 {
		s = "Beschlussempfehlung der " + r.BodyAbbrev + " im Umlaufverfahren"
	}
	if !r.SessionDate.IsZero() {
		s += " vom " + r.SessionDate.German()
	}
	return s
}

// Summary gives the recommendation in one German sentence part:
// "Annahme wie vorgeschlagen, ohne Aussprache (Grüne Liste)".
func (r Recommendation) Summary() string {
	s := r.Kind.Label()
	if r.GreenList {
		s += ", ohne Aussprache (Grüne Liste)"
	}
	return s
}

// Validate checks a recommendation before it is proposed; a reason names
// its form field (AtField: empfehlung, gruene_liste, text). It gives every
// reason at once (errors.Join), not the first only.
func (r Recommendation) Validate() error {
	var errs []error
	if !r.Kind.Valid() {
		errs = append(errs, AtField("empfehlung", InputError("Bitte wählen Sie, was die Beschlussempfehlung empfiehlt.")))
	}
	if r.GreenList && r.Kind != RecommendAdopt && r.Kind != RecommendAdoptChanged {
		errs = append(errs, AtField("gruene_liste", InputError("Für die Grüne Liste kann nur die Annahme empfohlen werden.")))
	}
	if r.Kind == RecommendAdoptChanged && len(r.Points) == 0 {
		errs = append(errs, AtField("text", InputError("Bei „Annahme mit Änderungen“ gehört der geänderte Beschlusstext zur Empfehlung.")))
	}
	if r.Kind != RecommendAdoptChanged && len(r.Points) > 0 {
		errs = append(errs, AtField("text", InputError("Einen geänderten Beschlusstext gibt es nur bei „Annahme mit Änderungen“.")))
	}
	var texts []string
	for _, p := range r.Points {
		texts = append(texts, p.Text)
	}
	if err := CheckTextLength(strings.Join(texts, ""), "Der geänderte Beschlusstext", TextMax); err != nil {
		errs = append(errs, AtField("text", err))
	}
	if r.TargetItemID == 0 {
		errs = append(errs, InputError("Die Empfehlung gilt einem angemeldeten TOP des IT-Planungsrats; der TOP fehlt."))
	}
	return errors.Join(errs...)
}

// CheckGreenListProposal refuses an item for the Grüne Liste (the consent
// agenda, adopted en bloc without discussion) that has no proposal
// (Beschlussvorschlag) to adopt: a report or a Kenntnisnahme. The en-bloc
// vote adopts the list's proposals, so such an item would stand on the
// list with nothing decided. The one rule of the recommendation's choice
// "ohne Aussprache" and the secretariat's tick on the management page;
// the reason stands at the field gruene_liste.
func CheckGreenListProposal(title string, hasProposal bool) error {
	if hasProposal {
		return nil
	}
	return AtField("gruene_liste", RuleError("Auf die Grüne Liste kommen nur TOPs mit einem Beschlussvorschlag, den der IT-Planungsrat ohne Aussprache annimmt; zu „%s“ liegt keiner vor.", title))
}

// RecommendationDeadline checks the deadline of a written procedure on a
// recommendation for session s: the recommendation is for the session,
// and given after its start it would change the proposal's text or
// propose the Grüne Liste while the session deliberates, or after. The
// reason stands at the deadline's date (frist_datum).
func (s Session) RecommendationDeadline(deadline time.Time) error {
	if !s.StartedAt(deadline) {
		return nil
	}
	start := s.Date.German()
	if s.StartTime != "" {
		start += ", " + s.StartTime + " Uhr"
	}
	return AtField("frist_datum", RuleError("Die Frist muss vor Beginn der %s (%s) liegen: die Empfehlung ist für diese Sitzung bestimmt.", s.Title(), start))
}

// ProposedRecommendationDeadline gives the deadline the form of a written
// procedure on a recommendation for session s proposes at now, one that
// can be taken (after now, before the session's start, as
// RecommendationDeadline asks): a week from now at 12:00; if that is not
// before the start, the day before the session at 12:00; if that has
// passed, an hour before the start (the start of the day without a start
// time). False when none of these comes between now and the start.
func (s Session) ProposedRecommendationDeadline(now time.Time) (time.Time, bool) {
	if s.Date.IsZero() || s.StartedAt(now) {
		return time.Time{}, false
	}
	clock := s.StartTime
	if !validClock(clock) {
		clock = "00:00"
	}
	start, err := ParseBerlinTime(s.Date.String(), clock)
	if err != nil {
		return time.Time{}, false
	}
	noon := func(d Date) time.Time {
		t, _ := ParseBerlinTime(d.String(), "12:00")
		return t
	}
	for _, t := range []time.Time{noon(DaysAfter(BerlinDate(now), 7)), noon(DaysAfter(s.Date, -1)), start.Add(-time.Hour)} {
		if t.After(now) && t.Before(start) {
			return t, true
		}
	}
	return time.Time{}, false
}

// CanPull reports whether an item on (or proposed for) the Grüne Liste may
// still be taken off it by a member, as far as the session's status
// tells: before the prepared session ends. That the list has not been
// adopted yet the store checks in the pull's transaction
// (AgendaItem.CheckPullable).
func (r Recommendation) CanPull(target Session) bool {
	if r.CarriedFrom != 0 || r.Consent != ConsentProposed && r.Consent != ConsentConfirmed {
		return false
	}
	switch target.Status {
	case StatusPlanned, StatusConvened, StatusRunning:
		return true
	}
	return false
}

// Line gives the recommendation as one line of the minutes: caption and
// summary ("Beschlussempfehlung der 39. AL-Runde vom 05.06.2025: Annahme wie
// vorgeschlagen, ohne Aussprache (Grüne Liste)"); ParseRecommendationLine
// reads it back.
func (r Recommendation) Line() string { return r.Caption() + ": " + r.Summary() }

// State gives where the recommendation stands on the Grüne Liste, as it
// follows its summary: " – von der Grünen Liste genommen (auf Wunsch von
// HE)" (the Bund in the genitive: "(auf Wunsch des Bundes)", PullWish), "
// – auf der Grünen Liste", and " – gegeben vor der Vertagung" for one
// carried from a deferred item; "" for none of these. Its WithoutEffect is
// said apart.
func (r Recommendation) State() string {
	var s string
	if l := r.Consent.Label(); l != "" {
		s += " – " + l
	}
	if w := r.PullWish(); w != "" {
		s += " (" + w + ")"
	}
	if r.CarriedFrom != 0 {
		s += " – " + carriedBeforeDeferral
	}
	return s
}

// PullWish names the member at whose request the recommendation's item
// was taken off the Grüne Liste, as State says it: "auf Wunsch von HE",
// "auf Wunsch des Bundes"; "" when no member took it off.
func (r Recommendation) PullWish() string { return PullWish(r.PulledBy) }

// PullWish names the member (its abbreviation) at whose request an item
// leaves the Grüne Liste: "auf Wunsch von HE", and the Bund in the
// genitive, "auf Wunsch des Bundes" (OfMembers), for "auf Wunsch von Bund"
// is no German; "" for no member. pullWisher reads it back.
func PullWish(member string) string {
	if member == "" {
		return ""
	}
	return "auf Wunsch " + OfMembers([]string{member})
}

// pullWisher reads the member named after "auf Wunsch " (PullWish): "von
// HE" gives HE, "des Bundes" the Bund — and so does "von Bund", as
// recommendations stated before the genitive read in stored minutes.
func pullWisher(s string) string {
	if s == "des "+bundGenitive {
		return bund
	}
	return strings.TrimPrefix(s, "von ")
}

// carriedBeforeDeferral is State's words for a recommendation carried
// from a deferred item.
const carriedBeforeDeferral = "gegeben vor der Vertagung"

// Statement gives the recommendation as every surface of the minutes
// states it: its Line and its State ("Beschlussempfehlung der 40.
// AL-Runde vom 05.12.2026: Annahme wie vorgeschlagen, ohne Aussprache
// (Grüne Liste) – von der Grünen Liste genommen (auf Wunsch von HE)");
// ParseRecommendationLine reads it back.
func (r Recommendation) Statement() string { return r.Line() + r.State() }

var recommendationLine = lazyre.New(`^Beschlussempfehlung der (?:(\d+)\.\s+(\S+)|(\S+) im Umlaufverfahren)(?: vom (\d{2}\.\d{2}\.\d{4}))?: (.+?)(, ohne Aussprache \(Grüne Liste\))?` +
	`(?: – (` + regexp.QuoteMeta(ConsentProposed.Label()) + `|` + regexp.QuoteMeta(ConsentConfirmed.Label()) + `|` + regexp.QuoteMeta(ConsentPulled.Label()) + `)(?: \(auf Wunsch ((?:von|des) [^()]+)\))?)?` +
	`( – ` + carriedBeforeDeferral + `)?(?: – ohne Wirkung: (.+))?$`)

// ParseRecommendationLine reads a line written by Recommendation.Line or
// Statement, optionally followed by " – ohne Wirkung: " and the reason:
// the number and body of the preparatory session (number 0 for a written
// procedure), its date, the kind, whether the Grüne Liste was recommended,
// its Consent, PulledBy and WithoutEffect; Reference keeps the line.
// CarriedFrom, an item's id, is not read (a carried recommendation reads
// as one of the item).
func ParseRecommendationLine(s string) (Recommendation, bool) {
	s = strings.TrimSpace(s)
	m := recommendationLine.FindStringSubmatch(s)
	if m == nil {
		return Recommendation{}, false
	}
	r := Recommendation{BodyAbbrev: m[2] + m[3], GreenList: m[6] != "", Reference: s}
	if m[1] != "" {
		r.SessionNumber, _ = strconv.Atoi(m[1])
	}
	if m[4] != "" {
		d, err := ParseDate(m[4])
		if err != nil {
			return Recommendation{}, false
		}
		r.SessionDate = d
	}
	for _, k := range RecommendationKinds {
		if k.Label() == m[5] {
			r.Kind = k
		}
	}
	for _, c := range []ConsentState{ConsentProposed, ConsentConfirmed, ConsentPulled} {
		if m[7] != "" && c.Label() == m[7] {
			r.Consent = c
		}
	}
	r.PulledBy, r.WithoutEffect = pullWisher(m[8]), m[10]
	return r, r.Kind != "" && (r.SessionNumber > 0 || m[3] != "")
}
