package model

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// RegisterMaxPage bounds the page number of the register's addresses, so
// that the offset of a page (page−1)·page size never overflows (a huge page
// once wrapped round to a negative offset and showed the first page under
// its number).
const RegisterMaxPage = 1_000_000

// RegisterMaxText is the longest text of the register's full-text filter
// (q) in characters: what the site search takes (search.MaxQuery).
const RegisterMaxText = 300

// MaxAbbrev is the longest abbreviation of a member or a FachMK an
// address may name (?be=, ?fachmk=, ?mitglied=); the real ones have a
// handful of characters.
const MaxAbbrev = 20

// MinYear and MaxYear bound a year an address names (?jahr=).
const (
	MinYear = 1900
	MaxYear = 9999
)

// ParseYear reads a year of an address (?jahr=) for every page, feed and
// API that takes one: a whole number from MinYear to MaxYear, or an input
// error whose German reason says so (before, pages said "vierstellige
// Zahl" for 1800, and the session calendar "Bitte ein Jahr angeben" for
// 99999).
func ParseYear(s string) (int, error) {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || y < MinYear || y > MaxYear {
		return 0, InputError("Das Jahr muss eine Zahl von %d bis %d sein, zum Beispiel ?jahr=2025.", MinYear, MaxYear)
	}
	return y, nil
}

// RegisterQuery is the filter of the public decision register as its
// addresses write it: /beschluesse, its Atom feed and /api/v1/beschluesse
// read it with ParseRegisterQuery, so that the page, the feed and the API
// take the same values and refuse the same ones for the same reasons.
// (Each read it on its own before, and they had drifted apart: the API
// took any year and not the older "umsetzung=erledigt".)
type RegisterQuery struct {
	Year       int            // jahr, 0 for all
	Section    int64          // thema: the id of a Schwerpunktthema (Topics)
	Conference string         // fachmk: the abbreviation of a FachMK the decision is relevant for
	Reporter   string         // be: a member's abbreviation among the reporting members
	Kind       DecisionKind   // art: beschluss, empfehlung
	FollowUps  Implementation // umsetzung: offen, in_umsetzung, umgesetzt
	Way        DecisionWay    // verfahren: aussprache, gruene-liste, umlaufverfahren
	// Text is the full-text filter (q) as typed: words that must all
	// occur in the decision's public text, and "phrases" (package search
	// reads them).
	Text string
	Page int // seite, from 1
}

