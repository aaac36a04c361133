package model

import "testing"

// TestSpokespersonIsNoOffice: a spokesperson of a Land names the Land but
// is not its office. Before, a shared note of Bremen's office was read by
// Bremen's spokesperson (SeesNote compared only the member), and the
// spokesperson's shared note reached the office.
func TestSpokespersonIsNoOffice(t *testing.T) {
	office := &User{ID: 1, Role: RoleMember, MemberAbbrev: "HB"}
	colleague := &User{ID: 2, Role: RoleMember, MemberAbbrev: "HB"}
	spokesperson := &User{ID: 3, Role: RoleSpokesperson, MemberAbbrev: "HB"}
	guest := &User{ID: 4, Role: RoleAdvisory, MemberAbbrev: "HB"}
	other := &User{ID: 5, Role: RoleMember, MemberAbbrev: "HH"}
	for _, c := range []struct {
		u    *User
		want string
	}{{office, "HB"}, {spokesperson, ""}, {guest, ""}, {other, "HH"}, {nil, ""},
		{&User{Role: RoleMember, MemberAbbrev: "HB", Disabled: true}, ""}} {
		if got := MemberOffice(c.u); got != c.want {
			t.Errorf("MemberOffice(%+v) = %q, want %q", c.u, got, c.want)
		}
	}
	shared := DocumentNote{UserID: office.ID, Member: "HB", Shared: true}
	for _, c := range []struct {
		name string
		u    *User
		want bool
	}{
		{"the author", office, true},
		{"a colleague of the office", colleague, true},
		{"the Land's spokesperson", spokesperson, false},
		{"a guest naming the Land", guest, false},
		{"another member's office", other, false},
	} {
		if got := shared.SeesNote(c.u); got != c.want {
			t.Errorf("%s sees the office's shared note: %v, want %v", c.name, got, c.want)
		}
	}
	if private := (DocumentNote{UserID: office.ID, Member: "HB"}); private.SeesNote(colleague) {
		t.Error("a colleague reads a private note")
	}
	// A note the spokesperson shared (before the form stopped offering
	// it) is not the office's.
	bySpokesperson := DocumentNote{UserID: spokesperson.ID, Member: "HB", Shared: true}
	if bySpokesperson.FromOffice(spokesperson) || !shared.FromOffice(office) || shared.FromOffice(colleague) {
		t.Error("FromOffice: a spokesperson's note counted as the office's, or the office's not")
	}
	// The vote of an open procedure: the office sees its own, the
	// spokesperson only that Bremen voted.
	p := WrittenProcedure{Status: ProcedureOpen, Votes: []Vote{{Member: "HB", Choice: VoteYes}}}
	if v := p.VotesSeenBy(false, MemberOffice(office)); len(v) != 1 || v[0].Choice != VoteYes {
		t.Errorf("the office sees %+v", v)
	}
	if v := p.VotesSeenBy(false, MemberOffice(spokesperson)); len(v) != 1 || v[0].Choice != "" {
		t.Errorf("the spokesperson sees %+v", v)
	}
}
