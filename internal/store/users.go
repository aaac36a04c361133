package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gremium/internal/model"
)

const userCols = `id, username, name, role, member_abbrev, COALESCE(conference_id, 0), disabled, must_change_password, oidc_subject`

// userColsOf is userCols for the users table under the alias u.
const userColsOf = `u.id, u.username, u.name, u.role, u.member_abbrev, COALESCE(u.conference_id, 0), u.disabled, u.must_change_password, u.oidc_subject`

func scanUser(r scanner) (model.User, error) {
	var u model.User
	err := r.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.MemberAbbrev, &u.ConferenceID, &u.Disabled, &u.MustChangePassword, &u.OIDCSubject)
	return u, err
}

// timeText is how account times are stored: UTC, whole seconds, fixed
// width, so that they compare as text.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// CreateUser stores an account with its password hash (see package auth).
func (s *Store) CreateUser(ctx context.Context, u model.User, passwordHash string) (int64, error) {
	if err := u.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.createUser(ctx, tx, u, passwordHash)
		return err
	})
	return id, err
}

func (s *Store) createUser(ctx context.Context, tx *sql.Tx, u model.User, passwordHash string) (int64, error) {
	if u.MemberAbbrev != "" {
		if _, err := queryOne(ctx, tx, scanMember, "member "+u.MemberAbbrev, `SELECT `+memberCols+` FROM members WHERE abbrev = ?`, u.MemberAbbrev); err != nil {
			return 0, err
		}
	}
	return s.insert(ctx, tx, "user", u.Username,
		`INSERT INTO users (username, name, role, member_abbrev, conference_id, password_hash, created_at, must_change_password, oidc_subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.Username, u.Name, u.Role, u.MemberAbbrev, nullID(u.ConferenceID), passwordHash, timeText(s.now()), u.MustChangePassword, u.OIDCSubject)
}

// User gives the account with the id.
func (s *Store) User(ctx context.Context, id int64) (model.User, error) {
	return queryOne(ctx, s.rd, scanUser, fmt.Sprintf("user %d", id), `SELECT `+userCols+` FROM users WHERE id = ?`, id)
}

// UserLogin gives the account with the user name and its password hash
// ("" for accounts of an OpenID Connect provider).
func (s *Store) UserLogin(ctx context.Context, username string) (model.User, string, error) {
	var hash string
	u, err := queryOne(ctx, s.rd, func(r scanner) (model.User, error) {
		var u model.User
		err := r.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.MemberAbbrev, &u.ConferenceID, &u.Disabled, &u.MustChangePassword, &u.OIDCSubject, &hash)
		return u, err
	}, "user "+username, `SELECT `+userCols+`, password_hash FROM users WHERE username = ?`, username)
	return u, hash, err
}

// Users gives all accounts by user name.
func (s *Store) Users(ctx context.Context) ([]model.User, error) {
	return queryList(ctx, s.rd, scanUser, "users", `SELECT `+userCols+` FROM users ORDER BY username`)
}

// SetPassword replaces an account's password hash and ends its login
// sessions.
func (s *Store) SetPassword(ctx context.Context, id int64, passwordHash string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.replacePassword(ctx, tx, id, passwordHash, false, "password")
	})
}

// ResetPassword sets a password chosen by the secretariat (or the CLI):
// the account's login sessions end and it must choose a new password at
// its next login.
func (s *Store) ResetPassword(ctx context.Context, id int64, passwordHash string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.replacePassword(ctx, tx, id, passwordHash, true, "password_reset")
	})
}

// NewLogin is a login session to create: the hash of its token, the
// account, its end, and the token hash of the session it replaces in the
// same browser ("" if none), which ends with it.
type NewLogin struct {
	TokenHash string
	UserID    int64
	// At is the time of the login (the start of the idle timeout; the
	// store's clock if zero), Expires its end at the latest.
	At, Expires time.Time
	Replaces    string
}

// ChangePassword sets the password the account holder chose: every login
// session of the account ends, and the browser it was changed in gets the
// new session login (one transaction).
func (s *Store) ChangePassword(ctx context.Context, passwordHash string, login NewLogin) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.replacePassword(ctx, tx, login.UserID, passwordHash, false, "password"); err != nil {
			return err
		}
		login.Replaces = ""
		return s.createLoginSession(ctx, tx, login)
	})
}

func (s *Store) replacePassword(ctx context.Context, tx *sql.Tx, id int64, passwordHash string, mustChange bool, action string) error {
	var oidc string
	if err := tx.QueryRowContext(ctx, `SELECT oidc_subject FROM users WHERE id = ?`, id).Scan(&oidc); err != nil {
		return notFound(err, fmt.Sprintf("user %d", id))
	}
	if oidc != "" {
		return model.RuleError("Dieses Konto meldet sich über den Identitätsdienst an; sein Passwort wird dort verwaltet.")
	}
	if err := s.touch(ctx, tx, "user", id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?`, passwordHash, mustChange, id); err != nil {
		return fmt.Errorf("store: password of user %d: %w", id, err)
	}
	if err := s.audit(ctx, tx, action, "user", id, ""); err != nil {
		return err
	}
	return s.endLoginSessions(ctx, tx, id, "Passwort geändert")
}

