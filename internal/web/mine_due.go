package web

// "Was ansteht" on "Mein Bereich" of the FachMK collaboration: what is due
// for a FachMK secretariat or a spokesperson, each with its date, overdue
// first, then nearest first. The page linked the dates instead (the
// conference page and its calendar file, the debrief without its date,
// the personal calendar).

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"gremium/internal/model"
	"gremium/internal/store"
)

// myDue is one thing due on a day: a date of a session, a deadline.
type myDue struct {
	On   model.Date
	What string
	URL  string // "" if it has no page the reader may open
	// Overdue marks a thing that was due on On, a day passed, and is not
	// done: it stays in the list, before the coming ones.
	Overdue bool
}

// maxMyDue bounds the list "Was ansteht"; the calendar and the pages
// linked have the rest.
const maxMyDue = 8

// dueFrom gives the overdue items, oldest first, then the items due on or
// after from, nearest first (items of one day in the order given), at
// most maxMyDue, and whether more follow. The items are all there are:
// a source cut before the merge drops a near item for a later one of
// another source.
func dueFrom(items []myDue, from model.Date) ([]myDue, bool) {
	items = slices.DeleteFunc(items, func(x myDue) bool { return x.On.IsZero() || x.On.Before(from) && !x.Overdue })
	slices.SortStableFunc(items, func(a, b myDue) int {
		if a.Overdue != b.Overdue {
			if a.Overdue {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.On.String(), b.On.String())
	})
	return items[:min(len(items), maxMyDue)], len(items) > maxMyDue
}

// conferenceDue gives the coming dates of a FachMK as items due.
func conferenceDue(b model.Body, dates []model.ConferenceDate) []myDue {
	var out []myDue
	for _, cd := range dates {
		what := "Sitzung " + b.Of()
		if cd.Title != "" && cd.Title != b.Name && cd.Title != b.Abbrev {
			what += ": " + cd.Title
		}
		if last := cd.LastDay(); last != cd.Starts {
			what += " (bis " + last.German() + ")"
		}
		if cd.Place != "" {
			what += ", " + cd.Place
		}
		out = append(out, myDue{On: cd.Starts, What: what, URL: "/fachmk/" + b.Abbrev})
	}
	return out
}

// nextCouncilSession gives the council's next planned or convened session
// (ok false if there is none).
func (s *Server) nextCouncilSession(ctx context.Context, council model.Body) (se model.Session, ok bool, err error) {
	all, err := s.st.ComingSessions(ctx, council.ID)
	if err != nil {
		return se, false, err
	}
	for _, c := range all {
		if (c.Status == model.StatusPlanned || c.Status == model.StatusConvened) && !c.Cancelled() && (!ok || c.Number < se.Number) {
			se, ok = c, true
		}
	}
	return se, ok, nil
}

// myConferenceDue fills "Was ansteht" of a FachMK secretariat: its own
// coming session dates, the debriefs it is invited to, the council's next
// session and the day registrations for it close (a request that is to
// reach its agenda comes before: "… ein Anliegen, das auf deren
// Tagesordnung soll, …" — the lower-case "ihre" read as a slip for the
// reader's "Ihre").
func (s *Server) myConferenceDue(ctx context.Context, d *myData) error {
	dates, err := s.st.ConferenceDates(ctx, d.OwnConference.ID, s.today())
	if err != nil {
		return err
	}
	due := conferenceDue(d.OwnConference, dates)
	for _, in := range d.Invitations {
		due = append(due, myDue{On: in.Debrief.HeldOn, What: "Nachbesprechung der " + in.Session.Title() + suffix(", ", in.Debrief.Place),
			URL: fmt.Sprintf("/sitzungen/%d/nachbesprechung", in.Session.Number)})
	}
	d.DueMoreURL = "/fachmk/" + d.OwnConference.Abbrev + "#termine"
	council, err := s.councilBody(ctx)
	if model.ClassOf(err) == model.ErrNotFound {
		d.Due, d.DueMore = dueFrom(due, s.today())
		return nil
	}
	if err != nil {
		return err
	}
	se, ok, err := s.nextCouncilSession(ctx, council)
	if err != nil {
		return err
	}
	if ok {
		due = append(due, myDue{On: se.Date, What: se.Title() + " " + council.Of(), URL: se.Path()},
			myDue{On: se.RegistrationDeadline, What: "Anmeldeschluss für Tagesordnungspunkte der " + se.Title() + ": ein Anliegen, das auf deren Tagesordnung soll, bis dahin einreichen", URL: "/anliegen"})
	}
	d.Due, d.DueMore = dueFrom(due, s.today())
	return nil
}

// mySpokespersonDue fills "Was ansteht" of a spokesperson: the council's
// next session and the day its reports for "Reporting FachMK" are due,
// the debrief of the last session, the coming dates of the spokesperson's
// conferences and the kick-off talks not yet held.
func (s *Server) mySpokespersonDue(ctx context.Context, council model.Body, d *myData) error {
	var due []myDue
	if se := d.Collab.NextSession; se.ID != 0 {
		due = append(due, myDue{On: se.Date, What: se.Title() + " " + council.Of(), URL: se.Path()},
			myDue{On: d.Collab.Deadline, What: "Berichte für „Reporting FachMK“ der " + se.Title() + " eintragen", URL: fmt.Sprintf("/sitzungen/%d/reporting-fachmk", se.Number)})
	}
	if d.LastSession > 0 && len(d.Conferences) > 0 {
		se, err := s.st.SessionByNumber(ctx, council.ID, d.LastSession)
		if err != nil {
			return err
		}
		db, err := s.st.DebriefOfSession(ctx, se.ID)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		// A debrief noted as not needed ("Nachbesprechung entfällt")
		// does not take place.
		if err == nil && !db.Waiver.Set() {
			due = append(due, myDue{On: db.HeldOn, What: "Nachbesprechung der " + se.Title() + suffix(", ", db.Place),
				URL: fmt.Sprintf("/sitzungen/%d/nachbesprechung", se.Number)})
		}
	}
	for _, c := range d.Conferences {
		due = append(due, conferenceDue(c.Body, c.Coming)...)
		// The kick-off talk not yet held, by the session it is due by;
		// an overdue one stands first, with the day it was due by
		// (before, dated today as if due today). One whose due session
		// the recorded sessions do not tell has no day here (the card
		// says so): before, the second recorded session after the start
		// stood here as the day it was overdue since.
		if k := c.Kickoff; k != nil && !k.Held && k.Scheduled() {
			item := myDue{On: k.DueDay(), What: "Auftaktgespräch mit " + c.Body.Dative() + " führen (fällig bis zur " + k.Due.Title() + ")",
				URL: "/fachmk/" + c.Body.Abbrev + "#gespraeche"}
			if k.Late() {
				item.Overdue, item.What = true, "Auftaktgespräch mit "+c.Body.Dative()+" führen ("+k.Label()+")"
			}
			due = append(due, item)
		}
	}
	d.Due, d.DueMore = dueFrom(due, s.today())
	d.DueMoreURL = "/fachmk/termine"
	return nil
}

// suffix gives sep and s, or "" when s is empty.
func suffix(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}
