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
// (they said nothing: the approval stood only on the 46th's minutes).
func TestMinutesStateTheApprovedMinutes(t *testing.T) {
	st, id := demoSession47(t)
	const want = "Das Protokoll der 46. Sitzung vom 27.03.2025 wurde genehmigt."
	for _, a := range []model.Audience{model.Internal, model.Public} {
		doc, err := minutes.Load(context.Background(), st, id, a)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		var in string
		for _, it := range doc.Items() {
			if l := it.ApprovalLines(); len(l) > 0 {
				lines, in = append(lines, l...), it.Number
			}
		}
		if len(lines) != 1 || lines[0] != want || in != "00" {
			t.Errorf("%v: approval lines %q in TOP %q", a, lines, in)
		}
		text := pdftest.Words(t, renderPDF(t, doc))
		if !strings.Contains(text, want) {
			t.Errorf("%v PDF lacks %q", a, want)
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
