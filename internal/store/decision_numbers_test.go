package store

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestEarlierDecisionNumberIsNeverGivenAgain: an earlier decision
// recorded as B-2025/01-IT (taken on 01.03.2025, before gremium) did not
// move the year's counter, so the next Beschluss adopted in session 47
// was numbered B-2025/01-IT as well — one number, two decisions — and a
// spokesperson assignment citing the number then took the register's
// decision (its session, its day). Now recording it moves the counter
// past it, and the citation keeps the earlier decision.
func TestEarlierDecisionNumberIsNeverGivenAgain(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 6, 26, 10, 0, 0, 0, model.Berlin) })
	must[int64](t)(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2025, Seq: 1}, AdoptedOn: model.NewDate(2025, 3, 1), Title: "Früher gefasst"}))
	id := draftIn(t, s, bodyID, sessionID, model.KindDecision, "Neu in Sitzung 47")
	out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, id, votesOf(model.VoteYes, voters...)))
	if got := out.Decisions[0].Label; got != "B-2025/02-IT" {
		t.Errorf("the Beschluss adopted after earlier decision B-2025/01-IT is numbered %s, want B-2025/02-IT", got)
	}
	// A counter recorded before the fix, behind an earlier decision of
	// the year, is healed at the next adoption.
	must[int64](t)(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2025, Seq: 5}, AdoptedOn: model.NewDate(2025, 4, 1)}))
	if _, err := s.db.ExecContext(ctx, `UPDATE decision_counters SET last = 2`); err != nil {
		t.Fatal(err)
	}
	id = draftIn(t, s, bodyID, sessionID, model.KindDecision, "Noch einer in Sitzung 47")
	if got := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, id, votesOf(model.VoteYes, voters...))).Decisions[0].Label; got != "B-2025/06-IT" {
		t.Errorf("after earlier decision B-2025/05-IT with the counter at 2: %s, want B-2025/06-IT", got)
	}
	id = draftIn(t, s, bodyID, sessionID, model.KindDecision, "Und der nächste")
	if got := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, id, votesOf(model.VoteYes, voters...))).Decisions[0].Label; got != "B-2025/07-IT" {
		t.Errorf("the next: %s, want B-2025/07-IT", got)
	}
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	must[int64](t)(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HB", DecisionRef: "B-2025/01-IT"}))
	as := must[[]model.Assignment](t)(s.Assignments(ctx, fmk))
	if len(as) != 1 || as[0].StartOn != model.NewDate(2025, 3, 1) {
		t.Errorf("the assignment by earlier decision B-2025/01-IT starts %+v, want 2025-03-01", as)
	}
}

// TestCitationOfATwiceGivenNumberKeepsTheEarlierDecision: a database from
// before the fix may hold a register decision with the number of an
// earlier decision (given again by the counter that did not know it). The
// earlier decision had the number first — recording one in the register
// is refused — so a citation keeps meaning it instead of switching to the
// register's decision.
func TestCitationOfATwiceGivenNumberKeepsTheEarlierDecision(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 6, 26, 10, 0, 0, 0, model.Berlin) })
	id := draftIn(t, s, bodyID, sessionID, model.KindDecision, "Neu in Sitzung 47")
	if got := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, id, votesOf(model.VoteYes, voters...))).Decisions[0].Label; got != "B-2025/01-IT" {
		t.Fatalf("set-up: %s", got)
	}
	// The earlier decision of that number, as the old numbering left it
	// beside the register's (recorded first; the row order does not
	// matter to the citation).
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := s.insert(ctx, tx, "earlier_decision", "B-2025/01-IT",
			`INSERT INTO earlier_decisions (body_id, year, seq, label, adopted_on) VALUES (?, 2025, 1, 'B-2025/01-IT', '2025-03-01')`, bodyID)
		return err
	}))
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	must[int64](t)(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HB", DecisionRef: "B-2025/01-IT"}))
	as := must[[]model.Assignment](t)(s.Assignments(ctx, fmk))
	if len(as) != 1 || as[0].StartOn != model.NewDate(2025, 3, 1) {
		t.Errorf("the citation of B-2025/01-IT switched to the register's decision: %+v", as)
	}
}

// TestEarlierDecisionRefusals: an earlier decision dated after today
// (B-2031/07-IT of 01.03.2031) was accepted, though an earlier decision is
// one taken before gremium; one with a number gremium has given said so
// as a conflict at no field; one recorded twice got the generic "Ein
// Eintrag mit dieser Nummer oder diesem Namen existiert bereits." at no
// field. Each is now refused with its reason at its field.
func TestEarlierDecisionRefusals(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 6, 26, 10, 0, 0, 0, model.Berlin) })
	id := draftIn(t, s, bodyID, sessionID, model.KindDecision, "In Sitzung 47")
	if got := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, id, votesOf(model.VoteYes, voters...))).Decisions[0].Label; got != "B-2025/01-IT" {
		t.Fatalf("set-up: %s", got)
	}
	must[int64](t)(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	// Today is an earlier decision's last day.
	must[int64](t)(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2025, Seq: 9}, AdoptedOn: model.NewDate(2025, 6, 26)}))
	for _, tc := range []struct {
		name  string
		e     model.EarlierDecision
		field string
		class model.Class
		want  string
	}{
		{"dated after today", model.EarlierDecision{Number: model.DecisionNumber{Year: 2031, Seq: 7}, AdoptedOn: model.NewDate(2031, 3, 1)}, "datum", model.ErrInput, "01.03.2031"},
		{"tomorrow", model.EarlierDecision{Number: model.DecisionNumber{Year: 2025, Seq: 10}, AdoptedOn: model.NewDate(2025, 6, 27)}, "datum", model.ErrInput, "nach heute"},
		{"a number gremium gave", model.EarlierDecision{Number: model.DecisionNumber{Year: 2025, Seq: 1}, AdoptedOn: model.NewDate(2025, 3, 1)}, "nummer", model.ErrConflict, "B-2025/01-IT"},
		{"recorded twice", model.EarlierDecision{Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}, "nummer", model.ErrConflict, "bereits als früherer Beschluss erfasst"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.e.BodyID = bodyID
			_, err := s.SaveEarlierDecision(ctx, tc.e)
			if model.FieldOf(err) != tc.field || model.ClassOf(err) != tc.class || !strings.Contains(model.ReasonOf(err), tc.want) {
				t.Errorf("got %v at %q (class %v), want %v at %q saying %q", err, model.FieldOf(err), model.ClassOf(err), tc.class, tc.field, tc.want)
			}
		})
	}
	es := must[[]model.EarlierDecision](t)(s.EarlierDecisions(ctx, bodyID))
	if len(es) != 2 {
		t.Errorf("refused earlier decisions were stored: %+v", es)
	}
	// The counter moved past B-2025/09-IT, not back by the refusals.
	id = draftIn(t, s, bodyID, sessionID, model.KindDecision, "Danach")
	if got := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, sessionID, id, votesOf(model.VoteYes, voters...))).Decisions[0].Label; got != "B-2025/10-IT" {
		t.Errorf("after earlier decision B-2025/09-IT: %s, want B-2025/10-IT", got)
	}
}
