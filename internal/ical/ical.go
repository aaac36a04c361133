// Package ical reads and writes iCalendar (RFC 5545): the feeds of the
// IT-PLR's sessions and of the FachMK dates (the overview FITKO keeps of the
// conferences' upcoming sessions), the personal feed, and the import of
// FachMK dates from .ics files.
//
// Write is hand-written to keep the letter of the RFC that calendar clients
// rely on: CRLF line ends (3.1), lines folded at 75 octets without splitting
// a UTF-8 sequence (3.1), TEXT escaping of backslash, ";", "," and every
// line break including a bare CR (3.3.11), DTSTAMP on every event (3.6.1),
// timed events in TZID=Europe/Berlin with the VTIMEZONE that defines it
// (3.2.19, 3.6.5), all-day events as VALUE=DATE with the exclusive end
// (3.6.1). Reading uses github.com/arran4/golang-ical.
package ical

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"gremium/internal/model"
)

// Event is one VEVENT: either all day (Date set, Time zero) or timed.
type Event struct {
	// UID names the event for ever (RFC 5545 3.8.4.7); a feed gives the
	// same event the same UID on every request.
	UID      string
	Summary  string
	Location string
	// Description is plain text; line breaks are kept.
	Description string
	// URL is the absolute address of the event's page.
	URL string
	// Start and End of a timed event (End may be zero: no DTEND).
	Start, End time.Time
	// FirstDay and LastDay of an all-day event (LastDay inclusive; zero
	// for a one-day event). Used when Start is zero.
	FirstDay, LastDay model.Date
	// Cancelled marks a cancelled event (STATUS:CANCELLED, RFC 5545
	// 3.8.1.11); it stays in the feed so that clients remove or strike it.
	Cancelled bool
	// Sequence is the revision of the event (SEQUENCE, RFC 5545 3.8.7.4):
	// raised by every change of its date, time or place and by a
	// cancellation, so that clients replace their copy. 0 is not written.
	Sequence int
	// Free marks an event that does not block time (TRANSP:TRANSPARENT,
	// RFC 5545 3.8.2.7), such as a deadline.
	Free bool
	// Alarm, if set, is a reminder of the event (a VALARM, RFC 5545
	// 3.6.6).
	Alarm *Alarm
	// Stamp is when the information the event carries was last revised
	// in gremium (the store's record of the object's last change that
	// reaches the event): its DTSTAMP and LAST-MODIFIED (RFC 5545
	// 3.8.7.2, 3.8.7.3), so that a client sees which event changed and
	// when, and the feed stays the same bytes until one does. Zero: the
	// calendar's Stamp, and no LAST-MODIFIED.
	Stamp time.Time
}

// Alarm is a reminder shown Before the start of its event (for an all-day
// event: before midnight of its first day) with Text (ACTION:DISPLAY).
type Alarm struct {
	Before time.Duration
	Text   string
}

// Timed says whether the event has a time of day.
func (e Event) Timed() bool { return !e.Start.IsZero() }

// Calendar is one VCALENDAR.
type Calendar struct {
	// Name is shown by clients as the calendar's name (NAME, RFC 7986,
	// and X-WR-CALNAME).
	Name string
	// Stamp is the DTSTAMP of an event without a Stamp of its own (one
	// whose last change the store does not tell); each event's own is
	// its last change.
	Stamp  time.Time
	Events []Event
}

// ProdID identifies gremium as the producer (RFC 5545 3.7.3).
const ProdID = "-//gremium//gremium//DE"

// TZID is the time zone of every timed event.
const TZID = "Europe/Berlin"

// vtimezone defines Europe/Berlin with the EU rules (last Sunday of March
// and October) in force since 1996.
var vtimezone = []string{
	"BEGIN:VTIMEZONE",
	"TZID:Europe/Berlin",
	"X-LIC-LOCATION:Europe/Berlin",
	"BEGIN:DAYLIGHT",
	"TZOFFSETFROM:+0100",
	"TZOFFSETTO:+0200",
	"TZNAME:CEST",
	"DTSTART:19700329T020000",
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
	"END:DAYLIGHT",
	"BEGIN:STANDARD",
	"TZOFFSETFROM:+0200",
	"TZOFFSETTO:+0100",
	"TZNAME:CET",
	"DTSTART:19701025T030000",
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
	"END:STANDARD",
	"END:VTIMEZONE",
}

