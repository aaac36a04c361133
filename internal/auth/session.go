package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"strings"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// CookieName is the name of the login cookie.
const CookieName = "gremium_sitzung"

// ErrLoginFailed means user name or password were wrong (deliberately not
// saying which).
var ErrLoginFailed = errors.New("auth: user name or password wrong")

// Sessions manages logins in the store.
type Sessions struct {
	st *store.Store
	// TTL is how long a login lasts.
	TTL time.Duration
	// Secure forces the Secure flag on the cookie (set it behind a TLS
	// proxy); requests over TLS always get it.
	Secure bool
	now    func() time.Time
}

// NewSessions gives a session manager with a 12-hour login.
func NewSessions(st *store.Store) *Sessions {
	return &Sessions{st: st, TTL: 12 * time.Hour, now: time.Now}
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Login checks the password and sets the login cookie.
func (m *Sessions) Login(w http.ResponseWriter, r *http.Request, username, password string) (model.User, error) {
	ctx := r.Context()
	u, hash, err := m.st.UserLogin(ctx, username)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			// Spend the same time as a real check, so response times do
			// not reveal which user names exist.
			CheckPassword("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", password)
			return model.User{}, ErrLoginFailed
		}
		return model.User{}, err
	}
	ok, err := CheckPassword(hash, password)
	if err != nil {
		return model.User{}, err
	}
	if !ok || u.Disabled {
		return model.User{}, ErrLoginFailed
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return model.User{}, err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	expires := m.now().Add(m.TTL)
	if err := m.st.CreateLoginSession(ctx, tokenHash(token), u.ID, expires); err != nil {
		return model.User{}, err
	}
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: token, Path: "/", Expires: expires, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: m.Secure || r.TLS != nil})
	return u, nil
}

// User gives the logged-in user of a request, or nil for the public.
func (m *Sessions) User(ctx context.Context, r *http.Request) *model.User {
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" {
		return nil
	}
	u, err := m.st.LoginSessionUser(ctx, tokenHash(c.Value), m.now())
	if err != nil {
		return nil
	}
	return &u
}

// Logout ends the login session and clears the cookie.
func (m *Sessions) Logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(CookieName); err == nil {
		if err := m.st.DeleteLoginSession(r.Context(), tokenHash(c.Value)); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: m.Secure || r.TLS != nil})
	return nil
}

// NewAPIToken makes a token for an account's system and stores its hash; the
// token itself is shown once.
func NewAPIToken(ctx context.Context, st *store.Store, userID int64, name string) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	token := "grm_" + base64.RawURLEncoding.EncodeToString(raw)
	return token, st.CreateAPIToken(ctx, tokenHash(token), userID, name)
}

// TokenUser gives the account of a request's "Authorization: Bearer" token,
// or nil.
func TokenUser(ctx context.Context, st *store.Store, r *http.Request) *model.User {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "Bearer ") {
		return nil
	}
	u, err := st.APITokenUser(ctx, tokenHash(strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))))
	if err != nil {
		return nil
	}
	return &u
}
