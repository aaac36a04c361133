package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"gremium/internal/model"
)

// TestSpeakersList: requests keep their order, a speaker waits only once,
// the next speaker gets the floor, and ending a turn creates the ON row of
// that speaker in the same transaction.
func TestSpeakersList(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := fixture(t, s)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "01", Title: "Cloud", Status: model.ItemAccepted}))
	he := must[int64](t)(s.RequestFloor(ctx, sessionID, item, "HE"))
	hh := must[int64](t)(s.RequestFloor(ctx, sessionID, item, "HH"))
	if _, err := s.RequestFloor(ctx, sessionID, item, "HE"); model.ClassOf(err) != model.ErrConflict {
		t.Fatalf("HE twice: %v", err)
	}
	if _, err := s.RequestFloor(ctx, sessionID, item, "XX"); model.ClassOf(err) != model.ErrInput {
		t.Fatalf("unknown member: %v", err)
	}
	must[int64](t)(s.RequestFloor(ctx, sessionID, item, "Bund"))
	check(t, s.WithdrawFloor(ctx, must[int64](t)(s.RequestFloor(ctx, sessionID, item, "DLT"))))

	row, started, err := s.NextSpeaker(ctx, sessionID, item, 0)
	if err != nil || row != 0 || !started {
		t.Fatalf("first speaker: %d %v %v", row, started, err)
	}
	l := model.ListOf(must[[]model.SpeakerRequest](t)(s.SpeakerRequests(ctx, item)))
	if l.Current == nil || l.Current.ID != he || l.Current.StartedAt.IsZero() || len(l.Waiting) != 2 || l.Waiting[0].Speaker != "HH" || l.PlaceOf("Bund") != 2 {
		t.Fatalf("list after the first turn began: %+v", l)
	}
	// HE may ask again only after speaking.
	if _, err := s.RequestFloor(ctx, sessionID, item, "HE"); model.ClassOf(err) != model.ErrConflict {
		t.Fatalf("HE while speaking: %v", err)
	}
	row, started, err = s.NextSpeaker(ctx, sessionID, item, he)
	if err != nil || row == 0 || !started {
		t.Fatalf("next speaker: %d %v %v", row, started, err)
	}
	c := must[model.Contribution](t)(s.Contribution(ctx, row))
	if c.Speaker != "HE" || c.ItemID != item || len(c.Points) != 0 {
		t.Fatalf("ON row of HE's turn: %+v", c)
	}
	row, err = s.EndTurn(ctx, sessionID, hh)
	if err != nil || row == 0 || must[model.Contribution](t)(s.Contribution(ctx, row)).Speaker != "HH" {
		t.Fatalf("end HH's turn: %d %v", row, err)
	}
	if row, err := s.EndTurn(ctx, sessionID, 0); err != nil || row != 0 {
		t.Fatalf("end with nobody speaking: %d %v", row, err)
	}
	l = model.ListOf(must[[]model.SpeakerRequest](t)(s.SpeakerRequests(ctx, item)))
	if l.Current != nil || len(l.Done) != 2 || len(l.Waiting) != 1 || l.Done[0].ContributionID == 0 {
		t.Fatalf("list at the end: %+v", l)
	}
	must[int64](t)(s.RequestFloor(ctx, sessionID, item, "HE"))
}

// TestSpeakersListConcurrent: requests that arrive at the same time get
// distinct, gapless places, and a speaker who asks twice at once is on the
// list once.
func TestSpeakersListConcurrent(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := lawFixture(t, s)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "01", Title: "Cloud", Status: model.ItemAccepted}))
	// Eight members, each asking twice at the same moment: enough to
	// race, few enough for a loaded machine's busy timeout.
	speakers := append([]string{}, voters[:8]...)
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(speakers))
	for _, sp := range speakers {
		for range 2 { // each asks twice at once
			wg.Add(1)
			go func(sp string) {
				defer wg.Done()
				_, err := s.RequestFloor(ctx, sessionID, item, sp)
				errs <- err
			}(sp)
		}
	}
	wg.Wait()
	close(errs)
	conflicts := 0
	for err := range errs {
		if err != nil {
			if !errors.Is(err, model.ErrConflict) {
				t.Fatalf("concurrent request: %v", err)
			}
			conflicts++
		}
	}
	list := must[[]model.SpeakerRequest](t)(s.SpeakerRequests(ctx, item))
	if len(list) != len(speakers) || conflicts != len(speakers) {
		t.Fatalf("%d on the list, %d refused, want %d each", len(list), conflicts, len(speakers))
	}
	var names []string
	for i, q := range list {
		if q.Position != i+1 {
			t.Fatalf("place %d has position %d", i+1, q.Position)
		}
		names = append(names, q.Speaker)
	}
	sort.Strings(names)
	sort.Strings(speakers)
	if fmt.Sprint(names) != fmt.Sprint(speakers) {
		t.Fatalf("on the list: %v", names)
	}
}

