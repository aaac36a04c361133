// Package ical reads and writes iCalendar (RFC 5545) files of FachMK session
// dates: the overview FITKO keeps of the conferences' upcoming sessions.
package ical

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"gremium/internal/model"
)

// Write writes the dates as an iCalendar file with all-day events; names
// maps a body id to the conference's name (used in the summary).
func Write(w io.Writer, calName string, dates []model.ConferenceDate, names map[int64]string, stamp time.Time) error {
	cal := ics.NewCalendar()
	cal.SetMethod(ics.MethodPublish)
	cal.SetProductId("-//gremium//FachMK-Termine//DE")
	cal.SetName(calName)
	cal.SetXWRCalName(calName)
	for _, d := range dates {
		e := cal.AddEvent(d.UID)
		e.SetDtStampTime(stamp)
		summary := d.Title
		if n := names[d.BodyID]; n != "" {
			if summary == "" {
				summary = n
			} else if !strings.Contains(summary, n) {
				summary = n + ": " + summary
			}
		}
		e.SetSummary(summary)
		e.SetAllDayStartAt(d.Starts.Time())
		end := d.Ends
		if end.IsZero() {
			end = d.Starts
		}
		// DTEND of an all-day event is the day after the last day.
		e.SetAllDayEndAt(end.Time().AddDate(0, 0, 1))
		if d.Place != "" {
			e.SetLocation(d.Place)
		}
	}
	return cal.SerializeTo(w)
}

// Read reads the events of an iCalendar file as conference dates (without
// body). Events without a start are refused with their summary in the error.
func Read(r io.Reader) ([]model.ConferenceDate, error) {
	cal, err := ics.ParseCalendar(r)
	if err != nil {
		return nil, fmt.Errorf("ical: %w", err)
	}
	var out []model.ConferenceDate
	for _, e := range cal.Events() {
		d := model.ConferenceDate{UID: e.Id()}
		if p := e.GetProperty(ics.ComponentPropertySummary); p != nil {
			d.Title = p.Value
		}
		if p := e.GetProperty(ics.ComponentPropertyLocation); p != nil {
			d.Place = p.Value
		}
		start, err := e.GetAllDayStartAt()
		if err != nil {
			if start, err = e.GetStartAt(); err != nil {
				return nil, fmt.Errorf("ical: event %q has no start", d.Title)
			}
		}
		d.Starts = model.DateOf(start)
		if end, err := e.GetAllDayEndAt(); err == nil {
			last := model.DateOf(end.AddDate(0, 0, -1))
			if last != d.Starts {
				d.Ends = last
			}
		} else if end, err := e.GetEndAt(); err == nil && model.DateOf(end) != d.Starts {
			d.Ends = model.DateOf(end)
		}
		out = append(out, d)
	}
	return out, nil
}
