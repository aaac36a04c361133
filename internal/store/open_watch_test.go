package store

import (
	"context"
	"testing"
)

// Open leaves no connection taken: the watch of other writers takes its
// own only at its first look, so that a short command's first query finds
// the connection Open used (a new connection reads the whole schema).
func TestOpenHoldsNoConnection(t *testing.T) {
	s, err := Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if st := s.db.Stats(); st.InUse != 0 || st.OpenConnections != 1 {
		t.Fatalf("after Open: %d connections open, %d in use; want 1 and 0", st.OpenConnections, st.InUse)
	}
	if _, err := s.Members(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st := s.db.Stats(); st.OpenConnections != 1 {
		t.Fatalf("after the first query: %d connections open; want 1", st.OpenConnections)
	}
}
