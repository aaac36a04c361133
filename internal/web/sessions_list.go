package web

import (
	"html/template"
	"net/http"
	"strconv"

	"gremium/internal/model"
)

// SessionsPerPage bounds a page of the session list (a year has a handful
// of sessions in practice; a generated corpus has thousands).
const SessionsPerPage = 100

type sessionListData struct {
	Council  model.Body
	Sessions []model.Session
	Members  map[string]model.Member
	// Years are the years with sessions, newest first; Year is the one
	// shown.
	Years []int
	Year  int
	// NextURL continues the year's list after the last session shown.
	NextURL template.URL
	// More says the page continues an earlier one of the same year.
	More bool
	// Refused is why the year or position in the address was not used.
	Refused string
}

// sessionList shows the sessions of one year (?jahr=, the newest year with
// sessions by default), newest first, SessionsPerPage at a time; the next
// page continues after the last session shown (?vor=its number). It never reads all
// sessions: the years are kept per data version, a page is one index range.
func (s *Server) sessionList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	years, err := s.councilSessionYears(ctx, council.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := sessionListData{Council: council, Years: years}
	d.Year = defaultSessionYear(years, s.today().Year)
	// A year or position in the address that cannot be used: the newest
	// year's list with the reason and the years to choose from, status
	// 400 (not an error page without a way on).
	status := http.StatusOK
	if y := r.URL.Query().Get("jahr"); y != "" {
		if year, err := strconv.Atoi(y); err != nil || year < 1900 || year > 9999 {
			d.Refused, status = "Das Jahr muss eine vierstellige Zahl sein, zum Beispiel ?jahr=2025.", http.StatusBadRequest
		} else {
			d.Year = year
		}
	}
	before := 0
	if v := r.URL.Query().Get("vor"); v != "" && d.Refused == "" {
		if before, err = strconv.Atoi(v); err != nil || before < 1 {
			before, d.Refused, status = 0, "Die Stelle in der Liste ist eine Sitzungsnummer, zum Beispiel ?vor=40.", http.StatusBadRequest
		} else {
			d.More = true
		}
	}
	if d.Year != 0 {
		if d.Sessions, err = s.st.SessionsOfYear(ctx, council.ID, d.Year, before, SessionsPerPage+1); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	// "Protokoll Stand" of the reader's version: the public one moves
	// only with a change the public sees (model.Audience.Session).
	for i := range d.Sessions {
		d.Sessions[i] = s.audienceOf(r).Session(d.Sessions[i])
	}
	if len(d.Sessions) > SessionsPerPage {
		d.Sessions = d.Sessions[:SessionsPerPage]
		d.NextURL = template.URL("/sitzungen?jahr=" + strconv.Itoa(d.Year) + "&vor=" + strconv.Itoa(d.Sessions[SessionsPerPage-1].Number))
	}
	if d.Members, err = s.memberMap(ctx); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "sessions.html", view{Title: "Sitzungen " + strconv.Itoa(d.Year), Active: "sitzungen", Data: d})
}

// defaultSessionYear is the year /sitzungen shows without ?jahr=: the
// current year, or the newest year before it with sessions (years are
// newest first), so that a visitor finds held sessions and their minutes —
// the newest year of all held only the planned next session. Without
// such a year, the newest; 0 without any.
func defaultSessionYear(years []int, current int) int {
	for _, y := range years {
		if y <= current {
			return y
		}
	}
	if len(years) > 0 {
		return years[0]
	}
	return 0
}
