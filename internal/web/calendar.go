package web

// Conference dates: entry, iCalendar import and feeds.

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"gremium/internal/auth"
	"gremium/internal/ical"
	"gremium/internal/model"
	"gremium/internal/site"
	"gremium/internal/store"
)

func (s *Server) addConferenceDate(w http.ResponseWriter, r *http.Request) {
	b, ok := s.keptConferenceAction(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	// A refused date shows the page again with the form as typed, every
	// reason at its field: what does not read as a date here, the rest by
	// the date's own rules (model.ConferenceDate.Validate, which the
	// import and the store apply too).
	d := model.ConferenceDate{BodyID: b.ID, Title: strings.TrimSpace(r.PostFormValue("titel")), Place: strings.TrimSpace(r.PostFormValue("ort")),
		StartTime: strings.TrimSpace(r.PostFormValue("von")), EndTime: strings.TrimSpace(r.PostFormValue("bis"))}
	var refused problems
	var err error
	if d.Starts, err = model.ParseDate(r.PostFormValue("beginn")); err != nil {
		refused.add(model.AtField("beginn", err))
	}
	if d.Ends, err = model.ParseDate(r.PostFormValue("ende")); err != nil {
		refused.add(model.AtField("ende", err))
	}
	// The page lists the coming dates: a date already past would be
	// "eingetragen" and never seen (an .ics import takes past ones).
	if refused.At("beginn") == "" && !d.Starts.IsZero() && d.Starts.Before(s.today()) {
		refused.add(model.AtField("beginn", model.InputError("Der %s liegt in der Vergangenheit; hier werden kommende Termine eingetragen (frühere mit dem Import einer .ics-Datei).", d.Starts.German())))
	}
	refused.addUnrefused(d.Validate())
	if len(refused) > 0 {
		s.refuseConferenceForm(w, r, b.Abbrev, "termin-eintragen", "Der Termin ist nicht eingetragen", refused.err())
		return
	}
	if _, err := s.st.CreateConferenceDate(ctx, d); err != nil {
		s.refuseConferenceForm(w, r, b.Abbrev, "termin-eintragen", "Der Termin ist nicht eingetragen", err)
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, "Der Termin ist eingetragen.")
}

// removeConferenceDate removes a date of the conference (POST
// /fachmk/{abbrev}/termine/{id}/entfernen), for its keepers.
func (s *Server) removeConferenceDate(w http.ResponseWriter, r *http.Request) {
	ask := func(ctx context.Context, b model.Body, id int64) (confirmData, error) {
		dates, err := s.st.ConferenceDates(ctx, b.ID, model.Date{})
		if err != nil {
			return confirmData{}, err
		}
		for _, d := range dates {
			if d.ID == id {
				return confirmData{Heading: "Termin entfernen",
					Question:    fmt.Sprintf("Wollen Sie den Termin „%s“ am %s der %s entfernen?", or(d.Title, "Sitzung"), d.Starts.German(), b.Name),
					Consequence: "Der Termin verschwindet aus den Terminübersichten und aus den abonnierten Kalendern.",
					Button:      "Termin entfernen"}, nil
			}
		}
		return confirmData{}, model.NotFoundError("%s %d", "conference item", id)
	}
	s.removeOfConference(w, r, ask, s.st.DeleteConferenceDate, "Dieser Termin ist nicht (mehr) erfasst.", "#termine", "Der Termin ist entfernt.")
}

// removeOfConference removes what the path's {id} names of the
// conference (del), for its keepers, and goes back to its page at anchor.
// One stray click removes nothing: the first submit shows the
// confirmation page ask describes (confirmed), only its own submit acts.
func (s *Server) removeOfConference(w http.ResponseWriter, r *http.Request, ask func(ctx context.Context, b model.Body, id int64) (confirmData, error),
	del func(ctx context.Context, bodyID, id int64) error, gone, anchor, notice string) {
	b, ok := s.keptConferenceAction(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var d confirmData
	if err == nil {
		d, err = ask(r.Context(), b, id)
	}
	if err != nil {
		s.fail(w, r, err, gone)
		return
	}
	d.Action, d.Back = r.URL.Path, "/fachmk/"+b.Abbrev+anchor
	if !s.confirmed(w, r, d) {
		return
	}
	if err := del(r.Context(), b.ID, id); err != nil {
		s.fail(w, r, err, gone)
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev+anchor, notice)
}

func (s *Server) importConferenceDates(w http.ResponseWriter, r *http.Request) {
	u, ok := s.require(w, r, auth.KeepConference, "")
	if !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 2<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		s.badRequest(w, r, "Die Datei ist zu groß (höchstens 2 MB).")
		return
	}
	ctx := r.Context()
	b, err := s.st.BodyByAbbrev(ctx, r.FormValue("fachmk"))
	if err != nil || b.Kind != model.BodyFachMK {
		s.badRequest(w, r, "Bitte die Fachministerkonferenz wählen.")
		return
	}
	if !auth.KeepsConference(u, b.ID) {
		s.fail(w, r, model.ForbiddenError("Die Termine einer Fachministerkonferenz pflegen ihre eigene Geschäftsstelle und die Geschäftsstelle des IT-Planungsrats."), "")
		return
	}
	// A refused file shows the conference page again, the import open
	// and every reason at the file's field: each refused event by its
	// name and day (before: the error page named the first only).
	refuse := func(err error) {
		s.refuseConferenceForm(w, r, b.Abbrev, "termin-eintragen", "Der Kalender ist nicht importiert", err)
	}
	f, _, err := r.FormFile("datei")
	if err != nil {
		refuse(model.AtField("datei", model.InputError("Bitte eine iCalendar-Datei (.ics) auswählen.")))
		return
	}
	defer f.Close()
	read, err := ical.Read(f)
	if err != nil {
		refuse(model.AtField("datei", model.InputError("Die Datei ist kein lesbarer iCalendar-Kalender (RFC 5545).")))
		return
	}
	// Every date of a conference is public: an event the calendar program
	// marks private or confidential, or a cancelled one, is not stored,
	// and one published by an earlier import is removed.
	n, err := s.st.ImportConferenceDates(ctx, b.ID, read.Dates, read.Gone()...)
	if err != nil {
		refuse(err)
		return
	}
	back(w, r, "/fachmk/"+b.Abbrev, importedDatesNotice(n, len(read.Withheld), len(read.Cancelled)))
}

// importedDatesNotice says what an iCalendar import did, and what of the
// file it did not publish.
func importedDatesNotice(n store.DateImport, withheld, cancelled int) string {
	out := fmt.Sprintf("%d Termine übernommen, %d geändert, %d waren schon erfasst.", n.Added, n.Changed, n.Known)
	if withheld > 0 {
		out += " " + model.Counted(withheld, "als privat oder vertraulich gekennzeichneter Termin wurde", "als privat oder vertraulich gekennzeichnete Termine wurden") + " nicht übernommen."
	}
	if cancelled > 0 {
		out += " " + model.Counted(cancelled, "abgesagter Termin wurde", "abgesagte Termine wurden") + " nicht übernommen."
	}
	if n.Removed > 0 {
		out += " " + model.Counted(n.Removed, "früher übernommener Termin ist", "früher übernommene Termine sind") + " deshalb nicht mehr veröffentlicht."
	}
	return out
}

// calendarStamp gives the DTSTAMP of an event of a feed whose last change
// the store does not tell (it has no audit entry; each other event has
// its own, stampEvents): the start of the current day in Germany, so a
// feed is the same bytes all day long unless its events change. The time
// of the last change of the stored data as a whole would tell a
// subscriber when something internal was changed (docs/asvs.md, 8.x).
func (s *Server) calendarStamp() time.Time {
	d := model.BerlinDate(s.clock())
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, model.Berlin)
}

