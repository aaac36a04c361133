package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestSessionOpensOnlyWithPublishedAgenda: the 48th session could be
// opened ("Sitzung eröffnen") although its agenda (Tagesordnung) was never
// published: the members deliberated an agenda they were never sent.
// Opening is refused with ErrAgendaUnpublished, a rule error naming the
// session, and stores nothing (status, version, audit); convening
// ("einberufen") is not refused and does not publish the agenda either:
// a convened session's agenda is still being built (registrations until
// the deadline, "TOPs nummerieren", the AL-Runde's recommendations), and
// its publication asks its own confirmations. Once published, it opens.
func TestSessionOpensOnlyWithPublishedAgenda(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := lawFixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2026, 3, 12, 9, 0, 0, 0, model.Berlin) })
	id := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusPlanned}))

	se := must[model.Session](t)(s.Session(ctx, id))
	check(t, s.SetSessionStatus(ctx, id, se.Version, model.StatusConvened))
	se = must[model.Session](t)(s.Session(ctx, id))
	if se.Status != model.StatusConvened || se.AgendaPublished {
		t.Fatalf("convened: status %s, agenda published %v", se.Status, se.AgendaPublished)
	}

	before := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "session", id))
	err := s.SetSessionStatus(ctx, id, se.Version, model.StatusRunning)
	if !errors.Is(err, ErrAgendaUnpublished) || model.ClassOf(err) != model.ErrRule {
		t.Fatalf("opened without a published agenda: %v", err)
	}
	if r := model.ReasonOf(err); !strings.Contains(r, "48. Sitzung kann nicht eröffnet werden") || !strings.Contains(r, "Tagesordnung veröffentlichen") {
		t.Errorf("reason = %q", r)
	}
	after := must[model.Session](t)(s.Session(ctx, id))
	if after.Status != model.StatusConvened || after.Version != se.Version || after.AgendaPublished {
		t.Errorf("the refusal stored something: %+v", after)
	}
	if log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "session", id)); len(log) != len(before) {
		t.Errorf("the refusal is audited: %d entries, before %d", len(log), len(before))
	}

	se.AgendaPublished = true
	check(t, s.UpdateSession(ctx, se))
	se = must[model.Session](t)(s.Session(ctx, id))
	check(t, s.SetSessionStatus(ctx, id, se.Version, model.StatusRunning))
	if got := must[model.Session](t)(s.Session(ctx, id)); got.Status != model.StatusRunning {
		t.Errorf("published, the session is %s", got.Status)
	}
}

// publishAgendaForTest publishes the agenda of session id, as the
// secretariat does before opening it (ErrAgendaUnpublished). Test set-up
// only.
func publishAgendaForTest(t testing.TB, s *Store, id int64) {
	t.Helper()
	se := must[model.Session](t)(s.Session(context.Background(), id))
	if se.AgendaPublished {
		return
	}
	se.AgendaPublished = true
	check(t, s.UpdateSession(context.Background(), se))
}
