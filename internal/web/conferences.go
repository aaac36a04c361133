package web

// The conferences (FachMK): list, page, profile and contacts.

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/model"
)

func (s *Server) conferenceList(w http.ResponseWriter, r *http.Request) {
	rows, err := s.conferenceRows(r)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	d := conferenceListData{Rows: rows}
	// The Geschäftsstelle sees per spokesperson in office whether the
	// kick-off talk is held (spokesperson_contacts.go).
	if u := s.user(r); u != nil && u.Role == model.RoleSecretariat && model.SeesSpokespersonContacts(u) {
		cs, err := s.st.SpokespersonContacts(r.Context(), 0)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		var inOffice []spokesperson
		for _, row := range rows {
			inOffice = append(inOffice, row.Spokespersons...)
		}
		// The rows hold the spokespersons in office only: no session
		// needed to tell the ended ones apart.
		if d.Kickoffs, err = s.kickoffsOf(r.Context(), inOffice, 0, cs); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "conferences.html", view{Title: "Fachministerkonferenzen und fachpolitische Sprecher:innen", Active: "fachmk", Data: d})
}

// conferenceListData is the overview of the conferences and their
// spokespersons; Kickoffs (by assignment id, nil but for the
// Geschäftsstelle) whether each spokesperson in office held the kick-off
// talk.
type conferenceListData struct {
	Rows     []conferenceRow
	Kickoffs map[int64]*kickoff
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
	// Requests are the conference's requests (Anliegen) and where each
	// stands, as the list /anliegen and the request's page say it
	// (requestStandings): before, the page said "als TOP angemeldet" of
	// a request on the published agenda.
	Requests     []model.RequestStanding
	SeesRequests bool
	// Outcomes are the outcomes of the conference's own sessions, newest
	// first, for the readers model.SeesConferenceOutcomes admits;
	// RecordsOutcomes: the user records them here (outcomes.go).
	Outcomes                      []model.ConferenceOutcome
	SeesOutcomes, RecordsOutcomes bool
	// Talks are the contacts and talks the spokespersons logged with the
	// conference, newest first, for the readers
	// model.SeesSpokespersonContacts admits (spokesperson_contacts.go);
	// Kickoffs the kick-off state per assignment in office (by its id).
	Talks     []model.SpokespersonContact
	SeesTalks bool
	Kickoffs  map[int64]*kickoff
	// TalksFor are the spokespersons in office the user logs contacts for
	// (the Geschäftsstelle: all, picking one — PicksMember; a spokesperson:
	// their own).
	TalksFor    []spokesperson
	PicksMember bool
	// CanKeep: the user keeps profile, contacts and dates (the
	// Geschäftsstelle, or the conference's own secretariat).
	CanKeep bool
	// Refused is a form of the page the secretariat sent and gremium
	// refused: shown again open, as typed, with the reason.
	Refused refusedForm
	// Numbering is where the council's decision numbers of this year
	// stand, for the secretariat's form recording an earlier decision
	// (spokespersons.go, yearNumbering).
	Numbering model.DecisionNumbering
}

// Typed gives what was typed into field of the refused form id, or def
// when form id was not refused.
func (d conferenceData) Typed(id, field, def string) string { return d.Refused.Typed(id, field, def) }

// At gives the reason when form id was refused because of field.
func (d conferenceData) At(id, field string) string { return d.Refused.At(id, field) }

// conferenceFieldPrefix gives the prefix of the field ids of the
// conference page's fixed forms ("pf-begriffe"); the other forms (an
// outcome, a contact, their corrections) prefix their ids with the form's
// id ("gespraech-neu-mit").
var conferenceFieldPrefix = map[string]string{"profil": "pf", "sprecher": "sp", "fruehere": "fb", "termin-eintragen": "tm", "kontakt": "kt"}

// Summary gives the box above the page for its refused form, each reason a
// link to its field.
func (d conferenceData) Summary() errorSummary {
	prefix, ok := conferenceFieldPrefix[d.Refused.ID]
	if !ok {
		prefix = d.Refused.ID
	}
	list := d.Refused.Problems.ListAs(func(field string) string {
		if d.Refused.ID == "termin-eintragen" && field == "datei" {
			return "tm-ics"
		}
		return prefix + "-" + field
	})
	sum := newErrorSummary(d.Refused.ID+"-fehler", d.Refused.What, d.Refused.Problems)
	sum.List = list
	return sum
}

