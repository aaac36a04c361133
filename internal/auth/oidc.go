package auth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"gremium/internal/model"
	"gremium/internal/store"
)

// OpenID Connect login: the authorization code flow with PKCE (S256), a
// state against forged callbacks and a nonce bound into the ID token. The
// state, nonce and PKCE verifier travel in a signed, short-lived, HttpOnly
// cookie of the browser that started the login. The account's role, member
// and FachMK come from configurable claims of the ID token at every login.

// OIDCConfig configures the OpenID Connect login.
type OIDCConfig struct {
	// Issuer is the provider's issuer URL (its discovery document is at
	// Issuer + "/.well-known/openid-configuration").
	Issuer       string
	ClientID     string
	ClientSecret string
	// RedirectURL is gremium's callback as the provider knows it:
	// https://HOST/anmelden/oidc/rueckruf.
	RedirectURL string
	// Scopes beyond "openid" (default "profile").
	Scopes []string
	// Label names the provider on the login page ("Anmelden mit …").
	Label string
	// Claims: the user name (default preferred_username), the full name
	// (name), the role (gremium_role), the member (gremium_member) and the
	// FachMK abbreviation (gremium_fachmk). A claim name may be a dotted
	// path into nested objects ("realm_access.roles").
	UsernameClaim, NameClaim, RoleClaim, MemberClaim, ConferenceClaim string
	// HTTPClient talks to the provider (default http.DefaultClient with a
	// 10-second timeout).
	HTTPClient *http.Client
}

// withDefaults fills the claim names and scopes not set.
func (c OIDCConfig) withDefaults() OIDCConfig {
	def := func(s *string, v string) {
		if strings.TrimSpace(*s) == "" {
			*s = v
		}
	}
	def(&c.UsernameClaim, "preferred_username")
	def(&c.NameClaim, "name")
	def(&c.RoleClaim, "gremium_role")
	def(&c.MemberClaim, "gremium_member")
	def(&c.ConferenceClaim, "gremium_fachmk")
	def(&c.Label, "Single Sign-on")
	if len(c.Scopes) == 0 {
		c.Scopes = []string{"profile"}
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	return c
}

// Validate reports a configuration that cannot work.
func (c OIDCConfig) Validate() error {
	switch {
	case c.Issuer == "":
		return errors.New("oidc: issuer missing")
	case c.ClientID == "":
		return errors.New("oidc: client id missing")
	case c.RedirectURL == "":
		return errors.New("oidc: redirect URL missing")
	}
	return nil
}

// OIDC runs the OpenID Connect login with one provider. The provider's
// discovery document is fetched at the first login (and again after a
// failure), so gremium starts while the provider is down.
type OIDC struct {
	cfg      OIDCConfig
	signer   *Signer
	mu       sync.Mutex
	provider *oidc.Provider
}

// NewOIDC gives the OpenID Connect login for the configuration; the
// signer protects its state cookie.
func NewOIDC(cfg OIDCConfig, signer *Signer) (*OIDC, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &OIDC{cfg: cfg.withDefaults(), signer: signer}, nil
}

// Label names the provider on the login page.
func (o *OIDC) Label() string { return o.cfg.Label }

func (o *OIDC) ctx(ctx context.Context) context.Context {
	return oidc.ClientContext(ctx, o.cfg.HTTPClient)
}

func (o *OIDC) oauth(ctx context.Context) (*oauth2.Config, *oidc.Provider, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider == nil {
		p, err := oidc.NewProvider(o.ctx(ctx), o.cfg.Issuer)
		if err != nil {
			return nil, nil, fmt.Errorf("oidc: discovery of %s: %w", o.cfg.Issuer, err)
		}
		o.provider = p
	}
	return &oauth2.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, RedirectURL: o.cfg.RedirectURL,
		Endpoint: o.provider.Endpoint(), Scopes: append([]string{oidc.ScopeOpenID}, o.cfg.Scopes...)}, o.provider, nil
}

// oidcState is what the state cookie holds.
type oidcState struct {
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Next     string `json:"w"`
}

