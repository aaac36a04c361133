package model

import (
	"strings"
	"testing"
	"time"
)

// TestFollowUpOverdueAt: a date deadline is overdue the day after (German
// time); "zur N. Sitzung" once that session has started — by its status or
// by its planned start — and only while the follow-up is pending.
func TestFollowUpOverdueAt(t *testing.T) {
	s49 := &Session{Number: 49, Date: NewDate(2026, 3, 19), StartTime: "10:00", Status: StatusPlanned}
	before := time.Date(2026, 3, 19, 8, 59, 0, 0, time.UTC) // 09:59 in Berlin
	after := time.Date(2026, 3, 19, 9, 0, 0, 0, time.UTC)   // 10:00 in Berlin
	tests := []struct {
		name string
		f    FollowUp
		due  *Session
		now  time.Time
		want bool
	}{
		{"date, the day itself", FollowUp{Status: FollowUpOpen, DueDate: NewDate(2025, 8, 31)}, nil, time.Date(2025, 8, 31, 21, 59, 0, 0, time.UTC), false},
		{"date, next day in Berlin", FollowUp{Status: FollowUpOpen, DueDate: NewDate(2025, 8, 31)}, nil, time.Date(2025, 8, 31, 22, 0, 0, 0, time.UTC), true},
		{"in Arbeit counts", FollowUp{Status: FollowUpInProgress, DueDate: NewDate(2025, 8, 31)}, nil, after, true},
		{"erledigt never", FollowUp{Status: FollowUpDone, DueDate: NewDate(2025, 8, 31)}, nil, after, false},
		{"session not planned", FollowUp{Status: FollowUpOpen, DueSession: 49}, nil, after, false},
		{"session before its start", FollowUp{Status: FollowUpOpen, DueSession: 49}, s49, before, false},
		{"session started by time", FollowUp{Status: FollowUpOpen, DueSession: 49}, s49, after, true},
		{"session running early", FollowUp{Status: FollowUpOpen, DueSession: 49}, &Session{Number: 49, Status: StatusRunning}, before, true},
		{"another session", FollowUp{Status: FollowUpOpen, DueSession: 48}, s49, after, false},
	}
	for _, tt := range tests {
		if got := tt.f.OverdueAt(tt.now, tt.due); got != tt.want {
			t.Errorf("%s: OverdueAt = %v, want %v", tt.name, got, tt.want)
		}
	}
	f := FollowUp{DueSession: 49}
	if got := f.DeadlineAt(s49); got != "49. Sitzung (19.03.2026)" {
		t.Errorf("DeadlineAt = %q", got)
	}
	if got := f.DeadlineAt(nil); got != "zur 49. Sitzung" {
		t.Errorf("DeadlineAt(nil) = %q", got)
	}
}

func TestFollowUpResponsibles(t *testing.T) {
	f := FollowUp{Responsible: "PG EfA-Finanzierung, FITKO; BY und HB"}
	got := f.Responsibles()
	if len(got) != 4 || got[0] != "PG EfA-Finanzierung" || got[3] != "HB" {
		t.Errorf("Responsibles = %q", got)
	}
	if !f.ResponsibleIs("fitko") || f.ResponsibleIs("H") || f.ResponsibleIs("") {
		t.Error("ResponsibleIs")
	}
}

