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
// order and whether the secretariat has closed the list, from one
// statement: a registration or a closing committed meanwhile is either
// wholly in the answer or not at all.
func (s *Store) Delegations(ctx context.Context, sessionID int64) ([]model.Delegation, bool, error) {
	return readDelegations(ctx, s.rd, sessionID, true)
}

// SessionDelegations gives the registered delegations of a session in
// member order, in one query (the minutes read them with every load).
func (s *Store) SessionDelegations(ctx context.Context, sessionID int64) ([]model.Delegation, error) {
	list, _, err := readDelegations(ctx, s.rd, sessionID, false)
	return list, err
}

// delegationsJoin joins a session's delegations (g, filtered by the
// caller) with their delegates and the members' order.
const delegationsJoin = `
		LEFT JOIN session_delegates p ON p.session_id = g.session_id AND p.member_abbrev = g.member_abbrev
		LEFT JOIN members m ON m.abbrev = g.member_abbrev`

// readDelegations reads the delegations of a session in one statement;
// withClosed reads in it whether the list is closed too (a row without a
// delegation answers that for a session without any).
func readDelegations(ctx context.Context, q queryer, sessionID int64, withClosed bool) ([]model.Delegation, bool, error) {
	type row struct {
		d      model.Delegation
		p      model.Delegate
		member sql.NullString
		exist  bool
		closed bool
	}
	query := `SELECT 0, g.member_abbrev, g.version, g.updated_by, g.updated_at,
		COALESCE(p.position, 0), COALESCE(p.name, ''), COALESCE(p.function, ''), COALESCE(p.online, 0), COALESCE(p.deputy, 0)
		FROM session_delegations g` + delegationsJoin + `
		WHERE g.session_id = ? ORDER BY COALESCE(m.position, 999), g.member_abbrev, COALESCE(p.position, 0)`
	args := []any{sessionID}
	if withClosed {
		query = `SELECT CASE WHEN EXISTS (SELECT 1 FROM session_delegation_lists l WHERE l.session_id = ?) THEN 1 ELSE 0 END,
		g.member_abbrev, COALESCE(g.version, 0), COALESCE(g.updated_by, ''), COALESCE(g.updated_at, ''),
		COALESCE(p.position, 0), COALESCE(p.name, ''), COALESCE(p.function, ''), COALESCE(p.online, 0), COALESCE(p.deputy, 0)
		FROM (SELECT 1 AS one) one LEFT JOIN session_delegations g ON g.session_id = ?` + delegationsJoin + `
		ORDER BY COALESCE(m.position, 999), g.member_abbrev, COALESCE(p.position, 0)`
		args = []any{sessionID, sessionID}
	}
	rows, err := queryList(ctx, q, func(r scanner) (row, error) {
		x := row{d: model.Delegation{SessionID: sessionID}}
		var at string
		var pos int
		err := r.Scan(&x.closed, &x.member, &x.d.Version, &x.d.UpdatedBy, &at, &pos, &x.p.Name, &x.p.Function, &x.p.Online, &x.p.Deputy)
		x.d.Member = x.member.String
		x.d.Updated, _ = time.Parse(time.RFC3339, at)
		x.exist = pos > 0
		return x, err
	}, "delegations", query, args...)
	if err != nil {
		return nil, false, err
	}
	var out []model.Delegation
	closed := false
	for _, x := range rows {
		closed = closed || x.closed
		if !x.member.Valid {
			continue // the row of a session without delegations
		}
		if n := len(out); n == 0 || out[n-1].Member != x.d.Member {
			out = append(out, x.d)
		}
		if x.exist {
			out[len(out)-1].Delegates = append(out[len(out)-1].Delegates, x.p)
		}
	}
	return out, closed, nil
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
		if err := delegatesActForMember(ctx, tx, d); err != nil {
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

// delegatesActForMember refuses, each at its row's name field, a delegate
// of d known as a person of another member (persons: whoever attended or
// represented for a member): the attendance list takes the delegation's
// names over and refuses such a person there, on the session's day (before,
// the member office's registration was taken without a word, and the
// secretariat's list could not be saved).
func delegatesActForMember(ctx context.Context, tx *sql.Tx, d model.Delegation) error {
	var names model.MemberNames
	var refused []error
	for i, p := range d.Delegates {
		member, known, err := memberOfPerson(ctx, tx, p.Name, d.Member)
		if err != nil {
			return err
		}
		if !known || member == d.Member {
			continue
		}
		if names == nil {
			if names, err = memberNames(ctx, tx); err != nil {
				return err
			}
		}
		refused = append(refused, model.AtField(fmt.Sprintf("name_%d", i), model.RuleError("%s handelt für %s und kann nicht für %s teilnehmen; bitte eine Person von %s nennen.", p.Name, names.Of(member), names.Of(d.Member), names.Of(d.Member))))
	}
	return errors.Join(refused...)
}
