package store

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestKickoffSessionsOfManyTerms: the sessions the kick-off talks of terms
// with different starts are judged by come in one statement for all
// starts (they took two per start: the reminders and the overview of all
// spokespersons asked once per term), and they are the sessions the two
// walks per start gave — the last regular, not cancelled, dated session of
// the IT-PLR on or before the start and the next two after it, not the
// AL-Runde's —, so that every term's kick-off state is the one judged from
// all of the IT-PLR's sessions.
func TestKickoffSessionsOfManyTerms(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	id := must[int64](t)
	council, _ := lawFixture(t, s) // the 47th on 26.06.2025
	al := id(s.CreateBody(ctx, model.Body{Kind: model.BodyPreparatory, Abbrev: "AL-Runde", Name: "Abteilungsleiterrunde"}))
	session := func(body int64, n int, d model.Date, kind model.SessionKind) int64 {
		t.Helper()
		se := model.Session{BodyID: body, Number: n, Date: d, Status: model.StatusPlanned, Kind: kind}
		if kind == model.SessionSpecial {
			se.Applicants = []string{"Bund"}
		}
		return id(s.CreateSession(ctx, se))
	}
	session(council, 44, model.NewDate(2024, 6, 20), model.SessionRegular)
	session(council, 45, model.NewDate(2024, 11, 14), model.SessionRegular)
	session(council, 46, model.NewDate(2025, 3, 20), model.SessionRegular)
	session(council, 48, model.NewDate(2025, 9, 1), model.SessionSpecial)
	cancelled := session(council, 49, model.NewDate(2025, 11, 6), model.SessionRegular)
	check(t, s.CancelSession(ctx, cancelled, must[model.Session](t)(s.Session(ctx, cancelled)).Version, "Kein Beratungsbedarf"))
	session(council, 50, model.NewDate(2025, 11, 20), model.SessionRegular)
	session(council, 51, model.NewDate(2026, 3, 19), model.SessionRegular)
	session(council, 52, model.NewDate(2026, 6, 18), model.SessionRegular)
	session(council, 53, model.NewDate(2026, 6, 18), model.SessionRegular) // the same day: by number
	session(council, 54, model.Date{}, model.SessionRegular)               // not dated yet
	for n, d := range []model.Date{model.NewDate(2024, 6, 1), model.NewDate(2025, 7, 1), model.NewDate(2025, 10, 1), model.NewDate(2026, 4, 1)} {
		session(al, 36+n, d, model.SessionRegular)
	}
	all := must[[]model.Session](t)(s.Sessions(ctx, council))

	// walks is what the two walks per start gave: the last countable
	// session on or before the start, the first KickoffDueNth after it.
	walks := func(start model.Date) []model.Session {
		var before *model.Session
		var after []model.Session
		for _, se := range sortedByDate(all) {
			if !se.IsRegular() || se.Cancelled() || se.Date.IsZero() {
				continue
			}
			if !start.Before(se.Date) {
				before = &se
			} else if len(after) < model.KickoffDueNth {
				after = append(after, se)
			}
		}
		if before != nil {
			after = append([]model.Session{*before}, after...)
		}
		return after
	}
	starts := []model.Date{
		{},                          // not known
		model.NewDate(2022, 11, 10), // named before the records
		model.NewDate(2024, 6, 20),  // on a session's day
		model.NewDate(2024, 6, 21),
		model.NewDate(2025, 6, 26),
		model.NewDate(2025, 8, 1),  // a special session next
		model.NewDate(2025, 11, 6), // the day of a cancelled session
		model.NewDate(2026, 3, 19),
		model.NewDate(2026, 6, 18), // nothing dated after it
		model.NewDate(2024, 6, 21), // twice
		model.NewDate(2030, 1, 1),
	}
	q0 := QueryCount()
	by := must[map[model.Date][]model.Session](t)(s.KickoffSessionsByStart(ctx, council, starts))
	if n := QueryCount() - q0; n != 1 {
		t.Errorf("%d statements for %d starts, want 1", n, len(starts))
	}
	numbers := func(ses []model.Session) []int {
		var out []int
		for _, se := range ses {
			out = append(out, se.Number)
		}
		return out
	}
	for _, start := range starts {
		got, want := by[start], walks(start)
		if start.IsZero() {
			want = nil
		}
		if !reflect.DeepEqual(numbers(got), numbers(want)) {
			t.Errorf("start %s: sessions %v, want %v", start, numbers(got), numbers(want))
		}
		if one := must[[]model.Session](t)(s.KickoffSessions(ctx, council, start)); !reflect.DeepEqual(one, got) {
			t.Errorf("start %s: KickoffSessions %v, by start %v", start, numbers(one), numbers(got))
		}
		a := model.Assignment{StartOn: start}
		if k, full := model.KickoffOf(a, nil, got), model.KickoffOf(a, nil, all); !reflect.DeepEqual(k, full) {
			t.Errorf("start %s: kick-off %+v, judged from all sessions %+v", start, k, full)
		}
	}
	// Spot checks of the walks themselves.
	for start, want := range map[model.Date][]int{
		model.NewDate(2022, 11, 10): {44, 45},
		model.NewDate(2024, 6, 20):  {44, 45, 46},
		model.NewDate(2025, 8, 1):   {47, 50, 51},
		model.NewDate(2025, 11, 6):  {47, 50, 51},
		model.NewDate(2026, 3, 19):  {51, 52, 53},
		model.NewDate(2026, 6, 18):  {53},
	} {
		if got := numbers(by[start]); !reflect.DeepEqual(got, want) {
			t.Errorf("start %s: sessions %v, want %v", start, got, want)
		}
	}
	if len(must[map[model.Date][]model.Session](t)(s.KickoffSessionsByStart(ctx, council, nil))) != 0 {
		t.Error("sessions for no start")
	}
}

