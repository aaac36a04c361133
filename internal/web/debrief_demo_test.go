package web

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
)

// TestDemoDebriefInvitationIsTheDraft: the served demo sends the 47th
// session's debrief with the invitation the secretariat's debrief page
// drafts for it, to the letter. The demo wrote its own copy of the
// draft's text, which could drift from the page's unnoticed; both now
// come from model.DebriefInvitation, and this holds them together.
func TestDemoDebriefInvitationIsTheDraft(t *testing.T) {
	_, st, srv := demoAccountsServer(t)
	ctx := context.Background()
	st.SetClock(func() time.Time { return time.Date(2026, 12, 4, 9, 0, 0, 0, model.Berlin) })
	if err := demo.LoadCalendar(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := demo.LoadNextSession(ctx, st); err != nil {
		t.Fatal(err)
	}
	council, _ := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	se, err := st.SessionByNumber(ctx, council.ID, 47)
	if err != nil {
		t.Fatal(err)
	}
	d, err := srv.assembleDebrief(httptest.NewRequest("GET", "/sitzungen/47/nachbesprechung", nil), se)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Saved || !d.Debrief.Sent || len(d.Groups) == 0 {
		t.Fatalf("the demo's debrief of the 47th session: saved %v, sent %v, %d conferences; want it sent with decisions", d.Saved, d.Debrief.Sent, len(d.Groups))
	}
	if sent, drafted := d.Debrief.Invitation, debriefInvitation(d); sent != drafted {
		t.Errorf("the demo sent an invitation other than the page's draft:\n--- sent\n%s\n--- drafted\n%s", sent, drafted)
	}
}
