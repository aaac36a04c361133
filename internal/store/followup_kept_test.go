package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestFollowUpCountsKeptPerVersion: the follow-up lists' counts and due
// sessions are read once per data version and query (every anonymous
// request of the list asks the same), and read again after a change.
func TestFollowUpCountsKeptPerVersion(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	w := newFollowUpWorld(t, s)
	q := w.query(t, s, model.Public, nil, FollowUpFilter{})
	total, pending := must2[int, int](t)(s.FollowUpCounts(ctx, q))
	before := QueryCount()
	for range 3 {
		if t2, p2 := must2[int, int](t)(s.FollowUpCounts(ctx, q)); t2 != total || p2 != pending {
			t.Fatalf("kept counts %d/%d, first read %d/%d", t2, p2, total, pending)
		}
		must[map[int]model.Session](t)(s.FollowUpDueSessions(ctx, w.council))
	}
	if n := QueryCount() - before; n != 0 {
		t.Errorf("reading kept counts and due sessions again ran %d statements, want 0", n)
	}
	// Another query (another audience) is kept apart.
	qi := w.query(t, s, model.Internal, &model.User{Role: model.RoleSecretariat}, FollowUpFilter{})
	if ti, _ := must2[int, int](t)(s.FollowUpCounts(ctx, qi)); ti <= total {
		t.Errorf("the secretariat's count %d is not above the public's %d: counts of another query were given", ti, total)
	}
	// A change: a follow-up on an adopted decision of the council, public,
	// due to a session that had none due.
	var adopted int64
	for _, e := range must[[]FollowUpEntry](t)(s.FollowUpEntries(ctx, FollowUpFilter{})) {
		if e.DecisionID == 0 {
			continue
		}
		if d := must[model.Decision](t)(s.Decision(ctx, e.DecisionID)); d.BodyID == w.council && d.Status == model.DecisionAdopted {
			adopted = d.ID
			break
		}
	}
	dueBefore := must[map[int]model.Session](t)(s.FollowUpDueSessions(ctx, w.council))
	if _, ok := dueBefore[40]; ok {
		t.Fatal("the fixture has follow-ups due to session 40 already")
	}
	createFollowUpAsBefore(t, s, model.FollowUp{DecisionID: adopted, Text: "Neu", Status: model.FollowUpOpen, DueSession: 40})
	if t2, p2 := must2[int, int](t)(s.FollowUpCounts(ctx, q)); t2 != total+1 || p2 != pending+1 {
		t.Errorf("after a new public follow-up: %d/%d, want %d/%d", t2, p2, total+1, pending+1)
	}
	if _, ok := must[map[int]model.Session](t)(s.FollowUpDueSessions(ctx, w.council))[40]; !ok {
		t.Error("after a new follow-up due to session 40 the due sessions lack it")
	}
}
