package model

import "time"

// Role is what a user is in gremium; the permission check in package auth
// decides by role (and, for members, by the member they act for).
type Role string

// Roles. The public (Öffentlichkeit) has no account: an anonymous visitor.
const (
	RoleSecretariat  Role = "geschaeftsstelle" // Geschäftsstelle (FITKO)
	RoleMember       Role = "mitglied"         // Mitglied (Bund or a Land) or its staff
	RoleAdvisory     Role = "gast"             // beratendes Mitglied / Gast: speaks, no vote
	RoleSpokesperson Role = "sprecher"         // fachpolitische:r Sprecher:in
	RoleFachMK       Role = "fachmk"           // FachMK-Geschäftsstelle (external)
	RolePublic       Role = ""                 // Öffentlichkeit (anonymous)
)

// Roles lists the roles an account can have.
var Roles = []Role{RoleSecretariat, RoleMember, RoleAdvisory, RoleSpokesperson, RoleFachMK}

// Label gives the German name of the role.
func (r Role) Label() string {
	switch r {
	case RoleSecretariat:
		return "Geschäftsstelle"
	case RoleMember:
		return "Mitglied"
	case RoleAdvisory:
		return "beratendes Mitglied / Gast"
	case RoleSpokesperson:
		return "Sprecher:in"
	case RoleFachMK:
		return "FachMK-Geschäftsstelle"
	}
	return "Öffentlichkeit"
}

// InternalRoles are the roles that read the internal version of
// everything (package auth's ViewInternal): the IT-PLR's own people. The
// FachMK secretariats are outside it and read what the public reads.
var InternalRoles = []Role{RoleSecretariat, RoleMember, RoleAdvisory, RoleSpokesperson}

// Audience gives the version an account of the role reads: Internal for
// the InternalRoles, else Public. It is what a message to the account may
// tell (a disabled account gets none).
func (r Role) Audience() Audience {
	for _, v := range InternalRoles {
		if v == r {
			return Internal
		}
	}
	return Public
}

// Valid reports whether r is a role an account can have.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if v == r {
			return true
		}
	}
	return false
}

// User is an account. Members, advisory members and spokespersons act for a
// member (MemberAbbrev); a FachMK secretariat for a conference.
type User struct {
	ID           int64
	Username     string
	Name         string
	Role         Role
	MemberAbbrev string
	ConferenceID int64
	Disabled     bool
	// MustChangePassword is set when the secretariat reset the password:
	// the account chooses a new one before anything else.
	MustChangePassword bool
	// OIDCSubject names the account at an OpenID Connect provider
	// ("issuer subject"); such accounts have no password in gremium.
	OIDCSubject string
}

// APIToken is a token a member's system calls the JSON API with; it acts
// with its account's rights until it expires or is revoked. Only a hash of
// the token is stored.
type APIToken struct {
	ID      int64
	UserID  int64
	Name    string
	Created time.Time
	// Expires is the end of its validity; zero for tokens made before
	// tokens had an expiry (they stay valid until revoked).
	Expires time.Time
}

// Expired reports whether the token is no longer valid at now.
func (t APIToken) Expired(now time.Time) bool { return !t.Expires.IsZero() && !now.Before(t.Expires) }

// Validate checks an account.
func (u User) Validate() error {
	if u.Username == "" || u.Name == "" {
		return InputError("Ein Konto braucht Benutzernamen und Namen.")
	}
	if !u.Role.Valid() {
		return InputError("Die Rolle „%s“ ist unbekannt.", u.Role)
	}
	if (u.Role == RoleMember || u.Role == RoleAdvisory || u.Role == RoleSpokesperson) && u.MemberAbbrev == "" {
		return InputError("Die Rolle %s braucht das Mitglied, für das das Konto handelt.", u.Role.Label())
	}
	if u.Role == RoleFachMK && u.ConferenceID == 0 {
		return InputError("Ein Konto einer FachMK-Geschäftsstelle braucht seine Fachministerkonferenz.")
	}
	return nil
}