// The columns of a session that its events carry (store.EventChangeTimes):
// a change of another column, internal as most are (attendance, the
// minutes' stand, the agenda's status), moves no event's DTSTAMP.
var (
	// sessionEventColumns: ical.SessionEvent and the report deadline
	// (a week before the date).
	sessionEventColumns = []string{"date", "start_time", "end_time", "place", "cancelled_reason", "change_note", "sequence"}
	// sessionDeadlineColumns: the registration and document deadlines
	// (ical.RegistrationDeadlineEvent, ical.DocumentDeadlineEvent).
	sessionDeadlineColumns = []string{"date", "registration_deadline", "cancelled_reason", "sequence", "deadline_sequence"}
)

// stampEvents gives each of events (events[i] made of the object ids[i]
// of the audited kind entity) the time its information was last revised
// in the store, for its DTSTAMP and LAST-MODIFIED: the newest change of
// one of the columns it carries (none given: of the object at all) or
// the object's creation (store.EventChangeTimes). Before, every event of
// every feed had the start of the current day, the same for all and
// unmoved by a change. An event the store has no record of keeps the
// calendar's stamp (calendarStamp).
func (s *Server) stampEvents(ctx context.Context, events []ical.Event, entity string, ids []int64, columns ...string) error {
	if len(events) != len(ids) {
		return fmt.Errorf("web: %d events of %d %s objects", len(events), len(ids), entity)
	}
	times, err := s.st.EventChangeTimes(ctx, entity, ids, columns...)
	if err != nil {
		return err
	}
	for i := range events {
		events[i].Stamp = times[ids[i]]
	}
	return nil
}

// conferenceDateEvents gives the events of FachMK dates
// (ical.ConferenceEvents), each stamped with its date's last change.
func (s *Server) conferenceDateEvents(ctx context.Context, dates []model.ConferenceDate, names map[int64]string, link func(bodyID int64) string) ([]ical.Event, error) {
	events := ical.ConferenceEvents(dates, names, link)
	ids := make([]int64, len(dates))
	for i, d := range dates {
		ids[i] = d.ID
	}
	return events, s.stampEvents(ctx, events, "conference_date", ids)
}

