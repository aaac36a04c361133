package store

// Eingereichte Protokollnotizen (model.NoteSubmission): a member's office
// or an advisory member hands in a protocol note for an agenda item; the
// Geschäftsstelle takes it over as a PN row of the item or refuses it
// with a reason. Waiting, it is part of no surface but the member's own
// list, the Geschäftsstelle's live page and its "Mein Bereich" (counts,
// AllWaitingNoteSubmissions; docs/minutes.md).

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gremium/internal/model"
)

// selectNoteSubmission reads submissions with the display name of the
// account that sent each (users.name, "" when the account is gone); the
// WHERE clause follows, on the columns of ns.
const selectNoteSubmission = `SELECT ns.id, ns.item_id, ns.session_id, ns.member, ns.member_name, ns.submitted_by, ns.text, ns.confidential, ns.state, ns.reason, ns.note_id,
	ns.submitted_at, ns.decided_at, ns.decided_by, ns.version, COALESCE(u.name, '')
	FROM note_submissions ns LEFT JOIN users u ON u.username = ns.submitted_by`

func scanNoteSubmission(r scanner) (model.NoteSubmission, error) {
	var n model.NoteSubmission
	var submitted, decided string
	err := r.Scan(&n.ID, &n.ItemID, &n.SessionID, &n.Member, &n.MemberName, &n.SubmittedBy, &n.Text, &n.Confidential, &n.State, &n.Reason, &n.NoteID,
		&submitted, &decided, &n.DecidedBy, &n.Version, &n.SubmittedByName)
	if err != nil {
		return n, err
	}
	n.SubmittedAt, _ = time.Parse(time.RFC3339, submitted)
	n.DecidedAt, _ = time.Parse(time.RFC3339, decided)
	return n, nil
}

