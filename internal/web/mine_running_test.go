package web

import (
	"context"
	"net/http/httptest"
	"testing"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestRunningBoxReadsNoMemberAgain: the box of a running session on a
// member office's "Mein Bereich" read the office's member once more for
// each running session (loadNoteSubs), though the page had read it
// already (myOffice). It reads per session the office's submitted notes
// and the agenda, nothing more, and says the same as before
// (TestMemberOfficeFindsTheRunningSession holds its content).
func TestRunningBoxReadsNoMemberAgain(t *testing.T) {
	ts, st, srv := cycleServerOf(t)
	se := runSession48(t, ts, st)
	ctx := context.Background()
	u, _, err := st.UserLogin(ctx, "hessen")
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Member(ctx, u.MemberAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/mein-bereich", nil)
	r = r.WithContext(context.WithValue(r.Context(), userKey{}, &u))
	q0 := store.QueryCount()
	running, err := srv.myRunningSessions(r, council, m, []model.Session{se})
	if err != nil {
		t.Fatal(err)
	}
	if n := store.QueryCount() - q0; n != 2 {
		t.Errorf("the running session's box read %d statements, want 2 (the office's notes, the agenda)", n)
	}
	if len(running) != 1 || running[0].SubmitURL != "/sitzungen/48#h-tagesordnung" {
		t.Errorf("the running session's box: %+v, want the way to the 48th session's agenda", running)
	}
}
