package store

import (
	"context"
	"database/sql"
	"fmt"

	"gremium/internal/model"
)

// The minutes rows of an agenda item: contributions (ON), protocol notes (PN)
// and remarks (free text). Decisions (BV) live in decisions.go. All share a
// position within the item so the minutes keep their order.

// selectContributions, selectNotes and selectRemarks read the minutes rows
// of their table in the order of the scan functions below; a WHERE and
// ORDER BY follow.
const (
	selectContributions = `SELECT id, item_id, position, speaker, points, confidential, version FROM contributions`
	selectNotes         = `SELECT id, item_id, position, author, text, confidential, version FROM protocol_notes`
	selectRemarks       = `SELECT id, item_id, position, kind, text, confidential, version FROM remarks`
)

func scanContribution(r scanner) (model.Contribution, error) {
	var c model.Contribution
	var points string
	if err := r.Scan(&c.ID, &c.ItemID, &c.Position, &c.Speaker, &points, &c.Confidential, &c.Version); err != nil {
		return c, err
	}
	var err error
	c.Points, err = fromJSON[string](points)
	return c, err
}

// CreateContribution stores one speaker's contribution to a discussion; a
// zero Position places it after the item's last row. The live page's form
// is guarded by its one-time key (SentOnce): sent twice, it stores one.
func (s *Store) CreateContribution(ctx context.Context, c model.Contribution, opts ...FormOption) (int64, error) {
	if c.ItemID == 0 || c.Speaker == "" {
		return 0, model.InputError("Ein Wortbeitrag braucht TOP und Sprecher:in.")
	}
	if err := model.CheckSpeaker(c.Speaker); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		// Dated inside once: the same form sent again stores nothing and
		// moves no Stand.
		id, err = s.once(ctx, tx, formOptionsOf(opts), "contribution", func() (int64, error) {
			after := c.Row()
			if err := s.changeMinutesAt(ctx, tx, c.ItemID, model.PublicRowChanged(nil, &after)); err != nil {
				return 0, err
			}
			if c.Position, err = placeRow(ctx, tx, c.ItemID, c.Position); err != nil {
				return 0, err
			}
			return s.insert(ctx, tx, "contribution", c.Speaker,
				`INSERT INTO contributions (item_id, position, speaker, points, confidential) VALUES (?, ?, ?, ?, ?)`,
				c.ItemID, c.Position, c.Speaker, toJSON(nonNil(c.Points)), c.Confidential)
		})
		return err
	})
	return id, err
}

// Contributions gives an item's contributions in order.
func (s *Store) Contributions(ctx context.Context, itemID int64) ([]model.Contribution, error) {
	return queryList(ctx, s.rd, scanContribution, "contributions",
		selectContributions+` WHERE item_id = ? ORDER BY position, id`, itemID)
}

// UpdateContribution changes a contribution; c.Version must be the version read.
func (s *Store) UpdateContribution(ctx context.Context, c model.Contribution) error {
	if c.Speaker == "" {
		return model.InputError("Ein Wortbeitrag braucht eine Sprecherin oder einen Sprecher.")
	}
	if err := model.CheckSpeaker(c.Speaker); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := queryOne(ctx, tx, scanContribution, fmt.Sprintf("contribution %d", c.ID), selectContributions+` WHERE id = ?`, c.ID)
		if err != nil {
			return err
		}
		before, after := cur.Row(), c.Row()
		if err := s.changeMinutesAt(ctx, tx, c.ItemID, model.PublicRowChanged(&before, &after)); err != nil {
			return err
		}
		return s.updateVersioned(ctx, tx, "contributions", "contribution", c.ID, c.Version,
			`position = ?, speaker = ?, points = ?, confidential = ?`, c.Position, c.Speaker, toJSON(nonNil(c.Points)), c.Confidential)
	})
}

func scanNote(r scanner) (model.ProtocolNote, error) {
	var n model.ProtocolNote
	err := r.Scan(&n.ID, &n.ItemID, &n.Position, &n.Author, &n.Text, &n.Confidential, &n.Version)
	return n, err
}

