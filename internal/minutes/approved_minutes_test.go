package minutes_test

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/pdftest"
)

// TestMinutesStateTheApprovedMinutes: the minutes of a session that
// approved the minutes of an earlier one say so in TOP 00, the item with
// "Bestätigung des Protokolls der 46. Sitzung", in the document, on the
// page's item and in the PDF, for the internal and the public version
// (they said nothing: the approval stood only on the 46th's minutes) —
// once: the 47th's minutes record it in their own words ("Einstimmige
// Bestätigung des Protokolls der 46. Sitzung des IT-Planungsrats."), so
// the generated line "… wurde genehmigt." stays away (it said the same a
// second time; the line alone: TestApprovalSaidOnce).
func TestMinutesStateTheApprovedMinutes(t *testing.T) {
	st, id := demoSession47(t)
	const said, generated = "Einstimmige Bestätigung des Protokolls der 46. Sitzung", "Das Protokoll der 46. Sitzung vom 27.03.2025 wurde genehmigt."
	for _, a := range []model.Audience{model.Internal, model.Public} {
		doc, err := minutes.Load(context.Background(), st, id, a)
		if err != nil {
			t.Fatal(err)
		}
		var approving []string
		for _, it := range doc.Items() {
			if len(it.ApprovedMinutes) > 0 {
				approving = append(approving, it.Number)
			}
			if l := it.ApprovalLines(); len(l) > 0 {
				t.Errorf("%v: TOP %q says it again: %q", a, it.Number, l)
			}
		}
		if len(approving) != 1 || approving[0] != "00" {
			t.Errorf("%v: the approval is at TOP %q, want 00", a, approving)
		}
		text := pdftest.Words(t, renderPDF(t, doc))
		if strings.Count(text, said) != 1 || strings.Contains(text, generated) {
			t.Errorf("%v PDF: %d× %q, generated line %v", a, strings.Count(text, said), said, strings.Contains(text, generated))
		}
	}
	// Minutes not yet released to the public say nothing of them to it.
	doc, err := minutes.Load(context.Background(), st, id, model.Internal)
	if err != nil {
		t.Fatal(err)
	}
	doc.Session.Status = model.StatusEnded
	for _, it := range minutes.Redacted(doc, model.Public).Items() {
		if l := it.ApprovalLines(); len(l) > 0 {
			t.Errorf("unreleased minutes tell the public %q", l)
		}
	}
}
