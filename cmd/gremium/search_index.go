package main

import (
	"context"
	"errors"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// rebuildMarkedSearchIndex rebuilds the search index whole if it carries
// the mark "needs rebuild" (store.SearchNeedsRebuild: a fresh database, a
// migration that changed the terms), and tells whether it did. `gremium
// serve` asks it at its start, `gremium import minutes` before it
// indexes its session. Without the council (no data yet) there is nothing
// to index and the mark stays for the next start.
func rebuildMarkedSearchIndex(ctx context.Context, st *store.Store) (bool, error) {
	need, err := st.SearchNeedsRebuild(ctx)
	if err != nil || !need {
		return false, err
	}
	council, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if errors.Is(err, model.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := search.Rebuild(ctx, st, council.ID); err != nil {
		return false, err
	}
	return true, nil
}
