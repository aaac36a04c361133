package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"gremium/internal/model"
)

// Document is an uploaded file of a session (or of one of its items).
type Document struct {
	ID          int64
	SessionID   int64
	ItemID      int64
	Filename    string
	ContentType string
	Size        int64
	SHA256      string // the file's name in the data directory's documents folder
	UploadedBy  string
	Created     time.Time
	Kind        model.DocumentKind // "" for documents uploaded before kinds existed
	Version     int                // 1, 2 … per session, item and kind
}

func scanDocument(r scanner) (Document, error) {
	var d Document
	var created string
	err := r.Scan(&d.ID, &d.SessionID, &d.ItemID, &d.Filename, &d.ContentType, &d.Size, &d.SHA256, &d.UploadedBy, &created, &d.Kind, &d.Version)
	d.Created, _ = time.Parse(time.RFC3339, created)
	return d, err
}

const documentCols = `id, session_id, COALESCE(item_id, 0), filename, content_type, size, sha256, uploaded_by, created_at, kind, version`

// CreateDocument records an uploaded file (the bytes are stored by the
// caller under d.SHA256). With SentOnce the same upload form sent again
// records nothing (no second version of the document) and gives the
// document the first send recorded.
func (s *Store) CreateDocument(ctx context.Context, d Document, opts ...FormOption) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		id, err = s.once(ctx, tx, formOptionsOf(opts), "document", func() (int64, error) {
			return s.createDocumentChecked(ctx, tx, d)
		})
		return err
	})
	return id, err
}