// SetUserDisabled disables or enables an account. A disabled account
// cannot log in and its API tokens are refused; its login sessions end at
// once.
func (s *Store) SetUserDisabled(ctx context.Context, id int64, disabled bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM users WHERE id = ?`, id).Scan(&exists); err != nil {
			return notFound(err, fmt.Sprintf("user %d", id))
		}
		if err := s.touch(ctx, tx, "user", id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, disabled, id)
		if err != nil {
			return fmt.Errorf("store: disable user %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: disable user %d: %w", id, ErrNotFound)
		}
		action := "enable"
		if disabled {
			action = "disable"
		}
		if err := s.audit(ctx, tx, action, "user", id, ""); err != nil {
			return err
		}
		if !disabled {
			return nil
		}
		return s.endLoginSessions(ctx, tx, id, "Konto gesperrt")
	})
}

// EndLoginSessions ends every login session of an account ("überall
// abmelden") and gives how many there were.
func (s *Store) EndLoginSessions(ctx context.Context, userID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		s.quiet(tx)
		return s.endLoginSessions(ctx, tx, userID, "überall abgemeldet")
	})
}

func (s *Store) endLoginSessions(ctx context.Context, tx *sql.Tx, userID int64, why string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM login_sessions WHERE user_id = ?`, userID)
	if err != nil {
		return fmt.Errorf("store: end login sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		return nil
	}
	return s.audit(ctx, tx, "logout_all", LoginEntity, userID, clientDetail(ctx, fmt.Sprintf("%s: %s beendet", why, model.Counted(int(n), "Anmeldung", "Anmeldungen"))))
}

// CreateLoginSession records a login; only the hash of the token is kept.
// The session it replaces in the same browser ends (a new token at every
// login). The audit log gets a "login" entry under the account's user name
// (with the client address of WithClientAddr).
func (s *Store) CreateLoginSession(ctx context.Context, login NewLogin) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		s.quiet(tx)
		return s.createLoginSession(ctx, tx, login)
	})
}

