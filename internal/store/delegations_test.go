package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestDelegations: a member office registers its delegation for a coming
// session and changes it (a stale version is a conflict, bad rows are
// refused with nothing stored); once the secretariat closes the list only
// the secretariat changes it; a running session takes no registration
// from a member office; the audit log records it with the session.
func TestDelegations(t *testing.T) {
	s, ctx, coming, running := delegationFixture(t)

	he := model.Delegation{SessionID: coming, Member: "HE", Delegates: []model.Delegate{
		{Name: "Dr. Anna Beispiel", Function: "CIO des Landes"}, {Name: "Ben Vertreter", Function: "Referent", Online: true, Deputy: true}}}
	check(t, s.SaveDelegation(ctx, he, false))
	if err := s.SaveDelegation(ctx, he, false); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("a save on the old version: %v", err)
	}
	bad := he
	bad.Version = 1
	bad.Delegates = []model.Delegate{{Name: "A"}, {Name: " a "}}
	if err := s.SaveDelegation(ctx, bad, false); model.ClassOf(err) != model.ErrInput {
		t.Errorf("a name twice: %v", err)
	}
	bad.Delegates = []model.Delegate{{Function: "ohne Namen"}}
	if err := s.SaveDelegation(ctx, bad, false); model.ClassOf(err) != model.ErrInput {
		t.Errorf("a function without a name: %v", err)
	}
	if err := s.SaveDelegation(ctx, model.Delegation{SessionID: coming, Member: "XX"}, false); model.ClassOf(err) != model.ErrInput {
		t.Errorf("an unknown member: %v", err)
	}
	list, closed, err := s.Delegations(ctx, coming)
	if err != nil || closed || len(list) != 1 || list[0].Version != 1 || len(list[0].Delegates) != 2 || !list[0].Delegates[1].Online || !list[0].Delegates[1].Deputy ||
		list[0].Delegates[0].Function != "CIO des Landes" || list[0].UpdatedBy != "hessen" {
		t.Fatalf("delegations = %+v %v %v", list, closed, err)
	}
	if a := list[0].Attendance(); a.Presence != model.Present || a.Person != "Dr. Anna Beispiel" {
		t.Errorf("attendance from the delegation = %+v", a)
	}
	he.Version = 1
	he.Delegates = he.Delegates[1:]
	check(t, s.SaveDelegation(ctx, he, false))

	check(t, s.SetDelegationsClosed(ctx, coming, true))
	he.Version = 2
	if err := s.SaveDelegation(ctx, he, false); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a member office after the list is closed: %v", err)
	}
	check(t, s.SaveDelegation(WithActor(ctx, "geschaeftsstelle"), he, true))
	list, closed, _ = s.Delegations(ctx, coming)
	if !closed || list[0].Version != 3 || list[0].UpdatedBy != "geschaeftsstelle" {
		t.Errorf("after the secretariat's correction: %+v closed %v", list, closed)
	}
	if a := list[0].Attendance(); a.Presence != model.Represented || a.Person != "Ben Vertreter" {
		t.Errorf("only a deputy: %+v", a)
	}
	check(t, s.SetDelegationsClosed(ctx, coming, false))
	if _, closed, _ := s.Delegations(ctx, coming); closed {
		t.Error("the list stayed closed")
	}
	if err := s.SaveDelegation(ctx, model.Delegation{SessionID: running, Member: "HE"}, false); model.ClassOf(err) != model.ErrRule {
		t.Errorf("a member office registers for a running session: %v", err)
	}
	log := must[[]model.AuditEntry](t)(s.AuditLog(ctx, "session", coming))
	found := false
	for _, e := range log {
		found = found || e.Action == "delegation"
	}
	if !found {
		t.Errorf("the audit log lacks the delegation: %+v", log)
	}
}

// TestDelegationsOneView: the delegations and whether the list is closed
// come from one consistent read. The secretariat closes the list and
// corrects a registration right after the list was read: the answer is
// either all before or all after, never the old registration under a
// closed list.
func TestDelegationsOneView(t *testing.T) {
	s, ctx, coming, _ := delegationFixture(t)
	he := model.Delegation{SessionID: coming, Member: "HE", Delegates: []model.Delegate{{Name: "Dr. Anna Beispiel"}}}
	check(t, s.SaveDelegation(ctx, he, false))

	sec := WithActor(context.Background(), "geschaeftsstelle")
	done := false
	afterRead = func(what string) {
		if what != "delegations" || done {
			return
		}
		done = true
		check(t, s.SetDelegationsClosed(sec, coming, true))
		he.Version = 1
		he.Delegates = []model.Delegate{{Name: "Ben Vertreter"}}
		check(t, s.SaveDelegation(sec, he, true))
	}
	defer func() { afterRead = nil }()
	list, closed, err := s.Delegations(ctx, coming)
	if err != nil || !done || len(list) != 1 || len(list[0].Delegates) != 1 {
		t.Fatalf("delegations = %+v %v %v (changed in between: %v)", list, closed, err, done)
	}
	before := !closed && list[0].Version == 1 && list[0].Delegates[0].Name == "Dr. Anna Beispiel"
	after := closed && list[0].Version == 2 && list[0].Delegates[0].Name == "Ben Vertreter"
	if !before && !after {
		t.Errorf("a mixed view: closed %v with version %d (%s)", closed, list[0].Version, list[0].Delegates[0].Name)
	}
}

// delegationFixture gives a store with a coming and a running session and
// a context acting as the office of Hessen.
func delegationFixture(t *testing.T) (s *Store, ctx context.Context, coming, running int64) {
	t.Helper()
	s, _ = newStore(t)
	ctx = WithActor(context.Background(), "hessen")
	bodyID, running := fixture(t, s)
	coming = must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 20), Status: model.StatusConvened}))
	return s, ctx, coming, running
}
