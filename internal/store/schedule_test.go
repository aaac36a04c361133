package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestSessionTimeSpanRefused: "13:00 – 09:00" was stored as given; the
// span must end after it begins, with a German reason.
func TestSessionTimeSpanRefused(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	_, err := s.PlanSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2026, 3, 12), StartTime: "13:00", EndTime: "09:00", Status: model.StatusPlanned}, nil)
	if model.ClassOf(err) != model.ErrInput || !strings.Contains(model.ReasonOf(err), "muss nach dem Beginn liegen") {
		t.Fatalf("13:00 – 09:00: %v", err)
	}
	if _, err := s.SessionByNumber(ctx, bodyID, 48); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the refused session is stored: %v", err)
	}
}

// TestEditMoveCancelSession: editing without a change of date needs no
// reason and announces nothing; a move needs a reason, keeps the former
// date, raises the sequence and is announced in the same transaction; a
// cancellation likewise; a cancelled session moves no further.
func TestEditMoveCancelSession(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "hessen@example.org", model.EventSessionChanged)
	id := must[int64](t)(s.PlanSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2026, 3, 12), StartTime: "09:00", EndTime: "13:00", Place: "Berlin", Chair: "HE", Status: model.StatusPlanned}, nil))
	se := must[model.Session](t)(s.Session(ctx, id))

	// A change of chair and kind only: no reason needed, nothing announced.
	c := SessionChange{ID: id, Version: se.Version, Date: se.Date, StartTime: "09:00", EndTime: "13:00", Place: "Berlin", Chair: "Bund", Kind: model.SessionRegular}
	check(t, s.EditSession(ctx, c))
	se = must[model.Session](t)(s.Session(ctx, id))
	if se.Chair != "Bund" || se.Schedule.Sequence != 0 || len(queued(t, s, model.EventSessionChanged)) != 0 {
		t.Fatalf("plain edit: %+v %v", se, queued(t, s, model.EventSessionChanged))
	}

	// A time span the wrong way round is refused, also on edit.
	c = SessionChange{ID: id, Version: se.Version, Date: se.Date, StartTime: "13:00", EndTime: "09:00", Place: "Berlin", Reason: "Raum"}
	if err := s.EditSession(ctx, c); model.ClassOf(err) != model.ErrInput {
		t.Fatalf("13:00 – 09:00 on edit: %v", err)
	}

	// A move without a reason is refused.
	c = SessionChange{ID: id, Version: se.Version, Date: model.NewDate(2026, 3, 19), StartTime: "10:00", EndTime: "14:00", Place: "Berlin"}
	if err := s.EditSession(ctx, c); model.ClassOf(err) != model.ErrInput {
		t.Fatalf("move without reason: %v", err)
	}
	c.Reason = "Terminkollision mit der MPK"
	check(t, s.EditSession(ctx, c))
	se = must[model.Session](t)(s.Session(ctx, id))
	if se.Date != model.NewDate(2026, 3, 19) || se.Schedule.PreviousDate != model.NewDate(2026, 3, 12) || se.Schedule.ChangeNote != c.Reason || se.Schedule.Sequence != 1 {
		t.Fatalf("moved: %+v", se)
	}
	if got := queued(t, s, model.EventSessionChanged); len(got) != 1 || got[0] != "hessen@example.org" {
		t.Fatalf("move announced to %v", got)
	}
	// A stale version changes nothing.
	if err := s.EditSession(ctx, c); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale edit: %v", err)
	}

	// Cancel: reason required, public text without marks.
	if err := s.CancelSession(ctx, id, se.Version, " "); model.ClassOf(err) != model.ErrInput {
		t.Fatalf("cancel without reason: %v", err)
	}
	if err := s.CancelSession(ctx, id, se.Version, "wegen [[intern]]"); model.ClassOf(err) != model.ErrInput {
		t.Fatalf("cancel with a confidential mark: %v", err)
	}
	check(t, s.CancelSession(ctx, id, se.Version, "Die Themen werden im Umlaufverfahren behandelt."))
	se = must[model.Session](t)(s.Session(ctx, id))
	if !se.Cancelled() || se.Schedule.Sequence != 2 || se.StatusLabel() != "abgesagt" || se.Schedule.CancelledOn.IsZero() {
		t.Fatalf("cancelled: %+v", se)
	}
	if got := queued(t, s, model.EventSessionChanged); len(got) != 2 {
		t.Fatalf("cancellation announced: %v", got)
	}
	list, _, err := s.Notifications(ctx, OutboxFilter{Event: model.EventSessionChanged, Limit: 10})
	check(t, err)
	found := false
	for _, n := range list {
		found = found || strings.HasPrefix(n.Subject, "Sitzung abgesagt") && strings.Contains(n.Body, "Umlaufverfahren behandelt")
	}
	if !found {
		t.Fatalf("no cancellation message with its reason: %+v", list)
	}
	// A cancelled session neither moves nor changes its status, and is
	// not the next regular session.
	c = SessionChange{ID: id, Version: se.Version, Date: model.NewDate(2026, 4, 2), StartTime: "10:00", EndTime: "14:00", Reason: "neu"}
	if err := s.EditSession(ctx, c); model.ClassOf(err) != model.ErrRule {
		t.Fatalf("edit of a cancelled session: %v", err)
	}
	if _, err := s.RegisterItem(ctx, model.AgendaItem{SessionID: id, Title: "Spät", RegisteredBy: "HE", Status: model.ItemRegistered, Impact: model.Impact{Stated: true}}, nil); model.ClassOf(err) != model.ErrRule {
		t.Fatalf("registration for a cancelled session: %v", err)
	}
	if err := s.SetSessionStatus(ctx, id, se.Version, model.StatusConvened); model.ClassOf(err) != model.ErrRule {
		t.Fatalf("convening a cancelled session: %v", err)
	}
	check(t, s.SetSessionStatus(ctx, must[int64](t)(sessionIDOf(s, bodyID, 47)), 2, model.StatusEnded))
	if n, err := s.NextRegularSession(ctx, bodyID); model.ClassOf(err) != model.ErrRule {
		t.Fatalf("a cancelled session is the next regular one: %d %v", n, err)
	}
}

