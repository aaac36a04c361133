package web

// The personal calendar of a FachMK secretariat (role fachmk): before, it
// had none (GET /mein-kalender was 403) and subscribed to its conference's
// dates only. Its feed gives what it may see and plans with: its
// conference's own dates, the debriefs (Nachbesprechungen) it is invited
// to, and the IT-PLR sessions to which its own requests (Anliegen) are
// registered or on whose agenda they stand — nothing internal of the
// IT-PLR (no AL-Runde, no follow-ups, no written procedures).

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"gremium/internal/auth"
	"gremium/internal/ical"
	"gremium/internal/model"
)

// calendarHolder gives the signed-in account that keeps a personal
// calendar: every internal account and a FachMK secretariat
// (fachmkCalendarEvents); anyone else has been answered.
func (s *Server) calendarHolder(w http.ResponseWriter, r *http.Request) (*model.User, bool) {
	if u := s.user(r); u != nil && !u.Disabled && u.Role == model.RoleFachMK {
		return u, true
	}
	return s.require(w, r, auth.ViewInternal, "")
}

// fachmkCalendarEvents gives the events of the personal feed of the FachMK
// secretariat u: its conference's dates from FeedPastDays back, the
// debriefs of the last sessions whose invitation presents decisions to it
// (myInvitations, as "Mein Bereich" lists them), and each IT-PLR session
// from FeedPastDays back to which one of its requests is registered or on
// whose agenda it stands, the description naming the requests. Texts are
// public text: calendars are often kept by other services.
func (s *Server) fachmkCalendarEvents(r *http.Request, u *model.User, domain string) ([]ical.Event, error) {
	ctx := r.Context()
	from := model.BerlinDate(model.BerlinDate(s.clock()).Time().AddDate(0, 0, -FeedPastDays))
	own, err := s.st.Body(ctx, u.ConferenceID)
	if err != nil {
		return nil, err
	}
	dates, err := s.st.ConferenceDates(ctx, own.ID, from)
	if err != nil {
		return nil, err
	}
	events, err := s.conferenceDateEvents(ctx, dates, map[int64]string{own.ID: own.Name},
		func(int64) string { return s.site.URL(r, "/fachmk/"+url.PathEscape(own.Abbrev)) })
	if err != nil {
		return nil, err
	}
	council, err := s.councilBody(ctx)
	if model.ClassOf(err) == model.ErrNotFound {
		return events, nil
	}
	if err != nil {
		return nil, err
	}
	invitations, err := s.myInvitations(r, own.ID)
	if err != nil {
		return nil, err
	}
	var debriefs []ical.Event
	var debriefIDs []int64
	for _, in := range invitations {
		if in.Debrief.HeldOn.IsZero() {
			continue
		}
		e := ical.DebriefInvitationEvent(domain, council.Abbrev, in.Session.Number, fmt.Sprintf("%d. Sitzung %s", in.Session.Number, council.Of()), in.Debrief,
			s.site.URL(r, fmt.Sprintf("/sitzungen/%d/nachbesprechung", in.Session.Number)))
		// What is presented, and by whom: each decision by the member
		// that submitted it (before: "stellt 1 Beschluss vor, die …
		// relevant ist", naming the Geschäftsstelle as presenter).
		what := fmt.Sprintf("%s für %s, vorgestellt jeweils durch das einreichende Mitglied.", model.Counted(in.Decisions, "Beschluss", "Beschlüsse"), own.Accusative())
		if e.Description != "" {
			what += "\n" + e.Description
		}
		e.Description = what
		debriefs, debriefIDs = append(debriefs, e), append(debriefIDs, in.Debrief.ID)
	}
	if err := s.stampEvents(ctx, debriefs, "debrief", debriefIDs); err != nil {
		return nil, err
	}
	events = append(events, debriefs...)
	requests, err := s.st.Requests(ctx, own.ID)
	if err != nil {
		return nil, err
	}
	// Where each stands, as its page, the list and the conference page
	// say it (requestStandings, model.RequestStanding.Agenda); the
	// sessions of its requests, each once, the requests in its
	// description.
	standings, err := s.requestStandings(ctx, requests)
	if err != nil {
		return nil, err
	}
	type sessionOf struct {
		session model.Session
		lines   []string
	}
	var sessions []*sessionOf
	byID := map[int64]*sessionOf{}
	for _, st := range standings {
		// Registered or on the agenda; a declined registration brings
		// its session into no calendar.
		if st.Item.ID == 0 || st.Item.Status == model.ItemDeclined {
			continue
		}
		se := st.Session
		if se.BodyID != council.ID || se.Date.IsZero() || se.Date.Before(from) {
			continue
		}
		so := byID[se.ID]
		if so == nil {
			so = &sessionOf{session: se}
			byID[se.ID] = so
			sessions = append(sessions, so)
		}
		so.lines = append(so.lines, fmt.Sprintf("- „%s“: %s", model.PublicText(st.Request.Title), st.Agenda().String()))
	}
	slices.SortFunc(sessions, func(a, b *sessionOf) int { return a.session.Number - b.session.Number })
	sessionEvents := make([]ical.Event, 0, len(sessions))
	sessionIDs := make([]int64, 0, len(sessions))
	for _, so := range sessions {
		e := ical.SessionEvent(domain, council.Abbrev, council.Name, so.session, s.site.URL(r, so.session.Path()))
		desc := "Anliegen " + own.Of() + ":\n" + strings.Join(so.lines, "\n")
		if e.Description != "" {
			desc = e.Description + "\n\n" + desc
		}
		e.Description = desc
		sessionEvents, sessionIDs = append(sessionEvents, e), append(sessionIDs, so.session.ID)
	}
	// Stamped with the session's event (sessionEventColumns); a change of
	// the requests' standing changes the description alone.
	if err := s.stampEvents(ctx, sessionEvents, "session", sessionIDs, sessionEventColumns...); err != nil {
		return nil, err
	}
	return append(events, sessionEvents...), nil
}
