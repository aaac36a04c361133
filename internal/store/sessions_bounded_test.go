package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"gremium/internal/model"
)

// numbersOf gives the numbers of the sessions, in their order.
func numbersOf(ss []model.Session) []int {
	out := make([]int, len(ss))
	for i, se := range ss {
		out[i] = se.Number
	}
	return out
}

// The bounded reads of sessions give what a read of all sessions filtered
// in Go gave: by status, the highest number, a page below a number, the
// newest dated, the first after a day, by number and by id (more than one
// IN list of them), and the links between preparatory and prepared
// sessions in both directions.
func TestSessionsBounded(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	id := must[int64](t)
	f := newPrepFixture(t, s) // 47 running (2025-06-26), 48 planned (2026-03-12), AL-Runde 40 prepares 48
	ids := map[int]int64{}
	for n := 1; n <= 40; n++ {
		se := model.Session{BodyID: f.council, Number: n, Date: model.NewDate(2000+n/4, time.Month(1+n%4*3), 10), Status: model.StatusMinutesApproved}
		switch {
		case n == 40:
			se.Status = model.StatusMinutesDraft
		case n == 38:
			se.Status = model.StatusMinutesDraft
		case n == 39:
			se.Date = model.Date{} // not dated
		case n == 37:
			se.Date = model.NewDate(2009, 1, 10) // the same day as 36
		}
		ids[n] = id(s.CreateSession(ctx, se))
	}
	other := id(s.CreateSession(ctx, model.Session{BodyID: f.prep, Number: 1, Date: model.NewDate(2001, 1, 1), Status: model.StatusMinutesApproved}))

	if got := numbersOf(must[[]model.Session](t)(s.SessionsWithStatus(ctx, f.council, model.StatusMinutesDraft))); !slices.Equal(got, []int{40, 38}) {
		t.Errorf("draft minutes: %v", got)
	}
	if n := must[int](t)(s.LastSessionNumber(ctx, f.council)); n != 48 {
		t.Errorf("last number %d", n)
	}
	if n := must[int](t)(s.LastSessionNumber(ctx, 9999)); n != 0 {
		t.Errorf("last number of no body %d", n)
	}
	if got := numbersOf(must[[]model.Session](t)(s.SessionsBefore(ctx, f.council, 0, 4))); !slices.Equal(got, []int{48, 47, 40, 39}) {
		t.Errorf("newest 4: %v", got)
	}
	if got := numbersOf(must[[]model.Session](t)(s.SessionsBefore(ctx, f.council, 39, 3))); !slices.Equal(got, []int{38, 37, 36}) {
		t.Errorf("3 below 39: %v", got)
	}
	if got := numbersOf(must[[]model.Session](t)(s.NewestDatedSessions(ctx, f.council, 4))); !slices.Equal(got, []int{48, 47, 40, 38}) {
		t.Errorf("newest dated: %v (39 has no date)", got)
	}
	// 36 and 37 on 2009-01-10: the higher number; nothing after the last.
	if se := must[model.Session](t)(s.FirstSessionAfter(ctx, f.council, model.NewDate(2009, 1, 1))); se.Number != 37 {
		t.Errorf("first after 2009-01-01: %d", se.Number)
	}
	if _, err := s.FirstSessionAfter(ctx, f.council, model.NewDate(2026, 3, 12)); model.ClassOf(err) != model.ErrNotFound {
		t.Errorf("after the last: %v", err)
	}

	// More numbers and ids than one IN list holds, with repeats, missing
	// ones and a session of another body.
	var numbers []int
	var someIDs []int64
	for n := 1; n <= 2*inChunk+3; n++ {
		numbers = append(numbers, n, 1)
		someIDs = append(someIDs, int64(n), ids[1])
	}
	byNumber := must[map[int]model.Session](t)(s.SessionsByNumber(ctx, f.council, numbers))
	if len(byNumber) != 42 || byNumber[47].ID == 0 || byNumber[40].Status != model.StatusMinutesDraft || byNumber[41].ID != 0 {
		t.Errorf("by number: %d sessions", len(byNumber))
	}
	byID := must[map[int64]model.Session](t)(s.SessionsOfBody(ctx, f.council, append(someIDs, ids[40], other)))
	if byID[ids[40]].Number != 40 || byID[ids[1]].Number != 1 {
		t.Errorf("by id: %v", byID[ids[40]])
	}
	if _, ok := byID[other]; ok {
		t.Error("a session of another body given")
	}
	for sid, se := range byID {
		if se.ID != sid || se.BodyID != f.council {
			t.Errorf("by id %d: %+v", sid, se)
		}
	}

	// AL-Runde 40 prepares 48; a second one (41) too: the lower number
	// counts as the one preparing it, as the preparatory body's page showed.
	al41 := id(s.CreateSession(ctx, model.Session{BodyID: f.prep, Number: 41, Date: model.NewDate(2026, 2, 26), Status: model.StatusPlanned}))
	check(t, s.LinkPreparedSession(ctx, al41, f.main))
	prepared := must[map[int64]model.Session](t)(s.PreparedSessions(ctx, []int64{f.al, al41, other}))
	if len(prepared) != 2 || prepared[f.al].Number != 48 || prepared[al41].Number != 48 {
		t.Errorf("prepared: %v", prepared)
	}
	preparing := must[map[int64]model.Session](t)(s.PreparingSessions(ctx, f.prep, []int64{f.main, ids[1]}))
	if len(preparing) != 1 || preparing[f.main].Number != 40 {
		t.Errorf("preparing: %v", preparing)
	}
	if got := must[map[int64]model.Session](t)(s.PreparingSessions(ctx, f.council, []int64{f.main})); len(got) != 0 {
		t.Errorf("preparing sessions of the wrong body: %v", got)
	}
}

