package model

import "testing"

// TestRequestWaitingDays: the days count from the day received, for open
// requests only.
func TestRequestWaitingDays(t *testing.T) {
	today := NewDate(2026, 3, 31)
	for _, c := range []struct {
		q       Request
		days    int
		tooLong bool
	}{
		{Request{ReceivedOn: NewDate(2026, 3, 1), Status: RequestReceived}, 30, true},
		{Request{ReceivedOn: NewDate(2026, 3, 3), Status: RequestInReview}, 28, false},
		{Request{ReceivedOn: NewDate(2026, 1, 1), Status: RequestDeclined}, 0, false},
		{Request{ReceivedOn: today, Status: RequestReceived}, 0, false},
	} {
		if got := c.q.WaitingDays(today); got != c.days || c.q.WaitsTooLong(today) != c.tooLong {
			t.Errorf("%+v: %d days (too long %v), want %d (%v)", c.q, got, c.q.WaitsTooLong(today), c.days, c.tooLong)
		}
	}
}
