package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net"
	"net/http"
	"runtime"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// CookieName is the name of the login cookie over plain HTTP; with Secure
// cookies it is SecureCookieName.
const CookieName = "gremium_sitzung"

// SecureCookieName is the login cookie's name when it is Secure: the
// __Host- prefix makes browsers refuse it unless it is Secure, host-only
// and for the path /, so no subdomain can set or shadow it.
const SecureCookieName = "__Host-" + CookieName

// ErrLoginFailed means user name or password were wrong (deliberately not
// saying which), or the account is disabled.
var ErrLoginFailed = errors.New("auth: user name or password wrong")

// Sessions manages logins in the store: password checks under the login
// protection (Limiter, Pool), login sessions with an absolute and an idle
// timeout, a new token at every login.
type Sessions struct {
	st *store.Store
	// TTL is how long a login lasts at most.
	TTL time.Duration
	// Idle ends a login that was not used for this long.
	Idle time.Duration
	// Secure forces the Secure flag on the cookie (set it behind a TLS
	// proxy); requests over TLS always get it.
	Secure bool
	// Limiter delays and locks out repeated failures; Pool bounds the
	// password checks running at once.
	Limiter *Limiter
	Pool    *Pool
	// ClientAddr gives a request's client address (for the limiter and the
	// audit log); the default is the connection's peer.
	ClientAddr func(*http.Request) string
	now        func() time.Time
}

// DefaultIdle is the default idle timeout (OWASP ASVS 3.3.2, level 2).
const DefaultIdle = 30 * time.Minute

// NewSessions gives a session manager with a 12-hour login that ends after
// 30 idle minutes, and password checks bounded to the number of CPUs (at
// least two) with 64 waiting.
func NewSessions(st *store.Store) *Sessions {
	return &Sessions{st: st, TTL: 12 * time.Hour, Idle: DefaultIdle, Limiter: NewLimiter(),
		Pool: NewPool(max(2, runtime.GOMAXPROCS(0)), 64), ClientAddr: PeerAddr, now: time.Now}
}

// PeerAddr gives the address of the connection's peer (without the port).
func PeerAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func newToken() (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(raw), nil
}

// dummyHash is checked for unknown user names, so that response times do
// not reveal which names exist.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"

// secure reports whether the request's cookies are Secure.
func (m *Sessions) secure(r *http.Request) bool { return m.Secure || r.TLS != nil }

// SecureRequest reports whether cookies set for the request are Secure:
// over TLS, or always with Secure (behind a TLS proxy).
func (m *Sessions) SecureRequest(r *http.Request) bool { return m.secure(r) }

func (m *Sessions) cookieName(r *http.Request) string {
	if m.secure(r) {
		return SecureCookieName
	}
	return CookieName
}

// auditContext adds the client address for the audit log.
func (m *Sessions) auditContext(r *http.Request) context.Context {
	return store.WithClientAddr(r.Context(), m.ClientAddr(r))
}

// Throttled gives the *ThrottledError if a login for the user name from
// the request's address must wait, or nil.
func (m *Sessions) Throttled(r *http.Request, username string) error {
	return m.Limiter.Check(AccountKey(username), AddressKey(m.ClientAddr(r)))
}

// checkPassword runs one password check in the pool.
func (m *Sessions) checkPassword(ctx context.Context, hash, password string) (bool, error) {
	var ok bool
	var err error
	if perr := m.Pool.Do(ctx, func() { ok, err = CheckPassword(hash, password) }); perr != nil {
		return false, perr
	}
	return ok, err
}

// HashPassword hashes a new password in the pool (hashing takes the same
// memory as checking).
func (m *Sessions) HashPassword(ctx context.Context, password string) (string, error) {
	if err := CheckNewPassword(password); err != nil {
		return "", err
	}
	var h string
	var err error
	if perr := m.Pool.Do(ctx, func() { h, err = HashPassword(password) }); perr != nil {
		return "", perr
	}
	return h, err
}

