package demo

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestSessionsBeforeThe47th: the 46th session was an empty shell; the
// sessions 45–47 now have date, agenda and decisions, each approved by the
// next; every FachMK has dates in the next twelve months and a contact.
func TestSessionsBeforeThe47th(t *testing.T) {
	s := loaded(t)
	ctx := context.Background()
	if err := LoadCalendar(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := LoadCalendar(ctx, s); err != nil { // idempotent
		t.Fatal(err)
	}
	council, _ := s.BodyByAbbrev(ctx, CouncilAbbrev)
	for _, tt := range []struct {
		nr         int
		date       model.Date
		decisions  []string
		approvedIn int
	}{
		{45, session45Date, []string{"B-2024/48-IT"}, 46},
		{46, session46Date, []string{"B-2025/13-IT", "B-2025/19-IT"}, 47},
	} {
		se, err := s.SessionByNumber(ctx, council.ID, tt.nr)
		if err != nil {
			t.Fatal(err)
		}
		if se.Date != tt.date || se.Place == "" || se.Status != model.StatusMinutesApproved || se.ApprovedIn != tt.approvedIn {
			t.Errorf("session %d: %+v", tt.nr, se)
		}
		items, _ := s.Items(ctx, se.ID)
		if len(items) < 3 {
			t.Errorf("session %d: %d items", tt.nr, len(items))
		}
		ds, _ := s.Decisions(ctx, store.DecisionFilter{SessionID: se.ID, Status: model.DecisionAdopted})
		var got []string
		for _, d := range ds {
			got = append(got, d.Label)
		}
		if len(got) != len(tt.decisions) {
			t.Errorf("session %d decisions %v, want %v", tt.nr, got, tt.decisions)
		}
		for _, want := range tt.decisions {
			if d, err := s.DecisionByNumber(ctx, council.ID, mustRef(t, want)); err != nil || d.SessionID != se.ID {
				t.Errorf("%s: %v %+v", want, err, d)
			}
		}
	}
	today := model.BerlinDate(time.Now())
	end := model.BerlinDate(today.Time().AddDate(1, 0, 0))
	for _, c := range itplr.Conferences() {
		b, _ := s.BodyByAbbrev(ctx, c.Abbrev)
		dates, _ := s.ConferenceDates(ctx, b.ID, today)
		if len(dates) != 2 {
			t.Errorf("%s: %d dates", c.Abbrev, len(dates))
		}
		for _, d := range dates {
			if d.Starts.Time().After(end.Time()) {
				t.Errorf("%s: date %s beyond twelve months", c.Abbrev, d.Starts)
			}
		}
		if cs, _ := s.Contacts(ctx, b.ID); len(cs) == 0 || cs[0].Email == "" {
			t.Errorf("%s: contacts %+v", c.Abbrev, cs)
		}
	}
}

func mustRef(t *testing.T, ref string) model.DecisionNumber {
	t.Helper()
	n, ok := model.ParseDecisionRef(ref)
	if !ok {
		t.Fatalf("ref %s", ref)
	}
	return n
}

// TestConferenceTitlesFitDates: a demo FachMK date is called a spring
// conference in spring and an autumn conference in autumn, whatever day
// the demo is loaded (it failed before: a date in January was titled
// "Herbstkonferenz"); both dates lie in the next twelve months.
func TestConferenceTitlesFitDates(t *testing.T) {
	check := func(from model.Date, abbrev string, d model.Date, title string) {
		t.Helper()
		m := d.Month
		spring := m >= time.March && m <= time.June
		autumn := m >= time.September && m <= time.December
		if !(strings.HasPrefix(title, "Frühjahrskonferenz") && spring) && !(strings.HasPrefix(title, "Herbstkonferenz") && autumn) {
			t.Errorf("from %s: %s %q on %s", from, abbrev, title, d)
		}
		if !strings.HasSuffix(title, fmt.Sprint(d.Year)) {
			t.Errorf("from %s: %s %q in year %d", from, abbrev, title, d.Year)
		}
		if wd := d.Time().Weekday(); wd == time.Friday || wd == time.Saturday || wd == time.Sunday {
			t.Errorf("from %s: %s %q starts on a %s", from, abbrev, title, wd)
		}
		if !from.Before(d) || d.Time().After(from.Time().AddDate(1, 0, 0)) {
			t.Errorf("from %s: %s %q on %s not in the next twelve months", from, abbrev, title, d)
		}
	}
	for m := time.January; m <= time.December; m++ {
		for _, day := range []int{1, 15, 28} {
			from := model.NewDate(2026, m, day)
			for i := range itplr.Conferences() {
				for _, cd := range conferenceDays(from, i) {
					check(from, fmt.Sprint(i), cd.day, cd.title)
				}
			}
		}
	}
	s := loaded(t)
	ctx := context.Background()
	if err := LoadCalendar(ctx, s); err != nil {
		t.Fatal(err)
	}
	today := model.BerlinDate(time.Now())
	for _, c := range itplr.Conferences() {
		b, _ := s.BodyByAbbrev(ctx, c.Abbrev)
		dates, _ := s.ConferenceDates(ctx, b.ID, today)
		for _, d := range dates {
			check(today, c.Abbrev, d.Starts, d.Title)
		}
	}
}
