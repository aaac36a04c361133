package model

import "testing"

// A correction that changes only a confidential passage reads the same
// before and after in the public version: listing it would tell the
// public that, and when, the passage changed. It stays internal; a
// correction that changes what the public reads is listed.
func TestMinutesCorrectionInsideMarksStaysInternal(t *testing.T) {
	c := MinutesCorrection{RowKind: "PN", Speaker: "HE", Before: "Finanziert ⟦aus Landesmitteln⟧.",
		After: "Finanziert ⟦aus Bundesmitteln und Landesmitteln⟧.", Reason: "Quelle ergänzt", Status: CorrectionApproved, MinutesVersion: 3}
	if _, ok := Public.MinutesCorrection(c); ok {
		t.Error("the public sees a correction that changed only a marked passage")
	}
	if got := Public.MinutesCorrections([]MinutesCorrection{c}); len(got) != 0 {
		t.Errorf("public corrections: %+v", got)
	}
	if _, ok := Internal.MinutesCorrection(c); !ok {
		t.Error("the internal version lost the correction")
	}
	// Spaces and empty lines the minutes do not show are no public change.
	on := MinutesCorrection{RowKind: "ON", Before: "Punkt ⟦a⟧.\nZweiter.", After: "Punkt ⟦b⟧. \n\nZweiter.", Reason: "x", Status: CorrectionApproved}
	if _, ok := Public.MinutesCorrection(on); ok {
		t.Error("the public sees a correction whose public lines are the same")
	}
	// A correction that blacks out a passage changed what the public
	// read: it is listed, its texts both blacked out (MarkAsLater).
	black := MinutesCorrection{RowKind: "PN", Before: "Finanziert aus Landesmitteln.", After: "Finanziert ⟦aus Landesmitteln⟧.", Reason: "Schwärzung", Status: CorrectionApproved}
	if got := Public.MinutesCorrections([]MinutesCorrection{black}); len(got) != 1 || got[0].Before != got[0].After {
		t.Errorf("public blackout correction: %+v", got)
	}
	c.After = "Finanziert ⟦aus Bundesmitteln⟧ und aus Landesmitteln."
	if _, ok := Public.MinutesCorrection(c); !ok {
		t.Error("the public misses a correction that changed public text")
	}
}
