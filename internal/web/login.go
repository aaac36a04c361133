package web

// Logging in and out: local accounts with their password (under the login
// protection of package auth) and, when configured, OpenID Connect.

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

type loginData struct {
	Username string
	Next     string
	Error    string
	// Kept is the form sent after the login had expired, carried through
	// the login form (nil when there is none; loginExpired).
	Kept *keptForm
	// OIDC names the OpenID Connect provider ("" if none is configured).
	OIDC string
}

func (s *Server) loginData(next string) loginData {
	d := loginData{Next: safeNext(next)}
	if s.oidc != nil {
		d.OIDC = s.oidc.Label()
	}
	return d
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login.html", view{Title: "Anmelden", Data: s.loginData(r.URL.Query().Get("weiter"))})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error.html", view{Title: "Ungültige Anfrage", Data: "Das Formular konnte nicht gelesen werden."})
		return
	}
	d := s.loginData(r.PostFormValue("weiter"))
	d.Username = strings.TrimSpace(r.PostFormValue("benutzer"))
	d.Kept = keptFormOf(r)
	u, err := s.sessions.Login(w, r, d.Username, r.PostFormValue("passwort"))
	if err == nil && d.Kept != nil {
		s.offerKept(w, r, &u, d.Kept)
		return
	}
	if err == nil {
		http.Redirect(w, r, d.Next, http.StatusSeeOther)
		return
	}
	var throttled *auth.ThrottledError
	status := http.StatusUnauthorized
	switch {
	case errors.As(err, &throttled):
		s.log.Info("login throttled", "user", d.Username, "remote", s.sessions.ClientAddr(r), "wait", throttled.Wait, "locked", throttled.Locked)
		status, d.Error = http.StatusTooManyRequests, throttled.Message()
		w.Header().Set("Retry-After", strconv.Itoa(int((throttled.Wait+time.Second-1)/time.Second)))
	case errors.Is(err, auth.ErrBusy):
		s.log.Warn("login refused: too many password checks waiting", "remote", s.sessions.ClientAddr(r))
		status, d.Error = http.StatusServiceUnavailable, "Der Anmeldedienst ist gerade ausgelastet. Bitte versuchen Sie es in einigen Sekunden erneut."
		w.Header().Set("Retry-After", "5")
	case errors.Is(err, auth.ErrLoginFailed):
		s.log.Info("login failed", "user", d.Username, "remote", s.sessions.ClientAddr(r))
		d.Error = "Benutzername oder Passwort sind falsch."
		// Say at once when the next attempt must wait, not only after it.
		if errors.As(s.sessions.Throttled(r, d.Username), &throttled) {
			d.Error += " " + throttled.Message()
		}
	default:
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "login.html", view{Title: "Anmelden", Data: d})
}

// offerKept answers the login of user u that brought the kept form k:
// the page "Eingaben absenden" with the form to send (the user confirms;
// nothing is sent by itself), rendered for u — unless the form was typed
// under another account's login, or its seal does not hold; then u's
// start page with a note.
func (s *Server) offerKept(w http.ResponseWriter, r *http.Request, u *model.User, k *keptForm) {
	switch {
	case !k.Sealed:
		back(w, r, "/", "Sie sind angemeldet. Ihre Eingaben von vorhin können nicht mehr übernommen werden, weil die Anmeldeseite zu lange geöffnet war. Bitte geben Sie sie erneut ein.")
	case k.Owner != "" && k.Owner != u.Username:
		// Typed under another account's login, which expired: it is
		// not offered to whoever logs in next in this browser.
		s.log.Info("kept form dropped: typed under another account", "user", u.Username, "request_id", requestID(r))
		back(w, r, "/", "Sie sind angemeldet. Die Eingaben auf der Anmeldeseite stammten aus der abgelaufenen Anmeldung eines anderen Kontos; sie wurden nicht übernommen.")
	default:
		r = r.WithContext(context.WithValue(r.Context(), userKey{}, u))
		s.render(w, r, http.StatusOK, "resend.html", view{Title: "Eingaben absenden", Data: k})
	}
}

// takeOverKept takes over the form the login page carries after the user
// logged in elsewhere — in another tab, through the identity provider
// (OIDC), whose redirects cannot carry a form: offerKept for the login
// this browser has now, or, still without one, the login page again with
// the form kept.
func (s *Server) takeOverKept(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error.html", view{Title: "Ungültige Anfrage", Data: "Das Formular konnte nicht gelesen werden."})
		return
	}
	k := keptFormOf(r)
	if k == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if u := s.user(r); u != nil {
		s.offerKept(w, r, u, k)
		return
	}
	d := s.loginData("/")
	k.Seal = r.PostFormValue(keptSealField)
	d.Kept = k
	d.Error = "Sie sind noch nicht wieder angemeldet. Ihre Eingaben sind nicht verloren: Bitte melden Sie sich an; danach können Sie sie absenden."
	s.render(w, r, http.StatusUnauthorized, "login.html", view{Title: "Anmeldung abgelaufen", Data: d})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.sessions.Logout(w, r); err != nil {
		s.serverError(w, r, err)
		return
	}
	// The browser drops the pages it kept of the login.
	w.Header().Set("Clear-Site-Data", `"cache"`)
	back(w, r, "/", "Sie sind abgemeldet.")
}

