package store

import (
	"context"
	"testing"
)

// profileVersion gives the current version of a decision profile, for
// tests that save one.
func profileVersion(t *testing.T, s *Store, decisionID int64) int {
	t.Helper()
	v, err := s.ProfileVersion(context.Background(), decisionID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
