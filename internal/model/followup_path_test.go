package model

import "testing"

// TestFollowUpPath: a follow-up's page is named by its public number once
// it has one, by its internal id only before (internal readers).
func TestFollowUpPath(t *testing.T) {
	for _, c := range []struct {
		f    FollowUp
		want string
	}{
		{FollowUp{ID: 17, Number: 12}, "/auftraege/nr/12"},
		{FollowUp{ID: 17}, "/auftraege/17"},
	} {
		if got := c.f.Path(); got != c.want {
			t.Errorf("%+v: %s, want %s", c.f, got, c.want)
		}
	}
	if got := FollowUpNumberPath(3); got != "/auftraege/nr/3" {
		t.Errorf("FollowUpNumberPath(3) = %s", got)
	}
}
