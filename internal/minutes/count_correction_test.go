package minutes_test

import (
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestMinutesCountAndHiddenCorrection: an Empfehlung adopted by simple
// majority prints its count under the result — how many voted which way
// is public, who voted how is not — as a Beschluss counted with the
// Königsteiner Schlüssel does; before, only the decision's page gave it.
// And a correction that changes only a confidential passage is listed in
// the internal minutes only: the public list showed "bisher: … [geschwärzt]"
// and "berichtigt: … [geschwärzt]", the same, and told the public that and
// when a confidential passage changed.
func TestMinutesCountAndHiddenCorrection(t *testing.T) {
	doc := session47()
	const count = "angenommen: 5 Ja-Stimmen gegen 4 Nein-Stimmen, Enthaltungen zählen nicht"
	var found bool
	for _, it := range doc.Items() {
		for _, r := range it.Rows {
			if d := r.Decision; d != nil && d.Public() && !found {
				d.Kind, d.SharesYear, d.CountReason = model.KindRecommendation, 0, count
				found = true
			}
		}
	}
	if !found {
		t.Fatal("no public decision in the demo minutes")
	}
	doc.Corrections = []model.MinutesCorrection{{RowKind: "PN", RowID: 6, Speaker: "HE", Before: "Finanziert ⟦aus Landesmitteln⟧.",
		After: "Finanziert ⟦aus Bundesmitteln und Landesmitteln⟧.", Reason: "Quelle ergänzt", Status: model.CorrectionApproved,
		ApprovedIn: 49, MinutesVersion: 3}}

	public := pdfText(t, renderPDF(t, minutes.Redacted(doc, model.Public)))
	internal := pdfText(t, renderPDF(t, minutes.Redacted(doc, model.Internal)))
	for name, text := range map[string]string{"public": public, "internal": internal} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), "5 Ja-Stimmen gegen 4 Nein-Stimmen") {
			t.Errorf("%s PDF lacks the Empfehlung's count", name)
		}
	}
	for _, leak := range []string{"Berichtigungen", "Quelle ergänzt", "Fassung 3"} {
		if strings.Contains(public, leak) {
			t.Errorf("public PDF shows %q of a correction inside a confidential passage", leak)
		}
	}
	if !strings.Contains(internal, "Quelle ergänzt") {
		t.Error("internal PDF lacks the correction")
	}
	if got := minutes.Redacted(doc, model.Public).Corrections; len(got) != 0 {
		t.Errorf("public minutes list the correction: %+v", got)
	}
}
