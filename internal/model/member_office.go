package model

// MemberOffice gives the member whose office (Büro) u is an account of: the
// member of an account with the member role (RoleMember), "" for every
// other account. The office is who votes for the member, sees the
// member's own vote while a vote or a written procedure is open
// (WrittenProcedure.VotesSeenBy) and shares notes on documents
// (DocumentNote.SeesNote). A spokesperson of a Land (RoleSpokesperson)
// names the Land but is not its office (before: a spokesperson read how
// the Land had voted in an open procedure and the office's shared notes,
// and the office read the notes the spokesperson shared); nor is an
// advisory member's or guest's account (RoleAdvisory), which may name the
// member it comes from.
func MemberOffice(u *User) string {
	if u == nil || u.Disabled || u.Role != RoleMember {
		return ""
	}
	return u.MemberAbbrev
}
