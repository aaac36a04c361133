package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestApprovalPointAfterWrittenProcedure: minutes approved by written
// procedure between two sessions are not announced for approval again. A
// review of a session day found the next agenda's opening item still
// listing "Bestätigung des Protokolls der 48. Sitzung" after the 48th's
// minutes were approved by written procedure. Now the approval leaves the
// point out of the agendas of later sessions not yet begun, and a session
// planned afterwards does not carry it; a session planned while the
// minutes are a draft still does.
func TestApprovalPointAfterWrittenProcedure(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, s47 := lawFixture(t, s)
	toDraftMinutes(t, s, s47)
	const point = "Bestätigung des Protokolls der 47. Sitzung"
	opening := func() []model.AgendaItem {
		return []model.AgendaItem{{Number: "00", Title: "Begrüßung", Status: model.ItemAccepted,
			Points: []string{"Feststellung der Beschlussfähigkeit", point, "Feststellung der finalen Tagesordnung"}}}
	}
	plan := func() int64 {
		t.Helper()
		return must[int64](t)(s.PlanSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 9, 25), Status: model.StatusPlanned}, opening()))
	}
	points := func(sessionID int64) []string {
		t.Helper()
		items := must[[]model.AgendaItem](t)(s.Items(ctx, sessionID))
		for _, it := range items {
			if it.Number == "00" {
				return it.Points
			}
		}
		t.Fatalf("session %d has no opening item: %+v", sessionID, items)
		return nil
	}
	s48 := plan()
	if !slices.Contains(points(s48), point) {
		t.Fatalf("planned while the 47th's minutes are a draft: %q", points(s48))
	}

	now := time.Date(2025, 7, 1, 10, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	pid := must[int64](t)(s.StartProcedure(ctx, ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: point, Applicants: []string{"Bund"}}, Deadline: now.Add(48 * time.Hour),
		ApprovesSession: 47, MinutesText: "Protokoll der 47. Sitzung, wie versandt", MinutesStamp: stampOf(t, s, s47)}))
	for _, m := range voters {
		check(t, s.CastVote(ctx, pid, m, model.VoteYes))
	}
	must[model.WrittenProcedure](t)(s.EndProcedureEarly(ctx, pid))
	if se := must[model.Session](t)(s.Session(ctx, s47)); se.Status != model.StatusMinutesApproved {
		t.Fatalf("the 47th after the procedure: %s", se.Status)
	}
	want := []string{"Feststellung der Beschlussfähigkeit", "Feststellung der finalen Tagesordnung"}
	if got := points(s48); !slices.Equal(got, want) {
		t.Errorf("the 48th's opening after the approval by written procedure: %q, want %q", got, want)
	}

	se := must[model.Session](t)(s.Session(ctx, s48))
	check(t, s.DeleteSession(ctx, s48, se.Version))
	if got := points(plan()); !slices.Equal(got, want) {
		t.Errorf("the 48th planned after the approval: %q, want %q", got, want)
	}
}
