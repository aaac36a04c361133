package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// agendaOrder gives the titles of the items on a session's agenda in its
// order, each with its number ("C 01").
func agendaOrder(t *testing.T, s *Store, sessionID int64) string {
	t.Helper()
	items := must[[]model.AgendaItem](t)(s.Items(context.Background(), sessionID))
	var out []string
	for _, it := range items {
		if it.OnAgenda() {
			out = append(out, strings.TrimSpace(it.Title+" "+it.Number))
		}
	}
	return strings.Join(out, ", ")
}

// TestGreenListFormsOneBlock: an item confirmed for the Grüne Liste kept
// its place among the topics, and numbering the agenda numbered it there,
// so the agenda showed the Grüne Liste in pieces between the topics. Now
// the Grüne Liste's items form one block at the place of the consent
// section among the body's sections (the IT-PLR's last, as the minutes of
// the 47th session list it after the topics), in their order: on
// confirmation and when the agenda is numbered; an item taken off the list
// goes back into its section. A published agenda keeps its order and
// numbers.
func TestGreenListFormsOneBlock(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	d := must[int64](t)(s.RegisterItem(ctx, model.AgendaItem{SessionID: f.main, SectionID: f.section, Title: "Cloud-Strategie", Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: f.council, Kind: model.KindDecision, Scope: model.ScopeAll, Title: "Cloud-Strategie",
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt die Cloud-Strategie."}}, Applicants: []string{"Bund"}}))
	itD := must[model.AgendaItem](t)(s.Item(ctx, d))
	itD.Status = model.ItemAccepted
	check(t, s.UpdateItem(ctx, itD))
	if got := agendaOrder(t, s, f.main); got != "Föderales Datenportal, Registermodernisierung, Bericht Cloud, Cloud-Strategie" {
		t.Fatalf("the agenda before: %s", got)
	}
	recommended := func(item int64) int64 {
		t.Helper()
		rec, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: item, Kind: model.RecommendAdopt, GreenList: true}))
		must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...)))
		return rec
	}
	confirm := func(rec int64) {
		t.Helper()
		r := must[model.Recommendation](t)(s.Recommendation(ctx, rec))
		check(t, s.ConfirmGreenList(ctx, rec, r.Version))
	}
	recA, recD := recommended(f.itemA), recommended(d)
	confirm(recA)
	if got := agendaOrder(t, s, f.main); got != "Registermodernisierung, Bericht Cloud, Cloud-Strategie, Föderales Datenportal" {
		t.Errorf("the agenda after the confirmation: %s", got)
	}
	// Ticked by the secretariat (the management page), the item joins the
	// block at the tick (tickGreenList), after the items on it already
	// (the list keeps the order its items joined in); numbering keeps the
	// block.
	itB := must[model.AgendaItem](t)(s.Item(ctx, f.itemB))
	itB.Consent = true
	check(t, s.UpdateItem(ctx, itB))
	if _, err := s.NumberAgenda(ctx, f.main); err != nil {
		t.Fatal(err)
	}
	if got := agendaOrder(t, s, f.main); got != "Bericht Cloud 01, Cloud-Strategie 02, Föderales Datenportal 03, Registermodernisierung 04" {
		t.Errorf("the numbered agenda: %s", got)
	}
	// Taken off the list, an item goes back into its section, after its
	// last item — here where it stood, the list's first.
	check(t, s.PullFromGreenList(ctx, recA, "HE"))
	if got := agendaOrder(t, s, f.main); got != "Bericht Cloud 01, Cloud-Strategie 02, Föderales Datenportal 03, Registermodernisierung 04" {
		t.Errorf("the agenda after a pull: %s", got)
	}
	if _, err := s.NumberAgenda(ctx, f.main); err != nil {
		t.Fatal(err)
	}
	// Published, the agenda keeps its order and numbers: a confirmation
	// puts the item on the list where it stands.
	se := must[model.Session](t)(s.Session(ctx, f.main))
	se.AgendaPublished = true
	check(t, s.UpdateSession(ctx, se))
	confirm(recD)
	if got := agendaOrder(t, s, f.main); got != "Bericht Cloud 01, Cloud-Strategie 02, Föderales Datenportal 03, Registermodernisierung 04" {
		t.Errorf("the published agenda after a confirmation: %s", got)
	}
	if it := must[model.AgendaItem](t)(s.Item(ctx, d)); !it.Consent {
		t.Error("the confirmation on a published agenda did not put the item on the Grüne Liste")
	}
}

