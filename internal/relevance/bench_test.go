package relevance_test

import (
	"testing"

	"gremium/internal/itplr"
	"gremium/internal/relevance"
)

// BenchmarkNew compiles the demo's 16 profiles, as every page with
// proposals does (the dictionary with the profiles' words is built once and
// kept while the profiles' words stay the same).
func BenchmarkNew(b *testing.B) {
	var profiles []relevance.Profile
	for i, c := range itplr.Conferences() {
		profiles = append(profiles, relevance.Profile{ConferenceID: int64(i + 1), Abbrev: c.Abbrev, Name: c.Name, Terms: c.Terms})
	}
	for b.Loop() {
		relevance.New(profiles)
	}
}

// BenchmarkPropose proposes conferences for an agenda title.
func BenchmarkPropose(b *testing.B) {
	e := demoEngine()
	for b.Loop() {
		e.Propose("Nachnutzung des digitalen Bauantragsverfahrens in weiteren Ländern")
	}
}
