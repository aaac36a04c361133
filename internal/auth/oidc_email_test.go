package auth

import "testing"

// TestOIDCEmailOnlyWhenVerified: the identity carries the "email" claim
// only when "email_verified" is true (also as the text "true", as some
// providers send it); before, the e-mail claim was not read at all.
func TestOIDCEmailOnlyWhenVerified(t *testing.T) {
	o, err := NewOIDC(OIDCConfig{Issuer: "https://idp.example", ClientID: "gremium", RedirectURL: "https://gremium.example/anmelden/oidc/rueckruf"}, NewSigner(make([]byte, 32)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		claims map[string]any
		want   string
	}{
		{"verified", map[string]any{"email": "a.b@hessen.example", "email_verified": true}, "a.b@hessen.example"},
		{"verified as text", map[string]any{"email": "a.b@hessen.example", "email_verified": "true"}, "a.b@hessen.example"},
		{"not verified", map[string]any{"email": "a.b@hessen.example", "email_verified": false}, ""},
		{"verification not said", map[string]any{"email": "a.b@hessen.example"}, ""},
		{"verified, no address", map[string]any{"email_verified": true}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.claims["gremium_role"] = "mitglied"
			id, err := o.identity("https://idp.example", "s1", tt.claims)
			if err != nil {
				t.Fatal(err)
			}
			if id.Email != tt.want {
				t.Errorf("email = %q, want %q", id.Email, tt.want)
			}
		})
	}
}