// TestSpeakersListNeedsRunningSession: before or after the session there
// is no list.
func TestSpeakersListNeedsRunningSession(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, _ := fixture(t, s)
	id := must[int64](t)(s.PlanSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2026, 3, 12), Status: model.StatusPlanned},
		[]model.AgendaItem{{Number: "00", Title: "Begrüßung"}}))
	items := must[[]model.AgendaItem](t)(s.Items(ctx, id))
	if _, err := s.RequestFloor(ctx, id, items[0].ID, "HE"); model.ClassOf(err) != model.ErrRule {
		t.Fatalf("request in a planned session: %v", err)
	}
}

// TestSessionEndClosesTheFloor: ending the session ends the turn of whoever
// speaks, and the requests still waiting lapse. Before, the 48th session
// was over while the projector still said "Das Wort hat: Saarland" with
// the minutes counting on, Bayern waiting. The turn ends without a
// discussion row: nobody types its points after the end, and the empty
// "HE:" row stayed in the minutes with no way to delete it.
func TestSessionEndClosesTheFloor(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := fixture(t, s)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "01", Title: "Cloud", Status: model.ItemAccepted}))
	must[int64](t)(s.RequestFloor(ctx, sessionID, item, "HE"))
	must[int64](t)(s.RequestFloor(ctx, sessionID, item, "HH"))
	if _, started, err := s.NextSpeaker(ctx, sessionID, item, 0); err != nil || !started {
		t.Fatalf("HE's turn: %v %v", started, err)
	}
	se := must[model.Session](t)(s.Session(ctx, sessionID))
	check(t, s.SetSessionStatus(ctx, sessionID, se.Version, model.StatusEnded))
	l := model.ListOf(must[[]model.SpeakerRequest](t)(s.SpeakerRequests(ctx, item)))
	if l.Current != nil || len(l.Waiting) != 0 {
		t.Fatalf("the floor after the end: current %+v, waiting %+v", l.Current, l.Waiting)
	}
	var he model.SpeakerRequest
	for _, q := range must[[]model.SpeakerRequest](t)(s.SpeakerRequests(ctx, item)) {
		switch q.Speaker {
		case "HE":
			he = q
		case "HH":
			if q.Status != model.SpeakerWithdrawn {
				t.Errorf("HH's request: %s", q.Status)
			}
		}
	}
	if he.Status != model.SpeakerDone || he.ContributionID != 0 {
		t.Errorf("HE's turn: %+v", he)
	}
	if rows := must[[]model.Contribution](t)(s.Contributions(ctx, item)); len(rows) != 0 {
		t.Errorf("rows made by the end of the session: %+v", rows)
	}
}

