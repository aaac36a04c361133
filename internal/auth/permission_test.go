package auth

import (
	"testing"

	"gremium/internal/model"
)

// TestMayReportFollowUp: the secretariat and the office of a responsible
// member report a follow-up's state, by abbreviation or name — also where
// the member is named only inside a passage marked confidential (before,
// "BE, ⟦BY⟧" kept Bayern's office from reporting); other members, a FachMK secretariat,
// a spokesperson of the Land and the public do not.
func TestMayReportFollowUp(t *testing.T) {
	by := &model.User{Role: model.RoleMember, MemberAbbrev: "BY"}
	tests := []struct {
		name        string
		u           *model.User
		responsible string
		memberName  string
		want        bool
	}{
		{"secretariat", &model.User{Role: model.RoleSecretariat}, "HE", "", true},
		{"named", by, "BE, BY", "Bayern", true},
		{"named by name", by, "Bayern und FITKO", "Bayern", true},
		{"named in a marked passage", by, "BE, " + model.Redact("BY"), "Bayern", true},
		{"the whole list marked", by, model.Redact("BE, Bayern"), "Bayern", true},
		{"not named", by, "BE, HE", "Bayern", false},
		{"an advisory member named", &model.User{Role: model.RoleAdvisory, MemberAbbrev: "DLT"}, "DLT, " + model.Redact("BY"), "", true},
		{"a FachMK secretariat", &model.User{Role: model.RoleFachMK, MemberAbbrev: "BY"}, "BY", "Bayern", false},
		// A spokesperson of a Land names the Land but is not its office
		// (model.MemberOffice); before, it reported the office's follow-ups.
		{"a spokesperson of the Land", &model.User{Role: model.RoleSpokesperson, MemberAbbrev: "BY"}, "BY", "Bayern", false},
		{"the public", nil, "BY", "Bayern", false},
	}
	for _, tt := range tests {
		if got := MayReportFollowUp(tt.u, model.FollowUp{Responsible: tt.responsible}, tt.memberName); got != tt.want {
			t.Errorf("%s: MayReportFollowUp = %v, want %v", tt.name, got, tt.want)
		}
	}
}
