package model

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// FachMK collaboration II (issue 16): the rules of requests (Anliegen), the
// spokespersons' reports under "Reporting FachMK", the yearly evaluation
// and its results, key messages of briefings and the diff of versions.

// Final reports whether a request has reached its end (erledigt,
// abgelehnt, zurückgezogen).
func (s RequestStatus) Final() bool {
	return s == RequestDone || s == RequestDeclined || s == RequestWithdrawn
}

// SetStatus moves the request to a new status by the secretariat's hand.
// A declined request needs the reason, which the submitter sees; a request
// that has reached its end stays there; "als TOP angemeldet" is reached
// only by turning the request into an agenda registration (AgendaItem).
func (q *Request) SetStatus(to RequestStatus, reason string) error {
	reason = strings.TrimSpace(reason)
	// The reason goes to the FachMK's office as typed (mail, request
	// page): a marked passage would reach it verbatim.
	unmarked := Unmarked(reason, "Die Begründung sieht die FachMK-Geschäftsstelle")
	// Each reason names the form's field it is about (status,
	// begruendung), so that the form shows it there.
	switch {
	case !to.Valid():
		return AtField("status", InputError("Der Status „%s“ eines Anliegens ist unbekannt.", to))
	case q.Status.Final():
		return RuleError("Das Anliegen ist bereits %s; der Status ändert sich nicht mehr.", q.Status.Label())
	case to == RequestOnAgenda && q.ItemID == 0:
		return AtField("status", RuleError("„als TOP angemeldet“ ergibt sich aus der Anmeldung als Tagesordnungspunkt; bitte das Anliegen als TOP anmelden."))
	case to == RequestWithdrawn:
		return AtField("status", RuleError("Zurückziehen kann ein Anliegen nur die Geschäftsstelle der Fachministerkonferenz, die es eingereicht hat."))
	case q.ItemID != 0 && !slices.Contains(q.ManualStatuses(), to) && to != RequestOnAgenda:
		// Registered, it neither goes back into review (its FachMK read
		// "in Prüfung" beside the registration) nor is declined by hand.
		return AtField("status", RuleError("Das Anliegen ist bereits als TOP angemeldet; über die Anmeldung entscheidet die Tagesordnung. Sein Stand kann nur noch „%s“ werden.", RequestDone.Label()))
	case to == RequestDeclined && reason == "":
		return AtField("begruendung", InputError("Bitte begründen Sie die Ablehnung; die Begründung sieht die FachMK-Geschäftsstelle."))
	case to == RequestDeclined && unmarked != nil:
		return AtField("begruendung", unmarked)
	}
	q.Status = to
	if to == RequestDeclined {
		q.Reason = reason
	}
	return nil
}

// ManualStatuses gives the states the Geschäftsstelle may set by hand
// (SetStatus; the request page offers these): none once settled; only
// "erledigt" once registered as an agenda item; else "in Prüfung",
// "erledigt" and "abgelehnt".
func (q Request) ManualStatuses() []RequestStatus {
	switch {
	case q.Status.Final():
		return nil
	case q.ItemID != 0:
		return []RequestStatus{RequestDone}
	}
	return []RequestStatus{RequestInReview, RequestDone, RequestDeclined}
}

// Withdraw records that the FachMK's secretariat (the account by) withdrew
// the request at time at. It may while the Geschäftsstelle has not acted
// on it (eingegangen, in Prüfung); once registered as an agenda item the
// registration decides, and a settled request stays settled.
func (q *Request) Withdraw(by string, at time.Time) error {
	switch {
	case q.ItemID != 0:
		return RuleError("Das Anliegen ist bereits als TOP angemeldet; zurückziehen lässt es sich nicht mehr. Bitte wenden Sie sich an die Geschäftsstelle des IT-Planungsrats.")
	case !q.Open():
		return RuleError("Das Anliegen ist bereits %s; zurückziehen lässt es sich nicht mehr.", q.Status.Label())
	}
	q.Status, q.WithdrawnBy, q.WithdrawnAt = RequestWithdrawn, by, at
	return nil
}

