package web

import (
	"context"
	"fmt"
	"html"
	"strings"
	"testing"
	"time"

	"gremium/internal/demo"
	"gremium/internal/model"
	"gremium/internal/store"
)

// TestPageTitleReadsTheSourceRedaction: a page's <title> has no room for
// a mark and is written with model.InternalText, which removed the marks
// and left the source tool's English "[REDACTED]" standing where the
// page's body said "im Quelldokument geschwärzt" — members read it as a
// colleague's text withheld from them. The 47th session's minutes (a
// decision's result and Hamburg's protocol note name what the source
// blacked out) say it in German only, and so do the <title>s of a
// registration that carries such a passage (the Gesamtleitung NOOTS,
// taken over from Hamburg's note) and of its proposal's profile.
func TestPageTitleReadsTheSourceRedaction(t *testing.T) {
	ts, st := cycleServer(t)
	ctx := store.WithActor(context.Background(), "test")
	gs := client(t, ts, "geschaeftsstelle")
	if _, page := do(t, gs, "GET", ts.URL+"/sitzungen/47/protokoll", nil); strings.Contains(page, model.SourceRedaction) || !strings.Contains(page, model.SourceRedactionShown) {
		t.Errorf("the 47th session's minutes do not read what the source blacked out in German only (%q: %v)", model.SourceRedaction, strings.Contains(page, model.SourceRedaction))
	}

	council, err := st.BodyByAbbrev(ctx, demo.CouncilAbbrev)
	if err != nil {
		t.Fatal(err)
	}
	planned := planSessionOn(t, st, 48, model.BerlinDate(time.Now().AddDate(0, 0, 60)))
	const title = "Gesamtleitung NOOTS: Personalvorschlag "
	stored := title + model.Redact(model.SourceRedaction)
	itemID, err := st.RegisterItem(ctx, model.AgendaItem{SessionID: planned.ID, Title: stored, Goal: model.GoalDecision, Status: model.ItemRegistered,
		RegisteredBy: "Bund", Reporters: []string{"Bund"}, Impact: model.Impact{Stated: true}},
		&model.Decision{BodyID: council.ID, Kind: model.KindDecision, Scope: model.ScopeAll, Title: stored, Applicants: []string{"Bund"},
			Points: []model.Point{{Label: "1.", Text: "Der IT-Planungsrat bestätigt den Personalvorschlag."}}})
	if err != nil {
		t.Fatal(err)
	}
	drafts, err := st.Decisions(ctx, store.DecisionFilter{ItemID: itemID, Limit: 1})
	if err != nil || len(drafts) != 1 {
		t.Fatalf("the registration's proposal: %v %v", drafts, err)
	}
	for _, c := range []struct{ user, path string }{
		{"bund", fmt.Sprintf("/anmeldungen/%d", itemID)},
		{"geschaeftsstelle", fmt.Sprintf("/steckbrief/%d", drafts[0].ID)},
	} {
		_, page := do(t, client(t, ts, c.user), "GET", ts.URL+c.path, nil)
		got := html.UnescapeString(between(page, "<title>", "</title>"))
		if strings.Contains(got, model.SourceRedaction) || !strings.Contains(got, title+model.SourceRedactionShown) {
			t.Errorf("%s: the title is %q, want the passage read as %q", c.path, got, model.SourceRedactionShown)
		}
	}
}
