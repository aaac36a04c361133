package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// coAppFixture plans the 48th session and gives a registration of Hessen
// naming BW and NW, registered with their co-applications asked.
type coAppFixture struct {
	s      *Store
	ctx    context.Context
	body   int64
	s48    int64
	se     model.Session
	regist model.Registration
}

func newCoAppFixture(t *testing.T) coAppFixture {
	t.Helper()
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "hessen")
	body, _ := lawFixture(t, s)
	today := s.Today()
	s48 := must[int64](t)(s.CreateSession(ctx, model.Session{BodyID: body, Number: 48, Date: model.BerlinDate(today.Time().AddDate(0, 2, 0)),
		RegistrationDeadline: model.BerlinDate(today.Time().AddDate(0, 1, 0)), Status: model.StatusPlanned}))
	se := must[model.Session](t)(s.Session(ctx, s48))
	reg := model.Registration{Member: "HE", Title: "Vorschlag A", Goal: model.GoalDecision, Impact: model.Impact{Stated: true},
		Applicants: []string{"HE", "BW", "NW"}, Proposal: []model.Point{{Text: "Der IT-Planungsrat nimmt den Bericht zur Kenntnis."}}}
	return coAppFixture{s: s, ctx: ctx, body: body, s48: s48, se: se, regist: reg}
}

// register registers g for Hessen, asking its co-applicants.
func (f coAppFixture) register(t *testing.T, g model.Registration) int64 {
	t.Helper()
	return must[int64](t)(f.s.RegisterItem(f.ctx, g.Item(f.se, f.s.now()), g.Draft(f.body), ConfirmCoApplicants()))
}

// pendingOf gives the one pending co-application of member.
func (f coAppFixture) pendingOf(t *testing.T, member string) model.CoApplication {
	t.Helper()
	co := must[[]model.CoApplication](t)(f.s.PendingCoApplications(f.ctx, member))
	if len(co) != 1 {
		t.Fatalf("%s's pending co-applications: %+v", member, co)
	}
	return co[0]
}

// TestCoApplicationAnswerBoundToWhatWasSeen: BW reads proposal A on its
// page; Hessen withdraws A and registers B with the same co-applicants.
// SQLite gave B's co-application A's id again, and BW's confirmation of A
// was recorded for B. Now the answer names what BW saw: the withdrawn
// proposal's co-application is gone (its id is not given again), and a
// proposal changed since it was read is refused as changed, naming the
// current text; B's co-application stays pending.
func TestCoApplicationAnswerBoundToWhatWasSeen(t *testing.T) {
	f := newCoAppFixture(t)
	a := f.register(t, f.regist)
	seen := f.pendingOf(t, "BW")
	check(t, f.s.WithdrawRegistration(f.ctx, a, must[model.AgendaItem](t)(f.s.Item(f.ctx, a)).Version, "HE"))
	b := f.regist
	b.Title, b.Proposal = "Vorschlag B", []model.Point{{Text: "Der IT-Planungsrat beschließt die verbindliche Anwendung ab 2028."}}
	f.register(t, b)
	now := f.pendingOf(t, "BW")
	if now.ID == seen.ID {
		t.Errorf("B's co-application got the id %d of withdrawn A's", now.ID)
	}
	_, err := f.s.DecideCoApplication(f.ctx, seen.ID, "BW", model.CoConfirm, seen.Fingerprint())
	if model.ClassOf(err) != model.ErrNotFound || !strings.Contains(model.ReasonOf(err), "zurückgezogen") {
		t.Errorf("BW confirms withdrawn A: %v, want not found", err)
	}
	if c := must[model.CoApplication](t)(f.s.CoApplication(f.ctx, now.ID)); c.State != model.CoApplicationPending {
		t.Errorf("B's co-application after BW's answer to A: %s", c.State)
	}
}