// CanBecomeItem reports whether the request may still be turned into an
// agenda registration: once only, and not after it was settled.
func (q Request) CanBecomeItem() error {
	if q.ItemID != 0 {
		return RuleError("Das Anliegen ist bereits als TOP angemeldet.")
	}
	if q.Status.Final() {
		return RuleError("Das Anliegen ist bereits %s.", q.Status.Label())
	}
	return nil
}

// RequestStanding is where a request (Anliegen) stands, as every page
// says it: its state and, once registered as an agenda item, where that
// registration stands on the agenda of its session. The request's page,
// the list of requests and "Mein Bereich" of its conference take it
// (Request.StandingWith), so that none says "als TOP angemeldet" of a
// request on the agenda while another names its TOP: the stored status
// stays "als TOP angemeldet" until the decision on the item settles the
// request, and what happens to the registration in between (accepted,
// deferred) is read from the item.
type RequestStanding struct {
	Request Request
	// Item and Session are the agenda item the request became and its
	// session; zero while it became none (Request.ItemID 0).
	Item    AgendaItem
	Session Session
}

// StandingWith gives where q stands with it, the agenda item it became,
// and se, that item's session (zero values when it became none).
func (q Request) StandingWith(it AgendaItem, se Session) RequestStanding {
	if q.ItemID == 0 || it.ID != q.ItemID {
		it, se = AgendaItem{}, Session{}
	}
	return RequestStanding{Request: q, Item: it, Session: se}
}

// registered reports whether the request is registered as an agenda item
// that is known, and not yet settled.
func (st RequestStanding) registered() bool {
	return st.Request.ItemID != 0 && st.Item.ID != 0 && !st.Request.Status.Final()
}

// OnAgenda reports whether the request, not yet settled, stands on the
// agenda of its session: the Geschäftsstelle accepted its registration.
func (st RequestStanding) OnAgenda() bool {
	return st.registered() && st.Item.Status == ItemAccepted
}

// Label gives the state in a few words, the request page's "Stand":
// "auf der Tagesordnung" once the registration is accepted, else the
// status's label ("eingegangen", "in Prüfung", "als TOP angemeldet",
// "erledigt", "abgelehnt", "zurückgezogen").
func (st RequestStanding) Label() string {
	if st.OnAgenda() {
		return "auf der Tagesordnung"
	}
	return st.Request.Status.Label()
}

// Summary gives the state as a list says it in one line: where the
// registration stands with its session (Agenda) while the request is
// registered and not settled ("auf der Tagesordnung der 48. Sitzung am
// 11.02.2027 als TOP 02"), else Label.
func (st RequestStanding) Summary() string {
	if st.registered() {
		if a := st.Agenda().String(); a != "" {
			return a
		}
	}
	return st.Label()
}

// AwaitsAnswer reports whether the request still waits for the IT-PLR's
// answer, what "Mein Bereich" of its conference counts as "offen":
// received, in review, or registered as an agenda item the Geschäftsstelle
// has not yet accepted. A request on the agenda is answered by standing
// there (OnAgenda), though the decision on it settles it ("erledigt")
// only in the session; a settled one (erledigt, abgelehnt, zurückgezogen)
// is answered too.
func (st RequestStanding) AwaitsAnswer() bool {
	return !st.Request.Status.Final() && !st.OnAgenda()
}

// RequestAgenda says where the agenda registration of a request stands,
// in words around its session's title, so that a page can link the
// session: Before, Session.Title(), After.
type RequestAgenda struct {
	Before  string
	Session Session
	After   string
}

// String gives the words in one ("" when the request is not registered).
func (a RequestAgenda) String() string {
	if a.Before == "" && a.After == "" {
		return ""
	}
	return a.Before + a.Session.Title() + a.After
}

