package model

import "testing"

// TestNoBallotAnywhere: the reason an account votes nowhere is given for
// no body in particular (the front ends refuse with it before the vote is
// looked up); a member's office and a spokesperson, whose answer depends
// on the body's voters, get none.
func TestNoBallotAnywhere(t *testing.T) {
	const withoutMember = "Dieses Konto ist keinem Mitglied zugeordnet; abstimmen kann nur das Konto eines stimmberechtigten Mitglieds."
	bremen := Member{Abbrev: "HB", Name: "Bremen", Kind: MemberLand}
	dlt := Member{Abbrev: "DLT", Name: "Deutscher Landkreistag", Kind: MemberAdvisory}
	for _, c := range []struct {
		name    string
		u       *User
		m       Member
		written bool
		want    string
	}{
		{"a member's office", &User{Role: RoleMember, MemberAbbrev: "HB"}, bremen, false, ""},
		{"a spokesperson", &User{Role: RoleSpokesperson, MemberAbbrev: "HB"}, bremen, true, ""},
		{"an advisory member in session", &User{Role: RoleAdvisory, MemberAbbrev: "DLT"}, dlt, false,
			"DLT ist beratendes Mitglied: beratende Mitglieder können sich zu Wort melden, stimmen aber nicht ab."},
		{"an advisory member in writing", &User{Role: RoleAdvisory, MemberAbbrev: "DLT"}, dlt, true,
			"DLT ist beratendes Mitglied: beratende Mitglieder stimmen im Umlaufverfahren nicht ab."},
		{"the secretariat in writing", &User{Role: RoleSecretariat}, Member{}, true, "Die Geschäftsstelle stimmt im Umlaufverfahren nicht mit ab."},
		{"a FachMK secretariat", &User{Role: RoleFachMK}, Member{}, false, "Die Geschäftsstellen der Fachministerkonferenzen stimmen hier nicht mit ab."},
		{"a disabled member's office", &User{Role: RoleMember, MemberAbbrev: "HB", Disabled: true}, bremen, false,
			"Abstimmen kann nur das angemeldete Konto eines stimmberechtigten Mitglieds."},
		{"no account", nil, Member{}, true, "Abstimmen kann nur das angemeldete Konto eines stimmberechtigten Mitglieds."},
		// An account of a role that acts for a member but names none
		// (not made by the forms; a hand-edited row) read " ist hier
		// nicht stimmberechtigt …", a sentence without its subject.
		{"a member's office naming no member", &User{Role: RoleMember}, Member{}, false, withoutMember},
		{"an advisory account naming no member", &User{Role: RoleAdvisory}, Member{}, true, withoutMember},
		{"a spokesperson naming no member", &User{Role: RoleSpokesperson}, Member{}, false, withoutMember},
	} {
		if got := NoBallotAnywhere(c.u, c.m, c.written); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
