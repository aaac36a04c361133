package web

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// testProvider is a small OpenID Connect provider following the spec as
// far as gremium uses it: discovery, JWKS, the authorization endpoint
// (which logs in whoever the test says, without a form), the token
// endpoint with client authentication and PKCE (S256 only, required), and
// RS256-signed ID tokens.
type testProvider struct {
	t            *testing.T
	srv          *httptest.Server
	key, rogue   *rsa.PrivateKey
	clientID     string
	clientSecret string
	redirectURL  string

	mu    sync.Mutex
	codes map[string]*grant
	// user is who logs in at the next authorization: the subject and the
	// extra claims of the ID token.
	user struct {
		sub    string
		claims map[string]any
	}
	// tamper changes the next ID token before signing ("nonce": a wrong
	// nonce, "key": signed with a key not in the JWKS, "aud": another
	// audience).
	tamper string
	// seen records the last authorization request's parameters.
	seen url.Values
}

type grant struct {
	challenge, nonce, redirect string
	sub                        string
	claims                     map[string]any
	used                       bool
}

func newTestProvider(t *testing.T, clientID, secret, redirectURL string) *testProvider {
	t.Helper()
	p := &testProvider{t: t, clientID: clientID, clientSecret: secret, redirectURL: redirectURL, codes: map[string]*grant{}}
	var err error
	if p.key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	if p.rogue, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /jwks", p.jwks)
	mux.HandleFunc("GET /authorize", p.authorize)
	mux.HandleFunc("POST /token", p.token)
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *testProvider) issuer() string { return p.srv.URL }

func (p *testProvider) login(sub string, claims map[string]any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.user.sub, p.user.claims = sub, claims
}

func (p *testProvider) discovery(w http.ResponseWriter, r *http.Request) {
	writeTestJSON(w, http.StatusOK, map[string]any{
		"issuer":                                p.issuer(),
		"authorization_endpoint":                p.issuer() + "/authorize",
		"token_endpoint":                        p.issuer() + "/token",
		"jwks_uri":                              p.issuer() + "/jwks",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"code_challenge_methods_supported":      []string{"S256"},
		"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post"},
		"scopes_supported":                      []string{"openid", "profile"},
	})
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func (p *testProvider) jwks(w http.ResponseWriter, r *http.Request) {
	pub := p.key.PublicKey
	writeTestJSON(w, http.StatusOK, map[string]any{"keys": []map[string]string{{
		"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256",
		"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes()),
	}}})
}