// Agenda says where the request's registration stands with its session
// and the session's date: "auf der Tagesordnung der 48. Sitzung am
// 11.02.2027 als TOP 02" (with ", vertagt auf die 49. Sitzung" once
// deferred), "als TOP zur 48. Sitzung am 11.02.2027 angemeldet; über die
// Aufnahme entscheidet die Geschäftsstelle", "die Anmeldung zur 48.
// Sitzung am 11.02.2027 hat die Geschäftsstelle nicht aufgenommen"; zero
// when the request became no agenda item.
func (st RequestStanding) Agenda() RequestAgenda {
	if st.Request.ItemID == 0 || st.Item.ID == 0 {
		return RequestAgenda{}
	}
	on := ""
	if !st.Session.Date.IsZero() {
		on = " am " + st.Session.Date.German()
	}
	switch st.Item.Status {
	case ItemAccepted:
		after := on
		if st.Item.Number != "" {
			after += " als TOP " + st.Item.Number
		}
		if to := st.Item.Deferral.DeferredToLabel(); to != "" {
			after += ", " + to
		}
		return RequestAgenda{Before: "auf der Tagesordnung der ", Session: st.Session, After: after}
	case ItemDeclined:
		return RequestAgenda{Before: "die Anmeldung zur ", Session: st.Session, After: on + " hat die Geschäftsstelle nicht aufgenommen"}
	}
	return RequestAgenda{Before: "als TOP zur ", Session: st.Session, After: on + " angemeldet; über die Aufnahme entscheidet die Geschäftsstelle"}
}

// RequestTextMax is the longest text of a request, in characters.
const RequestTextMax = 20000

// Validate checks a request however it comes in (the FachMK secretariat's
// form, the Geschäftsstelle's, the demo): a conference, a title of at most
// TitleMax characters (the form's maxlength said so in the HTML
// only; 5,000 were stored), a text of at most RequestTextMax, a known
// status. The reasons name the form's fields (fachmk, titel, text); a
// request that breaks several rules gives every reason (errors.Join).
func (q Request) Validate() error {
	var errs []error
	refuse := func(field string, err error) { errs = append(errs, AtField(field, err)) }
	if q.ConferenceID == 0 {
		refuse("fachmk", InputError("Bitte wählen Sie die Fachministerkonferenz, deren Anliegen Sie erfassen."))
	}
	if err := checkTitle(q.Title, "Bitte geben Sie dem Anliegen einen Titel."); err != nil {
		refuse("titel", err)
	}
	if utf8.RuneCountInString(q.Text) > RequestTextMax {
		refuse("text", InputError("Die Beschreibung ist länger als %s Zeichen.", GermanNumber(RequestTextMax)))
	}
	if !q.Status.Valid() {
		errs = append(errs, InputError("Der Status „%s“ eines Anliegens ist unbekannt.", q.Status))
	}
	return errors.Join(errs...)
}

// FachMKReport is a spokesperson's short report for one FachMK before an
// IT-PLR session, shown under the standard item "Reporting FachMK" (concept
// section 2.1).
type FachMKReport struct {
	ID           int64
	SessionID    int64
	ConferenceID int64
	Conference   string // the FachMK's name, as read
	Member       string // the spokesperson's member
	Author       string // the account's name
	Text         string
	Saved        time.Time
	Version      int
}

// ReportTextMax is the most characters a report may have: a short report
// under one item, read by every internal reader of the agenda and the
// minutes (a report of 300 KB was stored and rendered in full).
const ReportTextMax = 10000

// ReportLeadDays is how many days before the session the reports are due.
const ReportLeadDays = 7

// ReportDeadline gives the last day on which spokespersons enter their
// reports for the session: a week before it (zero if the session has no
// date).
func ReportDeadline(s Session) Date {
	if s.Date.IsZero() {
		return Date{}
	}
	t := s.Date.Time().AddDate(0, 0, -ReportLeadDays)
	return Date{t.Year(), t.Month(), t.Day()}
}

