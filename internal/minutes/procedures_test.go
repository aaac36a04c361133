package minutes_test

import (
	"context"
	"testing"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// procedureAfterSession48 sets up the reviewer's case: the 48th session
// (09:30 – 15:00 planned) ended at 11:00; B-2026/04-IT, with an order to
// the FITKO, was started at 11:30 and ended early at 11:45 the same day;
// another procedure ended the day before the session; the 49th session is
// planned. It gives the store and the sessions' ids and the decisions'.
func procedureAfterSession48(t *testing.T) (st *store.Store, s48, s49, before, after int64) {
	t.Helper()
	ctx := context.Background()
	st, bodyID := newStore(t)
	for i, m := range itplr.Members() {
		m.Position = i
		if _, err := st.CreateMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	voters, err := st.VotingMembers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 3, 18, 10, 0, 0, 0, model.Berlin)
	st.SetClock(func() time.Time { return clock })
	procedure := func(title string, points ...string) int64 {
		t.Helper()
		var ps []model.Point
		for i, p := range points {
			ps = append(ps, model.Point{Label: string(rune('1'+i)) + ".", Text: p})
		}
		id, err := st.StartProcedure(ctx, store.ProcedureStart{Decision: model.Decision{BodyID: bodyID, Kind: model.KindDecision, Status: model.DecisionDraft,
			Scope: model.ScopeAll, Title: title, Points: ps, Applicants: []string{"Bund"}}, Deadline: clock.Add(7 * 24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range voters {
			if err := st.CastVote(ctx, id, m.Abbrev, model.VoteYes); err != nil {
				t.Fatal(err)
			}
		}
		clock = clock.Add(15 * time.Minute)
		p, err := st.EndProcedureEarly(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return p.DecisionID
	}
	before = procedure("Vorher", "Der IT-Planungsrat nimmt den Bericht zur Kenntnis.")
	if s48, err = st.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2026, 3, 19), StartTime: "09:30", EndTime: "15:00",
		Place: "Berlin", Status: model.StatusRunning}); err != nil {
		t.Fatal(err)
	}
	clock = time.Date(2026, 3, 19, 11, 0, 0, 0, model.Berlin)
	se, _ := st.Session(ctx, s48)
	if err := st.SetSessionStatus(ctx, s48, se.Version, model.StatusEnded); err != nil {
		t.Fatal(err)
	}
	clock = time.Date(2026, 3, 19, 11, 30, 0, 0, model.Berlin)
	after = procedure("Umsetzungsplan", "Der IT-Planungsrat beschließt den Rahmen.", "Die FITKO wird gebeten, bis zum 30.06.2027 einen Umsetzungsplan vorzulegen.")
	if s49, err = st.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 49, Date: model.NewDate(2026, 6, 18), StartTime: "09:30", EndTime: "15:00",
		Place: "Berlin", Status: model.StatusPlanned}); err != nil {
		t.Fatal(err)
	}
	return st, s48, s49, before, after
}

func procedureIDs(doc minutes.Document) []int64 {
	var out []int64
	for _, d := range doc.WrittenProcedures {
		out = append(out, d.ID)
	}
	return out
}

// TestProceduresBetweenSessionsByTime: a written procedure that ended
// after the 48th session had ended, on the same day, was listed in the
// 48th's minutes under "Umlaufverfahren seit der letzten Sitzung" (the
// period was bounded by dates). It belongs to the 49th's.
func TestProceduresBetweenSessionsByTime(t *testing.T) {
	ctx := context.Background()
	st, s48, s49, before, after := procedureAfterSession48(t)
	doc48, err := minutes.Load(ctx, st, s48, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	if got := procedureIDs(doc48); len(got) != 1 || got[0] != before {
		t.Errorf("48th minutes list the procedures %v, want only %d", got, before)
	}
	doc49, err := minutes.Load(ctx, st, s49, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	if got := procedureIDs(doc49); len(got) != 1 || got[0] != after {
		t.Errorf("49th minutes list the procedures %v, want only %d", got, after)
	}
}

// TestProceduresSkipACancelledSession: a cancelled session has no minutes,
// so the procedures after the session before it belong to the next one
// held.
func TestProceduresSkipACancelledSession(t *testing.T) {
	ctx := context.Background()
	st, _, s49, _, after := procedureAfterSession48(t)
	se, _ := st.Session(ctx, s49)
	if err := st.CancelSession(ctx, s49, se.Version, "Terminkonflikt"); err != nil {
		t.Fatal(err)
	}
	b, _ := st.Body(ctx, se.BodyID)
	s50, err := st.CreateSession(ctx, model.Session{BodyID: b.ID, Number: 50, Date: model.NewDate(2026, 11, 12), Place: "Berlin", Status: model.StatusPlanned})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := minutes.Load(ctx, st, s50, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	if got := procedureIDs(doc); len(got) != 1 || got[0] != after {
		t.Errorf("50th minutes after a cancelled 49th list %v, want %d", got, after)
	}
}

// TestProcedureOrdersAreProposed: "Die FITKO wird gebeten, bis zum
// 30.06.2027 einen Umsetzungsplan vorzulegen." in a decision taken by
// written procedure was proposed nowhere. It is proposed with the minutes
// that list the procedure (the 49th's), once: confirmed, not again.
func TestProcedureOrdersAreProposed(t *testing.T) {
	ctx := context.Background()
	st, s48, s49, _, after := procedureAfterSession48(t)
	props48, err := minutes.StoredProposals(ctx, st, s48)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range props48 {
		if p.DecisionID == after {
			t.Errorf("proposed with the 48th session's minutes: %+v", p)
		}
	}
	props, err := minutes.StoredProposals(ctx, st, s49)
	if err != nil {
		t.Fatal(err)
	}
	var got []minutes.Proposal
	for _, p := range props {
		if p.DecisionID == after {
			got = append(got, p)
		}
	}
	if len(got) != 1 || got[0].Responsible != "FITKO" || got[0].DueDate != model.NewDate(2027, 6, 30) || got[0].ItemID != 0 ||
		got[0].Sentence != "Die FITKO wird gebeten, bis zum 30.06.2027 einen Umsetzungsplan vorzulegen." {
		t.Fatalf("proposals of the procedure's decision: %+v", got)
	}
	if _, err := st.CreateFollowUp(ctx, got[0].FollowUp()); err != nil {
		t.Fatal(err)
	}
	if props, err = minutes.StoredProposals(ctx, st, s49); err != nil {
		t.Fatal(err)
	}
	for _, p := range props {
		if p.DecisionID == after {
			t.Errorf("proposed again after it was confirmed: %+v", p)
		}
	}
	fs, err := st.FollowUps(ctx, store.FollowUpFilter{DecisionID: after})
	if err != nil || len(fs) != 1 || fs[0].Responsible != "FITKO" {
		t.Errorf("the decision's follow-ups: %+v %v", fs, err)
	}
}
