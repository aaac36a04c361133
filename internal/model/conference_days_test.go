package model

import "testing"

// TestConferenceDateDaysOneDayIsOneDate: a one-day date stored with its
// end on its first day was listed "10.03.2027 bis 10.03.2027"; one day
// is one date.
func TestConferenceDateDaysOneDayIsOneDate(t *testing.T) {
	day, next := Date{2027, 3, 10}, Date{2027, 3, 11}
	for _, tc := range []struct {
		d    ConferenceDate
		want string
	}{
		{ConferenceDate{Starts: day}, "10.03.2027"},
		{ConferenceDate{Starts: day, Ends: day}, "10.03.2027"},
		{ConferenceDate{Starts: day, Ends: next}, "10.03.2027 bis 11.03.2027"},
		{ConferenceDate{}, ""},
	} {
		if got := tc.d.Days(); got != tc.want {
			t.Errorf("%v–%v: %q, want %q", tc.d.Starts, tc.d.Ends, got, tc.want)
		}
	}
	if got := (ConferenceDate{Starts: day, Ends: day, StartTime: "09:30", EndTime: "16:00"}).Period(); got != "am 10.03.2027, 09:30 bis 16:00 Uhr" {
		t.Errorf("Period of a one-day date with its end: %q", got)
	}
}