// SetOIDC turns on the OpenID Connect login beside the local accounts.
// Call it before Handler.
func (s *Server) SetOIDC(ctx context.Context, cfg auth.OIDCConfig) error {
	sg, err := s.signer(ctx)
	if err != nil {
		return err
	}
	o, err := auth.NewOIDC(cfg, sg)
	if err != nil {
		return err
	}
	s.oidc = o
	return nil
}

// oidcStart sends the browser to the identity provider.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	if s.oidc == nil {
		s.notFound(w, r, "Die Anmeldung über einen Identitätsdienst ist nicht eingerichtet.")
		return
	}
	if err := s.oidc.Start(w, r, safeNext(r.URL.Query().Get("weiter")), s.sessions.SecureRequest(r)); err != nil {
		s.log.Error("oidc start", "err", err, "request_id", requestID(r))
		s.oidcRefused(w, r, http.StatusBadGateway, "Der Identitätsdienst ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut oder melden Sie sich mit Benutzername und Passwort an.")
	}
}

// oidcCallback takes the provider's answer and logs the user in.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	if s.oidc == nil {
		s.notFound(w, r, "Die Anmeldung über einen Identitätsdienst ist nicht eingerichtet.")
		return
	}
	id, err := s.oidc.Finish(w, r, s.sessions.SecureRequest(r))
	var refused *auth.OIDCError
	if errors.As(err, &refused) {
		s.log.Info("oidc login refused", "err", err, "remote", s.sessions.ClientAddr(r), "request_id", requestID(r))
		if id.Username != "" {
			s.recordOIDCFailure(r, id.Username, refused.Reason)
		}
		s.oidcRefused(w, r, http.StatusForbidden, refused.Reason)
		return
	}
	if err != nil {
		s.log.Error("oidc callback", "err", err, "request_id", requestID(r))
		s.oidcRefused(w, r, http.StatusBadGateway, "Der Identitätsdienst ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.")
		return
	}
	u := model.User{Username: id.Username, Name: id.Name, Role: id.Role, MemberAbbrev: id.Member, OIDCSubject: id.Subject}
	if u.Role == model.RoleFachMK {
		b, err := s.st.BodyByAbbrev(r.Context(), id.Conference)
		if err != nil || b.Kind != model.BodyFachMK {
			s.recordOIDCFailure(r, id.Username, "unbekannte FachMK")
			s.oidcRefused(w, r, http.StatusForbidden, fmt.Sprintf("Die Fachministerkonferenz „%s“ aus Ihrem Konto beim Identitätsdienst ist hier nicht bekannt.", id.Conference))
			return
		}
		u.ConferenceID = b.ID
	}
	if u.Role != model.RoleMember && u.Role != model.RoleAdvisory && u.Role != model.RoleSpokesperson {
		u.MemberAbbrev = ""
	}
	if _, err := s.sessions.LoginOIDC(w, r, u, id.Email); err != nil {
		switch {
		case errors.Is(err, store.ErrDuplicate):
			err = model.ConflictError("Ein anderes Konto heißt schon „%s“. Bitte wenden Sie sich an die Geschäftsstelle.", u.Username)
		case errors.Is(err, store.ErrNotFound):
			err = model.InputError("Das Mitglied „%s“ aus Ihrem Konto beim Identitätsdienst ist hier nicht bekannt.", u.MemberAbbrev)
		}
		if model.ClassOf(err) != model.ErrInternal {
			s.recordOIDCFailure(r, id.Username, model.ReasonOf(err))
			s.oidcRefused(w, r, http.StatusForbidden, model.ReasonOf(err))
			return
		}
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, safeNext(id.Next), http.StatusSeeOther)
}

func (s *Server) recordOIDCFailure(r *http.Request, username, reason string) {
	ctx := store.WithFailureReason(store.WithClientAddr(r.Context(), s.sessions.ClientAddr(r)), "Identitätsdienst: "+reason)
	if err := s.st.RecordLoginFailure(ctx, username); err != nil {
		s.log.Error("audit failed oidc login", "err", err, "request_id", requestID(r))
	}
}

func (s *Server) oidcRefused(w http.ResponseWriter, r *http.Request, status int, reason string) {
	d := s.loginData("/")
	d.Error = reason
	s.render(w, r, status, "login.html", view{Title: "Anmelden", Data: d})
}

