package model

import (
	"fmt"
	"testing"
)

// TestMemberNamedTwiceCountsOnce: a member typed twice in a list of
// members ("BE, BE", "BE, berlin") is one member. Before, it was kept
// twice: stored twice as applicant or reporting member, shown and counted
// twice.
func TestMemberNamedTwiceCountsOnce(t *testing.T) {
	if got := fmt.Sprint(Distinct([]string{"BE", "HE", "BE", "Bund", "HE"})); got != "[BE HE Bund]" {
		t.Errorf("Distinct: %s", got)
	}
	if got := Distinct([]string(nil)); got != nil {
		t.Errorf("Distinct(nil): %v", got)
	}
	members := []Member{{Abbrev: "BE", Name: "Berlin"}, {Abbrev: "HE", Name: "Hessen"}}
	if got := fmt.Sprint(MemberAbbrevs([]string{"BE", "HE", "berlin", "be"}, members)); got != "[BE HE]" {
		t.Errorf("MemberAbbrevs: %s", got)
	}
	g := Registration{Member: "HE", Title: "Register", Goal: GoalDecision, Proposal: []Point{{Text: "Der IT-Planungsrat beschließt."}},
		Applicants: []string{"HE", "BE", "BE"}, Reporters: []string{"BE", "BE"}, Sources: []string{"B-2024/48-IT", "B-2024/48-IT"}}
	if d := g.Draft(1); fmt.Sprint(d.Applicants) != "[HE BE]" {
		t.Errorf("applicants of the proposal: %v", d.Applicants)
	}
	if it := g.Change(AgendaItem{}); fmt.Sprint(it.Reporters) != "[BE]" || fmt.Sprint(it.Sources) != "[B-2024/48-IT]" {
		t.Errorf("reporting members %v, sources %v", it.Reporters, it.Sources)
	}
}

// TestResponsibleNamedTwiceIsOne: a follow-up's responsible member given
// twice ("BE, BE und HE") is one responsible: its page linked BE twice.
func TestResponsibleNamedTwiceIsOne(t *testing.T) {
	f := FollowUp{Responsible: "BE, BE und HE"}
	if got := fmt.Sprint(f.Responsibles()); got != "[BE HE]" {
		t.Errorf("responsibles: %s", got)
	}
	if got := f.ResponsibleKeys(); got != ",be,he," {
		t.Errorf("keys: %s", got)
	}
}
