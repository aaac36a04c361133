package web

// The personal calendar feed (persönlicher Kalender): a person's deadlines
// and sessions at a private address with a revocable token — the sessions
// of the IT-PLR, the deadlines of the follow-ups their member is
// responsible for (all of them for the secretariat), the deadlines of open
// written procedures, and for spokespersons the dates of their FachMK
// (docs/followups.md, "Personal calendar").

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/ical"
	"gremium/internal/model"
	"gremium/internal/store"
)

// calendarPageData is the page of the own calendar address.
type calendarPageData struct {
	Since time.Time // when the current address was made; zero: none
	URL   string    // the new address, right after it was made (shown once)
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok {
		return
	}
	s.renderCalendarPage(w, r, u, "")
}

func (s *Server) renderCalendarPage(w http.ResponseWriter, r *http.Request, u *model.User, newURL string) {
	since, err := s.st.CalendarTokenSince(r.Context(), u.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "calendar_personal.html", view{Title: "Persönlicher Kalender", Active: "auftraege",
		Data: calendarPageData{Since: since, URL: newURL}})
}

// newCalendarAddress makes a new private address (the old one stops
// working) and shows it once.
func (s *Server) newCalendarAddress(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	token, err := auth.NewCalendarToken(r.Context(), s.st, u.ID)
	if err != nil {
		s.fail(w, r, err, "")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderCalendarPage(w, r, u, s.site.URL(r, "/kalender/"+url.PathEscape(token)+".ics"))
}

func (s *Server) revokeCalendarAddress(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.ViewInternal, "")
	if !ok || !s.parseForm(w, r) {
		return
	}
	if err := s.st.RevokeCalendarToken(r.Context(), u.ID); err != nil {
		s.fail(w, r, err, "Es gibt keine Kalenderadresse, die widerrufen werden könnte.")
		return
	}
	back(w, r, "/mein-kalender", "Die Kalenderadresse ist widerrufen; Kalender, die sie abonniert haben, erhalten nichts mehr.")
}

// personalCalendar serves /kalender/{token}.ics.
func (s *Server) personalCalendar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	token, ok := strings.CutSuffix(r.PathValue("datei"), ".ics")
	var u *model.User
	if ok {
		u = auth.CalendarUser(ctx, s.st, token)
	}
	if u == nil || !auth.Can(u, auth.ViewInternal, "") {
		s.notFound(w, r, "Diese Kalenderadresse gibt es nicht (mehr).")
		return
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	host := "gremium"
	if pu, err := url.Parse(s.site.Base(r)); err == nil && pu.Hostname() != "" {
		host = pu.Hostname()
	}
	c := ical.Calendar{Name: "gremium: Termine und Fristen – " + u.Name, Stamp: s.calendarStamp(r)}
	if c.Events, err = s.sessionEvents(r, host, council); err != nil {
		s.serverError(w, r, err)
		return
	}
	// Follow-ups the person's member owes (the secretariat: all), by their
	// due day. Texts are public text: calendars are often kept by other
	// services.
	f := store.FollowUpFilter{Pending: true}
	if u.Role != model.RoleSecretariat {
		f.Member = u.MemberAbbrev
	}
	fus, err := s.st.FollowUps(ctx, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if u.Role != model.RoleSecretariat && u.MemberAbbrev != "" {
		// Also those naming the member by name ("Hessen").
		if ms, err := s.memberMap(ctx); err == nil && ms[u.MemberAbbrev].Name != "" && ms[u.MemberAbbrev].Name != u.MemberAbbrev {
			more, err := s.st.FollowUps(ctx, store.FollowUpFilter{Pending: true, Member: ms[u.MemberAbbrev].Name})
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			seen := map[int64]bool{}
			for _, x := range fus {
				seen[x.ID] = true
			}
			for _, x := range more {
				if !seen[x.ID] {
					fus = append(fus, x)
				}
			}
		}
	}
	// The sessions the follow-ups are due to, by number.
	dueNumbers := make([]int, 0, len(fus))
	for _, fu := range fus {
		if fu.DueSession > 0 {
			dueNumbers = append(dueNumbers, fu.DueSession)
		}
	}
	dueSessions, err := s.st.SessionsByNumber(ctx, council.ID, dueNumbers)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	byNumber := map[int]*model.Session{}
	for n, se := range dueSessions {
		byNumber[n] = &se
	}
	for _, fu := range fus {
		due := fu.DueAt(byNumber[fu.DueSession])
		if due.IsZero() {
			continue
		}
		e := ical.DeadlineEvent(fmt.Sprintf("auftrag-%d-%s@%s", fu.ID, due, host), "Frist Auftrag: "+model.PublicText(fu.Text), due,
			s.site.URL(r, fmt.Sprintf("/auftraege/%d", fu.ID)))
		e.Description = "Verantwortlich: " + model.PublicText(fu.Responsible) + "\nFrist: " + model.PublicText(fu.DeadlineAt(byNumber[fu.DueSession]))
		c.Events = append(c.Events, e)
	}
	// Open written procedures: their deadline (members vote until then).
	procs, err := s.st.Procedures(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, p := range procs {
		if p.Status != model.ProcedureOpen {
			continue
		}
		title := "Umlaufverfahren"
		if d, err := s.st.Decision(ctx, p.DecisionID); err == nil && d.Title != "" {
			title += ": " + model.PublicText(d.Title)
		}
		c.Events = append(c.Events, ical.Event{UID: fmt.Sprintf("umlauf-%d-frist@%s", p.ID, host), Summary: "Frist " + title,
			Start: p.Deadline, URL: s.site.URL(r, fmt.Sprintf("/umlaufverfahren/%d", p.ID))})
	}
	// A spokesperson's FachMK dates.
	if u.Role == model.RoleSpokesperson && u.MemberAbbrev != "" {
		last, _ := s.st.LastHeldSession(ctx, council.ID)
		as, err := s.st.Assignments(ctx, 0)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		seen := map[int64]bool{}
		for _, a := range as {
			if a.Member != u.MemberAbbrev || a.Status(last) == model.AssignmentEnded || seen[a.ConferenceID] {
				continue
			}
			seen[a.ConferenceID] = true
			b, err := s.st.Body(ctx, a.ConferenceID)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			dates, err := s.st.ConferenceDates(ctx, b.ID, model.Date{})
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			c.Events = append(c.Events, ical.ConferenceEvents(dates, map[int64]string{b.ID: b.Name},
				func(int64) string { return s.site.URL(r, "/fachmk/"+url.PathEscape(b.Abbrev)) })...)
		}
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	s.writeCalendar(w, r, c)
}
