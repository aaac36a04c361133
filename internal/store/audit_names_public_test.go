package store

import (
	"context"
	"fmt"
	"testing"

	"gremium/internal/model"
)

// TestAuditObjectsLinkFollowUpsByNumber: the audit page links a follow-up
// with a public number at its public address /auftraege/nr/{n}
// (model.FollowUp.Path, one address per public follow-up), one without
// (internal: the AL-Runde's) at its row id's page. Before, every
// follow-up was linked by its row id.
func TestAuditObjectsLinkFollowUpsByNumber(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	w := newNumberWorld(t, s)
	public := w.followUpAt(t, s, w.publicItem, "Bericht vorlegen")
	internal := w.followUpAt(t, s, w.preItem, "Vorbereitung in der AL-Runde")
	n := numberOf(t, s, public)
	if n == 0 || numberOf(t, s, internal) != 0 {
		t.Fatalf("fixture: numbers %d and %d", n, numberOf(t, s, internal))
	}
	page := must[AuditPage](t)(s.AuditEntries(ctx, AuditFilter{Entity: "follow_up", Limit: 100}))
	objects := must[[]AuditObject](t)(s.AuditObjects(ctx, page.Entries))
	want := map[int64]string{public: model.FollowUpNumberPath(n), internal: fmt.Sprintf("/auftraege/%d", internal)}
	seen := 0
	for i, e := range page.Entries {
		if p, ok := want[e.EntityID]; ok {
			seen++
			if objects[i].Path != p {
				t.Errorf("follow-up %d (%s): linked %q, want %q", e.EntityID, objects[i].Name, objects[i].Path, p)
			}
		}
	}
	if seen < 2 {
		t.Fatalf("%d entries of the follow-ups", seen)
	}
}
