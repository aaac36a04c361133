package model

import "testing"

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
