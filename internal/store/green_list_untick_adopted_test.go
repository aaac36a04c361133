package store

import (
	"context"
	"strings"
	"testing"

	"gremium/internal/model"
)

// TestNoUntickAfterTheGreenListIsAdopted: the management page's tick
// "Grüne Liste" (UpdateItem) took an item off the list after the list was
// adopted en bloc, as the members' pull did (TestNoPullAfterTheGreenList
// IsAdopted): the item stood singly while its decision read "Grüne
// Liste, en bloc". Unticking an item whose proposal is decided is refused
// with the pull's reason; the item stays as it was.
func TestNoUntickAfterTheGreenListIsAdopted(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	item, _ := adoptedGreenList(t, s)
	before := must[model.AgendaItem](t)(s.Item(ctx, item))
	unticked := before
	unticked.Consent = false
	err := s.UpdateItem(ctx, unticked)
	if model.ClassOf(err) != model.ErrRule || !strings.Contains(model.ReasonOf(err), "bereits beschlossen") {
		t.Errorf("untick after the adoption: %v", err)
	}
	if after := must[model.AgendaItem](t)(s.Item(ctx, item)); !after.Consent || after.Version != before.Version {
		t.Errorf("the item changed: consent %v, version %d (was %d)", after.Consent, after.Version, before.Version)
	}
}
