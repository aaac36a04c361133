package model

import "testing"

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