func (s *Store) createLoginSession(ctx context.Context, tx *sql.Tx, login NewLogin) error {
	var username string
	if err := tx.QueryRowContext(ctx, `SELECT username FROM users WHERE id = ?`, login.UserID).Scan(&username); err != nil {
		return notFound(err, fmt.Sprintf("user %d", login.UserID))
	}
	if login.Replaces != "" {
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_sessions WHERE token_hash = ?`, login.Replaces); err != nil {
			return fmt.Errorf("store: replace login session: %w", err)
		}
	}
	at := login.At
	if at.IsZero() {
		at = s.now()
	}
	now := timeText(at)
	if _, err := tx.ExecContext(ctx, `INSERT INTO login_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		login.TokenHash, login.UserID, now, timeText(login.Expires)); err != nil {
		return fmt.Errorf("store: login session: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO login_seen (token_hash, seen_at) VALUES (?, ?)`, login.TokenHash, now); err != nil {
		return fmt.Errorf("store: login session: %w", err)
	}
	return s.audit(WithActor(ctx, username), tx, "login", LoginEntity, login.UserID, clientDetail(ctx, ""))
}

// LoginSession is the account of a valid login session and when the
// session was last used.
type LoginSession struct {
	User     model.User
	LastSeen time.Time
}

// LoginSessionUsers gives the enabled accounts of the login sessions with
// the token hashes that have not expired at now and were used after
// idleSince, by token hash (the others are missing): one statement per
// loginsOf's lists, for a request's login as for a live stream's viewers
// at each change.
func (s *Store) LoginSessionUsers(ctx context.Context, tokenHashes []string, now, idleSince time.Time) (map[string]LoginSession, error) {
	out := map[string]LoginSession{}
	for _, in := range s.loginsOf(tokenHashes) {
		type row struct {
			l    LoginSession
			hash string
		}
		rows, err := queryList(ctx, s.rd, func(r scanner) (row, error) {
			l, hash, err := scanLoginSession(r)
			return row{l, hash}, err
		}, "login sessions", `SELECT `+userColsOf+`, COALESCE(s.seen_at, l.created_at), l.token_hash
			FROM `+in.from+` JOIN users u ON u.id = l.user_id LEFT JOIN login_seen s ON s.token_hash = l.token_hash
			WHERE l.expires_at > ? AND COALESCE(s.seen_at, l.created_at) > ? AND u.disabled = 0`,
			append(in.args, timeText(now), timeText(idleSince))...)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.hash] = r.l
		}
	}
	return out, nil
}

// loginList is a FROM item "l" of the login sessions with some token
// hashes, with its arguments.
type loginList struct {
	from string
	args []any
}

// loginsOf gives the FROM items (each "l") of the login sessions with the
// token hashes, one per statement. PostgreSQL gets one array joined to
// the table through its primary key: with an IN list of hundreds, its
// generic plan (from the sixth run of a prepared statement on) walked a
// user's logins and compared each with the whole list (0.1 s for 2,000
// logins of 21 accounts). SQLite gets IN lists of at most inChunk.
func (s *Store) loginsOf(tokenHashes []string) []loginList {
	var out []loginList
	if s.isPG() {
		if len(tokenHashes) > 0 {
			out = append(out, loginList{`unnest(?::text[]) AS h(token_hash) JOIN login_sessions l ON l.token_hash = h.token_hash`, []any{tokenHashes}})
		}
		return out
	}
	for _, chunk := range distinctChunks(tokenHashes) {
		args := padded(chunk)
		out = append(out, loginList{`(SELECT * FROM login_sessions WHERE token_hash IN (` + placeholders(len(args)) + `)) AS l`, args})
	}
	return out
}

// scanLoginSession scans a row of LoginSessionUsers' query.
func scanLoginSession(r scanner) (LoginSession, string, error) {
	var l LoginSession
	var seen, hash string
	u := &l.User
	err := r.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.MemberAbbrev, &u.ConferenceID, &u.Disabled, &u.MustChangePassword, &u.OIDCSubject, &seen, &hash)
	l.LastSeen, _ = time.Parse(time.RFC3339, seen)
	return l, hash, err
}

// TouchLoginSessions notes that the login sessions were used at now (for
// the idle timeout): one statement per list of loginsOf. It is activity,
// not a change: no audit entry, and cached pages stay valid. (The WHERE
// keeps SQLite from reading ON CONFLICT as part of a join.)
func (s *Store) TouchLoginSessions(ctx context.Context, tokenHashes []string, now time.Time) error {
	for _, in := range s.loginsOf(tokenHashes) {
		_, err := s.db.ExecContext(ctx, `INSERT INTO login_seen (token_hash, seen_at) SELECT l.token_hash, ? FROM `+in.from+`
		WHERE true ON CONFLICT (token_hash) DO UPDATE SET seen_at = excluded.seen_at`, append([]any{timeText(now)}, in.args...)...)
		if err != nil {
			return fmt.Errorf("store: touch login sessions: %w", err)
		}
	}
	return nil
}

