package model

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of a conference date's fields, in characters.
const (
	ConferenceDateTitleMax = TitleMax
	ConferenceDatePlaceMax = 200
)

// Validate checks a conference date however it comes in (the form on the
// conference page, an iCalendar import, a change): the first day is
// required; the last day is not before the first; times
// are "HH:MM", an end time needs a start time, and on a date of one day
// the end time lies after the start time (18:00 to 09:00 was stored and
// shown as "18:00 Uhr bis 09:00 Uhr", and its feed lost the end). The
// reasons name the form's fields (titel, beginn, ende, von, bis, ort); a
// date that breaks several rules gives every reason (errors.Join), at
// most one per field.
func (d ConferenceDate) Validate() error {
	var errs []error
	refuse := func(field string, err error) { errs = append(errs, AtField(field, err)) }
	if utf8.RuneCountInString(d.Title) > ConferenceDateTitleMax {
		refuse("titel", InputError("Die Bezeichnung ist länger als %d Zeichen.", ConferenceDateTitleMax))
	}
	if utf8.RuneCountInString(d.Place) > ConferenceDatePlaceMax {
		refuse("ort", InputError("Der Ort ist länger als %d Zeichen.", ConferenceDatePlaceMax))
	}
	// The dates are public (the conference's page, its calendar feed).
	if err := PublicOnly(d.Title, "Die Bezeichnung"); err != nil {
		refuse("titel", err)
	}
	if err := PublicOnly(d.Place, "Der Ort"); err != nil {
		refuse("ort", err)
	}
	if d.Starts.IsZero() {
		refuse("beginn", InputError("Bitte das Datum der Sitzung angeben."))
	}
	if !d.Ends.IsZero() && d.Ends.Before(d.Starts) {
		refuse("ende", InputError("Das Ende liegt vor dem Beginn."))
	}
	from, fromOK := clockOf(d.StartTime)
	to, toOK := clockOf(d.EndTime)
	if !fromOK {
		refuse("von", InputError("Bitte die Uhrzeit im Format HH:MM angeben, z. B. 09:30."))
	}
	oneDay := d.Ends.IsZero() || d.Ends == d.Starts
	switch {
	case !toOK:
		refuse("bis", InputError("Bitte die Uhrzeit im Format HH:MM angeben, z. B. 09:30."))
	case d.EndTime == "":
	case d.StartTime == "":
		refuse("bis", InputError("Eine Endzeit braucht eine Anfangszeit."))
	case fromOK && oneDay && !to.After(from):
		refuse("bis", InputError("Die Endzeit %s Uhr liegt nicht nach der Anfangszeit %s Uhr; dauert die Sitzung bis zum nächsten Tag, bitte auch das Ende (Datum) angeben.", d.EndTime, d.StartTime))
	}
	return errors.Join(errs...)
}

// LastDay gives the last day of the date: its end, or its first day for
// a date of one day.
func (d ConferenceDate) LastDay() Date {
	if d.Ends.IsZero() {
		return d.Starts
	}
	return d.Ends
}

// Days gives the days of the date as a list line reads them: one date for
// a date of one day ("10.03.2027"), its first and last for more
// ("10.03.2027 bis 11.03.2027"). A one-day date stored with its end on its
// first day (the form's "Ende" filled in with the same day) is one day:
// before, the dossier and "Mein Bereich" listed it as "10.03.2027 bis
// 10.03.2027".
func (d ConferenceDate) Days() string {
	if last := d.LastDay(); last != d.Starts {
		return d.Starts.German() + " bis " + last.German()
	}
	return d.Starts.German()
}

// Period gives when the date is, as the phrase of a sentence "… tagt …":
// "am 10.12.2026", "am 10.12.2026, 09:30 bis 16:00 Uhr", "am 10.12.2026
// ab 09:30 Uhr", "vom 10.12.2026 bis 11.12.2026", "vom 10.12.2026, 10:00
// Uhr, bis 11.12.2026, 13:00 Uhr" — the days with the times known (the end
// time is on the last day). The place is not part of it: "Telefon" or
// "Videokonferenz" read wrong after "in" (Place says it apart).
func (d ConferenceDate) Period() string {
	if d.Starts.IsZero() {
		return ""
	}
	if last := d.LastDay(); last != d.Starts {
		from, to := d.Starts.German(), last.German()
		if d.StartTime != "" {
			from += ", " + d.StartTime + " Uhr,"
		}
		if d.EndTime != "" {
			to += ", " + d.EndTime + " Uhr"
		}
		return "vom " + from + " bis " + to
	}
	day := "am " + d.Starts.German()
	switch {
	case d.StartTime != "" && d.EndTime != "":
		return day + ", " + d.StartTime + " bis " + d.EndTime + " Uhr"
	case d.StartTime != "":
		return day + " ab " + d.StartTime + " Uhr"
	}
	return day
}

// clockOf reads a time of day "HH:MM"; the empty string is none (ok).
func clockOf(s string) (time.Time, bool) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, true
	}
	t, err := time.Parse("15:04", strings.TrimSpace(s))
	return t, err == nil
}
