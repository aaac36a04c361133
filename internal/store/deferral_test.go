package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestDeferItem: a TOP of the running 47th session is deferred to the next
// planned session in one transaction: the 48th's agenda gets it (title,
// registration, FachMK statement, document, proposal), marked as deferred
// from the 47th; the 47th keeps it, marked as deferred to the 48th, without
// decision; the audit log says "defer". Deferring again, to a session that
// is not later and planned, and an item with an adopted decision are
// refused with a German reason, and nothing changes.
func TestDeferItem(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "geschaeftsstelle")
	bodyID, s47 := fixture(t, s)
	id := must[int64](t)
	s48 := id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Date: model.NewDate(2025, 11, 27), Status: model.StatusPlanned}))
	id(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 49, Date: model.NewDate(2026, 3, 12), Status: model.StatusConvened}))
	item := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "05", Title: "Cloud ⟦Kosten⟧", Goal: model.GoalDecision, Status: model.ItemAccepted,
		Points: []string{"Sachstand"}, Reporters: []string{"HE"}, RegisteredBy: "HE", Impact: model.Impact{Stated: true, Note: "keine"},
		Flags: model.ItemFlags{Decision: true, Note: true}}))
	doc := id(s.CreateDocument(ctx, Document{SessionID: s47, ItemID: item, Filename: "vorlage.pdf", ContentType: "application/pdf", Size: 3, SHA256: "abc", UploadedBy: "hessen"}))
	draft := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: s47, ItemID: item, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Cloud", Applicants: []string{"Bund"}}))
	done := id(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "06", Title: "Beschlossen", Status: model.ItemAccepted}))
	adopted := id(s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: s47, ItemID: done, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Beschlossen", Applicants: []string{"Bund"}}))
	// Adopted by a vote this fixture cannot hold (it lacks the Länder).
	check(t, s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updatePlain(ctx, tx, "decisions", "decision", adopted, `status = ?`, model.DecisionAdopted)
	}))

	// Hessen registered the item: its office hears of the deferral, as
	// does the secretariat; Hamburg's does not.
	account(t, s, model.User{Username: "hessen", Role: model.RoleMember, MemberAbbrev: "HE"}, model.ChannelEmail, "he@example.org", model.EventItemDeferred)
	account(t, s, model.User{Username: "hamburg", Role: model.RoleMember, MemberAbbrev: "HH"}, model.ChannelEmail, "hh@example.org", model.EventItemDeferred)
	account(t, s, model.User{Username: "gs", Role: model.RoleSecretariat}, model.ChannelEmail, "gs@example.org", model.EventItemDeferred)
	version := must[model.AgendaItem](t)(s.Item(ctx, item)).Version
	refused := func(d Deferral, want string) {
		t.Helper()
		before := len(must[[]model.AgendaItem](t)(s.Items(ctx, s48)))
		if _, _, err := s.DeferItem(ctx, d); model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), want) {
			t.Errorf("defer %+v: %v, want a rule error naming %q", d, err, want)
		}
		if n := len(must[[]model.AgendaItem](t)(s.Items(ctx, s48))); n != before {
			t.Errorf("a refused deferral left %d items on the 48th agenda", n-before)
		}
	}
	refused(Deferral{ItemID: done, Version: must[model.AgendaItem](t)(s.Item(ctx, done)).Version}, "Beschluss")
	refused(Deferral{ItemID: item, Version: version, Target: 47}, "47. Sitzung")

	newID, target, err := s.DeferItem(ctx, Deferral{ItemID: item, Version: version, Reason: "Unterlagen\n  fehlen"}) // one line in the minutes
	if err != nil || target.Number != 48 {
		t.Fatalf("defer to the next session: %v %d", err, target.Number)
	}
	orig := must[model.AgendaItem](t)(s.Item(ctx, item))
	moved := must[model.AgendaItem](t)(s.Item(ctx, newID))
	if orig.SessionID != s47 || orig.Deferral.To != 48 || orig.Deferral.Reason != "Unterlagen fehlen" || orig.Flags != (model.ItemFlags{}) || orig.Deferral.DeferredToLabel() != "vertagt auf die 48. Sitzung" {
		t.Errorf("original item: %+v", orig)
	}
	if moved.SessionID != s48 || moved.Deferral.From != 47 || moved.Deferral.To != 0 || moved.Title != orig.Title || moved.RegisteredBy != "HE" || !moved.Impact.Stated ||
		moved.Impact.Note != "keine" || moved.Status != model.ItemAccepted || moved.Number != "" || len(moved.Points) != 1 || moved.Deferral.DeferredFromLabel() != "vertagt aus der 47. Sitzung" {
		t.Errorf("item on the 48th agenda: %+v", moved)
	}
	if d := must[Document](t)(s.Document(ctx, doc)); d.ItemID != newID || d.SessionID != s48 {
		t.Errorf("document stays behind: %+v", d)
	}
	if d := must[model.Decision](t)(s.Decision(ctx, draft)); d.ItemID != newID || d.SessionID != s48 {
		t.Errorf("proposal stays behind: %+v", d)
	}
	var actions []string
	for _, e := range must[[]model.AuditEntry](t)(s.AuditLog(ctx, "agenda_item", item)) {
		actions = append(actions, e.Action)
	}
	if actions[len(actions)-1] != "defer" {
		t.Errorf("audit of the item: %v", actions)
	}
	if got := queued(t, s, model.EventItemDeferred); fmt.Sprint(got) != "[gs@example.org he@example.org]" {
		t.Errorf("deferral told %v", got)
	}
	list, _, _ := s.Notifications(ctx, OutboxFilter{Event: model.EventItemDeferred})
	if len(list) == 0 || strings.Contains(list[0].Body, "Kosten") || !strings.Contains(list[0].Body, "vertagt auf die 48. Sitzung") || !strings.Contains(list[0].Body, "Unterlagen fehlen") {
		t.Errorf("message: %+v", list)
	}
	refused(Deferral{ItemID: item, Version: orig.Version}, "bereits vertagt")
	// Deferred again from the 48th, explicitly to the convened 49th.
	if _, target, err := s.DeferItem(ctx, Deferral{ItemID: newID, Version: moved.Version, Target: 49}); err != nil || target.Number != 49 {
		t.Fatalf("defer from the 48th to the 49th: %v", err)
	}
}

