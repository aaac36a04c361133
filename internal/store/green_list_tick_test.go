package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestGreenListTickFollowsTheBlock: the secretariat's tick "Grüne Liste"
// on the management page (UpdateItem) after "TOPs nummerieren" left the
// item where it stood, so the list stood split on the published agenda
// and in the minutes, and publishing asked nothing (the numbers were in
// order); unticking left the item in the list's place. Now the tick puts
// the item into the list's block and unticking puts it back into its
// section, as a confirmed recommendation and a pull do, while the agenda
// may be numbered; a published agenda keeps its order.
func TestGreenListTickFollowsTheBlock(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	if _, err := s.NumberAgenda(ctx, f.main); err != nil {
		t.Fatal(err)
	}
	if got := agendaOrder(t, s, f.main); got != "Föderales Datenportal 01, Registermodernisierung 02, Bericht Cloud 03" {
		t.Fatalf("the numbered agenda: %s", got)
	}
	tick := func(id int64, on bool) error {
		t.Helper()
		it := must[model.AgendaItem](t)(s.Item(ctx, id))
		it.Consent = on
		return s.UpdateItem(ctx, it)
	}
	check(t, tick(f.itemA, true))
	if got := agendaOrder(t, s, f.main); got != "Registermodernisierung 02, Bericht Cloud 03, Föderales Datenportal 01" {
		t.Errorf("the agenda after the tick: %s", got)
	}
	if apart := must[[]model.AgendaItem](t)(s.GreenListApart(ctx, f.main)); apart != nil {
		t.Errorf("the list after the tick stands apart: %v", apart)
	}
	check(t, tick(f.itemB, true))
	// The second joins the list after the first (the order they joined in).
	if got := agendaOrder(t, s, f.main); got != "Bericht Cloud 03, Föderales Datenportal 01, Registermodernisierung 02" {
		t.Errorf("the agenda after the second tick: %s", got)
	}
	// Unticked, the item goes back into its section, before the list.
	check(t, tick(f.itemA, false))
	if got := agendaOrder(t, s, f.main); got != "Bericht Cloud 03, Föderales Datenportal 01, Registermodernisierung 02" {
		t.Errorf("the agenda after the untick: %s", got)
	}
	// Moved out of the block with the arrows, the list stands apart:
	// publishing asks for a confirmation (web), numbering gathers it.
	check(t, s.MoveItem(ctx, f.itemB, -1, itemVersion(t, s, f.itemB)))
	if apart := must[[]model.AgendaItem](t)(s.GreenListApart(ctx, f.main)); len(apart) != 1 || apart[0].ID != f.itemB {
		t.Errorf("the list moved before a topic: %v", apart)
	}
	if _, err := s.NumberAgenda(ctx, f.main); err != nil {
		t.Fatal(err)
	}
	if apart := must[[]model.AgendaItem](t)(s.GreenListApart(ctx, f.main)); apart != nil {
		t.Errorf("the list after numbering: %v", apart)
	}
	// Published, the agenda keeps its order: the tick puts the item on
	// the list where it stands.
	se := must[model.Session](t)(s.Session(ctx, f.main))
	se.AgendaPublished = true
	check(t, s.UpdateSession(ctx, se))
	before := agendaOrder(t, s, f.main)
	check(t, tick(f.itemA, true))
	if got := agendaOrder(t, s, f.main); got != before {
		t.Errorf("the published agenda after a tick: %s, was %s", got, before)
	}
	if it := must[model.AgendaItem](t)(s.Item(ctx, f.itemA)); !it.Consent {
		t.Error("the tick on a published agenda did not put the item on the Grüne Liste")
	}
}

// TestGreenListTickNeedsAProposal: an item without a proposal (a report,
// a Kenntnisnahme) could be ticked "Grüne Liste" on the management page,
// while a recommendation for the list on it was refused; the en-bloc vote
// then left it out, and the minutes listed it on the list with nothing
// decided. Now the tick is refused by the same rule
// (model.CheckGreenListProposal), at the field gruene_liste.
func TestGreenListTickNeedsAProposal(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	it := must[model.AgendaItem](t)(s.Item(ctx, f.itemC))
	it.Consent = true
	err := s.UpdateItem(ctx, it)
	if model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "gruene_liste" {
		t.Fatalf("a report ticked for the Grüne Liste: %v (field %q)", err, model.FieldOf(err))
	}
	if got := must[model.AgendaItem](t)(s.Item(ctx, f.itemC)); got.Consent {
		t.Error("the report stands on the Grüne Liste")
	}
	// The recommendation's rule gives the same reason.
	_, _, recErr := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemC, Kind: model.RecommendAdopt, GreenList: true})
	found := false
	for _, e := range model.ErrorsOf(recErr) {
		found = found || model.FieldOf(e) == "gruene_liste" && model.ReasonOf(e) == model.ReasonOf(err)
	}
	if !found {
		t.Errorf("the recommendation's refusal differs: %v", recErr)
	}
	// An item saved with other changes and not ticked is kept.
	it = must[model.AgendaItem](t)(s.Item(ctx, f.itemC))
	it.Number = "09"
	check(t, s.UpdateItem(ctx, it))
}
