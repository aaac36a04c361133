package search

import (
	"context"
	"errors"

	"gremium/internal/minutes"
	"gremium/internal/model"
	"gremium/internal/store"
)

// pendingSizes are the sizes of IndexPending's attempts at a batch: a
// batch that met a change committed while it was built is built again
// smaller, down to one session (whose minutes are read in milliseconds),
// so that a server writing all the time (a live session) does not keep
// the marks from being worked off — a batch of RebuildBatch sessions
// takes a second or more to read. After the last the marks stay for the
// next run.
var pendingSizes = [...]int{RebuildBatch, RebuildBatch / 10, 1}

// afterPendingLoad, if set (by tests), runs after IndexPending built the
// documents of the batch ids and before it writes them: a change
// committed there is one the write must not overwrite.
var afterPendingLoad func(st *store.Store, ids []int64)

// IndexPending writes the search documents of the sessions an import left
// marked (store.SearchAfterCommit), RebuildBatch sessions a transaction,
// and gives how many it wrote. Each batch is built from the public
// minutes (as IndexSession builds them) and written together with the
// removal of its marks only if nothing changed meanwhile
// (store.WritePendingSearch); a batch that meets a change is built again,
// smaller (pendingSizes), and after the third attempt the marks stay for
// the next run, so that no document older than the data is ever written.
// `gremium serve` runs it at its start and within a second of every
// change while it serves;
// instances on one database may run it side by side: a batch written by
// one is a change the other's meets, and built again the other's batch
// finds those marks gone and does not write the documents a second time.
func IndexPending(ctx context.Context, st *store.Store) (int, error) {
	written := 0
	size := pendingSizes[0]
	for {
		var ids []int64
		done := false
		for attempt := range len(pendingSizes) {
			if attempt > 0 {
				// Met a change: smaller, for the rest of this run.
				size = min(size, pendingSizes[attempt])
			}
			gen, err := st.PageGeneration(ctx)
			if err != nil {
				return written, err
			}
			// The marks are read after the generation, at every attempt:
			// marks removed by another instance's write after gen make
			// this write a conflict, those removed before are not read.
			// Read once before the attempts, a batch the other instance
			// wrote meanwhile was written again (and the page generation
			// moved again, throwing away the pages kept for the public).
			if ids, err = st.SearchPending(ctx, size); err != nil || len(ids) == 0 {
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
			if afterPendingLoad != nil {
				afterPendingLoad(st, ids)
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
		if !done || len(ids) < size {
			return written, nil
		}
	}
}
