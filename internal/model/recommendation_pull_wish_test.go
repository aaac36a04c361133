package model

import "testing"

// TestRecommendationPulledByTheBund: a recommendation taken off the Grüne
// Liste at the Bund's request says "auf Wunsch des Bundes" — it said "auf
// Wunsch von Bund", which is no German — and a Land stays "auf Wunsch von
// HE". ParseRecommendationLine reads the new text back to the same member,
// and still reads the old "auf Wunsch von Bund" of minutes stored before.
func TestRecommendationPulledByTheBund(t *testing.T) {
	base := Recommendation{SessionNumber: 40, BodyAbbrev: "AL-Runde", SessionDate: NewDate(2026, 12, 5), Kind: RecommendAdopt, GreenList: true, Consent: ConsentPulled}
	const line = "Beschlussempfehlung der 40. AL-Runde vom 05.12.2026: Annahme wie vorgeschlagen, ohne Aussprache (Grüne Liste) – von der Grünen Liste genommen "
	for _, c := range []struct{ member, state string }{
		{"Bund", " – von der Grünen Liste genommen (auf Wunsch des Bundes)"},
		{"HE", " – von der Grünen Liste genommen (auf Wunsch von HE)"},
	} {
		r := base
		r.PulledBy = c.member
		if got := r.State(); got != c.state {
			t.Errorf("State of one pulled by %s: %q, want %q", c.member, got, c.state)
		}
		got, ok := ParseRecommendationLine(r.Statement())
		if !ok || got.PulledBy != c.member || got.Consent != ConsentPulled {
			t.Errorf("%q read as pulled by %q (%v)", r.Statement(), got.PulledBy, ok)
		}
	}
	for stored, member := range map[string]string{
		line + "(auf Wunsch von Bund)":   "Bund",
		line + "(auf Wunsch des Bundes)": "Bund",
		line + "(auf Wunsch von HE)":     "HE",
		line + "(auf Wunsch von Bund) – ohne Wirkung: Die Sitzung hatte begonnen.": "Bund",
	} {
		if got, ok := ParseRecommendationLine(stored); !ok || got.PulledBy != member {
			t.Errorf("%q read as pulled by %q (%v), want %s", stored, got.PulledBy, ok, member)
		}
	}
	if got := PullWish("Bund"); got != "auf Wunsch des Bundes" {
		t.Errorf("PullWish(Bund) = %q", got)
	}
	if got := PullWish(""); got != "" {
		t.Errorf("PullWish() = %q", got)
	}
}
