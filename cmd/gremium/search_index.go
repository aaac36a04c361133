package main

import (
	"context"
	"log/slog"
	"time"

	"gremium/internal/search"
	"gremium/internal/store"
)

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
	rebuilt, err := search.RebuildMarkedIndex(ctx, st, func(sessions int) {
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
