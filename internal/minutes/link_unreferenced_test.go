package minutes_test

import (
	"context"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/minutes/minutestest"
	"gremium/internal/store"
)

// TestLinkWithoutReferencesReadsNothing: minutes whose items name no
// Beschlussempfehlung have nothing to link, and linking them reads
// nothing from the store. Before, the session and all its items were read
// whole first (some 20 ms of an import of 900 items).
func TestLinkWithoutReferencesReadsNothing(t *testing.T) {
	ctx := context.Background()
	st, bodyID := newStore(t)
	doc := minutestest.Synthetic(60, 20, 2030)
	for _, it := range doc.Items() {
		if it.Recommendation != nil {
			t.Fatal("the synthetic minutes name a recommendation; the test needs minutes without")
		}
	}
	id, _, err := minutes.Save(ctx, st, bodyID, doc)
	if err != nil {
		t.Fatal(err)
	}
	before := store.QueryCount()
	linked, notes, err := minutes.LinkRecommendations(ctx, st, id, doc)
	if err != nil || linked != 0 || len(notes) != 0 {
		t.Fatalf("linked %d, notes %v, err %v", linked, notes, err)
	}
	if n := store.QueryCount() - before; n != 0 {
		t.Errorf("linking minutes without references ran %d queries, want none", n)
	}
}
