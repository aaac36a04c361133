package model

import (
	"fmt"
	"gremium/internal/lazyre"
	"strings"
	"time"
)

// Date is a calendar date without time of day. The zero value means "not
// known" (for example the date of a session that the documents do not give).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

// ParseDate reads "2025-06-26" (ISO) or "26.06.2025" (German). The empty
// string gives the zero Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	for _, layout := range []string{"2006-01-02", "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return BerlinDate(t), nil
		}
	}
	if calendarShape.MatchString(s) {
		// Written right, but no day of the calendar ("31.02.2026").
		return Date{}, InputError("Den %s gibt es nicht; bitte den Tag prüfen.", s)
	}
	return Date{}, InputError("„%s“ ist kein gültiges Datum; bitte im Format TT.MM.JJJJ angeben.", s)
}

// calendarShape matches a date written in one of ParseDate's forms,
// whether or not the day exists.
var calendarShape = lazyre.New(`^(\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$`)

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d == Date{} }

// String gives the ISO form "2025-06-26", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// German gives the de-DE form "26.06.2025", or "" for the zero Date.
func (d Date) German() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d.%02d.%04d", d.Day, d.Month, d.Year)
}

// Time gives midnight UTC of the date.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Before reports whether d is earlier than o. Unknown dates are never before
// anything.
func (d Date) Before(o Date) bool {
	if d.IsZero() || o.IsZero() {
		return false
	}
	return d.Time().Before(o.Time())
}

// Berlin is the time zone of the sessions and deadlines (Europe/Berlin).
var Berlin = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Berlin"); err == nil {
		return l
	}
	return time.FixedZone("MEZ", 3600)
}()

// ParseBerlinTime reads a date ("2025-06-26" or "26.06.2025") and a time of
// day ("17:00") as German time (Europe/Berlin), whatever the server's zone:
// the one way deadlines are entered.
func ParseBerlinTime(date, clock string) (time.Time, error) {
	d, err := ParseDate(date)
	if err != nil || d.IsZero() {
		return time.Time{}, InputError("Bitte ein gültiges Datum angeben (TT.MM.JJJJ).")
	}
	clock = strings.TrimSpace(clock)
	if !validClock(clock) {
		return time.Time{}, InputError("Bitte eine gültige Uhrzeit angeben (HH:MM).")
	}
	var h, m int
	fmt.Sscanf(clock, "%d:%d", &h, &m)
	return time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, Berlin), nil
}

// BerlinDate gives the German calendar date of t: its date in
// Europe/Berlin, whatever the server's zone (a midnight UTC from Date.Time
// maps back to the same date). It is the one function for it; the store
// gives today's with its clock (Store.Today).
func BerlinDate(t time.Time) Date {
	y, m, d := t.In(Berlin).Date()
	return Date{y, m, d}
}

// BerlinClock gives the time of day of t in German time: "17:00".
func BerlinClock(t time.Time) string { return t.In(Berlin).Format("15:04") }

// BerlinDateTime gives t in German time as users read it: "26.06.2025,
// 17:00 Uhr".
func BerlinDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return BerlinDate(t).German() + ", " + BerlinClock(t) + " Uhr"
}

// CheckDoneOn refuses a completion date ("erledigt am") after today, at
// the form's field: what is reported done was done on a day that has come.
// The zero date is left to the check that needs one.
func CheckDoneOn(field string, done, today Date) error {
	if done.IsZero() || !today.Before(done) {
		return nil
	}
	return AtField(field, InputError("Das Datum der Erledigung %s liegt in der Zukunft (heute ist der %s); bitte das Datum angeben, an dem erledigt wurde.",
		done.German(), today.German()))
}
