package model

import (
	"strings"
	"unicode"
)

// Canonical gives q with the FachMK (fachmk) and the member (be) it names
// written as the register writes them, whatever the case they were typed
// in: "?be=he" is HE, "?fachmk=jumiko" JuMiKo (visitors and links type
// abbreviations in lower case, and found nothing before). conferences are
// the FachMK, members the members. An abbreviation none of them has is a
// not-found error at its parameter whose German reason names the value
// typed — a mistyped filter is said as such — unless the value is no
// abbreviation at all (abbrevLike): an address can carry any text
// ("Ruf an: …"), which a page must not repeat as if gremium said it. The
// page, its feed and exports and the JSON API all read the register's
// filter through it, after ParseRegisterQuery.
func (q RegisterQuery) Canonical(conferences []Body, members []Member) (RegisterQuery, error) {
	if q.Conference != "" {
		i := abbrevIndex(len(conferences), func(i int) string {
			if conferences[i].Kind != BodyFachMK {
				return ""
			}
			return conferences[i].Abbrev
		}, q.Conference)
		if i < 0 {
			if abbrevLike(q.Conference) {
				// In the words RegisterQuery.Unmatched says it.
				return q, errNoMatch("fachmk", "Keine Fachministerkonferenz „%s“.", q.Conference)
			}
			return q, errNoMatch("fachmk", "Keine Fachministerkonferenz hat das Kürzel in ?fachmk= der Adresse; Fachministerkonferenzen werden mit ihrem Kürzel angegeben%s.", abbrevExample("fachmk", len(conferences), func(i int) string { return conferences[i].Abbrev }))
		}
		q.Conference = conferences[i].Abbrev
	}
	if q.Reporter != "" {
		i := abbrevIndex(len(members), func(i int) string { return members[i].Abbrev }, q.Reporter)
		if i < 0 {
			if abbrevLike(q.Reporter) {
				return q, errNoMatch("be", "Kein Mitglied hat das Kürzel „%s“; Mitglieder werden mit ihrem Kürzel angegeben%s.", q.Reporter, abbrevExample("be", len(members), func(i int) string { return members[i].Abbrev }))
			}
			return q, UnknownMember("be", q.Reporter, nil)
		}
		q.Reporter = members[i].Abbrev
	}
	return q, nil
}

// abbrevIndex gives the index of the abbreviation among n (abbrev(i),
// "" for one that does not count) that is code, or else the first that
// is code in another case; -1 for none.
func abbrevIndex(n int, abbrev func(i int) string, code string) int {
	folded := -1
	for i := range n {
		a := abbrev(i)
		if a == "" {
			continue
		}
		if a == code {
			return i
		}
		if folded < 0 && strings.EqualFold(a, code) {
			folded = i
		}
	}
	return folded
}

// abbrevExample gives ", zum Beispiel ?param=X" with the first of the n
// abbreviations (abbrev(i)), "" when there is none.
func abbrevExample(param string, n int, abbrev func(i int) string) string {
	for i := range n {
		if a := abbrev(i); a != "" {
			return ", zum Beispiel ?" + param + "=" + a
		}
	}
	return ""
}

// abbrevLike says whether s could be an abbreviation of a member or a
// FachMK, which a reason may repeat: letters, digits, hyphens and dots
// only ("HE", "DStGB", "E-Justice-Rat"), at most MaxAbbrev characters
// (ParseRegisterQuery refuses longer ones).
func abbrevLike(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '.'
	})
}