// createDocumentChecked is CreateDocument inside tx: the session takes
// documents, the item is one of it, the version follows the document's
// kind.
func (s *Store) createDocumentChecked(ctx context.Context, tx *sql.Tx, d Document) (int64, error) {
	var status model.SessionStatus
	if err := tx.QueryRowContext(ctx, `SELECT status FROM sessions WHERE id = ?`, d.SessionID).Scan(&status); err != nil {
		return 0, notFound(err, fmt.Sprintf("session %d", d.SessionID))
	}
	if status == model.StatusMinutesApproved {
		return 0, model.RuleError("Das Protokoll dieser Sitzung ist genehmigt; es können keine Dokumente mehr hinzugefügt werden.")
	}
	if d.ItemID != 0 {
		var sessionID int64
		if err := tx.QueryRowContext(ctx, `SELECT session_id FROM agenda_items WHERE id = ?`, d.ItemID).Scan(&sessionID); err != nil {
			return 0, notFound(err, fmt.Sprintf("agenda item %d", d.ItemID))
		}
		if sessionID != d.SessionID {
			return 0, model.InputError("Der Tagesordnungspunkt gehört nicht zu dieser Sitzung.")
		}
	}
	if d.Kind != "" && !d.Kind.Valid() {
		return 0, model.InputError("Die Art „%s“ eines Dokuments ist unbekannt.", d.Kind)
	}
	// A later upload of the same kind to the same item (or to the
	// session in general) is the next version of that document.
	version := 1
	if d.Kind != "" {
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM documents WHERE session_id = ? AND COALESCE(item_id, 0) = ? AND kind = ?`,
			d.SessionID, d.ItemID, d.Kind).Scan(&version); err != nil {
			return 0, fmt.Errorf("store: document version: %w", err)
		}
	}
	id, err := s.insert(ctx, tx, "document", d.Filename,
		`INSERT INTO documents (session_id, item_id, filename, content_type, size, sha256, uploaded_by, created_at, kind, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.SessionID, nullID(d.ItemID), d.Filename, d.ContentType, d.Size, d.SHA256, d.UploadedBy, s.now().UTC().Format(time.RFC3339), d.Kind, version)
	if err != nil {
		return 0, err
	}
	d.ID, d.Version = id, version
	if err := s.noticeProposalDocument(ctx, tx, d); err != nil {
		return 0, err
	}
	return id, nil
}

// Document gives the document with the id.
func (s *Store) Document(ctx context.Context, id int64) (Document, error) {
	return queryOne(ctx, s.rd, scanDocument, fmt.Sprintf("document %d", id), `SELECT `+documentCols+` FROM documents WHERE id = ?`, id)
}

// Documents gives the documents of a session.
func (s *Store) Documents(ctx context.Context, sessionID int64) ([]Document, error) {
	return queryList(ctx, s.rd, scanDocument, "documents", `SELECT `+documentCols+` FROM documents WHERE session_id = ? ORDER BY id`, sessionID)
}

// Comment is a member's comment on draft minutes.
type Comment struct {
	ID        int64
	SessionID int64
	Author    string
	Member    string
	Text      string
	Created   time.Time
}

// commentRefusal says why the minutes of a session in status take no
// comment, by the minutes' stage (it said "das Protokoll ist im Status
// „geplant“", a session's status, not the minutes').
func commentRefusal(status model.SessionStatus) error {
	const only = "Kommentare sind nur zum Protokollentwurf möglich, sobald die Geschäftsstelle ihn zur Kommentierung freigegeben hat"
	switch status {
	case model.StatusPlanned, model.StatusConvened:
		return model.RuleError("%s; die Sitzung hat noch nicht stattgefunden, ein Protokoll gibt es noch nicht.", only)
	case model.StatusMinutesApproved:
		return model.RuleError("Kommentare sind nur zum Protokollentwurf möglich; das Protokoll ist bereits genehmigt (Berichtigungen als neue Fassung).")
	}
	return model.RuleError("%s; der Entwurf wird noch von der Geschäftsstelle geführt.", only)
}

// CreateComment stores a comment on the draft minutes of a session; only
// draft minutes take comments. The comment's [[…]] mark confidential
// passages as in the minutes it comments on (model.MarkFields): only
// internal readers see comments, and they see the passages marked. With
// SentOnce the same form sent again stores nothing and gives the comment
// the first send stored.
func (s *Store) CreateComment(ctx context.Context, c Comment, opts ...FormOption) (int64, error) {
	if c.Text == "" {
		return 0, model.AtField("kommentar", model.InputError("Der Kommentar ist leer."))
	}
	if err := model.MarkFields(model.MarkedField{Field: "kommentar", Text: &c.Text}); err != nil {
		return 0, err
	}
	if err := model.CheckTextLength(c.Text, "Der Kommentar", model.TextMax); err != nil {
		return 0, model.AtField("kommentar", err)
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		var status model.SessionStatus
		if err := tx.QueryRowContext(ctx, `SELECT status FROM sessions WHERE id = ?`, c.SessionID).Scan(&status); err != nil {
			return notFound(err, fmt.Sprintf("session %d", c.SessionID))
		}
		id, err = s.once(ctx, tx, formOptionsOf(opts), "minutes_comment", func() (int64, error) {
			if status != model.StatusMinutesDraft {
				return 0, commentRefusal(status)
			}
			return s.insert(ctx, tx, "comment", c.Member,
				`INSERT INTO minutes_comments (session_id, author, member, text, created_at) VALUES (?, ?, ?, ?, ?)`,
				c.SessionID, c.Author, c.Member, c.Text, s.now().UTC().Format(time.RFC3339))
		})
		return err
	})
	return id, err
}

// Comments gives the comments on a session's minutes, oldest first.
func (s *Store) Comments(ctx context.Context, sessionID int64) ([]Comment, error) {
	return queryList(ctx, s.rd, func(r scanner) (Comment, error) {
		var c Comment
		var created string
		err := r.Scan(&c.ID, &c.SessionID, &c.Author, &c.Member, &c.Text, &created)
		c.Created, _ = time.Parse(time.RFC3339, created)
		return c, err
	}, "comments", `SELECT id, session_id, author, member, text, created_at FROM minutes_comments WHERE session_id = ? ORDER BY id`, sessionID)
}

// MinutesVersion is one kept state of approved minutes.
type MinutesVersion struct {
	SessionID int64
	Version   int
	Stand     model.Date
	Note      string
	Text      string // the minutes in the published text layout (internal)
	CreatedBy string
	Created   time.Time
}

