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

// adoptIn adopts a new Beschluss in the running session (lawFixture's) by
// a show of hands of every voter and gives it as adopted.
func adoptIn(t *testing.T, s *Store, bodyID, sessionID int64, title string) model.Decision {
	t.Helper()
	id := draftIn(t, s, bodyID, sessionID, model.KindDecision, title)
	out := must[VoteOutcome](t)(s.RecordShowOfHands(context.Background(), sessionID, id, votesOf(model.VoteYes, voters...)))
	return out.Decisions[0]
}

// earlier2025 gives the earlier decision 2025/seq of the body, of on.
func earlier2025(bodyID int64, seq int, on model.Date) model.EarlierDecision {
	return model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2025, Seq: seq}, AdoptedOn: on, Title: "Früher gefasst"}
}

// TestEarlierDecisionNumbering: the numbers of earlier decisions and of
// gremium's own adoptions, and what a citation of B-2025/01-IT names.
//
//   - An earlier decision recorded as B-2025/01-IT (taken on 01.03.2025,
//     before gremium) did not move the year's counter, so the next
//     Beschluss adopted in session 47 was numbered B-2025/01-IT as well
//     — one number, two decisions. Recording it moves the counter past
//     it; the citation names the earlier decision.
//   - A counter recorded before that fix, behind the earlier decisions
//     of its year, is healed at the next adoption.
//   - Where a database from before holds a number twice (the register's
//     B-2025/01-IT of session 47 and an earlier decision of that number),
//     a citation preferred the earlier record; it names gremium's own
//     decision now, whatever the order of the rows.
func TestEarlierDecisionNumbering(t *testing.T) {
	for _, tc := range []struct {
		name string
		// before and after change the store before and after the
		// adoption in session 47.
		before, after func(t *testing.T, s *Store, bodyID int64)
		want          []string   // the numbers adoptions give, in turn
		cited         model.Date // the day the citation of B-2025/01-IT names
		session       int        // its session
	}{
		{"an earlier decision recorded", func(t *testing.T, s *Store, bodyID int64) {
			must[int64](t)(s.SaveEarlierDecision(context.Background(), earlier2025(bodyID, 1, model.NewDate(2025, 3, 1))))
		}, nil, []string{"B-2025/02-IT", "B-2025/03-IT"}, model.NewDate(2025, 3, 1), 0},
		{"a counter from before the fix, behind the earlier decisions", func(t *testing.T, s *Store, bodyID int64) {
			for _, seq := range []int{1, 5} {
				must[int64](t)(s.SaveEarlierDecision(context.Background(), earlier2025(bodyID, seq, model.NewDate(2025, 3, seq))))
			}
			if _, err := s.db.ExecContext(context.Background(), `UPDATE decision_counters SET last = 2`); err != nil {
				t.Fatal(err)
			}
		}, nil, []string{"B-2025/06-IT", "B-2025/07-IT"}, model.NewDate(2025, 3, 1), 0},
		{"a number held twice from before", nil, func(t *testing.T, s *Store, bodyID int64) {
			ctx := context.Background()
			check(t, s.inTx(ctx, func(tx *sql.Tx) error {
				_, err := s.insert(ctx, tx, "earlier_decision", "B-2025/01-IT",
					`INSERT INTO earlier_decisions (body_id, year, seq, label, adopted_on) VALUES (?, 2025, 1, 'B-2025/01-IT', '2025-03-01')`, bodyID)
				return err
			}))
		}, []string{"B-2025/01-IT", "B-2025/02-IT"}, model.NewDate(2025, 6, 26), 47},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := newStore(t)
			ctx := context.Background()
			bodyID, sessionID := lawFixture(t, s)
			s.SetClock(func() time.Time { return time.Date(2025, 6, 26, 10, 0, 0, 0, model.Berlin) })
			if tc.before != nil {
				tc.before(t, s, bodyID)
			}
			for i, want := range tc.want {
				if got := adoptIn(t, s, bodyID, sessionID, "Neu in Sitzung 47").Label; got != want {
					t.Errorf("adoption %d is numbered %s, want %s", i+1, got, want)
				}
				if i == 0 && tc.after != nil {
					tc.after(t, s, bodyID)
				}
			}
			fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
			must[int64](t)(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HB", DecisionRef: "B-2025/01-IT", StartSession: tc.session}))
			as := must[[]model.Assignment](t)(s.Assignments(ctx, fmk))
			if len(as) != 1 || as[0].StartOn != tc.cited {
				t.Errorf("the assignment by B-2025/01-IT starts %+v, want %s", as, tc.cited)
			}
		})
	}
}