// TestAcceptedItemGoesBeforeTheGreenList: a registration accepted into a
// section went after the last item of that section — also after an item
// of that section ticked for the Grüne Liste and so standing in the list's
// block: the new topic stood after the list or split it (on a published
// agenda too, where nothing renumbers it). The list's items count at the
// consent section's place now (sectionSlot), as an item taken off the list
// goes back (returnToSection).
func TestAcceptedItemGoesBeforeTheGreenList(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	itB := must[model.AgendaItem](t)(s.Item(ctx, f.itemB))
	itB.Consent = true
	check(t, s.UpdateItem(ctx, itB))
	if _, err := s.NumberAgenda(ctx, f.main); err != nil {
		t.Fatal(err)
	}
	before := agendaOrder(t, s, f.main)
	if !strings.HasSuffix(before, "Registermodernisierung 03") {
		t.Fatalf("the ticked item is not the list's block at the end: %s", before)
	}
	n := must[int64](t)(s.RegisterItem(ctx, model.AgendaItem{SessionID: f.main, SectionID: f.section, Title: "Neu", Goal: model.GoalReport, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, nil))
	it := must[model.AgendaItem](t)(s.Item(ctx, n))
	must[model.AgendaItem](t)(s.DecideRegistration(ctx, n, it.Version, true, "", IntoSection(f.section)))
	got := agendaOrder(t, s, f.main)
	if !strings.HasSuffix(got, "Neu, Registermodernisierung 03") {
		t.Errorf("the accepted item does not stand before the Grüne Liste: %s", got)
	}
}

// TestPulledItemWithoutTopicLeavesTheBlock: an item of the list's own
// section taken off the list has no topic to go back to; it stayed where
// it stood, inside the list's block, which the agenda then showed in two
// pieces around it. It goes just before the block now.
func TestPulledItemWithoutTopicLeavesTheBlock(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	c := must[int64](t)(s.RegisterItem(ctx, model.AgendaItem{SessionID: f.main, SectionID: f.consent, Title: "Konsens", Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "HE", Impact: model.Impact{Stated: true}}, &model.Decision{BodyID: f.council, Kind: model.KindDecision, Scope: model.ScopeAll, Title: "Konsens",
		Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat beschließt."}}, Applicants: []string{"Bund"}}))
	itC := must[model.AgendaItem](t)(s.Item(ctx, c))
	itC.Status, itC.Consent = model.ItemAccepted, true
	check(t, s.UpdateItem(ctx, itC))
	for _, id := range []int64{f.itemA, f.itemB} {
		it := must[model.AgendaItem](t)(s.Item(ctx, id))
		it.Consent = true
		check(t, s.UpdateItem(ctx, it))
	}
	if _, err := s.NumberAgenda(ctx, f.main); err != nil {
		t.Fatal(err)
	}
	if got := agendaOrder(t, s, f.main); got != "Bericht Cloud 01, Konsens 02, Föderales Datenportal 03, Registermodernisierung 04" {
		t.Fatalf("the numbered agenda: %s", got)
	}
	// Move it into the middle of the block, then take it off the list.
	check(t, s.MoveItem(ctx, c, 1, must[model.AgendaItem](t)(s.Item(ctx, c)).Version))
	if got := agendaOrder(t, s, f.main); got != "Bericht Cloud 01, Föderales Datenportal 03, Konsens 02, Registermodernisierung 04" {
		t.Fatalf("after the move: %s", got)
	}
	check(t, s.PullItemFromGreenList(ctx, c, "HE"))
	if got := agendaOrder(t, s, f.main); got != "Bericht Cloud 01, Konsens 02, Föderales Datenportal 03, Registermodernisierung 04" {
		t.Errorf("the pulled item stands in the list's block: %s", got)
	}
}

// TestUntickedItemsRecommendationIsProposedAgain: the secretariat took an
// item it had confirmed for the Grüne Liste off the list by its tick on
// the management page; the recommendation stayed "auf der Grünen Liste"
// with the item off it. It is the list's proposal again, to confirm anew.
func TestUntickedItemsRecommendationIsProposedAgain(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	rec, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true}))
	must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...)))
	r := must[model.Recommendation](t)(s.Recommendation(ctx, rec))
	check(t, s.ConfirmGreenList(ctx, rec, r.Version))
	it := must[model.AgendaItem](t)(s.Item(ctx, f.itemA))
	if !it.Consent {
		t.Fatal("the confirmed item is not on the list")
	}
	it.Consent = false
	check(t, s.UpdateItem(ctx, it))
	if r = must[model.Recommendation](t)(s.Recommendation(ctx, rec)); r.Consent != model.ConsentProposed {
		t.Errorf("the recommendation of the unticked item is %q, want %q", r.Consent, model.ConsentProposed)
	}
	// Confirmed anew, the item is on the list again.
	check(t, s.ConfirmGreenList(ctx, rec, r.Version))
	if it = must[model.AgendaItem](t)(s.Item(ctx, f.itemA)); !it.Consent {
		t.Error("confirmed anew, the item is not on the list")
	}
}
