package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestPulledItemCannotReturnToGreenList: an item a voting member took off
// the Grüne Liste — recommended by the AL-Runde and confirmed, or ticked
// by the secretariat — is refused a return to the list, with the reason
// at the tick naming the member; an item nobody pulled may go on it.
// Before, nothing knew of the pull once the item was off the list, and
// ticking it again put it back for the en-bloc vote.
func TestPulledItemCannotReturnToGreenList(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	// A: recommended for the list, confirmed, pulled at the request of BY.
	recA, draftA := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true}))
	must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draftA, votesOf(model.VoteYes, voters...)))
	check(t, s.ConfirmGreenList(ctx, recA, must[model.Recommendation](t)(s.Recommendation(ctx, recA)).Version))
	if err := s.CheckGreenListReturn(ctx, f.itemA); err != nil {
		t.Fatalf("an item on the list, not pulled: %v", err)
	}
	check(t, s.PullFromGreenList(ctx, recA, "BY"))
	// B: ticked for the list by the secretariat, pulled by the Bund.
	b := must[model.AgendaItem](t)(s.Item(ctx, f.itemB))
	b.Consent = true
	check(t, s.UpdateItem(ctx, b))
	if err := s.CheckGreenListReturn(ctx, f.itemB); err != nil {
		t.Fatalf("a ticked item, not pulled: %v", err)
	}
	check(t, s.PullItemFromGreenList(ctx, f.itemB, "Bund"))

	for _, c := range []struct {
		id   int64
		wish string
	}{{f.itemA, "auf Wunsch von BY"}, {f.itemB, "auf Wunsch des Bundes"}} {
		err := s.CheckGreenListReturn(ctx, c.id)
		if model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "gruene_liste" || !strings.Contains(model.ReasonOf(err), c.wish+" von der Grünen Liste genommen") {
			t.Errorf("item %d back on the list: %v (field %q), want a rule naming %q", c.id, err, model.FieldOf(err), c.wish)
		}
	}
	// The rule holds in the write itself, for every caller (the form
	// asks CheckGreenListReturn first; the JSON API and others do not):
	// the tick is refused and nothing changes.
	b = must[model.AgendaItem](t)(s.Item(ctx, f.itemB))
	b.Consent = true
	if err := s.UpdateItem(ctx, b); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "gruene_liste" {
		t.Errorf("the tick of a pulled item, written: %v", err)
	}
	if got := must[model.AgendaItem](t)(s.Item(ctx, f.itemB)); got.Consent {
		t.Error("the refused tick put the pulled item back on the list")
	}
}
