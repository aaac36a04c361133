package minutes_test

import (
	"context"
	"reflect"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/minutes/minutestest"
)

// TestParsedProposalsAreTheStoredOnes: the proposals the import reads from
// the parsed minutes while it stores them (ParsedProposals) are those
// LoadedProposals gives after the store for the new session — the seed's
// 47th session and the benchmark's synthetic minutes — but for the ids.
func TestParsedProposalsAreTheStoredOnes(t *testing.T) {
	seed, _ := parseSeed(t)
	for name, doc := range map[string]minutes.Document{"seed": seed, "synthetic": minutestest.Synthetic(60, 120, 2030)} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st, bodyID := newStore(t)
			body, err := st.Body(ctx, bodyID)
			if err != nil {
				t.Fatal(err)
			}
			members, err := st.Members(ctx)
			if err != nil {
				t.Fatal(err)
			}
			early := minutes.ParsedProposals(members, body, doc)
			id, outcome, err := minutes.Save(ctx, st, bodyID, doc)
			if err != nil || outcome != minutes.Created {
				t.Fatalf("save: %v %v", outcome, err)
			}
			written, err := minutes.Written(ctx, st, id, doc, outcome)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := minutes.LoadedProposals(ctx, st, written)
			if err != nil {
				t.Fatal(err)
			}
			if len(stored) == 0 {
				t.Fatal("no proposals to compare")
			}
			for i := range stored {
				stored[i].ItemID, stored[i].DecisionID, stored[i].SourceID = 0, 0, 0
			}
			if !reflect.DeepEqual(early, stored) {
				t.Errorf("%d proposals from the parsed minutes, %d from the stored; first difference:", len(early), len(stored))
				for i := range min(len(early), len(stored)) {
					if !reflect.DeepEqual(early[i], stored[i]) {
						t.Errorf("parsed %+v\nstored %+v", early[i], stored[i])
						break
					}
				}
			}
		})
	}
}