// MinutesVersions gives the kept versions of a session's minutes, oldest first.
func (s *Store) MinutesVersions(ctx context.Context, sessionID int64) ([]MinutesVersion, error) {
	return queryList(ctx, s.rd, func(r scanner) (MinutesVersion, error) {
		var v MinutesVersion
		var stand, created string
		err := r.Scan(&v.SessionID, &v.Version, &stand, &v.Note, &v.Text, &v.CreatedBy, &created)
		v.Stand = parseDate(stand)
		v.Created, _ = time.Parse(time.RFC3339, created)
		return v, err
	}, "minutes versions", `SELECT session_id, version, stand, note, text, created_by, created_at FROM minutes_versions WHERE session_id = ? ORDER BY version`, sessionID)
}

func (s *Store) addMinutesVersion(ctx context.Context, tx *sql.Tx, v MinutesVersion) (int, error) {
	var next int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM minutes_versions WHERE session_id = ?`, v.SessionID).Scan(&next); err != nil {
		return 0, fmt.Errorf("store: minutes version: %w", err)
	}
	if err := s.touch(ctx, tx, "minutes", v.SessionID); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO minutes_versions (session_id, version, stand, note, text, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		v.SessionID, next, v.Stand.String(), v.Note, v.Text, actorFrom(ctx), s.now().UTC().Format(time.RFC3339)); err != nil {
		return 0, fmt.Errorf("store: minutes version: %w", err)
	}
	return next, s.audit(ctx, tx, "version", "minutes", v.SessionID, fmt.Sprint(next))
}

// ApproveMinutes records that the session approvingNumber approved the
// draft minutes of session id (Bestätigung des Protokolls der N. Sitzung):
// the minutes become immutable with the approving session's date, and text
// — their content at approval — is kept as version 1. approvingNumber must
// be a later session of the same body that is running, and its agenda must
// carry "Bestätigung des Protokolls der N. Sitzung" (as an item or one of
// its points). Minutes are also approved by written procedure
// (StartProcedure with ApprovesSession) and by importing the minutes of the
// session that approved them (SaveMinutes).
//
// read is the stamp of the minutes (MinutesStamp) read before text was
// rendered from them: if they changed since — a row, or what the minutes
// list from outside the session (the written procedures since the
// previous session, the minutes approved under TOP 00) — the approval is
// refused with a conflict, so that what is frozen is the text kept. It is
// required: an empty stamp is an error, never an approval unchecked.
//
// WithApprovalResult records how the session approved them (einstimmig,
// bei Enthaltung von …, mit Änderungen) as a row under the approving item,
// in the same transaction.
func (s *Store) ApproveMinutes(ctx context.Context, id int64, approvingNumber int, text string, read MinutesStamp, opts ...ApprovalOption) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := loadSessionTx(ctx, tx, id)
		if err != nil {
			return err
		}
		approving, err := approvingSessionTx(ctx, tx, cur, approvingNumber, "Ein Protokoll wird")
		if err != nil {
			return err
		}
		items, err := queryList(ctx, tx, scanItem, "agenda items",
			`SELECT `+itemCols+` FROM agenda_items WHERE session_id = ? AND status IN (?, '') ORDER BY position, id`, approving.ID, model.ItemAccepted)
		if err != nil {
			return err
		}
		at, ok := agendaApproves(items, cur.Number)
		if !ok {
			return model.RuleError("Die „Bestätigung des Protokolls der %d. Sitzung“ steht nicht auf der Tagesordnung der %d. Sitzung; bitte sie dort aufnehmen.", cur.Number, approvingNumber)
		}
		// The approval is a decision of the council: it needs the quorum a
		// vote at that item needs.
		if err := checkQuorumAt(ctx, tx, approving, at); err != nil {
			return quorumRefusal(err, fmt.Sprintf("Das Protokoll der %d. Sitzung ist nicht genehmigt", cur.Number))
		}
		if err := s.checkMinutesStamp(ctx, tx, cur.ID, cur.Number, "es ist nicht genehmigt. Bitte prüfen Sie es und genehmigen Sie erneut.", read); err != nil {
			return err
		}
		on := approving.Date
		if on.IsZero() {
			on = s.Today()
		}
		if err := s.approveMinutesTx(ctx, tx, cur.BodyID, cur.Number, approvingNumber, on, text, fmt.Sprintf("genehmigt in der %d. Sitzung", approvingNumber)); err != nil {
			return err
		}
		return s.recordApprovalResult(ctx, tx, approving.ID, at, cur, opts)
	})
}

// agendaApproves gives the item of an agenda that carries the approval of
// the minutes of session n, as its title or one of its points, and false
// if none does.
func agendaApproves(items []model.AgendaItem, n int) (int64, bool) {
	for _, it := range items {
		for _, t := range append([]string{it.Title}, it.Points...) {
			if m, ok := model.MinutesApprovalRef(t); ok && m == n {
				return it.ID, true
			}
		}
	}
	return 0, false
}

// quorumRefusal prefixes the reason of a refusal for want of a quorum with
// what was not done ("Das Protokoll der 47. Sitzung ist nicht genehmigt"),
// keeping its class; other errors pass unchanged.
func quorumRefusal(err error, what string) error {
	if model.ClassOf(err) != model.ErrRule {
		return err
	}
	return model.RuleError("%s: %s", what, model.ReasonOf(err))
}

// approveMinutesTx sets the draft minutes of a body's session number to
// approved on a date inside tx — approvingNumber is the session that
// approved them (0: by written procedure) — and keeps text as the approved
// version.
func (s *Store) approveMinutesTx(ctx context.Context, tx *sql.Tx, bodyID int64, number, approvingNumber int, on model.Date, text, note string) error {
	cur, err := sessionByNumber(ctx, tx, bodyID, number)
	if err != nil {
		return err
	}
	if cur.Status != model.StatusMinutesDraft {
		return model.RuleError("Das Protokoll der %d. Sitzung liegt nicht als Entwurf vor (Status „%s“).", cur.Number, cur.Status.Label())
	}
	if approvingNumber != 0 {
		// Approved in a session or by import: not while a written
		// procedure approves them (its close would find them approved).
		if err := minutesInProcedure(ctx, tx, bodyID, number); err != nil {
			return err
		}
	}
	if err := s.updateVersioned(ctx, tx, "sessions", "session", cur.ID, cur.Version, `status = ?, approved_in = ?, approved_on = ?`,
		model.StatusMinutesApproved, approvingNumber, on.String()); err != nil {
		return err
	}
	if err := keepShownOrder(ctx, tx, cur.ID); err != nil {
		return err
	}
	if _, err := s.addMinutesVersion(ctx, tx, MinutesVersion{SessionID: cur.ID, Stand: model.Internal.MinutesStand(cur), Note: note, Text: text}); err != nil {
		return err
	}
	if approvingNumber == 0 {
		cur.Status = model.StatusMinutesApproved
		if err := s.retargetLaterApprovals(ctx, tx, cur); err != nil {
			return err
		}
	}
	return s.audit(ctx, tx, "approve", "session", cur.ID, note+" am "+on.German())
}

// keepShownOrder stores, inside tx, the minutes rows of a session's items
// in the order the draft showed them (model.DiscussionFirst), renumbering
// the items whose rows it moves: approved minutes are read in the order
// stored (minutes.Load orders drafts only), so that the text members
// approved is the text shown afterwards, whatever the rule says later.
// Rows tied at a position keep the order Load gives them (contributions,
// decisions, notes, free rows, then by id).
func keepShownOrder(ctx context.Context, tx *sql.Tx, sessionID int64) error {
	type row struct {
		table    string
		item     int64
		position int
		id       int64
	}
	rows, err := queryList(ctx, tx, func(r scanner) (row, error) {
		var x row
		return x, r.Scan(&x.table, &x.item, &x.position, &x.id)
	}, "minutes order",
		`SELECT t, item_id, position, id FROM (
		   SELECT 'contributions' AS t, 0 AS k, item_id, position, id FROM contributions WHERE item_id IN (`+itemsOfSession+`)
		   UNION ALL SELECT 'decisions', 1, item_id, position, id FROM decisions WHERE item_id IN (`+itemsOfSession+`)
		   UNION ALL SELECT 'protocol_notes', 2, item_id, position, id FROM protocol_notes WHERE item_id IN (`+itemsOfSession+`)
		   UNION ALL SELECT 'remarks', 3, item_id, position, id FROM remarks WHERE item_id IN (`+itemsOfSession+`)) r
		 ORDER BY item_id, position, k, id`,
		sessionID, sessionID, sessionID, sessionID)
	if err != nil {
		return err
	}
	kindOf := map[string]string{"contributions": "ON", "decisions": "BV", "protocol_notes": "PN", "remarks": ""}
	for start := 0; start < len(rows); {
		end := start
		for end < len(rows) && rows[end].item == rows[start].item {
			end++
		}
		item := rows[start:end]
		start = end
		kinds := make([]string, len(item))
		for i, r := range item {
			kinds[i] = kindOf[r.table]
		}
		for i, j := range model.DiscussionFirst(kinds) {
			if r := item[j]; r.position != i+1 {
				if _, err := tx.ExecContext(ctx, `UPDATE `+r.table+` SET position = ? WHERE id = ?`, i+1, r.id); err != nil {
					return fmt.Errorf("store: minutes order: %w", err)
				}
			}
		}
	}
	return nil
}

// CorrectMinutes keeps a correction (Berichtigung) of approved minutes as a
// new version; the approved versions stay as they were. It gives the new
// version number.
func (s *Store) CorrectMinutes(ctx context.Context, id int64, stand model.Date, note, text string) (int, error) {
	if note == "" || text == "" {
		return 0, model.InputError("Eine Korrektur braucht eine Begründung und den korrigierten Text.")
	}
	var v int
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		var status model.SessionStatus
		if err := tx.QueryRowContext(ctx, `SELECT status FROM sessions WHERE id = ?`, id).Scan(&status); err != nil {
			return notFound(err, fmt.Sprintf("session %d", id))
		}
		if status != model.StatusMinutesApproved {
			return model.RuleError("Nur ein genehmigtes Protokoll wird durch eine neue Fassung korrigiert; ein Entwurf wird direkt bearbeitet.")
		}
		v, err = s.addMinutesVersion(ctx, tx, MinutesVersion{SessionID: id, Stand: stand, Note: note, Text: text})
		return err
	})
	return v, err
}

// SetCurrentItem records the item under discussion in a running session
// and, the first time the item is taken up, its place in the order of
// discussion (SessionRecord.TakenUp).
func (s *Store) SetCurrentItem(ctx context.Context, sessionID, itemID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var status model.SessionStatus
		if err := tx.QueryRowContext(ctx, `SELECT status FROM sessions WHERE id = ?`, sessionID).Scan(&status); err != nil {
			return notFound(err, fmt.Sprintf("session %d", sessionID))
		}
		if status != model.StatusRunning {
			return model.RuleError("Ein TOP kann nur während der laufenden Sitzung aufgerufen werden; die Sitzung ist „%s“.", status.Label())
		}
		if err := s.updatePlain(ctx, tx, "sessions", "session", sessionID, `current_item_id = ?, version = version + 1`, itemID); err != nil {
			return err
		}
		// Whoever still speaks at the item left ends without a row.
		if err := s.leaveFloorTx(ctx, tx, sessionID, itemID); err != nil {
			return err
		}
		// The order of discussion, which the minutes record ("TOP 10 …
		// wird vorgezogen.", minutes.Item.RecordLines): the item's place
		// in it, given when it is first taken up.
		var place int
		switch err := tx.QueryRowContext(ctx, `SELECT taken_up FROM agenda_items WHERE id = ? AND session_id = ?`, itemID, sessionID).Scan(&place); {
		case errors.Is(err, sql.ErrNoRows):
			return nil // no item of the session (0: none under discussion)
		case err != nil:
			return fmt.Errorf("store: item taken up: %w", err)
		case place > 0:
			return nil // taken up before: its first place counts
		}
		if err := s.touch(ctx, tx, "agenda_item", itemID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET taken_up = (SELECT COALESCE(MAX(taken_up), 0) + 1 FROM agenda_items WHERE session_id = ?) WHERE id = ?`,
			sessionID, itemID); err != nil {
			return fmt.Errorf("store: item taken up: %w", err)
		}
		return s.audit(ctx, tx, "take_up", "agenda_item", itemID, "")
	})
}

