package model

import "time"

// SessionEnd gives the moment a session ended, which bounds the written
// procedures its minutes list ("Umlaufverfahren seit der letzten
// Sitzung"): ended, the moment the secretariat ended it in gremium, when
// recorded; otherwise its date with the end time its minutes record
// ("Zeitlicher Ablauf: 09:00 – 12:15 Uhr"), in German time; otherwise, with
// the date alone, the end of that day. Zero for a session without a date.
func SessionEnd(date Date, endTime string, ended time.Time) time.Time {
	if !ended.IsZero() {
		return ended
	}
	if date.IsZero() {
		return time.Time{}
	}
	if t, err := ParseBerlinTime(date.String(), endTime); err == nil {
		return t
	}
	return time.Date(date.Year, date.Month, date.Day+1, 0, 0, 0, 0, Berlin)
}
