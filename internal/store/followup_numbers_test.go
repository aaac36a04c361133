package store

import (
	"context"
	"slices"
	"testing"

	"gremium/internal/model"
)

// numberWorld is the council with its 40th session, whose minutes are
// released (its follow-ups from the discussion are public), and the
// AL-Runde with its 39th session (internal), an agenda item in each.
type numberWorld struct {
	council, prep       int64
	publicItem, preItem int64
}

func newNumberWorld(t *testing.T, s *Store) numberWorld {
	t.Helper()
	ctx := context.Background()
	id := must[int64](t)
	var w numberWorld
	w.council = id(s.CreateBody(ctx, model.Body{Kind: model.BodyPlanningCouncil, Abbrev: "IT-PLR", Name: "IT-Planungsrat", DecisionPattern: model.DefaultDecisionPattern}))
	w.prep = id(s.CreateBody(ctx, model.Body{Kind: model.BodySteeringGroup, Abbrev: "AL", Name: "AL-Runde",
		Preparation: model.Preparation{PreparesID: w.council, Slug: "al-runde", Internal: true, LeadWeeks: 2}}))
	for i, m := range []model.Member{{Abbrev: "Bund", Name: "Bund", Kind: model.MemberBund}, {Abbrev: "HE", Name: "Hessen", Kind: model.MemberLand}} {
		m.Position = i
		id(s.CreateMember(ctx, m))
	}
	session := func(body int64, number int, date model.Date, to model.SessionStatus) int64 {
		sid := id(s.CreateSession(ctx, model.Session{BodyID: body, Number: number, Date: date, StartTime: "10:00", Status: model.StatusRunning, AgendaPublished: true}))
		item := id(s.CreateItem(ctx, model.AgendaItem{SessionID: sid, Number: "01", Title: "TOP", Status: model.ItemAccepted}))
		for cur := model.StatusRunning; cur != to; {
			cur = model.SessionStatuses[slices.Index(model.SessionStatuses, cur)+1]
			check(t, s.SetSessionStatus(ctx, sid, must[model.Session](t)(s.Session(ctx, sid)).Version, cur))
		}
		return item
	}
	w.publicItem = session(w.council, 40, model.NewDate(2025, 6, 1), model.StatusMinutesDraft)
	w.preItem = session(w.prep, 39, model.NewDate(2025, 5, 20), model.StatusMinutesApproved)
	return w
}

// followUpAt creates a follow-up from the discussion of an item.
func (w numberWorld) followUpAt(t *testing.T, s *Store, item int64, text string) int64 {
	t.Helper()
	return must[int64](t)(s.CreateFollowUp(context.Background(), model.FollowUp{ItemID: item, Text: text, Responsible: "HE", Status: model.FollowUpOpen}))
}

// numberOf gives a follow-up's public number as the store reads it.
func numberOf(t *testing.T, s *Store, id int64) int64 {
	t.Helper()
	return must[model.FollowUp](t)(s.FollowUp(context.Background(), id)).Number
}

// publicNumbers gives the public numbers of the public's follow-up list
// of the council, and its follow-ups' ids, in the list's order.
func publicNumbers(t *testing.T, s *Store, council int64) (numbers, ids []int64) {
	t.Helper()
	q := FollowUpListQuery{Audience: model.Public, CouncilID: council}
	for _, e := range must[[]FollowUpListEntry](t)(s.FollowUpPage(context.Background(), q, nil, false, 100)) {
		numbers, ids = append(numbers, e.Number), append(ids, e.ID)
	}
	slices.Sort(numbers)
	return numbers, ids
}