// verify checks a user name and password under the login protection: it
// gives the account, a *ThrottledError (too many failures), ErrBusy (too
// many checks waiting) or ErrLoginFailed. Failures are counted and written
// to the audit log.
func (m *Sessions) verify(r *http.Request, username, password, failReason string) (model.User, error) {
	ctx := r.Context()
	keys := []string{AccountKey(username), AddressKey(m.ClientAddr(r))}
	locks, err := m.Limiter.Attempt(keys...)
	if err != nil {
		return model.User{}, err
	}
	u, hash, err := m.st.UserLogin(ctx, username)
	switch {
	case err != nil && !errors.Is(err, store.ErrNotFound):
		m.Limiter.Refund(keys[0])
		m.Limiter.Refund(keys[1])
		return model.User{}, err
	case err != nil:
		hash = dummyHash
	case u.OIDCSubject != "" || hash == "":
		hash = dummyHash // logs in at the provider, never with a password here
	}
	ok, err := m.checkPassword(ctx, hash, password)
	if err != nil {
		// Not checked (too busy, or the client left): no failure of the
		// password.
		m.Limiter.Refund(keys[0])
		m.Limiter.Refund(keys[1])
		return model.User{}, err
	}
	if ok && hash != dummyHash && !u.Disabled {
		m.Limiter.Succeed(keys[0])
		m.Limiter.Refund(keys[1])
		return u, nil
	}
	actx := m.auditContext(r)
	if locks {
		actx = store.WithFailureNote(actx, "weitere Versuche vorübergehend gesperrt")
	}
	if failReason != "" {
		actx = store.WithFailureReason(actx, failReason)
	}
	if err := m.st.RecordLoginFailure(actx, username); err != nil {
		return model.User{}, err
	}
	return model.User{}, ErrLoginFailed
}

// Login checks the password and sets a new login cookie; a login session
// the browser had before ends (the token changes at every login).
func (m *Sessions) Login(w http.ResponseWriter, r *http.Request, username, password string) (model.User, error) {
	u, err := m.verify(r, username, password, "")
	if err != nil {
		return model.User{}, err
	}
	return u, m.start(w, r, u.ID, func(login store.NewLogin) error {
		return m.st.CreateLoginSession(m.auditContext(r), login)
	})
}

// start makes a new login token, lets create store its session and sets
// the cookie.
func (m *Sessions) start(w http.ResponseWriter, r *http.Request, userID int64, create func(store.NewLogin) error) error {
	token, err := newToken()
	if err != nil {
		return err
	}
	now := m.now()
	login := store.NewLogin{TokenHash: tokenHash(token), UserID: userID, At: now, Expires: now.Add(m.TTL)}
	if c, err := r.Cookie(m.cookieName(r)); err == nil && c.Value != "" {
		login.Replaces = tokenHash(c.Value)
	}
	if err := create(login); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: m.cookieName(r), Value: token, Path: "/", Expires: login.Expires, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: m.secure(r)})
	return nil
}

// touchEvery is how stale a session's last use may be before a request
// records it again (one write a minute per active user, not one per
// request).
const touchEvery = time.Minute

// User gives the logged-in user of a request, or nil for the public. A
// login unused for longer than Idle has ended.
func (m *Sessions) User(ctx context.Context, r *http.Request) *model.User {
	return m.LoginUser(ctx, m.LoginOf(r))
}

// LoginOf gives the login of a request: the hash of its session cookie's
// token ("" without one). With LoginUser it finds the account again
// without the request — a live stream's viewer at each change.
func (m *Sessions) LoginOf(r *http.Request) string {
	c, err := r.Cookie(m.cookieName(r))
	if err != nil || c.Value == "" {
		return ""
	}
	return tokenHash(c.Value)
}

// LoginUser gives the account of a login (LoginOf), or nil when there is
// none or it has ended, as User does for a request; it notes the use
// (the idle timeout) like a request of the login.
func (m *Sessions) LoginUser(ctx context.Context, login string) *model.User {
	if login == "" {
		return nil
	}
	return m.LoginUsers(ctx, []string{login})[login]
}

