package model

import "testing"

// TestConfidentialNoteHasNoPublicAuthor: the public version of a wholly
// confidential Protokollnotiz names no author ("Protokollnotiz:
// [geschwärzt]"); a note with a marked passage only keeps its author, and
// the internal version names it. Before, the public read "Protokollnotiz
// (BY)" above "[geschwärzt]".
func TestConfidentialNoteHasNoPublicAuthor(t *testing.T) {
	whole := MinutesRow{Kind: "PN", Speaker: "BY", Text: "Haushaltsvorbehalt", Confidential: true}
	if r, ok := Public.MinutesRow(whole); !ok || r.Speaker != "" || r.Text != "" || NoteLabel(r.Speaker) != "Protokollnotiz" {
		t.Errorf("public, wholly confidential: %+v %v", r, ok)
	}
	if r, _ := Internal.MinutesRow(whole); r.Speaker != "BY" || NoteLabel(r.Speaker) != "Protokollnotiz (BY)" {
		t.Errorf("internal: %+v", r)
	}
	part := MinutesRow{Kind: "PN", Speaker: "NW", Text: "Zustimmung " + Redact("unter Vorbehalt")}
	if r, _ := Public.MinutesRow(part); r.Speaker != "NW" || NoteLabel(r.Speaker) != "Protokollnotiz (NW)" {
		t.Errorf("public, partly confidential: %+v", r)
	}
	// A confidential contribution keeps its speaker (the decision covers
	// the notes only).
	if r, _ := Public.MinutesRow(MinutesRow{Kind: "ON", Speaker: "HE", Points: []string{"x"}, Confidential: true}); r.Speaker != "HE" {
		t.Errorf("public, confidential contribution: %+v", r)
	}
}