// Open tells whether form id is the refused one (its details open).
func (d conferenceData) Open(id string) bool { return d.Refused.ID == id }

func (s *Server) conferencePage(w http.ResponseWriter, r *http.Request) {
	s.renderConference(w, r, r.PathValue("abbrev"), http.StatusOK, refusedForm{})
}

// refuseConferenceForm shows the conference page again after err refused
// its form id: the form open, filled in as typed, with the reason (see
// refusal); other errors get the error page.
func (s *Server) refuseConferenceForm(w http.ResponseWriter, r *http.Request, abbrev, id, what string, err error) {
	refused, status, ok := refusedFormOf(r, id, what, err)
	if !ok {
		s.fail(w, r, err, "")
		return
	}
	s.renderConference(w, r, abbrev, status, refused)
}

// renderConference shows the page of the FachMK abbrev, with a refused
// form if there is one.
func (s *Server) renderConference(w http.ResponseWriter, r *http.Request, abbrev string, status int, refused refusedForm) {
	ctx := r.Context()
	b, err := s.st.BodyByAbbrev(ctx, abbrev)
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
	d := conferenceData{Body: b, Refused: refused, CanKeep: auth.KeepsConference(s.user(r), b.ID)}
	if auth.Can(s.user(r), auth.ManageSessions, "") {
		if d.Numbering, err = s.yearNumbering(ctx, council); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
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
	// The public sees what the contact form says is published; the
	// secretariat keeping the contacts sees what it entered.
	if a := s.audienceOf(r); !d.CanKeep {
		for i := range d.Contacts {
			d.Contacts[i] = a.Contact(d.Contacts[i])
		}
	}
	if d.Dates, err = s.st.ConferenceDates(ctx, b.ID, s.today()); err != nil {
		s.serverError(w, r, err)
		return
	}
	// Requests are internal and their FachMK's own (requests.go).
	if d.SeesRequests = seesRequestsOf(s.user(r), b.ID); d.SeesRequests {
		qs, err := s.st.Requests(ctx, b.ID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if d.Requests, err = s.requestStandings(ctx, qs); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	// The outcomes of its sessions: internal, and its own secretariat's.
	u := s.user(r)
	if d.SeesOutcomes = model.SeesConferenceOutcomes(u, b.ID); d.SeesOutcomes {
		if d.Outcomes, err = s.st.ConferenceOutcomes(ctx, b.ID, model.Date{}, 0); err != nil {
			s.serverError(w, r, err)
			return
		}
		// A spokesperson records for the conferences they speak for (the
		// store checks it again in the write).
		d.RecordsOutcomes = auth.RecordsOutcomes(u, b.ID)
		if d.RecordsOutcomes && u.Role == model.RoleSpokesperson {
			d.RecordsOutcomes = false
			for _, a := range as {
				d.RecordsOutcomes = d.RecordsOutcomes || a.Member == u.MemberAbbrev && a.Status(last) != model.AssignmentEnded
			}
		}
	}
	// The spokespersons' contacts with it: internal, not its secretariat's.
	if d.SeesTalks = model.SeesSpokespersonContacts(u); d.SeesTalks {
		if d.Talks, err = s.st.SpokespersonContacts(ctx, b.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		if d.Kickoffs, err = s.kickoffsOf(ctx, d.Spokespersons, last, d.Talks); err != nil {
			s.serverError(w, r, err)
			return
		}
		if auth.Can(u, auth.RecordSpokespersonContact, "") {
			d.PicksMember = u.Role != model.RoleSpokesperson
			for _, sp := range d.Spokespersons {
				if sp.Assignment.Status(last) != model.AssignmentEnded && (d.PicksMember || sp.Member == u.MemberAbbrev) {
					d.TalksFor = append(d.TalksFor, sp)
				}
			}
		}
	}
	s.render(w, r, status, "conference.html", view{Title: b.Name, Active: "fachmk", Data: d})
}

func (s *Server) editConference(w http.ResponseWriter, r *http.Request) {
	b, ok := s.keptConferenceAction(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	refuse := func(err error) {
		s.refuseConferenceForm(w, r, b.Abbrev, "profil", "Das Profil ist nicht gespeichert", err)
	}
	terms, err := parseTerms(r.PostFormValue("begriffe"))
	b.Terms, b.Chair, b.TopicProfile, b.Notes = terms, strings.TrimSpace(r.PostFormValue("vorsitz")), strings.TrimSpace(r.PostFormValue("profil")), strings.TrimSpace(r.PostFormValue("hinweise"))
	b.Version = formVersion(r)
	if err != nil {
		// Every bad line, at the field of the keywords, and beside them
		// what the body's own rules refuse of the other fields (a
		// confidential mark in the public chair or notes; before, a bad
		// weight hid it until the form was sent again).
		var refused problems
		for _, e := range model.ErrorsOf(err) {
			refused.add(model.AtField("begriffe", e))
		}
		refused.addUnrefused(b.Validate())
		refuse(refused.inOrder("vorsitz", "profil", "begriffe", "hinweise").err())
		return
	}
	if err := s.st.UpdateBody(ctx, b); err != nil {
		refuse(err)
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, "Das Profil ist gespeichert.")
}

// phoneNumber reports whether s reads as a telephone number: digits (at
// least three), spaces and + ( ) / - . only ("abc" was stored).
func phoneNumber(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +()/-.", r):
		default:
			return false
		}
	}
	return digits >= 3
}

// removeContact removes a contact person of the conference (POST
// /fachmk/{abbrev}/kontakte/{id}/entfernen): for its keepers, as they
// add them.
func (s *Server) removeContact(w http.ResponseWriter, r *http.Request) {
	ask := func(ctx context.Context, b model.Body, id int64) (confirmData, error) {
		contacts, err := s.st.Contacts(ctx, b.ID)
		if err != nil {
			return confirmData{}, err
		}
		for _, c := range contacts {
			if c.ID == id {
				return confirmData{Heading: "Ansprechperson entfernen",
					Question:    fmt.Sprintf("Wollen Sie „%s“ als Ansprechperson der %s entfernen?", c.Name, b.Name),
					Consequence: "Einladungen zu Nachbesprechungen gehen dann nicht mehr an diese Adresse.",
					Button:      "Ansprechperson entfernen"}, nil
			}
		}
		return confirmData{}, model.NotFoundError("%s %d", "conference item", id)
	}
	s.removeOfConference(w, r, ask, s.st.DeleteContact, "Diese Ansprechperson ist nicht (mehr) erfasst.", "#ansprechpersonen", "Die Ansprechperson ist entfernt.")
}

func (s *Server) addContact(w http.ResponseWriter, r *http.Request) {
	b, ok := s.keptConferenceAction(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	refuse := func(err error) {
		s.refuseConferenceForm(w, r, b.Abbrev, "kontakt", "Die Ansprechperson ist nicht eingetragen", err)
	}
	c := model.Contact{BodyID: b.ID, Name: strings.TrimSpace(r.PostFormValue("name")), Role: strings.TrimSpace(r.PostFormValue("rolle")),
		Email: strings.TrimSpace(r.PostFormValue("email")), Phone: strings.TrimSpace(r.PostFormValue("telefon"))}
	var refused problems
	if c.Name == "" {
		refused.add(model.AtField("name", model.InputError("Bitte den Namen der Ansprechperson angeben.")))
	}
	if c.Email != "" && !strings.Contains(c.Email, "@") {
		refused.add(model.AtField("email", model.InputError("Die E-Mail-Adresse ist ungültig.")))
	}
	if c.Phone != "" && !phoneNumber(c.Phone) {
		refused.add(model.AtField("telefon", model.InputError("Die Telefonnummer besteht aus Ziffern, Leerzeichen und + ( ) / -, zum Beispiel „+49 30 1234-567“.")))
	}
	// Beside them what the store refuses too: a confidential mark in
	// what is published (before, a bad address hid it until the form
	// was sent again).
	refused.addUnrefused(c.CheckPublic())
	if len(refused) > 0 {
		refuse(refused.inOrder("name", "rolle", "email", "telefon").err())
		return
	}
	// Sent again (the back button, a double click), the form enters the
	// contact no second time.
	var again bool
	if _, err := s.st.CreateContact(ctx, c, sentOnce(r, s.user(r), &again)); err != nil {
		refuse(err)
		return
	}
	if again {
		back(w, r, "/fachmk/"+b.Abbrev, sentAgain("die Ansprechperson ist eingetragen."))
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, "Die Ansprechperson ist eingetragen.")
}
