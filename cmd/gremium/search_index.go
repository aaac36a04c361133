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

// serveDerived builds, while `gremium serve` serves, the derived data that
// a `gremium import minutes` beside it (or before its start) left to it:
// the OParl objects marked in oparl_dirty (store.SyncOParl) and the search
// documents of the sessions it marked (search.IndexPending). It looks at
// its start and whenever the data version moved, at most every
// store.PollInterval; the version moves within that interval of another
// process's commit, so an import's minutes are found by the search and
// listed by OParl about a second after the import ends. Each look is one
// index probe (store.DerivedWaiting).
func serveDerived(ctx context.Context, st *store.Store, log *slog.Logger, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	seen := uint64(0)
	first := true
	for {
		if v := st.Version(); first || v != seen {
			seen = v
			// A look that failed is made again at the next tick.
			first = !buildDerived(ctx, st, log)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// buildDerived is one look of serveDerived; it tells whether it did all
// it found to do.
func buildDerived(ctx context.Context, st *store.Store, log *slog.Logger) (ok bool) {
	oparl, pending, err := st.DerivedWaiting(ctx)
	if err != nil {
		if ctx.Err() == nil {
			log.Error("derived data", "err", err)
		}
		return false
	}
	ok = true
	if oparl {
		began := time.Now()
		if err := st.SyncOParl(ctx, nil); err != nil {
			if ctx.Err() == nil {
				log.Error("OParl objects: building the marked objects failed; tried again in a second", "err", err)
			}
			ok = false
		} else {
			log.Info("OParl objects built", "elapsed", time.Since(began).Round(time.Millisecond).String())
		}
	}
	if pending {
		began := time.Now()
		n, err := search.IndexPending(ctx, st)
		switch {
		case err != nil:
			if ctx.Err() == nil {
				log.Error("search index: writing the documents of imported sessions failed; tried again in a second", "err", err)
			}
			ok = false
		case n > 0:
			log.Info("search index: documents of imported sessions written", "sessions", n, "elapsed", time.Since(began).Round(time.Millisecond).String())
		}
	}
	return ok
}
