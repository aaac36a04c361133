package model

import (
	"strings"
	"testing"
)

// TestDebriefSchedule: a debrief's times and link, each refusal at its
// field, and how its day and times are said.
func TestDebriefSchedule(t *testing.T) {
	day := NewDate(2026, 12, 16)
	for _, c := range []struct {
		d      Debrief
		fields []string
		when   string
	}{
		{Debrief{HeldOn: day, StartTime: "10:00", EndTime: "11:30", Link: "https://meet.example.org/a?b=1"}, nil, "16.12.2026, 10:00 bis 11:30 Uhr"},
		{Debrief{HeldOn: day, StartTime: "10:00"}, nil, "16.12.2026, 10:00 Uhr"},
		{Debrief{HeldOn: day}, nil, "16.12.2026"},
		{Debrief{}, nil, ""},
		{Debrief{HeldOn: day, StartTime: "25:00"}, []string{"beginn"}, ""},
		{Debrief{HeldOn: day, EndTime: "11:00"}, []string{"beginn"}, ""},
		{Debrief{HeldOn: day, StartTime: "10:00", EndTime: "10:00"}, []string{"ende"}, ""},
		{Debrief{HeldOn: day, Link: "meet.example.org"}, []string{"link"}, ""},
		{Debrief{HeldOn: day, Link: "javascript:alert(1)"}, []string{"link"}, ""},
		{Debrief{HeldOn: day, Link: "https://meet.example.org/a b"}, []string{"link"}, ""},
		{Debrief{HeldOn: day, Link: "https://example.org/" + strings.Repeat("a", DebriefLinkMax)}, []string{"link"}, ""},
	} {
		var fields []string
		for _, e := range ErrorsOf(c.d.CheckSchedule()) {
			fields = append(fields, FieldOf(e))
		}
		if strings.Join(fields, ",") != strings.Join(c.fields, ",") {
			t.Errorf("%+v: refused at %v, want %v", c.d, fields, c.fields)
		}
		if c.fields == nil && c.d.When() != c.when {
			t.Errorf("%+v: when %q, want %q", c.d, c.d.When(), c.when)
		}
	}
}

// TestSessionMovesSaid: the former dates of a session moved twice, and the
// reason of a change of time made after its latest move (shown beside the
// moves, which keep their own reasons).
func TestSessionMovesSaid(t *testing.T) {
	moves := []SessionMove{{From: NewDate(2026, 3, 12), To: NewDate(2026, 3, 19), Reason: "MPK"}, {From: NewDate(2026, 3, 19), To: NewDate(2026, 3, 26), Reason: "Raum"}}
	tests := []struct {
		s            SessionSchedule
		former, time string
	}{
		{SessionSchedule{}, "", ""},
		{SessionSchedule{ChangeNote: "Anreise"}, "", ""},
		{SessionSchedule{PreviousDate: NewDate(2026, 3, 19), ChangeNote: "Raum"}, "19.03.2026", ""},
		{SessionSchedule{PreviousDate: NewDate(2026, 3, 19), ChangeNote: "Raum", Moves: moves}, "12.03.2026 und 19.03.2026", ""},
		{SessionSchedule{PreviousDate: NewDate(2026, 3, 19), ChangeNote: "Anreise", Moves: moves}, "12.03.2026 und 19.03.2026", "Anreise"},
	}
	for i, tt := range tests {
		if got := tt.s.FormerDates(); got != tt.former {
			t.Errorf("%d: FormerDates = %q, want %q", i, got, tt.former)
		}
		if got := tt.s.TimeChangeNote(); got != tt.time {
			t.Errorf("%d: TimeChangeNote = %q, want %q", i, got, tt.time)
		}
	}
}
