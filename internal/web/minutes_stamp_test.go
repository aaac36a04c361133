package web

import (
	"context"
	"testing"

	"gremium/internal/store"
)

// minutesStamp reads the stamp of a session's minutes, as the approving
// handlers read it before they render the text (store.MinutesStamp), for
// tests that approve a text of their own through the store.
func minutesStamp(t *testing.T, st *store.Store, sessionID int64) store.MinutesStamp {
	t.Helper()
	stamp, err := st.MinutesStamp(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	return stamp
}
