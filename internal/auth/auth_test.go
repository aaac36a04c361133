package auth

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

func TestPasswords(t *testing.T) {
	h, err := HashPassword("korrekt-pferd-batterie")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash form %q", h)
	}
	if ok, _ := CheckPassword(h, "korrekt-pferd-batterie"); !ok {
		t.Error("right password refused")
	}
	if ok, _ := CheckPassword(h, "korrekt-pferd-batteri"); ok {
		t.Error("wrong password accepted")
	}
	if h2, _ := HashPassword("korrekt-pferd-batterie"); h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	if _, err := HashPassword("kurz"); err == nil {
		t.Error("short password accepted")
	}
	if _, err := CheckPassword("$md5$x", "x"); err != ErrBadHash {
		t.Errorf("bad hash: %v", err)
	}
}

func TestCan(t *testing.T) {
	gs := &model.User{Role: model.RoleSecretariat}
	he := &model.User{Role: model.RoleMember, MemberAbbrev: "HE"}
	dlt := &model.User{Role: model.RoleAdvisory, MemberAbbrev: "DLT"}
	sp := &model.User{Role: model.RoleSpokesperson, MemberAbbrev: "HB"}
	fmk := &model.User{Role: model.RoleFachMK, ConferenceID: 3}
	off := &model.User{Role: model.RoleSecretariat, Disabled: true}
	tests := []struct {
		u      *model.User
		a      Action
		member string
		want   bool
	}{
		{nil, ViewInternal, "", false},
		{gs, ManageSessions, "", true},
		{he, ManageSessions, "", false},
		{he, RegisterItem, "HE", true},
		{he, RegisterItem, "BY", false},
		{gs, RegisterItem, "BY", true},
		{dlt, RegisterItem, "DLT", false},
		{dlt, CommentMinutes, "", true},
		{dlt, ViewInternal, "", true},
		{sp, ViewInternal, "", true},
		{sp, RecordMinutes, "", false},
		{fmk, ViewInternal, "", false},
		{fmk, CommentMinutes, "", false},
		{off, ManageSessions, "", false},
		{he, RecordMinutes, "", false},
		{he, ApproveMinutes, "", false},
	}
	for _, tt := range tests {
		if got := Can(tt.u, tt.a, tt.member); got != tt.want {
			role := "public"
			if tt.u != nil {
				role = string(tt.u.Role)
			}
			t.Errorf("Can(%s, %s, %q) = %v", role, tt.a, tt.member, got)
		}
	}
	if Audience(nil) != model.Public || Audience(fmk) != model.Public || Audience(he) != model.Internal {
		t.Error("audience by role")
	}
}

func TestLoginLogout(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, _ := HashPassword("geheimes-passwort-1")
	if _, err := st.CreateUser(ctx, model.User{Username: "gs", Name: "Geschäftsstelle", Role: model.RoleSecretariat}, h); err != nil {
		t.Fatal(err)
	}
	m := NewSessions(st)
	w := httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/anmelden", nil)
	if _, err := m.Login(w, r, "gs", "falsch-falsch-falsch"); err != ErrLoginFailed {
		t.Errorf("wrong password: %v", err)
	}
	if _, err := m.Login(w, r, "niemand", "geheimes-passwort-1"); err != ErrLoginFailed {
		t.Errorf("unknown user: %v", err)
	}
	if _, err := m.Login(w, r, "gs", "geheimes-passwort-1"); err != nil {
		t.Fatal(err)
	}
	cookie := w.Result().Cookies()[0]
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Secure {
		t.Errorf("cookie flags: %+v", cookie)
	}
	r2 := httptest.NewRequest("GET", "/", nil)
	r2.AddCookie(cookie)
	if u := m.User(ctx, r2); u == nil || u.Username != "gs" {
		t.Fatalf("user from cookie = %+v", u)
	}
	// Over TLS the cookie is Secure.
	w3 := httptest.NewRecorder()
	r3 := httptest.NewRequest("POST", "https://gremium.example/anmelden", nil)
	if _, err := m.Login(w3, r3, "gs", "geheimes-passwort-1"); err != nil || !w3.Result().Cookies()[0].Secure {
		t.Errorf("TLS cookie not secure: %v", err)
	}
	// Logout ends the session for good.
	if err := m.Logout(httptest.NewRecorder(), r2); err != nil {
		t.Fatal(err)
	}
	if u := m.User(ctx, r2); u != nil {
		t.Error("session still valid after logout")
	}
	// Expired sessions are not accepted.
	m.TTL = time.Millisecond
	w4 := httptest.NewRecorder()
	m.Login(w4, r, "gs", "geheimes-passwort-1")
	time.Sleep(1100 * time.Millisecond) // expiry is stored with one-second precision
	r4 := httptest.NewRequest("GET", "/", nil)
	r4.AddCookie(w4.Result().Cookies()[0])
	if u := m.User(ctx, r4); u != nil {
		t.Error("expired session accepted")
	}
}

