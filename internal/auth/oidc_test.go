package auth

import (
	"errors"
	"testing"

	"gremium/internal/model"
)

func TestOIDCClaims(t *testing.T) {
	o, err := NewOIDC(OIDCConfig{Issuer: "https://idp.example/realms/itplr", ClientID: "gremium", RedirectURL: "https://gremium.example/anmelden/oidc/rueckruf",
		RoleClaim: "realm_access.roles", MemberClaim: "gremium.member"}, NewSigner(make([]byte, 32)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		claims map[string]any
		want   Identity
		err    bool
	}{
		{"nested list of roles", map[string]any{"preferred_username": "a.b", "name": "A B",
			"realm_access": map[string]any{"roles": []any{"offline_access", "gremium-mitglied"}}, "gremium": map[string]any{"member": "HE"}},
			Identity{Subject: "https://idp.example/realms/itplr s1", Username: "a.b", Name: "A B", Role: model.RoleMember, Member: "HE"}, false},
		{"no user name: the subject", map[string]any{"realm_access": map[string]any{"roles": []any{"gremium_geschaeftsstelle"}}},
			Identity{Subject: "https://idp.example/realms/itplr s1", Username: "s1", Name: "s1", Role: model.RoleSecretariat}, false},
		{"no gremium role", map[string]any{"realm_access": map[string]any{"roles": []any{"offline_access"}}}, Identity{}, true},
		{"role claim not a path", map[string]any{"realm_access": "mitglied"}, Identity{}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := o.identity("https://idp.example/realms/itplr", "s1", tt.claims)
			var oe *OIDCError
			if tt.err != errors.As(err, &oe) {
				t.Fatalf("err = %v", err)
			}
			if !tt.err && got != tt.want {
				t.Errorf("identity = %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := NewOIDC(OIDCConfig{Issuer: "https://idp.example"}, nil); err == nil {
		t.Error("a configuration without client accepted")
	}
}