// TestEarlierDecisionRefusals: an earlier decision dated after today
// (B-2031/07-IT of 01.03.2031) was accepted, though an earlier decision is
// one taken before gremium; one with a number gremium has given said so
// as a conflict at no field; one recorded twice got the generic "Ein
// Eintrag mit dieser Nummer oder diesem Namen existiert bereits." at no
// field. And one numbered after gremium's own decisions of its year
// (B-2025/400-IT, a slip, while gremium had numbered B-2025/10-IT) or
// dated after the first of them was taken, and moved the numbering past
// it: the next adopted decision became B-2025/401-IT. Each is now refused
// with its reason at its field.
func TestEarlierDecisionRefusals(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 7, 10, 10, 0, 0, 0, model.Berlin) })
	must[int64](t)(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)}))
	must[int64](t)(s.SaveEarlierDecision(ctx, earlier2025(bodyID, 9, model.NewDate(2025, 5, 2))))
	if got := adoptIn(t, s, bodyID, sessionID, "In Sitzung 47").Label; got != "B-2025/10-IT" {
		t.Fatalf("set-up: %s", got)
	}
	// Today is an earlier decision's last day; before gremium's first own
	// number of the year and not after its day, a number is taken.
	must[int64](t)(s.SaveEarlierDecision(ctx, earlier2025(bodyID, 8, model.NewDate(2025, 6, 26))))
	must[int64](t)(s.SaveEarlierDecision(ctx, model.EarlierDecision{BodyID: bodyID, Number: model.DecisionNumber{Year: 2024, Seq: 70}, AdoptedOn: model.NewDate(2024, 12, 20)}))
	type reason struct {
		field string
		class model.Class
		want  string
	}
	for _, tc := range []struct {
		name string
		e    model.EarlierDecision
		want []reason
	}{
		{"dated after today", model.EarlierDecision{Number: model.DecisionNumber{Year: 2031, Seq: 7}, AdoptedOn: model.NewDate(2031, 3, 1)},
			[]reason{{"datum", model.ErrInput, "01.03.2031"}}},
		{"tomorrow", earlier2025(0, 3, model.NewDate(2025, 7, 11)), []reason{{"datum", model.ErrInput, "nach heute"}}},
		{"a number gremium gave", earlier2025(0, 10, model.NewDate(2025, 3, 1)), []reason{{"nummer", model.ErrConflict, "B-2025/10-IT"}}},
		{"recorded twice", model.EarlierDecision{Number: model.DecisionNumber{Year: 2022, Seq: 43}, AdoptedOn: model.NewDate(2022, 11, 10)},
			[]reason{{"nummer", model.ErrConflict, "bereits als früherer Beschluss erfasst"}}},
		{"a slip far ahead of gremium's numbers", earlier2025(0, 400, model.NewDate(2025, 3, 1)),
			[]reason{{"nummer", model.ErrInput, "Beschluss B-2025/400-IT kann kein früherer Beschluss sein: gremium hat 2025 schon selbst Beschlüsse nummeriert, zuerst B-2025/10-IT (47. Sitzung, 26.06.2025)"}}},
		{"just after gremium's first", earlier2025(0, 11, model.NewDate(2025, 6, 1)), []reason{{"nummer", model.ErrInput, "kleinere Nummer"}}},
		{"dated after gremium's first", earlier2025(0, 5, model.NewDate(2025, 7, 1)),
			[]reason{{"datum", model.ErrInput, "der erste davon ist B-2025/10-IT (47. Sitzung, 26.06.2025), der 01.07.2025 liegt danach"}}},
		{"number and date after gremium's first", earlier2025(0, 12, model.NewDate(2025, 7, 1)),
			[]reason{{"nummer", model.ErrInput, "kleinere Nummer"}, {"datum", model.ErrInput, "liegt danach"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.e.BodyID = bodyID
			_, err := s.SaveEarlierDecision(ctx, tc.e)
			got := model.ErrorsOf(err)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %d reasons", err, len(tc.want))
			}
			for i, w := range tc.want {
				if model.FieldOf(got[i]) != w.field || model.ClassOf(got[i]) != w.class || !strings.Contains(model.ReasonOf(got[i]), w.want) {
					t.Errorf("got %v at %q (class %v), want %v at %q saying %q", got[i], model.FieldOf(got[i]), model.ClassOf(got[i]), w.class, w.field, w.want)
				}
			}
		})
	}
	if es := must[[]model.EarlierDecision](t)(s.EarlierDecisions(ctx, bodyID)); len(es) != 4 {
		t.Errorf("refused earlier decisions were stored: %+v", es)
	}
	// The counter stayed after B-2025/10-IT, neither moved by the slip nor
	// back by the refusals.
	if got := adoptIn(t, s, bodyID, sessionID, "Danach").Label; got != "B-2025/11-IT" {
		t.Errorf("after B-2025/10-IT: %s, want B-2025/11-IT", got)
	}
}

