package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"gremium/internal/model"
)

// The delegations of a session (Teilnahmemeldungen): who attends for each
// member, registered by its office, corrected by the secretariat.

// Delegations gives the registered delegations of a session in member
// order and whether the secretariat has closed the list.
func (s *Store) Delegations(ctx context.Context, sessionID int64) ([]model.Delegation, bool, error) {
	return delegations(ctx, s.rd, sessionID)
}

func delegations(ctx context.Context, q queryer, sessionID int64) ([]model.Delegation, bool, error) {
	list, err := sessionDelegations(ctx, q, sessionID)
	if err != nil {
		return nil, false, err
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM session_delegation_lists WHERE session_id = ?`, sessionID).Scan(&n); err != nil {
		return nil, false, fmt.Errorf("store: delegation list: %w", err)
	}
	return list, n > 0, nil
}

// SessionDelegations gives the registered delegations of a session in
// member order, in one query (the minutes read them with every load).
func (s *Store) SessionDelegations(ctx context.Context, sessionID int64) ([]model.Delegation, error) {
	return sessionDelegations(ctx, s.rd, sessionID)
}

// sessionDelegations is SessionDelegations on q.
func sessionDelegations(ctx context.Context, q queryer, sessionID int64) ([]model.Delegation, error) {
	type row struct {
		d     model.Delegation
		p     model.Delegate
		exist bool
	}
	rows, err := queryList(ctx, q, func(r scanner) (row, error) {
		x := row{d: model.Delegation{SessionID: sessionID}}
		var at string
		var pos int
		err := r.Scan(&x.d.Member, &x.d.Version, &x.d.UpdatedBy, &at, &pos, &x.p.Name, &x.p.Function, &x.p.Online, &x.p.Deputy)
		x.d.Updated, _ = time.Parse(time.RFC3339, at)
		x.exist = pos > 0
		return x, err
	}, "delegations", `SELECT g.member_abbrev, g.version, g.updated_by, g.updated_at,
		COALESCE(p.position, 0), COALESCE(p.name, ''), COALESCE(p.function, ''), COALESCE(p.online, 0), COALESCE(p.deputy, 0)
		FROM session_delegations g
		LEFT JOIN session_delegates p ON p.session_id = g.session_id AND p.member_abbrev = g.member_abbrev
		LEFT JOIN members m ON m.abbrev = g.member_abbrev
		WHERE g.session_id = ? ORDER BY COALESCE(m.position, 999), g.member_abbrev, COALESCE(p.position, 0)`, sessionID)
	if err != nil {
		return nil, err
	}
	var out []model.Delegation
	for _, x := range rows {
		if n := len(out); n == 0 || out[n-1].Member != x.d.Member {
			out = append(out, x.d)
		}
		if x.exist {
			out[len(out)-1].Delegates = append(out[len(out)-1].Delegates, x.p)
		}
	}
	return out, nil
}

// SaveDelegation stores the delegation of a member for a session in one
// transaction, replacing what was registered (d.Version is the version
// read, 0 when there was none; another change in between is a conflict).
// A member office (secretariat false) registers only for a session to come
// and until the list is closed (model.DelegationOpen); the secretariat
// corrects until the minutes are approved.
func (s *Store) SaveDelegation(ctx context.Context, d model.Delegation, secretariat bool) error {
	for i := range d.Delegates {
		d.Delegates[i].Name = strings.TrimSpace(d.Delegates[i].Name)
		d.Delegates[i].Function = strings.TrimSpace(d.Delegates[i].Function)
	}
	if err := d.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", d.SessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, d.SessionID)
		if err != nil {
			return err
		}
		var closed int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM session_delegation_lists WHERE session_id = ?`, d.SessionID).Scan(&closed); err != nil {
			return fmt.Errorf("store: delegation list: %w", err)
		}
		if err := model.DelegationOpen(se, closed > 0, secretariat); err != nil {
			return err
		}
		if _, err := queryOne(ctx, tx, scanMember, "member "+d.Member, `SELECT `+memberCols+` FROM members WHERE abbrev = ?`, d.Member); err != nil {
			if errors.Is(err, ErrNotFound) {
				return model.InputError("„%s“ ist kein Mitglied.", d.Member)
			}
			return err
		}
		var version int
		err = tx.QueryRowContext(ctx, `SELECT version FROM session_delegations WHERE session_id = ? AND member_abbrev = ?`, d.SessionID, d.Member).Scan(&version)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			version = 0
		case err != nil:
			return fmt.Errorf("store: delegation: %w", err)
		}
		if version != d.Version {
			return fmt.Errorf("store: delegation of %s: %w", d.Member, ErrConflict)
		}
		if err := s.touch(ctx, tx, "session", d.SessionID); err != nil {
			return err
		}
		now := s.now().UTC().Format(time.RFC3339)
		if version == 0 {
			_, err = tx.ExecContext(ctx, `INSERT INTO session_delegations (session_id, member_abbrev, version, updated_by, updated_at) VALUES (?, ?, 1, ?, ?)`,
				d.SessionID, d.Member, actorFrom(ctx), now)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE session_delegations SET version = version + 1, updated_by = ?, updated_at = ? WHERE session_id = ? AND member_abbrev = ?`,
				actorFrom(ctx), now, d.SessionID, d.Member)
		}
		if err != nil {
			return fmt.Errorf("store: delegation: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM session_delegates WHERE session_id = ? AND member_abbrev = ?`, d.SessionID, d.Member); err != nil {
			return fmt.Errorf("store: delegation: %w", err)
		}
		var names []string
		for i, p := range d.Delegates {
			if _, err := tx.ExecContext(ctx, `INSERT INTO session_delegates (session_id, member_abbrev, position, name, function, online, deputy) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				d.SessionID, d.Member, i+1, p.Name, p.Function, p.Online, p.Deputy); err != nil {
				return fmt.Errorf("store: delegation: %w", err)
			}
			names = append(names, p.Name)
		}
		detail := d.Member + ": keine Teilnahme"
		if len(names) > 0 {
			detail = d.Member + ": " + strings.Join(names, ", ")
		}
		return s.audit(ctx, tx, "delegation", "session", d.SessionID, detail)
	})
}

// SetDelegationsClosed closes the list of delegations of a session (member
// offices change nothing afterwards) or opens it again.
func (s *Store) SetDelegationsClosed(ctx context.Context, sessionID int64, closed bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkSessionOpen(ctx, tx, sessionID); err != nil {
			return err
		}
		if err := s.touch(ctx, tx, "session", sessionID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM session_delegation_lists WHERE session_id = ?`, sessionID); err != nil {
			return fmt.Errorf("store: delegation list: %w", err)
		}
		action := "delegations_open"
		if closed {
			action = "delegations_close"
			if _, err := tx.ExecContext(ctx, `INSERT INTO session_delegation_lists (session_id, closed_at, closed_by) VALUES (?, ?, ?)`,
				sessionID, s.now().UTC().Format(time.RFC3339), actorFrom(ctx)); err != nil {
				return fmt.Errorf("store: delegation list: %w", err)
			}
		}
		return s.audit(ctx, tx, action, "session", sessionID, "")
	})
}
