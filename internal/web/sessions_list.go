package web

import (
	"context"
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

// sessionList shows the sessions of one year (?jahr=, by default
// defaultSessionYear's), newest first, SessionsPerPage at a time; the next
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
	if d.Year, err = s.sessionYearOf(ctx, council.ID, years); err != nil {
		s.serverError(w, r, err)
		return
	}
	// A year or position in the address that cannot be used: the newest
	// year's list with the reason and the years to choose from, status
	// 400 (not an error page without a way on).
	status := http.StatusOK
	if d.Year, d.Refused = yearOfAddress(r, d.Year); d.Refused != "" {
		status = http.StatusBadRequest
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
	// "Stand des Protokolls" of the reader's version: the public one moves
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

// yearOfAddress reads the year of a page that shows one year of sessions
// (the list, the calendar) from ?jahr= (model.ParseYear): the year asked
// for, or shown (the page's default) without one. A year that cannot be
// read gives shown and the reason (model.ReasonOf), which the page states
// above the year it shows, with status 400: the page stays usable (the
// calendar answered with a bare error page before).
func yearOfAddress(r *http.Request, shown int) (year int, refused string) {
	q := r.URL.Query().Get("jahr")
	if q == "" {
		return shown, ""
	}
	year, err := model.ParseYear(q)
	if err != nil {
		return shown, model.ReasonOf(err)
	}
	return year, ""
}

// defaultSessionYear is the year /sitzungen and /sitzungen/kalender show
// without ?jahr=, the same on both (they differed: the list opened on
// 2025, the calendar on 2026, and the next session, in 2027, was in
// neither): the year of the next session that takes place (next, 0 for
// none), so that a visitor finds what comes next; else the current year
// or the newest year before it with sessions (years are newest first),
// where the held sessions and their minutes are; else the newest year; 0
// without any. The page stays one year (SessionsPerPage at a time).
func defaultSessionYear(years []int, next, current int) int {
	if next != 0 {
		return next
	}
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

// nextSessionYear gives the year of the council's next session that takes
// place: the first of the coming sessions (planned, convened, running;
// store.ComingSessions, a few rows) dated today or later and not
// cancelled; 0 if there is none.
func (s *Server) nextSessionYear(ctx context.Context, councilID int64) (int, error) {
	coming, err := s.st.ComingSessions(ctx, councilID)
	if err != nil {
		return 0, err
	}
	today := s.today()
	for _, se := range coming { // the next one first
		if !se.Cancelled() && !se.Date.IsZero() && !se.Date.Before(today) {
			return se.Date.Year, nil
		}
	}
	return 0, nil
}

// sessionYearOf gives the year a session page of the council opens on
// without ?jahr= (defaultSessionYear), from its years with sessions.
func (s *Server) sessionYearOf(ctx context.Context, councilID int64, years []int) (int, error) {
	next, err := s.nextSessionYear(ctx, councilID)
	if err != nil {
		return 0, err
	}
	return defaultSessionYear(years, next, s.today().Year), nil
}
