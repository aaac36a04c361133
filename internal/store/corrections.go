package store

// Structured corrections (Berichtigungen) of approved minutes: one row at
// a time, proposed with its reason and approved like the minutes, in a
// later session while it runs. The approval changes the row and keeps the
// minutes as a new version in one transaction; the approved versions stay.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gremium/internal/model"
)

const correctionCols = `id, session_id, item_id, row_kind, row_id, row_version, speaker, confidential, before_text, after_text, reason,
	status, created_by, created_at, approved_in, approved_on, minutes_version, version`

func scanCorrection(r scanner) (model.MinutesCorrection, error) {
	var c model.MinutesCorrection
	var created, approved string
	err := r.Scan(&c.ID, &c.SessionID, &c.ItemID, &c.RowKind, &c.RowID, &c.RowVersion, &c.Speaker, &c.Confidential, &c.Before, &c.After, &c.Reason,
		&c.Status, &c.CreatedBy, &created, &c.ApprovedIn, &approved, &c.MinutesVersion, &c.Version)
	c.CreatedAt, _ = time.Parse(time.RFC3339, created)
	c.ApprovedOn = parseDate(approved)
	return c, err
}

// correctedRow is the stored state of a row a correction names.
type correctedRow struct {
	itemID, sessionID int64
	version           int
	speaker, text     string
	confidential      bool
}

// loadCorrectedRow reads the row of kind ("ON", "PN", "text") and id, with
// its session; the text of a contribution is its points, one per line.
func loadCorrectedRow(ctx context.Context, q queryer, kind string, id int64) (correctedRow, error) {
	var row correctedRow
	var err error
	switch kind {
	case "ON":
		var c model.Contribution
		if c, err = queryOne(ctx, q, scanContribution, fmt.Sprintf("contribution %d", id),
			selectContributions+` WHERE id = ?`, id); err == nil {
			row = correctedRow{itemID: c.ItemID, version: c.Version, speaker: c.Speaker, text: strings.Join(c.Points, "\n"), confidential: c.Confidential}
		}
	case "PN":
		var n model.ProtocolNote
		if n, err = queryOne(ctx, q, scanNote, fmt.Sprintf("protocol note %d", id),
			selectNotes+` WHERE id = ?`, id); err == nil {
			row = correctedRow{itemID: n.ItemID, version: n.Version, speaker: n.Author, text: n.Text, confidential: n.Confidential}
		}
	case "text":
		var m model.Remark
		if m, err = queryOne(ctx, q, scanRemark, fmt.Sprintf("remark %d", id),
			selectRemarks+` WHERE id = ?`, id); err == nil {
			row = correctedRow{itemID: m.ItemID, version: m.Version, text: m.Text, confidential: m.Confidential}
		}
	default:
		return row, model.InputError("Berichtigt werden Wortbeiträge, Protokollnotizen und Vermerke.")
	}
	if err != nil {
		return row, err
	}
	if err := q.QueryRowContext(ctx, `SELECT session_id FROM agenda_items WHERE id = ?`, row.itemID).Scan(&row.sessionID); err != nil {
		return row, notFound(err, "agenda item")
	}
	return row, nil
}

// ProposeMinutesCorrection stores a correction of one row of approved
// minutes (c.RowKind, c.RowID, the corrected text c.After with its marks,
// c.Reason); the row's current text and version are read here. It gives
// the correction's id.
func (s *Store) ProposeMinutesCorrection(ctx context.Context, c model.MinutesCorrection) (int64, error) {
	// The reason is public with the approved correction: its typed marks
	// are confidential passages, whoever calls.
	if err := c.MarkReason(); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		row, err := loadCorrectedRow(ctx, tx, c.RowKind, c.RowID)
		if err != nil {
			return err
		}
		se, err := loadSessionTx(ctx, tx, row.sessionID)
		if err != nil {
			return err
		}
		if c.SessionID != 0 && c.SessionID != se.ID {
			return model.NotFoundError("Diese Zeile gehört nicht zum Protokoll der %d. Sitzung.", se.Number)
		}
		if !se.Status.MinutesFrozen() {
			return model.RuleError("Nur ein genehmigtes Protokoll wird berichtigt; das Protokoll der %d. Sitzung ist „%s“ und wird direkt bearbeitet.", se.Number, se.Status.Label())
		}
		c.SessionID, c.ItemID, c.RowVersion, c.Speaker, c.Confidential, c.Before = se.ID, row.itemID, row.version, row.speaker, row.confidential, row.text
		c.Reason, c.After = strings.TrimSpace(c.Reason), strings.TrimSpace(c.After)
		if err := c.Validate(); err != nil {
			return err
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM minutes_corrections WHERE row_kind = ? AND row_id = ? AND status = ?`,
			c.RowKind, c.RowID, model.CorrectionProposed).Scan(&open); err != nil {
			return fmt.Errorf("store: open corrections: %w", err)
		}
		if open > 0 {
			return model.ConflictError("Für diese Zeile liegt bereits eine Berichtigung zur Genehmigung vor.")
		}
		id, err = s.insert(ctx, tx, "minutes_correction", c.RowKindLabel(),
			`INSERT INTO minutes_corrections (session_id, item_id, row_kind, row_id, row_version, speaker, confidential, before_text, after_text, reason,
			   status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.SessionID, c.ItemID, c.RowKind, c.RowID, c.RowVersion, c.Speaker, c.Confidential, c.Before, c.After, c.Reason,
			model.CorrectionProposed, actorFrom(ctx), s.now().UTC().Format(time.RFC3339))
		return err
	})
	return id, err
}

