package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrNotReady means the database cannot serve: it does not answer, or its
// schema lacks migrations this build brings (another process runs an older
// build's data directory, or a migration failed half-way).
// It is an internal error: nothing a user did causes it.
var ErrNotReady = errors.New("store: database not ready")

// Ready checks that the database answers a query and that every migration
// embedded in this build is applied (GET /readyz).
func (s *Store) Ready(ctx context.Context) error {
	if s.closed.Load() {
		return fmt.Errorf("%w: store closed", ErrNotReady)
	}
	var one int
	if err := s.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("%w: %w", ErrNotReady, err)
	}
	p, err := s.provider()
	if err != nil {
		return fmt.Errorf("%w: migrations: %w", ErrNotReady, err)
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return fmt.Errorf("%w: migrations: %w", ErrNotReady, err)
	}
	if pending {
		return fmt.Errorf("%w: migrations pending", ErrNotReady)
	}
	return nil
}

// DBStats gives the statistics of the database connection pool (for the
// metrics at /metrics).
func (s *Store) DBStats() sql.DBStats { return s.db.Stats() }