// TestFollowUpNumbersLeaveNoGap: a follow-up of the AL-Runde and one of
// a proposal not adopted, created between two public ones, take no
// public number: the public ones are numbers 1 and 2, the public list
// names no other, and a public list's place (its cursor) names the
// number, not the row id. Before, the public addresses and the API's
// nummer were the row ids 1 and 4, whose gap told that two follow-ups
// exist that the public does not see.
func TestFollowUpNumbersLeaveNoGap(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	w := newNumberWorld(t, s)
	a := w.followUpAt(t, s, w.publicItem, "Bericht vorlegen")
	internal := w.followUpAt(t, s, w.preItem, "Vorbereitung in der AL-Runde")
	draft := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: w.council, ItemID: w.publicItem, Kind: model.KindDecision,
		Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Vorschlag", Applicants: []string{"Bund"}}))
	proposed := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{DecisionID: draft, Text: "Falls beschlossen", Responsible: "HE", Status: model.FollowUpOpen}))
	b := w.followUpAt(t, s, w.publicItem, "Konzept abstimmen")
	if b-a != 3 {
		t.Fatalf("the fixture's row ids %d, %d are not 3 apart", a, b)
	}
	for _, c := range []struct {
		id, want int64
	}{{a, 1}, {internal, 0}, {proposed, 0}, {b, 2}} {
		if got := numberOf(t, s, c.id); got != c.want {
			t.Errorf("follow-up %d: public number %d, want %d", c.id, got, c.want)
		}
	}
	numbers, ids := publicNumbers(t, s, w.council)
	if !slices.Equal(numbers, []int64{1, 2}) || len(ids) != 2 {
		t.Errorf("the public list's numbers %v (follow-ups %v), want 1 and 2", numbers, ids)
	}
	for n, want := range map[int64]int64{1: a, 2: b} {
		if got := must[int64](t)(s.FollowUpByNumber(ctx, n)); got != want {
			t.Errorf("number %d names follow-up %d, want %d", n, got, want)
		}
	}
	if _, err := s.FollowUpByNumber(ctx, 3); model.ClassOf(err) != model.ErrNotFound {
		t.Errorf("number 3, never given: %v", err)
	}
	// A page of the public list after its first follow-up: the place
	// names the public number and finds the second.
	q := FollowUpListQuery{Audience: model.Public, CouncilID: w.council}
	first := must[[]FollowUpListEntry](t)(s.FollowUpPage(ctx, q, nil, false, 1))
	if len(first) != 1 || first[0].Cursor.ID != first[0].Number {
		t.Fatalf("the public list's place names %+v, want the public number", first)
	}
	next := must[[]FollowUpListEntry](t)(s.FollowUpPage(ctx, q, &first[0].Cursor, false, 1))
	if len(next) != 1 || next[0].ID == first[0].ID {
		t.Errorf("the page after the place %s: %+v", first[0].Cursor, next)
	}
	unknown := first[0].Cursor
	unknown.ID = 99
	if _, err := s.FollowUpPage(ctx, q, &unknown, false, 1); model.ClassOf(err) != model.ErrInput {
		t.Errorf("a place by a number never given: %v, want refused as input", err)
	}
	// The internal list keeps the row ids in its places.
	iq := FollowUpListQuery{Audience: model.Internal, User: &model.User{Role: model.RoleSecretariat}, CouncilID: w.council}
	if all := must[[]FollowUpListEntry](t)(s.FollowUpPage(ctx, iq, nil, false, 10)); len(all) != 4 || all[0].Cursor.ID != all[0].ID {
		t.Errorf("the internal list: %+v", all)
	}
}

// TestFollowUpNumberNotReused: a follow-up no longer public keeps its
// number (the tombstone), the next public one takes a new number, and
// published again it has its old one; a body made public and internal
// again (which builds the public rows anew) numbers what became public
// and takes no number back.
func TestFollowUpNumberNotReused(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	w := newNumberWorld(t, s)
	a := w.followUpAt(t, s, w.publicItem, "Erster")
	b := w.followUpAt(t, s, w.publicItem, "Zweiter")
	move := func(id, item int64) {
		t.Helper()
		f := must[model.FollowUp](t)(s.FollowUp(ctx, id))
		f.ItemID = item
		check(t, s.UpdateFollowUp(ctx, f))
	}
	move(b, w.preItem) // no longer public
	if got := numberOf(t, s, b); got != 2 {
		t.Errorf("the follow-up no longer public: number %d, want its 2 kept", got)
	}
	if numbers, _ := publicNumbers(t, s, w.council); !slices.Equal(numbers, []int64{1}) {
		t.Errorf("public numbers %v, want 1 alone", numbers)
	}
	c := w.followUpAt(t, s, w.publicItem, "Dritter")
	if got := numberOf(t, s, c); got != 3 {
		t.Errorf("the next public follow-up: number %d, want 3 (2 is taken)", got)
	}
	move(b, w.publicItem)
	if got := numberOf(t, s, b); got != 2 {
		t.Errorf("published again: number %d, want its 2", got)
	}
	// The AL-Runde made public: the follow-up of its adopted
	// recommendation is public and numbered (its discussion stays out of
	// the council's list); internal again, it keeps its number.
	rec := must[int64](t)(s.CreateDecision(ctx, model.Decision{BodyID: w.prep, ItemID: w.preItem, Kind: model.KindRecommendation,
		Status: model.DecisionAdopted, Scope: model.ScopeAll, Title: "Empfehlung", Applicants: []string{"Bund"}, AdoptedOn: model.NewDate(2025, 5, 20)}))
	x := must[int64](t)(s.CreateFollowUp(ctx, model.FollowUp{DecisionID: rec, Text: "Vierter", Responsible: "HE", Status: model.FollowUpOpen}))
	discussion := w.followUpAt(t, s, w.preItem, "Aus der Beratung der AL-Runde")
	if got := numberOf(t, s, x); got != 0 {
		t.Fatalf("the AL-Runde's recommendation's follow-up: number %d while internal", got)
	}
	prep := must[model.Body](t)(s.Body(ctx, w.prep))
	for _, internal := range []bool{false, true} {
		prep.Preparation.Internal = internal
		check(t, s.UpdateBody(ctx, prep))
		prep = must[model.Body](t)(s.Body(ctx, w.prep))
		for id, want := range map[int64]int64{a: 1, b: 2, c: 3, x: 4, discussion: 0} {
			if got := numberOf(t, s, id); got != want {
				t.Errorf("AL-Runde internal %v: follow-up %d has number %d, want %d", internal, id, got, want)
			}
		}
		want := []int64{1, 2, 3, 4}
		if internal {
			want = want[:3] // 4 no longer public
		}
		if numbers, _ := publicNumbers(t, s, w.council); !slices.Equal(numbers, want) {
			t.Errorf("AL-Runde internal %v: public numbers %v, want %v", internal, numbers, want)
		}
	}
}