// authorize checks the request as a provider must and redirects back with
// a code (RFC 6749 4.1, RFC 7636, OpenID Connect Core 3.1.2).
func (p *testProvider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen = q
	switch {
	case q.Get("client_id") != p.clientID, q.Get("redirect_uri") != p.redirectURL:
		http.Error(w, "unknown client or redirect_uri", http.StatusBadRequest)
		return
	}
	back, _ := url.Parse(p.redirectURL)
	fail := func(code string) {
		v := url.Values{"error": {code}, "state": {q.Get("state")}}
		back.RawQuery = v.Encode()
		http.Redirect(w, r, back.String(), http.StatusFound)
	}
	switch {
	case q.Get("response_type") != "code", !strings.Contains(" "+q.Get("scope")+" ", " openid "):
		fail("invalid_request")
		return
	case q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256":
		fail("invalid_request") // this provider requires PKCE with S256
		return
	case q.Get("state") == "" || q.Get("nonce") == "":
		fail("invalid_request")
		return
	case p.user.sub == "":
		fail("access_denied")
		return
	}
	code := b64(randomBytes(p.t, 16))
	p.codes[code] = &grant{challenge: q.Get("code_challenge"), nonce: q.Get("nonce"), redirect: q.Get("redirect_uri"), sub: p.user.sub, claims: p.user.claims}
	back.RawQuery = url.Values{"code": {code}, "state": {q.Get("state")}}.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

func randomBytes(t *testing.T, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// token redeems a code once, for the client that got it, with the PKCE
// verifier (RFC 6749 4.1.3, RFC 7636 4.6).
func (p *testProvider) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeTestJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request"})
		return
	}
	id, secret, ok := r.BasicAuth()
	if ok {
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	} else {
		id, secret = r.PostFormValue("client_id"), r.PostFormValue("client_secret")
	}
	if id != p.clientID || secret != p.clientSecret {
		w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
		writeTestJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	g := p.codes[r.PostFormValue("code")]
	sum := sha256.Sum256([]byte(r.PostFormValue("code_verifier")))
	switch {
	case r.PostFormValue("grant_type") != "authorization_code", g == nil, g.used, g.redirect != r.PostFormValue("redirect_uri"):
		writeTestJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant"})
		return
	case b64(sum[:]) != g.challenge:
		writeTestJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant", "error_description": "PKCE verification failed"})
		return
	}
	g.used = true
	now := time.Now()
	claims := map[string]any{"iss": p.issuer(), "sub": g.sub, "aud": p.clientID, "iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(), "nonce": g.nonce}
	for k, v := range g.claims {
		claims[k] = v
	}
	key := p.key
	switch p.tamper {
	case "nonce":
		claims["nonce"] = "eine-andere-nonce"
	case "key":
		key = p.rogue
	case "aud":
		claims["aud"] = "ein-anderer-client"
	}
	p.tamper = ""
	writeTestJSON(w, http.StatusOK, map[string]any{"access_token": b64(randomBytes(p.t, 16)), "token_type": "Bearer", "expires_in": 300,
		"id_token": signJWT(p.t, key, claims)})
}

// signJWT makes a compact RS256 JWS (RFC 7515, 7518).
func signJWT(t *testing.T, key *rsa.PrivateKey, claims map[string]any) string {
	header, _ := json.Marshal(map[string]string{"alg": "RS256", "kid": "k1", "typ": "JWT"})
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	input := b64(header) + "." + b64(payload)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + b64(sig)
}

func writeTestJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// oidcSetup starts gremium with OpenID Connect against a test provider,
// both on 127.0.0.1.
func oidcSetup(t *testing.T) (*httptest.Server, *testProvider, *store.Store) {
	t.Helper()
	st := demoStore(t)
	srv := newTestServer(t, st)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	p := newTestProvider(t, "gremium", "geheimnis-des-clients", base+"/anmelden/oidc/rueckruf")
	if err := srv.SetOIDC(context.Background(), auth.OIDCConfig{Issuer: p.issuer(), ClientID: p.clientID, ClientSecret: p.clientSecret,
		RedirectURL: p.redirectURL, Label: "Test-IdP"}); err != nil {
		t.Fatal(err)
	}
	ts := &httptest.Server{Listener: ln, Config: &http.Server{Handler: srv.Handler()}}
	ts.Start()
	t.Cleanup(ts.Close)
	return ts, p, st
}

// browser is a client with cookies that follows redirects (to the
// provider and back) and remembers where it ended.
func browser(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 20 * time.Second}
}

// oidcLogin starts the login at gremium and follows it through the
// provider; it gives the final status, path and body.
func oidcLogin(t *testing.T, c *http.Client, base, next string) (int, string, string) {
	t.Helper()
	res, err := c.Get(base + "/anmelden/oidc?weiter=" + url.QueryEscape(next))
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Request.URL.Path, readAll(res)
}

func TestOIDCLoginEndToEnd(t *testing.T) {
	ts, p, st := oidcSetup(t)
	ctx := context.Background()
	if _, page := get(t, ts, "/anmelden"); !strings.Contains(page, "Anmelden mit Test-IdP") {
		t.Error("the login page offers no OIDC login")
	}
	// A member's office: role and member from the claims.
	p.login("a1b2-c3", map[string]any{"preferred_username": "m.muster", "name": "Maria Muster", "gremium_role": "mitglied", "gremium_member": "HE"})
	c := browser(t)
	code, path, _ := oidcLogin(t, c, ts.URL, "/sitzungen/47")
	if code != http.StatusOK || path != "/sitzungen/47" {
		t.Fatalf("after the login: %d %s", code, path)
	}
	if p.seen.Get("code_challenge_method") != "S256" || p.seen.Get("nonce") == "" || len(p.seen.Get("state")) < 32 {
		t.Errorf("authorization request: %v", p.seen)
	}
	_, account := do(t, c, "GET", ts.URL+"/konto", nil)
	for _, want := range []string{"m.muster", "Maria Muster", "Mitglied (HE)", "über den Identitätsdienst"} {
		if !strings.Contains(account, want) {
			t.Errorf("account page lacks %q", want)
		}
	}
	u, _, err := st.UserLogin(ctx, "m.muster")
	if err != nil || u.OIDCSubject != p.issuer()+" a1b2-c3" || u.Role != model.RoleMember || u.MemberAbbrev != "HE" {
		t.Fatalf("account = %+v %v", u, err)
	}
	log, _ := st.AuditLog(ctx, store.LoginEntity, u.ID)
	if len(log) != 1 || log[0].Action != "login" || log[0].Actor != "m.muster" {
		t.Errorf("audit = %+v", log)
	}
	// No password login for a provider's account.
	if _, code := loginAs(t, ts, ts.URL, "m.muster", ""); code == http.StatusSeeOther {
		t.Error("the OIDC account logs in without a password")
	}
	// The claims decide at every login: the role changes with them.
	p.login("a1b2-c3", map[string]any{"preferred_username": "m.muster", "name": "Maria Muster", "gremium_role": "gast", "gremium_member": "DLT"})
	if code, path, _ := oidcLogin(t, browser(t), ts.URL, "/"); code != http.StatusOK || path != "/" {
		t.Fatalf("second login: %d %s", code, path)
	}
	if u, _ := st.User(ctx, u.ID); u.Role != model.RoleAdvisory || u.MemberAbbrev != "DLT" {
		t.Errorf("after the changed claims: %+v", u)
	}
	// A FachMK secretariat: the conference from its claim.
	p.login("fmk-1", map[string]any{"preferred_username": "fmk.gs", "name": "GS FMK", "gremium_role": []any{"offline_access", "gremium-fachmk"}, "gremium_fachmk": "FMK"})
	if code, _, _ := oidcLogin(t, browser(t), ts.URL, "/"); code != http.StatusOK {
		t.Fatalf("FachMK login: %d", code)
	}
	fmk, _ := st.BodyByAbbrev(ctx, "FMK")
	if u, _, _ := st.UserLogin(ctx, "fmk.gs"); u.Role != model.RoleFachMK || u.ConferenceID != fmk.ID {
		t.Errorf("FachMK account = %+v", u)
	}
	// The secretariat disables the account: the provider's yes is not
	// enough any more.
	if err := st.SetUserDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	p.login("a1b2-c3", map[string]any{"preferred_username": "m.muster", "gremium_role": "mitglied", "gremium_member": "HE"})
	if code, _, body := oidcLogin(t, browser(t), ts.URL, "/"); code != http.StatusForbidden || !strings.Contains(body, "gesperrt") {
		t.Errorf("disabled account: %d", code)
	}
}

func TestOIDCLoginRefusals(t *testing.T) {
	ts, p, st := oidcSetup(t)
	ctx := context.Background()
	member := map[string]any{"preferred_username": "k.test", "gremium_role": "mitglied", "gremium_member": "HE"}
	loggedIn := func(c *http.Client) bool {
		res, err := c.Get(ts.URL + "/konto")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.Request.URL.Path == "/konto"
	}
	for _, tt := range []struct {
		name   string
		claims map[string]any
		tamper string
		want   string
	}{
		{"nonce of another login", member, "nonce", "gehört nicht zu dieser Anmeldung"},
		{"signed with an unknown key", member, "key", "ungültig"},
		{"for another client", member, "aud", "ungültig"},
		{"no role", map[string]any{"preferred_username": "k.test"}, "", "keine gremium-Rolle"},
		{"two roles", map[string]any{"preferred_username": "k.test", "gremium_role": []any{"mitglied", "geschaeftsstelle"}, "gremium_member": "HE"}, "", "mehrere gremium-Rollen"},
		{"unknown member", map[string]any{"preferred_username": "k.test", "gremium_role": "mitglied", "gremium_member": "XX"}, "", "„XX“ aus Ihrem Konto beim Identitätsdienst ist hier nicht bekannt."},
		{"unknown FachMK", map[string]any{"preferred_username": "k.test", "gremium_role": "fachmk", "gremium_fachmk": "XMK"}, "", "„XMK“ aus Ihrem Konto beim Identitätsdienst ist hier nicht bekannt."},
		{"name of a local account", map[string]any{"preferred_username": "hessen", "gremium_role": "mitglied", "gremium_member": "HE"}, "", "heißt schon"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p.login("sub-"+tt.name, tt.claims)
			p.mu.Lock()
			p.tamper = tt.tamper
			p.mu.Unlock()
			c := browser(t)
			code, _, body := oidcLogin(t, c, ts.URL, "/")
			if code != http.StatusForbidden || !strings.Contains(body, tt.want) {
				t.Errorf("%d, want 403 with %q: %s", code, tt.want, between(body, `<div class="error-box" role="alert"><p>`, "</p>"))
			}
			if loggedIn(c) {
				t.Error("logged in")
			}
		})
	}
	if _, _, err := st.UserLogin(ctx, "k.test"); err == nil {
		t.Error("a refused login created an account")
	}

	// A forged callback: a code and state not from this browser's login.
	p.login("sub-ok", member)
	attacker := browser(t)
	attacker.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if strings.HasPrefix(req.URL.Path, "/anmelden/oidc/rueckruf") {
			return http.ErrUseLastResponse
		}
		return nil
	}
	res, err := attacker.Get(ts.URL + "/anmelden/oidc")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	callback := res.Header.Get("Location") // the attacker's own code and state
	victim := browser(t)
	res, err = victim.Get(callback)
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(res); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "nicht in diesem Browser begonnen") || loggedIn(victim) {
		t.Errorf("login CSRF: %d", res.StatusCode)
	}
	// The victim's own login with the attacker's state: refused.
	victim.CheckRedirect = attacker.CheckRedirect
	vres, err := victim.Get(ts.URL + "/anmelden/oidc")
	if err != nil {
		t.Fatal(err)
	}
	vres.Body.Close()
	u, _ := url.Parse(callback)
	u.Path = "/anmelden/oidc/rueckruf"
	if res, err := victim.Get(u.String()); err != nil || res.StatusCode != http.StatusForbidden || loggedIn(victim) {
		t.Errorf("the attacker's callback in the victim's browser: %v %v", res.StatusCode, err)
	}
	// The attacker's code redeemed twice: the provider refuses the second.
	res, err = attacker.Get(callback)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if !loggedIn(attacker) {
		t.Fatal("the attacker's own login failed")
	}
	if code, _, body := oidcLogin(t, browser(t), ts.URL, "/"); code != http.StatusOK {
		t.Errorf("a fresh login after all this: %d %s", code, between(body, "<main", "</main>"))
	}
	replay := browser(t)
	replay.CheckRedirect = attacker.CheckRedirect
	res, err = replay.Get(ts.URL + "/anmelden/oidc")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	fresh, _ := url.Parse(res.Header.Get("Location"))
	q := fresh.Query()
	q.Set("code", must(url.Parse(callback)).Query().Get("code")) // the used code
	fresh.RawQuery = q.Encode()
	res, err = replay.Get(fresh.String())
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(res); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "Anmeldecode nicht bestätigt") {
		t.Errorf("replayed code: %d", res.StatusCode)
	}
	// Failed logins of a known name are in the audit log.
	failed, _ := st.AuditLog(ctx, store.LoginEntity, mustUser(t, st, "hessen").ID)
	found := false
	for _, e := range failed {
		found = found || e.Action == "login_failed" && strings.Contains(e.Detail, "Identitätsdienst")
	}
	if !found {
		t.Errorf("the refused OIDC login with a local account's name is not in the audit log: %+v", failed)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func mustUser(t *testing.T, st *store.Store, name string) model.User {
	t.Helper()
	u, _, err := st.UserLogin(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestOIDCProviderDown: the login page and local logins work while the
// provider is unreachable; the OIDC login says so.
func TestOIDCProviderDown(t *testing.T) {
	ts, p, _ := oidcSetup(t)
	p.srv.Close()
	code, _, body := oidcLogin(t, browser(t), ts.URL, "/")
	if code != http.StatusBadGateway || !strings.Contains(body, "nicht erreichbar") {
		t.Errorf("provider down: %d", code)
	}
	if _, code := loginAs(t, ts, ts.URL, "hessen", "demo-gremium-2025"); code != http.StatusSeeOther {
		t.Errorf("local login while the provider is down: %d", code)
	}
}

// TestOIDCExpiredLoginKeepsTheForm: the identity provider's redirects
// cannot carry a form, so the login page of an expired login offers the
// provider's login in a new window and, beside it, "Eingaben übernehmen",
// which takes the kept form over once this browser is logged in again
// (before, the provider's login lost what had been typed). Pressed too
// early, it gives the login page with the form kept again.
func TestOIDCExpiredLoginKeepsTheForm(t *testing.T) {
	ts, p, _ := oidcSetup(t)
	action := "/sitzungen/47/kommentare"
	typed := "Hessen bittet, TOP 3 genauer zu fassen"
	jar, _ := cookiejar.New(nil)
	tab := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	code, page := do(t, tab, "POST", ts.URL+action, url.Values{"text": {typed}})
	if code != http.StatusUnauthorized || !strings.Contains(page, `href="/anmelden/oidc?weiter=/" target="_blank"`) || !strings.Contains(page, `action="/anmelden/eingaben"`) {
		t.Fatalf("form sent after the login expired, with OIDC: %d\n%s", code, between(page, "<main", "</main>"))
	}
	takeOver := postedForm(page, "/anmelden/eingaben")
	if takeOver.Get("formular.text") != typed || takeOver.Get("formular_ziel") != action {
		t.Fatalf("the take-over form carries %v", takeOver)
	}
	code, page = do(t, tab, "POST", ts.URL+"/anmelden/eingaben", takeOver)
	if code != http.StatusUnauthorized || !strings.Contains(page, "noch nicht wieder angemeldet") || postedForm(page, "/anmelden/eingaben").Get("formular.text") != typed {
		t.Fatalf("taken over before logging in: %d\n%s", code, between(page, "<main", "</main>"))
	}
	// The other window: the provider's login, in the same browser.
	p.login("a1b2-c3", map[string]any{"preferred_username": "m.muster", "name": "Maria Muster", "gremium_role": "mitglied", "gremium_member": "HE"})
	if code, _, _ := oidcLogin(t, &http.Client{Jar: jar, Timeout: 20 * time.Second}, ts.URL, "/"); code != http.StatusOK {
		t.Fatalf("OIDC login: %d", code)
	}
	code, page = do(t, tab, "POST", ts.URL+"/anmelden/eingaben", takeOver)
	if code != http.StatusOK || !strings.Contains(page, "Sie sind wieder angemeldet") || !strings.Contains(page, `<form method="post" action="`+action+`"`) || !strings.Contains(page, typed) {
		t.Fatalf("taken over after the OIDC login: %d\n%s", code, between(page, "<main", "</main>"))
	}
}
