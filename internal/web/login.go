package web

import (
	"errors"
	"net/http"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/store"
)

type loginData struct {
	Username string
	Next     string
	Error    string
}

// safeNext keeps a redirect target on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return next
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login.html", view{Title: "Anmelden", Data: loginData{Next: safeNext(r.URL.Query().Get("weiter"))}})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "error.html", view{Title: "Ungültige Anfrage", Data: "Das Formular konnte nicht gelesen werden."})
		return
	}
	d := loginData{Username: strings.TrimSpace(r.PostFormValue("benutzer")), Next: safeNext(r.PostFormValue("weiter"))}
	// Logins and failed logins go into the audit log with the address.
	r = r.WithContext(store.WithClientAddr(r.Context(), r.RemoteAddr))
	if _, err := s.sessions.Login(w, r, d.Username, r.PostFormValue("passwort")); err != nil {
		if !errors.Is(err, auth.ErrLoginFailed) {
			s.serverError(w, r, err)
			return
		}
		s.log.Info("login failed", "user", d.Username, "remote", r.RemoteAddr)
		if err := s.st.RecordLoginFailure(r.Context(), d.Username); err != nil {
			s.log.Error("audit log: failed login", "request_id", requestID(r), "err", err)
		}
		d.Error = "Benutzername oder Passwort sind falsch."
		s.render(w, r, http.StatusUnauthorized, "login.html", view{Title: "Anmelden", Data: d})
		return
	}
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	r = r.WithContext(store.WithClientAddr(r.Context(), r.RemoteAddr))
	if err := s.sessions.Logout(w, r); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
