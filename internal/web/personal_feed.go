package web

// The personal calendar feed (persönlicher Kalender): a person's deadlines
// and sessions at a private address with a revocable token — the sessions
// of the IT-PLR, their registration deadlines (Anmeldeschluss, for whoever
// registers agenda items), the deadlines of the follow-ups their member is
// responsible for (all of them for the secretariat), the deadlines of open
// written procedures for those who vote in them, the debriefs
// (Nachbesprechungen) in which their member presents, and for
// spokespersons the dates of their FachMK, the debriefs they are invited
// to and the deadlines of their reports under "Reporting FachMK"
// (docs/followups.md, "Personal calendar"). Every event's DTSTAMP is its
// own last change (stampEvents, docs/api.md "Calendars").

import (
	"errors"
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
	// FachMK: the account is a FachMK secretariat, whose calendar holds
	// what it may see (fachmkCalendarEvents).
	FachMK bool
}

func (s *Server) calendarPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.calendarHolder(w, r)
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
		Data: calendarPageData{Since: since, URL: newURL, FachMK: u.Role == model.RoleFachMK}})
}

// newCalendarAddress makes a new private address (the old one stops
// working, so replacing one needs a confirmation) and shows it once.
func (s *Server) newCalendarAddress(w http.ResponseWriter, r *http.Request) {
	u, ok := s.calendarHolder(w, r)
	if !ok || !s.parseForm(w, r) {
		return
	}
	since, err := s.st.CalendarTokenSince(r.Context(), u.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !since.IsZero() && !s.confirmed(w, r, confirmData{Heading: "Neue Kalenderadresse anlegen", Question: "Wollen Sie eine neue Kalenderadresse anlegen?",
		Consequence: "Die bisherige Adresse (seit " + model.BerlinDateTime(since) + ") gilt dann nicht mehr; Kalender, die sie abonniert haben, erhalten nichts mehr, bis Sie dort die neue Adresse eintragen.",
		Action:      "/mein-kalender", Button: "Ja, neue Adresse anlegen", Back: "/mein-kalender"}) {
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
	u, ok := s.calendarHolder(w, r)
	if !ok || !s.parseForm(w, r) {
		return
	}
	if !s.confirmed(w, r, confirmData{Heading: "Kalenderadresse widerrufen", Question: "Wollen Sie Ihre Kalenderadresse widerrufen?",
		Consequence: "Kalender, die sie abonniert haben, erhalten danach keine Termine und Fristen mehr; eine neue Adresse können Sie jederzeit anlegen.",
		Action:      "/mein-kalender/widerrufen", Button: "Ja, Kalenderadresse widerrufen", Back: "/mein-kalender"}) {
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
	fachmk := u != nil && u.Role == model.RoleFachMK && u.ConferenceID != 0
	if u == nil || !auth.Can(u, auth.ViewInternal, "") && !fachmk {
		s.notFound(w, r, "Diese Kalenderadresse gibt es nicht (mehr).")
		return
	}
	domain, err := s.calendarDomain(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	c := ical.Calendar{Name: "gremium: Termine und Fristen – " + u.Name, Stamp: s.calendarStamp()}
	// A FachMK secretariat's calendar holds what it may see, nothing
	// internal of the IT-PLR.
	if fachmk {
		events, err := s.fachmkCalendarEvents(r, u, domain)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		c.Name, c.Events = "gremium: Termine – "+u.Name, events
		w.Header().Set("Cache-Control", "private, no-cache")
		s.writeCalendar(w, r, c)
		return
	}
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	var sessions []model.Session
	if c.Events, sessions, err = s.sessionEvents(r, domain, council); err != nil {
		s.serverError(w, r, err)
		return
	}
	// Whoever registers agenda items (a member's office, the
	// secretariat) gets the registration deadline of every session that
	// takes registrations, with a reminder; a cancelled session's stays,
	// cancelled, as the session does.
	if auth.Can(u, auth.RegisterItem, u.MemberAbbrev) {
		var deadlines []ical.Event
		var ids []int64
		for _, se := range sessions {
			if (se.Status == model.StatusPlanned || se.Status == model.StatusConvened) && !se.RegistrationDeadline.IsZero() {
				deadlines = append(deadlines, ical.RegistrationDeadlineEvent(domain, council.Abbrev, council.Name, se,
					s.site.URL(r, fmt.Sprintf("/sitzungen/%d/anmeldung", se.Number))))
				ids = append(ids, se.ID)
			}
		}
		if err := s.stampEvents(ctx, deadlines, "session", ids, sessionDeadlineColumns...); err != nil {
			s.serverError(w, r, err)
			return
		}
		c.Events = append(c.Events, deadlines...)
	}
	// The sessions of the body that prepares the council (the AL-Runde,
	// internal as this feed is), and for those who register agenda items
	// its document deadline (Unterlagenfrist).
	if prep, err := s.st.PreparatoryBody(ctx, council.ID); err == nil {
		events, prepSessions, err := s.sessionEvents(r, domain, prep)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		c.Events = append(c.Events, events...)
		if auth.Can(u, auth.RegisterItem, u.MemberAbbrev) {
			var deadlines []ical.Event
			var ids []int64
			for _, se := range prepSessions {
				if due := prep.Preparation.DocumentsDue(se.Date); (se.Status == model.StatusPlanned || se.Status == model.StatusConvened) && !due.IsZero() {
					deadlines = append(deadlines, ical.DocumentDeadlineEvent(domain, prep.Abbrev, se, due, s.site.URL(r, se.Path())))
					ids = append(ids, se.ID)
				}
			}
			if err := s.stampEvents(ctx, deadlines, "session", ids, sessionDeadlineColumns...); err != nil {
				s.serverError(w, r, err)
				return
			}
			c.Events = append(c.Events, deadlines...)
		}
	} else if !errors.Is(err, store.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	events, err := s.personalFeedEvents(r, u, council, domain, sessions)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	c.Events = append(c.Events, events...)
	w.Header().Set("Cache-Control", "private, no-cache")
	s.writeCalendar(w, r, c)
}

// The personal feed's window (docs/followups.md, "Personal calendar"): a
// calendar client keeps what the feed last gave, so the feed gives what a
// person plans with — the deadlines still owed from a year back to two
// years ahead, at most FeedOverdue past and FeedUpcoming coming ones — and
// reads that window only, however long the council's history is.
const (
	// FeedPastDays is how far back the feed gives deadlines still owed
	// (and a spokesperson's FachMK dates).
	FeedPastDays = 365
	// FeedAheadDays is how far ahead the feed gives deadlines.
	FeedAheadDays = 730
	// FeedOverdue bounds the past deadlines still owed: the latest ones.
	FeedOverdue = 100
	// FeedUpcoming bounds the coming deadlines: the earliest ones.
	FeedUpcoming = 400
)

// personalFeedEvents gives the events of the personal feed besides the
// council's sessions: the deadlines of the follow-ups the person's member
// owes (the secretariat: all) in the feed's window, of the open written
// procedures for those who vote in them (and the secretariat, which runs
// them), and for a spokesperson the FachMK dates from FeedPastDays back
// and the deadline of the reports under "Reporting FachMK" of each of the
// council's sessions still prepared.
func (s *Server) personalFeedEvents(r *http.Request, u *model.User, council model.Body, domain string, sessions []model.Session) ([]ical.Event, error) {
	ctx := r.Context()
	today := model.BerlinDate(s.clock())
	from := model.BerlinDate(today.Time().AddDate(0, 0, -FeedPastDays))
	q := store.FollowUpListQuery{Audience: model.Internal, User: u, CouncilID: council.ID}
	if u.Role != model.RoleSecretariat {
		// By abbreviation and by name ("HE", "Hessen"); an account
		// without a member owes nothing.
		q.Members = s.responsibleNames(ctx, u.MemberAbbrev)
	}
	past, err := s.st.FollowUpsDueBetween(ctx, q, from, model.BerlinDate(today.Time().AddDate(0, 0, -1)), true, FeedOverdue)
	if err != nil {
		return nil, err
	}
	coming, err := s.st.FollowUpsDueBetween(ctx, q, today, model.BerlinDate(today.Time().AddDate(0, 0, FeedAheadDays)), false, FeedUpcoming)
	if err != nil {
		return nil, err
	}
	var events []ical.Event
	var followUps []int64
	// Texts are public text: calendars are often kept by other services.
	for _, fu := range append(past, coming...) {
		// The UID names the follow-up alone (a new deadline is the same
		// event, moved); its version rises with every change of it, the
		// move of the session it is due to included (store.EditSession).
		e := ical.DeadlineEvent(fmt.Sprintf("auftrag-%d@%s", fu.ID, domain), "Frist Auftrag: "+model.PublicText(fu.Text), fu.Due,
			s.site.URL(r, fu.Path()))
		e.Sequence = fu.Version
		e.Description = "Verantwortlich: " + model.PublicText(fu.Responsible) + "\nFrist: " + model.PublicText(fu.DeadlineAt(fu.Planned))
		events, followUps = append(events, e), append(followUps, fu.ID)
	}
	// Its DTSTAMP the change that raised its version (its SEQUENCE).
	if err := s.stampEvents(ctx, events, "follow_up", followUps, "version"); err != nil {
		return nil, err
	}
	// Open written procedures: their deadline (members vote until then),
	// for those who vote (a spokesperson, an advisory member do not).
	var procs []store.ProcedureDeadline
	if auth.Can(u, auth.Vote, u.MemberAbbrev) || auth.Can(u, auth.ManageSessions, "") {
		var err error
		if procs, err = s.st.OpenProcedureDeadlines(ctx); err != nil {
			return nil, err
		}
	}
	procEvents := make([]ical.Event, 0, len(procs))
	procIDs := make([]int64, 0, len(procs))
	for _, p := range procs {
		title := "Umlaufverfahren"
		if p.Body != "" {
			title += " (" + p.Body + ")"
		}
		if p.Title != "" {
			title += ": " + model.PublicText(p.Title)
		}
		procEvents = append(procEvents, ical.Event{UID: fmt.Sprintf("umlauf-%d-frist@%s", p.ID, domain), Summary: "Frist " + title,
			Start: p.Deadline, URL: s.site.URL(r, fmt.Sprintf("/umlaufverfahren/%d", p.ID))})
		procIDs = append(procIDs, p.ID)
	}
	// Stamped with the deadline's last change: a vote cast moves nothing.
	if err := s.stampEvents(ctx, procEvents, "procedure", procIDs, "deadline"); err != nil {
		return nil, err
	}
	events = append(events, procEvents...)
	// The debriefs in which the member presents decisions (concept 2.2:
	// the submitting member presents them), as "Mein Bereich" lists them
	// once the invitation is sent (before, the feed lacked them).
	presenting := map[string]bool{} // UIDs of the debriefs the member presents in
	if u.MemberAbbrev != "" {
		presentations, err := s.debriefPresentationEvents(r, u.MemberAbbrev, council, domain)
		if err != nil {
			return nil, err
		}
		for _, e := range presentations {
			presenting[e.UID] = true
		}
		events = append(events, presentations...)
	}
	// A spokesperson's FachMK dates.
	if u.Role != model.RoleSpokesperson || u.MemberAbbrev == "" {
		return events, nil
	}
	last, _ := s.st.LastHeldSession(ctx, council.ID)
	as, err := s.st.MemberAssignments(ctx, u.MemberAbbrev)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var reportsOn []string
	for _, a := range as {
		if a.Status(last) == model.AssignmentEnded || seen[a.ConferenceID] {
			continue
		}
		seen[a.ConferenceID] = true
		b, err := s.st.Body(ctx, a.ConferenceID)
		if err != nil {
			return nil, err
		}
		reportsOn = append(reportsOn, b.Name)
		dates, err := s.st.ConferenceDates(ctx, b.ID, from)
		if err != nil {
			return nil, err
		}
		dateEvents, err := s.conferenceDateEvents(ctx, dates, map[int64]string{b.ID: b.Name},
			func(int64) string { return s.site.URL(r, "/fachmk/"+url.PathEscape(b.Abbrev)) })
		if err != nil {
			return nil, err
		}
		events = append(events, dateEvents...)
	}
	if len(reportsOn) == 0 {
		return events, nil
	}
	invited, err := s.spokespersonDebriefEvents(r, council, last, domain, presenting)
	if err != nil {
		return nil, err
	}
	events = append(events, invited...)
	// The deadline of the reports under "Reporting FachMK" (a week before
	// the session), for each session still prepared, as the reports page
	// enforces it; a cancelled session's stays, cancelled.
	var reports []ical.Event
	var reportIDs []int64
	for _, se := range sessions {
		if (se.Status == model.StatusPlanned || se.Status == model.StatusConvened) && !model.ReportDeadline(se).IsZero() {
			reports = append(reports, ical.ReportDeadlineEvent(domain, council.Abbrev, council.Name, se, reportsOn,
				s.site.URL(r, fmt.Sprintf("/sitzungen/%d/reporting-fachmk", se.Number))))
			reportIDs = append(reportIDs, se.ID)
		}
	}
	if err := s.stampEvents(ctx, reports, "session", reportIDs, sessionEventColumns...); err != nil {
		return nil, err
	}
	return append(events, reports...), nil
}

// spokespersonDebriefEvents gives the debriefs (Nachbesprechungen) of the
// last myDebriefSessions sessions held up to last, to which a
// spokesperson is invited: as "Was ansteht" lists the last one
// (mySpokespersonDue), each once the secretariat has saved it with a
// date, its invitation sent or not — before, the feed waited for the
// invitation and the page did not, so the spokesperson saw a debrief on
// the page that the calendar lacked. One noted "Nachbesprechung entfällt"
// stays, cancelled (ical.DebriefInvitationEvent), so that calendars that
// had it strike it; one without a date ("Termin noch offen") gives none;
// one the member presents in is in the feed already (presenting: UIDs).
// SEQUENCE is the debrief's version, DTSTAMP its last change.
func (s *Server) spokespersonDebriefEvents(r *http.Request, council model.Body, last int, domain string, presenting map[string]bool) ([]ical.Event, error) {
	ctx := r.Context()
	recent, err := s.recentDebriefs(r, council, last)
	if err != nil {
		return nil, err
	}
	var events []ical.Event
	var ids []int64
	for _, sd := range recent {
		n, db := sd.Session.Number, sd.Debrief
		if db.HeldOn.IsZero() {
			continue
		}
		// Read as a spokesperson reads it: no invitation text, the note
		// without its reason (model.Debrief.ForConferences).
		db = db.ForConferences(nil)
		e := ical.DebriefInvitationEvent(domain, council.Abbrev, n, fmt.Sprintf("%d. Sitzung %s", n, council.Of()), db,
			s.site.URL(r, fmt.Sprintf("/sitzungen/%d/nachbesprechung", n)))
		if !presenting[e.UID] {
			events, ids = append(events, e), append(ids, db.ID)
		}
	}
	return events, s.stampEvents(ctx, events, "debrief", ids)
}

// debriefPresentationEvents gives an event for each debrief with a date in
// which member presents (myPresentations: the sent debriefs of the last
// sessions held), listing what it presents to which FachMK.
func (s *Server) debriefPresentationEvents(r *http.Request, member string, council model.Body, domain string) ([]ical.Event, error) {
	ps, err := s.myPresentations(r, member)
	if err != nil {
		return nil, err
	}
	var events []ical.Event
	var ids []int64
	index := map[int64]int{} // debrief id: its event
	for _, p := range ps {
		if p.Debrief.HeldOn.IsZero() {
			continue
		}
		// Public text, as the presenters' mail: feeds are often kept by
		// other services.
		line := "- " + p.Decision.Label
		if dec, ok := model.Public.Decision(p.Decision); ok {
			if t := model.PublicText(dec.Title); t != "" {
				line += " „" + t + "“"
			}
		}
		line += " für " + p.Conference
		if i, ok := index[p.Debrief.ID]; ok {
			events[i].Description += "\n" + line
			continue
		}
		session := fmt.Sprintf("%d. Sitzung %s", p.Session.Number, council.Of())
		index[p.Debrief.ID] = len(events)
		events = append(events, ical.DebriefEvent(domain, council.Abbrev, p.Session.Number, session, p.Debrief, []string{line},
			s.site.URL(r, "/mein-bereich#h-vorstellungen")))
		ids = append(ids, p.Debrief.ID)
	}
	return events, s.stampEvents(r.Context(), events, "debrief", ids)
}
