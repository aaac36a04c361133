package search

import (
	"context"
	"errors"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/store"
)

// RebuildMarkedIndex rebuilds the index of the installation if it carries
// the mark "needs rebuild" (store.SearchNeedsRebuild: a fresh database, a
// migration that changed the terms), as RebuildMarked does for the body
// whose sessions the index holds — the IT-Planungsrat
// (itplr.CouncilAbbrev) — and tells whether it did. Without the council
// (no data yet) there is nothing to index: it gives false and the mark
// stays for the next start. `gremium serve` runs it next to serving.
func RebuildMarkedIndex(ctx context.Context, st *store.Store, progress func(sessions int)) (bool, error) {
	council, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if errors.Is(err, model.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return RebuildMarked(ctx, st, council.ID, progress)
}