// Validate checks a report against its session on the day it is saved:
// a text of at most ReportTextMax characters is required (refused at the
// form's field "bericht"), and after the deadline only the secretariat may
// still enter or correct it (secretariat true).
func (r FachMKReport) Validate(s Session, today Date, secretariat bool) error {
	if err := r.CheckText(); err != nil {
		return err
	}
	return r.CheckOpen(s, today, secretariat)
}

// CheckOpen checks that a report may still be entered, corrected or
// withdrawn on today: its session has not taken place, and after the
// deadline only the secretariat may (secretariat true).
func (r FachMKReport) CheckOpen(s Session, today Date, secretariat bool) error {
	if r.SessionID == 0 || r.ConferenceID == 0 || r.Member == "" {
		return InputError("Ein Bericht gehört zu einer Sitzung, einer Fachministerkonferenz und einem Mitglied.")
	}
	if s.Status.index() >= StatusEnded.index() {
		return RuleError("Die %s hat bereits stattgefunden; Berichte für sie sind abgeschlossen.", s.Title())
	}
	if d := ReportDeadline(s); !secretariat && !d.IsZero() && d.Before(today) {
		return RuleError("Die Frist für Berichte zur %s endete am %s; bitte wenden Sie sich an die Geschäftsstelle.", s.Title(), d.German())
	}
	return nil
}

// CheckText refuses a report's text that is empty or longer than
// ReportTextMax characters, at the form's field "bericht".
func (r FachMKReport) CheckText() error {
	if strings.TrimSpace(r.Text) == "" {
		return AtField("bericht", InputError("Der Bericht ist leer."))
	}
	if n := utf8.RuneCountInString(r.Text); n > ReportTextMax {
		return AtField("bericht", InputError("Der Bericht ist mit %s Zeichen zu lang; höchstens %s sind möglich. Bitte kürzen Sie ihn auf das Wesentliche.", GermanNumber(n), GermanNumber(ReportTextMax)))
	}
	return nil
}

// RoundStatus is where a yearly evaluation round stands.
type RoundStatus string

// Round statuses.
const (
	RoundOpen   RoundStatus = "offen"
	RoundClosed RoundStatus = "abgeschlossen"
)

// Label gives the German name.
func (s RoundStatus) Label() string {
	if s == RoundOpen {
		return "offen für Antworten"
	}
	return "abgeschlossen"
}

// EvaluationRound is the yearly evaluation (concept section 4): opened by
// the secretariat with the year's questions, answered by spokespersons and
// FachMK secretariats, closed by the secretariat.
type EvaluationRound struct {
	ID          int64
	Year        int
	Status      RoundStatus
	QuestionIDs []int64 // the year's questions, in order
	Opened      time.Time
	Closed      time.Time
	Version     int
}

// Accepts reports whether the round takes answers (and changes of its
// questions); it gives the reason if not.
func (r EvaluationRound) Accepts() error {
	if r.Status != RoundOpen {
		return RuleError("Die Evaluationsrunde %d ist abgeschlossen; Antworten sind nicht mehr möglich.", r.Year)
	}
	return nil
}

// CheckNewRound checks a round the secretariat opens: a year between 2000
// and 2200 and at least one question. Every reason is given (errors.Join),
// each at the field of the form that opens it (jahr, frage).
func CheckNewRound(year int, questionIDs []int64) error {
	var errs []error
	if year < 2000 || year > 2200 {
		errs = append(errs, AtField("jahr", InputError("„%d“ ist kein Jahr für eine Evaluationsrunde.", year)))
	}
	if len(questionIDs) == 0 {
		errs = append(errs, AtField("frage", InputError("Eine Evaluationsrunde braucht mindestens eine Frage.")))
	}
	return errors.Join(errs...)
}

