package model

import "testing"

// TestSourceRedactionShown: a passage the source itself blacked out
// (⟦[REDACTED]⟧, kept so by the import) reads "im Quelldokument
// geschwärzt" wherever an internal reader reads it — the pages and the
// PDF (Passage.Shown), the forms and the JSON API (TypedMarks) — and a
// form sent back stores the source's marker again (ConfidentialMarks);
// before, members read the source tool's English "[REDACTED]" inside a
// confidential mark and took it for a colleague's text withheld. The
// public reads "[geschwärzt]" as before, and other passages are shown
// as they stand.
func TestSourceRedactionShown(t *testing.T) {
	stored := "einstimmig, bei Enthaltung von " + Redact(SourceRedaction) + " und " + Redact("HB")
	var shown []string
	for _, p := range Passages(stored) {
		shown = append(shown, p.Shown())
	}
	if len(shown) != 4 || shown[1] != "im Quelldokument geschwärzt" || shown[3] != "HB" {
		t.Errorf("shown: %q", shown)
	}
	typed := TypedMarks(stored)
	if typed != "einstimmig, bei Enthaltung von [[im Quelldokument geschwärzt]] und [[HB]]" {
		t.Errorf("typed: %q", typed)
	}
	back, err := ConfidentialMarks(typed)
	if err != nil || back != stored {
		t.Errorf("the form sent back stores %q (%v), want %q", back, err, stored)
	}
	if got := PublicText(stored); got != "einstimmig, bei Enthaltung von [geschwärzt] und [geschwärzt]" {
		t.Errorf("public: %q", got)
	}
	if (Passage{Text: SourceRedaction}).Shown() != SourceRedaction {
		t.Error("a public passage that happens to read [REDACTED] is changed")
	}
}
