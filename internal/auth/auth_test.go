package auth

import (
	"context"
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