// MoveItem moves an accepted item one place up (delta -1) or down (+1) on
// its session's agenda and renumbers the positions 1…n; the agenda of a
// session that was held keeps its order. version is the item's version
// read: every move gives every item of the agenda a new one, so a second
// click or a form of a page read before another move is refused as a
// conflict, not taken as one more place.
func (s *Store) MoveItem(ctx context.Context, itemID int64, delta, version int) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.moveItemTx(ctx, tx, itemID, version, fmt.Sprint(delta), func(i, n int) (int, error) {
			j := i + delta
			if j < 0 || j >= n {
				return i, nil // already first or last: nothing to do
			}
			return j, nil
		})
	})
}

// MoveItemTo moves an accepted item to the place position (1 is the
// first) of its session's agenda ("an Position …": several places in one
// step, where MoveItem takes one) and renumbers the positions 1…n, with
// MoveItem's checks: the version read (a conflict after another change),
// a held agenda keeps its order. A place beyond the agenda's is refused
// with the places there are.
func (s *Store) MoveItemTo(ctx context.Context, itemID int64, position, version int) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.moveItemTx(ctx, tx, itemID, version, fmt.Sprintf("an %d", position), func(i, n int) (int, error) {
			if position < 1 || position > n {
				return i, model.AtField("position", model.InputError("Die Tagesordnung hat die Positionen 1 bis %d; bitte eine davon wählen.", n))
			}
			return position - 1, nil
		})
	})
}