// Write writes the calendar as an iCalendar stream.
func Write(w io.Writer, c Calendar) error {
	bw := bufio.NewWriter(w)
	line := func(s string) { writeFolded(bw, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:" + ProdID)
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	if c.Name != "" {
		line("NAME:" + EscapeText(c.Name))
		line("X-WR-CALNAME:" + EscapeText(c.Name))
	}
	timed := false
	for _, e := range c.Events {
		timed = timed || e.Timed()
	}
	if timed {
		line("X-WR-TIMEZONE:" + TZID)
		for _, l := range vtimezone {
			line(l)
		}
	}
	for _, e := range c.Events {
		line("BEGIN:VEVENT")
		line("UID:" + EscapeText(e.UID))
		if e.Stamp.IsZero() {
			line("DTSTAMP:" + utcValue(c.Stamp))
		} else {
			line("DTSTAMP:" + utcValue(e.Stamp))
			line("LAST-MODIFIED:" + utcValue(e.Stamp))
		}
		if e.Sequence > 0 {
			line(fmt.Sprintf("SEQUENCE:%d", e.Sequence))
		}
		if e.Timed() {
			line("DTSTART;TZID=" + TZID + ":" + localTime(e.Start))
			if !e.End.IsZero() && e.End.After(e.Start) {
				line("DTEND;TZID=" + TZID + ":" + localTime(e.End))
			}
		} else {
			last := e.LastDay
			if last.IsZero() || last.Before(e.FirstDay) {
				last = e.FirstDay
			}
			line("DTSTART;VALUE=DATE:" + dateValue(e.FirstDay))
			// DTEND of an all-day event is the day after the last day.
			line("DTEND;VALUE=DATE:" + dateValue(model.BerlinDate(last.Time().AddDate(0, 0, 1))))
		}
		line("SUMMARY:" + EscapeText(e.Summary))
		if e.Location != "" {
			line("LOCATION:" + EscapeText(e.Location))
		}
		if e.Description != "" {
			line("DESCRIPTION:" + EscapeText(e.Description))
		}
		if e.URL != "" {
			line("URL:" + e.URL)
		}
		if e.Cancelled {
			line("STATUS:CANCELLED")
		}
		if e.Cancelled || e.Free {
			line("TRANSP:TRANSPARENT")
		} else {
			line("TRANSP:OPAQUE")
		}
		if a := e.Alarm; a != nil && !e.Cancelled {
			line("BEGIN:VALARM")
			line("ACTION:DISPLAY")
			line("TRIGGER;RELATED=START:" + beforeValue(a.Before))
			line("DESCRIPTION:" + EscapeText(cmp.Or(a.Text, e.Summary)))
			line("END:VALARM")
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return bw.Flush()
}

// beforeValue writes a duration before the start as a negative DURATION
// value (RFC 5545 3.3.6): 2 days 15 hours is "-P2DT15H".
func beforeValue(d time.Duration) string {
	d = d.Abs().Truncate(time.Minute)
	days, rest := int(d/(24*time.Hour)), d%(24*time.Hour)
	v := "-P"
	if days > 0 {
		v += fmt.Sprintf("%dD", days)
	}
	if rest > 0 || days == 0 {
		v += "T"
		if h := int(rest / time.Hour); h > 0 {
			v += fmt.Sprintf("%dH", h)
		}
		if m := int(rest % time.Hour / time.Minute); m > 0 || rest == 0 {
			v += fmt.Sprintf("%dM", m)
		}
	}
	return v
}

// utcValue writes a time as a DATE-TIME in UTC (RFC 5545 3.3.5, form 2),
// as DTSTAMP and LAST-MODIFIED must be.
func utcValue(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

func localTime(t time.Time) string { return t.In(model.Berlin).Format("20060102T150405") }

func dateValue(d model.Date) string { return fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day) }

// EscapeText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon,
// comma, and every line break — CRLF, LF and a bare CR — as \n. Other
// control characters, which TEXT does not allow, are dropped.
func EscapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c == ';':
			b.WriteString(`\;`)
		case c == ',':
			b.WriteString(`\,`)
		case c == '\r':
			b.WriteString(`\n`)
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			// not allowed in TEXT
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// MaxLine is the longest content line in octets, without the CRLF (RFC
// 5545 3.1).
const MaxLine = 75

// writeFolded writes one content line, folded into lines of at most
// MaxLine octets (a continuation line starts with a space, which counts),
// never inside a UTF-8 sequence, each ended by CRLF.
func writeFolded(w *bufio.Writer, s string) {
	limit := MaxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = MaxLine - 1
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}

// ConferenceEvents gives the events of FachMK dates; names maps a body id
// to the conference's name (used in the summary), link gives the page of a
// body id.
func ConferenceEvents(dates []model.ConferenceDate, names map[int64]string, link func(bodyID int64) string) []Event {
	out := make([]Event, 0, len(dates))
	for _, d := range dates {
		summary := d.Title
		if n := names[d.BodyID]; n != "" {
			if summary == "" {
				summary = n
			} else if !strings.Contains(summary, n) {
				summary = n + ": " + summary
			}
		}
		e := Event{UID: d.UID, Summary: summary, Location: d.Place, FirstDay: d.Starts, LastDay: d.Ends, Sequence: d.Sequence}
		if link != nil {
			e.URL = link(d.BodyID)
		}
		if start, ok := clock(d.Starts, d.StartTime); ok {
			e.Start = start
			last := d.Ends
			if last.IsZero() {
				last = d.Starts
			}
			if end, ok := clock(last, d.EndTime); ok {
				e.End = end
			}
		}
		out = append(out, e)
	}
	return out
}

// clock gives the Berlin time of a date at "HH:MM".
func clock(d model.Date, hhmm string) (time.Time, bool) {
	if d.IsZero() || hhmm == "" {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", d.String()+" "+hhmm, model.Berlin)
	return t, err == nil
}

// SessionEvent gives the event of a session of a body ("47. Sitzung des
// IT-Planungsrats"): timed when its times are known, else all day. The UID
// is built from the body and the session number, which never change, and
// domain, the installation's calendar domain (store.CalendarDomain: the
// same whatever public address serves the feed — before, the public
// address's host, and a changed address made every event new).
func SessionEvent(domain, bodyAbbrev, bodyName string, se model.Session, url string) Event {
	summary := fmt.Sprintf("%d. Sitzung %s", se.Number, model.Body{Name: bodyName}.Of())
	if se.BodySlug != "" {
		// A body with pages of its own (the AL-Runde) is named by its
		// short name, whose long one does not decline: "40. AL-Runde".
		summary = se.Title()
	}
	e := Event{UID: fmt.Sprintf("sitzung-%s-%d@%s", strings.ToLower(bodyAbbrev), se.Number, domain),
		Summary: summary, Location: se.Place, URL: url,
		FirstDay: se.Date, Cancelled: se.Cancelled(), Sequence: se.Schedule.Sequence}
	// The reasons are public (model.CheckScheduleReason refuses marks).
	switch {
	case se.Cancelled():
		e.Summary = "Abgesagt: " + e.Summary
		e.Description = "Die Sitzung ist abgesagt. Grund: " + model.PublicText(se.Schedule.CancelledReason)
	case !se.Schedule.PreviousDate.IsZero():
		e.Description = "Verlegt vom " + se.Schedule.FormerDates() + ". Grund: " + model.PublicText(se.Schedule.ChangeNote)
	case se.Schedule.ChangeNote != "":
		e.Description = "Zeit geändert. Grund: " + model.PublicText(se.Schedule.ChangeNote)
	}
	if start, ok := clock(se.Date, se.StartTime); ok {
		e.Start = start
		if end, ok := clock(se.Date, se.EndTime); ok {
			e.End = end
		}
	}
	return e
}

// DeadlineEvent gives the all-day event of a deadline on a date, such as a
// follow-up (Auftrag) due then. The personal feed of a user combines these
// with SessionEvent and ConferenceEvents in one Calendar and writes it with
// Write.
func DeadlineEvent(uid, summary string, due model.Date, url string) Event {
	return Event{UID: uid, Summary: summary, FirstDay: due, URL: url}
}

// RegistrationReminder is when the reminder of a registration deadline
// (Anmeldeschluss) shows: at 09:00 three days before the last day.
const RegistrationReminder = 2*24*time.Hour + 15*time.Hour

// RegistrationDeadlineEvent gives the all-day event of a session's
// registration deadline (Anmeldeschluss), the last day on which members
// register agenda items in time: "Anmeldeschluss: 48. Sitzung des
// IT-Planungsrats", free time, with a reminder (RegistrationReminder) and
// the address of the registration form. Its UID, like the session's, is
// built from the body and the session number; a cancelled session's
// deadline is cancelled with it. Its SEQUENCE is the deadlines'
// (model.SessionSchedule.DeadlineSequence): raised with the session's and
// by a move of the deadline alone, which leaves the session's own.
func RegistrationDeadlineEvent(domain, bodyAbbrev, bodyName string, se model.Session, url string) Event {
	session := fmt.Sprintf("%d. Sitzung %s", se.Number, model.Body{Name: bodyName}.Of())
	desc := "Letzter Tag, um Tagesordnungspunkte zur " + session
	if !se.Date.IsZero() {
		desc += " am " + se.Date.German()
	}
	desc += " anzumelden; spätere Anmeldungen gelten als verspätet."
	e := Event{UID: fmt.Sprintf("anmeldeschluss-%s-%d@%s", strings.ToLower(bodyAbbrev), se.Number, domain),
		Summary: "Anmeldeschluss: " + session, Description: desc, URL: url, FirstDay: se.RegistrationDeadline,
		Free: true, Cancelled: se.Cancelled(), Sequence: se.Schedule.DeadlineSequence(),
		Alarm: &Alarm{Before: RegistrationReminder, Text: "Anmeldeschluss am " + se.RegistrationDeadline.German() + ": " + session}}
	if se.Cancelled() {
		e.Summary = "Abgesagt: " + e.Summary
	}
	return e
}

// DocumentDeadlineEvent gives the all-day event of the document deadline
// (Unterlagenfrist) of a preparatory session (the AL-Runde): the last day
// on which the documents of its agenda items are due, free time, with a
// reminder as for a registration deadline, cancelled with the session;
// SEQUENCE as RegistrationDeadlineEvent's.
func DocumentDeadlineEvent(domain, bodyAbbrev string, se model.Session, due model.Date, url string) Event {
	e := Event{UID: fmt.Sprintf("unterlagen-%s-%d@%s", strings.ToLower(bodyAbbrev), se.Number, domain),
		Summary: "Unterlagenfrist: " + se.Title(), URL: url, FirstDay: due, Free: true,
		Description: "Letzter Tag, um die Unterlagen zur " + se.Title() + " am " + se.Date.German() + " einzureichen.",
		Cancelled:   se.Cancelled(), Sequence: se.Schedule.DeadlineSequence(),
		Alarm: &Alarm{Before: RegistrationReminder, Text: "Unterlagenfrist am " + due.German() + ": " + se.Title()}}
	if se.Cancelled() {
		e.Summary = "Abgesagt: " + e.Summary
	}
	return e
}

// ReportDeadlineEvent gives the all-day event of the deadline of the
// spokespersons' reports under "Reporting FachMK" for a session
// (model.ReportDeadline): "Frist Bericht Reporting FachMK: 49. Sitzung
// des IT-Planungsrats", naming the conferences the spokesperson reports
// on, free time, with a reminder as for a registration deadline, linking
// the reports page; cancelled with the session. Its UID is built from the
// body and the session number.
func ReportDeadlineEvent(domain, bodyAbbrev, bodyName string, se model.Session, conferences []string, url string) Event {
	session := fmt.Sprintf("%d. Sitzung %s", se.Number, model.Body{Name: bodyName}.Of())
	due := model.ReportDeadline(se)
	e := Event{UID: fmt.Sprintf("bericht-%s-%d@%s", strings.ToLower(bodyAbbrev), se.Number, domain),
		Summary: "Frist Bericht Reporting FachMK: " + session, URL: url, FirstDay: due, Free: true,
		Description: "Letzter Tag, um die Berichte unter „Reporting FachMK“ zur " + session + " am " + se.Date.German() + " einzutragen: " + strings.Join(conferences, ", ") + ".",
		Cancelled:   se.Cancelled(), Sequence: se.Schedule.Sequence,
		Alarm: &Alarm{Before: RegistrationReminder, Text: "Frist Bericht Reporting FachMK am " + due.German() + ": " + session}}
	if se.Cancelled() {
		e.Summary = "Abgesagt: " + e.Summary
	}
	return e
}

// DebriefEvent gives the event of a debrief (Nachbesprechung) in which the
// member of a personal feed presents decisions to the FachMK secretariats:
// "Vorstellung in der Nachbesprechung der 47. Sitzung des
// IT-Planungsrats", timed when the debrief's times are set, else all day,
// at its place, the description listing what the member presents (one
// line each, public text: "B-2025/27-IT „Titel“ für die
// Finanzministerkonferenz"). session is the debriefed session as a
// heading ("47. Sitzung des IT-Planungsrats"); the UID is built from the
// body and the session number, which never change (a session has one
// debrief), and SEQUENCE is the debrief's version, raised by every save.
// The video conference's address stays out: feeds are often kept by
// other services.
func DebriefEvent(domain, bodyAbbrev string, sessionNumber int, session string, d model.Debrief, presents []string, url string) Event {
	e := DebriefInvitationEvent(domain, bodyAbbrev, sessionNumber, session, d, url)
	e.Summary = "Vorstellung in der Nachbesprechung der " + session
	e.Description = "Ihr Mitglied stellt den Geschäftsstellen der Fachministerkonferenzen vor:\n" + strings.Join(presents, "\n")
	if e.Cancelled {
		e.Summary, e.Description = debriefCalledOff+e.Summary, debriefCalledOffText
	}
	return e
}

// debriefCalledOff heads the summary of a debrief noted as not needed
// ("Nachbesprechung entfällt"), debriefCalledOffText is its description:
// the reason stays out, it is the secretariat's own
// (model.DebriefWaiver.Public).
const (
	debriefCalledOff     = "Entfällt: "
	debriefCalledOffText = "Die Nachbesprechung entfällt."
)

// DebriefInvitationEvent is the debrief d of a session as an event for
// those invited to it who present nothing (a spokesperson of a FachMK):
// "Nachbesprechung der 47. Sitzung des IT-Planungsrats", at its place
// and time, with the same UID as DebriefEvent (one event per debrief
// whichever of the two a feed gives). A debrief noted as not needed
// ("Nachbesprechung entfällt", model.DebriefWaiver) is cancelled
// (STATUS:CANCELLED), so that calendars that had it strike it; its
// SEQUENCE, the debrief's version, rose with the note.
func DebriefInvitationEvent(domain, bodyAbbrev string, sessionNumber int, session string, d model.Debrief, url string) Event {
	e := Event{UID: fmt.Sprintf("nachbesprechung-%s-%d@%s", strings.ToLower(bodyAbbrev), sessionNumber, domain),
		Summary: "Nachbesprechung der " + session, Location: model.PublicText(d.Place), URL: url,
		FirstDay: d.HeldOn, Sequence: d.Version, Cancelled: d.Waiver.Set()}
	if e.Cancelled {
		e.Summary, e.Description = debriefCalledOff+e.Summary, debriefCalledOffText
	} else if d.Link != "" {
		// Where one joins, as the invitation says it (before: the
		// calendar, where people join from, had the place only).
		e.Description = "Zur Teilnahme: " + d.Link
	}
	if start, ok := clock(d.HeldOn, d.StartTime); ok {
		e.Start = start
		if end, ok := clock(d.HeldOn, d.EndTime); ok {
			e.End = end
		}
	}
	return e
}

// Imported is what Read finds in an iCalendar file: the events to
// publish as conference dates, and those the file says must not be
// (anymore). Every date a conference has is public (its page, the
// calendar feeds, OParl), so an event the calendar program marks private
// or confidential (CLASS other than PUBLIC, RFC 5545 3.8.1.3: an export
// of a whole calendar carries them) is Withheld, and a cancelled one
// (STATUS:CANCELLED, 3.8.1.11) is Cancelled; the import stores neither,
// and removes a date of the same UID it had published before.
type Imported struct {
	Dates     []model.ConferenceDate
	Withheld  []model.ConferenceDate
	Cancelled []model.ConferenceDate
}

// Gone gives the UIDs of the events that must not be published: the
// withheld and the cancelled ones.
func (im Imported) Gone() []string {
	var out []string
	for _, d := range append(slices.Clip(im.Withheld), im.Cancelled...) {
		if d.UID != "" {
			out = append(out, d.UID)
		}
	}
	return out
}

// Read reads the events of an iCalendar file as conference dates (without
// body), sorted into those to publish and those withheld or cancelled
// (Imported). Timed events keep their times (in Europe/Berlin); events
// without a start are refused with their summary in the error. The dates
// are as the file gives them: whether they may be stored (an end before
// the start, a title too long) is model.ConferenceDate.Validate's to say,
// which the store's import applies.
func Read(r io.Reader) (Imported, error) {
	cal, err := ics.ParseCalendar(r)
	if err != nil {
		return Imported{}, fmt.Errorf("ical: %w", err)
	}
	var out Imported
	for _, e := range cal.Events() {
		d := model.ConferenceDate{UID: cleanText(e.Id())}
		if p := e.GetProperty(ics.ComponentPropertySummary); p != nil {
			d.Title = cleanText(p.Value)
		}
		if p := e.GetProperty(ics.ComponentPropertyLocation); p != nil {
			d.Place = cleanText(p.Value)
		}
		p := e.GetProperty(ics.ComponentPropertyDtStart)
		if p == nil {
			return Imported{}, fmt.Errorf("ical: event %q has no start", d.Title)
		}
		if allDay(p) {
			start, err := e.GetAllDayStartAt()
			if err != nil {
				return Imported{}, fmt.Errorf("ical: event %q: start: %w", d.Title, err)
			}
			d.Starts = model.BerlinDate(start)
			if end, err := e.GetAllDayEndAt(); err == nil {
				// DTEND of an all-day event is exclusive; one equal to
				// DTSTART is read as one day. An end before the start
				// is kept, for the import to refuse by the date's rules
				// (before, it was dropped without a word).
				if last := model.BerlinDate(end.AddDate(0, 0, -1)); last != d.Starts && model.BerlinDate(end) != d.Starts {
					d.Ends = last
				}
			}
		} else {
			floatingInBerlin(p)
			if q := e.GetProperty(ics.ComponentPropertyDtEnd); q != nil {
				floatingInBerlin(q)
			}
			start, err := e.GetStartAt()
			if err != nil {
				return Imported{}, fmt.Errorf("ical: event %q: start: %w", d.Title, err)
			}
			start = start.In(model.Berlin)
			d.Starts, d.StartTime = model.BerlinDate(start), start.Format("15:04")
			// An end at the start is none; one before the start is kept,
			// for the import to refuse (see above).
			if end, err := e.GetEndAt(); err == nil && !end.Equal(start) {
				end = end.In(model.Berlin)
				d.EndTime = end.Format("15:04")
				if last := model.BerlinDate(end); last != d.Starts {
					d.Ends = last
				}
			}
		}
		switch {
		case !public(e):
			out.Withheld = append(out.Withheld, d)
		case propertyIs(e, ics.ComponentPropertyStatus, "CANCELLED"):
			out.Cancelled = append(out.Cancelled, d)
		default:
			out.Dates = append(out.Dates, d)
		}
	}
	return out, nil
}

// public says whether an event may be published: its CLASS is PUBLIC,
// which is also what an event without CLASS is (RFC 5545 3.8.1.3).
// PRIVATE, CONFIDENTIAL and any other value (x-name, iana-token) are not.
func public(e *ics.VEvent) bool {
	p := e.GetProperty(ics.ComponentPropertyClass)
	return p == nil || strings.EqualFold(strings.TrimSpace(p.Value), "PUBLIC")
}

// propertyIs says whether the event's property has the value (in any
// case, as RFC 5545's values are case-insensitive).
func propertyIs(e *ics.VEvent, prop ics.ComponentProperty, value string) bool {
	p := e.GetProperty(prop)
	return p != nil && strings.EqualFold(strings.TrimSpace(p.Value), value)
}

// cleanText gives a text as gremium keeps it: line breaks as LF, no other
// control characters (TEXT allows none but HTAB).
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// floatingInBerlin reads a floating time (no TZID, no Z) as German time,
// not as the server's zone.
func floatingInBerlin(p *ics.IANAProperty) {
	if _, ok := p.ICalParameters["TZID"]; !ok && !strings.HasSuffix(strings.TrimSpace(p.Value), "Z") {
		if p.ICalParameters == nil {
			p.ICalParameters = map[string][]string{}
		}
		p.ICalParameters["TZID"] = []string{TZID}
	}
}

// allDay says whether a DTSTART is a DATE (VALUE=DATE or eight digits).
func allDay(p *ics.IANAProperty) bool {
	if v := p.ICalParameters["VALUE"]; len(v) > 0 && strings.EqualFold(v[0], "DATE") {
		return true
	}
	return len(strings.TrimSpace(p.Value)) == 8
}
