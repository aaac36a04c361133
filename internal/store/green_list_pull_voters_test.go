package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestPullFromGreenListNeedsAVoterOfTheBody: a request to take an item off
// the Grüne Liste was checked against the member's kind only, so any
// member of a voting kind could have an item taken off the list of a body
// whose rules do not let it vote — Hessen off the AL-Runde's own list
// when the AL-Runde lets only the Bund, Bavaria and Berlin vote. The
// request is now refused with the reason unless the member votes in the
// session's body, for an item ticked for the list and for a recommended
// item alike.
func TestPullFromGreenListNeedsAVoterOfTheBody(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	f := newPrepFixture(t, s)
	threeVoters := func(bodyID int64) {
		t.Helper()
		b := must[model.Body](t)(s.Body(ctx, bodyID))
		b.Rules = model.ITPLRRules()
		b.Rules.Voters = []string{"Bund", "BY", "BE"}
		check(t, s.UpdateBody(ctx, b))
	}
	refused := func(err error, body, session string) {
		t.Helper()
		want := "Hessen ist im Gremium " + body + " nicht stimmberechtigt und kann keinen TOP von der Grünen Liste der " + session + " nehmen."
		if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), want) {
			t.Errorf("a pull at the request of Hessen: %v, want %q", err, want)
		}
	}

	// A recommended item of the council's session, confirmed for its
	// list; then the council's rules let Hessen no longer vote.
	recA, draftA := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true}))
	must[VoteOutcome](t)(s.RecordShowOfHands(ctx, f.al, draftA, votesOf(model.VoteYes, voters...)))
	check(t, s.ConfirmGreenList(ctx, recA, must[model.Recommendation](t)(s.Recommendation(ctx, recA)).Version))
	// The AL-Runde's own item, ticked for the AL-Runde's own list.
	recB, _ := must2[int64, int64](t)(s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemB, Kind: model.RecommendAdopt}))
	own := must[model.AgendaItem](t)(s.Item(ctx, must[model.Recommendation](t)(s.Recommendation(ctx, recB)).ItemID))
	own.Consent = true
	check(t, s.UpdateItem(ctx, own))
	threeVoters(f.council)
	threeVoters(f.prep)

	refused(s.PullFromGreenList(ctx, recA, "HE"), "IT-PLR", "48. Sitzung")
	refused(s.PullItemFromGreenList(ctx, f.itemA, "HE"), "IT-PLR", "48. Sitzung")
	if it := must[model.AgendaItem](t)(s.Item(ctx, f.itemA)); !it.Consent {
		t.Error("the council's item left its Grüne Liste at the request of Hessen")
	}
	refused(s.PullItemFromGreenList(ctx, own.ID, "HE"), "AL-Runde", "40. AL-Runde")
	if it := must[model.AgendaItem](t)(s.Item(ctx, own.ID)); !it.Consent {
		t.Error("the AL-Runde's item left its Grüne Liste at the request of Hessen")
	}

	// At the request of a voter of the body, the item leaves the list.
	check(t, s.PullFromGreenList(ctx, recA, "BY"))
	check(t, s.PullItemFromGreenList(ctx, own.ID, "BE"))
	for _, id := range []int64{f.itemA, own.ID} {
		if it := must[model.AgendaItem](t)(s.Item(ctx, id)); it.Consent {
			t.Errorf("%q is still on the Grüne Liste after a voter's pull", it.Title)
		}
	}
}