// loginStore gives a store with the account "gs" (password
// "geheimes-passwort-1") and a session manager on a settable clock.
func loginStore(t *testing.T) (*store.Store, *Sessions, *clock, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h, _ := HashPassword("geheimes-passwort-1")
	id, err := st.CreateUser(ctx, model.User{Username: "gs", Name: "Geschäftsstelle", Role: model.RoleSecretariat}, h)
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Now()}
	m := NewSessions(st)
	m.now, m.Limiter.now = c.now, c.now
	return st, m, c, id
}

func loginCookie(t *testing.T, m *Sessions, r *http.Request, user, password string) (*http.Cookie, error) {
	t.Helper()
	w := httptest.NewRecorder()
	if _, err := m.Login(w, r, user, password); err != nil {
		return nil, err
	}
	for _, c := range w.Result().Cookies() {
		if c.Name == CookieName {
			return c, nil
		}
	}
	t.Fatal("no login cookie")
	return nil, nil
}

func withCookie(c *http.Cookie) *http.Request {
	r := httptest.NewRequest("GET", "/", nil)
	r.AddCookie(c)
	return r
}

func TestIdleTimeoutAndRotation(t *testing.T) {
	ctx := context.Background()
	_, m, c, _ := loginStore(t)
	first, err := loginCookie(t, m, httptest.NewRequest("POST", "/anmelden", nil), "gs", "geheimes-passwort-1")
	if err != nil {
		t.Fatal(err)
	}
	// Used every 20 minutes, the login lasts; 31 idle minutes end it.
	for range 3 {
		c.add(20 * time.Minute)
		if m.User(ctx, withCookie(first)) == nil {
			t.Fatal("an active login ended")
		}
	}
	c.add(31 * time.Minute)
	if m.User(ctx, withCookie(first)) != nil {
		t.Error("an idle login still counts")
	}
	// A login from a browser that has a session replaces it: new token,
	// the old one is void.
	second, err := loginCookie(t, m, httptest.NewRequest("POST", "/anmelden", nil), "gs", "geheimes-passwort-1")
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/anmelden", nil)
	r.AddCookie(second)
	third, err := loginCookie(t, m, r, "gs", "geheimes-passwort-1")
	if err != nil {
		t.Fatal(err)
	}
	if third.Value == second.Value {
		t.Fatal("the token did not change")
	}
	if m.User(ctx, withCookie(second)) != nil || m.User(ctx, withCookie(third)) == nil {
		t.Error("rotation: the old session still counts or the new one does not")
	}
	// 12 hours at most, however active.
	for range 12 * 3 {
		c.add(20 * time.Minute)
		m.User(ctx, withCookie(third))
	}
	if m.User(ctx, withCookie(third)) != nil {
		t.Error("a login outlived 12 hours")
	}
}

func TestLoginProtectionAndAudit(t *testing.T) {
	ctx := context.Background()
	st, m, c, id := loginStore(t)
	r := httptest.NewRequest("POST", "/anmelden", nil)
	r.RemoteAddr = "192.0.2.7:4711"
	// Known and unknown names are answered alike, failure by failure.
	for i := range 4 {
		for _, name := range []string{"gs", "niemand"} {
			if _, err := loginCookie(t, m, r, name, "falsch-falsch-falsch"); err != ErrLoginFailed {
				t.Fatalf("%s, failure %d: %v", name, i+1, err)
			}
		}
	}
	for _, name := range []string{"gs", "niemand"} {
		var te *ThrottledError
		if _, err := loginCookie(t, m, r, name, "geheimes-passwort-1"); !errors.As(err, &te) || te.Wait != time.Second {
			t.Errorf("%s after 4 failures: %v", name, err)
		}
	}
	c.add(time.Second)
	cookie, err := loginCookie(t, m, r, "gs", "geheimes-passwort-1")
	if err != nil {
		t.Fatalf("login after the wait: %v", err)
	}
	if err := m.Logout(httptest.NewRecorder(), func() *http.Request { x := withCookie(cookie); x.RemoteAddr = r.RemoteAddr; return x }()); err != nil {
		t.Fatal(err)
	}
	log, err := st.AuditLog(ctx, store.LoginEntity, id)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
		if e.Actor != "gs" || !strings.Contains(e.Detail, "192.0.2.7") {
			t.Errorf("entry %+v", e)
		}
	}
	if strings.Join(actions, " ") != "login_failed login_failed login_failed login_failed login logout" {
		// (the throttled attempts are not checked and so not logged)
		t.Errorf("audit actions %v", actions)
	}
	unknown, _ := st.AuditLog(ctx, store.LoginEntity, 0)
	if len(unknown) != 4 || unknown[0].Actor != "niemand" || !strings.Contains(unknown[0].Detail, "unbekannter Benutzername") {
		t.Errorf("failed logins of an unknown name: %+v", unknown)
	}
}
