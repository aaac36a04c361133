package web

// The own account (password, "überall abmelden", API tokens) and the
// secretariat's account list (reset a password, disable an account).

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/model"
)

type accountData struct {
	Account model.User
	Tokens  []model.APIToken
	Now     time.Time
	// NewToken is shown once, right after it was made.
	NewToken string
	// Lifetimes are the validity choices for a new token, in days.
	Lifetimes []int
	Error     string
	// TokenKey is the one-time key the refused token form was sent with,
	// which it keeps (formKey); "" gives the form a new one.
	TokenKey string
}

// tokenLifetimes are the choices of a new token's validity in days.
var tokenLifetimes = []int{30, 90, 180, 365}

// loggedIn gives the logged-in user, or sends the public to the login page
// (a form sent without a login: loginExpired).
func (s *Server) loggedIn(w http.ResponseWriter, r *http.Request) (*model.User, bool) {
	u := s.user(r)
	if u != nil {
		return u, true
	}
	if r.Method == http.MethodGet {
		http.Redirect(w, r, "/anmelden?weiter="+r.URL.EscapedPath(), http.StatusSeeOther)
		return nil, false
	}
	// A form of the account pages sent after the login expired: the
	// login page, with the form kept as require keeps it (a password
	// change without its fields).
	s.loginExpired(w, r)
	return nil, false
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, u *model.User, d accountData) {
	tokens, err := s.st.APITokens(r.Context(), u.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Account, d.Tokens, d.Now, d.Lifetimes = *u, tokens, time.Now(), tokenLifetimes
	s.render(w, r, status, "account.html", view{Title: "Mein Konto", Active: "konto", Data: d})
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.loggedIn(w, r)
	if !ok {
		return
	}
	s.renderAccount(w, r, http.StatusOK, u, accountData{})
}

type passwordData struct {
	Account model.User
	// Problems are the reasons the password was not changed, each at its
	// field (bisher, neu, wiederholung; "" for the form as a whole).
	Problems problems
}

// passwordFieldIDs are the ids of the password form's fields by their
// names.
var passwordFieldIDs = map[string]string{"bisher": "pw-bisher", "neu": "pw-neu", "wiederholung": "pw-wdh"}

// List gives every reason with the id of its field, for the box above
// the form that links each reason to its field.
func (d passwordData) List() []fieldProblem {
	return d.Problems.ListAs(func(field string) string { return passwordFieldIDs[field] })
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.loggedIn(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "password.html", view{Title: "Passwort ändern", Active: "konto", Data: passwordData{Account: *u}})
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	u, ok := s.loggedIn(w, r)
	if !ok || !s.parseForm(w, r) {
		return
	}
	current, next := r.PostFormValue("bisher"), r.PostFormValue("neu")
	fail := func(status int, err error) {
		s.render(w, r, status, "password.html", view{Title: "Passwort ändern", Active: "konto", Data: passwordData{Account: *u, Problems: problemsOf(err)}})
	}
	// Every reason about the new password at once (the repetition, its
	// length, unchanged); the current one is verified only after them
	// (auth.CheckPasswordChange).
	var p problems
	if u.OIDCSubject == "" {
		p.add(auth.CheckPasswordChange(current, next))
		if next != r.PostFormValue("wiederholung") {
			p.add(model.AtField("wiederholung", model.InputError("Die beiden neuen Passwörter stimmen nicht überein.")))
		}
	}
	if len(p) > 0 {
		fail(http.StatusBadRequest, p.err())
		return
	}
	err := s.sessions.ChangePassword(w, r, u, current, next)
	var throttled *auth.ThrottledError
	switch {
	case err == nil:
		back(w, r, "/konto", "Ihr Passwort ist geändert. Alle anderen Anmeldungen Ihres Kontos sind beendet.")
	case errors.As(err, &throttled):
		fail(http.StatusTooManyRequests, model.RuleError("%s", throttled.Message()))
	case errors.Is(err, auth.ErrBusy):
		fail(http.StatusServiceUnavailable, model.RuleError("Der Anmeldedienst ist gerade ausgelastet. Bitte versuchen Sie es in einigen Sekunden erneut."))
	case model.ClassOf(err) == model.ErrInput || model.ClassOf(err) == model.ErrRule:
		fail(http.StatusBadRequest, err)
	default:
		s.fail(w, r, err, "")
	}
}

func (s *Server) logoutEverywhere(w http.ResponseWriter, r *http.Request) {
	u, ok := s.loggedIn(w, r)
	if !ok || !s.parseForm(w, r) {
		return
	}
	if !s.confirmed(w, r, confirmData{Heading: "Überall abmelden", Question: "Wollen Sie alle Anmeldungen Ihres Kontos beenden, auf allen Geräten?",
		Consequence: "Auch diese Anmeldung endet; Sie melden sich danach neu an. API-Tokens und die Kalenderadresse bleiben gültig.",
		Action:      "/konto/abmelden-ueberall", Button: "Ja, überall abmelden", Back: "/konto"}) {
		return
	}
	if err := s.sessions.LogoutEverywhere(w, r, u); err != nil {
		s.fail(w, r, err, "")
		return
	}
	w.Header().Set("Clear-Site-Data", `"cache"`)
	back(w, r, "/anmelden", "Sie sind auf allen Geräten abgemeldet.")
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	u, ok := s.loggedIn(w, r)
	if !ok || !s.parseForm(w, r) {
		return
	}
	label := strings.TrimSpace(r.PostFormValue("bezeichnung"))
	days, _ := strconv.Atoi(r.PostFormValue("tage"))
	valid := false
	for _, d := range tokenLifetimes {
		valid = valid || d == days
	}
	key := r.PostFormValue("formular")
	switch {
	case label == "":
		s.renderAccount(w, r, http.StatusBadRequest, u, accountData{Error: "Bitte geben Sie an, wofür das Token ist (zum Beispiel den Namen des Systems).", TokenKey: key})
		return
	case len([]rune(label)) > 100:
		s.renderAccount(w, r, http.StatusBadRequest, u, accountData{Error: "Die Bezeichnung darf höchstens 100 Zeichen lang sein.", TokenKey: key})
		return
	case !valid:
		s.renderAccount(w, r, http.StatusBadRequest, u, accountData{Error: "Bitte wählen Sie eine der angebotenen Gültigkeitsdauern.", TokenKey: key})
		return
	}
	// Sent again (reloading the page that shows the new token, the back
	// button), the form makes no second token: the first was shown once,
	// a second would stand in its place while the first stays valid.
	var again bool
	token, _, err := auth.NewAPITokenUntil(r.Context(), s.st, u.ID, label, time.Now().AddDate(0, 0, days), sentOnce(r, u, &again))
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	if again {
		back(w, r, "/konto#tokens", sentAgain("das Token „"+label+"“ ist angelegt und wurde beim ersten Mal angezeigt."))
		return
	}
	// The token is shown in this answer only (never in a cookie or an
	// address) and not stored by the browser.
	w.Header().Set("Cache-Control", "no-store")
	s.renderAccount(w, r, http.StatusCreated, u, accountData{NewToken: token})
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	u, ok := s.loggedIn(w, r)
	if !ok || !s.parseForm(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Dieses Token gibt es nicht.")
		return
	}
	tokens, err := s.st.APITokens(r.Context(), u.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	i := slices.IndexFunc(tokens, func(t model.APIToken) bool { return t.ID == id })
	if i < 0 {
		s.notFound(w, r, "Dieses Token gibt es nicht (mehr).")
		return
	}
	if !s.confirmed(w, r, confirmData{Heading: "API-Token widerrufen", Question: fmt.Sprintf("Wollen Sie das Token „%s“ widerrufen?", tokens[i].Name),
		Consequence: "Aufrufe mit diesem Token werden sofort abgelehnt; das System, das es nutzt, braucht ein neues Token. Ein widerrufenes Token lässt sich nicht wiederherstellen.",
		Action:      fmt.Sprintf("/konto/tokens/%d/widerrufen", id), Button: "Ja, Token widerrufen", Back: "/konto#tokens"}) {
		return
	}
	if err := s.st.RevokeAPIToken(r.Context(), u.ID, id); err != nil {
		s.fail(w, r, err, "Dieses Token gibt es nicht (mehr).")
		return
	}
	back(w, r, "/konto#tokens", "Das Token ist widerrufen; Aufrufe damit werden ab sofort abgelehnt.")
}

type accountsData struct {
	Accounts    []model.User
	Conferences map[int64]model.Body
	// Reset is the account whose password was just reset, with the new
	// password shown once.
	Reset    model.User
	Password string
	Self     int64
	// Emails are the accounts' e-mail addresses for notifications (and
	// the version of each, for the form), by account id.
	Emails map[int64]model.NotificationSettings
	// Refused is the account whose address form was refused, with the
	// address as typed (shown again, nothing lost) and the reasons at
	// its field.
	Refused  int64
	Typed    string
	Problems problems
}

func (s *Server) renderAccounts(w http.ResponseWriter, r *http.Request, status int, d accountsData) {
	users, err := s.st.Users(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	bodies, err := s.st.Bodies(r.Context(), model.BodyFachMK)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Emails, err = s.st.NotificationEmails(r.Context()); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Accounts, d.Conferences = users, map[int64]model.Body{}
	for _, b := range bodies {
		d.Conferences[b.ID] = b
	}
	if u := s.user(r); u != nil {
		d.Self = u.ID
	}
	s.render(w, r, status, "accounts.html", view{Title: "Konten", Active: "konten", Data: d})
}

func (s *Server) accountList(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageAccounts, ""); !ok {
		return
	}
	s.renderAccounts(w, r, http.StatusOK, accountsData{})
}

// accountFromPath checks the right to manage accounts and gives the
// account named by {id}.
func (s *Server) accountFromPath(w http.ResponseWriter, r *http.Request) (*model.User, model.User, bool) {
	me, ok := s.require(w, r, auth.ManageAccounts, "")
	if !ok {
		return nil, model.User{}, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r, "Dieses Konto gibt es nicht.")
		return nil, model.User{}, false
	}
	u, err := s.st.User(r.Context(), id)
	if err != nil {
		s.fail(w, r, err, "Dieses Konto gibt es nicht.")
		return nil, model.User{}, false
	}
	return me, u, true
}

func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) {
	_, u, ok := s.accountFromPath(w, r)
	if !ok {
		return
	}
	password, err := s.sessions.ResetPassword(r.Context(), u.ID)
	if errors.Is(err, auth.ErrBusy) {
		s.fail(w, r, model.RuleError("Der Anmeldedienst ist gerade ausgelastet. Bitte versuchen Sie es in einigen Sekunden erneut."), "")
		return
	}
	if err != nil {
		s.fail(w, r, err, "Dieses Konto gibt es nicht.")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderAccounts(w, r, http.StatusOK, accountsData{Reset: u, Password: password})
}

func (s *Server) setAccountDisabled(disabled bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		me, u, ok := s.accountFromPath(w, r)
		if !ok {
			return
		}
		if disabled && me.ID == u.ID {
			s.fail(w, r, model.RuleError("Sie können Ihr eigenes Konto nicht sperren."), "")
			return
		}
		if err := s.st.SetUserDisabled(r.Context(), u.ID, disabled); err != nil {
			s.fail(w, r, err, "Dieses Konto gibt es nicht.")
			return
		}
		notice := fmt.Sprintf("Das Konto „%s“ ist wieder freigegeben.", u.Username)
		if disabled {
			notice = fmt.Sprintf("Das Konto „%s“ ist gesperrt: seine Anmeldungen sind beendet, Anmeldung und API-Tokens werden abgelehnt.", u.Username)
		}
		back(w, r, "/konten", notice)
	}
}