func TestImplementationOf(t *testing.T) {
	o, w, d, x := FollowUp{Status: FollowUpOpen}, FollowUp{Status: FollowUpInProgress}, FollowUp{Status: FollowUpDone}, FollowUp{Status: FollowUpDropped}
	tests := []struct {
		fs   []FollowUp
		want Implementation
	}{
		{nil, ImplementationNone},
		{[]FollowUp{x}, ImplementationNone},
		{[]FollowUp{o, o}, ImplementationOpen},
		{[]FollowUp{o, w}, ImplementationProgress},
		{[]FollowUp{o, d}, ImplementationProgress},
		{[]FollowUp{d, x}, ImplementationDone},
	}
	for i, tt := range tests {
		if got := ImplementationOf(tt.fs); got != tt.want {
			t.Errorf("%d: ImplementationOf = %q, want %q", i, got, tt.want)
		}
	}
	per := ImplementationPerLand([]string{"BY", "HB", "HH"}, []FollowUp{
		{Status: FollowUpDone, Responsible: "BY"}, {Status: FollowUpInProgress, Responsible: "HB"}, {Status: FollowUpOpen, Responsible: "HH"}})
	if len(per) != 3 || per[0].State != ImplementationDone || per[1].State != ImplementationProgress || per[2].State != ImplementationOpen {
		t.Errorf("per Land = %+v", per)
	}
}

// TestFollowUpValidateGivesEveryReason: a follow-up that breaks several
// rules gives every reason, each at its field (before: the first only, at
// no field, so the API and the forms named one mistake at a time).
func TestFollowUpValidateGivesEveryReason(t *testing.T) {
	var fields []string
	err := FollowUp{Status: FollowUpDone, DueSession: -1}.Validate()
	for _, e := range ErrorsOf(err) {
		if ClassOf(e) != ErrInput || ReasonOf(e) == "" {
			t.Errorf("%v: class %v, reason %q", e, ClassOf(e), ReasonOf(e))
		}
		fields = append(fields, FieldOf(e))
	}
	if got, want := strings.Join(fields, " "), "text frist_sitzung erledigt_am nachweis"; got != want {
		t.Errorf("fields %q, want %q (%v)", got, want, err)
	}
	if got := FieldOf(FollowUp{Text: "Bericht", Status: "fertig"}.Validate()); got != "status" {
		t.Errorf("an unknown status at %q", got)
	}
	if err := (FollowUp{Text: "Bericht", Status: FollowUpDone, DoneOn: NewDate(2026, 1, 5), EvidenceDecisionID: 3}).Validate(); err != nil {
		t.Errorf("a valid follow-up: %v", err)
	}
}

// TestResponsibleInMarkedPassage: a member named only inside a passage
// marked confidential is responsible all the same — the secretariat's
// filter, the reminders and the right to report go by the internal text;
// only the public does not read the name (PublicResponsibleKeys). Before,
// the key of "⟦BY⟧" was "⟦by⟧", and "⟦BE, BY⟧" split into "⟦be" and "by⟧":
// Bayern was reminded of nothing and could not report.
func TestResponsibleInMarkedPassage(t *testing.T) {
	tests := []struct {
		responsible string
		who         []string
		keys        string
	}{
		{"BE, " + Redact("BY"), []string{"BE", "BY", "by", Redact("BY")}, ",be,by,"},
		{Redact("BE, BY"), []string{"BE", "BY"}, ",be,by,"},
		{"B" + Redact("Y") + " und HB", []string{"BY", "HB", "B" + Redact("Y")}, ",by,hb,"},
		{Redact("BY") + ", BY", []string{"BY"}, ",by,"},
	}
	for _, tt := range tests {
		f := FollowUp{Responsible: tt.responsible}
		if got := f.ResponsibleKeys(); got != tt.keys {
			t.Errorf("ResponsibleKeys(%q) = %q, want %q", tt.responsible, got, tt.keys)
		}
		for _, w := range tt.who {
			if !f.ResponsibleIs(w) {
				t.Errorf("ResponsibleIs(%q) of %q = false, want true", w, tt.responsible)
			}
		}
		if f.ResponsibleIs("HE") {
			t.Errorf("ResponsibleIs(HE) of %q = true", tt.responsible)
		}
	}
	if got := (FollowUp{Responsible: "BE, " + Redact("BY")}).PublicResponsibleKeys(); got != ",be," {
		t.Errorf("PublicResponsibleKeys = %q, want \",be,\"", got)
	}
}
