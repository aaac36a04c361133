package demo

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestSession47FollowsTheSeedsBoxes: the demo's 47th session put the
// Unternehmenskonto decision text, Hessen's Protokollnotiz and the audit
// follow-up under TOP 12 "Gemeinsame EfA-Finanzierung", whose boxes read
// "Protokollnotiz: nein" beside that note, and ticked "Follow-Up" for TOP
// 10 and TOP 12, which the seed leaves unticked (a follow-up given ticked
// it). The text after TOP 12's page break goes on in mid-sentence: the
// page with its item's start is lost, so they are the item's after TOP 12
// whose TOP row and boxes the source lost; the boxes are the seed's where
// it has them, and what the rows show where it lost them.
func TestSession47FollowsTheSeedsBoxes(t *testing.T) {
	s := loaded(t)
	ctx := context.Background()
	itplr, _ := s.BodyByAbbrev(ctx, CouncilAbbrev)
	se, err := s.SessionByNumber(ctx, itplr.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := s.Items(ctx, se.ID)
	want := map[string]model.ItemFlags{
		"TOP 00": {},
		"TOP 10": {},
		"Übergreifendes (im Protokoll ohne Titel)": {},
		"TOP 07": {},
		"Digitale Transformation (im Protokoll ohne Titel)": {Decision: true},
		"TOP 20":                                {},
		"TOP 08":                                {Decision: true, Note: true},
		"TOP 12":                                {Decision: true},
		"Grüne Liste (im Protokoll ohne Titel)": {Note: true, FollowUp: true},
		"TOP 18":                                {Decision: true},
	}
	name := func(it model.AgendaItem) string {
		if it.Number == "" {
			return it.Title
		}
		return "TOP " + it.Number
	}
	if len(items) != len(want) {
		t.Fatalf("%d items", len(items))
	}
	for _, it := range items {
		if got, ok := want[name(it)]; !ok || it.Flags != got {
			t.Errorf("%s: boxes %+v, want %+v", name(it), it.Flags, got)
		}
	}
	top12, lost := items[7], items[8]
	if notes, _ := s.ProtocolNotes(ctx, top12.ID); len(notes) != 0 {
		t.Errorf("TOP 12 carries notes: %+v", notes)
	}
	if notes, _ := s.ProtocolNotes(ctx, lost.ID); len(notes) != 1 || notes[0].Author != "Hessen" {
		t.Errorf("the notes of the item after TOP 12: %+v", notes)
	}
	fs, _ := s.FollowUps(ctx, store.FollowUpFilter{})
	for _, f := range fs {
		switch {
		case strings.Contains(f.Text, "Kostenstrukturen des Unternehmenskontos") && f.ItemID != lost.ID,
			strings.Contains(f.Text, "wissenschaftlichen Instituts") && f.ItemID != top12.ID:
			t.Errorf("follow-up %q on item %d", f.Text, f.ItemID)
		}
	}
}