// setAccountEmail sets the e-mail address of an account for its
// notifications (the secretariat, on /konten): an account whose user has
// not chosen yet receives its role's defaults there
// (model.NotificationSettings.Subscribed); the user sees the address on
// /benachrichtigungen and can change it. A malformed address or one
// changed meanwhile is refused at the field, the address as typed shown
// again.
func (s *Server) setAccountEmail(w http.ResponseWriter, r *http.Request) {
	_, u, ok := s.accountFromPath(w, r)
	if !ok || !s.parseForm(w, r) {
		return
	}
	email := strings.TrimSpace(r.PostFormValue("email"))
	if err := s.st.SetNotificationEmail(r.Context(), u.ID, email, formVersion(r)); err != nil {
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "Dieses Konto gibt es nicht.")
			return
		}
		s.renderAccounts(w, r, status, accountsData{Refused: u.ID, Typed: email, Problems: reasons})
		return
	}
	notice := fmt.Sprintf("Das Konto „%s“ hat keine E-Mail-Adresse für Benachrichtigungen mehr.", u.Username)
	if email != "" {
		notice = fmt.Sprintf("Die E-Mail-Adresse des Kontos „%s“ für Benachrichtigungen ist jetzt %s.", u.Username, email)
	}
	back(w, r, fmt.Sprintf("/konten#konto-%d", u.ID), notice)
}