// TestDeferredItemTakesNoDecision: once deferred, no proposal can be added
// to the item in the original session.
func TestDeferredItemTakesNoDecision(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	bodyID, s47 := fixture(t, s)
	must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: bodyID, Number: 48, Status: model.StatusPlanned}))
	item := must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Number: "05", Title: "Cloud", Status: model.ItemAccepted}))
	if _, _, err := s.DeferItem(ctx, Deferral{ItemID: item, Version: 1}); err != nil {
		t.Fatal(err)
	}
	_, err := s.CreateDecision(ctx, model.Decision{BodyID: bodyID, SessionID: s47, ItemID: item, Kind: model.KindDecision, Status: model.DecisionDraft,
		Scope: model.ScopeAll, Title: "Cloud", Applicants: []string{"Bund"}})
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "vertagt auf die 48. Sitzung") {
		t.Fatalf("proposal on a deferred item: %v", err)
	}
}

// TestDeferredItemCarriesRecommendation: the AL-Runde's recommendation
// given before an item was deferred is shown on the item in the later
// session (and the one after, deferred again) with the date of that
// AL-Runde, without the Grüne Liste state of the session it was given
// for, until a newer AL-Runde gives a new one; the original item keeps
// it. Before, the deferred item showed no recommendation at all.
func TestDeferredItemCarriesRecommendation(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	rec, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true}))
	if out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...))); !out.Tally.Adopted {
		t.Fatalf("not adopted: %s", out.Tally.Reason)
	}
	s49 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: f.council, Number: 49, Date: model.NewDate(2026, 6, 18), Status: model.StatusPlanned}))
	s50 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: f.council, Number: 50, Date: model.NewDate(2026, 9, 17), Status: model.StatusPlanned}))
	defer1 := func(item int64, to int) int64 {
		t.Helper()
		it := must[model.AgendaItem](t)(s.Item(ctx, item))
		id, _, err := s.DeferItem(ctx, Deferral{ItemID: it.ID, Version: it.Version, Target: to})
		check(t, err)
		return id
	}
	carried := func(session, item int64) model.Recommendation {
		t.Helper()
		r, ok := must[map[int64]model.Recommendation](t)(s.GivenRecommendations(ctx, session))[item]
		if !ok {
			t.Fatalf("item %d of session %d carries no recommendation", item, session)
		}
		return r
	}
	in49 := defer1(f.itemA, 49)
	r := carried(s49, in49)
	if r.ID != rec || r.TargetItemID != in49 || r.CarriedFrom != f.itemA || r.Caption() != "Beschlussempfehlung der 40. AL-Runde vom 19.02.2026" ||
		r.Consent != "" || r.CanPull(must[model.Session](t)(s.Session(ctx, s49))) {
		t.Errorf("carried to the 49th session: %+v", r)
	}
	if r := carried(f.main, f.itemA); r.ID != rec || r.CarriedFrom != 0 || r.Consent != model.ConsentProposed {
		t.Errorf("the original item lost its recommendation: %+v", r)
	}
	in50 := defer1(in49, 50)
	if r := carried(s50, in50); r.ID != rec || r.CarriedFrom != f.itemA {
		t.Errorf("deferred again, to the 50th session: %+v", r)
	}
	// A newer AL-Runde recommends anew: its recommendation is given.
	al41 := must[int64](t)(s.PlanPreparatorySession(ctx, s50, model.Session{BodyID: f.prep, Number: 41, Date: model.NewDate(2026, 8, 27), Status: model.StatusRunning}, nil))
	if ok, reason, err := s.SaveAttendance(ctx, al41, attending(voters...)); err != nil || !ok {
		t.Fatalf("quorum: %v %s", err, reason)
	}
	newer, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: al41, TargetItemID: in50, Kind: model.RecommendDiscuss}))
	if out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, al41, draft, votesOf(model.VoteYes, voters...))); !out.Tally.Adopted {
		t.Fatalf("not adopted: %s", out.Tally.Reason)
	}
	if r := carried(s50, in50); r.ID != newer || r.CarriedFrom != 0 || r.SessionNumber != 41 {
		t.Errorf("after the 41st AL-Runde: %+v", r)
	}
}