// TestCoApplicationWithdrawnWhileChangeable: a confirmation could not be
// undone — a second answer was a conflict whatever it was. Now the same
// answer again is done, a confirmed co-application is withdrawn while the
// registration may be changed (it then counts no more, and the refusal
// at the vote names it), and not once the secretariat has decided; a
// pending one has nothing to withdraw.
func TestCoApplicationWithdrawnWhileChangeable(t *testing.T) {
	f := newCoAppFixture(t)
	id := f.register(t, f.regist)
	bw, nw := f.pendingOf(t, "BW"), f.pendingOf(t, "NW")
	if _, err := f.s.DecideCoApplication(f.ctx, bw.ID, "BW", model.CoWithdraw, bw.Fingerprint()); model.ClassOf(err) != model.ErrRule {
		t.Errorf("BW withdraws what it has not confirmed: %v", err)
	}
	for range 2 {
		if c, err := f.s.DecideCoApplication(f.ctx, bw.ID, "BW", model.CoConfirm, bw.Fingerprint()); err != nil || c.State != model.CoApplicationConfirmed {
			t.Fatalf("BW confirms: %+v %v", c, err)
		}
	}
	must[model.CoApplication](t)(f.s.DecideCoApplication(f.ctx, nw.ID, "NW", model.CoConfirm, nw.Fingerprint()))
	for range 2 {
		if c, err := f.s.DecideCoApplication(f.ctx, bw.ID, "BW", model.CoWithdraw, bw.Fingerprint()); err != nil || c.State != model.CoApplicationWithdrawn {
			t.Fatalf("BW withdraws: %+v %v", c, err)
		}
	}
	if _, err := f.s.DecideCoApplication(f.ctx, bw.ID, "BW", model.CoConfirm, bw.Fingerprint()); model.ClassOf(err) != model.ErrRule {
		t.Errorf("BW confirms what it withdrew: %v", err)
	}
	co := must[[]model.CoApplication](t)(f.s.CoApplications(f.ctx, bw.DecisionID))
	kinds := must[map[string]model.MemberKind](t)(f.s.MemberKinds(f.ctx))
	err := model.CheckApplicationConfirmed(f.regist.Applicants, co, kinds)
	if want := "Beantragt von HE, NW; Mitantrag von BW zurückgezogen; nötig ist der Antrag des Bundes oder dreier Länder."; model.ReasonOf(err) != want {
		t.Errorf("the application after BW's withdrawal: %v, want %q", err, want)
	}
	// Once the secretariat has accepted it, NW's confirmation stands.
	it := must[model.AgendaItem](t)(f.s.Item(f.ctx, id))
	must[model.AgendaItem](t)(f.s.DecideRegistration(f.ctx, id, it.Version, true, ""))
	_, err = f.s.DecideCoApplication(f.ctx, nw.ID, "NW", model.CoWithdraw, nw.Fingerprint())
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "kann nicht mehr zurückgezogen werden") {
		t.Errorf("NW withdraws after the secretariat accepted: %v", err)
	}
}

