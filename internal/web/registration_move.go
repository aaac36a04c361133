package web

// Anmeldung in eine andere Sitzung verlegen: the registering office (or
// the secretariat) moves a pending registration of a cancelled session to
// another session of the body that takes registrations
// (store.MoveRegistration), from the registration's page or the
// secretariat's page of the cancelled session; the secretariat also moves
// one still undecided when its session opened (or ended).

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
	"gremium/internal/store"
)

// moveOption is a session the form offers to move a registration to: its
// number and its name with date and registration deadline
// (model.MoveTargetLabel).
type moveOption struct {
	Number int
	Label  string
}

// moveOptions gives the sessions a pending registration of se may be
// moved to (model.MoveTargets) by the secretariat (secretariat) or the
// registering office; none while se may keep its registrations
// (model.MovableRegistrations: not cancelled and, for the secretariat,
// not begun).
func (s *Server) moveOptions(ctx context.Context, se model.Session, secretariat bool) ([]moveOption, error) {
	if !model.MovableRegistrations(se, secretariat) {
		return nil, nil
	}
	sessions, err := s.st.SessionsInStatus(ctx, se.BodyID, model.StatusPlanned, model.StatusConvened)
	if err != nil {
		return nil, err
	}
	var out []moveOption
	for _, o := range model.MoveTargets(se, sessions) {
		out = append(out, moveOption{Number: o.Number, Label: model.MoveTargetLabel(o, s.today())})
	}
	return out, nil
}

// moveRefused is what the registration's page says above the reasons a
// move was refused.
const moveRefused = "Die Anmeldung ist nicht verlegt:"

// moveRegistration moves the registration {id} to the session the form
// chose ("sitzung", its number); refused, the registration's page shows
// the reasons at the select, the choice kept. From the management page
// ("zurueck=verwaltung") the secretariat goes back there.
func (s *Server) moveRegistration(w http.ResponseWriter, r *http.Request) {
	if !s.parseForm(w, r) {
		return
	}
	u, it, se, ok := s.registrationFromPath(w, r, noRegistrationAnymore)
	if !ok {
		return
	}
	if !auth.Can(u, auth.RegisterItem, it.RegisteredBy) {
		s.render(w, r, http.StatusForbidden, "error.html", view{Title: "Keine Berechtigung", Data: "Eine Anmeldung verlegt das Mitglied, das sie gemacht hat, oder die Geschäftsstelle."})
		return
	}
	target, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("sitzung")))
	if err != nil {
		target = 0 // the store asks to choose one
	}
	secretariat := u.Role == model.RoleSecretariat
	member := u.MemberAbbrev
	if secretariat {
		member = ""
	}
	moved, to, err := s.st.MoveRegistration(r.Context(), store.RegistrationMove{ItemID: it.ID, Version: formVersion(r), Member: member, Target: target})
	if err != nil {
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, noRegistrationAnymore)
			return
		}
		if model.ClassOf(err) == model.ErrConflict {
			reasons = problemsOf(err) // the store's words: changed meanwhile, check and move again
		}
		if it, err = s.st.Item(r.Context(), it.ID); err != nil {
			s.fail(w, r, err, noRegistrationAnymore)
			return
		}
		if se, err = s.st.Session(r.Context(), it.SessionID); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.renderMyRegistrationWith(w, r, status, it, se, reasons, moveRefused, target)
		return
	}
	s.changed(r, se.ID)
	s.changed(r, to.ID)
	notice := fmt.Sprintf("Die Anmeldung „%s“ ist aus der %s in die %s verlegt; %s. Beschlussvorschlag, Mitanträge, Unterlagen und der Zeitpunkt der Anmeldung bleiben; die Geschäftsstelle entscheidet über die Aufnahme.",
		model.InternalText(moved.Title), strings.TrimSuffix(model.MovedFrom(se), ","), to.Title(), model.MovedLateness(to, moved.Late))
	if secretariat && r.PostFormValue("zurueck") == "verwaltung" {
		back(w, r, se.Path()+"/verwaltung#h-anmeldungen", notice)
		return
	}
	back(w, r, fmt.Sprintf("/anmeldungen/%d", it.ID), notice)
}