// runningAgendaRefusal refuses to move an item of a running session: the
// agenda keeps the order it was published in, and an item taken up
// before its turn is taken up, not moved ("TOP aufrufen",
// store.SetCurrentItem); the minutes then say it was "vorgezogen" (the
// order of discussion, docs/minutes.md). Moved, it would leave the order
// the members were invited to and the minutes would record no change.
func runningAgendaRefusal(number int) error {
	return model.RuleError("Die %d. Sitzung läuft; die Reihenfolge ihrer Tagesordnung bleibt, wie sie veröffentlicht wurde. Einen TOP ziehen Sie vor, indem Sie ihn in der Live-Ansicht aufrufen – das Protokoll vermerkt dann, dass er vorgezogen wurde.", number)
}

// moveItemTx moves an accepted item inside tx from its index i on the
// agenda (n items) to the index to(i, n) gives and renumbers the
// positions 1…n; how is the audit's detail.
func (s *Store) moveItemTx(ctx context.Context, tx *sql.Tx, itemID int64, version int, how string, to func(i, n int) (int, error)) error {
	var sessionID int64
	var stored int
	if err := tx.QueryRowContext(ctx, `SELECT session_id, version FROM agenda_items WHERE id = ?`, itemID).Scan(&sessionID, &stored); err != nil {
		return notFound(err, fmt.Sprintf("agenda item %d", itemID))
	}
	if stored != version {
		return model.ConflictError("Die Tagesordnung wurde inzwischen geändert; der TOP ist nicht verschoben. Bitte prüfen Sie die Reihenfolge auf der neu geladenen Seite.")
	}
	if err := checkSessionOpen(ctx, tx, sessionID); err != nil {
		return err
	}
	if se, err := loadSessionTx(ctx, tx, sessionID); err != nil {
		return err
	} else if se.Held() {
		return heldAgendaRefusal(se.Number)
	} else if se.Status == model.StatusRunning {
		return runningAgendaRefusal(se.Number)
	}
	items, err := queryList(ctx, tx, scanItem, "agenda items",
		`SELECT `+itemCols+` FROM agenda_items WHERE session_id = ? AND status IN (?, '') ORDER BY position, id`, sessionID, model.ItemAccepted)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(items, func(it model.AgendaItem) bool { return it.ID == itemID })
	if i < 0 {
		return nil // not on the agenda (a registration): nothing to move
	}
	j, err := to(i, len(items))
	if err != nil || j == i {
		return err
	}
	moved := items[i]
	items = slices.Insert(slices.Delete(items, i, i+1), j, moved)
	for k, it := range items {
		if err := s.placeItem(ctx, tx, it.ID, k+1); err != nil {
			return err
		}
	}
	if err := s.followPreparedOrder(ctx, tx, sessionID); err != nil {
		return err
	}
	return s.audit(ctx, tx, "move", "agenda_item", itemID, how)
}
