package store

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

func TestTaskChecks(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	s.SetClock(func() time.Time { return time.Date(2026, 7, 1, 10, 0, 0, 0, time.UTC) })
	id := must[int64](t)
	conf := id(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	once := id(s.CreateTask(ctx, model.Task{Position: 1, Text: "Auftaktgespräch", Spokesperson: model.ResponsibilityLead, FITKO: model.ResponsibilitySupporting}))
	yearly := id(s.CreateTask(ctx, model.Task{Position: 2, Text: "Handakte", FITKO: model.ResponsibilityLead, Recurrence: model.RecurYear}))
	nobody := id(s.CreateTask(ctx, model.Task{Position: 3, Text: "Niemand"}))
	if _, err := s.CreateTask(ctx, model.Task{Text: "x", Recurrence: "monatlich"}); model.ClassOf(err) != model.ErrInput {
		t.Errorf("unknown recurrence: %v", err)
	}
	if err := s.SaveTaskCheck(ctx, model.TaskCheck{TaskID: once, ConferenceID: conf, Period: "2026"}, true); model.ClassOf(err) != model.ErrInput {
		t.Errorf("a period for a one-off task: %v", err)
	}
	if err := s.SaveTaskCheck(ctx, model.TaskCheck{TaskID: nobody, ConferenceID: conf}, true); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a task nobody carries: %v", err)
	}
	check(t, s.SaveTaskCheck(ctx, model.TaskCheck{TaskID: once, ConferenceID: conf, Due: model.NewDate(2026, 7, 4)}, true))
	check(t, s.SaveTaskCheck(ctx, model.TaskCheck{TaskID: once, ConferenceID: conf, Version: 1, Due: model.NewDate(2026, 7, 4), Done: true, DoneOn: model.NewDate(2026, 6, 30), Note: "mit dem FMK-Vorsitz"}, true))
	if err := s.SaveTaskCheck(ctx, model.TaskCheck{TaskID: yearly, ConferenceID: conf, Period: "2025", Done: true, DoneOn: model.NewDate(2025, 12, 1)}, false); model.ClassOf(err) != model.ErrForbidden {
		t.Errorf("a spokesperson checks off a task of FITKO alone: %v", err)
	}
	check(t, s.SaveTaskCheck(ctx, model.TaskCheck{TaskID: once, ConferenceID: conf, Version: 2, Due: model.NewDate(2026, 7, 4), Done: true, DoneOn: model.NewDate(2026, 6, 30), Note: "mit dem FMK-Vorsitz"}, false))
	check(t, s.SaveTaskCheck(ctx, model.TaskCheck{TaskID: yearly, ConferenceID: conf, Period: "2025", Done: true, DoneOn: model.NewDate(2025, 12, 1)}, true))
	cs := must[[]model.TaskCheck](t)(s.TaskChecks(ctx, conf))
	if len(cs) != 2 || !cs[0].Done || cs[0].Note != "mit dem FMK-Vorsitz" || cs[0].Due != model.NewDate(2026, 7, 4) || cs[0].Version != 3 {
		t.Errorf("checks: %+v", cs)
	}
}

// TestDoneOnNotInTheFuture: what is reported done was done on a day that
// has come — a follow-up's report (whatever front end sends it) and a
// task of the checklist with a completion date after today are refused
// at the date's field; today is taken.
func TestDoneOnNotInTheFuture(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	s.SetClock(func() time.Time { return time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC) }) // 2 December in Berlin
	tomorrow, today := model.NewDate(2026, 12, 3), model.NewDate(2026, 12, 2)
	_, sessionID := fixture(t, s)
	itemID := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "1", Title: "Bericht"}))
	fid := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{ItemID: itemID, Text: "Bericht vorlegen", Responsible: "HE", Status: model.FollowUpOpen}))
	rep := FollowUpReport{ID: fid, Version: 1, Status: model.FollowUpDone, DoneOn: tomorrow, EvidenceText: "Bericht liegt vor", Author: "hessen", Member: "HE"}
	if err := s.ReportFollowUp(ctx, rep); model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != "erledigt_am" {
		t.Errorf("follow-up done tomorrow: %v (field %q)", err, model.FieldOf(err))
	}
	rep.DoneOn = today
	check(t, s.ReportFollowUp(ctx, rep))

	conf := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	task := must[int64](t)(s.CreateTask(ctx, model.Task{Position: 1, Text: "Auftaktgespräch", Spokesperson: model.ResponsibilityLead}))
	c := model.TaskCheck{TaskID: task, ConferenceID: conf, Done: true, DoneOn: tomorrow}
	if err := s.SaveTaskCheck(ctx, c, true); model.ClassOf(err) != model.ErrInput || model.FieldOf(err) != "datum" {
		t.Errorf("task done tomorrow: %v (field %q)", err, model.FieldOf(err))
	}
	c.DoneOn = today
	check(t, s.SaveTaskCheck(ctx, c, true))
}

// TestTaskDeadlineNotInThePast: a deadline set for an open task of the
// checklist lay in the past and was stored ("Frist 01.03.2026", entered
// on 2 December): the list then showed a task overdue from the moment it
// was written. Now it is refused at the field "frist"; today is taken, and
// a deadline kept as stored stands however old (saving the note of a task
// whose deadline has passed, or marking it done).
func TestTaskDeadlineNotInThePast(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	s.SetClock(func() time.Time { return time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC) }) // 2 December in Berlin
	conf := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	task := must[int64](t)(s.CreateTask(ctx, model.Task{Position: 1, Text: "Auftaktgespräch", Spokesperson: model.ResponsibilityLead}))
	c := model.TaskCheck{TaskID: task, ConferenceID: conf, Due: model.NewDate(2026, 3, 1)}
	if err := s.SaveTaskCheck(ctx, c, true); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "frist" ||
		err.Error() != "rule violated: Die Frist 01.03.2026 liegt in der Vergangenheit; bitte einen Tag ab heute (02.12.2026) angeben. (field frist)" {
		t.Errorf("deadline in the past: %v (field %q)", err, model.FieldOf(err))
	}
	if cs := must[[]model.TaskCheck](t)(s.TaskChecks(ctx, conf)); len(cs) != 0 {
		t.Errorf("stored: %+v", cs)
	}
	c.Due = model.NewDate(2026, 12, 2)
	check(t, s.SaveTaskCheck(ctx, c, true))
	// The day passes; the note is saved with the deadline as it stands.
	s.SetClock(func() time.Time { return time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC) })
	c.Version, c.Note = 1, "Termin mit dem Vorsitz angefragt"
	check(t, s.SaveTaskCheck(ctx, c, true))
	c.Version, c.Due = 2, model.NewDate(2026, 12, 5)
	if err := s.SaveTaskCheck(ctx, c, true); model.FieldOf(err) != "frist" {
		t.Errorf("moved to another past day: %v", err)
	}
	c.Due, c.Done, c.DoneOn = model.NewDate(2026, 12, 2), true, model.NewDate(2026, 12, 9)
	check(t, s.SaveTaskCheck(ctx, c, true))
}
