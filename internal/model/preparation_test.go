package model

import (
	"testing"
	"time"
)

func TestPrepSchedule(t *testing.T) {
	p := Preparation{LeadWeeks: 3, RegistrationDays: 14, DocumentDays: 7}
	got := p.Schedule(NewDate(2026, 3, 12))
	want := PrepSchedule{Session: NewDate(2026, 3, 12), PrepSession: NewDate(2026, 2, 19), RegistrationClosing: NewDate(2026, 2, 5), DocumentsDue: NewDate(2026, 2, 12)}
	if got != want {
		t.Errorf("schedule %+v, want %+v", got, want)
	}
	// Across the change to summer time and a year's end.
	if got := p.Schedule(NewDate(2026, 4, 16)).PrepSession; got != NewDate(2026, 3, 26) {
		t.Errorf("across summer time: %s", got)
	}
	if got := p.Schedule(NewDate(2026, 1, 8)).RegistrationClosing; got != NewDate(2025, 12, 4) {
		t.Errorf("across the year: %s", got)
	}
	if (Preparation{}).Schedule(Date{}) != (PrepSchedule{}) {
		t.Error("a session without date has a schedule")
	}
	if err := (Preparation{PreparesID: 1}).Validate(); ClassOf(err) != ErrInput {
		t.Errorf("a preparatory body without slug: %v", err)
	}
	if err := (Preparation{PreparesID: 1, Slug: "AL Runde"}).Validate(); ClassOf(err) != ErrInput {
		t.Errorf("a slug with capitals and a blank: %v", err)
	}
}

func TestRecommendationLineRoundTrip(t *testing.T) {
	for _, r := range []Recommendation{
		{SessionNumber: 39, BodyAbbrev: "AL-Runde", SessionDate: NewDate(2025, 6, 5), Kind: RecommendAdopt, GreenList: true},
		{SessionNumber: 40, BodyAbbrev: "AL-Runde", SessionDate: NewDate(2026, 2, 19), Kind: RecommendAdoptChanged},
		{SessionNumber: 7, BodyAbbrev: "AL-Runde", Kind: RecommendReject},
		{SessionNumber: 8, BodyAbbrev: "AL-Runde", SessionDate: NewDate(2026, 1, 2), Kind: RecommendDiscuss},
		{BodyAbbrev: "AL-Runde", SessionDate: NewDate(2026, 1, 9), Kind: RecommendAdopt, GreenList: true}, // written procedure
	} {
		line := r.Line()
		got, ok := ParseRecommendationLine(line)
		if !ok || got.SessionNumber != r.SessionNumber || got.BodyAbbrev != r.BodyAbbrev || got.SessionDate != r.SessionDate ||
			got.Kind != r.Kind || got.GreenList != r.GreenList || got.Reference != line {
			t.Errorf("%q read as %+v, %v", line, got, ok)
		}
	}
	for _, bad := range []string{"", "Beschlussempfehlung der 39. AL-Runde: vielleicht", "Beschluss der 39. AL-Runde: Annahme wie vorgeschlagen"} {
		if _, ok := ParseRecommendationLine(bad); ok {
			t.Errorf("%q read as a recommendation", bad)
		}
	}
}

func TestRecommendationRules(t *testing.T) {
	r := Recommendation{TargetItemID: 1, Kind: RecommendDiscuss, GreenList: true}
	if ClassOf(r.Validate()) != ErrInput {
		t.Error("the Grüne Liste recommended for a discussion")
	}
	r = Recommendation{TargetItemID: 1, Kind: RecommendAdoptChanged}
	if ClassOf(r.Validate()) != ErrInput {
		t.Error("adoption with changes without the changed text")
	}
	r = Recommendation{TargetItemID: 1, Kind: RecommendAdopt, Consent: ConsentConfirmed}
	for st, can := range map[SessionStatus]bool{StatusPlanned: true, StatusConvened: true, StatusRunning: true, StatusEnded: false, StatusMinutesDraft: false} {
		if r.CanPull(Session{Status: st}) != can {
			t.Errorf("pull in status %s: want %v", st, can)
		}
	}
	r.Consent = ConsentPulled
	if r.CanPull(Session{Status: StatusRunning}) {
		t.Error("pulled twice")
	}
	given := Recommendation{Status: DecisionAdopted, Internal: true}
	if Public.SeesRecommendation(given) || !Internal.SeesRecommendation(given) {
		t.Error("the gate shows the AL-Runde's recommendation to the public")
	}
}

// TestProposedRecommendationDeadline: the written procedure's form proposes
// a deadline that can be taken — after now and before the session begins
// (RecommendationDeadline) — a week, or the day before the session at
// noon, or an hour before its start when that noon has passed. Before,
// the form proposed the day before the session whatever the time, and on
// the day before (afternoon) it offered a deadline already past.
func TestProposedRecommendationDeadline(t *testing.T) {
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, Berlin) }
	se := Session{Number: 48, Date: NewDate(2026, 12, 4), StartTime: "10:00", Status: StatusConvened}
	noTime := se
	noTime.StartTime = ""
	for _, c := range []struct {
		se   Session
		now  time.Time
		want time.Time
		ok   bool
	}{
		{se, at(2026, 11, 1, 9, 0), at(2026, 11, 8, 12, 0), true},                               // a week
		{se, at(2026, 11, 30, 9, 0), at(2026, 12, 3, 12, 0), true},                              // the day before, at noon
		{se, at(2026, 12, 3, 14, 30), at(2026, 12, 4, 9, 0), true},                              // the reviewer's case: an hour before the start
		{noTime, at(2026, 12, 3, 14, 30), at(2026, 12, 3, 23, 0), true},                         // without a start time: before the day
		{se, at(2026, 12, 4, 9, 30), time.Time{}, false},                                        // no hour left
		{se, at(2026, 12, 4, 10, 0), time.Time{}, false},                                        // begun
		{Session{Number: 49, Status: StatusPlanned}, at(2026, 12, 3, 9, 0), time.Time{}, false}, // no date
	} {
		got, ok := c.se.ProposedRecommendationDeadline(c.now)
		if ok != c.ok || !got.Equal(c.want) {
			t.Errorf("at %s: %s %v, want %s %v", BerlinDateTime(c.now), BerlinDateTime(got), ok, BerlinDateTime(c.want), c.ok)
			continue
		}
		if ok && (!got.After(c.now) || c.se.RecommendationDeadline(got) != nil) {
			t.Errorf("at %s the proposed %s cannot be taken", BerlinDateTime(c.now), BerlinDateTime(got))
		}
	}
}
