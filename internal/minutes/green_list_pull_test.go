package minutes

import (
	"testing"

	"gremium/internal/model"
)

// TestPullableUntilAdopted: an item on the Grüne Liste may be offered to be
// taken off it while its proposal is open, not once its decision is
// adopted (the list adopted en bloc); an item not on the list never.
func TestPullableUntilAdopted(t *testing.T) {
	draft := model.Decision{Status: model.DecisionDraft}
	adopted := model.Decision{Status: model.DecisionAdopted, Label: "B-2025/01-IT", Result: "einstimmig (Grüne Liste, en bloc)"}
	for _, tt := range []struct {
		name    string
		consent bool
		rows    []Row
		want    bool
	}{
		{"on the list, open proposal", true, []Row{{Kind: RowDecision, Decision: &draft}}, true},
		{"on the list, no proposal", true, nil, true},
		{"on the list, adopted", true, []Row{{Kind: RowText, Text: "Der Beschluss wird einstimmig gefasst."}, {Kind: RowDecision, Decision: &adopted}}, false},
		{"not on the list", false, []Row{{Kind: RowDecision, Decision: &draft}}, false},
	} {
		it := Item{AgendaItem: model.AgendaItem{Title: "Grün", Consent: tt.consent}, Rows: tt.rows}
		if got := it.Pullable(); got != tt.want {
			t.Errorf("%s: Pullable() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
