package model

import "testing"

// TestPublicRowChanged: a change of a minutes row moves the public Stand
// of released draft minutes only where the public version shows it
// (store.dateDraftMinutes asks PublicRowChanged).
func TestPublicRowChanged(t *testing.T) {
	note := func(text string, confidential bool) *MinutesRow {
		r := ProtocolNote{Position: 3, Author: "Berlin", Text: text, Confidential: confidential}.Row()
		return &r
	}
	on := func(points ...string) *MinutesRow {
		r := Contribution{Position: 2, Speaker: "HE", Points: points}.Row()
		return &r
	}
	for _, c := range []struct {
		name          string
		before, after *MinutesRow
		want          bool
	}{
		{"a note added", nil, note("Text.", false), true},
		{"a confidential note added (shows as [geschwärzt])", nil, note("Text.", true), true},
		{"a blank speaker put on record", nil, on(), false},
		{"the blank row filled in", on(), on("Punkt."), true},
		{"only a marked passage changed", note("A "+Redact("x")+".", false), note("A "+Redact("y")+".", false), false},
		{"the public words changed", note("A "+Redact("x")+".", false), note("B "+Redact("x")+".", false), true},
		{"inside a confidential row", note("geheim", true), note("ganz geheim", true), false},
		{"a row made confidential", note("offen", false), note("offen", true), true},
		{"a row moved", on("Punkt."), &MinutesRow{Kind: "ON", Position: 9, Speaker: "HE", Points: []string{"Punkt."}}, true},
		{"nothing changed", on("Punkt."), on("Punkt."), false},
	} {
		if got := PublicRowChanged(c.before, c.after); got != c.want {
			t.Errorf("%s: PublicRowChanged = %v, want %v", c.name, got, c.want)
		}
	}
	s := Session{MinutesStand: NewDate(2025, 12, 8), MinutesChanged: NewDate(2026, 1, 5)}
	if got := Public.Session(s); got.MinutesStand != s.MinutesStand || !got.MinutesChanged.IsZero() {
		t.Errorf("the public copy: %+v", got)
	}
	if got := Internal.Session(s); got.MinutesStand != s.MinutesChanged {
		t.Errorf("the internal Stand: %v", got.MinutesStand)
	}
	if got := Internal.MinutesStand(Session{MinutesStand: NewDate(2025, 12, 8)}); got != NewDate(2025, 12, 8) {
		t.Errorf("the internal Stand without a later change: %v", got)
	}
}
