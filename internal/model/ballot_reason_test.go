package model

import "testing"

// TestNoBallotReason: every account that follows a vote without a ballot
// learns why, in the words every surface uses (the ballot pages, their
// forms, the JSON API's 403); a voting member's office gets none. The
// spokesperson of a Land the body does not let vote is not sent to the
// member office, which has no vote either.
func TestNoBallotReason(t *testing.T) {
	all := append(voters(), Member{Abbrev: "DLT", Name: "Deutscher Landkreistag", Kind: MemberAdvisory}, Member{Abbrev: "BSI", Name: "BSI", Kind: MemberGuest})
	bremen := Member{Abbrev: "HB", Name: "Bremen", Kind: MemberLand}
	hessen := Member{Abbrev: "HE", Name: "Hessen", Kind: MemberLand}
	council := VotingIn(Body{Abbrev: "IT-PLR"}, all, false)
	written := VotingIn(Body{Abbrev: "IT-PLR"}, all, true)
	few := VotingIn(Body{Abbrev: "AL-Runde", Rules: DecisionRules{Voters: []string{"Bund", "BY", "BE"}}}, all, true)
	if len(council.Voters) != 17 || council.Votes("DLT") || !council.Votes("HE") || council.Votes("") {
		t.Fatalf("voters: %+v", council.Voters)
	}
	member := &User{Role: RoleMember, MemberAbbrev: "HE"}
	for _, c := range []struct {
		name   string
		voting Voting
		u      *User
		m      Member
		want   string
	}{
		{"a voting member", council, member, hessen, ""},
		{"a voting member in writing", written, member, hessen, ""},
		{"a member the body does not let vote", few, member, hessen, "Hessen ist im Gremium AL-Runde nicht stimmberechtigt und stimmt nicht mit ab."},
		{"a member not known by name", few, member, Member{}, "HE ist im Gremium AL-Runde nicht stimmberechtigt und stimmt nicht mit ab."},
		{"an advisory member in session", council, &User{Role: RoleAdvisory, MemberAbbrev: "DLT"}, Member{Abbrev: "DLT", Kind: MemberAdvisory},
			"DLT ist beratendes Mitglied: beratende Mitglieder können sich zu Wort melden, stimmen aber nicht ab."},
		{"an advisory member in writing", written, &User{Role: RoleAdvisory, MemberAbbrev: "DLT"}, Member{Abbrev: "DLT", Kind: MemberAdvisory},
			"DLT ist beratendes Mitglied: beratende Mitglieder stimmen im Umlaufverfahren nicht ab."},
		{"a guest", council, &User{Role: RoleAdvisory, MemberAbbrev: "BSI"}, Member{Abbrev: "BSI", Kind: MemberGuest},
			"BSI ist Gast: Gäste können sich zu Wort melden, stimmen aber nicht ab."},
		{"a spokesperson", written, &User{Role: RoleSpokesperson, MemberAbbrev: "HB"}, bremen,
			"Sie sind als fachpolitische:r Sprecher:in angemeldet und stimmen nicht mit ab; die Stimme für Bremen gibt das Büro des Mitglieds ab."},
		{"a spokesperson of a Land without a vote", few, &User{Role: RoleSpokesperson, MemberAbbrev: "HB"}, bremen,
			"Sie sind als fachpolitische:r Sprecher:in angemeldet und stimmen nicht mit ab; Bremen ist im Gremium AL-Runde nicht stimmberechtigt."},
		{"the secretariat in session", council, &User{Role: RoleSecretariat}, Member{},
			"Die Geschäftsstelle stimmt nicht mit ab; Stimmen per Handzeichen erfasst sie auf der Live-Seite."},
		{"the secretariat in writing", written, &User{Role: RoleSecretariat}, Member{},
			"Die Geschäftsstelle stimmt im Umlaufverfahren nicht mit ab."},
		{"a FachMK secretariat", council, &User{Role: RoleFachMK, ConferenceID: 3}, Member{},
			"Die Geschäftsstellen der Fachministerkonferenzen stimmen im Gremium IT-PLR nicht mit ab."},
		{"a disabled member account", council, &User{Role: RoleMember, MemberAbbrev: "HE", Disabled: true}, hessen,
			"Abstimmen kann nur das angemeldete Konto eines stimmberechtigten Mitglieds."},
		{"nobody", council, nil, Member{}, "Abstimmen kann nur das angemeldete Konto eines stimmberechtigten Mitglieds."},
	} {
		if got := c.voting.NoBallotReason(c.u, c.m); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
