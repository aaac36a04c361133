package web

import (
	"net/http"
	"time"

	"gremium/internal/model"
)

// spokesperson is an assignment with the names a page shows.
type spokesperson struct {
	model.Assignment
	MemberName string
	Person     model.Person
	Status     string
}

type conferenceRow struct {
	Body          model.Body
	ActsFor       model.Body
	Spokespersons []spokesperson // in office (active or ending)
	Vacant        bool
}

func (s *Server) conferenceRows(r *http.Request) ([]conferenceRow, error) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		return nil, err
	}
	last, err := s.st.LastHeldSession(ctx, council.ID)
	if err != nil {
		return nil, err
	}
	bodies, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		return nil, err
	}
	byID := map[int64]model.Body{}
	for _, b := range bodies {
		byID[b.ID] = b
	}
	all, err := s.spokespersons(r, 0, last)
	if err != nil {
		return nil, err
	}
	rows := make([]conferenceRow, 0, len(bodies))
	for _, b := range bodies {
		row := conferenceRow{Body: b, ActsFor: byID[b.ActsForID]}
		var mine []model.Assignment
		for _, sp := range all {
			if sp.ConferenceID != b.ID {
				continue
			}
			mine = append(mine, sp.Assignment)
			if sp.Assignment.Status(last) != model.AssignmentEnded {
				row.Spokespersons = append(row.Spokespersons, sp)
			}
		}
		row.Vacant = model.Vacant(mine, last)
		rows = append(rows, row)
	}
	return rows, nil
}

// spokespersons gives the assignments of a FachMK (0: all) with names.
func (s *Server) spokespersons(r *http.Request, conferenceID int64, lastHeld int) ([]spokesperson, error) {
	ctx := r.Context()
	as, err := s.st.Assignments(ctx, conferenceID)
	if err != nil {
		return nil, err
	}
	members, err := s.memberMap(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]spokesperson, 0, len(as))
	for _, a := range as {
		sp := spokesperson{Assignment: a, MemberName: members[a.Member].Name, Status: a.StatusLabel(lastHeld)}
		if a.PersonID != 0 {
			if sp.Person, err = s.st.Person(ctx, a.PersonID); err != nil {
				return nil, err
			}
		}
		out = append(out, sp)
	}
	return out, nil
}

func (s *Server) conferenceList(w http.ResponseWriter, r *http.Request) {
	rows, err := s.conferenceRows(r)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	s.render(w, r, http.StatusOK, "conferences.html", view{Title: "Fachministerkonferenzen und fachpolitische Sprecher:innen", Active: "fachmk", Data: rows})
}

type conferenceData struct {
	Notice        string
	Voters        []model.Member
	Body          model.Body
	ActsFor       model.Body
	ActedForBy    []model.Body
	Spokespersons []spokesperson // the full history, oldest first
	Vacant        bool
	Contacts      []model.Contact
	Dates         []model.ConferenceDate
	Requests      []model.Request
}

func (s *Server) conferencePage(w http.ResponseWriter, r *http.Request) {
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
	d := conferenceData{Body: b, Notice: r.URL.Query().Get("hinweis")}
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
	if d.Dates, err = s.st.ConferenceDates(ctx, b.ID, model.DateOf(time.Now())); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Requests, err = s.st.Requests(ctx, b.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "conference.html", view{Title: b.Name, Active: "fachmk", Data: d})
}
