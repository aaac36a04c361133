package store

import (
	"context"
	"sync"
	"testing"
)

// TestCalendarDomainIsMadeOnce: the calendar domain (the right-hand side
// of the feeds' UIDs) is the candidate of its first use and stays so,
// whatever later callers — another public address, another instance on
// the same database at the same moment — propose. Before, there was none:
// each feed took the host of the public address it was served under.
func TestCalendarDomainIsMadeOnce(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	if _, err := s.CalendarDomain(ctx, ""); err == nil {
		t.Error("no domain stored and none proposed: want an error")
	}
	// Instances starting together: one candidate wins, all see it.
	got := make([]string, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			d, err := s.CalendarDomain(ctx, []string{"gremium.example.org", "neu.example.org"}[i%2])
			if err != nil {
				t.Error(err)
			}
			got[i] = d
		})
	}
	wg.Wait()
	first := got[0]
	if first != "gremium.example.org" && first != "neu.example.org" {
		t.Fatalf("domain %q is no candidate", first)
	}
	for i, d := range got {
		if d != first {
			t.Errorf("instance %d has %q, instance 0 %q", i, d, first)
		}
	}
	if d, err := s.CalendarDomain(ctx, "dritte.example.org"); err != nil || d != first {
		t.Errorf("later use with another address: %q, %v; want %q", d, err, first)
	}
	if d, err := s.CalendarDomain(ctx, ""); err != nil || d != first {
		t.Errorf("later use without a candidate: %q, %v; want %q", d, err, first)
	}
}