// Asks reports whether the question belongs to the round.
func (r EvaluationRound) Asks(questionID int64) bool {
	for _, id := range r.QuestionIDs {
		if id == questionID {
			return true
		}
	}
	return false
}

// Score is a mean of answers on the 1–5 scale, how many answers it rests
// on (N) and from how many questionnaires (Forms: one per respondent and
// conference a year). Per question the two are equal; per FachMK a form
// gives one answer to each question, so N counts answers, not people.
type Score struct {
	Sum, N int
	Forms  int
	// Largest is the most questionnaires among Forms that one respondent
	// gave: 1 mostly, 2 for a Land that speaks for two conferences (a
	// questionnaire each) — what the respondent knows of the mean
	// already.
	Largest int
}

// EvaluationMinForms is the fewest questionnaires a mean of the evaluation
// rests on, besides those of whoever reads it, to be shown to readers
// other than the secretariat that runs it: a mean of one or two
// questionnaires is someone's own answer (a FachMK's secretariat rates the
// work of its spokesperson, who reads the results), and a reader who knows
// their own answer learns from a mean of three the sum of the other two.
const EvaluationMinForms = 3

// Withheld gives the score as shown to readers other than the secretariat:
// the mean only when it rests on EvaluationMinForms questionnaires besides
// those of any one respondent (Forms - Largest), else the number of
// questionnaires and no mean ("–"). Every respondent who reads it then
// faces at least EvaluationMinForms answers not their own; and as every
// reader sees the same, a mean passed on from a reader who answered
// nothing tells a respondent no more.
func (s Score) Withheld() Score {
	if s.Forms-s.Largest >= EvaluationMinForms {
		return s
	}
	return Score{Forms: s.Forms}
}

// Mean gives the average (0 without answers).
func (s Score) Mean() float64 {
	if s.N == 0 {
		return 0
	}
	return float64(s.Sum) / float64(s.N)
}

// German gives the mean with one decimal and a comma: "3,7"; "–" without
// answers.
func (s Score) German() string {
	if s.N == 0 {
		return "–"
	}
	return strings.Replace(fmt.Sprintf("%.1f", s.Mean()), ".", ",", 1)
}

// EvaluationResults are the answers of all rounds summed up: per question
// and year, and per FachMK and year (the trend over the years).
type EvaluationResults struct {
	Years        []int                      // the years with answers, ascending
	ByQuestion   map[int64]map[int]Score    // question → year → score
	ByConference map[int64]map[int]Score    // FachMK → year → score
	Comments     map[int64]map[int][]string // question → year → comments, sorted by their text (never by respondent)
}

// Summarise sums the answers up.
func Summarise(answers []EvaluationAnswer) EvaluationResults {
	res := EvaluationResults{ByQuestion: map[int64]map[int]Score{}, ByConference: map[int64]map[int]Score{}, Comments: map[int64]map[int][]string{}}
	seen := map[int]bool{}
	// A questionnaire is one respondent's answers for one conference in
	// one year; kind tells the per-question from the per-FachMK sums.
	type formKey struct {
		kind       byte
		key        int64
		year       int
		respondent string
		conference int64
		role       Role
	}
	// mine counts a respondent's questionnaires in one sum.
	type mineKey struct {
		kind       byte
		key        int64
		year       int
		respondent string
		role       Role
	}
	forms := map[formKey]bool{}
	mine := map[mineKey]int{}
	add := func(m map[int64]map[int]Score, kind byte, k int64, a EvaluationAnswer) {
		if m[k] == nil {
			m[k] = map[int]Score{}
		}
		s := m[k][a.Year]
		s.Sum += a.Score
		s.N++
		if f := (formKey{kind, k, a.Year, a.Respondent, a.ConferenceID, a.Role}); !forms[f] {
			forms[f] = true
			s.Forms++
			mk := mineKey{kind, k, a.Year, a.Respondent, a.Role}
			mine[mk]++
			s.Largest = max(s.Largest, mine[mk])
		}
		m[k][a.Year] = s
	}
	for _, a := range answers {
		if !seen[a.Year] {
			seen[a.Year] = true
			res.Years = append(res.Years, a.Year)
		}
		add(res.ByQuestion, 'q', a.QuestionID, a)
		if a.ConferenceID != 0 {
			add(res.ByConference, 'c', a.ConferenceID, a)
		}
		if c := strings.TrimSpace(a.Comment); c != "" {
			if res.Comments[a.QuestionID] == nil {
				res.Comments[a.QuestionID] = map[int][]string{}
			}
			res.Comments[a.QuestionID][a.Year] = append(res.Comments[a.QuestionID][a.Year], c)
		}
	}
	sort.Ints(res.Years)
	// The answers come by respondent: in that order a reader who knows
	// who answered tells each comment's author. Sorted by their text they
	// follow no respondent.
	for _, years := range res.Comments {
		for _, cs := range years {
			slices.Sort(cs)
		}
	}
	return res
}

