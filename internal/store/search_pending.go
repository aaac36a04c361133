package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Search documents written after the import (SearchAfterCommit,
// migration 01295): the marks of sessions whose documents are still to
// be written, and the write that removes them.

// markSearchPending marks a session whose search documents are written
// after tx commits (SearchAfterCommit).
func markSearchPending(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	q := `INSERT INTO search_pending (session_id) VALUES (?) ON CONFLICT (session_id) DO NOTHING`
	if _, err := tx.ExecContext(ctx, q, sessionID); err != nil {
		return fmt.Errorf("store: search pending: %w", err)
	}
	return nil
}

// SearchPending gives up to limit sessions whose search documents are
// still to be written (SearchAfterCommit), oldest mark first.
func (s *Store) SearchPending(ctx context.Context, limit int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT session_id FROM search_pending ORDER BY session_id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: search pending: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: search pending: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search pending: %w", err)
	}
	return ids, nil
}

// DerivedWaiting tells whether derived data waits to be built after the
// commits that left it: OParl objects marked in oparl_dirty (SyncOParl
// builds them) and sessions' search documents (SearchPending). Each is
// one index probe, so that `gremium serve` can ask after every change.
func (s *Store) DerivedWaiting(ctx context.Context) (oparl, search bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM oparl_dirty), EXISTS (SELECT 1 FROM search_pending)`).Scan(&oparl, &search)
	if err != nil {
		return false, false, fmt.Errorf("store: derived data waiting: %w", err)
	}
	return oparl, search, nil
}

// WritePendingSearch writes the search documents of pending sessions
// (scopes, built from the data as it was at the page generation gen,
// PageGeneration) and removes the marks of ids, in one transaction — if
// the data did not change since gen; otherwise it writes nothing and
// gives ErrConflict, and the caller builds the documents again (a change
// committed in between would be overwritten by documents of the data
// before it). It moves the data version: searches kept before it miss
// the documents.
func (s *Store) WritePendingSearch(ctx context.Context, gen int64, scopes []SearchScope, ids []int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var now int64
		if err := tx.QueryRowContext(ctx, `SELECT gen FROM page_generation WHERE id = 1`).Scan(&now); err != nil {
			return fmt.Errorf("store: search index: %w", err)
		}
		if now != gen {
			return ErrConflict
		}
		if err := s.replaceSearchScopes(ctx, tx, scopes); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_pending WHERE session_id IN (`+placeholders(len(ids))+`)`, args...); err != nil {
			return fmt.Errorf("store: search pending: %w", err)
		}
		return nil
	})
}
