package minutes_test

import (
	"context"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestHiddenFollowUpLeavesNoTick: an item whose only follow-ups the public
// may not see (given by a proposal not adopted) shows the public no
// "Follow-Up" tick — it would tell that a hidden follow-up exists — and
// neither do the internal minutes: a proposal never adopted gave no
// follow-up, and the box answers the same for every audience
// (model.ItemFlags.Outcome; before, the internal minutes kept the tick);
// an item with a follow-up the public sees keeps its tick for both.
func TestHiddenFollowUpLeavesNoTick(t *testing.T) {
	st, id := demoSession47(t)
	ctx := context.Background()
	se, err := st.Session(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	hiddenItem, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: id, Number: "97", Title: "Verborgen", Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	dec, err := st.CreateDecision(ctx, model.Decision{BodyID: se.BodyID, SessionID: id, ItemID: hiddenItem, Kind: model.KindDecision, Status: model.DecisionDraft, Scope: model.ScopeAll, Title: "Vorschlag", Applicants: []string{"Bund"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{DecisionID: dec, ItemID: hiddenItem, Text: "Verborgener Auftrag", Responsible: "HE", Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	shownItem, err := st.RecordHeldItemForTests(ctx, model.AgendaItem{SessionID: id, Number: "98", Title: "Sichtbar", Status: model.ItemAccepted})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateFollowUp(ctx, model.FollowUp{ItemID: shownItem, Text: "Sichtbarer Auftrag", Responsible: "HE", Status: model.FollowUpOpen}); err != nil {
		t.Fatal(err)
	}
	doc, err := minutes.Load(ctx, st, id, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Audience.SeesMinutes(se) || !model.Public.SeesMinutes(se) {
		t.Fatal("the public does not see the minutes of the demo session; the test proves nothing")
	}
	tick := func(d minutes.Document, itemID int64) (bool, bool) {
		for _, it := range d.Items() {
			if it.ID == itemID {
				return it.Flags.FollowUp, true
			}
		}
		return false, false
	}
	for _, c := range []struct {
		what string
		a    model.Audience
		item int64
		want bool
	}{
		{"public, hidden follow-up", model.Public, hiddenItem, false},
		{"internal, hidden follow-up", model.Internal, hiddenItem, false},
		{"public, public follow-up", model.Public, shownItem, true},
		{"internal, public follow-up", model.Internal, shownItem, true},
	} {
		got, ok := tick(minutes.Redacted(doc, c.a), c.item)
		if !ok {
			t.Fatalf("%s: the item is not in the minutes", c.what)
		}
		if got != c.want {
			t.Errorf("%s: Follow-Up tick %v, want %v", c.what, got, c.want)
		}
	}
}
