package search

import (
	"context"
	"errors"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// pendingAttempts is how often IndexPending builds a batch again when a
// change was committed while it built it; after that the marks stay for
// its next run.
const pendingAttempts = 3

// IndexPending writes the search documents of the sessions an import left
// marked (store.SearchAfterCommit), RebuildBatch sessions a transaction,
// and gives how many it wrote. Each batch is built from the public
// minutes (as IndexSession builds them) and written together with the
// removal of its marks only if nothing changed meanwhile
// (store.WritePendingSearch); a batch that meets a change is built again,
// and after pendingAttempts the marks stay for the next run, so that no
// document older than the data is ever written. `gremium serve` runs it
// at its start and within a second of every change while it serves;
// instances on one database may run it side by side (a batch written by
// one is a change the other's meets, and its marks are gone).
func IndexPending(ctx context.Context, st *store.Store) (int, error) {
	written := 0
	for {
		ids, err := st.SearchPending(ctx, RebuildBatch)
		if err != nil || len(ids) == 0 {
			return written, err
		}
		done := false
		for range pendingAttempts {
			gen, err := st.PageGeneration(ctx)
			if err != nil {
				return written, err
			}
			scopes := make([]store.SearchScope, 0, len(ids))
			for _, id := range ids {
				doc, err := minutes.Load(ctx, st, id, model.Public)
				if errors.Is(err, store.ErrNotFound) {
					continue // deleted since: its mark went with it
				}
				if err != nil {
					return written, err
				}
				scopes = append(scopes, publicDocs(doc))
			}
			err = st.WritePendingSearch(ctx, gen, scopes, ids)
			if errors.Is(err, store.ErrConflict) {
				continue
			}
			if err != nil {
				return written, err
			}
			written += len(ids)
			done = true
			break
		}
		if !done || len(ids) < RebuildBatch {
			return written, nil
		}
	}
}