// LoginSessionAccount gives the user name of the account a login session
// belongs to, whether the login is still valid or has ended by its
// timeouts (ErrNotFound when there is no such session: never made, logged
// out, replaced by a later login in the same browser). A form sent after
// its login expired is kept for that account only.
func (s *Store) LoginSessionAccount(ctx context.Context, tokenHash string) (string, error) {
	return queryOne(ctx, s.rd, func(r scanner) (string, error) {
		var username string
		err := r.Scan(&username)
		return username, err
	}, "login session", `SELECT u.username FROM login_sessions l JOIN users u ON u.id = l.user_id WHERE l.token_hash = ?`, tokenHash)
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

// OIDCLogin logs in the account of an OpenID Connect provider's user: the
// account with u.OIDCSubject is created or updated with the name, role,
// member and conference the provider's claims give, and gets the login
// session, in one transaction. email is the address the provider verified
// ("" for none): an account without notification settings takes it as its
// address (takeOIDCEmail). A disabled account is refused (ErrForbidden
// class) and keeps its state; a local account with the same user name
// gives ErrDuplicate.
func (s *Store) OIDCLogin(ctx context.Context, u model.User, email string, login NewLogin) (model.User, error) {
	if u.OIDCSubject == "" {
		return model.User{}, fmt.Errorf("store: oidc login without subject")
	}
	if err := u.Validate(); err != nil {
		return model.User{}, err
	}
	var out model.User
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		s.quiet(tx) // a login; creating or changing the account is content
		cur, err := queryOne(ctx, tx, scanUser, "oidc user", `SELECT `+userCols+` FROM users WHERE oidc_subject = ?`, u.OIDCSubject)
		switch {
		case errors.Is(err, ErrNotFound):
			if u.ID, err = s.createUser(ctx, tx, u, ""); err != nil {
				return err
			}
		case err != nil:
			return err
		case cur.Disabled:
			return model.ForbiddenError("Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Geschäftsstelle.")
		default:
			u.ID = cur.ID
			if cur.Username != u.Username || cur.Name != u.Name || cur.Role != u.Role || cur.MemberAbbrev != u.MemberAbbrev || cur.ConferenceID != u.ConferenceID {
				if u.MemberAbbrev != "" {
					if _, err := queryOne(ctx, tx, scanMember, "member "+u.MemberAbbrev, `SELECT `+memberCols+` FROM members WHERE abbrev = ?`, u.MemberAbbrev); err != nil {
						return err
					}
				}
				if err := s.updatePlain(ctx, tx, "users", "user", cur.ID, `username = ?, name = ?, role = ?, member_abbrev = ?, conference_id = ?`,
					u.Username, u.Name, u.Role, u.MemberAbbrev, nullID(u.ConferenceID)); err != nil {
					return err
				}
			}
		}
		if _, err := s.takeOIDCEmail(ctx, tx, u, email); err != nil {
			return err
		}
		login.UserID = u.ID
		out = u
		return s.createLoginSession(ctx, tx, login)
	})
	return out, err
}

