package minutes_test

import (
	"strings"
	"testing"

	"gremium/internal/minutes"
	"gremium/internal/model"
)

// TestPDFSaysDraftOrApproved: the minutes PDFs said neither "Entwurf" nor
// "genehmigt" (issue 13); a draft says "Entwurf", approved minutes say
// when and where they were approved, in the header and the footer.
func TestPDFSaysDraftOrApproved(t *testing.T) {
	draft := session47()
	draft.Session.Status = model.StatusMinutesDraft
	text := pdfText(t, renderPDF(t, minutes.Redacted(draft, model.Public)))
	if !strings.Contains(text, "Entwurf") || strings.Contains(text, "genehmigt in") {
		t.Errorf("draft PDF: Entwurf %v", strings.Contains(text, "Entwurf"))
	}
	approved := session47()
	approved.Session.Status, approved.Session.ApprovedIn, approved.Session.ApprovedOn = model.StatusMinutesApproved, 48, model.NewDate(2026, 3, 19)
	if got := approved.ApprovalNote(); got != "genehmigt in der 48. Sitzung am 19.03.2026" {
		t.Fatalf("ApprovalNote = %q", got)
	}
	text = pdfText(t, renderPDF(t, minutes.Redacted(approved, model.Public)))
	if strings.Contains(text, "Entwurf") || !strings.Contains(text, "in der 48. Sitzung am 19.03.2026") || !strings.Contains(text, "genehmigt in der 48. Sitzung am 19.03.2026") {
		t.Errorf("approved PDF lacks the approval")
	}
	byProcedure := session47()
	byProcedure.Session.Status, byProcedure.Session.ApprovedOn = model.StatusMinutesApproved, model.NewDate(2026, 1, 15)
	if got := byProcedure.ApprovalNote(); got != "genehmigt im Umlaufverfahren am 15.01.2026" {
		t.Errorf("ApprovalNote by written procedure = %q", got)
	}
}
