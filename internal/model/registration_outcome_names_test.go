package model

import "testing"

// TestOutcomeNamesSeveralProposals: an item with several proposals read
// "Der Beschlussvorschlag ist abgelehnt. Der Beschlussvorschlag ist
// abgelehnt. Der Empfehlungsvorschlag ist abgelehnt." on the registering
// office's page; each is now named by its title, in public text.
func TestOutcomeNamesSeveralProposals(t *testing.T) {
	held := Session{Number: 48, Status: StatusEnded}
	item := AgendaItem{Status: ItemAccepted, Goal: GoalDecision}
	got := OutcomeOfRegistration(item, held, []Decision{
		{Kind: KindDecision, Status: DecisionRejected, Title: "Dachmarke"},
		{Kind: KindDecision, Status: DecisionDraft, Title: "Register " + Redact("Haushalt")},
		{Kind: KindRecommendation, Status: DecisionRejected, Title: "Cloud"},
	})
	want := []string{
		"Der Beschlussvorschlag „Dachmarke“ ist abgelehnt.",
		"Über den Beschlussvorschlag „Register [geschwärzt]“ wurde in der Sitzung nicht entschieden.",
		"Der Empfehlungsvorschlag „Cloud“ ist abgelehnt.",
	}
	if len(got) != len(want) {
		t.Fatalf("%d outcomes: %+v", len(got), got)
	}
	for i, w := range want {
		if got[i].Before != w {
			t.Errorf("outcome %d: %q, want %q", i, got[i].Before, w)
		}
	}
}
