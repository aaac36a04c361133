package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestUpdateRegistration: a member office could view and withdraw its
// pending registration but not change it. It changes item and proposal in
// one write, logged; the proposal follows (changed, deleted without one,
// added again); a stale version, another member, a decided registration
// and a passed registration deadline are refused and change nothing.
func TestUpdateRegistration(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "hessen")
	bodyID, _ := fixture(t, s)
	today := s.Today()
	open := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 49, Date: model.BerlinDate(today.Time().AddDate(0, 2, 0)),
		RegistrationDeadline: model.BerlinDate(today.Time().AddDate(0, 1, 0)), Status: model.StatusPlanned}))
	se, err := s.Session(ctx, open)
	check(t, err)
	reg := model.Registration{Member: "HE", Title: "Cloud-Strategie", Goal: model.GoalDecision, Impact: model.Impact{Stated: true},
		Applicants: []string{"HE", "Bund"}, Proposal: []model.Point{{Text: "Der IT-Planungsrat beschließt die Cloud-Strategie."}}}
	id := must[int64](t)(s.RegisterItem(ctx, reg.Item(se, s.now()), reg.Draft(bodyID)))
	it := must[model.AgendaItem](t)(s.Item(ctx, id))
	proposal := func() []model.Decision {
		t.Helper()
		ds, err := s.Decisions(ctx, DecisionFilter{ItemID: id})
		check(t, err)
		return ds
	}

	// Changed: title, goal, sources, affected conferences, the proposal.
	conf := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "IMK", Name: "Innenministerkonferenz"}))
	change := reg
	change.Title, change.Sources, change.Points = "Cloud-Strategie 2026", []string{"Zielbild"}, []string{"Sachstand"}
	change.Affected, change.Impact = true, model.Impact{Stated: true, ConferenceIDs: []int64{conf}, Note: "Polizei"}
	change.Proposal = []model.Point{{Text: "Der IT-Planungsrat beschließt die Cloud-Strategie 2026."}}
	got, err := s.UpdateRegistration(ctx, id, it.Version, "HE", change)
	if err != nil {
		t.Fatalf("change: %v", err)
	}
	if got.Title != "Cloud-Strategie 2026" || fmt.Sprint(got.Sources) != "[Zielbild]" || fmt.Sprint(got.Points) != "[Sachstand]" || fmt.Sprint(got.Impact.ConferenceIDs) != fmt.Sprint([]int64{conf}) ||
		got.Impact.Note != "Polizei" || got.Version != it.Version+1 || got.Status != model.ItemRegistered || got.RegisteredBy != "HE" || !got.RegisteredAt.Equal(it.RegisteredAt) || !got.Flags.Decision {
		t.Errorf("changed registration: %+v", got)
	}
	if ds := proposal(); len(ds) != 1 || ds[0].Title != "Cloud-Strategie 2026" || ds[0].Points[0].Text != "Der IT-Planungsrat beschließt die Cloud-Strategie 2026." || fmt.Sprint(ds[0].Applicants) != "[HE Bund]" {
		t.Errorf("changed proposal: %+v", ds)
	}
	page, err := s.AuditEntries(ctx, AuditFilter{Entity: "agenda_item", EntityID: id})
	check(t, err)
	if len(page.Entries) == 0 || page.Entries[0].Action != "update" || page.Entries[0].Actor != "hessen" || !strings.Contains(page.Entries[0].After, "Cloud-Strategie 2026") {
		t.Errorf("audit of the change: %+v", page.Entries)
	}

	// Without a proposal (a report), the draft goes; with one again, it comes.
	report := change
	report.Goal, report.Proposal = model.GoalReport, nil
	if got, err = s.UpdateRegistration(ctx, id, got.Version, "HE", report); err != nil || got.Flags.Decision {
		t.Fatalf("change to a report: %+v %v", got, err)
	}
	if ds := proposal(); len(ds) != 0 {
		t.Errorf("the report keeps a proposal: %+v", ds)
	}
	if got, err = s.UpdateRegistration(ctx, id, got.Version, "HE", change); err != nil {
		t.Fatalf("change back to a decision: %v", err)
	}
	if ds := proposal(); len(ds) != 1 || ds[0].Status != model.DecisionDraft || ds[0].SessionID != open {
		t.Errorf("the proposal added again: %+v", ds)
	}

	refused := func(name string, err error, class model.Class, reason string) {
		t.Helper()
		if model.ClassOf(err) != class || !strings.Contains(model.ReasonOf(err), reason) {
			t.Errorf("%s: %v, want class %v with %q", name, err, class, reason)
		}
		if now := must[model.AgendaItem](t)(s.Item(ctx, id)); now.Title != got.Title || now.Version != got.Version {
			t.Errorf("%s changed the registration: %+v", name, now)
		}
	}
	other := change
	other.Title = "Anders"
	_, err = s.UpdateRegistration(ctx, id, got.Version-1, "HE", other)
	refused("stale version", err, model.ErrConflict, "inzwischen geändert")
	_, err = s.UpdateRegistration(ctx, id, got.Version, "BY", other)
	refused("another member", err, model.ErrForbidden, "das Mitglied, das sie gemacht hat")

	// The deadline passed: refused, though the session is still planned.
	deadline := func(d model.Date) {
		t.Helper()
		se := must[model.Session](t)(s.Session(ctx, open))
		se.RegistrationDeadline = d
		check(t, s.UpdateSession(ctx, se))
	}
	deadline(model.BerlinDate(today.Time().AddDate(0, 0, -1)))
	_, err = s.UpdateRegistration(ctx, id, got.Version, "HE", other)
	refused("after the deadline", err, model.ErrRule, "Anmeldeschluss")
	deadline(model.Date{})

	// Decided: refused.
	if _, err = s.DecideRegistration(ctx, id, got.Version, true, ""); err != nil {
		t.Fatal(err)
	}
	got = must[model.AgendaItem](t)(s.Item(ctx, id))
	_, err = s.UpdateRegistration(ctx, id, got.Version, "HE", other)
	refused("a decided registration", err, model.ErrRule, "schon entschieden")
}

// TestUpdateRegistrationIsOneTransaction: a change whose last step (the
// proposal added) fails leaves the registration as it was, without an
// audit entry.
func TestUpdateRegistrationIsOneTransaction(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	open := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 49, Status: model.StatusPlanned}))
	se := must[model.Session](t)(s.Session(ctx, open))
	reg := model.Registration{Member: "HE", Title: "Bericht", Goal: model.GoalReport, Impact: model.Impact{Stated: true}}
	id := must[int64](t)(s.RegisterItem(ctx, reg.Item(se, s.now()), nil))
	it := must[model.AgendaItem](t)(s.Item(ctx, id))
	entries := count(t, s, "audit_log")
	failOn(t, s, "INSERT", "decisions")
	change := reg
	change.Title, change.Goal, change.Applicants = "Beschluss", model.GoalDecision, []string{"HE", "Bund"}
	change.Proposal = []model.Point{{Text: "Der IT-Planungsrat beschließt."}}
	if _, err := s.UpdateRegistration(ctx, id, it.Version, "HE", change); model.ClassOf(err) != model.ErrInternal {
		t.Fatalf("the change with a failing last step: %v", err)
	}
	if now := must[model.AgendaItem](t)(s.Item(ctx, id)); now.Title != "Bericht" || now.Version != it.Version || now.Flags.Decision {
		t.Errorf("the failed change was stored: %+v", now)
	}
	if n := count(t, s, "audit_log"); n != entries {
		t.Errorf("audit entries %d, %d before", n, entries)
	}
}
