package web

// A member office's own registration (Anmeldung): what it submitted, the
// secretariat's decision with its reason, and withdrawing it while the
// secretariat has not decided.

import (
	"fmt"
	"net/http"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

type myRegistrationData struct {
	Item    model.AgendaItem
	Session model.Session
	// Draft is the decision proposal (Beschlussvorschlag) with its
	// applicants; zero without one.
	Draft       model.Decision
	Conferences map[int64]model.Body
	// Pending: the secretariat has not decided; the member may withdraw.
	Pending bool
	// Refused are the reasons a withdrawal was refused, at its field.
	Refused problems
}

// registrationFromPath finds the registration {id} for the member that
// made it or the secretariat; otherwise it has answered (others do not
// learn that it exists).
func (s *Server) registrationFromPath(w http.ResponseWriter, r *http.Request) (*model.User, model.AgendaItem, model.Session, bool) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return nil, model.AgendaItem{}, model.Session{}, false
	}
	it, se, ok := s.itemFromPath(w, r)
	if !ok {
		return nil, it, se, false
	}
	if it.RegisteredBy == "" || (u.Role != model.RoleSecretariat && (u.MemberAbbrev == "" || u.MemberAbbrev != it.RegisteredBy)) {
		s.notFound(w, r, "Diese Anmeldung gibt es nicht.")
		return nil, it, se, false
	}
	return u, it, se, true
}

func (s *Server) myRegistrationPage(w http.ResponseWriter, r *http.Request) {
	_, it, se, ok := s.registrationFromPath(w, r)
	if !ok {
		return
	}
	s.renderMyRegistration(w, r, http.StatusOK, it, se, nil)
}

func (s *Server) renderMyRegistration(w http.ResponseWriter, r *http.Request, status int, it model.AgendaItem, se model.Session, refused problems) {
	ctx := r.Context()
	d := myRegistrationData{Item: it, Session: se, Conferences: map[int64]model.Body{}, Pending: it.Status == model.ItemRegistered, Refused: refused}
	drafts, err := s.st.Decisions(ctx, store.DecisionFilter{ItemID: it.ID, Limit: 1})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(drafts) > 0 {
		d.Draft = drafts[0]
	}
	confs, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, c := range confs {
		d.Conferences[c.ID] = c
	}
	s.render(w, r, status, "myregistration.html", view{Title: "Ihre Anmeldung: " + model.InternalText(it.Title), Active: "mein", Data: d})
}

func (s *Server) withdrawRegistration(w http.ResponseWriter, r *http.Request) {
	if !s.parseForm(w, r) {
		return
	}
	u, it, se, ok := s.registrationFromPath(w, r)
	if !ok {
		return
	}
	if r.PostFormValue("bestaetigt") != "ja" {
		var p problems
		p.add(model.AtField("bestaetigt", model.InputError("Bitte bestätigen, dass Sie die Anmeldung zurückziehen wollen.")))
		s.renderMyRegistration(w, r, http.StatusUnprocessableEntity, it, se, p)
		return
	}
	member := u.MemberAbbrev
	if u.Role == model.RoleSecretariat {
		member = ""
	}
	if err := s.st.WithdrawRegistration(r.Context(), it.ID, formVersion(r), member); err != nil {
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		if it, err = s.st.Item(r.Context(), it.ID); err != nil {
			s.fail(w, r, err, "Diese Anmeldung gibt es nicht mehr.")
			return
		}
		s.renderMyRegistration(w, r, status, it, se, reasons)
		return
	}
	s.changed(r, se.ID)
	back(w, r, "/mein-bereich#h-anmeldungen", fmt.Sprintf("Die Anmeldung „%s“ zur %s ist zurückgezogen.", model.InternalText(it.Title), se.Title()))
}