// CreateProtocolNote stores a Protokollnotiz and ticks the item's box
// "Protokollnotiz"; a zero Position places it after the item's last row.
// The live page's form is guarded by its one-time key (SentOnce).
func (s *Store) CreateProtocolNote(ctx context.Context, n model.ProtocolNote, opts ...FormOption) (int64, error) {
	if n.ItemID == 0 || n.Author == "" || n.Text == "" {
		return 0, model.InputError("Eine Protokollnotiz braucht TOP, Urheber und Text.")
	}
	if err := model.CheckSpeaker(n.Author); err != nil {
		return 0, err
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		// Dated inside once: the same form sent again stores nothing and
		// moves no Stand.
		id, err = s.once(ctx, tx, formOptionsOf(opts), "protocol_note", func() (int64, error) {
			return s.insertProtocolNote(ctx, tx, n)
		})
		return err
	})
	return id, err
}

// insertProtocolNote adds the protocol note n inside tx (CreateProtocolNote,
// and AcceptNoteSubmission for a note a member handed in): the minutes
// must be open, a zero Position places it last, the item's box
// "Protokollnotiz" is ticked.
func (s *Store) insertProtocolNote(ctx context.Context, tx *sql.Tx, n model.ProtocolNote) (int64, error) {
	after := n.Row()
	if err := s.changeMinutesAt(ctx, tx, n.ItemID, model.PublicRowChanged(nil, &after)); err != nil {
		return 0, err
	}
	var err error
	if n.Position, err = placeRow(ctx, tx, n.ItemID, n.Position); err != nil {
		return 0, err
	}
	id, err := s.insert(ctx, tx, "protocol_note", n.Author,
		`INSERT INTO protocol_notes (item_id, position, author, text, confidential) VALUES (?, ?, ?, ?, ?)`,
		n.ItemID, n.Position, n.Author, n.Text, n.Confidential)
	if err != nil {
		return id, err
	}
	return id, s.setItemFlag(ctx, tx, n.ItemID, "flag_note")
}

// ProtocolNotes gives an item's protocol notes in order.
func (s *Store) ProtocolNotes(ctx context.Context, itemID int64) ([]model.ProtocolNote, error) {
	return queryList(ctx, s.rd, scanNote, "protocol notes",
		selectNotes+` WHERE item_id = ? ORDER BY position, id`, itemID)
}

// UpdateProtocolNote changes a protocol note; n.Version must be the version read.
func (s *Store) UpdateProtocolNote(ctx context.Context, n model.ProtocolNote) error {
	if n.Author == "" || n.Text == "" {
		return model.InputError("Eine Protokollnotiz braucht Urheber und Text.")
	}
	if err := model.CheckSpeaker(n.Author); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := queryOne(ctx, tx, scanNote, fmt.Sprintf("protocol note %d", n.ID), selectNotes+` WHERE id = ?`, n.ID)
		if err != nil {
			return err
		}
		before, after := cur.Row(), n.Row()
		if err := s.changeMinutesAt(ctx, tx, n.ItemID, model.PublicRowChanged(&before, &after)); err != nil {
			return err
		}
		return s.updateVersioned(ctx, tx, "protocol_notes", "protocol_note", n.ID, n.Version,
			`position = ?, author = ?, text = ?, confidential = ?`, n.Position, n.Author, n.Text, n.Confidential)
	})
}

func scanRemark(r scanner) (model.Remark, error) {
	var m model.Remark
	err := r.Scan(&m.ID, &m.ItemID, &m.Position, &m.Kind, &m.Text, &m.Confidential, &m.Version)
	return m, err
}

// CreateRemark stores a free minutes row; a zero Position places it after
// the item's last row. The live page's form is guarded by its one-time
// key (SentOnce).
func (s *Store) CreateRemark(ctx context.Context, m model.Remark, opts ...FormOption) (int64, error) {
	if m.ItemID == 0 || !m.Kind.Valid() {
		return 0, model.InputError("Eine Protokollzeile braucht TOP und eine bekannte Art, nicht „%s“.", m.Kind)
	}
	if err := model.CheckTextLength(m.Text, "Der Vermerk", model.TextMax); err != nil {
		return 0, model.AtField("text", err)
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		// Dated inside once: the same form sent again stores nothing and
		// moves no Stand.
		id, err = s.once(ctx, tx, formOptionsOf(opts), "remark", func() (int64, error) {
			return s.addRemarkTx(ctx, tx, m)
		})
		return err
	})
	return id, err
}

