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
