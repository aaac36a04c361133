package store

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestProcedurePeriodByTime: the period of a session's written
// procedures runs from the moment the previous session ended — as ended in
// gremium, else its date and recorded end time, else the end of its day;
// a cancelled session is skipped — to the end of the session. Before, it
// ran from date to date, so a procedure closed after a session ended on
// its day was listed in its minutes.
func TestProcedurePeriodByTime(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, s47 := lawFixture(t, s) // 26.06.2025, 09:00 – 12:15, running
	at := func(d model.Date, h, m int) time.Time {
		return time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, model.Berlin)
	}
	day47 := model.NewDate(2025, 6, 26)
	s.SetClock(func() time.Time { return at(day47, 11, 40) })
	se := must[model.Session](t)(s.Session(ctx, s47))
	check(t, s.SetSessionStatus(ctx, s47, se.Version, model.StatusEnded))
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 20), EndTime: "13:00", Status: model.StatusMinutesDraft}))
	s49 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 49, Date: model.NewDate(2026, 3, 19), Status: model.StatusPlanned}))
	se49 := must[model.Session](t)(s.Session(ctx, s49))
	check(t, s.CancelSession(ctx, s49, se49.Version, "Terminkonflikt"))
	s50 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 50, Date: model.NewDate(2026, 6, 18), Status: model.StatusPlanned}))
	for _, tt := range []struct {
		id          int64
		after, till time.Time
	}{
		{s47, time.Time{}, at(day47, 11, 40)}, // ended in gremium at 11:40, before its recorded 12:15
		{s48, at(day47, 11, 40), at(model.NewDate(2025, 11, 20), 13, 0)},
		{s50, at(model.NewDate(2025, 11, 20), 13, 0), at(model.NewDate(2026, 6, 19), 0, 0)}, // 49 cancelled; 50 without an end time: its whole day
	} {
		se := must[model.Session](t)(s.Session(ctx, tt.id))
		after, until, err := s.ProcedurePeriod(ctx, se)
		check(t, err)
		if !after.Equal(tt.after) || !until.Equal(tt.till) {
			t.Errorf("%d. Sitzung: %s – %s, want %s – %s", se.Number, after, until, tt.after, tt.till)
		}
	}
}
