package store

import (
	"context"
	"testing"

	"gremium/internal/model"
)

// TestKickoffCheckReadsAssignmentsOnce: logging an Auftaktgespräch read
// the member's assignments twice in its transaction — once to see that
// the member holds the function (holdsFunction), once more to see that
// the talk lies in a term (kickoffBeforeTerm). It reads them once now: a
// kick-off talk takes as many statements as another contact, and the
// check still refuses a talk before the term.
func TestKickoffCheckReadsAssignmentsOnce(t *testing.T) {
	s, _, gmk := contactsFixture(t)
	ctx := context.Background()
	reads := func(c model.SpokespersonContact) uint64 {
		t.Helper()
		q0 := QueryCount()
		must[int64](t)(s.CreateSpokespersonContact(ctx, c, "HE"))
		return QueryCount() - q0
	}
	talk := model.SpokespersonContact{ConferenceID: gmk, Member: "HE", Kind: model.ContactTalk, HeldOn: model.NewDate(2025, 2, 3), With: "Geschäftsstelle der GMK", Topics: "Vorbereitung", RecordedBy: "Sprecher HE"}
	kickoff := talk
	kickoff.Kind, kickoff.With = model.ContactKickoff, "Vorsitz der GMK"
	if k, c := reads(kickoff), reads(talk); k != c {
		t.Errorf("a kick-off talk read %d statements, another contact %d", k, c)
	}
	early := kickoff
	early.HeldOn = model.NewDate(2024, 10, 15)
	if _, err := s.CreateSpokespersonContact(ctx, early, "HE"); model.ClassOf(err) != model.ErrRule || model.FieldOf(err) != "datum" {
		t.Errorf("a kick-off talk before the term: %v at %q, want a rule at datum", err, model.FieldOf(err))
	}
}
