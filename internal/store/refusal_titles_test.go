package store

import (
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestRecommendationRefusalsNameTitlesAsRead: the AL-Runde's refusals of a
// recommendation named the item's title as stored, with the storage marks
// (⟦…⟧) and the source's English "[REDACTED]"; they name it as an
// internal reader reads it (model.InternalText), as the pages' notices do.
func TestRecommendationRefusalsNameTitlesAsRead(t *testing.T) {
	prep := model.Body{Abbrev: "AL-Runde", Name: "Abteilungsleiterrunde"}
	title := "Verordnung " + model.Redact("Projekt Zebra") + " und " + model.Redact(model.SourceRedaction)
	for _, status := range []model.ItemStatus{model.ItemDeclined, model.ItemRegistered} {
		err := recommendable(model.AgendaItem{Title: title, Status: status}, prep)
		if err == nil {
			t.Fatalf("%s: no refusal", status)
		}
		msg := model.ReasonOf(err)
		if strings.ContainsAny(msg, model.RedactOpen+model.RedactClose) || strings.Contains(msg, model.SourceRedaction) || !strings.Contains(msg, "Verordnung Projekt Zebra und "+model.SourceRedactionShown) {
			t.Errorf("%s: %q", status, msg)
		}
	}
}