// StateCookie is the name of the cookie that carries a login in progress.
const StateCookie = "gremium_oidc"

const (
	statePurpose = "oidc-state"
	stateTTL     = 10 * time.Minute
	// callbackPath is where the provider sends the browser back.
	callbackPath = "/anmelden/oidc"
)

// Start sends the browser to the provider; next is where to go after the
// login (already checked to stay on the site).
func (o *OIDC) Start(w http.ResponseWriter, r *http.Request, next string, secure bool) error {
	cfg, _, err := o.oauth(r.Context())
	if err != nil {
		return err
	}
	st := oidcState{Next: next, Verifier: oauth2.GenerateVerifier()}
	if st.State, err = newToken(); err != nil {
		return err
	}
	if st.Nonce, err = newToken(); err != nil {
		return err
	}
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: StateCookie, Value: o.signer.Sign(statePurpose, string(raw), stateTTL), Path: callbackPath,
		MaxAge: int(stateTTL / time.Second), HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secure})
	http.Redirect(w, r, cfg.AuthCodeURL(st.State, oauth2.S256ChallengeOption(st.Verifier), oidc.Nonce(st.Nonce)), http.StatusFound)
	return nil
}

// OIDCError is a refused OpenID Connect login with a German reason.
type OIDCError struct {
	Reason string
	Err    error
}

// Error gives the reason and the cause (for logs).
func (e *OIDCError) Error() string {
	if e.Err != nil {
		return "oidc: " + e.Reason + ": " + e.Err.Error()
	}
	return "oidc: " + e.Reason
}

// Unwrap gives the cause.
func (e *OIDCError) Unwrap() error { return e.Err }

func refuse(reason string, err error) error { return &OIDCError{Reason: reason, Err: err} }

// Identity is what the provider says about the user.
type Identity struct {
	// Subject is "issuer subject", unique for the user at the provider.
	Subject            string
	Username, Name     string
	Role               model.Role
	Member, Conference string
	// Email is the address of the standard claim "email" when the
	// provider verified it (the claim "email_verified" is true), ""
	// otherwise: an account without an address takes it for its
	// notifications (store.OIDCLogin).
	Email string
	// Next is where the browser goes after the login.
	Next string
}

// Finish handles the provider's callback: it checks the state against the
// cookie, redeems the code with the PKCE verifier, verifies the ID token
// (signature, issuer, audience, expiry) and its nonce, and reads the
// identity from the claims. Failures are *OIDCError.
func (o *OIDC) Finish(w http.ResponseWriter, r *http.Request, secure bool) (Identity, error) {
	c, err := r.Cookie(StateCookie)
	// The state is for one callback only.
	http.SetCookie(w, &http.Cookie{Name: StateCookie, Value: "", Path: callbackPath, MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secure})
	if err != nil {
		return Identity{}, refuse("Die Anmeldung wurde nicht in diesem Browser begonnen oder ist abgelaufen. Bitte beginnen Sie sie erneut.", err)
	}
	raw, ok := o.signer.Verify(statePurpose, c.Value)
	var st oidcState
	if !ok || json.Unmarshal([]byte(raw), &st) != nil {
		return Identity{}, refuse("Die Anmeldung ist abgelaufen. Bitte beginnen Sie sie erneut.", nil)
	}
	q := r.URL.Query()
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(st.State)) != 1 {
		return Identity{}, refuse("Die Antwort des Identitätsdienstes gehört nicht zu dieser Anmeldung.", nil)
	}
	if e := q.Get("error"); e != "" {
		return Identity{}, refuse("Der Identitätsdienst hat die Anmeldung abgelehnt.", fmt.Errorf("%s: %s", e, q.Get("error_description")))
	}
	ctx := o.ctx(r.Context())
	cfg, provider, err := o.oauth(ctx)
	if err != nil {
		return Identity{}, err
	}
	tok, err := cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(st.Verifier))
	if err != nil {
		return Identity{}, refuse("Der Identitätsdienst hat den Anmeldecode nicht bestätigt.", err)
	}
	rawID, _ := tok.Extra("id_token").(string)
	if rawID == "" {
		return Identity{}, refuse("Der Identitätsdienst hat kein ID-Token geschickt.", nil)
	}
	idt, err := provider.Verifier(&oidc.Config{ClientID: o.cfg.ClientID}).Verify(ctx, rawID)
	if err != nil {
		return Identity{}, refuse("Das ID-Token des Identitätsdienstes ist ungültig.", err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(st.Nonce)) != 1 {
		return Identity{}, refuse("Das ID-Token gehört nicht zu dieser Anmeldung.", errors.New("nonce mismatch"))
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return Identity{}, refuse("Das ID-Token des Identitätsdienstes ist ungültig.", err)
	}
	id, err := o.identity(idt.Issuer, idt.Subject, claims)
	id.Next = st.Next
	return id, err
}