// EvaluationResultsFor sums up the answers as a reader may see them: the
// one publication gate of the evaluation's results, for its page, CSV and
// PDF alike. The secretariat that runs the evaluation (full) sees every
// answer, of running rounds too. Every other reader sees closed rounds
// only; per question a mean, and that year's comments, only as Withheld
// lets it through; per FachMK no mean at all (ByConference is empty).
//
// A FachMK's mean rests on its spokespersons' questionnaires and its
// secretariat's: two or three, rarely more, all of them readers or
// colleagues of readers. With three, two spokespersons who put their own
// answers together work back the secretariat's rating of them; leaving
// out a reader's own questionnaire does not help, as a reader who
// answered nothing sees the mean and can pass it on. Nor can a FachMK's
// mean be shown where it rests on more: the means per question add up to
// the sum over all FachMK, so the means shown per FachMK would give away
// the sum of the ones withheld.
func EvaluationResultsFor(answers []EvaluationAnswer, rounds []EvaluationRound, full bool) EvaluationResults {
	if full {
		return Summarise(answers)
	}
	closed := map[int]bool{}
	for _, r := range rounds {
		closed[r.Year] = r.Status == RoundClosed
	}
	var shown []EvaluationAnswer
	for _, a := range answers {
		if closed[a.Year] {
			shown = append(shown, a)
		}
	}
	res := Summarise(shown)
	for q, years := range res.ByQuestion {
		for y, sc := range years {
			if years[y] = sc.Withheld(); years[y].N == 0 {
				// too few questionnaires: their comments are as telling as their means
				delete(res.Comments[q], y)
			}
		}
	}
	res.ByConference = map[int64]map[int]Score{}
	return res
}

// KeyMessage is a Kernbotschaft: a text block shared by briefings, kept
// once and included by reference ("Novellierung des
// Onlinezugangsgesetzes").
type KeyMessage struct {
	ID      int64
	Title   string
	Text    string
	Version int
}

// DiffOp says whether a line of a diff is kept, removed or added.
type DiffOp int

// Diff operations.
const (
	DiffSame DiffOp = iota
	DiffRemoved
	DiffAdded
)

// DiffLine is one line of a diff between two texts.
type DiffLine struct {
	Op   DiffOp
	Text string
}

// DiffLines compares two texts line by line (longest common subsequence)
// and gives the lines of both in order, each kept, removed or added.
func DiffLines(a, b []string) []DiffLine {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []DiffLine
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, DiffLine{DiffSame, a[i]})
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, DiffLine{DiffRemoved, a[i]})
			i++
		default:
			out = append(out, DiffLine{DiffAdded, b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, DiffLine{DiffRemoved, a[i]})
	}
	for ; j < m; j++ {
		out = append(out, DiffLine{DiffAdded, b[j]})
	}
	return out
}

