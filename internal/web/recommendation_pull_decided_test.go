package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestRecommendationPullNotOfferedOnceDecided: the page of the
// recommendations given offered "herausnehmen" for a recommendation of
// the Grüne Liste whose item had been adopted singly meanwhile (it
// looked at items on the list only), and the store refused the click
// (checkNotAdopted: any adopted decision). The page asks what the store
// asks.
func TestRecommendationPullNotOfferedOnceDecided(t *testing.T) {
	w := newALRundeVoteWorldFor(t, true)
	ctx := store.WithActor(context.Background(), "test")
	w.adopt(t)
	gs := client(t, w.ts, "geschaeftsstelle")
	action := fmt.Sprintf(`action="/empfehlungen/%d/herausnehmen"`, w.rec)
	if _, page := do(t, gs, "GET", w.ts.URL+w.s48.Path()+"/empfehlungen", nil); !strings.Contains(page, action) {
		t.Fatalf("set-up: the given recommendation is not offered to be taken off the list:\n%s", between(page, "<main", "</main>"))
	}
	w.st.SetClock(func() time.Time { return w.s48.Date.Time().Add(10 * time.Hour) })
	publishAgendaForTest(t, w.st, w.s48.ID)
	for _, next := range []model.SessionStatus{model.StatusConvened, model.StatusRunning} {
		se, _ := w.st.Session(ctx, w.s48.ID)
		if err := w.st.SetSessionStatus(ctx, w.s48.ID, se.Version, next); err != nil {
			t.Fatal(err)
		}
	}
	presentExcept(t, w.st, w.s48.ID)
	ds, err := w.st.ItemDecisions(ctx, w.target)
	if err != nil || len(ds) == 0 {
		t.Fatalf("the item's proposal: %v %v", ds, err)
	}
	if out, err := w.st.RecordShowOfHands(ctx, w.s48.ID, ds[0].ID, everyVoter(model.VoteYes)); err != nil || len(out.Decisions) != 1 || out.Decisions[0].Status != model.DecisionAdopted {
		t.Fatalf("adopted singly: %+v %v", out, err)
	}
	if _, page := do(t, gs, "GET", w.ts.URL+w.s48.Path()+"/empfehlungen", nil); strings.Contains(page, action) {
		t.Error("the recommendation of an item adopted singly is still offered to be taken off the list")
	}
}
