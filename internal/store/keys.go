package store

import (
	"context"
	"crypto/rand"
	"fmt"
)

// ServerKey gives the server's random key with the name (32 bytes), made
// on first use and then shared by every instance on this database: it
// signs cookies that must come back unchanged (notices, the OpenID Connect
// login state). It is no content: making it writes no audit entry.
func (s *Store) ServerKey(ctx context.Context, name string) ([]byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	// The first instance to insert wins; the others read its key.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO server_keys (name, key, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING`,
		name, key, timeText(s.now())); err != nil {
		return nil, fmt.Errorf("store: server key %s: %w", name, err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT key FROM server_keys WHERE name = ?`, name).Scan(&key); err != nil {
		return nil, fmt.Errorf("store: server key %s: %w", name, err)
	}
	return key, nil
}