// keptForm is a form sent without a valid login — the login expired while
// the page was open — carried as hidden fields through the login form and
// offered for sending again once logged in (resend.html). Nothing typed is
// lost to an expired login: before, such a form was answered "Keine
// Berechtigung" and its text was gone. It is offered to the account whose
// login expired only: the login form carries that account's name, signed
// with the action (Seal), and a login as another account drops the form.
type keptForm struct {
	// Action is the local path the form was sent to.
	Action string
	// Owner is the user name of the account whose login the form was
	// sent with ("" when the request carried no login the store still
	// knows: logged out in another tab, or the cookie gone).
	Owner string
	// Seal signs Owner with Action for the login form (keptSeal).
	Seal string
	// Sealed says the login form's seal held: Owner is the one it was
	// made with.
	Sealed bool
	// Fields are the form's fields as sent, in a stable order.
	Fields []keptField
	// Files says the form had a file chosen, which cannot be carried: it
	// must be chosen again.
	Files bool
}

// keptField is one field of a keptForm.
type keptField struct{ Name, Value string }

// keptPrefix marks the login form's hidden fields that carry a keptForm's
// fields; keptAction carries its action.
const (
	keptPrefix = "formular."
	keptAction = "formular_ziel"
)

// passwordPath is the password change's form target: its fields are
// never kept through an expired login (loginExpired).
const passwordPath = "/konto/passwort"

// keptSealField is the login form's field with the kept form's seal;
// keptPurpose is the seal's purpose for the signer, keptTTL how long a
// login page with a kept form may stay open.
const (
	keptSealField = "formular_konto"
	keptPurpose   = "formular-konto"
	keptTTL       = 24 * time.Hour
)

// keptSealed is what a kept form's seal signs: its owner and its action.
func keptSealed(owner, action string) string { return owner + "\x00" + action }

// keptFormFrom gives the form of request r, sent without a login, to keep,
// sent with the login of account owner ("" for none).
func keptFormFrom(r *http.Request, owner string) *keptForm {
	k := &keptForm{Action: safeNext(r.URL.RequestURI()), Owner: owner}
	if sg, ok := r.Context().Value(signerKey{}).(*auth.Signer); ok {
		k.Seal = sg.Sign(keptPurpose, keptSealed(k.Owner, k.Action), keptTTL)
	}
	// A file chosen, or a multipart body not read (an upload route reads
	// its own): nothing of it can be carried.
	ctype, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	k.Files = strings.EqualFold(strings.TrimSpace(ctype), "multipart/form-data") && (r.MultipartForm == nil || len(r.MultipartForm.File) > 0)
	k.Fields = keptFields(r.PostForm, "")
	return k
}

// keptFields gives the fields of form whose names start with prefix, the
// prefix cut off, in a stable order.
func keptFields(form url.Values, prefix string) []keptField {
	var out []keptField
	for _, name := range slices.Sorted(maps.Keys(form)) {
		field, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue
		}
		for _, v := range form[name] {
			out = append(out, keptField{Name: field, Value: v})
		}
	}
	return out
}

// keptFormOf reads the keptForm the login form carries (nil for a plain
// login), with its owner when its seal holds.
func keptFormOf(r *http.Request) *keptForm {
	action := r.PostFormValue(keptAction)
	if action == "" {
		return nil
	}
	k := &keptForm{Action: safeNext(action), Files: r.PostFormValue("formular_datei") == "1", Fields: keptFields(r.PostForm, keptPrefix)}
	if sg, ok := r.Context().Value(signerKey{}).(*auth.Signer); ok {
		if sealed, ok := sg.Verify(keptPurpose, r.PostFormValue(keptSealField)); ok {
			owner, forAction, _ := strings.Cut(sealed, "\x00")
			k.Owner, k.Sealed = owner, forAction == k.Action
		}
	}
	return k
}

// loginExpired answers a form sent without a login (it expired, or the
// user logged out in another tab, while the form was open): 401 with the
// login form, which carries the form's fields, so that after logging in
// they can be sent as they were typed. The autosave of the live page (htmx)
// gets the one-line message for its save slot; its form still holds the
// text and saves it on the next pause once the user has logged in again in
// another tab.
func (s *Server) loginExpired(w http.ResponseWriter, r *http.Request) {
	const reason = "Ihre Anmeldung ist abgelaufen."
	s.log.Info("refused", "path", logPath(r), "status", http.StatusUnauthorized, "request_id", requestID(r), "err", "form sent without a login")
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `<span class="save-state conflict" role="alert">Nicht gespeichert: `+reason+` Bitte in einem anderen Tab anmelden; Ihr Text bleibt hier stehen und wird danach gespeichert.</span>`)
		return
	}
	owner, err := s.sessions.LoginAccount(r.Context(), r)
	if err != nil {
		// Without the owner the form is still kept, for whoever logs in.
		s.log.Error("account of an expired login", "err", err, "request_id", requestID(r))
	}
	d := s.loginData("/")
	d.Error = reason + " Bitte melden Sie sich wieder an."
	// Passwords are not carried through a page: a password change is
	// typed again after the login.
	if r.URL.Path != passwordPath {
		d.Kept = keptFormFrom(r, owner)
		d.Error = reason + " Ihre Eingaben sind nicht verloren: Bitte melden Sie sich wieder an; danach können Sie sie absenden."
	}
	s.render(w, r, http.StatusUnauthorized, "login.html", view{Title: "Anmeldung abgelaufen", Data: d})
}
