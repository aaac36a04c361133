package store

import (
	"context"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestPreparedRegistrationsSayWhatTheALRundeGave: a member's registration
// waited for the AL-Runde's recommendation in "Mein Bereich" after that
// AL-Runde had ended without giving one; a given one left the list
// without a word. PreparedRegistrations gives each coming registration
// with where its recommendation stands: awaited while the AL-Runde is
// ahead or sits, given (the recommendation, with its wording), or not
// given by an AL-Runde that is over.
func TestPreparedRegistrationsSayWhatTheALRundeGave(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	s.SetClock(func() time.Time { return time.Date(2026, 2, 19, 10, 0, 0, 0, model.Berlin) })
	t.Cleanup(func() { s.SetClock(time.Now) })
	byItem := func() map[int64]PreparedRegistration {
		t.Helper()
		out := map[int64]PreparedRegistration{}
		for _, p := range must[[]PreparedRegistration](t)(s.PreparedRegistrations(ctx, "HE")) {
			out[p.Item.ID] = p
		}
		return out
	}
	got := byItem()
	if len(got) != 2 || !got[f.itemA].Awaits() || !got[f.itemC].Awaits() || got[f.itemA].PrepSession != 40 || got[f.itemA].PrepBody != "AL-Runde" {
		t.Fatalf("while the AL-Runde sits: %+v", got)
	}
	_, draft := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true}))
	if out := must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draft, votesOf(model.VoteYes, voters...))); !out.Tally.Adopted {
		t.Fatalf("not adopted: %s", out.Tally.Reason)
	}
	se := must[model.Session](t)(s.Session(ctx, f.al))
	check(t, s.SetSessionStatus(ctx, f.al, se.Version, model.StatusEnded))
	got = byItem()
	a, c := got[f.itemA], got[f.itemC]
	if a.Awaits() || a.Recommendation == nil || a.Recommendation.Statement() != "Beschlussempfehlung der 40. AL-Runde vom 19.02.2026: Annahme wie vorgeschlagen, ohne Aussprache (Grüne Liste) – für die Grüne Liste vorgeschlagen" {
		t.Errorf("the item given a recommendation: %+v %+v", a, a.Recommendation)
	}
	if c.Awaits() || c.Recommendation != nil || !c.PrepOver || c.PrepCancelled {
		t.Errorf("the item the ended AL-Runde gave none: %+v", c)
	}
}
