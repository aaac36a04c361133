package store

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestConferenceOutcomes: the outcomes of a FachMK's sessions are recorded
// by its secretariat or a spokesperson in office, checked inside the
// write, corrected with a version, listed newest first from a date on,
// and audited.
func TestConferenceOutcomes(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 11, 20, 23, 30, 0, 0, time.UTC) }) // 21.11. in Berlin
	id := must[int64](t)
	fmk := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	id(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HE", DecisionRef: "B-2022/43-IT"}))
	// HH announced its resignation, which took effect with the 46th session.
	id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 46, Date: model.NewDate(2025, 3, 27), Status: model.StatusMinutesApproved}))
	id(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HH", DecisionRef: "B-2022/43-IT", StartSession: 40, EndsWithSession: 46}))

	herbst := model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 11, 21), Meeting: "Herbstkonferenz 2025", Reference: "TOP 7",
		Title: "E-Rechnung in allen Landesverwaltungen", Text: "Die FMK bittet den IT-Planungsrat um [[vertraulich: Zahlen]] einen Bericht.", RecordedBy: "Geschäftsstelle der FMK"}
	oid := id(s.CreateConferenceOutcome(ctx, herbst, ""))
	// The spokesperson in office records too; the one whose function ended does not.
	fruehjahr := model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 5, 8), Title: "Digitale Steuerverwaltung", RecordedBy: "Sprecher HE"}
	id(s.CreateConferenceOutcome(ctx, fruehjahr, "HE"))
	if _, err := s.CreateConferenceOutcome(ctx, fruehjahr, "HH"); model.ClassOf(err) != model.ErrRule {
		t.Errorf("HH after its resignation: %v, want a rule error", err)
	}
	if _, err := s.CreateConferenceOutcome(ctx, model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 11, 22), Title: "morgen"}, ""); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "datum" {
		t.Errorf("a session still to come (today is 21.11. in Berlin): %v at %q", err, model.FieldOf(err))
	}
	if _, err := s.CreateConferenceOutcome(ctx, model.ConferenceOutcome{ConferenceID: bodyID, HeldOn: model.NewDate(2025, 5, 8), Title: "x"}, ""); model.ClassOf(err) != model.ErrInput {
		t.Errorf("an outcome of the IT-PLR itself: %v", err)
	}
	if _, err := s.CreateConferenceOutcome(ctx, model.ConferenceOutcome{ConferenceID: fmk, HeldOn: model.NewDate(2025, 5, 8)}, ""); model.FieldOf(err) != "titel" {
		t.Errorf("without title: %v at %q", err, model.FieldOf(err))
	}

	all := must[[]model.ConferenceOutcome](t)(s.ConferenceOutcomes(ctx, fmk, model.Date{}, 0))
	if len(all) != 2 || all[0].ID != oid || all[0].Meeting != "Herbstkonferenz 2025" || all[0].Reference != "TOP 7" || all[0].HeldOn != herbst.HeldOn || all[0].Recorded.IsZero() {
		t.Fatalf("outcomes = %+v", all)
	}
	if since := must[[]model.ConferenceOutcome](t)(s.ConferenceOutcomes(ctx, fmk, model.NewDate(2025, 6, 26), 0)); len(since) != 1 || since[0].ID != oid {
		t.Errorf("since the 47th session: %+v", since)
	}

	// A correction needs the version read; a stale one changes nothing.
	got := all[0]
	got.Title, got.RecordedBy = "E-Rechnung: Bericht erbeten", "Sprecher HE"
	check(t, s.UpdateConferenceOutcome(ctx, got, "HE"))
	if err := s.UpdateConferenceOutcome(ctx, got, "HE"); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("stale version: %v", err)
	}
	got.ConferenceID = bodyID // the conference stays
	got.Version++
	check(t, s.UpdateConferenceOutcome(ctx, got, ""))
	now := must[model.ConferenceOutcome](t)(s.ConferenceOutcome(ctx, oid))
	if now.Title != "E-Rechnung: Bericht erbeten" || now.ConferenceID != fmk || now.Version != 3 {
		t.Errorf("after the corrections: %+v", now)
	}
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "conference_outcome", oid))
	if len(log) != 3 || log[0].Action != "create" || log[1].Action != "update" {
		t.Errorf("audit = %+v", log)
	}
}
