package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"gremium/internal/model"
	"gremium/internal/store"
)

// TestAuditLogHidesOpenVoteChoices checks that the audit log, page and
// CSV, does not tell how a member voted while the vote is open (the live
// page shows only who has voted until the vote is closed), and tells it
// once the vote is closed.
func TestAuditLogHidesOpenVoteChoices(t *testing.T) {
	ctx := context.Background()
	ts, st, _ := lawServer(t)
	sid, _, d := runningSession(t, st, model.KindDecision)
	vote, err := st.OpenVote(ctx, sid, d)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CastSessionVote(store.WithActor(ctx, "hessen"), vote, "HE", model.VoteNo, false); err != nil {
		t.Fatal(err)
	}
	gs := client(t, ts, "geschaeftsstelle")
	pages := func() string {
		var all strings.Builder
		for _, path := range []string{"/aenderungsprotokoll?objekt=vote", "/aenderungsprotokoll.csv?objekt=vote"} {
			code, body := do(t, gs, "GET", ts.URL+path, nil)
			if code != http.StatusOK {
				t.Fatalf("GET %s: %d", path, code)
			}
			all.WriteString(body)
		}
		return all.String()
	}
	open := pages()
	if !strings.Contains(open, "HE hat abgestimmt") {
		t.Fatal("the audit log does not show the vote being cast")
	}
	for _, leak := range []string{"choice=nein", `""choice"":""nein""`, `"choice":"nein"`} {
		if strings.Contains(open, leak) {
			t.Errorf("while the vote is open the audit log shows how HE voted (%s)", leak)
		}
	}
	if !strings.Contains(open, "verdeckt") {
		t.Error("the hidden choice is not marked as hidden")
	}
	if _, err := st.CloseVote(ctx, vote); err != nil {
		t.Fatal(err)
	}
	if closed := pages(); !strings.Contains(closed, "choice=nein") {
		t.Error("after the vote is closed the audit log does not show the choices")
	}
}
