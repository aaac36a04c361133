package store

// Notes of members on documents (model.DocumentNote): one per document and
// account, private or shared with the author's office.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"gremium/internal/model"
)

// MaxNoteLength is the longest note accepted, in characters.
const MaxNoteLength = 4000

// SaveDocumentNote stores the author's note on a document, replacing their
// earlier one; an empty text removes it. It gives the note's id (0 when
// removed).
func (s *Store) SaveDocumentNote(ctx context.Context, n model.DocumentNote) (int64, error) {
	n.Text = strings.TrimSpace(n.Text)
	if err := model.MarkFields(model.MarkedField{Field: "notiz", Text: &n.Text}); err != nil {
		return 0, err
	}
	if len([]rune(n.Text)) > MaxNoteLength {
		return 0, model.InputError("Eine Notiz darf höchstens %s Zeichen lang sein.", model.GermanNumber(MaxNoteLength))
	}
	if n.UserID == 0 || n.DocumentID == 0 {
		return 0, model.InputError("Eine Notiz gehört zu einem Dokument und einem Konto.")
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var doc int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE id = ?`, n.DocumentID).Scan(&doc); err != nil {
			return notFound(err, fmt.Sprintf("document %d", n.DocumentID))
		}
		err := tx.QueryRowContext(ctx, `SELECT id FROM document_notes WHERE document_id = ? AND user_id = ?`, n.DocumentID, n.UserID).Scan(&id)
		exists := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: document note: %w", err)
		}
		if !exists {
			if n.Text == "" {
				return nil // nothing to remove
			}
			// The id is taken before the insert, so the audit log reads
			// the note's state before (none) and after.
			if id, err = s.reserveIDs(ctx, tx, "document_notes", 1); err != nil {
				return err
			}
		}
		if err := s.touch(ctx, tx, "document_note", id); err != nil {
			return err
		}
		now := s.now().UTC().Format(time.RFC3339)
		action := "update"
		switch {
		case n.Text == "":
			action = "remove"
			_, err = tx.ExecContext(ctx, `DELETE FROM document_notes WHERE id = ?`, id)
		case exists:
			_, err = tx.ExecContext(ctx, `UPDATE document_notes SET text = ?, shared = ?, member = ?, author = ?, updated_at = ? WHERE id = ?`,
				n.Text, n.Shared, n.Member, n.Author, now, id)
		default:
			action = "create"
			_, err = tx.ExecContext(ctx, `INSERT INTO document_notes (id, document_id, user_id, member, author, text, shared, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				id, n.DocumentID, n.UserID, n.Member, n.Author, n.Text, n.Shared, now)
		}
		if err != nil {
			return fmt.Errorf("store: document note: %w", err)
		}
		return s.audit(ctx, tx, action, "document_note", id, fmt.Sprintf("Dokument %d", n.DocumentID))
	})
	if n.Text == "" {
		id = 0
	}
	return id, err
}

// DocumentNotesFor gives the notes on the session's documents that u may
// read, by document, own note first: u's own, and those shared with u's
// member office (model.DocumentNote.SeesNote) by an account of that office
// (model.DocumentNote.FromOffice). A spokesperson or an advisory member's
// account is no member office (model.MemberOffice) and reads only its
// own; a note a spokesperson shared before sharing was kept to the
// office's accounts reaches nobody else. The filter is here, not with the
// caller, so that every caller gets only what the viewer may read.
func (s *Store) DocumentNotesFor(ctx context.Context, sessionID int64, u *model.User) (map[int64][]model.DocumentNote, error) {
	out := map[int64][]model.DocumentNote{}
	if u == nil || u.Disabled {
		return out, nil
	}
	type noteOf struct {
		model.DocumentNote
		author model.User
	}
	notes, err := queryList(ctx, s.db, func(r scanner) (noteOf, error) {
		var n noteOf
		return n, r.Scan(&n.ID, &n.DocumentID, &n.UserID, &n.Member, &n.Author, &n.Text, &n.Shared,
			&n.author.ID, &n.author.Role, &n.author.MemberAbbrev)
	}, "document notes", `SELECT n.id, n.document_id, n.user_id, n.member, n.author, n.text, n.shared, a.id, a.role, a.member_abbrev
		FROM document_notes n
		JOIN documents d ON d.id = n.document_id
		JOIN users a ON a.id = n.user_id
		WHERE d.session_id = ? AND (n.user_id = ? OR (n.shared = 1 AND n.member <> '' AND n.member = ? AND a.role = ? AND a.member_abbrev = n.member))
		ORDER BY n.document_id, CASE WHEN n.user_id = ? THEN 0 ELSE 1 END, n.id`, sessionID, u.ID, model.MemberOffice(u), model.RoleMember, u.ID)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		// The same rules in Go as in the query: the viewer's (SeesNote)
		// and, for a colleague's note, its author's (FromOffice).
		if n.SeesNote(u) && (n.UserID == u.ID || n.FromOffice(&n.author)) {
			out[n.DocumentID] = append(out[n.DocumentID], n.DocumentNote)
		}
	}
	return out, nil
}
