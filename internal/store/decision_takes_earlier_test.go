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

// TestRecordedDecisionIsTheEarlierDecision: the secretariat records a
// decision from before gremium (CreateDecision) whose number an earlier
// decision holds (B-2025/03-IT of 27.03.2025, cited by a spokesperson's
// appointment). Before, the number was refused ("ist bereits vergeben")
// although the decision recorded is that earlier decision, while the
// minutes import of the same decision let the earlier record give way.
// Now CreateDecision does what the import does: on the same day (or where
// a day is unknown) the earlier decision's record gives way in the same
// transaction, audited, and the citation names the decision; on another
// day, or not adopted, the number is refused naming both days, nothing
// stored.
func TestRecordedDecisionIsTheEarlierDecision(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, _ := lawFixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 6, 26, 8, 0, 0, 0, model.Berlin) })
	earlier := must[int64](t)(s.SaveEarlierDecision(ctx, earlier2025(bodyID, 3, model.NewDate(2025, 3, 27))))
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	must[int64](t)(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HB", DecisionRef: "B-2025/03-IT"}))
	past := func(status model.DecisionStatus, result string, on model.Date) model.Decision {
		return model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: status, Result: result, Scope: model.ScopeAll,
			Number: model.DecisionNumber{Year: 2025, Seq: 3}, AdoptedOn: on, Title: "Aus der Akte"}
	}
	for _, tc := range []struct {
		name string
		d    model.Decision
		want string
	}{
		{"adopted on another day", past(model.DecisionAdopted, "einstimmig", model.NewDate(2025, 3, 28)),
			"ist als früherer Beschluss vom 27.03.2025 erfasst; eine Nummer nennt einen Beschluss. Der Beschluss, den Sie erfassen, ist vom 28.03.2025"},
		{"rejected", past(model.DecisionRejected, "abgelehnt", model.NewDate(2025, 3, 27)),
			"ist als früherer Beschluss vom 27.03.2025 erfasst"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.CreateDecision(ctx, tc.d)
			if !errors.Is(err, ErrDuplicate) || model.FieldOf(err) != "nummer" || !strings.Contains(model.ReasonOf(err), tc.want) {
				t.Errorf("got %v, want the number refused saying %q", err, tc.want)
			}
			if es := must[[]model.EarlierDecision](t)(s.EarlierDecisions(ctx, bodyID)); len(es) != 1 {
				t.Errorf("the earlier decision went: %+v", es)
			}
			if ds := must[[]model.Decision](t)(s.Decisions(ctx, DecisionFilter{BodyID: bodyID, Year: 2025, Numbered: true})); len(ds) != 0 {
				t.Errorf("a refused decision was stored: %+v", ds)
			}
		})
	}
	id := must[int64](t)(s.CreateDecision(ctx, past(model.DecisionAdopted, "einstimmig", model.NewDate(2025, 3, 27))))
	if es := must[[]model.EarlierDecision](t)(s.EarlierDecisions(ctx, bodyID)); len(es) != 0 {
		t.Errorf("the earlier decision's record stays beside the recorded decision: %+v", es)
	}
	ds := must[[]model.Decision](t)(s.Decisions(ctx, DecisionFilter{BodyID: bodyID, Year: 2025, Numbered: true}))
	if len(ds) != 1 || ds[0].ID != id || ds[0].Label != "B-2025/03-IT" {
		t.Fatalf("the register: %+v", ds)
	}
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		on, _, err := citedDecision(ctx, tx, bodyID, "B-2025/03-IT")
		if err == nil && on != model.NewDate(2025, 3, 27) {
			t.Errorf("the citation names the decision of %s, want 27.03.2025", on)
		}
		return err
	}))
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "earlier_decision", earlier))
	if len(log) != 2 || log[1].Action != "remove" || !strings.Contains(log[1].Detail, "B-2025/03-IT: als Beschluss erfasst") {
		t.Errorf("the earlier decision's giving way is not audited: %+v", log)
	}
	// The number is the register's now: recorded again, it is refused.
	if _, err := s.CreateDecision(ctx, past(model.DecisionAdopted, "einstimmig", model.NewDate(2025, 3, 27))); !errors.Is(err, ErrDuplicate) ||
		!strings.Contains(model.ReasonOf(err), "steht im Beschlussregister") {
		t.Errorf("a number of the register: %v", err)
	}
	// Numbering goes on after it.
	if n := must[model.DecisionNumbering](t)(s.DecisionNumbering(ctx, bodyID, 2025)); n.Next != "B-2025/04-IT" {
		t.Errorf("next number %s, want B-2025/04-IT", n.Next)
	}
}