// sortedByDate gives the sessions in the order of their dates, then
// numbers.
func sortedByDate(ses []model.Session) []model.Session {
	out := slices.Clone(ses)
	slices.SortStableFunc(out, func(a, b model.Session) int {
		if c := strings.Compare(a.Date.String(), b.Date.String()); c != 0 {
			return c
		}
		return a.Number - b.Number
	})
	return out
}

// TestKickoffRemindersReadFixed: the kick-off reminders read the sessions
// of all terms in office at once — as many statements for eight terms
// with eight different starts as for one (before: two more per start).
func TestKickoffRemindersReadFixed(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	id := must[int64](t)
	council, _ := lawFixture(t, s)
	fmk := fachMKNamedIn(t, s, council, "FMK", "Finanzministerkonferenz")
	for n, d := range []model.Date{model.NewDate(2024, 6, 20), model.NewDate(2025, 11, 20), model.NewDate(2026, 3, 19)} {
		id(s.CreateSession(ctx, model.Session{BodyID: council, Number: 44 + 4*n, Date: d, Status: model.StatusPlanned}))
	}
	now := time.Date(2025, 1, 15, 9, 0, 0, 0, time.UTC) // no talk due within 14 days
	reads := func() uint64 {
		t.Helper()
		q0 := QueryCount()
		if n := must[int](t)(s.QueueKickoffReminders(ctx, now)); n != 0 {
			t.Fatalf("%d reminders queued", n)
		}
		return QueryCount() - q0
	}
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: laender[0], DecisionRef: "B-2022/43-IT", StartOn: model.NewDate(2024, 1, 1)}))
	one := reads()
	for i, l := range laender[1:8] {
		id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: l, DecisionRef: "B-2022/43-IT", StartOn: model.NewDate(2024, time.Month(2+i), 1)}))
	}
	if eight := reads(); eight != one {
		t.Errorf("the reminders read %d statements for eight terms, %d for one", eight, one)
	}
}
