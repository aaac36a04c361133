package model

import (
	"strings"
	"testing"
	"time"
)

// TestEarlierDecisionIsTakenAlready: an earlier decision dated after today
// (B-2031/07-IT of 01.03.2031) was accepted; it is refused at its date,
// today and before are taken.
func TestEarlierDecisionIsTakenAlready(t *testing.T) {
	today := NewDate(2026, 12, 6)
	for _, tc := range []struct {
		on   Date
		want bool
	}{{NewDate(2031, 3, 1), true}, {NewDate(2026, 12, 7), true}, {today, false}, {NewDate(2025, 3, 1), false}, {Date{}, false}} {
		err := EarlierDecision{Number: DecisionNumber{Year: tc.on.Year, Seq: 7}, AdoptedOn: tc.on}.CheckTaken(today)
		if (err != nil) != tc.want || (err != nil && (FieldOf(err) != "datum" || ClassOf(err) != ErrInput || !strings.Contains(ReasonOf(err), tc.on.German()))) {
			t.Errorf("%s: %v", tc.on, err)
		}
	}
}

// TestCorrectionBasis: a correction based on another version than the
// decision's newest is a conflict naming the newest; the newest is none.
func TestCorrectionBasis(t *testing.T) {
	d := Decision{Kind: KindDecision, Status: DecisionAdopted, Label: "B-2025/26-IT", Title: "alt"}
	c := DecisionCorrection{Title: "neu", Reason: "x"}
	if err := c.CheckBasis(d, 0); err != nil || d.Fassung() != 0 {
		t.Errorf("uncorrected, based on the text as decided: %v", err)
	}
	if err := c.CheckBasis(d, 1); ClassOf(err) != ErrConflict {
		t.Errorf("uncorrected, based on version 1: %v", err)
	}
	d.Corrections = []DecisionCorrection{{Version: 1, Title: "neu"}, {Version: 2, Title: "neuer", At: time.Date(2026, 12, 6, 18, 30, 0, 0, time.UTC)}}
	if err := c.CheckBasis(d, 2); err != nil || d.Fassung() != 2 {
		t.Errorf("based on the newest: %v", err)
	}
	err := c.CheckBasis(d, 1)
	if ClassOf(err) != ErrConflict || FieldOf(err) != "" {
		t.Fatalf("based on version 1 of 2: %v", err)
	}
	for _, want := range []string{"Der Beschluss B-2025/26-IT wurde inzwischen berichtigt", "beruht auf Fassung 1", "Fassung 2 vom 06.12.2026, 19:30 Uhr"} {
		if !strings.Contains(ReasonOf(err), want) {
			t.Errorf("the reason lacks %q: %s", want, ReasonOf(err))
		}
	}
	// A field the form sent unreadable (-1) claims no text it was based on.
	if err := c.CheckBasis(d, -1); ClassOf(err) != ErrConflict || strings.Contains(ReasonOf(err), "ursprünglichen Text") {
		t.Errorf("based on an unreadable version: %v", err)
	}
}