// TestEditRunningSessionRefused: once the session runs its date is
// history.
func TestEditRunningSessionRefused(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := fixture(t, s)
	se := must[model.Session](t)(s.Session(ctx, sessionID))
	err := s.EditSession(ctx, SessionChange{ID: sessionID, Version: se.Version, Date: se.Date, StartTime: "09:00", EndTime: "12:15", Place: "Schwerin"})
	if model.ClassOf(err) != model.ErrRule {
		t.Fatalf("edit of a running session: %v", err)
	}
	if err := s.CancelSession(ctx, sessionID, se.Version, "Grund"); model.ClassOf(err) != model.ErrRule {
		t.Fatalf("cancel of a running session: %v", err)
	}
}

// TestDeleteSessionOnlyWhileEmpty: a session planned by mistake goes with
// its standard items; one with a registration, a document or a published
// agenda stays.
func TestDeleteSessionOnlyWhileEmpty(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	standard := []model.AgendaItem{{Number: "00", Title: "Begrüßung", Position: 0}, {Title: "Reporting FachMK", Position: 1}}
	id := must[int64](t)(s.PlanSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusPlanned}, standard))
	se := must[model.Session](t)(s.Session(ctx, id))
	if err := s.DeleteSession(ctx, id, se.Version+1); !errors.Is(err, ErrConflict) {
		t.Fatalf("stale delete: %v", err)
	}
	check(t, s.DeleteSession(ctx, id, se.Version))
	if _, err := s.Session(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted session still there: %v", err)
	}
	if items := must[[]model.AgendaItem](t)(s.Items(ctx, id)); len(items) != 0 {
		t.Fatalf("items left: %v", items)
	}
	// Its OParl Meeting stays as a tombstone (public ids are never reused).
	var tombstones int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM oparl_objects WHERE kind = 'meeting' AND deleted = 1`).Scan(&tombstones); err != nil || tombstones != 1 {
		t.Errorf("OParl tombstones of meetings: %d %v", tombstones, err)
	}

	// With a registration the session is not empty.
	id = must[int64](t)(s.PlanSession(ctx, model.Session{BodyID: bodyID, Number: 49, Date: model.NewDate(2026, 6, 12), Status: model.StatusPlanned}, standard))
	must[int64](t)(s.RegisterItem(ctx, model.AgendaItem{SessionID: id, Title: "Cloud", RegisteredBy: "HE", Status: model.ItemRegistered, Impact: model.Impact{Stated: true}}, nil))
	se = must[model.Session](t)(s.Session(ctx, id))
	if err := s.DeleteSession(ctx, id, se.Version); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "absagen") {
		t.Fatalf("delete with a registration: %v", err)
	}

	// With a document (a table added later than this code) likewise.
	id = must[int64](t)(s.PlanSession(ctx, model.Session{BodyID: bodyID, Number: 50, Date: model.NewDate(2026, 9, 12), Status: model.StatusPlanned}, standard))
	must[int64](t)(s.CreateDocument(ctx, Document{SessionID: id, Filename: "vorlage.pdf", ContentType: "application/pdf", Size: 8, SHA256: "0000", UploadedBy: "gs"}))
	se = must[model.Session](t)(s.Session(ctx, id))
	if err := s.DeleteSession(ctx, id, se.Version); model.ClassOf(err) != model.ErrRule {
		t.Fatalf("delete with a document: %v", err)
	}
}

func sessionIDOf(s *Store, bodyID int64, number int) (int64, error) {
	se, err := s.SessionByNumber(context.Background(), bodyID, number)
	return se.ID, err
}

// TestRegistrationNeedsOpenSession: a registration reaching the store for
// a session that has begun is refused inside the write (the form checked
// the session when it was shown; the API and a form sent after the opening
// stored an item pending for a running session).
func TestRegistrationNeedsOpenSession(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := fixture(t, s)
	_, err := s.RegisterItem(ctx, model.AgendaItem{SessionID: sessionID, Title: "Zu spät", RegisteredBy: "HE", Status: model.ItemRegistered, Impact: model.Impact{Stated: true}}, nil)
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "47. Sitzung") {
		t.Fatalf("registration for the running 47th session: %v", err)
	}
}

// TestSessionMovedTwiceKeepsEveryMove: a session moved twice names both
// former dates, each move with its own reason — before, only the latest
// former date was kept, and a time change's reason replaced the move's.
// The migration 985 gives a session moved before it its latest move.
func TestSessionMovedTwiceKeepsEveryMove(t *testing.T) {
	ctx := context.Background()
	// Without the audit guard: the migration rewrites rows, as migrations do.
	s, err := testOpen(t, ctx, t.TempDir())
	check(t, err)
	defer s.Close()
	bodyID, _ := fixture(t, s)
	id := must[int64](t)(s.PlanSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2026, 3, 12), StartTime: "09:00", EndTime: "13:00", Place: "Berlin", Chair: "HE", Status: model.StatusPlanned}, nil))
	edit := func(date model.Date, start, reason string) {
		t.Helper()
		se := must[model.Session](t)(s.Session(ctx, id))
		check(t, s.EditSession(ctx, SessionChange{ID: id, Version: se.Version, Date: date, StartTime: start, EndTime: "14:00", Place: "Berlin", Chair: "HE", Kind: model.SessionRegular, Reason: reason}))
	}
	edit(model.NewDate(2026, 3, 19), "09:00", "Terminkollision mit der MPK")
	edit(model.NewDate(2026, 3, 26), "09:00", "Raum nicht verfügbar")
	edit(model.NewDate(2026, 3, 26), "10:00", "Anreise")
	se := must[model.Session](t)(s.Session(ctx, id))
	want := []model.SessionMove{
		{From: model.NewDate(2026, 3, 12), To: model.NewDate(2026, 3, 19), Reason: "Terminkollision mit der MPK"},
		{From: model.NewDate(2026, 3, 19), To: model.NewDate(2026, 3, 26), Reason: "Raum nicht verfügbar"},
	}
	if !slices.Equal(se.Schedule.Moves, want) {
		t.Errorf("moves %+v, want %+v", se.Schedule.Moves, want)
	}
	if got := se.Schedule.FormerDates(); got != "12.03.2026 und 19.03.2026" {
		t.Errorf("FormerDates = %q", got)
	}
	if se.Schedule.PreviousDate != model.NewDate(2026, 3, 19) || se.Schedule.ChangeNote != "Anreise" {
		t.Errorf("latest change: %+v", se.Schedule)
	}

	reapplyMigration(t, s, 985)
	se = must[model.Session](t)(s.Session(ctx, id))
	if want := []model.SessionMove{{From: model.NewDate(2026, 3, 19), To: model.NewDate(2026, 3, 26), Reason: "Anreise"}}; !slices.Equal(se.Schedule.Moves, want) {
		t.Errorf("after the migration: moves %+v, want %+v", se.Schedule.Moves, want)
	}
	other := must[model.Session](t)(s.SessionByNumber(ctx, bodyID, 47))
	if len(other.Schedule.Moves) != 0 || other.Schedule.FormerDates() != "" {
		t.Errorf("a session never moved has moves after the migration: %+v", other.Schedule)
	}
}