// TestSubstantiveChangeAsksCoApplicantsAgain: Hessen changed the proposal
// from "nimmt … zur Kenntnis" to "… beschließt ihre verbindliche
// Anwendung ab 2028", and Brandenburg stayed "Mitantrag bestätigt", told
// nothing. Now a change of what is applied for (model.Substance) asks
// every co-applicant that answered again — confirmed, declined or
// withdrawn — as when first named: pending, one round more, notified;
// the registering office learns whom. A change of anything else (sources,
// reporters, another applicant) keeps the answers.
func TestSubstantiveChangeAsksCoApplicantsAgain(t *testing.T) {
	f := newCoAppFixture(t)
	account(t, f.s, model.User{Username: "bw", Role: model.RoleMember, MemberAbbrev: "BW"}, model.ChannelEmail, "bw@example.org", model.EventCoApplication)
	id := f.register(t, f.regist)
	bw, nw := f.pendingOf(t, "BW"), f.pendingOf(t, "NW")
	must[model.CoApplication](t)(f.s.DecideCoApplication(f.ctx, bw.ID, "BW", model.CoConfirm, bw.Fingerprint()))
	must[model.CoApplication](t)(f.s.DecideCoApplication(f.ctx, nw.ID, "NW", model.CoDecline, nw.Fingerprint()))
	if got := queued(t, f.s, model.EventCoApplication); len(got) != 1 {
		t.Fatalf("BW's first request: %v", got)
	}
	state := func(c model.CoApplication) model.CoApplication {
		t.Helper()
		return must[model.CoApplication](t)(f.s.CoApplication(f.ctx, c.ID))
	}

	// Another source and a further applicant: nothing asked again.
	minor := f.regist
	minor.Sources, minor.Applicants = []string{"B-2025/26-IT"}, []string{"HE", "BW", "NW", "BY"}
	it := must[model.AgendaItem](t)(f.s.Item(f.ctx, id))
	must[model.AgendaItem](t)(f.s.UpdateRegistration(f.ctx, id, it.Version, "HE", minor, ConfirmCoApplicants()))
	if c := state(bw); c.State != model.CoApplicationConfirmed {
		t.Errorf("BW after a change of the sources: %s", c.State)
	}

	// The proposal's text: BW and NW are asked again, BY (pending) stays.
	major := minor
	major.Proposal = []model.Point{{Text: "Der IT-Planungsrat nimmt den Bericht zur Kenntnis und beschließt seine verbindliche Anwendung ab 2028."}}
	it = must[model.AgendaItem](t)(f.s.Item(f.ctx, id))
	must[model.AgendaItem](t)(f.s.UpdateRegistration(f.ctx, id, it.Version, "HE", major, ConfirmCoApplicants()))
	for _, c := range []model.CoApplication{bw, nw} {
		if got := state(c); got.State != model.CoApplicationPending || got.Asked != 2 || got.DecidedBy != "" {
			t.Errorf("%s after the change of the proposal: %+v", c.Member, got)
		}
	}
	if got := queued(t, f.s, model.EventCoApplication); len(got) != 2 {
		t.Errorf("BW's requests after the change: %v, want the first and the new", got)
	}
	// BW's answer to what it read before the change is refused.
	if _, err := f.s.DecideCoApplication(f.ctx, bw.ID, "BW", model.CoConfirm, bw.Fingerprint()); model.ClassOf(err) != model.ErrConflict {
		t.Errorf("BW confirms the former text: %v", err)
	}
	// The title, too; the secretariat's change as well.
	c := state(bw)
	must[model.CoApplication](t)(f.s.DecideCoApplication(f.ctx, c.ID, "BW", model.CoConfirm, c.Fingerprint()))
	retitled := major
	retitled.Title = "Vorschlag A, verbindlich"
	it = must[model.AgendaItem](t)(f.s.Item(f.ctx, id))
	must[model.AgendaItem](t)(f.s.UpdateRegistration(f.ctx, id, it.Version, "", retitled))
	if got := state(bw); got.State != model.CoApplicationPending || got.Asked != 3 {
		t.Errorf("BW after the secretariat's new title: %+v", got)
	}
}

// TestRegistrationFormKeyMakesOneRegistration: the same registration form
// sent twice made two registrations, its co-applicants asked twice. With
// the form's key the second call stores nothing and gives the first
// registration; another member's form key is refused; a registration
// withdrawn since is gone with its key.
func TestRegistrationFormKeyMakesOneRegistration(t *testing.T) {
	f := newCoAppFixture(t)
	const key = "0123456789abcdef0123456789abcdef"
	var ids []int64
	for i := range 2 {
		var again bool
		id := must[int64](t)(f.s.RegisterItem(f.ctx, f.regist.Item(f.se, f.s.now()), f.regist.Draft(f.body), ConfirmCoApplicants(), WithFormKey(key, &again)))
		if again != (i == 1) {
			t.Errorf("submit %d: again %v", i+1, again)
		}
		ids = append(ids, id)
	}
	if ids[0] != ids[1] {
		t.Errorf("two registrations from one form: %v", ids)
	}
	f.pendingOf(t, "BW") // asked once
	other := f.regist
	other.Member = "BY"
	other.Applicants = []string{"BY", "Bund"}
	_, err := f.s.RegisterItem(f.ctx, other.Item(f.se, f.s.now()), other.Draft(f.body), WithFormKey(key, nil))
	if model.ClassOf(err) != model.ErrConflict {
		t.Errorf("Bayern's registration with Hessen's form key: %v", err)
	}
	check(t, f.s.WithdrawRegistration(f.ctx, ids[0], must[model.AgendaItem](t)(f.s.Item(f.ctx, ids[0])).Version, "HE"))
	var again bool
	must[int64](t)(f.s.RegisterItem(f.ctx, f.regist.Item(f.se, f.s.now()), f.regist.Draft(f.body), WithFormKey(key, &again)))
	if again {
		t.Error("the form of a withdrawn registration leads to nothing")
	}
}