// addRemarkTx stores a free minutes row inside tx (CreateRemark, and the
// result of an approval of minutes, recordApprovalResult): the minutes'
// Stand moved as the row requires, a zero Position after the item's last
// row.
func (s *Store) addRemarkTx(ctx context.Context, tx *sql.Tx, m model.Remark) (int64, error) {
	after := m.Row()
	if err := s.changeMinutesAt(ctx, tx, m.ItemID, model.PublicRowChanged(nil, &after)); err != nil {
		return 0, err
	}
	var err error
	if m.Position, err = placeRow(ctx, tx, m.ItemID, m.Position); err != nil {
		return 0, err
	}
	return s.insert(ctx, tx, "remark", string(m.Kind),
		`INSERT INTO remarks (item_id, position, kind, text, confidential) VALUES (?, ?, ?, ?, ?)`,
		m.ItemID, m.Position, m.Kind, m.Text, m.Confidential)
}

// Remarks gives an item's free rows in order.
func (s *Store) Remarks(ctx context.Context, itemID int64) ([]model.Remark, error) {
	return queryList(ctx, s.rd, scanRemark, "remarks",
		selectRemarks+` WHERE item_id = ? ORDER BY position, id`, itemID)
}

// UpdateRemark changes a remark; m.Version must be the version read.
func (s *Store) UpdateRemark(ctx context.Context, m model.Remark) error {
	if !m.Kind.Valid() {
		return model.InputError("Die Zeilenart „%s“ ist unbekannt.", m.Kind)
	}
	if err := model.CheckTextLength(m.Text, "Der Vermerk", model.TextMax); err != nil {
		return model.AtField("text", err)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := queryOne(ctx, tx, scanRemark, fmt.Sprintf("remark %d", m.ID), selectRemarks+` WHERE id = ?`, m.ID)
		if err != nil {
			return err
		}
		before, after := cur.Row(), m.Row()
		if err := s.changeMinutesAt(ctx, tx, m.ItemID, model.PublicRowChanged(&before, &after)); err != nil {
			return err
		}
		return s.updateVersioned(ctx, tx, "remarks", "remark", m.ID, m.Version,
			`position = ?, kind = ?, text = ?, confidential = ?`, m.Position, m.Kind, m.Text, m.Confidential)
	})
}

// Contribution gives the contribution with the id.
func (s *Store) Contribution(ctx context.Context, id int64) (model.Contribution, error) {
	return queryOne(ctx, s.rd, scanContribution, fmt.Sprintf("contribution %d", id),
		selectContributions+` WHERE id = ?`, id)
}

// ProtocolNote gives the protocol note with the id.
func (s *Store) ProtocolNote(ctx context.Context, id int64) (model.ProtocolNote, error) {
	return queryOne(ctx, s.rd, scanNote, fmt.Sprintf("protocol note %d", id),
		selectNotes+` WHERE id = ?`, id)
}

// nextPosition gives the position after the last minutes row of an item.
func nextPosition(ctx context.Context, q queryer, itemID int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT MAX(p) FROM (
		SELECT COALESCE(MAX(position), 0) AS p FROM contributions WHERE item_id = ?
		UNION ALL SELECT COALESCE(MAX(position), 0) FROM protocol_notes WHERE item_id = ?
		UNION ALL SELECT COALESCE(MAX(position), 0) FROM remarks WHERE item_id = ?
		UNION ALL SELECT COALESCE(MAX(position), 0) FROM decisions WHERE item_id = ?) AS positions`, itemID, itemID, itemID, itemID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: next position: %w", err)
	}
	return n + 1, nil
}

// placeRow gives the position of a new minutes row of an item: pos if set,
// else the place after the item's last row, read inside the writing
// transaction so concurrent writers never share a position.
func placeRow(ctx context.Context, tx *sql.Tx, itemID int64, pos int) (int, error) {
	if pos != 0 {
		return pos, nil
	}
	return nextPosition(ctx, tx, itemID)
}

// setItemFlag ticks an outcome box of an item (Protokollnotiz, Beschluss)
// inside tx when a row of that kind is added. The flag follows from the row,
// so the item's version is kept and open edits of the item stay valid.
func (s *Store) setItemFlag(ctx context.Context, tx *sql.Tx, itemID int64, column string) error {
	if err := s.touch(ctx, tx, "agenda_item", itemID); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, "UPDATE agenda_items SET "+column+" = 1 WHERE id = ? AND "+column+" = 0", itemID)
	if err != nil {
		return fmt.Errorf("store: set %s of item %d: %w", column, itemID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return s.audit(ctx, tx, "update", "agenda_item", itemID, column)
}