// MinutesCorrection gives the correction with the id.
func (s *Store) MinutesCorrection(ctx context.Context, id int64) (model.MinutesCorrection, error) {
	return queryOne(ctx, s.db, scanCorrection, fmt.Sprintf("minutes correction %d", id), `SELECT `+correctionCols+` FROM minutes_corrections WHERE id = ?`, id)
}

// MinutesCorrections gives the corrections of a session's minutes, oldest
// first (the history).
func (s *Store) MinutesCorrections(ctx context.Context, sessionID int64) ([]model.MinutesCorrection, error) {
	return queryList(ctx, s.db, scanCorrection, "minutes corrections",
		`SELECT `+correctionCols+` FROM minutes_corrections WHERE session_id = ? ORDER BY id`, sessionID)
}

// ProposedCorrections gives the corrections of a body's minutes that wait
// for approval, with the number of the session each corrects.
func (s *Store) ProposedCorrections(ctx context.Context, bodyID int64) ([]model.MinutesCorrection, map[int64]int, error) {
	list, err := queryList(ctx, s.db, scanCorrection, "proposed corrections",
		`SELECT `+correctionCols+` FROM minutes_corrections WHERE status = ? AND EXISTS (SELECT 1 FROM sessions WHERE sessions.id = minutes_corrections.session_id AND sessions.body_id = ?) ORDER BY id`,
		model.CorrectionProposed, bodyID)
	if err != nil {
		return nil, nil, err
	}
	numbers := map[int64]int{}
	for _, c := range list {
		if _, ok := numbers[c.SessionID]; ok {
			continue
		}
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT number FROM sessions WHERE id = ?`, c.SessionID).Scan(&n); err != nil {
			return nil, nil, fmt.Errorf("store: session of correction: %w", err)
		}
		numbers[c.SessionID] = n
	}
	return list, numbers, nil
}

// ApproveMinutesCorrection approves a proposed correction in the running
// session approvingNumber (a later session of the same body), like the
// minutes: the row takes the corrected text — refused with a conflict if
// it changed since the proposal — and text, the minutes as corrected, is
// kept as a new version with the reason. It gives the version number.
// read is the stamp of the minutes (MinutesStamp) read before text was
// rendered: if they changed since (another correction approved, the
// correction itself changed, anything else the minutes show), the
// approval is refused with a conflict, so that the version kept is the
// rows as corrected. It is required: an empty stamp is an error, never an
// approval unchecked.
func (s *Store) ApproveMinutesCorrection(ctx context.Context, id int64, approvingNumber int, text string, read MinutesStamp) (int, error) {
	var v int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := queryOne(ctx, tx, scanCorrection, fmt.Sprintf("minutes correction %d", id), `SELECT `+correctionCols+` FROM minutes_corrections WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if c.Status != model.CorrectionProposed {
			return model.RuleError("Diese Berichtigung ist bereits genehmigt.")
		}
		cur, err := loadSessionTx(ctx, tx, c.SessionID)
		if err != nil {
			return err
		}
		approving, err := approvingSessionTx(ctx, tx, cur, approvingNumber, "Eine Berichtigung wird wie das Protokoll")
		if err != nil {
			return err
		}
		// Like the minutes' approval, a decision of the council: the
		// quorum a vote at the item called needs.
		if err := checkQuorumAt(ctx, tx, approving, approving.CurrentItemID); err != nil {
			return quorumRefusal(err, "Die Berichtigung ist nicht genehmigt")
		}
		if err := s.checkMinutesStamp(ctx, tx, cur.ID, cur.Number, "die Berichtigung ist nicht genehmigt. Bitte prüfen Sie sie und genehmigen Sie erneut.", read); err != nil {
			return err
		}
		if err := s.applyCorrection(ctx, tx, c); err != nil {
			return err
		}
		on := approving.Date
		if on.IsZero() {
			on = s.Today()
		}
		note := fmt.Sprintf("Berichtigung (%s): %s; genehmigt in der %d. Sitzung", c.RowKindLabel(), model.PublicText(c.Reason), approvingNumber)
		if v, err = s.addMinutesVersion(ctx, tx, MinutesVersion{SessionID: cur.ID, Stand: on, Note: note, Text: text}); err != nil {
			return err
		}
		return s.updateVersioned(ctx, tx, "minutes_corrections", "minutes_correction", c.ID, c.Version,
			`status = ?, approved_in = ?, approved_on = ?, minutes_version = ?`, model.CorrectionApproved, approvingNumber, on.String(), v)
	})
	return v, err
}

// applyCorrection writes the corrected text into the row, checked against
// the row's version at the proposal.
func (s *Store) applyCorrection(ctx context.Context, tx *sql.Tx, c model.MinutesCorrection) error {
	switch c.RowKind {
	case "ON":
		var points []string
		for _, l := range strings.Split(c.After, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				points = append(points, l)
			}
		}
		return s.updateVersioned(ctx, tx, "contributions", "contribution", c.RowID, c.RowVersion, `points = ?`, toJSON(points))
	case "PN":
		return s.updateVersioned(ctx, tx, "protocol_notes", "protocol_note", c.RowID, c.RowVersion, `text = ?`, c.After)
	case "text":
		return s.updateVersioned(ctx, tx, "remarks", "remark", c.RowID, c.RowVersion, `text = ?`, c.After)
	}
	return model.InputError("Unbekannte Art der Zeile „%s“.", c.RowKind)
}
