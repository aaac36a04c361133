package model

import (
	"strings"
	"testing"
)

// TestConferenceDateValidate: the rules of a conference date, which the
// form, the iCalendar import and the store share; the end time of a date
// of one day lies after its start time (18:00 to 09:00 was stored).
func TestConferenceDateValidate(t *testing.T) {
	day := NewDate(2027, 2, 10)
	for _, tc := range []struct {
		name string
		d    ConferenceDate
		want map[string]string // field: a part of its reason; none: valid
	}{
		{"all day", ConferenceDate{Starts: day}, nil},
		{"timed", ConferenceDate{Starts: day, StartTime: "09:00", EndTime: "16:00"}, nil},
		{"start only", ConferenceDate{Starts: day, StartTime: "09:00"}, nil},
		{"over midnight", ConferenceDate{Starts: day, Ends: NewDate(2027, 2, 11), StartTime: "18:00", EndTime: "09:00"}, nil},
		{"one day, end before start", ConferenceDate{Starts: day, Ends: day, StartTime: "18:00", EndTime: "09:00"},
			map[string]string{"bis": "Die Endzeit 09:00 Uhr liegt nicht nach der Anfangszeit 18:00 Uhr"}},
		{"no end date, end before start", ConferenceDate{Starts: day, StartTime: "16:00", EndTime: "10:00"},
			map[string]string{"bis": "liegt nicht nach der Anfangszeit 16:00 Uhr"}},
		{"end at the start", ConferenceDate{Starts: day, StartTime: "10:00", EndTime: "10:00"},
			map[string]string{"bis": "liegt nicht nach"}},
		{"end time without start time", ConferenceDate{Starts: day, EndTime: "10:00"},
			map[string]string{"bis": "Eine Endzeit braucht eine Anfangszeit."}},
		{"every reason at once", ConferenceDate{Ends: NewDate(2027, 1, 1), StartTime: "9 Uhr", EndTime: "25:00",
			Title: strings.Repeat("x", ConferenceDateTitleMax+1), Place: strings.Repeat("ö", ConferenceDatePlaceMax+1)},
			map[string]string{"beginn": "Bitte das Datum", "von": "HH:MM", "bis": "HH:MM",
				"titel": "länger als 300 Zeichen", "ort": "länger als 200 Zeichen"}},
		{"at the limits", ConferenceDate{Starts: day, Title: strings.Repeat("ä", ConferenceDateTitleMax), Place: strings.Repeat("ü", ConferenceDatePlaceMax)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]string{}
			for _, e := range ErrorsOf(tc.d.Validate()) {
				if _, twice := got[FieldOf(e)]; twice {
					t.Errorf("two reasons at %q", FieldOf(e))
				}
				got[FieldOf(e)] = ReasonOf(e)
			}
			if len(got) != len(tc.want) {
				t.Errorf("reasons %v, want %v", got, tc.want)
			}
			for field, part := range tc.want {
				if !strings.Contains(got[field], part) {
					t.Errorf("at %q: %q, want %q", field, got[field], part)
				}
			}
		})
	}
}

// TestConferenceDatePeriod: the days and the times of a FachMK date as
// its reminder words them; before, "tagt am 10.12.2026 in Telefon" said
// the first day only.
func TestConferenceDatePeriod(t *testing.T) {
	day, next := NewDate(2026, 12, 10), NewDate(2026, 12, 11)
	for _, tc := range []struct {
		d    ConferenceDate
		want string
	}{
		{ConferenceDate{Starts: day}, "am 10.12.2026"},
		{ConferenceDate{Starts: day, Ends: day, StartTime: "09:30", EndTime: "16:00"}, "am 10.12.2026, 09:30 bis 16:00 Uhr"},
		{ConferenceDate{Starts: day, StartTime: "09:30"}, "am 10.12.2026 ab 09:30 Uhr"},
		{ConferenceDate{Starts: day, Ends: next}, "vom 10.12.2026 bis 11.12.2026"},
		{ConferenceDate{Starts: day, Ends: next, StartTime: "10:00", EndTime: "13:00"}, "vom 10.12.2026, 10:00 Uhr, bis 11.12.2026, 13:00 Uhr"},
		{ConferenceDate{Starts: day, Ends: next, StartTime: "10:00"}, "vom 10.12.2026, 10:00 Uhr, bis 11.12.2026"},
		{ConferenceDate{}, ""},
	} {
		if got := tc.d.Period(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.d, got, tc.want)
		}
	}
}