// TestTurnLeftBehindMakesNoEmptyRow: DLT has the floor at TOP 01 when TOP
// 02 is called. Before, the list of TOP 02 gave no next speaker ("Das Wort
// hat jetzt …") until DLT's turn was ended back at TOP 01, which made an
// empty "DLT:" row there that stayed in the minutes. Now the next speaker
// at TOP 02 ends the turn left behind without a row; ending a turn at its
// own item still makes the row to type the points into.
func TestTurnLeftBehindMakesNoEmptyRow(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := fixture(t, s)
	top01 := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "01", Title: "Cloud", Position: 1, Status: model.ItemAccepted}))
	top02 := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "02", Title: "Dachmarke", Position: 2, Status: model.ItemAccepted}))
	check(t, s.SetCurrentItem(ctx, sessionID, top01))
	dlt := must[int64](t)(s.RequestFloor(ctx, sessionID, top01, "DLT"))
	if _, started, err := s.NextSpeaker(ctx, sessionID, top01, 0); err != nil || !started {
		t.Fatalf("DLT's turn: %v %v", started, err)
	}
	check(t, s.SetCurrentItem(ctx, sessionID, top02))
	he := must[int64](t)(s.RequestFloor(ctx, sessionID, top02, "HE"))
	row, started, err := s.NextSpeaker(ctx, sessionID, top02, 0) // the list of TOP 02: nobody speaks there
	if err != nil || !started || row != 0 {
		t.Fatalf("next speaker at TOP 02: row %d, started %v, %v", row, started, err)
	}
	if q := must[model.SpeakerRequest](t)(s.SpeakerRequest(ctx, dlt)); q.Status != model.SpeakerDone || q.ContributionID != 0 {
		t.Errorf("DLT's turn left behind: %+v", q)
	}
	if rows := must[[]model.Contribution](t)(s.Contributions(ctx, top01)); len(rows) != 0 {
		t.Errorf("rows at TOP 01: %+v", rows)
	}
	// HE's turn ended at TOP 02 itself: the row to type the points into.
	if row, err := s.EndTurn(ctx, sessionID, he); err != nil || row == 0 {
		t.Fatalf("HE's turn ended at TOP 02: %d %v", row, err)
	}

	// Calling another item ends the turn left behind at once, without a
	// row (leaveFloorTx, for SetCurrentItem); calling the speaker's own
	// item again keeps it.
	hh := must[int64](t)(s.RequestFloor(ctx, sessionID, top02, "HH"))
	if _, started, err := s.NextSpeaker(ctx, sessionID, top02, 0); err != nil || !started {
		t.Fatalf("HH's turn: %v %v", started, err)
	}
	leave := func(item int64) {
		t.Helper()
		check(t, s.inTx(ctx, func(tx *sql.Tx) error { return s.leaveFloorTx(ctx, tx, sessionID, item) }))
	}
	leave(top02)
	if q := must[model.SpeakerRequest](t)(s.SpeakerRequest(ctx, hh)); q.Status != model.SpeakerSpeaking {
		t.Errorf("HH's turn after TOP 02 called again: %+v", q)
	}
	leave(top01)
	if q := must[model.SpeakerRequest](t)(s.SpeakerRequest(ctx, hh)); q.Status != model.SpeakerDone || q.ContributionID != 0 {
		t.Errorf("HH's turn after TOP 01 called: %+v", q)
	}
	if rows := must[[]model.Contribution](t)(s.Contributions(ctx, top02)); len(rows) != 1 || rows[0].Speaker != "HE" {
		t.Errorf("rows at TOP 02: %+v", rows)
	}
}

// TestAbsentMemberCannotTakeFloor: a member the attendance list records as
// absent at the item — absent altogether, arrived only for a later item,
// or gone after an earlier one — is refused a place on the speakers' list
// with a German reason; present, represented and dialled-in members (all
// recorded present) are not; a session without any attendance recorded
// refuses nobody. Before, Bayern, recorded absent, stood on the list.
func TestAbsentMemberCannotTakeFloor(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, sessionID := lawFixture(t, s)
	first := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "01", Title: "Erster TOP", Position: 1, Status: model.ItemAccepted}))
	second := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "02", Title: "Zweiter TOP", Position: 2, Status: model.ItemAccepted}))
	list := attending(without(voters, "BY", "HH", "BE", "NI")...)
	list = append(list, model.Attendance{Member: "BY", Presence: model.Absent},
		model.Attendance{Member: "HH", Presence: model.Present, UntilItemID: first},
		model.Attendance{Member: "BE", Presence: model.Present, FromItemID: second},
		model.Attendance{Member: "NI", Presence: model.Represented, Person: "Frau Vertretung"})
	check(t, ignore2(s.SaveAttendance(ctx, sessionID, list)))
	for _, c := range []struct {
		item    int64
		speaker string
		refused bool
	}{
		{second, "BY", true}, {second, "HH", true}, {first, "BE", true},
		{first, "HH", false}, {second, "BE", false}, {second, "NI", false}, {second, "HE", false},
	} {
		_, err := s.RequestFloor(ctx, sessionID, c.item, c.speaker)
		switch {
		case c.refused && (model.ClassOf(err) != model.ErrRule || !strings.HasPrefix(model.ReasonOf(err), model.NamesOf(testMembers()).Of(c.speaker)+" ist laut Anwesenheitsliste") || !strings.Contains(model.ReasonOf(err), "nicht anwesend")):
			t.Errorf("%s at item %d: want refused, got %v", c.speaker, c.item, err)
		case !c.refused && err != nil:
			t.Errorf("%s at item %d: %v", c.speaker, c.item, err)
		}
	}
	if got := len(must[[]model.SpeakerRequest](t)(s.SpeakerRequests(ctx, second))); got != 3 {
		t.Errorf("%d on the second item's list, want BE, NI, HE", got)
	}
	// The forms offer exactly those the request is not refused for.
	offered := map[int64]map[string]bool{}
	for _, item := range []int64{first, second} {
		offered[item] = map[string]bool{}
		for _, m := range must[[]model.Member](t)(s.FloorMembers(ctx, sessionID, item)) {
			offered[item][m.Abbrev] = true
		}
	}
	if o := offered[second]; o["BY"] || o["HH"] || !o["BE"] || !o["NI"] || !o["HE"] {
		t.Errorf("offered at the second item: %v", o)
	}
	if o := offered[first]; o["BY"] || o["BE"] || !o["HH"] || !o["HE"] {
		t.Errorf("offered at the first item: %v", o)
	}
	// No attendance recorded: nobody is refused.
	other := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 27), Status: model.StatusRunning}))
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: other, Number: "01", Title: "TOP", Status: model.ItemAccepted}))
	if _, err := s.RequestFloor(ctx, other, item, "BY"); err != nil {
		t.Errorf("BY in a session without attendance: %v", err)
	}
	if all, offered := must[[]model.Member](t)(s.Members(ctx)), must[[]model.Member](t)(s.FloorMembers(ctx, other, item)); len(offered) != len(all) {
		t.Errorf("a session without attendance offers %d of %d members", len(offered), len(all))
	}
}

