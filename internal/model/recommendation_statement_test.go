package model

import "testing"

// TestRecommendationStatementRoundTrip: the statement every surface of the
// minutes gives says where the recommendation stands on the Grüne Liste
// (taken off, and at whose wish), and ParseRecommendationLine reads it
// back with the reason of one without effect. The PDF and the text export
// gave only the caption and summary: an item recommended for the list,
// then voted on singly, with no reason.
func TestRecommendationStatementRoundTrip(t *testing.T) {
	pulled := Recommendation{SessionNumber: 40, BodyAbbrev: "AL-Runde", SessionDate: NewDate(2026, 12, 5), Kind: RecommendAdopt, GreenList: true,
		Consent: ConsentPulled, PulledBy: "HE"}
	want := "Beschlussempfehlung der 40. AL-Runde vom 05.12.2026: Annahme wie vorgeschlagen, ohne Aussprache (Grüne Liste) – von der Grünen Liste genommen (auf Wunsch von HE)"
	if got := pulled.Statement(); got != want {
		t.Errorf("Statement:\n got %q\nwant %q", got, want)
	}
	for _, r := range []Recommendation{
		pulled,
		{SessionNumber: 40, BodyAbbrev: "AL-Runde", SessionDate: NewDate(2026, 12, 5), Kind: RecommendAdopt, GreenList: true, Consent: ConsentConfirmed},
		{SessionNumber: 40, BodyAbbrev: "AL-Runde", Kind: RecommendAdoptChanged, GreenList: true, Consent: ConsentProposed},
		{BodyAbbrev: "AL-Runde", SessionDate: NewDate(2026, 1, 9), Kind: RecommendAdopt, GreenList: true, Consent: ConsentPulled, PulledBy: "Bund",
			WithoutEffect: "Die 48. Sitzung hatte schon begonnen, als die Empfehlung beschlossen wurde; sie ändert weder den Beschlussvorschlag noch die Grüne Liste."},
		{SessionNumber: 7, BodyAbbrev: "AL-Runde", Kind: RecommendReject},
	} {
		line := r.Statement()
		if r.WithoutEffect != "" {
			line += " – ohne Wirkung: " + r.WithoutEffect
		}
		got, ok := ParseRecommendationLine(line)
		if !ok || got.SessionNumber != r.SessionNumber || got.BodyAbbrev != r.BodyAbbrev || got.SessionDate != r.SessionDate || got.Kind != r.Kind ||
			got.GreenList != r.GreenList || got.Consent != r.Consent || got.PulledBy != r.PulledBy || got.WithoutEffect != r.WithoutEffect || got.Reference != line {
			t.Errorf("%q read as %+v, %v", line, got, ok)
		}
	}
	carried := pulled
	carried.Consent, carried.PulledBy, carried.CarriedFrom = ConsentNone, "", 7
	if got := carried.State(); got != " – gegeben vor der Vertagung" {
		t.Errorf("carried: %q", got)
	}
	if _, ok := ParseRecommendationLine(carried.Statement()); !ok {
		t.Errorf("%q not read", carried.Statement())
	}
}
