package minutes

import (
	"testing"

	"gremium/internal/model"
)

// TestApprovalSaidOnce: the generated line "Das Protokoll der 46. Sitzung
// … wurde genehmigt." stands under the item only where no row of it says
// how the minutes were approved (the result recorded on the live page,
// or the minutes' own Vermerk), so the minutes say it once.
func TestApprovalSaidOnce(t *testing.T) {
	approved := model.Session{Number: 46, Date: model.Date{Year: 2025, Month: 3, Day: 27}}
	it := Item{ApprovedMinutes: []model.Session{approved, {Number: 45}}}
	if got := it.ApprovalLines(); len(got) != 2 || got[0] != "Das Protokoll der 46. Sitzung vom 27.03.2025 wurde genehmigt." {
		t.Fatalf("without a result row: %q", got)
	}
	it.Rows = []Row{{Kind: RowText, Text: "Einstimmige Bestätigung des Protokolls der 46. Sitzung, bei Enthaltung ⟦von HE⟧."}}
	if got := it.ApprovalLines(); len(got) != 1 || got[0] != "Das Protokoll der 45. Sitzung wurde genehmigt." {
		t.Errorf("with the 46th's result row: %q, want only the 45th's line", got)
	}
	it.Rows = []Row{{Kind: RowText, Text: "Bestätigung des Protokolls der 4. Sitzung."}}
	if got := it.ApprovalLines(); len(got) != 2 {
		t.Errorf("a row about the 4th session hides the 46th's line: %q", got)
	}
}
