package model

// DocumentKind is the kind of a session document (Unterlage): a
// Beschlussvorschlag, a Bericht, a Präsentation or a Tischvorlage.
type DocumentKind string

// The kinds of documents.
const (
	DocProposal     DocumentKind = "beschlussvorschlag"
	DocReport       DocumentKind = "bericht"
	DocPresentation DocumentKind = "praesentation"
	DocTableDraft   DocumentKind = "tischvorlage" // handed out in the session
)

// DocumentKinds lists the kinds in the order forms offer them.
var DocumentKinds = []DocumentKind{DocProposal, DocReport, DocPresentation, DocTableDraft}

// Valid reports whether k is a known kind.
func (k DocumentKind) Valid() bool {
	for _, o := range DocumentKinds {
		if k == o {
			return true
		}
	}
	return false
}

// Label gives the kind as the pages show it; a document uploaded before
// kinds existed is an "Unterlage".
func (k DocumentKind) Label() string {
	switch k {
	case DocProposal:
		return "Beschlussvorschlag"
	case DocReport:
		return "Bericht"
	case DocPresentation:
		return "Präsentation"
	case DocTableDraft:
		return "Tischvorlage"
	}
	return "Unterlage"
}

// DocumentNote is a member's own note on a document (Anmerkung): private
// to its author, or shared with the author's office — the accounts of the
// same member. It is never public, on no surface.
type DocumentNote struct {
	ID         int64
	DocumentID int64
	UserID     int64
	Member     string // the author's member ("HE"); the office it may be shared with
	Author     string // the author's name
	Text       string
	Shared     bool
}

// SeesNote reports whether u may read the note: its author, and, if it is
// shared, the other accounts of the author's member office (MemberOffice) —
// not a spokesperson of the same Land, who is no part of the office
// (before: any account naming the member read the office's shared notes).
func (n DocumentNote) SeesNote(u *User) bool {
	if u == nil || u.Disabled {
		return false
	}
	if u.ID == n.UserID {
		return true
	}
	return n.Shared && n.Member != "" && MemberOffice(u) == n.Member
}

// FromOffice reports whether the shared note's author is an account of the
// office it is shared with: a note a spokesperson shared before sharing
// was kept to the office's accounts reaches nobody else.
func (n DocumentNote) FromOffice(author *User) bool {
	// Not MemberOffice: the note of a colleague whose account was since
	// disabled stays the office's.
	return author != nil && author.ID == n.UserID && author.Role == RoleMember && n.Member != "" && author.MemberAbbrev == n.Member
}
