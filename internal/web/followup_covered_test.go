package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"gremium/internal/model"
)

// TestProposalNamesTheRecordedFollowUp: the proposals page of the 47th
// session does not propose again a request recorded as a follow-up when
// the secretariat gave that follow-up a deadline the sentence lacks (the
// demo's "Bitte an den Bund, dass die Cybersicherheit …": before, it
// came back, the deadlines differing), and names the follow-up a proposal
// may repeat (the institute's commission, its deadline moved): "Möglicherweise
// schon erfasst: Auftrag Nr. …", linked.
func TestProposalNamesTheRecordedFollowUp(t *testing.T) {
	hs, st := followUpServer(t, time.Date(2025, 9, 1, 10, 0, 0, 0, model.Berlin))
	ctx := context.Background()
	gs := client(t, hs.ts, "geschaeftsstelle")
	request := demoFollowUp(t, st, "Verteidigungsklausel")
	request.DueDate = model.NewDate(2025, 12, 31)
	if err := st.UpdateFollowUp(ctx, request); err != nil {
		t.Fatal(err)
	}
	institute := demoFollowUp(t, st, "wissenschaftlichen Instituts")
	institute.DueDate = model.NewDate(2025, 9, 30)
	if err := st.UpdateFollowUp(ctx, institute); err != nil {
		t.Fatal(err)
	}
	code, page := do(t, gs, "GET", hs.ts.URL+"/sitzungen/47/auftragsvorschlaege", nil)
	if code != http.StatusOK {
		t.Fatalf("proposals page: %d", code)
	}
	if strings.Contains(page, "Bitte an den Bund, dass die Cybersicherheit") {
		t.Errorf("the request recorded as follow-up %d is proposed again:\n%s", request.ID, between(page, "<h1", "</main>"))
	}
	want := fmt.Sprintf(`Möglicherweise schon erfasst: <a href="/auftraege/%d">Auftrag Nr. %d</a>`, institute.ID, institute.ID)
	if !strings.Contains(page, want) || !strings.Contains(page, "Beauftragung eines wissenschaftlichen Instituts bis zum 31.08.2025") {
		t.Errorf("the proposal does not name follow-up %d:\n%s", institute.ID, between(page, "<h1", "</main>"))
	}
}