// CreateAPIToken records an API token (its hash) for an account, valid
// until expires, and gives its id. With SentOnce the same form sent again
// records no second token (the first was shown once, the second would
// stand in its place) and gives the id of the first.
func (s *Store) CreateAPIToken(ctx context.Context, tokenHash string, userID int64, name string, expires time.Time, opts ...FormOption) (int64, error) {
	if expires.IsZero() {
		return 0, model.InputError("Ein API-Token braucht ein Ablaufdatum.")
	}
	if !expires.After(s.now()) {
		return 0, model.InputError("Das Ablaufdatum des API-Tokens muss in der Zukunft liegen.")
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.once(ctx, tx, formOptionsOf(opts), "api_token", func() (int64, error) {
			if err := s.touch(ctx, tx, "user", userID); err != nil {
				return 0, err
			}
			id, _, err := s.insertID(ctx, tx, `INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
				tokenHash, userID, name, timeText(s.now()), timeText(expires))
			if err != nil {
				return 0, fmt.Errorf("store: api token: %w", err)
			}
			return id, s.audit(ctx, tx, "token", "user", userID, fmt.Sprintf("Token %d „%s“ bis %s", id, name, timeText(expires)))
		})
		return err
	})
	return id, err
}

func scanAPIToken(r scanner) (model.APIToken, error) {
	var t model.APIToken
	var created, expires string
	err := r.Scan(&t.ID, &t.UserID, &t.Name, &created, &expires)
	t.Created, _ = time.Parse(time.RFC3339, created)
	if expires != "" {
		t.Expires, _ = time.Parse(time.RFC3339, expires)
	}
	return t, err
}

// APITokens gives the API tokens of an account, newest first (expired
// ones too, until they are revoked).
func (s *Store) APITokens(ctx context.Context, userID int64) ([]model.APIToken, error) {
	return queryList(ctx, s.rd, scanAPIToken, "api tokens",
		`SELECT id, user_id, name, created_at, expires_at FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
}

// RevokeAPIToken deletes the API token with the id of the account userID;
// a token of another account is not found.
func (s *Store) RevokeAPIToken(ctx context.Context, userID, tokenID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var name string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM api_tokens WHERE id = ? AND user_id = ?`, tokenID, userID).Scan(&name); err != nil {
			return notFound(err, fmt.Sprintf("api token %d", tokenID))
		}
		if err := s.touch(ctx, tx, "user", userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM api_tokens WHERE id = ?`, tokenID); err != nil {
			return fmt.Errorf("store: revoke api token: %w", err)
		}
		return s.audit(ctx, tx, "token_revoke", "user", userID, fmt.Sprintf("Token %d „%s“", tokenID, name))
	})
}

// APITokenUser gives the enabled account of an API token that has not
// expired at now.
func (s *Store) APITokenUser(ctx context.Context, tokenHash string, now time.Time) (model.User, error) {
	return queryOne(ctx, s.rd, scanUser, "api token",
		`SELECT `+userColsOf+` FROM api_tokens t JOIN users u ON u.id = t.user_id
		 WHERE t.token_hash = ? AND u.disabled = 0 AND (t.expires_at = '' OR t.expires_at > ?)`, tokenHash, timeText(now))
}

// maxLoggedName bounds the user name a failed login writes to the audit
// log (whatever length was typed).
const maxLoggedName = 64

// RecordLoginFailure writes a failed login for the user name typed to the
// audit log (action "login_failed", the account's id or 0 for an unknown
// name, why it failed — or the reason of WithFailureReason, with the note of
// WithFailureNote — and the client address of WithClientAddr). The caller
// has already refused the login; this only records it.
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
		if reason, _ := ctx.Value(failureKey{}).(string); reason != "" {
			why = reason
		}
		if note, _ := ctx.Value(noteKey{}).(string); note != "" {
			why += "; " + note
		}
		return s.audit(WithActor(ctx, username), tx, "login_failed", LoginEntity, userID, clientDetail(ctx, why))
	})
}

type failureKey struct{}

// WithFailureReason returns a context whose failed-login entry gives the
// reason instead of the one the store finds ("falsches Passwort bei der
// Passwortänderung", a refusal of the identity provider).
func WithFailureReason(ctx context.Context, reason string) context.Context {
	return context.WithValue(ctx, failureKey{}, reason)
}

type noteKey struct{}

// WithFailureNote returns a context whose failed-login entry adds the note
// to the reason ("weitere Versuche vorübergehend gesperrt").
func WithFailureNote(ctx context.Context, note string) context.Context {
	return context.WithValue(ctx, noteKey{}, note)
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