// writeCalendar sends a calendar.
func (s *Server) writeCalendar(w http.ResponseWriter, r *http.Request, c ical.Calendar) {
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	if err := ical.Write(w, c); err != nil {
		s.log.Error("calendar feed", "path", logPath(r), "err", err)
	}
}

// calendarFeed serves the dates of one FachMK (/fachmk/{abbrev}/termine.ics)
// or of all (/fachmk/termine.ics).
func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	bodies, err := s.st.Bodies(ctx, model.BodyFachMK)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	names, abbrevs := map[int64]string{}, map[int64]string{}
	var bodyID int64
	title := "Sitzungstermine der Fachministerkonferenzen"
	for _, b := range bodies {
		names[b.ID], abbrevs[b.ID] = b.Name, b.Abbrev
		if b.Abbrev == r.PathValue("abbrev") {
			bodyID, title = b.ID, "Sitzungstermine: "+b.Name
		}
	}
	if r.PathValue("abbrev") != "" && bodyID == 0 {
		s.notFound(w, r, "Diese Fachministerkonferenz ist nicht erfasst.")
		return
	}
	dates, err := s.st.ConferenceDates(ctx, bodyID, model.Date{})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	link := func(id int64) string { return s.site.URL(r, "/fachmk/"+url.PathEscape(abbrevs[id])) }
	events, err := s.conferenceDateEvents(ctx, dates, names, link)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.writeCalendar(w, r, ical.Calendar{Name: title, Stamp: s.calendarStamp(), Events: events})
}

// sessionCalendar serves the sessions of the IT-PLR (/sitzungen.ics).
func (s *Server) sessionCalendar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	council, err := s.councilBody(ctx)
	if err != nil {
		s.fail(w, r, err, "Es ist noch kein Gremium angelegt.")
		return
	}
	domain, err := s.calendarDomain(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	c := ical.Calendar{Name: "Sitzungen " + council.Of(), Stamp: s.calendarStamp()}
	events, _, err := s.sessionEvents(r, domain, council)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	c.Events = events
	s.writeCalendar(w, r, c)
}

// calendarDomain gives the right-hand side of the UID of every event the
// feeds make (ical.SessionEvent and the others): the installation's, kept
// in the database (store.CalendarDomain), so that the UIDs stay the same
// when the public address changes or a second host name serves the same
// data (RFC 5545 3.8.4.7). Before, the UID took the public address's
// host, and a changed --public-url made every subscribed calendar show
// every event twice. Made at the first feed served: the host of the
// configured public address — the UIDs an installation gave before stay
// — or, when none is configured (a loopback address, the request's own
// host), a random id.
func (s *Server) calendarDomain(ctx context.Context) (string, error) {
	return s.st.CalendarDomain(ctx, calendarDomainCandidate(s.site))
}

// calendarDomainCandidate gives the calendar domain an installation
// serving under p takes at the first feed: p's host when p is
// configured with a host of its own, else a random id under the reserved
// top-level domain .invalid (RFC 2606), which no real domain's UIDs can
// meet. A loopback or unspecified address is no host of its own: it is
// what serve takes without --public-url, and any installation has it.
func calendarDomainCandidate(p site.Public) string {
	if p.IsSet() {
		if u, err := url.Parse(p.String()); err == nil {
			host := strings.ToLower(u.Hostname())
			ip, ipErr := netip.ParseAddr(host)
			if host != "" && host != "localhost" && !strings.HasSuffix(host, ".localhost") && (ipErr != nil || !ip.IsLoopback() && !ip.IsUnspecified()) {
				return host
			}
		}
	}
	return strings.ToLower(rand.Text()) + ".gremium.invalid"
}

// CalendarSessions bounds the sessions of a calendar feed: the newest by
// date (at four sessions a year, half a century of the council's).
const CalendarSessions = 200

// sessionEvents gives the events of a body's CalendarSessions newest
// dated sessions, the lowest number first, and the sessions; each links
// the session's page (the AL-Runde's under its own address) and is
// stamped with the last change of what it carries (sessionEventColumns).
func (s *Server) sessionEvents(r *http.Request, domain string, body model.Body) ([]ical.Event, []model.Session, error) {
	sessions, err := s.st.NewestDatedSessions(r.Context(), body.ID, CalendarSessions)
	if err != nil {
		return nil, nil, err
	}
	slices.SortFunc(sessions, func(a, b model.Session) int { return a.Number - b.Number })
	events := make([]ical.Event, 0, len(sessions))
	ids := make([]int64, 0, len(sessions))
	for _, se := range sessions {
		events = append(events, ical.SessionEvent(domain, body.Abbrev, body.Name, se, s.site.URL(r, se.Path())))
		ids = append(ids, se.ID)
	}
	return events, sessions, s.stampEvents(r.Context(), events, "session", ids, sessionEventColumns...)
}
