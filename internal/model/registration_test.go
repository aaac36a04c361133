package model

import (
	"strings"
	"testing"
)

// TestRegistrationGoal: a registration without a goal is asked for one; one
// naming a goal that does not exist (possible only through the API, the
// form offers a choice) is told which goals there are. Before, both got
// "Bitte das Ziel des TOP wählen.", which left a system sending
// "kenntnisnahme" without a clue.
func TestRegistrationGoal(t *testing.T) {
	se := Session{Number: 48, Status: StatusPlanned, Date: NewDate(2031, 3, 12)}
	reason := func(goal Goal) string {
		for _, p := range (Registration{Member: "HE", Title: "Cloud", Goal: goal}).Check(se, nil) {
			if p.Field == "ziel" {
				return p.Reason
			}
		}
		return ""
	}
	if got := reason(GoalNone); got != "Bitte das Ziel des TOP wählen." {
		t.Errorf("no goal: %q", got)
	}
	if got, want := reason("kenntnisnahme"), "„kenntnisnahme“ ist kein Ziel eines TOP; möglich sind Beschluss, Diskussion, Kenntnisnahme oder Bericht."; got != want {
		t.Errorf("unknown goal: %q, want %q", got, want)
	}
	if got := reason(GoalNoting); got != "" {
		t.Errorf("a known goal refused: %q", got)
	}
}

// TestRegistrationApplicationWithoutProposal: a registration for a
// decision without its proposal is told at once who may apply, beside the
// missing proposal. Before, the rule came only on the second submit, once
// the proposal was there.
func TestRegistrationApplicationWithoutProposal(t *testing.T) {
	se := Session{Number: 49, Status: StatusPlanned, Date: NewDate(2031, 3, 12)}
	kinds := map[string]MemberKind{"HE": MemberLand, "Bund": MemberBund}
	g := Registration{Member: "HE", Title: "Test", Goal: GoalDecision, Applicants: []string{"HE"}, Impact: Impact{Stated: true}}
	fields := map[string]string{}
	for _, p := range g.Check(se, kinds) {
		fields[p.Field] += p.Reason
	}
	if fields["beschlussvorschlag"] == "" {
		t.Error("the missing proposal is not said")
	}
	if want := "Beantragt von HE; nötig ist der Antrag des Bundes oder dreier Länder."; fields["antrag"] != want {
		t.Errorf("antrag: %q, want %q", fields["antrag"], want)
	}
	// Kenntnisnahme without a proposal needs no application.
	g.Goal = GoalNoting
	for _, p := range g.Check(se, kinds) {
		if p.Field == "antrag" {
			t.Errorf("a noting item refused: %q", p.Reason)
		}
	}
}

// TestRegistrationImpactReasonsNameTheFormsAnswers: the FachMK statement's
// reasons named an answer „keine betroffen“ that the form does not offer;
// its answer reads "Fachplanungen von Fachministerkonferenzen sind nicht
// betroffen". The reasons name the answers as labelled.
func TestRegistrationImpactReasonsNameTheFormsAnswers(t *testing.T) {
	se := Session{Number: 49, Status: StatusPlanned, Date: NewDate(2031, 3, 12)}
	found := 0
	for _, g := range []Registration{
		{Member: "HE", Title: "Test", Goal: GoalNoting, Impact: Impact{Stated: true}, Affected: true},
		{Member: "HE", Title: "Test", Goal: GoalNoting, Impact: Impact{Stated: true, ConferenceIDs: []int64{3}}},
	} {
		for _, p := range g.Check(se, map[string]MemberKind{"HE": MemberLand}) {
			if p.Field != "fachmk" {
				continue
			}
			found++
			if !strings.Contains(p.Reason, "„Fachplanungen von Fachministerkonferenzen sind nicht betroffen“") || strings.Contains(p.Reason, "keine betroffen") {
				t.Errorf("affected %v: %q", g.Affected, p.Reason)
			}
		}
	}
	if found != 2 {
		t.Errorf("%d reasons about the statement, want 2", found)
	}
}
