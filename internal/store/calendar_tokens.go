package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gremium/internal/model"
)

// SetCalendarToken gives the account a new private calendar address: the
// token's hash replaces any earlier one, whose address stops working.
func (s *Store) SetCalendarToken(ctx context.Context, userID int64, tokenHash string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(ctx, tx, "user", userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_tokens WHERE user_id = ?`, userID); err != nil {
			return fmt.Errorf("store: calendar token: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)`,
			userID, tokenHash, timeText(s.now())); err != nil {
			return fmt.Errorf("store: calendar token: %w", err)
		}
		return s.audit(ctx, tx, "calendar", "user", userID, "neue Kalenderadresse")
	})
}

// RevokeCalendarToken removes the account's calendar address.
func (s *Store) RevokeCalendarToken(ctx context.Context, userID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(ctx, tx, "user", userID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM calendar_tokens WHERE user_id = ?`, userID)
		if err != nil {
			return fmt.Errorf("store: revoke calendar token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return model.NotFoundError("Es gibt keine Kalenderadresse, die widerrufen werden könnte.")
		}
		return s.audit(ctx, tx, "calendar", "user", userID, "Kalenderadresse widerrufen")
	})
}

// CalendarTokenSince gives when the account's calendar address was made
// (zero if it has none).
func (s *Store) CalendarTokenSince(ctx context.Context, userID int64) (time.Time, error) {
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT created_at FROM calendar_tokens WHERE user_id = ?`, userID).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("store: calendar token: %w", err)
	}
	t, _ := timeParse(at)
	return t, nil
}

// CalendarTokenUser gives the enabled account of a calendar token's hash.
func (s *Store) CalendarTokenUser(ctx context.Context, tokenHash string) (model.User, error) {
	return queryOne(ctx, s.db, scanUser, "calendar token",
		`SELECT `+userColsOf+` FROM calendar_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.disabled = 0`, tokenHash)
}

// CalendarDomain gives the installation's calendar domain: the right-hand
// side of the UID of every event gremium makes in its iCalendar feeds,
// which must stay the same for ever (RFC 5545 3.8.4.7) whatever public
// address the installation serves under. It is made at the first use
// from candidate (the caller's choice: the host of the configured public
// address, else a random id) and then the same for every instance on
// this database; the first instance to write wins. No content: making
// it writes no audit entry, as ServerKey.
func (s *Store) CalendarDomain(ctx context.Context, candidate string) (string, error) {
	var domain string
	err := s.db.QueryRowContext(ctx, `SELECT calendar_domain FROM installation WHERE id = 1`).Scan(&domain)
	if err == nil {
		return domain, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: calendar domain: %w", err)
	}
	if candidate == "" {
		return "", fmt.Errorf("store: calendar domain: none stored and no candidate")
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO installation (id, calendar_domain) VALUES (1, ?) ON CONFLICT (id) DO NOTHING`, candidate); err != nil {
		return "", fmt.Errorf("store: calendar domain: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, `SELECT calendar_domain FROM installation WHERE id = 1`).Scan(&domain); err != nil {
		return "", fmt.Errorf("store: calendar domain: %w", err)
	}
	return domain, nil
}