// TestEarlierDecisionSlipIsSeenAndTakenBack: in a year gremium has not
// numbered a decision of yet, an earlier decision decides where numbering
// starts — B-2025/400-IT, a slip for B-2025/04-IT, makes the next
// adopted decision B-2025/401-IT. The numbering says so
// (DecisionNumbering.NextSentence), and an earlier decision nobody cites
// can be removed: the counter goes back to the numbers given, and the
// next adoption is B-2025/05-IT. A cited one is not removed.
func TestEarlierDecisionSlipIsSeenAndTakenBack(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 6, 26, 8, 0, 0, 0, model.Berlin) })
	four := must[int64](t)(s.SaveEarlierDecision(ctx, earlier2025(bodyID, 4, model.NewDate(2025, 3, 4))))
	slip := must[int64](t)(s.SaveEarlierDecision(ctx, earlier2025(bodyID, 400, model.NewDate(2025, 4, 1))))
	n := must[model.DecisionNumbering](t)(s.DecisionNumbering(ctx, bodyID, 2025))
	if got := n.NextSentence(); got != "Der nächste Beschluss erhält die Nummer B-2025/401-IT." {
		t.Errorf("the numbering says %q", got)
	}
	// Cited, the earlier decision stays; the number is given to nothing.
	fmk := must[int64](t)(s.CreateBody(ctx, model.Body{Kind: model.BodyFachMK, Abbrev: "FMK", Name: "Finanzministerkonferenz"}))
	must[int64](t)(s.CreateAssignment(ctx, model.Assignment{ConferenceID: fmk, Member: "HB", DecisionRef: "B-2025/04-IT"}))
	es := must[[]model.EarlierDecision](t)(s.EarlierDecisions(ctx, bodyID))
	if len(es) != 2 || len(es[0].CitedBy) != 1 || !strings.Contains(es[0].CitedBy[0], "HB") || len(es[1].CitedBy) != 0 {
		t.Errorf("what cites the earlier decisions: %+v", es)
	}
	if _, err := s.DeleteEarlierDecision(ctx, four); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "zitiert") {
		t.Errorf("a cited earlier decision removed: %v", err)
	}
	if e := must[model.EarlierDecision](t)(s.DeleteEarlierDecision(ctx, slip)); e.Label != "B-2025/400-IT" {
		t.Errorf("removed %+v", e)
	}
	if _, err := s.DeleteEarlierDecision(ctx, slip); !errors.Is(err, ErrNotFound) {
		t.Errorf("removed twice: %v", err)
	}
	if got := must[model.DecisionNumbering](t)(s.DecisionNumbering(ctx, bodyID, 2025)).NextSentence(); got != "Der nächste Beschluss erhält die Nummer B-2025/05-IT." {
		t.Errorf("after the removal the numbering says %q", got)
	}
	if got := adoptIn(t, s, bodyID, sessionID, "Nach der Berichtigung").Label; got != "B-2025/05-IT" {
		t.Errorf("the adoption after the slip was removed: %s, want B-2025/05-IT", got)
	}
	// Numbered by gremium itself now: nothing to say, the removal never
	// goes below a number given.
	n = must[model.DecisionNumbering](t)(s.DecisionNumbering(ctx, bodyID, 2025))
	if n.NextSentence() != "" || n.FirstOwn != "B-2025/05-IT" || n.Next != "B-2025/06-IT" {
		t.Errorf("numbering after gremium's own: %+v", n)
	}
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "earlier_decision", slip))
	if len(log) != 2 || log[1].Action != "remove" {
		t.Errorf("the removal is not audited: %+v", log)
	}
}

