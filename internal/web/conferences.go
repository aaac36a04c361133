package web

// The conferences (FachMK): list, page, profile and contacts.

import (
	"gremium/internal/model"
	"net/http"
	"net/url"
	"strings"
)

func (s *Server) conferenceList(w http.ResponseWriter, r *http.Request) {
	rows, err := s.conferenceRows(r)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	s.render(w, r, http.StatusOK, "conferences.html", view{Title: "Fachministerkonferenzen und fachpolitische Sprecher:innen", Active: "fachmk", Data: rows})
}

type conferenceData struct {
	Voters        []model.Member
	Body          model.Body
	ActsFor       model.Body
	ActedForBy    []model.Body
	Spokespersons []spokesperson // the full history, oldest first
	Vacant        bool
	Contacts      []model.Contact
	Dates         []model.ConferenceDate
	Requests      []model.Request
	SeesRequests  bool
	// DateForm is a refused date as it was typed, DateError the reason
	// (the form is shown again open, with the fields filled in).
	DateForm  url.Values
	DateError string
}

func (s *Server) conferencePage(w http.ResponseWriter, r *http.Request) {
	s.renderConference(w, r, http.StatusOK, nil, "")
}

// renderConference shows a FachMK's page (the path's {abbrev}); dateForm
// is a refused date as typed and reason why (nil and "" otherwise).
func (s *Server) renderConference(w http.ResponseWriter, r *http.Request, status int, dateForm url.Values, reason string) {
	ctx := r.Context()
	b, err := s.st.BodyByAbbrev(ctx, r.PathValue("abbrev"))
	if err != nil || b.Kind != model.BodyFachMK {
		if err == nil {
			s.notFound(w, r, "„"+b.Name+"“ ist keine Fachministerkonferenz.")
			return
		}
		s.fail(w, r, err, "Diese Fachministerkonferenz ist nicht erfasst.")
		return
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	last, err := s.st.LastHeldSession(ctx, council.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := conferenceData{Body: b, DateForm: dateForm, DateError: reason}
	if d.Voters, err = s.st.VotingMembers(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	if b.ActsForID != 0 {
		if d.ActsFor, err = s.st.Body(ctx, b.ActsForID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	all, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, o := range all {
		if o.ActsForID == b.ID {
			d.ActedForBy = append(d.ActedForBy, o)
		}
	}
	if d.Spokespersons, err = s.spokespersons(r, b.ID, last); err != nil {
		s.serverError(w, r, err)
		return
	}
	as := make([]model.Assignment, len(d.Spokespersons))
	for i, sp := range d.Spokespersons {
		as[i] = sp.Assignment
	}
	d.Vacant = model.Vacant(as, last)
	if d.Contacts, err = s.st.Contacts(ctx, b.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Dates, err = s.st.ConferenceDates(ctx, b.ID, today()); err != nil {
		s.serverError(w, r, err)
		return
	}
	// Requests are internal and their FachMK's own (requests.go).
	if d.SeesRequests = seesRequestsOf(s.user(r), b.ID); d.SeesRequests {
		if d.Requests, err = s.st.Requests(ctx, b.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "conference.html", view{Title: b.Name, Active: "fachmk", Data: d})
}

func (s *Server) editConference(w http.ResponseWriter, r *http.Request) {
	b, ok := s.conferenceAction(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	terms, err := parseTerms(r.PostFormValue("begriffe"))
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	b.Terms, b.Chair, b.TopicProfile, b.Notes = terms, strings.TrimSpace(r.PostFormValue("vorsitz")), strings.TrimSpace(r.PostFormValue("profil")), strings.TrimSpace(r.PostFormValue("hinweise"))
	b.Version = formVersion(r)
	if err := s.st.UpdateBody(ctx, b); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, "Das Profil ist gespeichert.")
}

func (s *Server) addContact(w http.ResponseWriter, r *http.Request) {
	b, ok := s.conferenceAction(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	c := model.Contact{BodyID: b.ID, Name: strings.TrimSpace(r.PostFormValue("name")), Role: strings.TrimSpace(r.PostFormValue("rolle")),
		Email: strings.TrimSpace(r.PostFormValue("email")), Phone: strings.TrimSpace(r.PostFormValue("telefon"))}
	if c.Name == "" {
		s.badRequest(w, r, "Bitte den Namen der Ansprechperson angeben.")
		return
	}
	if c.Email != "" && !strings.Contains(c.Email, "@") {
		s.badRequest(w, r, "Die E-Mail-Adresse ist ungültig.")
		return
	}
	if _, err := s.st.CreateContact(ctx, c); err != nil {
		s.fail(w, r, err, "")
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, "Die Ansprechperson ist eingetragen.")
}