// TestFollowUpNumbersMigration: migration 01030 numbers the follow-ups
// public at the time in order of creation — also one published after a
// later one — skips the others, and marks the numbered ones as published
// by their row id; the next follow-up published takes the next number.
func TestFollowUpNumbersMigration(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	w := newNumberWorld(t, s)
	late := w.followUpAt(t, s, w.preItem, "Erst intern")
	early := w.followUpAt(t, s, w.publicItem, "Gleich öffentlich")
	internal := w.followUpAt(t, s, w.preItem, "Bleibt intern")
	f := must[model.FollowUp](t)(s.FollowUp(ctx, late))
	f.ItemID = w.publicItem
	check(t, s.UpdateFollowUp(ctx, f))
	if numberOf(t, s, early) != 1 || numberOf(t, s, late) != 2 {
		t.Fatalf("before the migration: numbers %d, %d, want in order of publication", numberOf(t, s, early), numberOf(t, s, late))
	}
	reapplyMigration(t, s, 1030)
	for _, c := range []struct {
		id, want int64
		link     bool
	}{{late, 1, true}, {early, 2, true}, {internal, 0, false}} {
		got := must[FollowUpNumbering](t)(s.FollowUpNumberOf(ctx, c.id))
		if got.Number != c.want || got.RowLink != c.link {
			t.Errorf("follow-up %d after the migration: %+v, want number %d, published by row id %v", c.id, got, c.want, c.link)
		}
	}
	next := w.followUpAt(t, s, w.publicItem, "Danach")
	if got := must[FollowUpNumbering](t)(s.FollowUpNumberOf(ctx, next)); got != (FollowUpNumbering{Number: 3}) {
		t.Errorf("published after the migration: %+v, want number 3, not published by row id", got)
	}
}

// TestFollowUpNumbersFollowTheGate: over the varied fixture of the list
// tests, exactly the follow-ups the public sees by the Go rules
// (model.Audience.SeesFollowUp, SeesItem) have public numbers, each its
// own, from 1 without a gap.
func TestFollowUpNumbersFollowTheGate(t *testing.T) {
	s, _ := newStore(t)
	w := newFollowUpWorld(t, s)
	public := w.goList(t, s, model.Public, nil, FollowUpFilter{}, false)
	if len(public) == 0 {
		t.Fatal("the fixture has no public follow-up")
	}
	var numbers []int64
	for _, f := range must[[]model.FollowUp](t)(s.FollowUps(context.Background(), FollowUpFilter{})) {
		if (f.Number != 0) != slices.Contains(public, f.ID) {
			t.Errorf("follow-up %d: number %d, public %v", f.ID, f.Number, slices.Contains(public, f.ID))
		}
		if f.Number != 0 {
			numbers = append(numbers, f.Number)
		}
	}
	slices.Sort(numbers)
	for i, n := range numbers {
		if n != int64(i+1) {
			t.Fatalf("public numbers %v, want 1 to %d", numbers, len(numbers))
		}
	}
}