// TestImportedNumbersAreOnceGiven: the minutes import stored decisions
// with their numbers without asking the body's earlier decisions, so an
// imported B-2025/01-IT stood beside the earlier decision B-2025/01-IT
// (and a decision recorded from the past by CreateDecision likewise).
// Both are refused naming the number, nothing stored; so is a number
// gremium gave itself, as before but with a reason that names it. A
// number that is free is imported and moves the counter past it, as an
// adoption does.
func TestImportedNumbersAreOnceGiven(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "import")
	bodyID, sessionID := lawFixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2025, 6, 26, 8, 0, 0, 0, model.Berlin) })
	must[int64](t)(s.SaveEarlierDecision(ctx, earlier2025(bodyID, 1, model.NewDate(2025, 3, 1))))
	if got := adoptIn(t, s, bodyID, sessionID, "In Sitzung 47").Label; got != "B-2025/02-IT" {
		t.Fatalf("set-up: %s", got)
	}
	minutesOf := func(seq int) []MinutesItem {
		it := importItem(1, seq)
		it.Decisions[0].Number.Year = 2025
		return []MinutesItem{it}
	}
	se := model.Session{Number: 40, Date: model.NewDate(2025, 2, 1), Place: "Berlin", Chair: "Bund"}
	for _, tc := range []struct {
		name string
		seq  int
		want string
	}{
		{"an earlier decision's number", 1, "Die Nummer B-2025/01-IT ist bereits vergeben: Beschluss B-2025/01-IT ist als früherer Beschluss vom 01.03.2025 erfasst"},
		{"a number gremium gave", 2, "Die Nummer B-2025/02-IT hat gremium bereits vergeben: Beschluss B-2025/02-IT steht im Beschlussregister (47. Sitzung)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.SaveMinutes(ctx, bodyID, se, minutesOf(tc.seq), nil, ImportSource{})
			if !errors.Is(err, ErrDuplicate) || model.ClassOf(err) != model.ErrConflict || !strings.Contains(model.ReasonOf(err), tc.want) {
				t.Errorf("got %v, want a conflict saying %q", err, tc.want)
			}
			if _, err := s.SessionByNumber(ctx, bodyID, 40); !errors.Is(err, ErrNotFound) {
				t.Errorf("the refused import left its session: %v", err)
			}
		})
	}
	// A decision recorded from the past with an earlier decision's number,
	// of another day (of the same day it is that decision:
	// TestRecordedDecisionIsTheEarlierDecision).
	_, err := s.CreateDecision(ctx, model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionAdopted, Scope: model.ScopeAll,
		Number: model.DecisionNumber{Year: 2025, Seq: 1}, AdoptedOn: model.NewDate(2025, 3, 2), Title: "Aus der Akte"})
	if !errors.Is(err, ErrDuplicate) || model.FieldOf(err) != "nummer" || !strings.Contains(model.ReasonOf(err), "als früherer Beschluss vom 01.03.2025 erfasst") {
		t.Errorf("a recorded decision with an earlier decision's number: %v", err)
	}
	if ds := must[[]model.Decision](t)(s.Decisions(ctx, DecisionFilter{BodyID: bodyID, Year: 2025, Numbered: true})); len(ds) != 1 {
		t.Errorf("refused numbers were stored: %+v", ds)
	}
	// A free number is imported and numbering goes on after it.
	must[int64](t)(s.SaveMinutes(ctx, bodyID, se, minutesOf(7), nil, ImportSource{}))
	if got := adoptIn(t, s, bodyID, sessionID, "Nach dem Import").Label; got != "B-2025/08-IT" {
		t.Errorf("after the imported B-2025/07-IT: %s, want B-2025/08-IT", got)
	}
}
