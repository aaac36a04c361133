package store

import (
	"context"
	"errors"
	"testing"

	"gremium/internal/model"
)

// A held or cancelled session's agenda is closed: no item is added to it
// (directly, by a member's registration or from a FachMK request) and its
// agenda is not published; each refusal is ErrAgendaClosed, a rule error,
// and leaves nothing behind. A running session's agenda stays open.
func TestAgendaClosedAfterSessionHeldOrCancelled(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "gs")
	conf, s48 := requestFixture(t, s)
	_, s47 := sessionOf(t, s, 47)
	// 47 runs (lawFixture): open; ended, it is held.
	must[int64](t)(s.CreateItem(ctx, model.AgendaItem{SessionID: s47, Title: "Während der Sitzung", Position: 50}))
	se47 := must[model.Session](t)(s.Session(ctx, s47))
	check(t, s.SetSessionStatus(ctx, s47, se47.Version, model.StatusEnded))
	se48 := must[model.Session](t)(s.Session(ctx, s48))
	check(t, s.CancelSession(ctx, s48, se48.Version, "Umlaufverfahren statt Sitzung"))
	q := must[int64](t)(s.SubmitRequest(ctx, model.Request{ConferenceID: conf, Title: "Digitale Steuerbescheide", SubmittedBy: "fmk"}))

	for _, sid := range []int64{s47, s48} {
		before := len(must[[]model.AgendaItem](t)(s.Items(ctx, sid)))
		se := must[model.Session](t)(s.Session(ctx, sid))
		closed := func(what string, err error) {
			t.Helper()
			if !errors.Is(err, ErrAgendaClosed) || model.ClassOf(err) != model.ErrRule || model.ReasonOf(err) == model.ReasonOf(ErrAgendaClosed) {
				t.Errorf("%s, %s: %v, want ErrAgendaClosed with a reason naming the session", se.Title(), what, err)
			}
		}
		_, err := s.CreateItem(ctx, model.AgendaItem{SessionID: sid, Title: "Nachzügler", Position: 60})
		closed("item", err)
		_, err = s.RequestToItem(ctx, q, 1, RequestItem{SessionID: sid})
		closed("request as item", err)
		se.AgendaPublished = true
		closed("publication", s.UpdateSession(ctx, se))
		if n := len(must[[]model.AgendaItem](t)(s.Items(ctx, sid))); n != before {
			t.Errorf("%s: %d items after the refusals, want %d", se.Title(), n, before)
		}
		if after := must[model.Session](t)(s.Session(ctx, sid)); after.AgendaPublished {
			t.Errorf("%s: agenda published after the refusal", se.Title())
		}
	}
	if got := must[model.Request](t)(s.Request(ctx, q)); got.ItemID != 0 {
		t.Errorf("request became item %d of a closed agenda", got.ItemID)
	}
}

// sessionOf gives the IT-PLR's (body 1) session with the number.
func sessionOf(t *testing.T, s *Store, number int) (model.Session, int64) {
	t.Helper()
	se := must[model.Session](t)(s.SessionByNumber(context.Background(), 1, number))
	return se, se.ID
}

// The AL-Runde's recommendations stand on its agenda as items of their
// own (prepItemTx): a held AL-Runde takes no new proposal of a
// recommendation either — ErrAgendaClosed, and nothing is left behind
// (before, the proposal added an item and a draft to a held session).
func TestRecommendationProposalNeedsAnOpenAgenda(t *testing.T) {
	s, _ := newStore(t)
	ctx := WithActor(context.Background(), "gs")
	f := newPrepFixture(t, s)
	al := must[model.Session](t)(s.Session(ctx, f.al))
	check(t, s.SetSessionStatus(ctx, f.al, al.Version, model.StatusEnded))
	before := len(must[[]model.AgendaItem](t)(s.Items(ctx, f.al)))
	_, _, err := s.ProposeRecommendation(ctx, model.Recommendation{SessionID: f.al, TargetItemID: f.itemA, Kind: model.RecommendAdopt, GreenList: true})
	if !errors.Is(err, ErrAgendaClosed) || model.ClassOf(err) != model.ErrRule {
		t.Errorf("proposal in a held AL-Runde: %v, want ErrAgendaClosed", err)
	}
	if n := len(must[[]model.AgendaItem](t)(s.Items(ctx, f.al))); n != before {
		t.Errorf("%d items after the refusal, want %d", n, before)
	}
}