// The IN lists hold each key once, at most inChunk, padded to few sizes.
func TestChunksPadded(t *testing.T) {
	var keys []int
	for n := range 1100 {
		keys = append(keys, n%1030)
	}
	cs := distinctChunks(keys)
	if len(cs) != 3 || len(cs[0]) != inChunk || len(cs[2]) != 1030-2*inChunk {
		t.Fatalf("%d chunks", len(cs))
	}
	for _, c := range []struct{ n, want int }{{1, 1}, {2, 8}, {8, 8}, {9, 64}, {65, inChunk}, {inChunk, inChunk}} {
		args := padded(keys[:c.n])
		if len(args) != c.want || args[len(args)-1] != keys[c.n-1] {
			t.Errorf("%d keys padded to %d", c.n, len(args))
		}
	}
	if distinctChunks([]int64(nil)) != nil {
		t.Error("chunks of nothing")
	}
}

// NextRegularSession reads the sessions after the last one held, not all
// of the body: its statements and rows stay the same when more held
// sessions come before; it walks past more than one batch of sessions that
// do not count (special, cancelled) and gives the rule error when none is
// left.
func TestNextRegularSessionBounded(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	id := must[int64](t)
	bodyID, s47 := lawFixture(t, s) // 47 running
	check(t, s.SetSessionStatus(ctx, s47, must[model.Session](t)(s.Session(ctx, s47)).Version, model.StatusEnded))
	held := func(from, to int) {
		for n := from; n <= to; n++ {
			id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: n, Date: model.NewDate(2000+n/4, 1, 10), Status: model.StatusMinutesApproved}))
		}
	}
	held(24, 46)
	// After the 47th: special sessions over more than one batch, a
	// cancelled regular one, then the next regular one.
	for n := 48; n < 48+nextBatch+3; n++ {
		id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: n, Status: model.StatusPlanned, Kind: model.SessionSpecial, Applicants: []string{"Bund"}}))
	}
	cancelled := 48 + nextBatch + 3
	cid := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: cancelled, Date: model.NewDate(2026, 9, 1), Status: model.StatusPlanned}))
	check(t, s.CancelSession(ctx, cid, must[model.Session](t)(s.Session(ctx, cid)).Version, "Kein Beratungsbedarf"))
	want := cancelled + 1
	id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: want, Date: model.NewDate(2026, 10, 1), Status: model.StatusPlanned}))
	id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: want + 1, Date: model.NewDate(2026, 11, 1), Status: model.StatusPlanned}))
	cost := func() (uint64, uint64) {
		q0, r0 := QueryCount(), RowsRead()
		if n := must[int](t)(s.NextRegularSession(ctx, bodyID)); n != want {
			t.Fatalf("next regular session %d, want %d", n, want)
		}
		return QueryCount() - q0, RowsRead() - r0
	}
	q1, r1 := cost()
	held(1, 23)
	if q2, r2 := cost(); q2 != q1 || r2 != r1 {
		t.Errorf("%d statements, %d rows; with 23 held sessions more: %d statements, %d rows", q1, r1, q2, r2)
	}
	// Without a regular session to come: the rule error.
	for _, n := range []int{want, want + 1} {
		se := must[model.Session](t)(s.SessionByNumber(ctx, bodyID, n))
		check(t, s.CancelSession(ctx, se.ID, se.Version, "Entfällt"))
	}
	if n, err := s.NextRegularSession(ctx, bodyID); model.ClassOf(err) != model.ErrRule {
		t.Errorf("no regular session to come: %d %v", n, err)
	}
}
