package model

import (
	"errors"
	"strings"
	"testing"
)

// TestSpeakerRefusesMarks: a speaker or author of a minutes row is a name,
// never a marked passage; CheckSpeaker refuses every form of the marks
// with a German reason and lets a plain name pass.
func TestSpeakerRefusesMarks(t *testing.T) {
	for _, s := range []string{"[[BY]]", "B[[Y]]", "BY]]", "[[BY", Redact("BY"), "B" + RedactOpen + "Y", "BY" + RedactClose} {
		err := CheckSpeaker(s)
		var in *Error
		if err == nil || !errors.As(err, &in) || !strings.Contains(ReasonOf(err), "Markierung") {
			t.Errorf("CheckSpeaker(%q) = %v, want an input error naming the marks", s, err)
		}
	}
	for _, s := range []string{"BY", "Bund", "FITKO", "Herr Dr. Müller (BSI)"} {
		if err := CheckSpeaker(s); err != nil {
			t.Errorf("CheckSpeaker(%q) = %v, want nil", s, err)
		}
	}
}

// TestPublicSpeakerBlackedOut: a speaker that carries marks anyway (old
// data, an import) is blacked out as a whole for the public — a name read
// in part names the member — and the internal audience reads it as stored.
func TestPublicSpeakerBlackedOut(t *testing.T) {
	for _, s := range []string{Redact("BY"), "B" + Redact("Y"), "Herr " + Redact("Müller"), "BY" + RedactClose} {
		if got := Public.Speaker(s); got != RedactedPlaceholder {
			t.Errorf("Public.Speaker(%q) = %q, want %q", s, got, RedactedPlaceholder)
		}
		if got := Internal.Speaker(s); got != s {
			t.Errorf("Internal.Speaker(%q) = %q, want it unchanged", s, got)
		}
	}
	if got := Public.Speaker("BY"); got != "BY" {
		t.Errorf("Public.Speaker(BY) = %q", got)
	}
	c, ok := Public.MinutesCorrection(MinutesCorrection{RowKind: "ON", Status: CorrectionApproved, Speaker: "B" + Redact("Y"), Before: "a", After: "b", Reason: "r"})
	if !ok || c.Speaker != RedactedPlaceholder {
		t.Errorf("public correction's speaker %q (%v), want %q", c.Speaker, ok, RedactedPlaceholder)
	}
}