// SubmitNote hands in the protocol note n (ItemID, Member, Text,
// Confidential) for the member n.Member: the item must be on the agenda
// of a session of a body the member has a seat in, while submissions are
// open (model.NoteSubmissionsOpen). The author is the member, named as
// the minutes name it. The form is guarded by its one-time key
// (SentOnce). The secretariat's subscribed accounts are notified in the
// same transaction (noticeNoteSubmitted). It gives the submission's id.
func (s *Store) SubmitNote(ctx context.Context, n model.NoteSubmission, opts ...FormOption) (int64, error) {
	n.Text = strings.TrimSpace(n.Text)
	if err := model.MarkFields(model.MarkedField{Field: "text", Text: &n.Text}); err != nil {
		return 0, err
	}
	if n.Text == "" {
		return 0, model.AtField("text", model.InputError("Eine Protokollnotiz braucht den Text."))
	}
	if err := model.CheckTextLength(n.Text, "Der Text", model.TextMax); err != nil {
		return 0, model.AtField("text", err)
	}
	if n.ItemID == 0 || n.Member == "" {
		return 0, model.InputError("Eine Protokollnotiz wird zu einem Tagesordnungspunkt für ein Mitglied eingereicht.")
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.once(ctx, tx, formOptionsOf(opts), "note_submission", func() (int64, error) {
			it, err := loadItemTx(ctx, tx, n.ItemID)
			if err != nil {
				return 0, err
			}
			if !it.OnAgenda() {
				return 0, model.RuleError("Dieser Tagesordnungspunkt steht nicht auf der Tagesordnung; zu ihm wird keine Protokollnotiz eingereicht.")
			}
			se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", it.SessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, it.SessionID)
			if err != nil {
				return 0, err
			}
			if err := model.NoteSubmissionsOpen(se); err != nil {
				return 0, err
			}
			m, err := queryOne(ctx, tx, scanMember, "member "+n.Member, `SELECT `+memberCols+` FROM members WHERE abbrev = ?`, n.Member)
			if err != nil {
				return 0, err
			}
			body, err := bodyByID(ctx, tx, se.BodyID)
			if err != nil {
				return 0, err
			}
			if !body.Seats(m) {
				return 0, model.ForbiddenError("%s hat keinen Sitz in %s und reicht dort keine Protokollnotiz ein.", m.Name, body.Dative())
			}
			id, err := s.insert(ctx, tx, "note_submission", m.Name,
				`INSERT INTO note_submissions (item_id, session_id, member, member_name, submitted_by, text, confidential, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				it.ID, se.ID, m.Abbrev, m.Name, actorFrom(ctx), n.Text, n.Confidential, s.now().UTC().Format(time.RFC3339))
			if err != nil {
				return 0, err
			}
			return id, s.noticeNoteSubmitted(ctx, tx, id, it, m.Name)
		})
		return err
	})
	return id, err
}

// NoteSubmission gives the submission with the id. Callers show it only
// to its member and the Geschäftsstelle.
func (s *Store) NoteSubmission(ctx context.Context, id int64) (model.NoteSubmission, error) {
	return queryOne(ctx, s.rd, scanNoteSubmission, fmt.Sprintf("note submission %d", id),
		selectNoteSubmission+` WHERE ns.id = ?`, id)
}

// NoteSubmissionsOf gives the submissions of member to the items of a
// session, withdrawn ones left out, in order of submission: the member's
// own list on the session page. An empty member gives none.
func (s *Store) NoteSubmissionsOf(ctx context.Context, sessionID int64, member string) ([]model.NoteSubmission, error) {
	if member == "" {
		return nil, nil
	}
	return queryList(ctx, s.rd, scanNoteSubmission, "note submissions",
		selectNoteSubmission+` WHERE ns.session_id = ? AND ns.member = ? AND ns.state <> ? ORDER BY ns.id`,
		sessionID, member, model.NoteWithdrawn)
}

// WaitingNoteSubmissions gives the submissions to a session's items that
// wait for the Geschäftsstelle, in order of submission: for its live page.
func (s *Store) WaitingNoteSubmissions(ctx context.Context, sessionID int64) ([]model.NoteSubmission, error) {
	return queryList(ctx, s.rd, scanNoteSubmission, "note submissions",
		selectNoteSubmission+` WHERE ns.session_id = ? AND ns.state = ? ORDER BY ns.id`,
		sessionID, model.NoteSubmitted)
}

// waitingSubmission reads submission id inside tx and checks that it
// still waits and is the version read (version); what names the action
// refused for the reason.
func waitingSubmission(ctx context.Context, tx *sql.Tx, id int64, version int, what string) (model.NoteSubmission, error) {
	n, err := queryOne(ctx, tx, scanNoteSubmission, fmt.Sprintf("note submission %d", id),
		selectNoteSubmission+` WHERE ns.id = ?`, id)
	if err != nil {
		return n, err
	}
	if !n.Waiting() {
		return n, model.ConflictError("Die Protokollnotiz von %s wartet nicht mehr (%s) und kann nicht mehr %s werden; bitte laden Sie die Seite neu.",
			n.MemberName, n.StateLabel(model.Session{}), what)
	}
	if n.Version != version {
		return n, model.ConflictError("Die Protokollnotiz von %s wurde inzwischen geändert; bitte laden Sie die Seite neu.", n.MemberName)
	}
	return n, nil
}

// WithdrawNoteSubmission withdraws a waiting submission for its member
// (member: the abbreviation the request acts for); version is the version
// read.
func (s *Store) WithdrawNoteSubmission(ctx context.Context, id int64, member string, version int) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		n, err := waitingSubmission(ctx, tx, id, version, "zurückgezogen")
		if err != nil {
			return err
		}
		if n.Member != member {
			return model.ForbiddenError("Eine eingereichte Protokollnotiz zieht nur das Mitglied zurück, das sie eingereicht hat.")
		}
		return s.updateVersioned(ctx, tx, "note_submissions", "note_submission", id, version,
			`state = ?, decided_at = ?, decided_by = ?`, model.NoteWithdrawn, s.now().UTC().Format(time.RFC3339), actorFrom(ctx))
	})
}

// AcceptNoteSubmission takes a waiting submission over into the minutes:
// a PN row at the end of its item, author the member as the minutes name
// it, the text as submitted, in one transaction with the submission's new
// state. The minutes must be open for a change (from the session's start
// until their approval). version is the submission's version read; it
// gives the new protocol note's id.
func (s *Store) AcceptNoteSubmission(ctx context.Context, id int64, version int) (int64, error) {
	var noteID int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		n, err := waitingSubmission(ctx, tx, id, version, "übernommen")
		if err != nil {
			return err
		}
		se, err := queryOne(ctx, tx, scanSession, fmt.Sprintf("session %d", n.SessionID), `SELECT `+sessionCols+` FROM sessions WHERE id = ?`, n.SessionID)
		if err != nil {
			return err
		}
		if !se.MinutesEditable() && !se.Status.MinutesFrozen() {
			return model.RuleError("Übernommen wird eine eingereichte Protokollnotiz ins Protokoll, sobald die %s begonnen hat; sie ist „%s“.", se.Title(), se.StatusLabel())
		}
		if noteID, err = s.insertProtocolNote(ctx, tx, model.ProtocolNote{ItemID: n.ItemID, Author: n.MemberName, Text: n.Text, Confidential: n.Confidential}); err != nil {
			return err
		}
		return s.updateVersioned(ctx, tx, "note_submissions", "note_submission", id, version,
			`state = ?, note_id = ?, decided_at = ?, decided_by = ?`, model.NoteAccepted, noteID, s.now().UTC().Format(time.RFC3339), actorFrom(ctx))
	})
	return noteID, err
}

// RejectNoteSubmission refuses a waiting submission with a reason the
// member reads beside it; version is the version read.
func (s *Store) RejectNoteSubmission(ctx context.Context, id int64, version int, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return model.AtField("grund", model.InputError("Bitte geben Sie dem Mitglied einen Grund für die Ablehnung an."))
	}
	if err := model.CheckTextLength(reason, "Der Grund", model.NoteReasonMax); err != nil {
		return model.AtField("grund", err)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		n, err := waitingSubmission(ctx, tx, id, version, "abgelehnt")
		if err != nil {
			return err
		}
		if err := checkSessionOpen(ctx, tx, n.SessionID); err != nil {
			return err
		}
		return s.updateVersioned(ctx, tx, "note_submissions", "note_submission", id, version,
			`state = ?, reason = ?, decided_at = ?, decided_by = ?`, model.NoteRejected, reason, s.now().UTC().Format(time.RFC3339), actorFrom(ctx))
	})
}
