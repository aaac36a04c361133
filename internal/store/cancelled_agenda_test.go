package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestCancelledSessionTakesNoDecisionOnItsAgenda: once the 48th is
// cancelled, a pending registration is not accepted onto its agenda nor
// is the agenda numbered (ErrAgendaClosed, as a new registration is
// refused); it may still be declined. Its AL-Runde, not begun, is
// cancelled with it, so it no longer prepares the cancelled session, and
// the registering member's items no longer await its recommendation.
// Before, "Annehmen" and "TOPs nummerieren" worked on the cancelled
// agenda, and "Mein Bereich" said the items waited for the 40th AL-Runde.
func TestCancelledSessionTakesNoDecisionOnItsAgenda(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	now := time.Date(2026, 2, 2, 9, 0, 0, 0, model.Berlin)
	s.SetClock(func() time.Time { return now })
	// The fixture's AL-Runde runs; this one is planned.
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(ctx, tx, "session", f.al); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET status = ? WHERE id = ?`, model.StatusPlanned, f.al); err != nil {
			return err
		}
		return s.audit(ctx, tx, "status", "session", f.al, string(model.StatusPlanned))
	}))
	pending := must[int64](t)(s.RegisterItem(ctx, model.AgendaItem{SessionID: f.main, SectionID: f.section, Title: "Noch offen", Goal: model.GoalDiscussion,
		Status: model.ItemRegistered, RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, nil))
	declined := must[int64](t)(s.RegisterItem(ctx, model.AgendaItem{SessionID: f.main, SectionID: f.section, Title: "Abzulehnen", Goal: model.GoalDiscussion,
		Status: model.ItemRegistered, RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, nil))
	if len(awaitingRecommendation(t, s, "HE")) == 0 {
		t.Fatal("nothing awaits the AL-Runde before the cancellation")
	}
	check(t, s.CancelSession(ctx, f.main, must[model.Session](t)(s.Session(ctx, f.main)).Version, "Terminkollision"))

	it := must[model.AgendaItem](t)(s.Item(ctx, pending))
	if _, err := s.DecideRegistration(ctx, pending, it.Version, true, ""); !errors.Is(err, ErrAgendaClosed) || !strings.Contains(model.ReasonOf(err), "48. Sitzung") {
		t.Errorf("accepting onto the cancelled agenda: %v", err)
	}
	if it := must[model.AgendaItem](t)(s.Item(ctx, pending)); it.Status != model.ItemRegistered {
		t.Errorf("the registration is %s", it.Status)
	}
	if _, err := s.NumberAgenda(ctx, f.main); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "abgesagt") {
		t.Errorf("numbering the cancelled agenda: %v", err)
	}
	d := must[model.AgendaItem](t)(s.Item(ctx, declined))
	if _, err := s.DecideRegistration(ctx, declined, d.Version, false, "Die Sitzung ist abgesagt."); err != nil {
		t.Errorf("declining a registration of a cancelled session: %v", err)
	}
	if got := must[model.Session](t)(s.Session(ctx, f.al)); !got.Cancelled() || !strings.Contains(got.Schedule.CancelledReason, "48. Sitzung") {
		t.Errorf("the AL-Runde preparing the cancelled session: %+v", got.Schedule)
	}
	if aw := awaitingRecommendation(t, s, "HE"); len(aw) != 0 {
		t.Errorf("items of a cancelled session await the AL-Runde: %+v", aw)
	}
}
