package model

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BodyKind says what kind of body (Gremium) a Body is.
type BodyKind string

// Body kinds.
const (
	BodyPlanningCouncil BodyKind = "planungsrat"      // der IT-Planungsrat
	BodyFachMK          BodyKind = "fachmk"           // eine Fachministerkonferenz (or a body acting for one)
	BodySteeringGroup   BodyKind = "steuerungsgruppe" // Steuerungsgruppe, Lenkungskreis, AG of the IT-PLR
	// BodyPreparatory (preparation.go) is a preparatory body: the AL-Runde.
)

// Label gives the German name of the kind.
func (k BodyKind) Label() string {
	switch k {
	case BodyPlanningCouncil:
		return "Planungsrat"
	case BodyFachMK:
		return "Fachministerkonferenz"
	case BodySteeringGroup:
		return "Steuerungsgruppe"
	case BodyPreparatory:
		return "vorbereitendes Gremium"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k BodyKind) Valid() bool {
	switch k {
	case BodyPlanningCouncil, BodyFachMK, BodySteeringGroup, BodyPreparatory:
		return true
	}
	return false
}

// DefaultDecisionPattern is the IT-PLR's numbering pattern (B-2025/26-IT).
const DefaultDecisionPattern = "B-{JJJJ}/{NN}-IT"

// Term is one weighted term of a FachMK's digital topic profile, used to
// propose the FachMK relevance of agenda items and decisions.
type Term struct {
	Term   string  `json:"term"`
	Weight float64 `json:"weight"`
}

// Body is a Gremium: the IT-Planungsrat, a Fachministerkonferenz (FachMK) or
// a steering group. Bodies are data, so another conference can use gremium.
type Body struct {
	ID              int64
	Kind            BodyKind
	Abbrev          string // Kürzel, unique: "IT-PLR", "FMK", "E-Justice-Rat"
	Name            string
	ParentID        int64  // the body a steering group belongs to; 0 if none
	ActsForID       int64  // the FachMK this body acts for (E-Justice-Rat for the JuMiKo); 0 if none
	Chair           string // Vorsitz, e.g. "MV (2025)"
	TopicProfile    string // Digitalthemen (concept section 3.1)
	Terms           []Term
	Notes           string
	DecisionPattern string // numbering pattern, see FormatDecisionNumber; "" for bodies without own decisions
	QuorumMin       int    // voting members present for a quorum; 0 means DefaultQuorum
	// Rules are the body's decision rules: the rule per kind of decision
	// and who votes. The zero value means the IT-Planungsrat's rules.
	Rules DecisionRules
	// Preparation ties a preparatory body (the AL-Runde) to the body it
	// prepares; the zero value for every other body.
	Preparation Preparation
	Version     int
	// fullName is the full name of a body named by its abbreviation
	// (Short): the article and case follow the full name's head noun.
	fullName string
}

// Short gives the body named by its abbreviation, for the cases of its
// name (The, Of, Dative, Accusative, Zu) where a text names it short:
// "die AL-Runde", "der AL-Runde", "des IT-PLR", "des E-Justice-Rats". The
// article is the full name's ("Abteilungsleiterrunde": feminine); an
// abbreviation that ends in a capital ("IT-PLR", "FMK") takes no genitive
// ending, a word ("AL-Runde", "E-Justice-Rat") its own. Before, the
// templates wrote "der {{.Body.Abbrev}}", right only for a feminine body.
func (b Body) Short() Body {
	if b.fullName != "" {
		return b
	}
	s := b
	s.Name, s.fullName = b.Abbrev, b.Name
	return s
}

// Seats reports whether the member has a seat at the body's sessions and
// so a line in their attendance list. A preparatory body (the AL-Runde) is
// the round of the Abteilungsleiter:innen the voting members name (Bund
// and Länder; an advisory member names nobody there): only its voters
// (Rules.VotersOf) sit in it. At any other body every member does: the
// voting and the advisory members, and guests (who are listed only when
// they attend).
func (b Body) Seats(m Member) bool {
	if b.Kind != BodyPreparatory {
		return true
	}
	return len(b.Rules.VotersOf([]Member{m})) == 1
}

// Quorum gives the least number of voting members present for a quorum.
func (b Body) Quorum() int {
	if b.QuorumMin > 0 {
		return b.QuorumMin
	}
	return DefaultQuorum
}

// Validate checks the fields a body must have.
func (b Body) Validate() error {
	if b.Abbrev == "" || b.Name == "" {
		return InputError("Ein Gremium braucht Kürzel und Namen.")
	}
	if !b.Rules.IsZero() {
		if err := b.Rules.Validate(); err != nil {
			return err
		}
	}
	if !b.Kind.Valid() {
		return InputError("Die Art „%s“ des Gremiums %s ist unbekannt.", b.Kind, b.Abbrev)
	}
	if b.DecisionPattern != "" {
		if err := ValidateDecisionPattern(b.DecisionPattern); err != nil {
			return err
		}
	}
	if err := b.checkProfile(); err != nil {
		return err
	}
	return b.Preparation.Validate()
}

// checkProfile refuses confidential marks in the profile a FachMK's page
// shows to everyone (PublicOnly), each reason at its form field.
func (b Body) checkProfile() error {
	var errs []error
	for _, f := range [...]struct{ field, text, what string }{
		{"vorsitz", b.Chair, "Der Vorsitz"}, {"profil", b.TopicProfile, "Das Themenprofil"}, {"hinweise", b.Notes, "Der Hinweis"},
	} {
		if err := PublicOnly(f.text, f.what); err != nil {
			errs = append(errs, AtField(f.field, err))
		}
	}
	return errors.Join(errs...)
}

// Contact is a contact person of a body's secretariat (Geschäftsstelle).
type Contact struct {
	ID     int64
	BodyID int64
	Name   string
	Role   string // "Geschäftsstelle", "Vorsitz", …
	Email  string
	Phone  string
}

// CheckPublic refuses confidential marks in what a FachMK's public page
// and the public JSON API show of a contact — name, role, e-mail address —
// each reason at its form field (PublicOnly, as the profile beside it):
// a contact is there to be published, so a passage marked in it would
// not be kept back but shown as typed. The telephone number, shown to
// logged-in readers only, takes digits and signs alone.
func (c Contact) CheckPublic() error {
	var errs []error
	for _, f := range [...]struct{ field, text, what string }{
		{"name", c.Name, "Der Name der Ansprechperson"}, {"rolle", c.Role, "Die Rolle der Ansprechperson"}, {"email", c.Email, "Die E-Mail-Adresse der Ansprechperson"},
	} {
		if err := PublicOnly(f.text, f.what); err != nil {
			errs = append(errs, AtField(f.field, err))
		}
	}
	return errors.Join(errs...)
}

// ConferenceDate is an upcoming (or past) session date of a FachMK, as kept
// in FITKO's overview of FachMK dates (concept section 2.2).
type ConferenceDate struct {
	ID     int64
	BodyID int64
	Title  string // "Frühjahrskonferenz 2026"
	Starts Date
	Ends   Date // zero for a one-day session
	// StartTime and EndTime ("09:30", Europe/Berlin) are empty for an
	// all-day date; EndTime is on the last day.
	StartTime string
	EndTime   string
	Place     string
	UID       string // stable identifier, also used as iCalendar UID
	// Sequence is the date's revision, raised by every change (iCalendar
	// SEQUENCE), so that a subscribed calendar takes a moved date.
	Sequence int
}

// Section is an agenda section (Schwerpunktthema) of a body: Begrüßung,
// Informationssicherheit, …, Grüne Liste. Sections are data per body.
type Section struct {
	ID       int64
	BodyID   int64
	Name     string
	Position int
	Consent  bool // the consent agenda (Grüne Liste), adopted en bloc
}

// OpeningSection is the name of the opening section of an agenda (TOP 00,
// Begrüßung: the quorum, the last minutes, the final agenda), where the
// standard items (itplr.StandardItems, itplr.PrepStandardItems) find it.
const OpeningSection = "Begrüßung"

// RecommendationsSection is the name of the section of a preparatory
// body's agenda (the AL-Runde) whose items carry its recommendations
// (Beschlussempfehlungen) on the prepared body's items; an item taken over
// from the prepared body for a recommendation is placed there.
const RecommendationsSection = "Beschlussempfehlungen"

// Topic reports whether the section is a topic (Schwerpunktthema) a
// decision can be about: not the opening section and not the consent
// agenda (Grüne Liste), which are steps of the session. The topic filters
// (the register, its feeds) offer and accept only topics.
func (c Section) Topic() bool { return !c.Consent && c.Name != OpeningSection }

// Topics gives the sections of ss that are topics (Section.Topic), in
// their order.
func Topics(ss []Section) []Section {
	var out []Section
	for _, c := range ss {
		if c.Topic() {
			out = append(out, c)
		}
	}
	return out
}

// SectionOf gives the section an agenda item stands in: its own (own, the
// section of it.SectionID), except that an item put on the Grüne Liste
// stands in the body's consent section (consent; zero if the body has
// none), whatever section it was registered under. Every surface (the
// minutes, the session page, OParl) groups and names items by it.
func SectionOf(it AgendaItem, own, consent Section) Section {
	if it.Consent && !own.Consent && consent.ID != 0 {
		return consent
	}
	return own
}

// gender is the grammatical gender of a body's name, by its head noun.
type gender int

const (
	masculine gender = iota // der Rat, der Kreis, der Ausschuss
	feminine                // die Konferenz, die Runde, die Gruppe
	neuter                  // das Gremium, das Forum, das Komitee
)

// head gives the words of the body's name and the index of its head noun:
// its first word that is not a truncated part of a compound ("Jugend- und
// Familienministerkonferenz"); -1 for a body without a name.
func (b Body) head() ([]string, int) {
	words := strings.Fields(b.Name)
	for i, w := range words {
		if !strings.HasSuffix(w, "-") && w != "und" && w != "oder" {
			return words, i
		}
	}
	return words, -1
}

// gender gives the gender of the body's name by the ending of its head
// noun: a word ending like a neuter noun (-gremium, -forum, -komitee,
// -netzwerk, …) is neuter; one ending like a feminine noun (-runde,
// -konferenz, -gruppe, -kommission, -ung, -schaft, …) feminine; any other
// (-rat, -kreis, -ausschuss) masculine.
func (b Body) gender() gender {
	if b.fullName != "" {
		return Body{Name: b.fullName}.gender()
	}
	words, head := b.head()
	if head < 0 {
		return masculine
	}
	lower := strings.ToLower(words[head])
	for _, f := range []string{"gremium", "forum", "komitee", "kollegium", "netzwerk", "board", "büro", "amt", "team", "plenum", "kabinett", "ministerium", "sekretariat", "direktorium"} {
		if strings.HasSuffix(lower, f) {
			return neuter
		}
	}
	for _, f := range []string{"e", "z", "ion", "ung", "schaft", "heit", "keit", "tät"} {
		if strings.HasSuffix(lower, f) {
			return feminine
		}
	}
	return masculine
}

// withArticle gives the body's name after the article for its gender
// (masculine, feminine, neuter); "" for a body without a name.
func (b Body) withArticle(m, f, n string) string {
	if b.Name == "" {
		return ""
	}
	switch b.gender() {
	case feminine:
		return f + " " + strings.Join(strings.Fields(b.Name), " ")
	case neuter:
		return n + " " + strings.Join(strings.Fields(b.Name), " ")
	}
	return m + " " + strings.Join(strings.Fields(b.Name), " ")
}

// The gives the body's name with its article in the nominative, as a
// sentence starts with it: "der IT-Planungsrat", "die
// Innenministerkonferenz", "das Kooperationsgremium". "" for a body
// without a name. Every text composed from a body's name takes the form
// for its case from here (The, Of, Dative, Accusative, Zu), not "der "
// before the name.
func (b Body) The() string { return b.withArticle("der", "die", "das") }

// TheUpper is The with a capital article, as a sentence begins: "Der
// E-Justice-Rat tagt am …", "Die Innenministerkonferenz tagt am …".
func (b Body) TheUpper() string { return b.withArticle("Der", "Die", "Das") }

// PronounUpper gives the pronoun that stands for the body at the start of
// a sentence: "Er" for the IT-Planungsrat, "Sie" for the AL-Runde or a
// Fachministerkonferenz, "Es" for a Kooperationsgremium — as a decision's
// later points name the body that decides ("Er bittet BY, …").
func (b Body) PronounUpper() string {
	switch b.gender() {
	case feminine:
		return "Sie"
	case neuter:
		return "Es"
	}
	return "Er"
}

// Dative gives the body's name with its article in the dative, as after
// "mit" or "von": "dem IT-Planungsrat", "der Innenministerkonferenz".
func (b Body) Dative() string { return b.withArticle("dem", "der", "dem") }

// Accusative gives the body's name with its article in the accusative, as
// after "für" or "an": "den IT-Planungsrat", "die Innenministerkonferenz",
// "das Kooperationsgremium".
func (b Body) Accusative() string { return b.withArticle("den", "die", "das") }

// Zu gives "zu" with the article contracted and the body's name, as after
// "Bezug" or "Bericht": "zum IT-Planungsrat", "zur
// Innenministerkonferenz".
func (b Body) Zu() string { return b.withArticle("zum", "zur", "zum") }

// Of gives the body's name in the genitive, as German titles name it
// after a session or a list: "des IT-Planungsrats", "der
// Abteilungsleiterrunde des IT-Planungsrats", "der Finanzministerkonferenz",
// "des Kooperationsgremiums". The gender and the ending follow the name's
// head noun (Body.gender): a feminine name takes "der" and no ending; any
// other takes "des" and "s" ("es" after s, ß or x) on the head noun. ""
// for a body without a name.
func (b Body) Of() string {
	words, head := b.head()
	if head < 0 {
		return ""
	}
	if b.gender() == feminine {
		return "der " + strings.Join(words, " ")
	}
	if last, _ := utf8.DecodeLastRuneInString(words[head]); b.fullName != "" && !unicode.IsLower(last) {
		return "des " + strings.Join(words, " ") // an acronym: "des IT-PLR"
	}
	lower := strings.ToLower(words[head])
	if strings.HasSuffix(lower, "s") || strings.HasSuffix(lower, "ß") || strings.HasSuffix(lower, "x") {
		words[head] += "es"
	} else {
		words[head] += "s"
	}
	return "des " + strings.Join(words, " ")
}
