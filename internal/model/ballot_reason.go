package model

import (
	"cmp"
	"fmt"
	"slices"
)

// Voting is a vote (Abstimmung in der Sitzung or Umlaufverfahren) as it
// concerns who gets a ballot: the body that votes, its voting members
// under its rules, and whether it is a written procedure. Every surface
// that offers a ballot or refuses a vote — the live vote's page, the
// written procedure's page, their forms, the JSON API — asks it, so that
// they give one reason in the same words.
type Voting struct {
	// Body is the abbreviation of the body that votes, as the reasons name
	// it ("IT-PLR", "AL-Runde").
	Body string
	// Voters are the body's voting members in list order
	// (DecisionRules.VotersOf).
	Voters []Member
	// Written marks a written procedure (Umlaufverfahren), not a vote in
	// session.
	Written bool
}

// VotingIn gives the vote of the body b, in session or written: its
// voters are those of members (the members of a voting kind, or all) the
// body's rules let vote.
func VotingIn(b Body, members []Member, written bool) Voting {
	return Voting{Body: b.Abbrev, Voters: b.Rules.VotersOf(members), Written: written}
}

// Votes reports whether the member abbrev is among the voters.
func (v Voting) Votes(abbrev string) bool {
	return abbrev != "" && slices.ContainsFunc(v.Voters, func(m Member) bool { return m.Abbrev == abbrev })
}

// NoBallotReason says in German why the account u, acting for the member
// m (the member u.MemberAbbrev names, with its name and kind; the zero
// Member when it is not known), has no ballot in the vote; "" when it has
// one: the office of a member the body lets vote. An advisory member or a
// guest never votes (in session they may speak); a spokesperson's account
// does not vote for its Land, its member office does; the office of a
// member the body's rules do not let vote is not entitled; the
// secretariat records, a FachMK secretariat follows from outside. An
// account of a member's role that names no member is told so.
func (v Voting) NoBallotReason(u *User, m Member) string {
	if u == nil || u.Disabled {
		return "Abstimmen kann nur das angemeldete Konto eines stimmberechtigten Mitglieds."
	}
	if u.MemberAbbrev == "" && (u.Role == RoleMember || u.Role == RoleAdvisory || u.Role == RoleSpokesperson) {
		// A role that acts for a member, in an account that names none
		// (the forms do not make one): no sentence about a member.
		return "Dieses Konto ist keinem Mitglied zugeordnet; abstimmen kann nur das Konto eines stimmberechtigten Mitglieds."
	}
	name := cmp.Or(m.Name, u.MemberAbbrev)
	in := "im Gremium " + v.Body
	if v.Body == "" {
		in = "hier"
	}
	switch u.Role {
	case RoleMember:
		if v.Votes(u.MemberAbbrev) {
			return ""
		}
		return fmt.Sprintf("%s ist %s nicht stimmberechtigt und stimmt nicht mit ab.", name, in)
	case RoleAdvisory:
		does := "können sich zu Wort melden, stimmen aber nicht ab"
		if v.Written {
			does = "stimmen im Umlaufverfahren nicht ab"
		}
		if cmp.Or(m.Kind, MemberAdvisory) == MemberGuest {
			return fmt.Sprintf("%s ist Gast: Gäste %s.", u.MemberAbbrev, does)
		}
		return fmt.Sprintf("%s ist beratendes Mitglied: beratende Mitglieder %s.", u.MemberAbbrev, does)
	case RoleSpokesperson:
		if !v.Votes(u.MemberAbbrev) {
			return fmt.Sprintf("Sie sind als fachpolitische:r Sprecher:in angemeldet und stimmen nicht mit ab; %s ist %s nicht stimmberechtigt.", name, in)
		}
		return fmt.Sprintf("Sie sind als fachpolitische:r Sprecher:in angemeldet und stimmen nicht mit ab; die Stimme für %s gibt das Büro des Mitglieds ab.", name)
	case RoleSecretariat:
		if v.Written {
			return "Die Geschäftsstelle stimmt im Umlaufverfahren nicht mit ab."
		}
		return "Die Geschäftsstelle stimmt nicht mit ab; Stimmen per Handzeichen erfasst sie auf der Live-Seite."
	case RoleFachMK:
		return fmt.Sprintf("Die Geschäftsstellen der Fachministerkonferenzen stimmen %s nicht mit ab.", in)
	}
	return "Abstimmen kann nur das Konto eines stimmberechtigten Mitglieds."
}

// NoBallotAnywhere gives the reason the account u, acting for the member
// m, has no ballot in any vote of the kind (written or in session),
// whatever the body and its voters, worded for no body in particular;
// "" when whether it has one depends on the vote. An account whose reason
// is the same whether its member is among the body's voters or not — the
// secretariat, an advisory member or guest, a FachMK secretariat, a
// disabled account — is refused with it before its vote is looked up
// (web form and JSON API), so that the answer is the same for a vote that
// exists and one that does not: a FachMK secretariat, which may not read
// the votes, learnt from 404 against 403 which exist. A member's office
// and a spokesperson get "": their ballot or reason depends on the body's
// voters, and both read every vote, so that its lookup tells them nothing
// they may not read.
func NoBallotAnywhere(u *User, m Member, written bool) string {
	if u == nil {
		return Voting{Written: written}.NoBallotReason(u, m)
	}
	without := Voting{Written: written}
	with := Voting{Written: written, Voters: []Member{{Abbrev: u.MemberAbbrev}}}
	if reason := without.NoBallotReason(u, m); reason == with.NoBallotReason(u, m) {
		return reason
	}
	return ""
}
