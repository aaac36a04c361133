package model

import "testing"

// TestOutcomeParts: the decision's outcome sentence in three parts, the
// number apart, so that a page links it without cutting the sentence
// (before, the registration's page split the sentence at the number).
func TestOutcomeParts(t *testing.T) {
	for _, tc := range []struct {
		d                    Decision
		before, label, after string
	}{
		{Decision{Kind: KindDecision, Status: DecisionAdopted, Label: "B-2026/01-IT"}, "Der Beschluss ", "B-2026/01-IT", " ist gefasst."},
		{Decision{Kind: KindDecision, Status: DecisionAdopted}, "Der Beschluss ist gefasst.", "", ""},
		{Decision{Kind: KindDecision, Status: DecisionRejected, Label: "B-2026/01-IT"}, "Der Beschlussvorschlag ist nicht angenommen.", "", ""},
	} {
		before, label, after := tc.d.OutcomeParts()
		if before != tc.before || label != tc.label || after != tc.after {
			t.Errorf("%+v: %q %q %q, want %q %q %q", tc.d, before, label, after, tc.before, tc.label, tc.after)
		}
		if got := tc.d.Outcome(); got != tc.before+tc.label+tc.after {
			t.Errorf("Outcome %q is not its parts", got)
		}
	}
}

// TestOutcomeOfRegistration: what became of a registration, one rule for
// its page, its co-applicants' page and the JSON API: nothing before the
// session is held or for a declined registration; each kind with its
// sentence, link text and note (its closing full stop left to the
// renderer).
func TestOutcomeOfRegistration(t *testing.T) {
	held := Session{Number: 48, Status: StatusEnded}
	accepted := AgendaItem{Status: ItemAccepted, Goal: GoalDecision}
	adopted := Decision{Kind: KindDecision, Status: DecisionAdopted, Label: "B-2026/01-IT", Result: " einstimmig. "}
	if got := OutcomeOfRegistration(accepted, Session{Status: StatusRunning}, []Decision{adopted}); got != nil {
		t.Errorf("before the session is held: %+v", got)
	}
	if got := OutcomeOfRegistration(AgendaItem{Status: ItemDeclined}, held, nil); got != nil {
		t.Errorf("a declined registration: %+v", got)
	}
	deferred := accepted
	deferred.Deferral = Deferral{To: 49, Reason: "Unterlagen fehlen."}
	noting := AgendaItem{Status: ItemAccepted, Goal: GoalNoting}
	for _, tc := range []struct {
		name string
		it   AgendaItem
		ds   []Decision
		want RegistrationOutcome
	}{
		{"not taken up", AgendaItem{Status: ItemRegistered}, nil, RegistrationOutcome{Kind: OutcomeNotTaken,
			Before: "Die Geschäftsstelle hat die Anmeldung nicht in die Tagesordnung aufgenommen; die Sitzung hat ohne sie stattgefunden."}},
		{"deferred", deferred, nil, RegistrationOutcome{Kind: OutcomeDeferred, Before: "Vertagt auf die ", LinkText: "49. Sitzung", After: ".", DeferredTo: 49,
			NoteLabel: "Grund", Note: "Unterlagen fehlen"}},
		{"adopted", accepted, []Decision{adopted}, RegistrationOutcome{Kind: OutcomeAdopted, Before: "Der Beschluss ", LinkText: "B-2026/01-IT", After: " ist gefasst.",
			DecisionLabel: "B-2026/01-IT", NoteLabel: "Ergebnis", Note: "einstimmig"}},
		{"rejected", accepted, []Decision{{Kind: KindDecision, Status: DecisionRejected, Result: "abgelehnt"}}, RegistrationOutcome{Kind: OutcomeRejected,
			Before: "Der Beschlussvorschlag ist abgelehnt.", NoteLabel: "Ergebnis", Note: "abgelehnt"}},
		{"undecided", accepted, []Decision{{Kind: KindDecision, Status: DecisionDraft}}, RegistrationOutcome{Kind: OutcomeUndecided,
			Before: "Über den Beschlussvorschlag wurde in der Sitzung nicht entschieden."}},
		{"no decision", accepted, nil, RegistrationOutcome{Kind: OutcomeNoDecision, Before: "In der Sitzung wurde dazu kein Beschluss gefasst."}},
		{"noted", noting, nil, RegistrationOutcome{Kind: OutcomeDealtWith,
			Before: "Der Tagesordnungspunkt wurde in der Sitzung behandelt (Ziel: Kenntnisnahme); ein Beschluss war nicht beantragt."}},
	} {
		got := OutcomeOfRegistration(tc.it, held, tc.ds)
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
