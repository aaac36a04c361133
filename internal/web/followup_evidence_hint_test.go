package web

import (
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestFollowUpEvidenceHintNamesTheFields: the report form said "ein Text,
// ein Dokument oder der Beschluss" where its session had no documents and
// the form no document field. Now it names a document only where the form
// offers one, and the TOP it does offer.
func TestFollowUpEvidenceHintNamesTheFields(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	f := demoFollowUp(t, st, "Matrix-Protokoll")
	_, page := do(t, client(t, hs.ts, "bund"), "GET", hs.ts.URL+followUpPathOf(t, st, f.ID), nil)
	hint := between(page, "Für „erledigt“ ist ein Nachweis nötig", "</p>")
	if hint == "" {
		t.Fatal("the form has no evidence hint")
	}
	hasField := strings.Contains(page, `name="nachweis_dokument"`)
	if names := strings.Contains(hint, "Dokument"); names != hasField {
		t.Errorf("the hint names a document: %v; the form has a document field: %v\n%s", names, hasField, hint)
	}
	if !strings.Contains(hint, "Tagesordnungspunkt") {
		t.Errorf("the hint does not name the TOP the form offers:\n%s", hint)
	}
}