// identity reads the account's identity from the claims.
func (o *OIDC) identity(issuer, subject string, claims map[string]any) (Identity, error) {
	id := Identity{Subject: issuer + " " + subject}
	id.Username = firstString(claim(claims, o.cfg.UsernameClaim))
	if id.Username == "" {
		id.Username = subject
	}
	id.Name = firstString(claim(claims, o.cfg.NameClaim))
	if id.Name == "" {
		id.Name = id.Username
	}
	var roles []model.Role
	for _, v := range claimStrings(claim(claims, o.cfg.RoleClaim)) {
		for _, r := range model.Roles {
			if v == string(r) || v == "gremium-"+string(r) || v == "gremium_"+string(r) {
				if !containsRole(roles, r) {
					roles = append(roles, r)
				}
			}
		}
	}
	switch len(roles) {
	case 0:
		return id, refuse(fmt.Sprintf("Ihr Konto beim Identitätsdienst hat keine gremium-Rolle (Claim „%s“). Bitte wenden Sie sich an die Geschäftsstelle.", o.cfg.RoleClaim), nil)
	case 1:
		id.Role = roles[0]
	default:
		return id, refuse(fmt.Sprintf("Ihr Konto beim Identitätsdienst hat mehrere gremium-Rollen (Claim „%s“); es darf nur eine sein.", o.cfg.RoleClaim), nil)
	}
	id.Member = firstString(claim(claims, o.cfg.MemberClaim))
	id.Conference = firstString(claim(claims, o.cfg.ConferenceClaim))
	id.Email = verifiedEmail(claims)
	return id, nil
}

// verifiedEmail gives the standard claim "email" if the claim
// "email_verified" says the provider verified it (true; some providers
// send the text "true"), "" otherwise: an address the user merely typed
// at the provider is nobody's to send mail to.
func verifiedEmail(claims map[string]any) string {
	email, _ := claims["email"].(string)
	switch v := claims["email_verified"].(type) {
	case bool:
		if v {
			return strings.TrimSpace(email)
		}
	case string:
		if v == "true" {
			return strings.TrimSpace(email)
		}
	}
	return ""
}

func containsRole(rs []model.Role, r model.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// claim follows a dotted path into the claims.
func claim(claims map[string]any, path string) any {
	var cur any = claims
	for _, part := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
	}
	return cur
}

// claimStrings gives a claim's text values: a string, or the strings of a
// list.
func claimStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func firstString(v any) string {
	if s := claimStrings(v); len(s) > 0 {
		return s[0]
	}
	return ""
}

// LoginOIDC logs the provider's user in: the account is created or brought
// up to date from the identity (store.OIDCLogin), takes the verified
// e-mail address (Identity.Email, "" for none) if it has no address, and
// this browser gets a new login session.
func (m *Sessions) LoginOIDC(w http.ResponseWriter, r *http.Request, u model.User, email string) (model.User, error) {
	var out model.User
	err := m.start(w, r, 0, func(login store.NewLogin) (err error) {
		out, err = m.st.OIDCLogin(m.auditContext(r), u, email, login)
		return err
	})
	return out, err
}