// ParseRegisterQuery reads the register's filter from an address's query.
// A value it cannot read is an input error at its parameter's name
// (FieldOf: "jahr", "thema", "art", "umsetzung", "verfahren", "q",
// "seite") with a German sentence (ReasonOf); the query is then zero.
// Page is 1 when the address names none. A text longer than
// RegisterMaxText, or one without any word (letters or digits), is
// refused: it could not be searched for.
func ParseRegisterQuery(v url.Values) (RegisterQuery, error) {
	var q RegisterQuery
	var err error
	refuse := func(param, format string, args ...any) (RegisterQuery, error) {
		return RegisterQuery{}, AtField(param, InputError(format, args...))
	}
	if y := v.Get("jahr"); y != "" {
		if q.Year, err = ParseYear(y); err != nil {
			return RegisterQuery{}, AtField("jahr", err)
		}
	}
	if t := v.Get("thema"); t != "" {
		if q.Section, err = strconv.ParseInt(t, 10, 64); err != nil || q.Section <= 0 {
			return refuse("thema", "Das Schwerpunktthema ist unbekannt; es wird mit seiner Nummer angegeben, zum Beispiel ?thema=3.")
		}
	}
	q.Conference = strings.TrimSpace(v.Get("fachmk"))
	q.Reporter = strings.TrimSpace(v.Get("be"))
	// An abbreviation longer than any could be is refused before it is
	// looked up (or echoed in a page or a feed): 20,000 characters of
	// ?be= were taken before.
	if utf8.RuneCountInString(q.Conference) > MaxAbbrev {
		return refuse("fachmk", "Das Kürzel der Fachministerkonferenz ist zu lang: höchstens %d Zeichen.", MaxAbbrev)
	}
	if utf8.RuneCountInString(q.Reporter) > MaxAbbrev {
		return refuse("be", "Das Kürzel des Mitglieds ist zu lang: höchstens %d Zeichen.", MaxAbbrev)
	}
	// The kind in the words the JSON API's field "art" gives it
	// ("Beschluss", "Empfehlung") or as the register's form sends it
	// ("beschluss", "empfehlung"): one vocabulary, whatever the case, so
	// that a client filters by the value it read. Before, "?art=Beschluss"
	// was refused.
	switch k := DecisionKind(strings.ToLower(strings.TrimSpace(v.Get("art")))); k {
	case "", KindDecision, KindRecommendation:
		q.Kind = k
	default:
		return refuse("art", "Die Art muss „%s“ oder „%s“ sein.", KindDecision.Label(), KindRecommendation.Label())
	}
	// The implementation state whatever its case, as the kind: "OFFEN",
	// "In_Umsetzung" — and as the register's column "Umsetzung" and its
	// exports write it ("in Umsetzung"). Before, ?umsetzung=Offen was
	// refused while ?art=Beschluss was taken.
	switch f := Implementation(strings.ToLower(strings.TrimSpace(v.Get("umsetzung")))); f {
	case "", ImplementationOpen, ImplementationProgress, ImplementationDone:
		q.FollowUps = f
	case Implementation(strings.ToLower(ImplementationProgress.Label())):
		q.FollowUps = ImplementationProgress
	case "erledigt": // the address of the filter before "in Umsetzung" existed
		q.FollowUps = ImplementationDone
	default:
		return refuse("umsetzung", "Der Umsetzungsstand muss „%s“, „%s“ oder „%s“ sein.", ImplementationOpen, ImplementationProgress, ImplementationDone)
	}
	// The way whatever its case too (?verfahren=Gruene-Liste).
	if q.Way, err = ParseDecisionWay(strings.ToLower(strings.TrimSpace(v.Get("verfahren")))); err != nil {
		return RegisterQuery{}, AtField("verfahren", err)
	}
	// Without the soft hyphens a word copied from a page carries: the
	// query split at them and found nothing (as the search, web.searchPage).
	q.Text = strings.TrimSpace(WithoutSoftHyphens(v.Get("q")))
	switch {
	case utf8.RuneCountInString(q.Text) > RegisterMaxText:
		return refuse("q", "Der Suchtext ist zu lang: höchstens %d Zeichen.", RegisterMaxText)
	case q.Text != "" && !strings.ContainsFunc(q.Text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
		return refuse("q", "Der Suchtext enthält kein Wort; gesucht wird nach Wörtern aus Buchstaben oder Ziffern.")
	}
	q.Page = 1
	if p := v.Get("seite"); p != "" {
		if q.Page, err = strconv.Atoi(p); err != nil || q.Page < 1 || q.Page > RegisterMaxPage {
			return refuse("seite", "Die Seite muss eine Zahl von 1 bis %d sein.", RegisterMaxPage)
		}
	}
	return q, nil
}

// Values gives the filter as an address's query, without the page, for
// links to other pages of the same selection and to its feed; read by
// ParseRegisterQuery it gives q again.
func (q RegisterQuery) Values() url.Values {
	v := url.Values{}
	set := func(name, value string) {
		if value != "" && value != "0" {
			v.Set(name, value)
		}
	}
	set("jahr", strconv.Itoa(q.Year))
	set("thema", strconv.FormatInt(q.Section, 10))
	set("fachmk", q.Conference)
	set("be", q.Reporter)
	set("art", string(q.Kind))
	set("umsetzung", string(q.FollowUps))
	set("verfahren", string(q.Way))
	set("q", q.Text)
	return v
}

// String gives the filter as an address's query without the page ("" for
// none), as Values encodes it.
func (q RegisterQuery) String() string { return q.Values().Encode() }

// errNoMatch is the reason a readable filter cannot match.
func errNoMatch(param, format string, args ...any) error {
	return AtField(param, NotFoundError(format, args...))
}

// Unmatched says why the filter, though readable, cannot match anything
// among the register's topics and the FachMK: a topic that is not one of
// topics or a conference abbreviation that is not one of conferences is a
// not-found error at its parameter ("thema", "fachmk"); nil when it can
// match. It gives the id of the named conference (0 for none).
func (q RegisterQuery) Unmatched(topics []Section, conferences []Body) (conferenceID int64, err error) {
	if q.Section != 0 && !slices.ContainsFunc(topics, func(s Section) bool { return s.ID == q.Section }) {
		return 0, errNoMatch("thema", "Kein Schwerpunktthema Nr. %d des Registers.", q.Section)
	}
	if q.Conference == "" {
		return 0, nil
	}
	for _, b := range conferences {
		if b.Abbrev == q.Conference && b.Kind == BodyFachMK {
			return b.ID, nil
		}
	}
	return 0, errNoMatch("fachmk", "Keine Fachministerkonferenz „%s“.", q.Conference)
}

// UnknownMember says why the abbreviation code of a member named in an
// address (the register's ?be=, a follow-up list's member) cannot match:
// a not-found error at param when no member of members has it, nil when
// one has or code is "". The reason does not repeat code: an address can
// carry any text ("Bitte melden Sie sich unter …"), which a page or a
// feed title must not show as if gremium said it.
func UnknownMember(param, code string, members []Member) error {
	if code == "" || slices.ContainsFunc(members, func(m Member) bool { return m.Abbrev == code }) {
		return nil
	}
	return errNoMatch(param, "Kein Mitglied hat das Kürzel in ?%s= der Adresse; Mitglieder werden mit ihrem Kürzel angegeben, zum Beispiel ?%s=BY.", param, param)
}