// Recurrence says how often a task of the role/task matrix is due for a
// FachMK.
type Recurrence string

// Recurrences.
const (
	RecurOnce    Recurrence = "einmalig"
	RecurSession Recurrence = "je_sitzung" // for every IT-PLR session
	RecurYear    Recurrence = "jaehrlich"
)

// Recurrences lists the recurrences in the order forms offer them.
var Recurrences = []Recurrence{RecurOnce, RecurSession, RecurYear}

// Label gives the German name.
func (r Recurrence) Label() string {
	switch r {
	case RecurSession:
		return "je IT-PLR-Sitzung"
	case RecurYear:
		return "jährlich"
	}
	return "einmalig"
}

// Valid reports whether r is a known recurrence.
func (r Recurrence) Valid() bool { return r == RecurOnce || r == RecurSession || r == RecurYear }

// Concerns reports whether the task is on the checklists: someone —
// spokesperson or FITKO — is responsible or supporting.
func (t Task) Concerns() bool {
	return t.Spokesperson != ResponsibilityNone || t.FITKO != ResponsibilityNone
}

// Validate checks a row of the role/task matrix: a text, a known rhythm
// ("" is one-off) and known roles. Every reason is given (errors.Join),
// each at the field of the matrix form (text, wiederholung, sprecher,
// fitko).
func (t Task) Validate() error {
	var errs []error
	if strings.TrimSpace(t.Text) == "" {
		errs = append(errs, AtField("text", InputError("Eine Aufgabe braucht einen Text.")))
	}
	if t.Recurrence != "" && !t.Recurrence.Valid() {
		errs = append(errs, AtField("wiederholung", InputError("Die Wiederholung „%s“ einer Aufgabe ist unbekannt.", t.Recurrence)))
	}
	for i, r := range []Responsibility{t.Spokesperson, t.FITKO} {
		if r != ResponsibilityNone && r != ResponsibilityLead && r != ResponsibilitySupporting {
			errs = append(errs, AtField([]string{"sprecher", "fitko"}[i], InputError("„%s“ ist keine Rolle der Aufgabenverteilung.", r)))
		}
	}
	return errors.Join(errs...)
}

// CheckableBy says whether the task may be checked off by the secretariat
// (secretariat true) or by a spokesperson: a task the matrix gives to FITKO
// alone is the secretariat's, not on the spokesperson's list to tick.
func (t Task) CheckableBy(secretariat bool) error {
	if !secretariat && t.Spokesperson == ResponsibilityNone {
		return ForbiddenError("Die Aufgabe „%s“ liegt allein bei der FITKO; den Stand führt die Geschäftsstelle.", t.Text)
	}
	return nil
}

// TaskCheck is the state of a task for one FachMK and one period ("" for a
// one-off task, the session number for a task per IT-PLR session, the year
// for a yearly one), with its evidence.
type TaskCheck struct {
	ID           int64
	TaskID       int64
	ConferenceID int64
	Period       string
	Due          Date
	Done         bool
	DoneOn       Date
	Note         string
	Document     string // title or address of the document that proves it
	DoneBy       string
	Version      int
}

// Validate checks a check: done needs its date.
func (c TaskCheck) Validate() error {
	if c.TaskID == 0 || c.ConferenceID == 0 {
		return InputError("Ein Eintrag der Aufgabenliste gehört zu einer Aufgabe und einer Fachministerkonferenz.")
	}
	if c.Done && c.DoneOn.IsZero() {
		return AtField("datum", InputError("Bitte geben Sie an, wann die Aufgabe erledigt wurde."))
	}
	return nil
}

// PeriodLabel gives the period in German: "", "48. Sitzung", "2026".
func PeriodLabel(r Recurrence, period string) string {
	switch {
	case period == "":
		return ""
	case r == RecurSession:
		return period + ". Sitzung"
	}
	return period
}
