package model

import (
	"unicode"
	"unicode/utf8"
)

// MemberKind says how a member takes part in the IT-Planungsrat.
type MemberKind string

// Member kinds. Only Bund and Länder vote.
const (
	MemberBund     MemberKind = "bund"     // der Bund
	MemberLand     MemberKind = "land"     // eines der 16 Länder
	MemberAdvisory MemberKind = "beratend" // beratendes Mitglied (DST, DLT, DStGB, BfDI)
	MemberGuest    MemberKind = "gast"     // Gast (BSI, FITKO, …)
)

// Label gives the German name of the kind.
func (k MemberKind) Label() string {
	switch k {
	case MemberBund:
		return "Bund"
	case MemberLand:
		return "Land"
	case MemberAdvisory:
		return "beratendes Mitglied"
	case MemberGuest:
		return "Gast"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k MemberKind) Valid() bool {
	switch k {
	case MemberBund, MemberLand, MemberAdvisory, MemberGuest:
		return true
	}
	return false
}

// Votes reports whether members of this kind have a vote.
func (k MemberKind) Votes() bool { return k == MemberBund || k == MemberLand }

// Member is a Mitglied of the IT-Planungsrat (Bund, a Land) or an advisory
// member or guest, known by its abbreviation ("HE", "Bund", "DStGB").
type Member struct {
	ID       int64
	Abbrev   string // Kürzel, unique: BW … TH, Bund, DST, DLT, DStGB, BfDI, BSI, FITKO
	Name     string // "Hessen", "Deutscher Landkreistag"
	Kind     MemberKind
	Position int // order in lists (Bund first, then the Länder alphabetically by name: BW, BY, BE, BB, HB, …)
	// RepresentativeID is the person who currently represents the member in
	// the IT-Planungsrat (0: not recorded). Spokesperson assignments that
	// name no person follow it.
	RepresentativeID int64
}

// withArticle gives the member's name with the article German puts
// before it in a sentence: the Bund and the Saarland take one ("für den
// Bund", "das Saarland ist"), the other Länder none ("für Hessen"). m and
// n are the article of the case for a masculine and a neuter name.
func (m Member) withArticle(masc, neut string) string {
	switch {
	case m.Kind == MemberBund:
		return masc + " " + m.Name
	case m.Kind == MemberLand && m.Name == "Saarland":
		return neut + " " + m.Name
	}
	return m.Name
}

// The gives the voting member's name as the subject of a sentence: "Der
// Bund", "Das Saarland", "Hessen" (at a sentence's start).
func (m Member) The() string { return m.withArticle("Der", "Das") }

// Accusative gives the voting member's name after "für": "den Bund",
// "das Saarland", "Hessen" ("Stimme für den Bund"; the pages said "Stimme
// für Bund").
func (m Member) Accusative() string { return m.withArticle("den", "das") }

// FloorSentence says who has the floor, naming the speaker as the subject
// after "Das Wort hat" (and now, "jetzt", if given): a voting member in
// the nominative with the article German gives it ("Das Wort hat der
// Bund.", "… das Saarland.", "… Hessen."); any other member or speaker
// (whose name's article and ending the register does not know:
// "Deutscher Städtetag" would need "der Deutsche Städtetag") after a
// colon, as the live page's line "Das Wort hat: …" names it. members maps
// the abbreviations; the live page's notice and the store's refusal of a
// stale form ("Das Wort hat jetzt der Bund.") say it alike.
func FloorSentence(members map[string]Member, speaker, now string) string {
	lead := "Das Wort hat"
	if now != "" {
		lead += " " + now
	}
	m, ok := members[speaker]
	switch {
	case !ok || m.Name == "":
		return lead + ": " + speaker + "."
	case m.Kind != MemberBund && m.Kind != MemberLand:
		return lead + ": " + m.Name + "."
	}
	the := m.The()
	if the != m.Name {
		first, size := utf8.DecodeRuneInString(the)
		the = string(unicode.ToLower(first)) + the[size:]
	}
	return lead + " " + the + "."
}

// MemberNames names members by their abbreviation as the pages do:
// "HE" is "Hessen", "DStGB" "Deutscher Städte- und Gemeindebund". A
// reason for the user names a member by it, not by its abbreviation.
type MemberNames map[string]string

// NamesOf gives the names of the members.
func NamesOf(members []Member) MemberNames {
	out := make(MemberNames, len(members))
	for _, m := range members {
		out[m.Abbrev] = m.Name
	}
	return out
}

// Of gives the name of the member with the abbreviation; an abbreviation
// it does not know stays as it is (what was typed for no member).
func (n MemberNames) Of(abbrev string) string {
	if name := n[abbrev]; name != "" {
		return name
	}
	return abbrev
}

// Validate checks the fields a member must have.
func (m Member) Validate() error {
	if m.Abbrev == "" || m.Name == "" {
		return InputError("Ein Mitglied braucht Kürzel und Namen.")
	}
	if !m.Kind.Valid() {
		return InputError("Die Mitgliedsart „%s“ von %s ist unbekannt.", m.Kind, m.Abbrev)
	}
	return nil
}

// Person is a named person, usually acting for a member (a Staatssekretärin
// of a Land) or working in a secretariat.
type Person struct {
	ID           int64
	Name         string // "Dr. Martin Hagen"
	Function     string // "Staatsrat für Haushalt, Personal und IT beim Senator für Finanzen"
	MemberAbbrev string // the member the person acts for; "" if none
	Email        string
}

// Validate checks the fields a person must have.
func (p Person) Validate() error {
	if p.Name == "" {
		return InputError("Eine Person braucht einen Namen.")
	}
	return nil
}
