package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"gremium/internal/itplr"
	"gremium/internal/model"
	"gremium/internal/search"
	"gremium/internal/store"
)

// rebuildMarkedSearchIndex rebuilds the search index whole if it carries
// the mark "needs rebuild" (store.SearchNeedsRebuild: a fresh database, a
// migration that changed the terms), and tells whether it did. `gremium
// serve` runs it next to serving (serveRebuild). Without the council (no
// data yet) there is nothing to index and the mark stays for the next
// start.
func rebuildMarkedSearchIndex(ctx context.Context, st *store.Store, progress func(sessions int)) (bool, error) {
	council, err := st.BodyByAbbrev(ctx, itplr.CouncilAbbrev)
	if errors.Is(err, model.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return search.RebuildMarked(ctx, st, council.ID, progress)
}

// serveRebuild is the rebuild of a marked index while `gremium serve`
// serves: at a million decisions it takes minutes (docs/performance.md),
// which the server must not stand still for. Searches in the meantime say
// that hits may be missing. A rebuild stopped by the shutdown leaves the
// mark, and the next start rebuilds again.
func serveRebuild(ctx context.Context, st *store.Store, log *slog.Logger) {
	need, err := st.SearchNeedsRebuild(ctx)
	if err != nil {
		log.Error("search index", "err", err)
		return
	}
	if !need {
		return
	}
	began := time.Now()
	log.Info("search index: rebuilding while serving")
	last := began
	rebuilt, err := rebuildMarkedSearchIndex(ctx, st, func(sessions int) {
		if time.Since(last) >= 10*time.Second {
			last = time.Now()
			log.Info("search index: rebuilding", "sessions", sessions, "elapsed", time.Since(began).Round(time.Second).String())
		}
	})
	switch {
	case ctx.Err() != nil:
		log.Info("search index: rebuild stopped by the shutdown; the next start rebuilds it")
	case err != nil:
		log.Error("search index: rebuild failed; the next start rebuilds it", "err", err)
	case rebuilt:
		log.Info("search index: rebuilt", "elapsed", time.Since(began).Round(time.Millisecond).String())
	}
}