// TestStaleFloorFormsActOnNothing: two windows of the secretariat on the
// live page while Hessen speaks. One calls the next speaker (Hamburg); the
// other, still showing Hessen, then pressed "Redebeitrag beenden" — which
// ended Hamburg's turn at once, with an empty ON row for Hamburg — or
// "Nächste Wortmeldung aufrufen", which passed over Hamburg. Both are
// refused as a conflict naming who speaks now, and nothing changes.
func TestStaleFloorFormsActOnNothing(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	_, sessionID := fixture(t, s)
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: sessionID, Number: "01", Title: "Cloud", Status: model.ItemAccepted}))
	he := must[int64](t)(s.RequestFloor(ctx, sessionID, item, "HE"))
	hh := must[int64](t)(s.RequestFloor(ctx, sessionID, item, "HH"))
	must[int64](t)(s.RequestFloor(ctx, sessionID, item, "Bund"))
	if _, _, err := s.NextSpeaker(ctx, sessionID, item, 0); err != nil {
		t.Fatal(err)
	}
	// Both windows show Hessen; the first passes the floor to Hamburg.
	if _, _, err := s.NextSpeaker(ctx, sessionID, item, he); err != nil {
		t.Fatal(err)
	}
	before := must[[]model.Contribution](t)(s.Contributions(ctx, item))
	if _, err := s.EndTurn(ctx, sessionID, he); model.ClassOf(err) != model.ErrConflict || !strings.Contains(model.ReasonOf(err), "Das Wort hat jetzt Hamburg") {
		t.Errorf("stale end of Hessen's turn: %v", err)
	}
	if _, _, err := s.NextSpeaker(ctx, sessionID, item, he); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("stale call of the next speaker: %v", err)
	}
	l := model.ListOf(must[[]model.SpeakerRequest](t)(s.SpeakerRequests(ctx, item)))
	if l.Current == nil || l.Current.ID != hh || len(l.Waiting) != 1 {
		t.Errorf("the list changed: %+v", l)
	}
	if after := must[[]model.Contribution](t)(s.Contributions(ctx, item)); len(after) != len(before) {
		t.Errorf("rows %d, want %d", len(after), len(before))
	}
	// With nobody speaking, a form read while Hamburg spoke is refused too.
	must[int64](t)(s.EndTurn(ctx, sessionID, hh))
	if _, err := s.EndTurn(ctx, sessionID, hh); model.ClassOf(err) != model.ErrConflict || !strings.Contains(model.ReasonOf(err), "Gerade hat niemand das Wort") {
		t.Errorf("ending Hamburg's turn twice: %v", err)
	}
	// The Bund named as German names it ("der Bund", as the live page's
	// notice, model.FloorSentence; before, "Das Wort hat jetzt Bund").
	if _, _, err := s.NextSpeaker(ctx, sessionID, item, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EndTurn(ctx, sessionID, hh); model.ClassOf(err) != model.ErrConflict || !strings.Contains(model.ReasonOf(err), "Das Wort hat jetzt der Bund.") {
		t.Errorf("stale end of Hamburg's turn with the Bund speaking: %v", err)
	}
}
