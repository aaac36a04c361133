package model

import (
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	parts := WordDiff("Der Bund berichtet über die Cloud.", "Der Bund berichtet ausführlich über die Deutsche Verwaltungscloud.")
	var del, ins, kept strings.Builder
	for _, p := range parts {
		switch p.Op {
		case '-':
			del.WriteString(p.Text)
		case '+':
			ins.WriteString(p.Text)
		default:
			kept.WriteString(p.Text)
		}
	}
	if del.String() != "Cloud." || ins.String() != "ausführlich Deutsche Verwaltungscloud." || kept.String() != "Der Bund berichtet über die " {
		t.Fatalf("diff: -%q +%q =%q (%v)", del.String(), ins.String(), kept.String(), parts)
	}
	// The diff joins back to each text.
	for _, tc := range [][2]string{{"a\nb c", "a\nc d"}, {"", "neu"}, {"alt", ""}} {
		var before, after strings.Builder
		for _, p := range WordDiff(tc[0], tc[1]) {
			if p.Op != '+' {
				before.WriteString(p.Text)
			}
			if p.Op != '-' {
				after.WriteString(p.Text)
			}
		}
		if before.String() != tc[0] || after.String() != tc[1] {
			t.Errorf("%q → %q: rebuilt %q → %q", tc[0], tc[1], before.String(), after.String())
		}
	}
}

// TestMinutesCorrectionGate: the public sees only approved corrections of
// rows that are not confidential, and marked passages in either text stay
// redacted.
func TestMinutesCorrectionGate(t *testing.T) {
	c := MinutesCorrection{RowKind: "ON", Before: "HE berichtet.", After: "HE berichtet ⟦über den Haushalt⟧.", Reason: "Ergänzung", Status: CorrectionProposed}
	if _, ok := Public.MinutesCorrection(c); ok {
		t.Error("the public sees a proposed correction")
	}
	c.Status = CorrectionApproved
	pub, ok := Public.MinutesCorrection(c)
	if !ok || strings.Contains(pub.After, "Haushalt") || !strings.Contains(pub.After, "[geschwärzt]") {
		t.Errorf("public correction: %+v %v", pub, ok)
	}
	if in, _ := Internal.MinutesCorrection(c); !strings.Contains(in.After, "Haushalt") {
		t.Error("internal correction lost its text")
	}
	c.Confidential = true
	if _, ok := Public.MinutesCorrection(c); ok {
		t.Error("the public sees the correction of a confidential row")
	}
}