// LoginUsers is LoginUser for many logins at once (the viewers of a live
// stream at each change): the accounts of the logins still valid, by
// login, in one statement per few hundred logins; the use of each is
// noted as LoginUser notes it. On an error it gives none.
func (m *Sessions) LoginUsers(ctx context.Context, logins []string) map[string]*model.User {
	out := map[string]*model.User{}
	if len(logins) == 0 {
		return out
	}
	now := m.now()
	ls, err := m.st.LoginSessionUsers(ctx, logins, now, now.Add(-m.Idle))
	if err != nil {
		return out
	}
	var touch []string
	for login, l := range ls {
		out[login] = &l.User
		if now.Sub(l.LastSeen) >= touchEvery {
			touch = append(touch, login)
		}
	}
	// A failed note of activity only shortens the logins.
	_ = m.st.TouchLoginSessions(ctx, touch, now)
	return out
}

// LoginAccount gives the user name of the account whose login the request
// carries, even when that login has ended by its timeouts ("" when the
// request carries none the store knows): whose form it is that was sent
// after the login expired.
func (m *Sessions) LoginAccount(ctx context.Context, r *http.Request) (string, error) {
	login := m.LoginOf(r)
	if login == "" {
		return "", nil
	}
	username, err := m.st.LoginSessionAccount(ctx, login)
	if errors.Is(err, store.ErrNotFound) {
		return "", nil
	}
	return username, err
}

func (m *Sessions) clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: m.cookieName(r), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: m.secure(r)})
}

// Logout ends the login session and clears the cookie.
func (m *Sessions) Logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(m.cookieName(r)); err == nil {
		if err := m.st.DeleteLoginSession(m.auditContext(r), tokenHash(c.Value)); err != nil {
			return err
		}
	}
	m.clearCookie(w, r)
	return nil
}

// LogoutEverywhere ends every login session of the account ("überall
// abmelden") and clears this browser's cookie.
func (m *Sessions) LogoutEverywhere(w http.ResponseWriter, r *http.Request, u *model.User) error {
	if err := m.st.EndLoginSessions(m.auditContext(r), u.ID); err != nil {
		return err
	}
	m.clearCookie(w, r)
	return nil
}

// ErrWrongPassword means the current password given to change it was
// wrong; it is about the form's field "bisher".
var ErrWrongPassword error = model.AtField("bisher", model.InputError("Das bisherige Passwort ist nicht richtig."))

// CheckPasswordChange checks a new password without the current one being
// verified: long enough, not too long, not one repeated character, and
// not the current one. Its reasons are about the form's field "neu"
// (errors.Join). The form gives them with the other fields' reasons;
// ChangePassword verifies the current password only once they are none,
// since a check costs a password hash and counts as a login attempt.
func CheckPasswordChange(current, next string) error {
	var errs []error
	if err := CheckNewPassword(next); err != nil {
		errs = append(errs, model.AtField("neu", err))
	}
	if current == next {
		errs = append(errs, model.AtField("neu", model.InputError("Das neue Passwort muss sich vom bisherigen unterscheiden.")))
	}
	return errors.Join(errs...)
}

// ChangePassword sets the account holder's new password after checking
// the current one (under the login protection: wrong current passwords
// count as failed logins). Every other login of the account ends; this
// browser gets a new one.
func (m *Sessions) ChangePassword(w http.ResponseWriter, r *http.Request, u *model.User, current, next string) error {
	if u.OIDCSubject != "" {
		return model.RuleError("Dieses Konto meldet sich über den Identitätsdienst an; sein Passwort wird dort geändert.")
	}
	if err := CheckPasswordChange(current, next); err != nil {
		return err
	}
	if _, err := m.verify(r, u.Username, current, "falsches Passwort bei der Passwortänderung"); err != nil {
		if errors.Is(err, ErrLoginFailed) {
			return ErrWrongPassword
		}
		return err
	}
	hash, err := m.HashPassword(r.Context(), next)
	if err != nil {
		return err
	}
	return m.start(w, r, u.ID, func(login store.NewLogin) error {
		return m.st.ChangePassword(m.auditContext(r), hash, login)
	})
}

// ResetPassword gives an account a new random password that it must change
// at its next login; its login sessions end. The password is shown once to
// whoever reset it.
func (m *Sessions) ResetPassword(ctx context.Context, userID int64) (string, error) {
	password := RandomPassword()
	hash, err := m.HashPassword(ctx, password)
	if err != nil {
		return "", err
	}
	return password, m.st.ResetPassword(ctx, userID, hash)
}
