package web

// Planning a session: the form and the new session with its standard items.

import (
	"context"
	"errors"
	"fmt"
	"gremium/internal/auth"
	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

type newSessionData struct {
	Session model.Session
	Members []model.Member
	// Problems are the reasons the form was refused, at their fields.
	Problems problems
	// Typed is what the refused form had typed (nil for a new form): its
	// fields show it again, not Session's parsed values (a number "4x9"
	// came back as "0", a date that is no date empty).
	Typed url.Values
	// Rotation names the rotation's chair for this year and the next
	// (rotationHint), beside the field "Vorsitz".
	Rotation string
	// ChairWarning says that the chair a refused form had chosen by hand
	// is another than the rotation's for the year of its date
	// (chairWarning): a warning, not a refusal.
	ChairWarning string
}

// renderNewSession shows the form planning a session of the council with
// d, the rotation's chairs beside the chair's field and, for a refused
// form, the warning of a chair other than the rotation's.
func (s *Server) renderNewSession(w http.ResponseWriter, r *http.Request, status int, council model.Body, d newSessionData) {
	var err error
	if d.Rotation, err = s.rotationHint(r.Context(), council.ID); err == nil && d.Typed != nil {
		d.ChairWarning, err = s.chairWarning(r.Context(), council.ID, d.Session.Date, d.Session.Chair)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "session_new.html", view{Title: "Neue Sitzung", Active: "sitzungen", Data: d})
}

// Value gives what was typed into field of the refused form, or def (the
// session's value) for a new form.
func (d newSessionData) Value(field, def string) string {
	if d.Typed == nil {
		return def
	}
	return d.Typed.Get(field)
}

func (s *Server) newSessionPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok {
		return
	}
	council, err := s.councilBody(r.Context())
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	last, err := s.st.LastSessionNumber(r.Context(), council.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	next := last + 1
	members, err := s.votingMembers(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderNewSession(w, r, http.StatusOK, council, newSessionData{Session: model.Session{Number: next, StartTime: "09:00", EndTime: "13:00"}, Members: members})
}

// checkSpecialSession gives the reason a special session's application
// is refused for (model.CheckSpecialSession; nil for a regular session),
// for a form the store does not see because other fields are refused: the
// store checks it again when it writes.
func (s *Server) checkSpecialSession(ctx context.Context, se model.Session) error {
	if se.Kind != model.SessionSpecial {
		return nil
	}
	kinds, err := s.st.MemberKinds(ctx)
	if err != nil {
		return err
	}
	return model.CheckSpecialSession(se.Applicants, kinds)
}

// checkApplication gives the reason the applicants of a decision are
// refused for (model.CheckApplication: the Bund or three Länder), for a
// form that shows it beside its other reasons; the store checks again
// when it writes.
func (s *Server) checkApplication(ctx context.Context, applicants []string) error {
	kinds, err := s.st.MemberKinds(ctx)
	if err != nil {
		return err
	}
	return model.CheckApplication(applicants, kinds)
}

func (s *Server) createSession(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.require(w, r, auth.ManageSessions, ""); !ok || !s.parseForm(w, r) {
		return
	}
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	members, err := s.votingMembers(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	se := model.Session{BodyID: council.ID, Status: model.StatusPlanned, StartTime: r.PostFormValue("beginn"), EndTime: r.PostFormValue("ende"),
		Place: strings.TrimSpace(r.PostFormValue("ort")), Chair: r.PostFormValue("vorsitz"), Kind: model.SessionRegular}
	var refused problems
	kind, err := model.ParseSessionKind(r.PostFormValue("art"))
	if err != nil {
		// An unknown kind is refused at its field, not planned as a
		// regular session.
		refused.add(err)
	} else if kind == model.SessionSpecial {
		// A Sondersitzung takes place on application of the Bund or three
		// Länder; the store checks the application.
		se.Kind, se.Applicants = model.SessionSpecial, s.memberList(r.Context(), r.PostFormValue("antrag"))
	}
	if se.Number, err = strconv.Atoi(r.PostFormValue("nummer")); err != nil || se.Number <= 0 {
		refused.add(model.AtField("nummer", model.InputError("Die Nummer der Sitzung muss eine positive Zahl sein.")))
	}
	if se.Date, err = model.ParseDate(r.PostFormValue("datum")); err != nil || se.Date.IsZero() {
		refused.add(model.AtField("datum", model.InputError("Bitte ein gültiges Datum angeben (TT.MM.JJJJ).")))
	}
	if se.RegistrationDeadline, err = model.ParseDate(r.PostFormValue("anmeldeschluss")); err != nil {
		refused.add(model.AtField("anmeldeschluss", model.InputError("Der Anmeldeschluss ist kein gültiges Datum.")))
	}
	// The session's own rules, each at its field: a time that is no time,
	// an end before the start ("13:00 – 09:00"), a deadline after the
	// session.
	refused.addUnrefused(se.Validate())
	special := s.checkSpecialSession(ctx, se)
	if special != nil && model.ClassOf(special) == model.ErrInternal {
		s.serverError(w, r, special)
		return
	}
	refused.addUnrefused(special)
	if refused.At("nummer") == "" {
		if _, err := s.st.SessionByNumber(ctx, council.ID, se.Number); err == nil {
			refused.add(model.AtField("nummer", model.RuleError("Die %d. Sitzung gibt es bereits.", se.Number)))
		} else if !errors.Is(err, store.ErrNotFound) {
			s.serverError(w, r, err)
			return
		}
	}
	if len(refused) > 0 {
		s.renderNewSession(w, r, http.StatusUnprocessableEntity, council, newSessionData{Session: se, Members: members, Problems: refused, Typed: r.PostForm})
		return
	}
	sections, err := s.st.Sections(ctx, council.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if _, err := s.st.PlanSession(ctx, se, itplr.StandardItems(se.Number, sections)); err != nil {
		status, reasons, ok := refusalProblems(err)
		if !ok {
			s.fail(w, r, err, "")
			return
		}
		s.renderNewSession(w, r, status, council, newSessionData{Session: se, Members: members, Problems: reasons, Typed: r.PostForm})
		return
	}
	done := fmt.Sprintf("Die %d. Sitzung ist angelegt.", se.Number)
	// A chair chosen by hand that the rotation does not give for the
	// year: planned so, and said (it may be agreed).
	if warning, err := s.chairWarning(ctx, council.ID, se.Date, se.Chair); err != nil {
		s.serverError(w, r, err)
		return
	} else if warning != "" {
		backWarning(w, r, fmt.Sprintf("/sitzungen/%d/verwaltung", se.Number), done, chairWarningLead, warning+" "+chairWarningFixLater)
		return
	}
	back(w, r, fmt.Sprintf("/sitzungen/%d/verwaltung", se.Number), done)
}
