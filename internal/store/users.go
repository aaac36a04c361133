package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gremium/internal/model"
)

const userCols = `id, username, name, role, member_abbrev, COALESCE(conference_id, 0), disabled`

func scanUser(r scanner) (model.User, error) {
	var u model.User
	err := r.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.MemberAbbrev, &u.ConferenceID, &u.Disabled)
	return u, err
}

// CreateUser stores an account with its password hash (see package auth).
func (s *Store) CreateUser(ctx context.Context, u model.User, passwordHash string) (int64, error) {
	if err := u.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		if u.MemberAbbrev != "" {
			if _, err := queryOne(ctx, tx, scanMember, "member "+u.MemberAbbrev, `SELECT `+memberCols+` FROM members WHERE abbrev = ?`, u.MemberAbbrev); err != nil {
				return err
			}
		}
		id, err = s.insert(ctx, tx, "user", u.Username,
			`INSERT INTO users (username, name, role, member_abbrev, conference_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			u.Username, u.Name, u.Role, u.MemberAbbrev, nullID(u.ConferenceID), passwordHash, s.now().UTC().Format(time.RFC3339))
		return err
	})
	return id, err
}

// User gives the account with the id.
func (s *Store) User(ctx context.Context, id int64) (model.User, error) {
	return queryOne(ctx, s.db, scanUser, fmt.Sprintf("user %d", id), `SELECT `+userCols+` FROM users WHERE id = ?`, id)
}

// UserLogin gives the account with the user name and its password hash.
func (s *Store) UserLogin(ctx context.Context, username string) (model.User, string, error) {
	var hash string
	u, err := queryOne(ctx, s.db, func(r scanner) (model.User, error) {
		var u model.User
		err := r.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.MemberAbbrev, &u.ConferenceID, &u.Disabled, &hash)
		return u, err
	}, "user "+username, `SELECT `+userCols+`, password_hash FROM users WHERE username = ?`, username)
	return u, hash, err
}

// Users gives all accounts by user name.
func (s *Store) Users(ctx context.Context) ([]model.User, error) {
	return queryList(ctx, s.db, scanUser, "users", `SELECT `+userCols+` FROM users ORDER BY username`)
}

// SetPassword replaces an account's password hash and ends its login
// sessions.
func (s *Store) SetPassword(ctx context.Context, id int64, passwordHash string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.updatePlain(ctx, tx, "users", "user", id, `password_hash = ?`, passwordHash); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM login_sessions WHERE user_id = ?`, id)
		if err != nil {
			return fmt.Errorf("store: end login sessions: %w", err)
		}
		n, _ := res.RowsAffected()
		return s.audit(ctx, tx, "password", "user", id, fmt.Sprintf("%d Anmeldungen beendet", n))
	})
}

// CreateLoginSession records a login; only the hash of the token is kept.
// The audit log gets a "login" entry under the account's user name (with
// the client address of WithClientAddr).
func (s *Store) CreateLoginSession(ctx context.Context, tokenHash string, userID int64, expires time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		s.quiet(tx)
		var username string
		if err := tx.QueryRowContext(ctx, `SELECT username FROM users WHERE id = ?`, userID).Scan(&username); err != nil {
			return notFound(err, fmt.Sprintf("user %d", userID))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			tokenHash, userID, s.now().UTC().Format(time.RFC3339), expires.UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("store: login session: %w", err)
		}
		return s.audit(WithActor(ctx, username), tx, "login", LoginEntity, userID, clientDetail(ctx, ""))
	})
}

// LoginSessionUser gives the account of a valid, unexpired login session.
func (s *Store) LoginSessionUser(ctx context.Context, tokenHash string, now time.Time) (model.User, error) {
	return queryOne(ctx, s.db, scanUser, "login session",
		`SELECT u.id, u.username, u.name, u.role, u.member_abbrev, COALESCE(u.conference_id, 0), u.disabled
		 FROM login_sessions l JOIN users u ON u.id = l.user_id
		 WHERE l.token_hash = ? AND l.expires_at > ? AND u.disabled = 0`, tokenHash, now.UTC().Format(time.RFC3339))
}

// DeleteLoginSession ends a login session (logout); the audit log gets a
// "logout" entry under the account's user name. An unknown token changes
// nothing.
func (s *Store) DeleteLoginSession(ctx context.Context, tokenHash string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		s.quiet(tx)
		var userID int64
		var username string
		err := tx.QueryRowContext(ctx, `SELECT u.id, u.username FROM login_sessions l JOIN users u ON u.id = l.user_id WHERE l.token_hash = ?`,
			tokenHash).Scan(&userID, &username)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: logout: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_sessions WHERE token_hash = ?`, tokenHash); err != nil {
			return fmt.Errorf("store: logout: %w", err)
		}
		return s.audit(WithActor(ctx, username), tx, "logout", LoginEntity, userID, clientDetail(ctx, ""))
	})
}

// maxLoggedName bounds the user name a failed login writes to the audit
// log (whatever length was typed).
const maxLoggedName = 64

// RecordLoginFailure writes a failed login for the user name typed to the
// audit log (action "login_failed", the account's id or 0 for an unknown
// name, why it failed and the client address of WithClientAddr). The
// caller has already refused the login; this only records it.
func (s *Store) RecordLoginFailure(ctx context.Context, username string) error {
	if r := []rune(username); len(r) > maxLoggedName {
		username = string(r[:maxLoggedName]) + "…"
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		s.quiet(tx)
		var userID int64
		var disabled bool
		why := "falsches Passwort"
		err := tx.QueryRowContext(ctx, `SELECT id, disabled FROM users WHERE username = ?`, username).Scan(&userID, &disabled)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			why = "unbekannter Benutzername"
		case err != nil:
			return fmt.Errorf("store: failed login: %w", err)
		case disabled:
			why = "Konto gesperrt"
		}
		return s.audit(WithActor(ctx, username), tx, "login_failed", LoginEntity, userID, clientDetail(ctx, why))
	})
}

type clientKey struct{}

// WithClientAddr returns a context whose login, logout and failed-login
// entries record the client's network address.
func WithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientKey{}, addr)
}

// clientDetail joins a reason and the client address of ctx.
func clientDetail(ctx context.Context, reason string) string {
	addr, _ := ctx.Value(clientKey{}).(string)
	switch {
	case addr == "":
		return reason
	case reason == "":
		return "Adresse " + addr
	}
	return reason + ", Adresse " + addr
}

// CreateAPIToken records an API token (its hash) for an account.
func (s *Store) CreateAPIToken(ctx context.Context, tokenHash string, userID int64, name string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.touch(ctx, tx, "user", userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?)`,
			tokenHash, userID, name, s.now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("store: api token: %w", err)
		}
		return s.audit(ctx, tx, "token", "user", userID, name)
	})
}

// APITokenUser gives the enabled account of an API token.
func (s *Store) APITokenUser(ctx context.Context, tokenHash string) (model.User, error) {
	return queryOne(ctx, s.db, scanUser, "api token",
		`SELECT u.id, u.username, u.name, u.role, u.member_abbrev, COALESCE(u.conference_id, 0), u.disabled
		 FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.disabled = 0`, tokenHash)
}
